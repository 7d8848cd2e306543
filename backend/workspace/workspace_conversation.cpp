// A record's content in the workspace: reading a record, its two shapes
// (single-turn fields or a conversation's turns, see data/record.h) and the
// writes that change them: a conversation's messages, the whole content in
// one go (what undo writes), and text-field edits, which on a conversation
// go to its turns. The rules that pick a shape are sft::setTurns plus one of
// the workspace's own (RecordContent::withTurns keeps a single-turn record's
// instruction / input split), applied here for every writer.

#include "workspace/workspace.h"

#include <QSqlQuery>

#include "core/error.h"
#include "data/conversation.h"
#include "workspace/connection.h"
#include "workspace/qtstrings.h"
#include "workspace/schema.h"
#include "workspace/writetransaction.h"

namespace sft {

namespace {

qint64 now() { return QDateTime::currentSecsSinceEpoch(); }

const char *columnName(RecordField f)
{
    switch (f) {
    case RecordField::Instruction: return "instruction";
    case RecordField::Input: return "input";
    case RecordField::Output: return "output";
    case RecordField::Note: return "note";
    case RecordField::Tags: return "tags";
    }
    return "note";
}

std::vector<ChatMessage> toMessages(const QList<ChatTurn> &turns)
{
    std::vector<ChatMessage> out;
    out.reserve(std::size_t(turns.size()));
    for (const ChatTurn &t : turns)
        out.push_back({ss(t.role), ss(t.content)});
    return out;
}

QList<ChatTurn> toTurns(const std::vector<ChatMessage> &messages)
{
    QList<ChatTurn> out;
    out.reserve(qsizetype(messages.size()));
    for (const ChatMessage &m : messages)
        out.push_back({qs(m.role), qs(m.content)});
    return out;
}

// The engine's record of a content (text fields, system, turns); turns are normalised by setTurns, which
// throws for bad ones, so nothing is written for them.
Record toStored(const RecordContent &c)
{
    Record r;
    if (!c.turns.isEmpty()) {
        setTurns(r, toMessages(c.turns));
    } else {
        r.instruction = ss(c.instruction);
        r.input = ss(c.input);
        r.output = ss(c.output);
    }
    r.system = ss(c.system);
    return r;
}

RecordContent contentOf(const Record &r)
{
    RecordContent c;
    c.system = qs(r.system);
    c.turns = toTurns(r.turns);
    c.instruction = qs(r.instruction);
    c.input = qs(r.input);
    c.output = qs(r.output);
    return c;
}

// The stored content of a record (text fields, system, turns), read under the caller's transaction.
struct StoredContent
{
    Record record;
    bool found = false;
};

StoredContent readContent(QSqlDatabase &d, qint64 id)
{
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT instruction, input, output, system, turns FROM records WHERE id = ?"));
    q.addBindValue(id);
    execOrThrow(d, q, "cannot read record " + std::to_string(id));
    StoredContent c;
    if (!q.next())
        return c;
    c.found = true;
    c.record.instruction = ss(q.value(0).toString());
    c.record.input = ss(q.value(1).toString());
    c.record.output = ss(q.value(2).toString());
    c.record.system = ss(q.value(3).toString());
    c.record.turns = schema::turnsFromJson(q.value(4).toString());
    return c;
}

// Write a record's content (summary fields, system, turns, turn count) inside the caller's transaction;
// the search index follows by trigger. Throws when the record is gone.
void writeContent(QSqlDatabase &d, qint64 id, const Record &r)
{
    QSqlQuery q(d);
    q.prepare(QStringLiteral("UPDATE records SET instruction = ?, input = ?, output = ?, system = ?, turns = ?,"
                             " turn_count = ?, modified = ? WHERE id = ?"));
    q.addBindValue(qs(r.instruction));
    q.addBindValue(qs(r.input));
    q.addBindValue(qs(r.output));
    q.addBindValue(qs(r.system));
    q.addBindValue(schema::turnsToJson(r.turns));
    q.addBindValue(turnCount(r));
    q.addBindValue(now());
    q.addBindValue(id);
    execOrThrow(d, q, "cannot save record " + std::to_string(id));
    if (q.numRowsAffected() != 1)
        throw Error("record " + std::to_string(id) + " is no longer in this workspace");
}

// A text field of a conversation edited as a single-turn record's would be: the instruction is the first
// user message, the output the reply to it (an empty output removes the reply, a new one is added after
// the first user message), and a conversation has no input (only an empty one is taken). Returns false
// when nothing changes; throws for an input.
bool editSummary(Record &r, RecordField f, const std::string &value)
{
    std::vector<ChatMessage> turns = r.turns;
    std::size_t user = 0;
    while (user < turns.size() && turns[user].role != "user")
        ++user;
    if (user == turns.size())
        throw Error("the conversation has no user message: edit its turns");
    switch (f) {
    case RecordField::Input:
        if (!value.empty())
            throw Error("a conversation has no input field: edit its turns instead");
        return false;
    case RecordField::Instruction:
        if (turns[user].content == value)
            return false;
        turns[user].content = value;
        break;
    case RecordField::Output: {
        const std::size_t reply = user + 1;
        const bool hasReply = reply < turns.size() && turns[reply].role == "assistant";
        if (hasReply && value.empty())
            turns.erase(turns.begin() + std::ptrdiff_t(reply));
        else if (hasReply)
            turns[reply].content = value;
        else if (!value.empty())
            turns.insert(turns.begin() + std::ptrdiff_t(reply), ChatMessage{"assistant", value});
        else
            return false;
        break;
    }
    default:
        return false;
    }
    const std::string system = r.system;
    setTurns(r, std::move(turns));
    r.system = system;
    return true;
}

} // namespace

RecordContent RecordContent::of(const RecordData &r)
{
    RecordContent c;
    c.system = r.system;
    c.turns = r.turns;
    c.instruction = r.instruction;
    c.input = r.input;
    c.output = r.output;
    return c;
}

QList<ChatTurn> RecordContent::messages() const
{
    Record r;
    r.instruction = ss(instruction);
    r.input = ss(input);
    r.output = ss(output);
    r.turns = toMessages(turns);
    return toTurns(sft::turnsOf(r));
}

RecordContent RecordContent::withTurns(const QList<ChatTurn> &newTurns) const
{
    Record next;
    setTurns(next, toMessages(newTurns));
    RecordContent c = contentOf(next);
    c.system = system;
    // A single-turn record whose user message comes back unchanged keeps its instruction / input split
    // (its one user message joins the two).
    if (c.turns.isEmpty() && turns.isEmpty() && !input.isEmpty()) {
        const QList<ChatTurn> before = messages();
        if (!before.isEmpty() && before.front().content == c.instruction) {
            c.instruction = instruction;
            c.input = input;
        }
    }
    return c;
}

RecordContent RecordContent::withSystem(const QString &newSystem) const
{
    RecordContent c = *this;
    c.system = newSystem;
    return c;
}

bool RecordContent::operator==(const RecordContent &o) const
{
    return system == o.system && turns == o.turns && instruction == o.instruction && input == o.input
           && output == o.output;
}

std::optional<RecordData> Workspace::record(qint64 id) const
{
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT id, dataset_id, instruction, input, output, status, reason, rule, tags, note,"
                             " source, flagged, created, modified, reason_args, system, turns, turn_count"
                             " FROM records WHERE id = ?"));
    q.addBindValue(id);
    execOrThrow(d, q, "cannot read record " + std::to_string(id));
    if (!q.next())
        return std::nullopt;
    RecordData r;
    r.id = q.value(0).toLongLong();
    r.datasetId = q.value(1).toLongLong();
    r.instruction = q.value(2).toString();
    r.input = q.value(3).toString();
    r.output = q.value(4).toString();
    r.status = static_cast<RecordStatus>(q.value(5).toInt());
    r.reason = q.value(6).toString();
    r.rule = q.value(7).toString();
    r.tags = splitTags(q.value(8).toString());
    r.note = q.value(9).toString();
    r.source = q.value(10).toString();
    r.flagged = q.value(11).toBool();
    r.created = QDateTime::fromSecsSinceEpoch(q.value(12).toLongLong());
    r.modified = QDateTime::fromSecsSinceEpoch(q.value(13).toLongLong());
    r.reasonArgs = q.value(14).toString();
    r.system = q.value(15).toString();
    r.turns = toTurns(schema::turnsFromJson(q.value(16).toString()));
    r.turnCount = q.value(17).toInt();
    return r;
}

