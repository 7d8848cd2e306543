#pragma once
// Export a dataset's records (by default the accepted ones) to Alpaca JSON,
// JSONL, ShareGPT, OpenAI messages or CSV, system messages and conversations
// included (see writeDataset in data/formats.h), optionally split into train
// and validation files with a seed. Runs on any thread; files are written
// atomically.

#include <QString>
#include <QStringList>

#include "core/progress.h"
#include "data/formats.h"

namespace sft {

struct ExportOptions
{
    qint64 datasetId = 0;
    DatasetFormat format = DatasetFormat::AlpacaJson;
    QString path;                     ///< with a split: base_train.ext and base_validation.ext
    bool acceptedOnly = true;
    bool pendingToo = false;          ///< with acceptedOnly: pending records as well (everything not rejected)
    double validationFraction = 0.0;  ///< 0 = one file
    quint64 seed = 42;
};

struct ExportResult
{
    qint64 train = 0;
    qint64 validation = 0;
    QStringList files;
};

/** Throws sft::Error or sft::Cancelled (then no file is left behind). */
ExportResult exportDataset(const QString &workspacePath, const ExportOptions &options, const ProgressFn &progress = {});

/** The two file names a split export writes for path. */
QStringList splitFileNames(const QString &path);

} // namespace sft
