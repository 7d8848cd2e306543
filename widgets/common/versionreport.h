#pragma once
// The versions in use, as `sftbench --version` prints them and Help ▸ About
// copies them: the application, Qt, SQLite (the workspace's driver), LibTorch
// (asked of the worker, which is what links it), the translations folder and
// the licence. Plain English lines, stable for scripts and bug reports.

#include <QString>

namespace sft {

/**
 * The report, one "Name value" per line, the first "sftbench VERSION". Runs
 * `workerProgram --version` (at most timeoutMs) for the LibTorch line; a
 * missing or failing worker is reported on that line, not thrown. Needs only a
 * QCoreApplication (no display).
 */
QString versionReport(const QString &workerProgram, int timeoutMs = 15000);

/**
 * The same report with the worker's answer given: its LibTorch version, or
 * empty and why not. Help ▸ About, which asks the worker without blocking,
 * copies its answer so far.
 */
QString versionReportWithTorch(const QString &workerProgram, const QString &torchVersion, const QString &why);

} // namespace sft
