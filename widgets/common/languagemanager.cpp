#include "common/languagemanager.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QWidget>

LanguageManager *LanguageManager::instance()
{
    static auto *manager = new LanguageManager(qApp);
    return manager;
}

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

QList<QPair<QString, QString>> LanguageManager::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

bool LanguageManager::setLanguage(const QString &requested)
{
    QString language = requested;
    if (language.isEmpty())
        language = QLocale::system().name().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
    bool known = false;
    for (const auto &l : available())
        known |= l.first == language;
    if (!known)
        return false;
    if (m_app) {
        QCoreApplication::removeTranslator(m_app);
        delete m_app;
        m_app = nullptr;
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt);
        delete m_qt;
        m_qt = nullptr;
    }
    m_language = language;
    QLocale::setDefault(QLocale(language));
    if (language != QLatin1String("en")) {
        m_qt = new QTranslator(this);
        if (m_qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
    }
    // English has a catalogue too: the plural forms ("1 record", "2 records") of "%n record(s)".
    m_app = new QTranslator(this);
    if (m_app->load(QStringLiteral(":/i18n/sftbench_") + language)) {
        QCoreApplication::installTranslator(m_app);
        // installTranslator posts LanguageChange: deliver it now so the switch is synchronous.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    } else {
        QEvent e(QEvent::LanguageChange);
        for (QWidget *w : QApplication::allWidgets())
            QCoreApplication::sendEvent(w, &e);
    }
    return true;
}
