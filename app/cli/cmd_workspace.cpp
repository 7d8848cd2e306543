// sftbench-cli import / export / stats / add: the curation panel's data
// operations without the GUI (Qt Core + Sql only). Each write is a workspace
// write transaction, so it waits its turn while the GUI or another process is
// writing the same file instead of failing.

#include "cli/command.h"
#include "core/args.h"
#include "core/error.h"
#include "workspace/exporter.h"
#include "workspace/importer.h"
#include "workspace/qtstrings.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace sft::cli {

namespace {

// QtSql loads its driver as a plugin, which wants an application object.
struct App
{
    int argc = 1;
    char name[16] = "sftbench-cli";
    char *argv[2] = {name, nullptr};
    QCoreApplication app{argc, argv};
};

DatasetFormat parseFormat(const std::string &name, const char *names)
{
    DatasetFormat f;
    if (!formatFromName(name, f))
        throw Error("unknown format \"" + name + "\" (" + names + ")");
    return f;
}

constexpr const char *kImportFormats = "auto, alpaca, jsonl, sharegpt, openai, oasst, ultrachat, csv or seed";
constexpr const char *kExportFormats = "alpaca, jsonl, sharegpt, openai or csv";

// A live dataset by name (surrounding spaces ignored, as when a dataset is created) or by id; a name
// first, since a dataset may be called "2". 0 when there is none.
qint64 lookupDataset(Workspace &ws, const std::string &nameOrId)
{
    const QString wanted = qs(nameOrId).trimmed();
    const auto sets = ws.datasets();
    for (const auto &d : sets)
        if (d.name == wanted)
            return d.id;
    for (const auto &d : sets)
        if (QString::number(d.id) == wanted)
            return d.id;
    return 0;
}

qint64 findDataset(Workspace &ws, const std::string &nameOrId)
{
    if (const qint64 id = lookupDataset(ws, nameOrId))
        return id;
    throw Error("no dataset \"" + nameOrId + "\" in " + ss(ws.path()) + " (see sftbench-cli stats)");
}

// Says on stderr when another program (the GUI, a Generate run) holds the workspace's write lock, so a
// script sees why it waits: a write lock asked for without waiting, then given back at once. The write
// that follows waits its turn as usual (the connection's busy timeout).
void announceWaitForWriteLock(Workspace &ws)
{
    QSqlDatabase d = ws.db();
    QSqlQuery q(d);
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout")) || !q.next())
        return;
    const int timeout = q.value(0).toInt();
    q.finish();
    q.exec(QStringLiteral("PRAGMA busy_timeout = 0"));
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        q.exec(QStringLiteral("ROLLBACK"));
    else
        std::cerr << "waiting for the write lock (another program is writing to " << ss(ws.path()) << ")…"
                  << std::endl;
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(timeout));
}

// The live datasets' names, for an error that says what there is.
std::string datasetNames(Workspace &ws)
{
    std::string names;
    for (const auto &d : ws.datasets())
        names += (names.empty() ? "" : ", ") + ('"' + ss(d.name) + '"');
    return names.empty() ? std::string("none") : names;
}

} // namespace

