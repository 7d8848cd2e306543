// Conversation records in the workspace: setConversation stores the system
// message and the turns in one write (normalised: [user, assistant] is stored
// single-turn; bad roles write nothing), setContent writes a whole content
// (conversation or single-turn triple) in one write, the content rules
// (RecordContent::withTurns), text-field edits of a conversation
// follow its turns, turn filters and sorting, search in every turn and the
// system message (LIKE scan and trigram index alike, kept in sync on edits),
// import of a messages JSONL file and export back, copies keep their turns.

#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "data/conversation.h"
#include "data/formats.h"
#include "workspace/exporter.h"
#include "workspace/importer.h"
#include "workspace/recordfilter.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

ChatTurn user(const char *text) { return {QStringLiteral("user"), QString::fromUtf8(text)}; }
ChatTurn assistant(const char *text) { return {QStringLiteral("assistant"), QString::fromUtf8(text)}; }

Record single(const char *instruction, const char *output, const char *input = "")
{
    Record r;
    r.instruction = instruction;
    r.input = input;
    r.output = output;
    return r;
}

/** A conversation record of n turns, the k-th user message "question k <tag>", the reply "answer k <tag>". */
Record conversation(int n, const std::string &tag, const std::string &system = {})
{
    Record r;
    std::vector<ChatMessage> turns;
    for (int k = 1; k <= n; ++k) {
        turns.push_back({"user", "question " + std::to_string(k) + " " + tag});
        turns.push_back({"assistant", "answer " + std::to_string(k) + " " + tag});
    }
    setTurns(r, turns);
    r.system = system;
    return r;
}

QString writeText(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return f.fileName();
}

QString ftsIntegrity(QSqlDatabase db)
{
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("INSERT INTO records_fts(records_fts) VALUES('integrity-check')")))
        return check.lastError().text();
    return {};
}

} // namespace

