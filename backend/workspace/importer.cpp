#include "workspace/importer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>

#include <fstream>

#include "core/error.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/workspace.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

// Length of the longest prefix of text made of whole records (0 when none):
// up to a line end for line formats, up to the end of the count-th element of
// a JSON array (text then needs a closing "]"), up to a row end outside quotes
// for CSV.
std::size_t wholeRecordsPrefix(const std::string &text, DatasetFormat format, int count, bool &closeArray)
{
    closeArray = false;
    // JSON Lines formats, and a JSON format whose file holds objects rather than an array (ShareGPT as
    // JSONL), end a record at a line end.
    const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool objectLines = first != std::string::npos && text[first] == '{';
    if (format == DatasetFormat::Jsonl || format == DatasetFormat::SeedTasks || format == DatasetFormat::OpenAiMessages
        || format == DatasetFormat::UltraChat || format == DatasetFormat::Oasst
        || (format != DatasetFormat::Csv && objectLines)) {
        std::size_t end = 0;
        int lines = 0;
        for (std::size_t nl = text.find('\n'); nl != std::string::npos && lines < count; nl = text.find('\n', nl + 1)) {
            end = nl + 1;
            ++lines;
        }
        return end;
    }
    if (format == DatasetFormat::Csv) {
        // A line end counts only outside quotes ("" inside a quoted field flips twice).
        std::size_t end = 0;
        int rows = -1;  // the header row is not a record
        bool quoted = false;
        for (std::size_t i = 0; i < text.size() && rows < count; ++i) {
            if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == '\n' && !quoted) {
                end = i + 1;
                ++rows;
            }
        }
        return rows > 0 ? end : 0;
    }
    // A JSON array: the end of its count-th element.
    int depth = 0, elements = 0;
    bool inString = false;
    std::size_t end = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 1) {
                end = i + 1;
                if (++elements >= count)
                    break;
            } else if (depth == 0) {
                return i + 1;  // the whole array (fewer elements than count)
            }
        }
    }
    closeArray = end > 0;
    return end;
}

} // namespace

ReadOptions ImportOptions::readOptions() const
{
    ReadOptions o;
    o.format = format;
    o.mapping = mapping;
    o.oasstPaths = oasstPaths;
    o.language = ss(language);
    return o;
}

ImportPreview previewFile(const QString &file, DatasetFormat format, int maxRecords)
{
    ReadOptions options;
    options.format = format;
    return previewFile(file, options, maxRecords);
}

ImportPreview previewFile(const QString &file, const ReadOptions &readOptions, int maxRecords)
{
    ImportPreview preview;
    const std::string path = ss(file);
    ReadOptions options = readOptions;
    try {
        if (options.format == DatasetFormat::Auto)
            options.format = detectFormat(path, readOptions);
        const DatasetFormat format = options.format;
        preview.format = format;
        const QFileInfo info(file);
        if (!info.exists())
            throw Error("cannot open: no such file", {path, 0, 0, -1, {}});
        if (info.isDir())
            throw Error("is a directory, not a dataset file", {path, 0, 0, -1, {}});
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error("cannot open for reading", {path, 0, 0, -1, {}});
        const auto size = std::int64_t(info.size());
        std::string text;
        // Read more until maxRecords whole records are in (a record may be long).
        for (std::int64_t want = 256 << 10;; want *= 4) {
            const auto have = std::int64_t(text.size());
            const std::int64_t target = std::min(size, std::min<std::int64_t>(want, 64ll << 20));
            if (target > have) {
                text.resize(std::size_t(target));
                in.read(text.data() + have, std::streamsize(target - have));
                text.resize(std::size_t(have + in.gcount()));
            }
            if (std::int64_t(text.size()) >= size) {
                preview.wholeFile = true;
                break;
            }
            bool closeArray = false;
            const std::size_t end = wholeRecordsPrefix(text, format, maxRecords, closeArray);
            if (end > 0 || want >= (64ll << 20)) {
                text.resize(end);
                if (closeArray)
                    text += "\n]";
                break;
            }
        }
        std::vector<Record> records = parseDataset(text, options, path);
        if (std::int64_t(records.size()) > maxRecords) {
            records.resize(std::size_t(maxRecords));
            preview.wholeFile = false;
        }
        preview.records = std::move(records);
    } catch (const std::exception &e) {
        preview.error = QString::fromUtf8(e.what());
    }
    return preview;
}

ImportResult importFile(const QString &workspacePath, const ImportOptions &options, const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    // Parsing is the first half of the progress bar, inserting the second.
    const std::vector<Record> records = readDataset(ss(options.file), options.readOptions(), progress);
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
    ImportResult result;
    if (datasetId == 0) {
        const QString name = Workspace::uniqueName(db, QStringLiteral("datasets"), options.datasetName);
        q.prepare(QStringLiteral("INSERT INTO datasets(name, created) VALUES(?, ?)"));
        q.addBindValue(name);
        q.addBindValue(stamp);
        execOrThrow(db, q, "cannot create the dataset");
        datasetId = q.lastInsertId().toLongLong();
        result.createdDataset = true;
        result.datasetName = name;
    } else {
        q.prepare(QStringLiteral("SELECT 1 FROM datasets WHERE id = ? AND trashed_name IS NULL"));
        q.addBindValue(datasetId);
        execOrThrow(db, q, "cannot read the datasets");
        if (!q.next())
            throw Error("no dataset with id " + std::to_string(datasetId), {ss(workspacePath), 0, 0, -1, {}});
        q.prepare(QStringLiteral("SELECT name FROM datasets WHERE id = ?"));
        q.addBindValue(datasetId);
        execOrThrow(db, q, "cannot read the datasets");
        if (q.next())
            result.datasetName = q.value(0).toString();
    }
    schema::prepareRecordInsert(q);
    const auto total = std::int64_t(records.size());
    const std::string source = ss(options.source);
    for (std::int64_t i = 0; i < total; ++i) {
        try {
            if (source.empty()) {
                schema::bindRecordInsert(q, datasetId, records[std::size_t(i)], stamp);
            } else {
                Record r = records[std::size_t(i)];
                r.source = source;
                schema::bindRecordInsert(q, datasetId, r, stamp);
            }
        } catch (const Error &e) {
            throw Error(e.message(), {ss(options.file), 0, 0, i, e.where().field});
        }
        execOrThrow(db, q, "cannot insert record " + std::to_string(i + 1));
        // Under the write lock rowids are handed out in order: the new records are first..last.
        const qint64 id = q.lastInsertId().toLongLong();
        if (i == 0)
            result.firstRecordId = id;
        result.lastRecordId = id;
        if ((i & 0x3FF) == 0)
            reportProgress(progress, i, total);
    }
    q.finish();
    schema::recount(db, datasetId);
    tx.commit();
    result.datasetId = datasetId;
    result.records = total;
    result.insertSeconds = timer.nsecsElapsed() / 1e9;
    return result;
}

} // namespace sft
