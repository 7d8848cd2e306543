#include "common/versionreport.h"

#include <QtGlobal>

#include "buildinfo.h"
#include "common/languagemanager.h"
#include "workspace/versioninfo.h"

namespace sft {

QString versionReport(const QString &workerProgram, int timeoutMs)
{
    QString why;
    const QString torch = workerTorchVersion(workerProgram, timeoutMs, &why);
    return versionReportWithTorch(workerProgram, torch, why);
}

QString versionReportWithTorch(const QString &workerProgram, const QString &torchVersion, const QString &why)
{
    QString report = QStringLiteral("sftbench " SFTBENCH_BUILD_VERSION "\n");
    report += QStringLiteral("Qt %1 (built with " QT_VERSION_STR ")\n").arg(QString::fromLatin1(qVersion()));
    const QString sqlite = sqliteVersion();
    report += sqlite.isEmpty() ? QStringLiteral("SQLite unknown (no QSQLITE driver)\n")
                               : QStringLiteral("SQLite %1\n").arg(sqlite);
    report += torchVersion.isEmpty() ? QStringLiteral("LibTorch unknown (worker %1: %2)\n").arg(workerProgram, why)
                                     : QStringLiteral("LibTorch %1 (worker %2)\n").arg(torchVersion, workerProgram);
    const QString translations = LanguageManager::translationsDir();
    report += QStringLiteral("Translations %1\n")
                  .arg(translations.isEmpty() ? QStringLiteral("built-in") : translations);
    report += QStringLiteral("Licence " SFTBENCH_BUILD_LICENSE "\n");
    return report;
}

} // namespace sft
