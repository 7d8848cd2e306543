#include "workspace/importer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/workspace.h"
#include "workspace/writetransaction.h"

namespace sft {

ImportResult importFile(const QString &workspacePath, const ImportOptions &options, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    // Parsing is the first half of the progress bar, inserting the second.
    const std::vector<Record> records = readDataset(ss(options.file), options.format, progress);
    const double parseSeconds = timer.nsecsElapsed() / 1e9;
    ImportOptions opts = options;
    if (opts.datasetId == 0 && opts.datasetName.isEmpty())
        opts.datasetName = QFileInfo(options.file).completeBaseName();
    ImportResult result = importRecords(workspacePath, records, opts, progress);
    result.parseSeconds = parseSeconds;
    return result;
}

ImportResult importRecords(const QString &workspacePath, const std::vector<Record> &records,
                           const ImportOptions &options, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    ScopedConnection conn(workspacePath);
    QSqlDatabase db = conn.db();
    // Any throw below (an SQL error, a cancel) leaves the transaction to roll back.
    WriteTransaction tx(db);
    QSqlQuery q(db);
    const qint64 stamp = QDateTime::currentSecsSinceEpoch();
    qint64 datasetId = options.datasetId;
    if (datasetId == 0) {
        const QString name = Workspace::uniqueName(db, QStringLiteral("datasets"), options.datasetName);
        q.prepare(QStringLiteral("INSERT INTO datasets(name, created) VALUES(?, ?)"));
        q.addBindValue(name);
        q.addBindValue(stamp);
        execOrThrow(db, q, "cannot create the dataset");
        datasetId = q.lastInsertId().toLongLong();
    } else {
        q.prepare(QStringLiteral("SELECT 1 FROM datasets WHERE id = ?"));
        q.addBindValue(datasetId);
        execOrThrow(db, q, "cannot read the datasets");
        if (!q.next())
            throw Error("no dataset with id " + std::to_string(datasetId), {ss(workspacePath), 0, 0, -1, {}});
    }
    q.prepare(QStringLiteral("INSERT INTO records(dataset_id, instruction, input, output, status, reason, tags, note,"
                             " source, flagged, created, modified) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"));
    const auto total = std::int64_t(records.size());
    for (std::int64_t i = 0; i < total; ++i) {
        const Record &r = records[std::size_t(i)];
        q.bindValue(0, datasetId);
        q.bindValue(1, qs(r.instruction));
        q.bindValue(2, qs(r.input));
        q.bindValue(3, qs(r.output));
        q.bindValue(4, int(r.status));
        q.bindValue(5, qs(r.reason));
        QStringList tags;
        for (const auto &t : r.tags)
            tags << qs(t);
        q.bindValue(6, Workspace::joinTags(tags));
        q.bindValue(7, qs(r.note));
        q.bindValue(8, qs(r.source));
        q.bindValue(9, r.flagged ? 1 : 0);
        q.bindValue(10, stamp);
        q.bindValue(11, stamp);
        execOrThrow(db, q, "cannot insert record " + std::to_string(i + 1));
        if ((i & 0x3FF) == 0)
            reportProgress(progress, i, total);
    }
    q.finish();
    schema::recount(db, datasetId);
    tx.commit();
    ImportResult result;
    result.datasetId = datasetId;
    result.records = total;
    result.insertSeconds = timer.nsecsElapsed() / 1e9;
    return result;
}

} // namespace sft
