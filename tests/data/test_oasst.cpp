// OpenAssistant exports: the same seven message trees as a trees file and as
// flat messages (tests/data/data), read as the best-ranked path or every
// path, by language; deleted, synthetic and spam messages and the trees the
// OpenAssistant SFT loader leaves out (not ready for export, prompt not
// reviewed) never appear; bad trees name the message's field path.
//
// The trees (see the fixture README): 1 (en) a prompt with three replies:
// rank 1 (followed up, two ranked answers), rank 0 (two follow-ups left
// unanswered but for a synthetic answer, itself followed up and answered) and
// a deleted one; 2 (zh) two ranked answers and a spam one; 3 (en) a spam
// prompt in an aborted tree; 4 (en) a prompt without replies; 5 (en) two
// unranked answers, the first followed up and answered; 6 (en) an answered
// prompt in a tree still "growing"; 7 (en) an answered prompt whose
// review_result is null.

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>

#include "core/error.h"
#include "data/conversation.h"
#include "data/formats.h"

using namespace sft;

namespace {

std::string fixture(const char *name)
{
    return std::string(SFT_TEST_DATA_DIR "/") + name;
}

std::vector<Record> readOasst(const std::string &path, OasstPaths paths, const std::string &language = {})
{
    ReadOptions options;
    options.oasstPaths = paths;
    options.language = language;
    return readDataset(path, options);
}

// A record's messages as one comparable string.
std::string key(const Record &r)
{
    std::string s;
    for (const auto &m : messagesOf(r))
        s += m.role + ":" + m.content + "\n";
    return s;
}

std::vector<std::string> sortedKeys(const std::vector<Record> &rs)
{
    std::vector<std::string> keys;
    for (const auto &r : rs)
        keys.push_back(key(r));
    std::sort(keys.begin(), keys.end());
    return keys;
}

} // namespace

