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
    FieldMapping mapping;   ///< other field names (Alpaca JSON, JSONL, CSV)
    OasstPaths oasstPaths = OasstPaths::Best;
    QString language;       ///< OpenAssistant trees of this language only; empty = all
    QString source;         ///< every record's source (e.g. "catalogue:dolly-15k"); empty = the file's name
    /** The reader's options these describe. */
    ReadOptions readOptions() const;
};

struct ImportResult
{
    qint64 datasetId = 0;
    bool createdDataset = false;  ///< a new dataset (not an append)
    QString datasetName;          ///< its name (made unique for a new one)
    qint64 records = 0;
    qint64 firstRecordId = 0, lastRecordId = 0;  ///< the new records are exactly these ids (0 when none)
    double parseSeconds = 0;
    double insertSeconds = 0;
};

/** Throws sft::Error (file, line, record, field) or sft::Cancelled; nothing is written then. */
ImportResult importFile(const QString &workspacePath, const ImportOptions &options, const ProgressFn &progress = {});

/** Insert already-parsed records into a new or existing dataset, one transaction. */
ImportResult importRecords(const QString &workspacePath, const std::vector<Record> &records,
                           const ImportOptions &options, const ProgressFn &progress = {});

/** The first records of a file as the importer would read them, without reading it all. */
struct ImportPreview
{
    DatasetFormat format = DatasetFormat::Auto;  ///< the format read (the detected one for Auto)
    std::vector<Record> records;                 ///< at most maxRecords
    bool wholeFile = false;                      ///< records is every record of the file
    QString error;                               ///< the reader's error (file:line: ...), empty when none
};

/**
 * Parse the beginning of file: whole records only (complete lines, complete
 * elements of a JSON array, complete CSV rows), so an error in the preview is
 * an error of the file. Reads at most 64 MiB; never throws.
 */
ImportPreview previewFile(const QString &file, DatasetFormat format = DatasetFormat::Auto, int maxRecords = 20);
/** The same with a field mapping and OpenAssistant options (what the mapping dialog previews). */
ImportPreview previewFile(const QString &file, const ReadOptions &options, int maxRecords = 20);

} // namespace sft