int runImport(const Args &args)
{
    ArgParser p("import");
    p.option("workspace", "workspace file (created if missing)")
        .option("file", "dataset file to import")
        .option("format", kImportFormats, "auto")
        .option("map", "other field names, TARGET=FIELD,... (targets: instruction, input, output, system, messages; "
                       "a field may be a dotted path), for alpaca, jsonl and csv files; e.g. Dolly: "
                       "input=context,output=response; FLAN: instruction=inputs,output=targets")
        .option("oasst-paths", "OpenAssistant trees: best (the best-ranked reply at each step) or all (every path)",
                "best")
        .option("language", "OpenAssistant trees: only those whose prompt is in this language (en, zh, ...)")
        .option("source", "every record's source (default: the file's name)")
        .option("dataset", "dataset name (default: the file's base name)")
        .flag("append", "add to the existing dataset named by --dataset")
        .flag("no-index", "skip bringing the search index up to date");
    p.parse(args);
    if (p.helpRequested()) { std::cout << p.usage(); return 0; }
    // The options first, so that a mistyped one creates no workspace.
    ImportOptions opts;
    opts.file = qs(p.required("file"));
    opts.format = parseFormat(p.value("format"), kImportFormats);
    opts.mapping = FieldMapping::parse(p.value("map"));
    const std::string paths = p.value("oasst-paths");
    if (paths != "best" && paths != "all")
        throw Error("import: --oasst-paths must be best or all, not \"" + paths + "\"");
    opts.oasstPaths = paths == "all" ? OasstPaths::All : OasstPaths::Best;
    opts.language = qs(p.value("language")).trimmed();
    opts.source = qs(p.value("source"));
    opts.datasetName = qs(p.value("dataset"));
    App app;
    // Appending needs an existing dataset, so an existing workspace; a new import may create one.
    auto ws = Workspace::open(qs(p.required("workspace")),
                              p.isSet("append") ? Workspace::OpenMode::MustExist : Workspace::OpenMode::Create);
    if (p.isSet("append"))
        opts.datasetId = findDataset(*ws, p.required("dataset"));
    const ImportResult r = importFile(ws->path(), opts);
    std::printf("imported %lld record%s into dataset %lld (parse %.3f s, insert %.3f s)\n",
                static_cast<long long>(r.records), r.records == 1 ? "" : "s", static_cast<long long>(r.datasetId),
                r.parseSeconds, r.insertSeconds);
    if (!p.isSet("no-index"))
        updateSearchIndex(ws->path());
    return 0;
}

int runExport(const Args &args)
{
    ArgParser p("export");
    p.option("workspace", "workspace file")
        .option("dataset", "dataset name or id")
        .option("format", "alpaca, jsonl, sharegpt, openai (messages JSONL) or csv (single-turn records only)",
                "alpaca")
        .option("out", "output file (with --validation: OUT_train.EXT and OUT_validation.EXT)")
        .flag("all", "export every record, not only accepted ones")
        .option("validation", "fraction held out for validation", "0")
        .option("seed", "seed of the train/validation split", "42");
    p.parse(args);
    if (p.helpRequested()) { std::cout << p.usage(); return 0; }
    ExportOptions opts;
    opts.format = parseFormat(p.value("format"), kExportFormats);
    if (opts.format == DatasetFormat::Auto || opts.format == DatasetFormat::SeedTasks
        || opts.format == DatasetFormat::Oasst || opts.format == DatasetFormat::UltraChat)
        throw Error("export: --format must be " + std::string(kExportFormats));
    App app;
    auto ws = Workspace::open(qs(p.required("workspace")), Workspace::OpenMode::MustExist);
    opts.datasetId = findDataset(*ws, p.required("dataset"));
    opts.path = qs(p.required("out"));
    opts.acceptedOnly = !p.isSet("all");
    opts.validationFraction = p.number("validation");
    if (opts.validationFraction < 0 || opts.validationFraction >= 1)
        throw Error("export: --validation must be in [0, 1)");
    opts.seed = static_cast<quint64>(p.integer("seed"));
    const ExportResult r = exportDataset(ws->path(), opts);
    std::printf("exported %lld train + %lld validation records:", static_cast<long long>(r.train),
                static_cast<long long>(r.validation));
    for (const QString &f : r.files)
        std::printf(" %s", f.toUtf8().constData());
    std::printf("\n");
    return 0;
}

