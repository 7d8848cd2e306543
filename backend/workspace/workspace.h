#pragma once
// A workspace: one SQLite file holding datasets of instruction records and
// their curation state. The object lives on the GUI (or CLI) thread and owns
// that thread's connection; background jobs open their own (connection.h).
// Every write emits recordsChanged / datasetsChanged so views stay current.
// Every method throws sft::Error when SQLite fails, reads included; a write
// runs in one write transaction (writetransaction.h), so another process
// writing the same file (a CLI import) makes it wait, and a failure leaves the
// data as it was. Callers that cannot throw (slots, undo commands) report the
// error through errorOccurred, one channel the main window shows.

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "data/record.h"

namespace sft {

/** A dataset and its record counts by status. */
struct DatasetInfo
{
    qint64 id = 0;
    QString name;
    qint64 total = 0, pending = 0, accepted = 0, rejected = 0, flagged = 0;
};

/** One message of a conversation record: role "user" or "assistant" (the system message is kept apart). */
struct ChatTurn
{
    QString role;
    QString content;

    /** The two roles a message may have. */
    static inline const QString kUser = QStringLiteral("user");
    static inline const QString kAssistant = QStringLiteral("assistant");

    bool operator==(const ChatTurn &o) const { return role == o.role && content == o.content; }
    bool operator!=(const ChatTurn &o) const { return !(*this == o); }
};

/**
 * One record as stored. Like sft::Record (data/record.h) it has one of two
 * shapes: single-turn (turns empty, turnCount 1) or a conversation (turns
 * holds the user / assistant messages; instruction is the first user message,
 * output the reply to it, input empty).
 */
struct RecordData
{
    qint64 id = 0;
    qint64 datasetId = 0;
    QString instruction, input, output;
    QString system;           ///< optional system message (either shape)
    QList<ChatTurn> turns;    ///< a conversation's messages; empty for a single-turn record
    int turnCount = 1;        ///< user messages (a turn is a user message and its reply)
    RecordStatus status = RecordStatus::Pending;
    QString reason;   ///< why it was rejected (shown to the annotator)
    QString rule;     ///< the rule that rejected it, empty when a person did
    QString reasonArgs;  ///< the reason's parameters as JSON (empty for a reason stored as text only)
    QStringList tags;
    QString note;
    QString source;
    bool flagged = false;
    QDateTime created, modified;
};

/**
 * A record's content, in the shape it is stored (see RecordData): the system message and either a
 * conversation's messages or a single-turn record's fields. Workspace::setContent writes it whole in one
 * write; an undoable edit keeps the content before and after. The rules that pick the shape live here
 * (withTurns), so every writer applies the same ones.
 */
struct RecordContent
{
    QString system;
    QList<ChatTurn> turns;               ///< a conversation's messages; empty for a single-turn record
    QString instruction, input, output;  ///< a single-turn record's fields (a conversation's summary)

    /** The content of a record as read. */
    static RecordContent of(const RecordData &r);
    /** The user / assistant messages whatever the shape (like sft::turnsOf; an empty output is left out). */
    QList<ChatTurn> messages() const;
    /**
     * The same system message with other messages, in the shape sft::setTurns stores them: exactly
     * [user, assistant] (or a lone user message) is single-turn. A single-turn record whose user message
     * comes back unchanged keeps its instruction / input split (its one user message joins the two).
     * Throws sft::Error for a role other than user / assistant, or no user message.
     */
    RecordContent withTurns(const QList<ChatTurn> &newTurns) const;
    /** The same content with another system message. */
    RecordContent withSystem(const QString &newSystem) const;

    bool operator==(const RecordContent &o) const;
    bool operator!=(const RecordContent &o) const { return !(*this == o); }
};

/** The editable text fields of a record. */
enum class RecordField { Instruction, Input, Output, Note, Tags };

/** Status of one record, saved before a change so it can be undone. */
struct StatusState
{
    qint64 id = 0;
    RecordStatus status = RecordStatus::Pending;
    QString reason;
    QString rule;
    QString args;  ///< the reason's parameters as JSON, so it can be shown in any language; may be empty
};

/** An open workspace file. */
class Workspace : public QObject
{
    Q_OBJECT

public:
    /** Whether open() may create a new workspace file. */
    enum class OpenMode {
        Create,     ///< create the file (and its folder) when missing
        MustExist,  ///< "no such workspace" when missing: commands that only read
    };

    /** Open path (schema created or migrated); throws sft::Error. */
    static std::unique_ptr<Workspace> open(const QString &path, OpenMode mode = OpenMode::Create);
    ~Workspace() override;

    QString path() const { return m_path; }
    QSqlDatabase db() const;

    QList<DatasetInfo> datasets() const;
    std::optional<DatasetInfo> dataset(qint64 id) const;
    /** Create an empty dataset; the name is made unique with a suffix. */
    qint64 createDataset(const QString &name);
    void renameDataset(qint64 id, const QString &name);
    /** Delete a dataset and its records for good (not undoable; see trashDataset). */
    void deleteDataset(qint64 id);

