#pragma once
// Installs Qt's and the application's translators; switching language at run
// time sends LanguageChange to every widget, which re-translates itself.

#include <QObject>
#include <QStringList>

class QTranslator;

class LanguageManager : public QObject
{
    Q_OBJECT

public:
    static LanguageManager *instance();

    /** "en" or "zh_CN"; empty = the system language. Returns false for an unknown language. */
    bool setLanguage(const QString &language);
    QString language() const { return m_language; }
    /** Languages the application ships, with their own names. */
    static QList<QPair<QString, QString>> available();

private:
    explicit LanguageManager(QObject *parent = nullptr);
    QString m_language;
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
};
