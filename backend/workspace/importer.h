#pragma once
// Import a dataset file into a workspace as one transaction: a bad file (or a
// cancel) leaves the workspace exactly as it was. Runs on any thread (it opens
// its own connection), so the GUI calls it from a background job.

#include <QString>

#include "core/progress.h"
#include "data/formats.h"

namespace sft {

struct ImportOptions
{
    QString file;
    DatasetFormat format = DatasetFormat::Auto;
    qint64 datasetId = 0;   ///< append to this dataset; 0 = create datasetName
    QString datasetName;    ///< new dataset's name (default: the file's base name)
};

struct ImportResult
{
    qint64 datasetId = 0;
    qint64 records = 0;
    double parseSeconds = 0;
    double insertSeconds = 0;
};

/** Throws sft::Error (file, line, record, field) or sft::Cancelled; nothing is written then. */
ImportResult importFile(const QString &workspacePath, const ImportOptions &options, const ProgressFn &progress = {});

/** Insert already-parsed records into a new or existing dataset, one transaction. */
ImportResult importRecords(const QString &workspacePath, const std::vector<Record> &records,
                           const ImportOptions &options, const ProgressFn &progress = {});

} // namespace sft