QList<ChatTurn> Workspace::turnsOf(const RecordData &r)
{
    return toTurns(sft::turnsOf(toRecord(r)));
}

Record Workspace::toRecord(const RecordData &d)
{
    Record r;
    r.instruction = ss(d.instruction);
    r.input = ss(d.input);
    r.output = ss(d.output);
    r.system = ss(d.system);
    r.turns = toMessages(d.turns);
    r.status = d.status;
    r.reason = ss(d.reason);
    for (const QString &t : d.tags)
        r.tags.push_back(ss(t));
    r.note = ss(d.note);
    r.source = ss(d.source);
    r.flagged = d.flagged;
    return r;
}

void Workspace::setConversation(qint64 id, const QString &system, const QList<ChatTurn> &turns)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        const StoredContent cur = readContent(d, id);
        if (!cur.found)
            throw Error("record " + std::to_string(id) + " is no longer in this workspace");
        // Bad roles throw here, before anything is written.
        const RecordContent next = contentOf(cur.record).withTurns(turns).withSystem(system);
        writeContent(d, id, toStored(next));
        tx.commit();
    }
    Q_EMIT recordsChanged({id});
}

void Workspace::setContent(qint64 id, const RecordContent &content)
{
    // Normalised (and checked) before anything is written.
    const Record next = toStored(content);
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        writeContent(d, id, next);
        tx.commit();
    }
    Q_EMIT recordsChanged({id});
}

