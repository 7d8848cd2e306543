// Prompt templates and demonstration sets in the workspace's prompt_templates
// and demo_sets tables (schema.cpp, version 2), and their JSON file form.

#include "workspace/promptstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>

#include "core/error.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"
#include "workspace/writetransaction.h"

namespace sft::promptstore {

namespace {

const char kTemplateKind[] = "sftbench-prompt-template";
const char kDemoSetKind[] = "sftbench-demo-set";

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
QString compact(const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)); }

void run(const QSqlDatabase &db, QSqlQuery &q, const char *what)
{
    execOrThrow(db, q, std::string("cannot ") + what);
}

QDateTime fromSecs(qint64 s) { return QDateTime::fromSecsSinceEpoch(s); }

QString requireString(const QJsonObject &o, const char *field, const char *kind)
{
    const QJsonValue v = o.value(QLatin1String(field));
    if (!v.isString())
        throw Error(std::string(kind) + ": field \"" + field + "\" is missing or not a string");
    return v.toString();
}

void requireKind(const QJsonObject &o, const char *kind)
{
    const QString k = o.value(QStringLiteral("kind")).toString();
    if (k != QLatin1String(kind))
        throw Error(std::string("not a ") + kind + " file (its \"kind\" is \"" + ss(k) + "\")");
}

} // namespace

QList<PromptTemplateEntry> templates(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, name, template, answers_json, options_json, modified FROM prompt_templates"
                             " ORDER BY name"));
    run(db, q, "list prompt templates");
    QList<PromptTemplateEntry> out;
    while (q.next()) {
        PromptTemplateEntry e;
        e.id = q.value(0).toLongLong();
        e.name = q.value(1).toString();
        e.text = q.value(2).toString();
        e.answers = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        e.options = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        e.modified = fromSecs(q.value(5).toLongLong());
        out.push_back(e);
    }
    return out;
}

qint64 saveTemplate(QSqlDatabase db, const PromptTemplateEntry &entry)
{
    if (entry.name.trimmed().isEmpty())
        throw Error("a prompt template needs a name");
    // Write and read the id back under one lock, so the id is the row just written.
    WriteTransaction tx(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO prompt_templates(name, template, answers_json, options_json, modified)"
        " VALUES(:n, :t, :a, :o, :m) ON CONFLICT(name) DO UPDATE SET template = excluded.template,"
        " answers_json = excluded.answers_json, options_json = excluded.options_json, modified = excluded.modified"));
    q.bindValue(QStringLiteral(":n"), entry.name.trimmed());
    q.bindValue(QStringLiteral(":t"), nonNull(entry.text));
    q.bindValue(QStringLiteral(":a"), compact(entry.answers));
    q.bindValue(QStringLiteral(":o"), compact(entry.options));
    q.bindValue(QStringLiteral(":m"), QDateTime::currentSecsSinceEpoch());
    run(db, q, "save the prompt template");
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM prompt_templates WHERE name = :n"));
    id.bindValue(QStringLiteral(":n"), entry.name.trimmed());
    run(db, id, "read the prompt template back");
    const qint64 rowId = id.next() ? id.value(0).toLongLong() : 0;
    id.finish();
    tx.commit();
    return rowId;
}

void removeTemplate(QSqlDatabase db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM prompt_templates WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    run(db, q, "delete the prompt template");
}

QList<DemoSetEntry> demoSets(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, name, format, separator, header, demos_json, modified FROM demo_sets"
                             " ORDER BY name"));
    run(db, q, "list demonstration sets");
    QList<DemoSetEntry> out;
    while (q.next()) {
        DemoSetEntry e;
        e.id = q.value(0).toLongLong();
        e.name = q.value(1).toString();
        e.format = q.value(2).toString();
        e.separator = q.value(3).toString();
        e.header = q.value(4).toString();
        e.demos = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array();
        e.modified = fromSecs(q.value(6).toLongLong());
        out.push_back(e);
    }
    return out;
}

qint64 saveDemoSet(QSqlDatabase db, const DemoSetEntry &entry)
{
    if (entry.name.trimmed().isEmpty())
        throw Error("a demonstration set needs a name");
    WriteTransaction tx(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO demo_sets(name, format, separator, header, demos_json, modified)"
        " VALUES(:n, :f, :s, :h, :d, :m) ON CONFLICT(name) DO UPDATE SET format = excluded.format,"
        " separator = excluded.separator, header = excluded.header, demos_json = excluded.demos_json,"
        " modified = excluded.modified"));
    q.bindValue(QStringLiteral(":n"), entry.name.trimmed());
    q.bindValue(QStringLiteral(":f"), nonNull(entry.format));
    q.bindValue(QStringLiteral(":s"), nonNull(entry.separator));
    q.bindValue(QStringLiteral(":h"), nonNull(entry.header));
    q.bindValue(QStringLiteral(":d"), compact(entry.demos));
    q.bindValue(QStringLiteral(":m"), QDateTime::currentSecsSinceEpoch());
    run(db, q, "save the demonstration set");
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM demo_sets WHERE name = :n"));
    id.bindValue(QStringLiteral(":n"), entry.name.trimmed());
    run(db, id, "read the demonstration set back");
    const qint64 rowId = id.next() ? id.value(0).toLongLong() : 0;
    id.finish();
    tx.commit();
    return rowId;
}