int runStats(const Args &args)
{
    ArgParser p("stats");
    p.option("workspace", "workspace file").flag("json", "print JSON");
    p.parse(args);
    if (p.helpRequested()) { std::cout << p.usage(); return 0; }
    App app;
    auto ws = Workspace::open(qs(p.required("workspace")), Workspace::OpenMode::MustExist);
    const auto sets = ws->datasets();
    if (p.isSet("json")) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto &d : sets)
            arr.push_back({{"id", d.id}, {"name", ss(d.name)}, {"records", d.total}, {"pending", d.pending},
                           {"accepted", d.accepted}, {"rejected", d.rejected}, {"flagged", d.flagged}});
        std::cout << nlohmann::json{{"workspace", ss(ws->path())}, {"datasets", arr}}.dump() << '\n';
        return 0;
    }
    std::printf("%-6s %-28s %10s %10s %10s %10s %8s\n", "id", "dataset", "records", "pending", "accepted",
                "rejected", "flagged");
    for (const auto &d : sets)
        std::printf("%-6lld %-28s %10lld %10lld %10lld %10lld %8lld\n", static_cast<long long>(d.id),
                    d.name.toUtf8().constData(), static_cast<long long>(d.total), static_cast<long long>(d.pending),
                    static_cast<long long>(d.accepted), static_cast<long long>(d.rejected),
                    static_cast<long long>(d.flagged));
    return 0;
}

int runAdd(const Args &args)
{
    ArgParser p("add");
    p.option("workspace", "workspace file")
        .option("dataset", "dataset name or id")
        .option("instruction", "the instruction (required, not empty)")
        .option("input", "the input (optional context)")
        .option("output", "the expected output")
        .option("status", "pending, accepted or rejected", "pending")
        .option("reason", "why it is rejected (with --status rejected)")
        .option("source", "where the record comes from", "manual")
        .flag("create-dataset", "create the dataset when missing")
        .flag("create-workspace", "create the workspace file when missing (a mistyped path is an error without it)")
        .flag("json", "print the new record as JSON")
        .flag("no-index", "skip bringing the search index up to date");
    p.parse(args);
    if (p.helpRequested()) { std::cout << p.usage(); return 0; }
    Record r;
    r.instruction = p.required("instruction");
    if (qs(r.instruction).trimmed().isEmpty())
        throw Error("add: --instruction is empty; a record needs an instruction");
    r.input = p.value("input");
    r.output = p.value("output");
    if (!statusFromName(p.value("status"), r.status))
        throw Error("add: unknown status \"" + p.value("status") + "\" (pending, accepted, rejected)");
    r.reason = p.value("reason");
    if (!r.reason.empty() && r.status != RecordStatus::Rejected)
        throw Error("add: --reason is for --status rejected");
    r.source = p.value("source");
    const std::string datasetArg = p.required("dataset");
    const bool create = p.isSet("create-dataset");
    App app;
    // A new workspace only on request: with --create-dataset alone, a mistyped path would quietly make a
    // second workspace that the GUI never shows.
    const QString path = qs(p.required("workspace"));
    if (!p.isSet("create-workspace") && !QFileInfo::exists(path))
        throw Error("add: no such workspace: " + ss(path) + " (add --create-workspace to create it)");
    auto ws = Workspace::open(path, p.isSet("create-workspace") ? Workspace::OpenMode::Create
                                                                : Workspace::OpenMode::MustExist);
    qint64 datasetId = lookupDataset(*ws, datasetArg);
    bool created = false;
    if (!datasetId && !create)
        throw Error("add: no dataset \"" + datasetArg + "\" in " + ss(ws->path()) + " (datasets: " + datasetNames(*ws)
                    + "); add --create-dataset to create it, or import a file with sftbench-cli import");
    announceWaitForWriteLock(*ws);
    if (!datasetId)
        datasetId = ws->findOrCreateDataset(qs(datasetArg), &created);
    const qint64 id = ws->addRecord(datasetId, r);
    if (!p.isSet("no-index"))
        updateSearchIndex(ws->path());
    if (p.isSet("json")) {
        const auto info = ws->dataset(datasetId);
        std::cout << nlohmann::json{{"id", id},
                                    {"dataset", info ? ss(info->name) : datasetArg},
                                    {"dataset_id", datasetId},
                                    {"created_dataset", created},
                                    {"status", statusName(r.status)},
                                    {"source", r.source}}
                         .dump()
                  << '\n';
    } else {
        std::cout << id << '\n';
    }
    return 0;
}

} // namespace sft::cli
