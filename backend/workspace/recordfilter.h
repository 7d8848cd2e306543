#pragma once
// Which records a view shows and in what order. queryRecordIds() turns a filter
// into the ordered list of record ids; it can take a while on a million rows,
// so views run it off the UI thread and page the rows in by id.

#include <QString>
#include <QVector>

#include <atomic>

#include "workspace/workspace.h"

namespace sft {

/** Columns a record list can be sorted by. */
enum class RecordColumn { Id = 0, Status, Instruction, Input, Output, Tags, Modified, Turns, Count };

struct RecordFilter
{
    qint64 datasetId = 0;
    int statusMask = 0;        ///< bit (1 << int(RecordStatus)); 0 = every status
    bool flaggedOnly = false;
    QString tag;               ///< empty = any
    QString rule;              ///< records rejected by this rule; empty = any
    QString search;            ///< full-text: every term must occur (substring, case-insensitive) in the
                               ///< instruction, input, output, system message or any turn
    int minTurns = 0;          ///< at least this many turns (user messages); 0 = no bound
    int maxTurns = 0;          ///< at most this many turns; 0 = no bound
    RecordColumn sortColumn = RecordColumn::Id;
    bool descending = false;

    bool operator==(const RecordFilter &o) const;
    bool operator!=(const RecordFilter &o) const { return !(*this == o); }
};

/** Ordered ids of the matching records; returns early (empty) when *cancel becomes true. */
QVector<qint64> queryRecordIds(QSqlDatabase db, const RecordFilter &filter, const std::atomic<bool> *cancel = nullptr);

} // namespace sft
