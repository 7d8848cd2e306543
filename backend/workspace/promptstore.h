#pragma once
// Prompt templates (with their answer space / verbalizer and options) and
// in-context demonstration sets, saved in the workspace (schema version 2)
// and written to / read from standalone JSON files for sharing. Answers,
// options and demonstrations are stored as JSON text so the panels can add
// options without a schema change.

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "workspace/workspace.h"

namespace sft {

/** A prompt template as saved: answers is {"labels": [{"name", "answers": [...]}]}. */
struct PromptTemplateEntry
{
    qint64 id = 0;
    QString name;
    QString text;          ///< the template source, e.g. "[X] 我感到 [Z]"
    QJsonObject answers;   ///< the verbalizer, in sftbench-cli score's answers-file format
    QJsonObject options;   ///< calibrate, normalize, aggregate, ...
    QDateTime modified;
};

/** A demonstration set for in-context learning: demos is [{"input", "output", "enabled"}]. */
struct DemoSetEntry
{
    qint64 id = 0;
    QString name;
    QString format;     ///< e.g. "Input: [X]\nOutput: [Z]"
    QString separator;  ///< between demonstrations
    QString header;     ///< instruction before the demonstrations
    QJsonArray demos;
    QDateTime modified;
};

namespace promptstore {

/** Saved templates by name; throws sft::Error on an SQL error. */
QList<PromptTemplateEntry> templates(QSqlDatabase db);
/** Insert or replace by name; returns the row id. Throws sft::Error (empty name, SQL). */
qint64 saveTemplate(QSqlDatabase db, const PromptTemplateEntry &entry);
void removeTemplate(QSqlDatabase db, const QString &name);

QList<DemoSetEntry> demoSets(QSqlDatabase db);
qint64 saveDemoSet(QSqlDatabase db, const DemoSetEntry &entry);
void removeDemoSet(QSqlDatabase db, const QString &name);

/** Records of a dataset for prompting (id, instruction, input, output), by id; accepted ones only if asked. */
QList<RecordData> records(QSqlDatabase db, qint64 datasetId, bool acceptedOnly, int limit, int offset = 0);
/** How many records records() could return. */
int recordCount(QSqlDatabase db, qint64 datasetId, bool acceptedOnly);
/** The text a prompt's [X] gets from a record: the instruction, then the input on its own line when present. */
QString recordText(const RecordData &r);

/** The JSON file form: {"kind": "sftbench-prompt-template", "version": 1, ...}. */
QJsonObject toJson(const PromptTemplateEntry &entry);
QJsonObject toJson(const DemoSetEntry &entry);
/** Parse the file form; throws sft::Error naming the missing or wrong field. */
PromptTemplateEntry templateFromJson(const QJsonObject &object);
DemoSetEntry demoSetFromJson(const QJsonObject &object);

/** Write object to path (indented UTF-8) / read it back; throw sft::Error. */
void writeJsonFile(const QString &path, const QJsonObject &object);
QJsonObject readJsonFile(const QString &path);

} // namespace promptstore
} // namespace sft
