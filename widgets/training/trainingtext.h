#pragma once
// Number and command-line formats the training form and the run list share.

#include <QString>

namespace trainingtext {

/** 12,288 — digits grouped by thousands whatever the locale (the labels mix numbers and units). */
QString groupDigits(qint64 n);
/** 1.2M, 12.3K, 7.0B. */
QString compactCount(qint64 n);
/** 0:31, 12:05, 1:02:03. */
QString formatDuration(double seconds);
/** Quote an argument for the command line shown (POSIX shell rules, escapes as sftbench-cli reads them). */
QString shellQuote(const QString &arg);

} // namespace trainingtext
