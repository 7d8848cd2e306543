#include "common/languagemanager.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QWidget>

#include "buildinfo.h"

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

QString LanguageManager::translationsDirFor(const QString &appDir)
{
    const QString dir = QDir::cleanPath(QDir(appDir).absoluteFilePath(
        QStringLiteral(SFTBENCH_BUILD_BIN_TO_DATADIR "/sftbench/translations")));
    // The Chinese catalogue stands for the set: English has only plural forms.
    return QFileInfo::exists(dir + QStringLiteral("/sftbench_zh_CN.qm")) ? dir : QString();
}

QString LanguageManager::translationsDir()
{
    return translationsDirFor(QCoreApplication::applicationDirPath());
}

QString LanguageManager::translationFile() const
{
    return m_app ? m_app->filePath() : QString();
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
    // The installed catalogues first (what a packager or translator may update), else the
    // copies compiled into the binary.
    m_app = new QTranslator(this);
    const QString installed = translationsDir();
    const QString name = QStringLiteral("sftbench_") + language;
    if ((!installed.isEmpty() && m_app->load(name, installed)) || m_app->load(name, QStringLiteral(":/i18n"))) {
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