QString Workspace::field(qint64 id, RecordField f) const
{
    QSqlDatabase d = db();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("SELECT %1 FROM records WHERE id = ?").arg(QLatin1String(columnName(f))));
    q.addBindValue(id);
    execOrThrow(d, q, "cannot read record " + std::to_string(id));
    if (!q.next())
        return {};
    return f == RecordField::Tags ? splitTags(q.value(0).toString()).join(QStringLiteral(", ")) : q.value(0).toString();
}

void Workspace::setField(qint64 id, RecordField f, const QString &value)
{
    QSqlDatabase d = db();
    {
        WriteTransaction tx(d);
        if (f == RecordField::Instruction || f == RecordField::Input || f == RecordField::Output) {
            StoredContent cur = readContent(d, id);
            if (cur.found && isConversation(cur.record)) {
                // A conversation's summary fields stand for its turns: the edit goes to the turns.
                if (!editSummary(cur.record, f, ss(value)))
                    return;  // nothing changes; the transaction rolls back
                writeContent(d, id, cur.record);
                tx.commit();
                Q_EMIT recordsChanged({id});
                return;
            }
        }
        QSqlQuery q(d);
        q.prepare(
            QStringLiteral("UPDATE records SET %1 = ?, modified = ? WHERE id = ?").arg(QLatin1String(columnName(f))));
        q.addBindValue(f == RecordField::Tags ? joinTags(value.split(QLatin1Char(','))) : nonNull(value));
        q.addBindValue(now());
        q.addBindValue(id);
        execOrThrow(d, q, "cannot save the " + std::string(columnName(f)) + " of record " + std::to_string(id));
        tx.commit();
    }
    Q_EMIT recordsChanged({id});
}

} // namespace sft