class TestConversations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setConversationRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sftws"));
        auto ws = Workspace::open(path);
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, single("Say hi", "hi"));
        QCOMPARE(ws->record(id)->turnCount, 1);
        QVERIFY(ws->record(id)->turns.isEmpty());

        const QList<ChatTurn> turns{user("你好"), assistant("你好！有什么可以帮你？"), user("讲个笑话"),
                                    assistant("好的……"), user("再来一个")};
        QSignalSpy changed(ws.get(), &Workspace::recordsChanged);
        ws->setConversation(id, QStringLiteral("You are a helpful assistant."), turns);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<QList<qint64>>(), QList<qint64>{id});
        auto check = [&](Workspace &w) {
            const auto r = w.record(id);
            QVERIFY(r);
            QCOMPARE(r->system, QStringLiteral("You are a helpful assistant."));
            QCOMPARE(r->turns, turns);
            QCOMPARE(r->turnCount, 3);
            // Summary fields: the first user message and its reply, no input.
            QCOMPARE(r->instruction, QStringLiteral("你好"));
            QCOMPARE(r->output, QStringLiteral("你好！有什么可以帮你？"));
            QVERIFY(r->input.isEmpty());
            QCOMPARE(Workspace::turnsOf(*r), turns);
            const Record rec = Workspace::toRecord(*r);
            QCOMPARE(rec.turns.size(), std::size_t(5));
            QCOMPARE(turnCount(rec), 3);
        };
        check(*ws);
        ws.reset();
        auto again = Workspace::open(path);
        check(*again);
        QCOMPARE(again->dataset(d)->total, 1);
    }

    void normalisesToSingleTurn()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, conversation(3, "x", "sys"));
        QCOMPARE(ws->record(id)->turnCount, 3);
        ws->setConversation(id, QStringLiteral("sys"), {user("only question"), assistant("only answer")});
        auto r = ws->record(id);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->turnCount, 1);
        QCOMPARE(r->instruction, QStringLiteral("only question"));
        QCOMPARE(r->output, QStringLiteral("only answer"));
        QCOMPARE(r->system, QStringLiteral("sys"));
        QCOMPARE(Workspace::turnsOf(*r), (QList<ChatTurn>{user("only question"), assistant("only answer")}));

        // A single-turn record with an input, given back its own messages: the instruction / input split stays.
        const qint64 withInput = ws->addRecord(d, single("Translate to French", "bonjour", "good morning"));
        const QList<ChatTurn> own = Workspace::turnsOf(*ws->record(withInput));
        QCOMPARE(own.size(), 2);
        ws->setConversation(withInput, QStringLiteral("Be brief."), own);
        r = ws->record(withInput);
        QCOMPARE(r->instruction, QStringLiteral("Translate to French"));
        QCOMPARE(r->input, QStringLiteral("good morning"));
        QCOMPARE(r->output, QStringLiteral("bonjour"));
        QCOMPARE(r->system, QStringLiteral("Be brief."));
        // Its user message changed: instruction takes the new text, input is emptied.
        ws->setConversation(withInput, QString(), {user("Translate: good night"), assistant("bonne nuit")});
        r = ws->record(withInput);
        QCOMPARE(r->instruction, QStringLiteral("Translate: good night"));
        QVERIFY(r->input.isEmpty());
        QVERIFY(r->system.isEmpty());
        // Growing it into a conversation and back.
        ws->setConversation(withInput, QString(), {user("a"), assistant("b"), user("c"), assistant("d")});
        QCOMPARE(ws->record(withInput)->turnCount, 2);
        QCOMPARE(ws->record(withInput)->turns.size(), 4);
    }

    void badRolesWriteNothing_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("tool role") << 0;
        QTest::newRow("system inside") << 1;
        QTest::newRow("empty") << 2;
        QTest::newRow("no user") << 3;
    }
    void badRolesWriteNothing()
    {
        QFETCH(int, which);
        const QList<QList<ChatTurn>> cases{
            {user("q"), {QStringLiteral("tool"), QStringLiteral("x")}},
            {{QStringLiteral("system"), QStringLiteral("s")}, user("q"), assistant("a"), user("q2")},
            {},
            {assistant("a"), assistant("b")},
        };
        const QList<ChatTurn> turns = cases[which];
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, conversation(2, "keep", "system kept"));
        const auto before = ws->record(id);
        QSignalSpy changed(ws.get(), &Workspace::recordsChanged);
        QVERIFY_THROWS_EXCEPTION(Error, ws->setConversation(id, QStringLiteral("new system"), turns));
        QCOMPARE(changed.size(), 0);
        const auto after = ws->record(id);
        QCOMPARE(after->turns, before->turns);
        QCOMPARE(after->system, before->system);
        QCOMPARE(after->instruction, before->instruction);
        QCOMPARE(after->turnCount, 2);

        // The insert path refuses them too, adding nothing.
        Record bad;
        bad.instruction = "q";
        for (const ChatTurn &t : turns)
            bad.turns.push_back({t.role.toStdString(), t.content.toStdString()});
        if (!bad.turns.empty()) {
            QVERIFY_THROWS_EXCEPTION(Error, ws->addRecords(d, {single("fine", "ok"), bad}));
            QCOMPARE(ws->dataset(d)->total, 1);
        }
        // A missing record is an error, not a silent no-op.
        QVERIFY_THROWS_EXCEPTION(Error, ws->setConversation(id + 100, QString(), {user("q"), assistant("a")}));
    }

    // Editing a conversation's instruction / output as text changes its first user message / the reply;
    // setting a field back restores the turns exactly (what undo does).
    void fieldEditsFollowTheTurns()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, conversation(2, "t", "sys"));
        const auto original = ws->record(id);
        QCOMPARE(ws->field(id, RecordField::Instruction), QStringLiteral("question 1 t"));

        ws->setField(id, RecordField::Instruction, QStringLiteral("new first question"));
        auto r = ws->record(id);
        QCOMPARE(r->instruction, QStringLiteral("new first question"));
        QCOMPARE(r->turns[0], user("new first question"));
        QCOMPARE(r->turns[2], original->turns[2]);
        QCOMPARE(r->turnCount, 2);
        QCOMPARE(r->system, QStringLiteral("sys"));

        ws->setField(id, RecordField::Output, QStringLiteral("new reply"));
        r = ws->record(id);
        QCOMPARE(r->output, QStringLiteral("new reply"));
        QCOMPARE(r->turns[1], assistant("new reply"));
        QCOMPARE(r->turns.size(), 4);

        // An empty output removes the reply; a new one puts it back after the first user message.
        ws->setField(id, RecordField::Output, QString());
        r = ws->record(id);
        QCOMPARE(r->turns.size(), 3);
        QVERIFY(r->output.isEmpty());
        QCOMPARE(r->turns[1], user("question 2 t"));
        ws->setField(id, RecordField::Output, original->output);
        ws->setField(id, RecordField::Instruction, original->instruction);
        QCOMPARE(ws->record(id)->turns, original->turns);

        // A conversation has no input.
        QVERIFY_THROWS_EXCEPTION(Error, ws->setField(id, RecordField::Input, QStringLiteral("context")));
        ws->setField(id, RecordField::Input, QString());
        QCOMPARE(ws->record(id)->turns, original->turns);
        // Other fields are unaffected by the shape.
        ws->setField(id, RecordField::Note, QStringLiteral("checked"));
        QCOMPARE(ws->record(id)->note, QStringLiteral("checked"));
        QCOMPARE(ws->record(id)->turns, original->turns);
    }

    // The content rules in one place: withTurns picks the stored shape and keeps a single-turn record's
    // instruction / input split while its user message is unchanged.
    void contentRules()
    {
        RecordData withInput;
        withInput.instruction = QStringLiteral("Translate");
        withInput.input = QStringLiteral("good morning");
        withInput.output = QStringLiteral("bonjour");
        const RecordContent c = RecordContent::of(withInput);
        QVERIFY(c.turns.isEmpty());
        QCOMPARE(c.messages(), (QList<ChatTurn>{user("Translate\n\ngood morning"), assistant("bonjour")}));
        // Its own messages back: unchanged.
        QVERIFY(c.withTurns(c.messages()) == c);
        // The reply edited: the split stays.
        RecordContent edited = c.withTurns({user("Translate\n\ngood morning"), assistant("bonjour !")});
        QCOMPARE(edited.instruction, QStringLiteral("Translate"));
        QCOMPARE(edited.input, QStringLiteral("good morning"));
        QCOMPARE(edited.output, QStringLiteral("bonjour !"));
        // The user message edited: one instruction, no input.
        edited = c.withTurns({user("Translate: good night"), assistant("bonne nuit")});
        QCOMPARE(edited.instruction, QStringLiteral("Translate: good night"));
        QVERIFY(edited.input.isEmpty());
        // A lone user message is single-turn with an empty output; more is a conversation with its summary.
        edited = c.withTurns({user("Translate\n\ngood morning")});
        QVERIFY(edited.turns.isEmpty());
        QCOMPARE(edited.input, QStringLiteral("good morning"));
        QVERIFY(edited.output.isEmpty());
        const QList<ChatTurn> three{user("a"), assistant("b"), user("c")};
        edited = c.withSystem(QStringLiteral("S")).withTurns(three);
        QCOMPARE(edited.turns, three);
        QCOMPARE(edited.instruction, QStringLiteral("a"));
        QCOMPARE(edited.output, QStringLiteral("b"));
        QVERIFY(edited.input.isEmpty());
        QCOMPARE(edited.system, QStringLiteral("S"));
        // [user, assistant] is single-turn whatever it came from.
        const RecordContent back = edited.withTurns({user("q"), assistant("r")});
        QVERIFY(back.turns.isEmpty());
        QCOMPARE(back.instruction, QStringLiteral("q"));
        QCOMPARE(back.system, QStringLiteral("S"));
        QVERIFY(back != edited);
        QVERIFY_THROWS_EXCEPTION(Error, c.withTurns({assistant("no user")}));
        QVERIFY_THROWS_EXCEPTION(Error, c.withTurns({user("q"), {QStringLiteral("tool"), QStringLiteral("x")}}));
    }

    // setContent writes a whole content in one write and one signal: a conversation, or a single-turn
    // record's fields with the input apart; bad turns or a missing record write nothing.
    void setContentIsOneWrite()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, single("Translate", "bonjour", "good morning"));
        const RecordContent before = RecordContent::of(*ws->record(id));
        QSignalSpy changed(ws.get(), &Workspace::recordsChanged);

        const RecordContent conv = before.withSystem(QStringLiteral("Be brief.")).withTurns(
            {user("Translate\n\ngood morning"), assistant("bonjour"), user("and good night?"), assistant("bonne nuit")});
        ws->setContent(id, conv);
        QCOMPARE(changed.size(), 1);
        auto r = ws->record(id);
        QCOMPARE(r->turns.size(), 4);
        QCOMPARE(r->turnCount, 2);
        QCOMPARE(r->system, QStringLiteral("Be brief."));
        QVERIFY(r->input.isEmpty());
        QVERIFY(RecordContent::of(*r) == conv);

        // Back to the single-turn triple with its input, in one write (what undo does).
        ws->setContent(id, before);
        QCOMPARE(changed.size(), 2);
        r = ws->record(id);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->turnCount, 1);
        QCOMPARE(r->instruction, QStringLiteral("Translate"));
        QCOMPARE(r->input, QStringLiteral("good morning"));
        QCOMPARE(r->output, QStringLiteral("bonjour"));
        QVERIFY(r->system.isEmpty());
        QVERIFY(RecordContent::of(*r) == before);

        // Turns given as [user, assistant] are stored single-turn.
        RecordContent pair;
        pair.turns = {user("q"), assistant("a")};
        ws->setContent(id, pair);
        r = ws->record(id);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->instruction, QStringLiteral("q"));
        QCOMPARE(r->output, QStringLiteral("a"));

        // Bad turns and a missing record: an error, nothing written, no signal.
        ws->setContent(id, before);
        changed.clear();
        RecordContent bad;
        bad.system = QStringLiteral("new");
        bad.turns = {assistant("a"), assistant("b")};
        QVERIFY_THROWS_EXCEPTION(Error, ws->setContent(id, bad));
        QVERIFY_THROWS_EXCEPTION(Error, ws->setContent(id + 100, before));
        QCOMPARE(changed.size(), 0);
        QVERIFY(RecordContent::of(*ws->record(id)) == before);
    }

    void turnFiltersAndSort()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 other = ws->createDataset(QStringLiteral("other"));
        // Turn counts 3, 1, 5, 2, 1 in id order.
        const QList<qint64> ids = ws->addRecords(d, {conversation(3, "a"), single("b", "b"), conversation(5, "c"),
                                                     conversation(2, "d"), single("e", "e")});
        ws->addRecord(other, conversation(4, "elsewhere"));
        auto query = [&](int minTurns, int maxTurns, bool sortByTurns = false, bool descending = false) {
            RecordFilter f;
            f.datasetId = d;
            f.minTurns = minTurns;
            f.maxTurns = maxTurns;
            if (sortByTurns)
                f.sortColumn = RecordColumn::Turns;
            f.descending = descending;
            return queryRecordIds(ws->db(), f);
        };
        QCOMPARE(query(0, 0).size(), 5);
        QCOMPARE(query(2, 0), (QVector<qint64>{ids[0], ids[2], ids[3]}));
        QCOMPARE(query(0, 1), (QVector<qint64>{ids[1], ids[4]}));
        QCOMPARE(query(3, 3), QVector<qint64>{ids[0]});
        QCOMPARE(query(2, 4), (QVector<qint64>{ids[0], ids[3]}));
        QVERIFY(query(6, 0).isEmpty());
        // Sorted by turns; ties by id.
        QCOMPARE(query(0, 0, true), (QVector<qint64>{ids[1], ids[4], ids[3], ids[0], ids[2]}));
        QCOMPARE(query(0, 0, true, true).first(), ids[2]);
        QCOMPARE(query(2, 0, true, true), (QVector<qint64>{ids[2], ids[0], ids[3]}));
        // An edit that changes the number of turns moves the record between filters.
        ws->setConversation(ids[1], QString(), {user("1"), assistant("1"), user("2"), assistant("2"), user("3")});
        QCOMPARE(query(3, 3), (QVector<qint64>{ids[0], ids[1]}));

        // Filters compare equal only with the same bounds.
        RecordFilter a, b;
        QVERIFY(a == b);
        b.minTurns = 2;
        QVERIFY(a != b);
        b = a;
        b.maxTurns = 1;
        QVERIFY(a != b);
        b = a;
        b.sortColumn = RecordColumn::Turns;
        QVERIFY(a != b);
    }

    // Text that occurs only in the third turn or in the system message is found, by the LIKE scan before
    // indexing and by the trigram index after, and the index follows edits of the turns.
    void searchEveryTurn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sftws"));
        auto ws = Workspace::open(path);
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        Record deep;
        setTurns(deep, {{"user", "hello"}, {"assistant", "hi"}, {"user", "tell me more"}, {"assistant", "sure"},
                        {"user", "what about the zeppelin? 飞艇呢"}, {"assistant", "it flies"}});
        Record system = single("Introduce yourself", "I am Sun Wukong");
        system.system = "你是孙悟空，a pirate-free monkey king";
        Record plain = single("role content user assistant", "nothing special");
        Record other = conversation(2, "unrelated");
        const QList<qint64> ids = ws->addRecords(d, {deep, system, plain, other});
        auto search = [&](const QString &text) {
            RecordFilter f;
            f.datasetId = d;
            f.search = text;
            return queryRecordIds(ws->db(), f);
        };
        auto checkAll = [&] {
            QCOMPARE(search(QStringLiteral("zeppelin")), QVector<qint64>{ids[0]});
            QCOMPARE(search(QStringLiteral("飞艇")), QVector<qint64>{ids[0]});  // a 2-character term: LIKE
            QCOMPARE(search(QStringLiteral("ZEPPELIN flies")), QVector<qint64>{ids[0]});  // terms in two turns
            QCOMPARE(search(QStringLiteral("孙悟空")), QVector<qint64>{ids[1]});
            QCOMPARE(search(QStringLiteral("pirate-free")), QVector<qint64>{ids[1]});
            QCOMPARE(search(QStringLiteral("question 2")), QVector<qint64>{ids[3]});
            // The JSON around the messages is not searched: these words are only in record 3's text.
            QCOMPARE(search(QStringLiteral("role")), QVector<qint64>{ids[2]});
            QCOMPARE(search(QStringLiteral("content")), QVector<qint64>{ids[2]});
            QCOMPARE(search(QStringLiteral("assistant")), QVector<qint64>{ids[2]});
            QVERIFY(search(QStringLiteral("zebra")).isEmpty());
        };
        QVERIFY(unindexedRecords(path) > 0);
        checkAll();  // LIKE scan
        QCOMPARE(updateSearchIndex(path), qint64(4));
        checkAll();  // trigram index
        QCOMPARE(ftsIntegrity(ws->db()), QString());

        // Edits of indexed rows keep the index in sync: the old third turn is gone, the new one found.
        auto turns = Workspace::turnsOf(*ws->record(ids[0]));
        turns[4].content = QStringLiteral("what about the airship?");
        ws->setConversation(ids[0], QStringLiteral("you like balloons"), turns);
        QVERIFY(search(QStringLiteral("zeppelin")).isEmpty());
        QCOMPARE(search(QStringLiteral("airship")), QVector<qint64>{ids[0]});
        QCOMPARE(search(QStringLiteral("balloons")), QVector<qint64>{ids[0]});
        ws->setField(ids[1], RecordField::Instruction, QStringLiteral("Introduce the monkey"));
        QCOMPARE(search(QStringLiteral("孙悟空 monkey")), QVector<qint64>{ids[1]});
        ws->deleteRecords({ids[3]});
        QVERIFY(search(QStringLiteral("unrelated")).isEmpty());
        QCOMPARE(ftsIntegrity(ws->db()), QString());
        // A copy of an indexed conversation is found too: it takes the deleted record's id again, below the
        // watermark, and is indexed as it is inserted.
        const QList<qint64> copy = ws->duplicateRecords({ids[0]}, QStringLiteral("copy"));
        QCOMPARE(copy, QList<qint64>{ids[3]});
        QCOMPARE(unindexedRecords(path), qint64(0));
        QCOMPARE(search(QStringLiteral("airship")), (QVector<qint64>{ids[0], copy[0]}));
        updateSearchIndex(path);
        QCOMPARE(search(QStringLiteral("airship")), (QVector<qint64>{ids[0], copy[0]}));
        QCOMPARE(ftsIntegrity(ws->db()), QString());
    }

    void duplicateKeepsTurns()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const qint64 d = ws->createDataset(QStringLiteral("d"));
        const qint64 id = ws->addRecord(d, conversation(3, "dup", "be kind"));
        const QList<qint64> copies = ws->duplicateRecords({id}, QStringLiteral("manual"));
        QCOMPARE(copies.size(), 1);
        const auto orig = ws->record(id);
        const auto copy = ws->record(copies[0]);
        QCOMPARE(copy->system, QStringLiteral("be kind"));
        QCOMPARE(copy->turns, orig->turns);
        QCOMPARE(copy->turns.size(), 6);
        QCOMPARE(copy->turnCount, 3);
        QCOMPARE(copy->instruction, orig->instruction);
        QCOMPARE(copy->source, QStringLiteral("manual"));
        RecordFilter f;
        f.datasetId = d;
        f.minTurns = 3;
        QCOMPARE(queryRecordIds(ws->db(), f), (QVector<qint64>{id, copies[0]}));
    }

    // A JSONL file of {"messages": [...]} lines imports through importFile as conversations (system kept),
    // with the source given, and exports back to the same records in JSONL and OpenAI messages.
    void importAndExportConversations_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("jsonl") << "jsonl";
        QTest::newRow("openai") << "openai";
        QTest::newRow("alpaca") << "alpaca";
    }
    void importAndExportConversations()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QByteArray jsonl =
            R"({"messages": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "第二个问题"}, {"role": "assistant", "content": "第二个回答"}, {"role": "user", "content": "third"}, {"role": "assistant", "content": "done"}]})"
            "\n"
            R"({"messages": [{"role": "user", "content": "single question"}, {"role": "assistant", "content": "single answer"}]})"
            "\n"
            R"({"messages": [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1"}, {"role": "user", "content": "q2"}, {"role": "assistant", "content": "a2"}]})"
            "\n";
        const QString file = writeText(dir, QStringLiteral("chats.jsonl"), jsonl);
        QVERIFY(!file.isEmpty());
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        ImportOptions opts;
        opts.file = file;
        opts.source = QStringLiteral("catalogue:test-chats");
        const ImportResult imported = importFile(ws->path(), opts);
        QCOMPARE(imported.records, qint64(3));
        const auto first = ws->record(imported.firstRecordId);
        QCOMPARE(first->system, QStringLiteral("You are terse."));
        QCOMPARE(first->turnCount, 3);
        QCOMPARE(first->turns.size(), 6);
        QCOMPARE(first->turns[3], assistant("第二个回答"));
        QCOMPARE(first->instruction, QStringLiteral("Hi"));
        QCOMPARE(first->output, QStringLiteral("Hello."));
        QCOMPARE(first->source, QStringLiteral("catalogue:test-chats"));
        const auto second = ws->record(imported.firstRecordId + 1);
        QVERIFY(second->turns.isEmpty());
        QCOMPARE(second->instruction, QStringLiteral("single question"));
        QCOMPARE(second->source, QStringLiteral("catalogue:test-chats"));
        QCOMPARE(ws->record(imported.lastRecordId)->turnCount, 2);

        // Export everything and read it back: the same records as the file.
        ExportOptions ex;
        ex.datasetId = imported.datasetId;
        ex.acceptedOnly = false;
        QVERIFY(formatFromName(format.toStdString(), ex.format));
        ex.path = dir.filePath(QStringLiteral("out.") + QLatin1String(format == QLatin1String("alpaca") ? "json" : "jsonl"));
        QCOMPARE(exportDataset(ws->path(), ex).train, qint64(3));
        const std::vector<Record> expected = readDataset(file.toStdString(), DatasetFormat::Jsonl);
        const std::vector<Record> back = readDataset(ex.path.toStdString(), ex.format);
        QCOMPARE(back.size(), expected.size());
        for (std::size_t i = 0; i < back.size(); ++i) {
            QCOMPARE(back[i].system, expected[i].system);
            QCOMPARE(back[i].turns, expected[i].turns);
            QCOMPARE(back[i].instruction, expected[i].instruction);
            QCOMPARE(back[i].input, expected[i].input);
            QCOMPARE(back[i].output, expected[i].output);
        }
        QCOMPARE(back[0].turns.size(), std::size_t(6));
        QCOMPARE(back[0].system, std::string("You are terse."));

        // Without a source, a record's source is the reader's (the file).
        ImportOptions plain;
        plain.file = file;
        const ImportResult again = importFile(ws->path(), plain);
        QVERIFY(ws->record(again.firstRecordId)->source != QStringLiteral("catalogue:test-chats"));
        QVERIFY(!ws->record(again.firstRecordId)->source.isEmpty());
    }

    // The preview takes the reader's options, and reads only whole records of a big messages file.
    void previewWithReadOptions()
    {
        QTemporaryDir dir;
        std::vector<Record> records;
        for (int i = 0; i < 3000; ++i) {
            Record r = conversation(2, "#" + std::to_string(i) + " \"quoted\" {braces}\nnext line", "sys");
            records.push_back(r);
        }
        const QString file = dir.filePath(QStringLiteral("big.jsonl"));
        writeDatasetFile(records, DatasetFormat::OpenAiMessages, file.toStdString());
        QVERIFY(QFileInfo(file).size() > (256 << 10));
        ReadOptions ro;
        ro.format = DatasetFormat::OpenAiMessages;
        const ImportPreview p = previewFile(file, ro, 20);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.format, DatasetFormat::OpenAiMessages);
        QVERIFY(!p.wholeFile);
        QCOMPARE(int(p.records.size()), 20);
        QCOMPARE(p.records[19].turns, records[19].turns);
        QCOMPARE(p.records[19].system, std::string("sys"));

        // A field mapping reaches the reader (Dolly-style names), through ImportOptions::readOptions() too.
        const QString dolly = writeText(
            dir, QStringLiteral("dolly.jsonl"),
            R"({"question": "What is 2+2?", "context": "arithmetic", "response": "4"})"
            "\n"
            R"({"question": "Name a colour", "context": "", "response": "red"})"
            "\n");
        ImportOptions opts;
        opts.file = dolly;
        opts.format = DatasetFormat::Jsonl;
        opts.mapping = FieldMapping::parse("instruction=question,input=context,output=response");
        opts.language = QStringLiteral("en");
        opts.oasstPaths = OasstPaths::All;
        const ReadOptions fromImport = opts.readOptions();
        QCOMPARE(fromImport.format, DatasetFormat::Jsonl);
        QCOMPARE(fromImport.mapping.toString(), opts.mapping.toString());
        QCOMPARE(fromImport.language, std::string("en"));
        QCOMPARE(fromImport.oasstPaths, OasstPaths::All);
        ro = ReadOptions();
        ro.format = DatasetFormat::Jsonl;
        ro.mapping = opts.mapping;
        const ImportPreview mapped = previewFile(dolly, ro);
        QVERIFY2(mapped.error.isEmpty(), qPrintable(mapped.error));
        QCOMPARE(int(mapped.records.size()), 2);
        QCOMPARE(mapped.records[0].input, std::string("arithmetic"));
        opts.language.clear();
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sftws")));
        const ImportResult r = importFile(ws->path(), opts);
        QCOMPARE(ws->record(r.firstRecordId)->instruction, QStringLiteral("What is 2+2?"));
        QCOMPARE(ws->record(r.firstRecordId)->output, QStringLiteral("4"));
        // Without the mapping the same file is an error (no instruction field) and imports nothing.
        ImportOptions unmapped;
        unmapped.file = dolly;
        QVERIFY_THROWS_EXCEPTION(Error, importFile(ws->path(), unmapped));
        QCOMPARE(ws->datasets().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "test_conversations.moc"
