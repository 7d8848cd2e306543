#include "workspace/exporter.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include "core/error.h"
#include "data/split.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"

namespace sft {

QStringList splitFileNames(const QString &path)
{
    const QFileInfo info(path);
    const QString dir = info.path() + QLatin1Char('/');
    const QString ext = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    return {dir + info.completeBaseName() + QStringLiteral("_train") + ext,
            dir + info.completeBaseName() + QStringLiteral("_validation") + ext};
}

ExportResult exportDataset(const QString &workspacePath, const ExportOptions &options, const ProgressFn &progress)
{
    if (options.format == DatasetFormat::SeedTasks || options.format == DatasetFormat::Auto
        || options.format == DatasetFormat::Oasst || options.format == DatasetFormat::UltraChat)
        throw Error("export formats are alpaca, jsonl, sharegpt, openai and csv");
    std::vector<Record> records;
    {
        ScopedConnection conn(workspacePath);
        QSqlQuery q(conn.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT instruction, input, output, system, turns FROM records WHERE dataset_id = ?")
                  + (!options.acceptedOnly ? QString()
                     : options.pendingToo ? QStringLiteral(" AND status <> 2")
                                          : QStringLiteral(" AND status = 1"))
                  + QStringLiteral(" ORDER BY id"));
        q.addBindValue(options.datasetId);
        if (!q.exec())
            throw Error("workspace read failed: " + ss(q.lastError().text()), {ss(workspacePath), 0, 0, -1, {}});
        while (q.next()) {
            Record r;
            r.instruction = ss(q.value(0).toString());
            r.input = ss(q.value(1).toString());
            r.output = ss(q.value(2).toString());
            r.system = ss(q.value(3).toString());
            r.turns = schema::turnsFromJson(q.value(4).toString());
            records.push_back(std::move(r));
            if ((records.size() & 0xFFF) == 0)
                reportProgress(progress, std::int64_t(records.size()), 0);
        }
    }
    ExportResult result;
    if (options.validationFraction <= 0.0) {
        writeDatasetFile(records, options.format, ss(options.path));
        result.train = std::int64_t(records.size());
        result.files << options.path;
        return result;
    }
    const Split split = splitIndices(std::int64_t(records.size()), options.validationFraction, options.seed);
    auto pick = [&](const std::vector<std::int64_t> &idx) {
        std::vector<Record> out;
        out.reserve(idx.size());
        for (auto i : idx)
            out.push_back(records[std::size_t(i)]);
        return out;
    };
    const QStringList names = splitFileNames(options.path);
    writeDatasetFile(pick(split.train), options.format, ss(names[0]));
    writeDatasetFile(pick(split.validation), options.format, ss(names[1]));
    result.train = std::int64_t(split.train.size());
    result.validation = std::int64_t(split.validation.size());
    result.files = names;
    return result;
}

} // namespace sft
