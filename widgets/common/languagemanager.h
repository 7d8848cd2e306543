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
    /**
     * The installed translations folder (<prefix>/share/sftbench/translations beside the
     * executable's <prefix>/bin), or empty when there is none: the build tree and tests use
     * the catalogues compiled into the binary (:/i18n).
     */
    static QString translationsDir();
    /** translationsDir() for an executable in appDir (the folder holding it). */
    static QString translationsDirFor(const QString &appDir);
    /** The catalogue loaded for the current language: a file path or ":/i18n/...", empty if none. */
    QString translationFile() const;

private:
    explicit LanguageManager(QObject *parent = nullptr);
    QString m_language;
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
};
