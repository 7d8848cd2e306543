#pragma once
// Brings the full-text index (records_fts: instruction, input, output and the
// conversation, i.e. the system message and every turn) up to date in small
// transactions, so an import stays fast and edits never wait long behind the
// indexer. Rows above the watermark meta.fts_upto are still found, by a slower
// LIKE scan.

#include <QString>

#include "core/progress.h"

namespace sft {

/** Index every record above the watermark; returns how many were indexed. Any thread. */
qint64 updateSearchIndex(const QString &workspacePath, const ProgressFn &progress = {}, int chunk = 2000);

/** Records not yet in the index. */
qint64 unindexedRecords(const QString &workspacePath);

} // namespace sft