    /**
     * The trash, the basis of undoable deletes and imports. A dataset in the
     * trash is hidden (datasets() and dataset() skip it), keeps its records
     * and frees its name; restoreDataset() brings it back. Moving is O(1)
     * whatever the dataset's size; purgeTrash() deletes for good.
     * Each throws sft::Error when the dataset is not where it should be (e.g.
     * another program purged the trash meanwhile).
     */
    void trashDataset(qint64 id);
    /**
     * Move a dataset to the trash only while it holds at most maxRecords records (checked under the write
     * lock): the undo of its creation must not take records another program added since. Returns false,
     * changing nothing, when it holds more (a negative maxRecords sets no limit).
     */
    bool trashDataset(qint64 id, qint64 maxRecords);
    /** Bring a dataset back from the trash under its old name (made unique if taken meanwhile). */
    void restoreDataset(qint64 id);
    /** Move the records firstId..lastId of a dataset into a new trash entry (undo of an append); returns its id. */
    qint64 trashRecords(qint64 datasetId, qint64 firstId, qint64 lastId);
    /**
     * Move the records ids of a dataset into a new trash entry (an undoable delete of any selection);
     * ids not in the dataset are skipped, none left throws. Returns the entry's id, for restoreRecords().
     */
    qint64 trashRecords(qint64 datasetId, const QList<qint64> &ids);
    /** Move the records of the trash entry trashId back into datasetId and drop the entry. */
    void restoreRecords(qint64 trashId, qint64 datasetId);
    /**
     * Delete this session's trash entries for good, and entries of other sessions older than a week
     * (another window or process on the same file keeps its own until then); returns how many records went.
     */
    qint64 purgeTrash();
    /** name, or name (2), name (3), ... whichever is free. */
    QString uniqueDatasetName(const QString &name) const;
    /** The same rule for any table with a unique name column, on any connection. */
    static QString uniqueName(QSqlDatabase db, const QString &table, const QString &name);

    std::optional<RecordData> record(qint64 id) const;
    /** The record's user / assistant messages whatever its shape (like sft::turnsOf; system left out). */
    static QList<ChatTurn> turnsOf(const RecordData &r);
    /** The engine's record of the same content and curation state (for exports, training, quality runs). */
    static Record toRecord(const RecordData &r);
    /**
     * Replace a record's system message and messages in one write. turns are the user / assistant
     * messages (for a single-turn record its two messages); they are normalised by sft::setTurns, so
     * exactly [user, assistant] is stored single-turn. Updates the summary fields (instruction, input,
     * output), turn_count and modified, and emits recordsChanged({id}). Throws sft::Error, writing
     * nothing, for a role other than user / assistant, no user message, or a missing record.
     */
    void setConversation(qint64 id, const QString &system, const QList<ChatTurn> &turns);
    /**
     * Replace a record's whole content (system message, and turns or single-turn fields) in one write:
     * what undo and redo of a content edit write. Turns are normalised by sft::setTurns; single-turn
     * fields are written as given (an input stays apart). Updates turn_count and modified and emits
     * recordsChanged({id}) once. Throws sft::Error, writing nothing, for bad turns or a missing record.
     */
    void setContent(qint64 id, const RecordContent &content);
    /** Insert one record into a dataset; returns its id. */
    qint64 addRecord(qint64 datasetId, const Record &r);
    /**
     * Insert records into a live dataset in one transaction; returns their ids in order (ascending).
     * Throws when the dataset is missing or in the trash.
     */
    QList<qint64> addRecords(qint64 datasetId, const std::vector<Record> &records);
    /**
     * Copy records (instruction, input, output, system, turns, tags, note) into their own datasets as new pending,
     * unflagged records with the given source, in one transaction; returns the copies' ids in the
     * order of ids. Ids that no longer exist are skipped.
     */
    QList<qint64> duplicateRecords(const QList<qint64> &ids, const QString &source);
    /** The live dataset named name, created (empty) when there is none, in one transaction. */
    qint64 findOrCreateDataset(const QString &name, bool *created = nullptr);
    void deleteRecords(const QList<qint64> &ids);
    QString field(qint64 id, RecordField f) const;
    /**
     * Set a text field. On a conversation the summary fields follow its turns: Instruction changes the
     * first user message, Output the reply to it (added after that message when there is none, removed
     * when set empty), and Input, which a conversation does not have, only takes an empty value (any
     * other throws sft::Error); so a field edit and its undo keep the record consistent.
     */
    void setField(qint64 id, RecordField f, const QString &value);
    void setFlagged(const QList<qint64> &ids, bool flagged);
    /** Restore flags (undo): these flagged, those not, in one transaction. */
    void restoreFlags(const QList<qint64> &flagged, const QList<qint64> &unflagged);
    QList<StatusState> statusStates(const QList<qint64> &ids) const;
    /** Set status (and reason / rule) of many records in one transaction. */
    void setStatus(const QList<qint64> &ids, RecordStatus status, const QString &reason = {}, const QString &rule = {},
                   const QString &reasonArgs = {});
    void restoreStatus(const QList<StatusState> &states);
    /** Every distinct tag in a dataset, sorted. */
    QStringList tags(qint64 datasetId) const;
    /** Every rule that rejected records of a dataset, sorted. */
    QStringList rules(qint64 datasetId) const;

    /** Tags are stored as ",a,b," so a filter can match one with LIKE. */
    static QString joinTags(const QStringList &tags);
    static QStringList splitTags(const QString &stored);

    /** Emit errorOccurred(message) and count it. */
    void reportError(const QString &message);
    /** Run fn; an sft::Error it throws is reported (reportError) and false returned. */
    bool tryOrReport(const std::function<void()> &fn);
    /** How many errors were reported so far (a caller compares it around a push to the undo stack). */
    quint64 errorCount() const { return m_errorCount; }

Q_SIGNALS:
    void recordsChanged(const QList<qint64> &ids);
    void datasetsChanged();
    /** A read or write failed where it could not be thrown to the user's action (undo, redo, a view's reload). */
    void errorOccurred(const QString &message);

private:
    explicit Workspace(const QString &path, const QString &connectionName);
    QString m_path;
    QString m_connection;
    QString m_trashTag;  ///< names this session's trash entries (see purgeTrash())
    quint64 m_errorCount = 0;
};

} // namespace sft