class TestOasst : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("all");
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("records");
        for (const char *file : {"oasst_trees_sample.jsonl", "oasst_messages_sample.jsonl"}) {
            const QString f = QString::fromLatin1(file);
            QTest::addRow("%s best", file) << f << false << QString() << 3;
            QTest::addRow("%s all", file) << f << true << QString() << 7;
            QTest::addRow("%s best en", file) << f << false << QStringLiteral("en") << 2;
            QTest::addRow("%s all en", file) << f << true << QStringLiteral("en") << 5;
            QTest::addRow("%s best zh", file) << f << false << QStringLiteral("zh") << 1;
            QTest::addRow("%s all ZH", file) << f << true << QStringLiteral("ZH") << 2;
            QTest::addRow("%s all de", file) << f << true << QStringLiteral("de") << 0;
        }
    }
    void counts()
    {
        QFETCH(QString, file);
        QFETCH(bool, all);
        QFETCH(QString, language);
        QFETCH(int, records);
        const std::string path = fixture(file.toUtf8().constData());
        QCOMPARE(detectFormat(path), DatasetFormat::Oasst);
        const auto rs = readOasst(path, all ? OasstPaths::All : OasstPaths::Best, language.toStdString());
        QCOMPARE(int(rs.size()), records);
        for (const auto &r : rs) {
            // Every record ends with an answer and leaves out deleted and spam messages.
            const auto m = turnsOf(r);
            QCOMPARE(m.back().role, std::string("assistant"));
            const std::string text = conversationText(r);
            for (const char *gone : {"idk google it", "Sorry about that.", "买买买", "Buy cheap watches", "I can't help with",
                                     "Halley's Comet", "Is Ceres a planet?", "dwarf planet", "primary colours",
                                     "Red, yellow and blue.", "capital of Portugal"})
                QVERIFY2(text.find(gone) == std::string::npos, gone);
            QCOMPARE(r.source, path);
        }
    }

    void bestPath()
    {
        const auto rs = readOasst(fixture("oasst_trees_sample.jsonl"), OasstPaths::Best);
        QCOMPARE(rs.size(), std::size_t(3));
        // Tree 1: the rank-0 answer; its follow-ups have no answer but a synthetic one, so the path ends there
        // (single-turn).
        QVERIFY(!isConversation(rs[0]));
        QCOMPARE(rs[0].instruction, std::string("What is the difference between a comet and an asteroid?"));
        QVERIFY(rs[0].output.rfind("An asteroid is a rocky body", 0) == 0);
        // Tree 2: rank 0 of two ranked answers.
        QCOMPARE(rs[1].instruction, std::string("请用一句话解释什么是机器学习。"));
        QVERIFY(rs[1].output.rfind("机器学习是让计算机从数据中自动学习规律", 0) == 0);
        // Tree 5: nothing ranked, so the first answer, followed down to the leaf.
        QCOMPARE(rs[2].turns.size(), std::size_t(4));
        QCOMPARE(rs[2].turns[1].content, std::string("Put the egg in boiling water for 9 minutes, then cool it in cold water."));
        QCOMPARE(rs[2].turns[3].content, std::string("About 6 minutes."));
    }

    void allPaths()
    {
        const auto rs = readOasst(fixture("oasst_trees_sample.jsonl"), OasstPaths::All);
        QCOMPARE(rs.size(), std::size_t(7));
        // Tree 1 in file order: the two answers to the follow-up, then the rank-0 answer once (both follow-ups
        // under it end unanswered and are cut to the same path).
        QCOMPARE(rs[0].turns.size(), std::size_t(4));
        QVERIFY(rs[0].turns[3].content.rfind("Near-Earth asteroids", 0) == 0);
        QVERIFY(rs[1].turns[3].content.rfind("Asteroids, mostly", 0) == 0);
        QVERIFY(!isConversation(rs[2]));
        QVERIFY(rs[2].output.rfind("An asteroid is a rocky body", 0) == 0);
        int rockyBody = 0;
        for (const auto &r : rs)
            rockyBody += r.output.rfind("An asteroid is a rocky body", 0) == 0;
        QCOMPARE(rockyBody, 1);
        QCOMPARE(rs[6].output, std::string("Boil it for ten minutes."));
    }

    void flatEqualsTrees()
    {
        for (const auto paths : {OasstPaths::Best, OasstPaths::All}) {
            const auto trees = readOasst(fixture("oasst_trees_sample.jsonl"), paths);
            const auto flat = readOasst(fixture("oasst_messages_sample.jsonl"), paths);
            QCOMPARE(sortedKeys(flat), sortedKeys(trees));
            if (paths == OasstPaths::Best) {
                QCOMPARE(flat.size(), trees.size());
                for (std::size_t i = 0; i < flat.size(); ++i)
                    QCOMPARE(key(flat[i]), key(trees[i]));
            }
        }
    }

    void threads()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("threads.jsonl")).toStdString();
        std::ofstream(path) << R"({"thread_id":"t2","thread":[{"message_id":"a","text":"Why?","role":"prompter","lang":"en"},)"
                               R"({"message_id":"b","text":"Because.","role":"assistant","lang":"en"},)"
                               R"({"message_id":"c","text":"Why so?","role":"prompter","lang":"en"}]})" "\n";
        QCOMPARE(detectFormat(path), DatasetFormat::Oasst);
        const auto rs = readOasst(path, OasstPaths::Best);
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].instruction, std::string("Why?"));
        QCOMPARE(rs[0].output, std::string("Because."));
    }

    // Each of the loader's filters on its own, in a tree line and in flat messages: the count of records.
    void filters_data()
    {
        QTest::addColumn<QByteArray>("treeState");     // the tree's "tree_state" member ("" = none)
        QTest::addColumn<QByteArray>("promptFields");  // extra members of the prompt
        QTest::addColumn<QByteArray>("answerFields");  // extra members of its answer
        QTest::addColumn<int>("records");
        QTest::newRow("plain") << QByteArray() << QByteArray() << QByteArray() << 1;
        QTest::newRow("ready") << QByteArray(R"("tree_state":"ready_for_export")") << QByteArray() << QByteArray() << 1;
        QTest::newRow("growing") << QByteArray(R"("tree_state":"growing")") << QByteArray() << QByteArray() << 0;
        QTest::newRow("aborted") << QByteArray(R"("tree_state":"aborted_low_grade")") << QByteArray() << QByteArray() << 0;
        QTest::newRow("state null") << QByteArray(R"("tree_state":null)") << QByteArray() << QByteArray() << 0;
        QTest::newRow("prompt reviewed") << QByteArray() << QByteArray(R"("review_result":true)") << QByteArray() << 1;
        QTest::newRow("prompt spam") << QByteArray() << QByteArray(R"("review_result":false)") << QByteArray() << 0;
        QTest::newRow("prompt not reviewed") << QByteArray() << QByteArray(R"("review_result":null)") << QByteArray() << 0;
        QTest::newRow("prompt synthetic") << QByteArray() << QByteArray(R"("synthetic":true)") << QByteArray() << 0;
        QTest::newRow("prompt deleted") << QByteArray() << QByteArray(R"("deleted":true)") << QByteArray() << 0;
        QTest::newRow("answer synthetic") << QByteArray() << QByteArray() << QByteArray(R"("synthetic":true)") << 0;
        QTest::newRow("answer not synthetic") << QByteArray() << QByteArray() << QByteArray(R"("synthetic":false)") << 1;
        QTest::newRow("answer synthetic null") << QByteArray() << QByteArray() << QByteArray(R"("synthetic":null)") << 1;
        QTest::newRow("answer deleted") << QByteArray() << QByteArray() << QByteArray(R"("deleted":true)") << 0;
        QTest::newRow("answer spam") << QByteArray() << QByteArray() << QByteArray(R"("review_result":false)") << 0;
        QTest::newRow("answer not reviewed") << QByteArray() << QByteArray() << QByteArray(R"("review_result":null)") << 1;
    }
    void filters()
    {
        QFETCH(QByteArray, treeState);
        QFETCH(QByteArray, promptFields);
        QFETCH(QByteArray, answerFields);
        QFETCH(int, records);
        const auto member = [](const QByteArray &m) { return m.isEmpty() ? QByteArray() : "," + m; };
        const QByteArray answer = R"({"message_id":"a","parent_id":"p","text":"An answer.","role":"assistant","lang":"en")"
                                  + member(answerFields);
        const QByteArray tree = R"({"message_tree_id":"p")" + member(treeState)
                                + R"(,"prompt":{"message_id":"p","parent_id":null,"text":"A question?","role":"prompter","lang":"en")"
                                + member(promptFields) + R"(,"replies":[)" + answer + "}]}}\n";
        // Flat: the tree's state on every row, as in the Hugging Face table (the prompt's row decides).
        const QByteArray flat = R"({"message_id":"p","parent_id":null,"text":"A question?","role":"prompter","lang":"en")"
                                + member(promptFields) + member(treeState) + "}\n" + answer + member(treeState) + "}\n";
        QTemporaryDir dir;
        for (const QByteArray &content : {tree, flat}) {
            const std::string path = dir.filePath(QStringLiteral("one.jsonl")).toStdString();
            std::ofstream(path, std::ios::binary | std::ios::trunc) << content.toStdString();
            for (const auto paths : {OasstPaths::Best, OasstPaths::All}) {
                const auto rs = readOasst(path, paths);
                QVERIFY2(int(rs.size()) == records, content.constData());
                if (records == 1)
                    QCOMPARE(rs[0].output, std::string("An answer."));
            }
        }
    }

    // Only the prompt's row carries the tree's state for flat messages (an answer's row does not decide).
    void flatStateFromPrompt()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("flat.jsonl")).toStdString();
        std::ofstream(path) << R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter","tree_state":"ready_for_export"})" "\n"
                               R"({"message_id":"a","parent_id":"p","text":"a","role":"assistant","tree_state":"growing"})" "\n"
                               R"({"message_id":"p2","parent_id":null,"text":"q2","role":"prompter","tree_state":"growing"})" "\n"
                               R"({"message_id":"a2","parent_id":"p2","text":"a2","role":"assistant","tree_state":"ready_for_export"})" "\n";
        const auto rs = readOasst(path, OasstPaths::All);
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].instruction, std::string("q"));
    }

    // A synthetic message takes its replies with it: the path stops above it.
    void syntheticSubtree()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("trees.jsonl")).toStdString();
        std::ofstream(path) << R"({"message_tree_id":"p","tree_state":"ready_for_export","prompt":{"text":"q","role":"prompter","review_result":true,"replies":[)"
                               R"({"text":"a","role":"assistant","rank":0,"replies":[{"text":"q2","role":"prompter","replies":[)"
                               R"({"text":"a2 synthetic","role":"assistant","synthetic":true,"rank":0,"replies":[)"
                               R"({"text":"q3","role":"prompter","replies":[{"text":"a3","role":"assistant"}]}]},)"
                               R"({"text":"a2","role":"assistant","rank":1}]}]}]}})" "\n";
        for (const auto paths : {OasstPaths::Best, OasstPaths::All}) {
            const auto rs = readOasst(path, paths);
            QCOMPARE(rs.size(), std::size_t(1));
            QCOMPARE(rs[0].turns.size(), std::size_t(4));
            QCOMPARE(rs[0].turns[3].content, std::string("a2"));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");  // after the path
        const QByteArray okTree =
            R"({"message_tree_id":"t","prompt":{"message_id":"t","text":"q","role":"prompter","lang":"en","replies":[{"message_id":"r","text":"a","role":"assistant","rank":0}]}})" "\n";
        QTest::newRow("unknown role") << okTree + R"({"message_tree_id":"u","prompt":{"text":"q","role":"prompter","replies":[)"
                                                  R"({"text":"a","role":"assistant"},{"text":"b","role":"robot"}]}})"
                                      << ":2: record 2, field \"prompt.replies[1].role\": unknown role \"robot\"";
        QTest::newRow("assistant answers assistant")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","replies":[{"text":"a","role":"assistant","replies":[{"text":"b","role":"assistant"}]}]}})")
            << ":1: record 1, field \"prompt.replies[0].replies[0].role\": a reply to an assistant message must come from the prompter";
        QTest::newRow("rank text")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","replies":[{"text":"a","role":"assistant","rank":"first"}]}})")
            << ":1: record 1, field \"prompt.replies[0].rank\": expected a number, found string";
        QTest::newRow("deleted text")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","deleted":"no"}})")
            << ":1: record 1, field \"prompt.deleted\": expected true or false, found string";
        QTest::newRow("synthetic text")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","replies":[{"text":"a","role":"assistant","synthetic":"yes"}]}})")
            << ":1: record 1, field \"prompt.replies[0].synthetic\": expected true or false, found string";
        QTest::newRow("tree state number")
            << QByteArray(R"({"message_tree_id":"t","tree_state":3,"prompt":{"text":"q","role":"prompter"}})")
            << ":1: record 1, field \"tree_state\": expected a string, found number";
        QTest::newRow("flat tree state list")
            << QByteArray(R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter","tree_state":[]})")
            << ":1: record 1, field \"tree_state\": expected a string, found array";
        QTest::newRow("missing text")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","replies":[{"role":"assistant"}]}})")
            << ":1: record 1, field \"prompt.replies[0].text\": missing required field";
        QTest::newRow("prompt by the assistant")
            << QByteArray(R"({"prompt":{"text":"q","role":"assistant"}})")
            << ":1: record 1, field \"prompt.role\": a message tree must start with a prompter message";
        QTest::newRow("replies not a list")
            << QByteArray(R"({"prompt":{"text":"q","role":"prompter","replies":{}}})")
            << ":1: record 1, field \"prompt.replies\": expected an array of messages, found object";
        QTest::newRow("flat unknown parent")
            << QByteArray(R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter"})" "\n"
                          R"({"message_id":"a","parent_id":"p","text":"a","role":"assistant"})" "\n\n"
                          R"({"message_id":"b","parent_id":"nope","text":"b","role":"prompter"})" "\n")
            << ":4: record 3, field \"parent_id\": parent message \"nope\" is not in the file";
        QTest::newRow("flat duplicate id")
            << QByteArray(R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter"})" "\n"
                          R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter"})" "\n")
            << ":2: record 2, field \"message_id\": message \"p\" appears twice";
        QTest::newRow("flat same role as parent")
            << QByteArray(R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter"})" "\n"
                          R"({"message_id":"a","parent_id":"p","text":"a","role":"prompter"})" "\n")
            << ":2: record 2, field \"role\": a reply to a prompter message must come from the assistant";
        QTest::newRow("flat loop")
            << QByteArray(R"({"message_id":"p","parent_id":null,"text":"q","role":"prompter"})" "\n"
                          R"({"message_id":"a","parent_id":"b","text":"a","role":"assistant"})" "\n"
                          R"({"message_id":"b","parent_id":"a","text":"b","role":"prompter"})" "\n")
            << ":2: record 2, field \"parent_id\": the message's parent_id chain never reaches a prompt";
        QTest::newRow("array element")
            << QByteArray("[\n" + okTree.trimmed() + ",\n" + R"({"message_id":"m","text":5,"role":"prompter"})" + "\n]")
            << ":3: record 2, field \"text\": expected a string, found number";
        QTest::newRow("neither") << QByteArray(R"({"text":"q"})")
                                 << ":1: record 1: neither a message tree (\"prompt\") nor a message (\"message_id\")";
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.jsonl")).toStdString();
        std::ofstream(path, std::ios::binary) << content.toStdString();
        ReadOptions options;
        options.format = DatasetFormat::Oasst;
        try {
            const auto rs = readDataset(path, options);
            QFAIL(qPrintable(QStringLiteral("no error; %1 records").arg(rs.size())));
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path) + expected), qPrintable(what));
        }
    }
};

QTEST_GUILESS_MAIN(TestOasst)
#include "test_oasst.moc"