void removeDemoSet(QSqlDatabase db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM demo_sets WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    run(db, q, "delete the demonstration set");
}

QList<RecordData> records(QSqlDatabase db, qint64 datasetId, bool acceptedOnly, int limit, int offset)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, instruction, input, output, status FROM records WHERE dataset_id = :d")
              + (acceptedOnly ? QStringLiteral(" AND status = 1") : QString())
              + QStringLiteral(" ORDER BY id LIMIT :l OFFSET :o"));
    q.bindValue(QStringLiteral(":d"), datasetId);
    q.bindValue(QStringLiteral(":l"), limit);
    q.bindValue(QStringLiteral(":o"), offset);
    run(db, q, "read records");
    QList<RecordData> out;
    while (q.next()) {
        RecordData r;
        r.id = q.value(0).toLongLong();
        r.datasetId = datasetId;
        r.instruction = q.value(1).toString();
        r.input = q.value(2).toString();
        r.output = q.value(3).toString();
        r.status = RecordStatus(q.value(4).toInt());
        out.push_back(r);
    }
    return out;
}

int recordCount(QSqlDatabase db, qint64 datasetId, bool acceptedOnly)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM records WHERE dataset_id = :d")
              + (acceptedOnly ? QStringLiteral(" AND status = 1") : QString()));
    q.bindValue(QStringLiteral(":d"), datasetId);
    run(db, q, "count records");
    return q.next() ? q.value(0).toInt() : 0;
}

QString recordText(const RecordData &r)
{
    return r.input.isEmpty() ? r.instruction : r.instruction + QLatin1Char('\n') + r.input;
}

QJsonObject toJson(const PromptTemplateEntry &e)
{
    return {{QStringLiteral("kind"), QLatin1String(kTemplateKind)},
            {QStringLiteral("version"), 1},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("template"), e.text},
            {QStringLiteral("answers"), e.answers},
            {QStringLiteral("options"), e.options}};
}

QJsonObject toJson(const DemoSetEntry &e)
{
    return {{QStringLiteral("kind"), QLatin1String(kDemoSetKind)},
            {QStringLiteral("version"), 1},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("format"), e.format},
            {QStringLiteral("separator"), e.separator},
            {QStringLiteral("header"), e.header},
            {QStringLiteral("demos"), e.demos}};
}

PromptTemplateEntry templateFromJson(const QJsonObject &o)
{
    requireKind(o, kTemplateKind);
    PromptTemplateEntry e;
    e.name = requireString(o, "name", kTemplateKind);
    e.text = requireString(o, "template", kTemplateKind);
    if (!o.value(QStringLiteral("answers")).isObject()
        || !o.value(QStringLiteral("answers")).toObject().value(QStringLiteral("labels")).isArray())
        throw Error(std::string(kTemplateKind) + ": field \"answers\" must be an object with a \"labels\" array");
    e.answers = o.value(QStringLiteral("answers")).toObject();
    e.options = o.value(QStringLiteral("options")).toObject();
    return e;
}

DemoSetEntry demoSetFromJson(const QJsonObject &o)
{
    requireKind(o, kDemoSetKind);
    DemoSetEntry e;
    e.name = requireString(o, "name", kDemoSetKind);
    e.format = requireString(o, "format", kDemoSetKind);
    e.separator = o.value(QStringLiteral("separator")).toString();
    e.header = o.value(QStringLiteral("header")).toString();
    if (!o.value(QStringLiteral("demos")).isArray())
        throw Error(std::string(kDemoSetKind) + ": field \"demos\" must be an array");
    e.demos = o.value(QStringLiteral("demos")).toArray();
    for (int i = 0; i < e.demos.size(); ++i)
        if (!e.demos.at(i).isObject() || !e.demos.at(i).toObject().value(QStringLiteral("input")).isString())
            throw Error(std::string(kDemoSetKind) + ": demos[" + std::to_string(i)
                        + "] must be an object with a string \"input\"");
    return e;
}

void writeJsonFile(const QString &path, const QJsonObject &object)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error("cannot write " + ss(path) + ": " + ss(f.errorString()));
    f.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QJsonObject readJsonFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error("cannot read " + ss(path) + ": " + ss(f.errorString()));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        throw Error(ss(path) + ": not valid JSON at offset " + std::to_string(err.offset) + ": "
                    + ss(err.errorString()));
    if (!doc.isObject())
        throw Error(ss(path) + ": expected a JSON object");
    return doc.object();
}

} // namespace sft::promptstore
