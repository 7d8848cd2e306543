// Conversations: the record shapes of data/conversation.h, the ShareGPT,
// OpenAI-messages and UltraChat readers on the fixtures in tests/data/data,
// round trips of conversations through every writer, format detection by the
// first record's keys, and bad files whose errors name the file, line, record
// and field.

#include <QTemporaryDir>
#include <QtTest>

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

std::string writeFile(const QTemporaryDir &dir, const QString &name, const std::string &content)
{
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

std::vector<ChatMessage> msgs(std::initializer_list<std::pair<const char *, const char *>> list)
{
    std::vector<ChatMessage> out;
    for (const auto &[role, content] : list)
        out.push_back({role, content});
    return out;
}

// Records of both shapes, with and without a system message, Chinese text and characters JSON and CSV escape.
std::vector<Record> mixedRecords()
{
    std::vector<Record> rs(6);
    rs[0].instruction = "Give three tips for staying healthy.";
    rs[0].output = "1. Eat well.\n2. Sleep.\n3. Move.";
    setTurns(rs[1], msgs({{"user", "你好，能帮我写一首诗吗？"}, {"assistant", "秋风落叶满山黄。"},
                          {"user", "再写一句。"}, {"assistant", "月照千家桂花香。"}}));
    rs[1].system = "你是一位诗人。";
    rs[2].instruction = "Translate \"hello\"";
    rs[2].output = "你好";
    rs[2].system = "Answer with the translation only.";
    setTurns(rs[3], msgs({{"user", "Quote: \"\" and a comma, then\r\nCRLF"}, {"assistant", "ok"}, {"user", "tab\there"}}));
    setTurns(rs[4], msgs({{"user", "a"}, {"assistant", "b"}, {"user", "c"}, {"assistant", "d"}, {"user", "e"},
                          {"assistant", "f"}}));
    rs[5].instruction = "Name a colour.";
    rs[5].output = "Blue.";
    return rs;
}

void compareRecords(const std::vector<Record> &back, const std::vector<Record> &records, bool exactFields)
{
    QCOMPARE(back.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        QCOMPARE(messagesOf(back[i]), messagesOf(records[i]));
        QCOMPARE(back[i].system, records[i].system);
        QCOMPARE(back[i].turns, records[i].turns);
        QCOMPARE(turnCount(back[i]), turnCount(records[i]));
        if (exactFields) {
            QCOMPARE(back[i].instruction, records[i].instruction);
            QCOMPARE(back[i].input, records[i].input);
            QCOMPARE(back[i].output, records[i].output);
        }
    }
}

} // namespace

namespace QTest {
template<>
char *toString(const std::vector<ChatMessage> &m)
{
    std::string s = "[";
    for (const auto &x : m)
        s += x.role + ": " + x.content + " | ";
    return qstrdup((s + "]").c_str());
}
} // namespace QTest

class TestFormatsChat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalRoles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("role");
        for (const char *n : {"human", "user", "prompter", "USER", "Human"})
            QTest::newRow(n) << QString::fromLatin1(n) << QStringLiteral("user");
        for (const char *n : {"gpt", "assistant", "bot", "chatgpt", "bing", "bard", "model", "ASSISTANT", "GPT", "Bing", "ChatGPT"})
            QTest::newRow(n) << QString::fromLatin1(n) << QStringLiteral("assistant");
        QTest::newRow("system") << QStringLiteral("System") << QStringLiteral("system");
        QTest::newRow("tool") << QStringLiteral("tool") << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void canonicalRoles()
    {
        QFETCH(QString, name);
        QFETCH(QString, role);
        QCOMPARE(QString::fromStdString(canonicalRole(name.toStdString())), role);
    }

    void recordShapes()
    {
        // A single-turn record as messages: input after a blank line, an empty output left out.
        Record single;
        single.instruction = "Translate";
        single.input = "hello";
        single.output = "你好";
        single.system = "Be brief.";
        QCOMPARE(messagesOf(single), msgs({{"system", "Be brief."}, {"user", "Translate\n\nhello"}, {"assistant", "你好"}}));
        QCOMPARE(turnsOf(single), msgs({{"user", "Translate\n\nhello"}, {"assistant", "你好"}}));
        QCOMPARE(turnCount(single), 1);
        QCOMPARE(conversationText(single), std::string("Be brief.\n\nTranslate\n\nhello\n\n你好"));
        single.output.clear();
        QCOMPARE(messagesOf(single).size(), std::size_t(2));

        // [user, assistant] and a lone user message are stored single-turn.
        Record r;
        r.input = "stale";
        setTurns(r, msgs({{"user", "q"}, {"assistant", "a"}}));
        QVERIFY(!isConversation(r));
        QCOMPARE(r.instruction, std::string("q"));
        QCOMPARE(r.output, std::string("a"));
        QVERIFY(r.input.empty());
        setTurns(r, msgs({{"user", "only"}}));
        QVERIFY(!isConversation(r));
        QCOMPARE(r.instruction, std::string("only"));
        QVERIFY(r.output.empty());

        // Anything else is a conversation with the summary fields set.
        setTurns(r, msgs({{"user", "q1"}, {"assistant", "a1"}, {"user", "q2"}}));
        QVERIFY(isConversation(r));
        QCOMPARE(r.instruction, std::string("q1"));
        QCOMPARE(r.output, std::string("a1"));
        QCOMPARE(turnCount(r), 2);
        QCOMPARE(turnsOf(r), r.turns);
        setTurns(r, msgs({{"assistant", "hello"}, {"user", "hi"}}));
        QVERIFY(isConversation(r));
        QCOMPARE(r.instruction, std::string("hi"));
        QVERIFY(r.output.empty());
        QCOMPARE(turnCount(r), 1);

        std::string why;
        QCOMPARE(checkTurns(msgs({{"user", "a"}, {"assistant", "b"}}), why), -1);
        QCOMPARE(checkTurns({}, why), 0);
        QCOMPARE(checkTurns(msgs({{"assistant", "a"}}), why), 0);
        QVERIFY(why.find("user message") != std::string::npos);
        QCOMPARE(checkTurns(msgs({{"user", "a"}, {"system", "b"}}), why), 1);
        try {
            setTurns(r, msgs({{"user", "a"}, {"tool", "b"}}));
            QFAIL("no error for a tool message");
        } catch (const Error &e) {
            QCOMPARE(e.where().field, std::string("turns[1].role"));
        }
        try {
            setTurns(r, {});
            QFAIL("no error for no messages");
        } catch (const Error &e) {
            QCOMPARE(e.where().field, std::string("turns"));
        }
        // A failed setTurns leaves the record as it was.
        QCOMPARE(r.instruction, std::string("hi"));
    }

    void shareGptMultiTurn_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("json array") << QStringLiteral("sharegpt_multiturn.json");
        QTest::newRow("json lines") << QStringLiteral("sharegpt_multiturn.jsonl");
    }
    void shareGptMultiTurn()
    {
        QFETCH(QString, file);
        const std::string path = fixture(file.toUtf8().constData());
        QCOMPARE(detectFormat(path), DatasetFormat::ShareGpt);
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(4));
        // Two turns in Chinese; the summary fields hold the first exchange.
        QCOMPARE(rs[0].turns.size(), std::size_t(4));
        QCOMPARE(turnCount(rs[0]), 2);
        QCOMPARE(rs[0].instruction, std::string("你好，能帮我写一首关于秋天的短诗吗？"));
        QVERIFY(rs[0].output.rfind("当然可以：", 0) == 0);
        QCOMPARE(rs[0].turns[3].content, std::string("秋风落叶满山黄，\n月照千家桂花香。"));
        QCOMPARE(rs[0].source, path);
        // LLaMA-Factory's top-level "system"; one exchange is a single-turn record.
        QVERIFY(!isConversation(rs[1]));
        QCOMPARE(rs[1].system, std::string("你是一名耐心的数学老师。"));
        QCOMPARE(rs[1].instruction, std::string("为什么任何数的零次方都等于一？"));
        // A system message first, then three turns.
        QCOMPARE(rs[2].system, std::string("You are a concise assistant."));
        QCOMPARE(turnCount(rs[2]), 3);
        QCOMPARE(rs[2].turns.front().role, std::string("user"));
        QCOMPARE(rs[2].turns.back().content, std::string("Nautical miles, for air and sea navigation."));
        // A last user message without a reply is kept.
        QCOMPARE(rs[3].turns.size(), std::size_t(3));
        QCOMPARE(rs[3].turns.back(), (ChatMessage{"user", "Something longer, please."}));
        QCOMPARE(turnCount(rs[3]), 2);
    }

    // Real ShareGPT dumps: conversations that begin with the chatbot (a greeting, or a reply whose question
    // was cut) lose those leading messages, and the chatbot may be named gpt, chatgpt, bing or bard.
    void shareGptLeadingAssistant()
    {
        QTemporaryDir dir;
        const auto path = writeFile(dir, QStringLiteral("dump.json"), R"([
{"id": "a", "conversations": [{"from": "gpt", "value": "GREETING Hello! How can I help?"},
  {"from": "human", "value": "q1"}, {"from": "gpt", "value": "a1"}]},
{"id": "b", "conversations": [{"from": "system", "value": "s"}, {"from": "chatgpt", "value": "CUT first reply"},
  {"from": "bing", "value": "CUT second reply"}, {"from": "human", "value": "q"}, {"from": "bing", "value": "a"},
  {"from": "human", "value": "q2"}, {"from": "bard", "value": "a2"}]},
{"id": "c", "conversations": [{"from": "human", "value": "q3"}, {"from": "chatgpt", "value": "a3"}]}
])");
        QCOMPARE(detectFormat(path), DatasetFormat::ShareGpt);
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(3));
        QVERIFY(!isConversation(rs[0]));
        QCOMPARE(rs[0].instruction, std::string("q1"));
        QCOMPARE(rs[0].output, std::string("a1"));
        QCOMPARE(rs[1].system, std::string("s"));
        QCOMPARE(rs[1].turns, msgs({{"user", "q"}, {"assistant", "a"}, {"user", "q2"}, {"assistant", "a2"}}));
        QCOMPARE(rs[2].output, std::string("a3"));
        for (const auto &r : rs)
            QVERIFY(conversationText(r).find("GREETING") == std::string::npos && conversationText(r).find("CUT") == std::string::npos);

        // The formats this program writes keep a leading assistant message (a hand-edited conversation).
        const auto own = writeFile(dir, QStringLiteral("own.jsonl"),
                                   R"({"messages":[{"role":"assistant","content":"hi"},{"role":"user","content":"q"},{"role":"assistant","content":"a"}]})" "\n");
        for (const DatasetFormat f : {DatasetFormat::Jsonl, DatasetFormat::OpenAiMessages}) {
            const auto back = readDataset(own, f);
            QCOMPARE(back.size(), std::size_t(1));
            QCOMPARE(back[0].turns, msgs({{"assistant", "hi"}, {"user", "q"}, {"assistant", "a"}}));
        }
    }

    void openAiMessages()
    {
        const std::string path = fixture("openai_messages_sample.jsonl");
        QCOMPARE(detectFormat(path), DatasetFormat::OpenAiMessages);
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(3));
        QCOMPARE(rs[0].system, std::string("You answer in one sentence."));
        QCOMPARE(turnCount(rs[0]), 2);
        QCOMPARE(rs[0].turns[2].content, std::string("And HTTPS?"));
        // Text parts are joined; "weight" is ignored.
        QVERIFY(!isConversation(rs[1]));
        QCOMPARE(rs[1].instruction, std::string("把这句话翻译成英文：今天天气很好。"));
        QCOMPARE(rs[1].output, std::string("The weather is nice today."));
        QCOMPARE(rs[2].output, std::string("11."));
    }

    void ultraChat()
    {
        const std::string path = fixture("ultrachat_sample.jsonl");
        QCOMPARE(detectFormat(path), DatasetFormat::UltraChat);
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(2));
        QCOMPARE(rs[0].turns.size(), std::size_t(4));
        QCOMPARE(rs[0].turns[1].role, std::string("assistant"));
        QCOMPARE(rs[0].turns[2], (ChatMessage{"user", "What about naps?"}));
        QCOMPARE(rs[1].turns.size(), std::size_t(3));
        QCOMPARE(rs[1].turns.back().role, std::string("user"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("exactFields");  // input kept apart from the instruction
        QTest::newRow("jsonl") << "jsonl" << "out.jsonl" << true;
        QTest::newRow("alpaca") << "alpaca" << "out.json" << true;
        QTest::newRow("sharegpt") << "sharegpt" << "out.json" << false;
        QTest::newRow("openai") << "openai" << "out.jsonl" << false;
    }
    void roundTrip()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(bool, exactFields);
        DatasetFormat f;
        QVERIFY(formatFromName(format.toStdString(), f));
        auto records = mixedRecords();
        if (exactFields)
            records[0].input = "with an input";
        QTemporaryDir dir;
        const std::string path = dir.filePath(file).toStdString();
        writeDatasetFile(records, f, path);
        // Read back as detected and as named.
        compareRecords(readDataset(path), records, exactFields);
        compareRecords(readDataset(path, f), records, exactFields);
    }

    void ownFilesStartingWithAConversation()
    {
        // A JSONL file this program wrote whose first record is a conversation looks like OpenAI messages; its
        // single-turn records (with input) still read back whole.
        std::vector<Record> records(2);
        setTurns(records[0], msgs({{"user", "a"}, {"assistant", "b"}, {"user", "c"}}));
        records[1].instruction = "i";
        records[1].input = "x";
        records[1].output = "o";
        QTemporaryDir dir;
        for (const auto &[f, name] : {std::pair{DatasetFormat::Jsonl, "t.jsonl"}, std::pair{DatasetFormat::AlpacaJson, "t.json"}}) {
            const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
            writeDatasetFile(records, f, path);
            QCOMPARE(detectFormat(path), DatasetFormat::OpenAiMessages);
            compareRecords(readDataset(path), records, true);
        }
    }

    void ownFormatsKeepHandEditedRuns()
    {
        // Conversations edited by hand may hold two messages of one role in a row; the program's own formats
        // read them back, ShareGPT (scraped chats) refuses them.
        const std::string line = R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"assistant","content":"c"}]})";
        const auto rs = parseDataset(line + "\n", DatasetFormat::Jsonl, "own.jsonl");
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].turns.size(), std::size_t(3));
        QCOMPARE(rs[0].output, std::string());  // the first user message has no reply right after it
        QVERIFY_THROWS_EXCEPTION(Error, parseDataset(line + "\n", DatasetFormat::ShareGpt, "sg.jsonl"));
    }

    void csvRefusesConversations()
    {
        auto records = mixedRecords();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("out.csv")).toStdString();
        try {
            writeDatasetFile(records, DatasetFormat::Csv, path);
            QFAIL("CSV wrote a conversation");
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path) + QStringLiteral(": record 2: the record is a conversation")),
                     qPrintable(what));
        }
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
        // Single-turn records keep their system message in a "system" column.
        records = {records[0], records[2], records[5]};
        writeDatasetFile(records, DatasetFormat::Csv, path);
        compareRecords(readDataset(path), records, true);
    }

    void detect_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::newRow("openai jsonl") << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":"x"}]})") << "openai";
        QTest::newRow("openai array") << "a.json" << QByteArray(R"( [ {"messages":[]} ])") << "openai";
        QTest::newRow("sharegpt jsonl") << "a.jsonl" << QByteArray(R"({"id":"1","conversations":[]})") << "sharegpt";
        QTest::newRow("sharegpt array") << "a.json" << QByteArray("[\n  {\n    \"conversations\": []\n  }\n]") << "sharegpt";
        QTest::newRow("ultrachat") << "a.jsonl" << QByteArray(R"({"id": "0", "data": ["q", "a"]})") << "ultrachat";
        QTest::newRow("oasst trees") << "a.jsonl" << QByteArray(R"({"message_tree_id":"t","tree_state":"ready_for_export","prompt":{}})") << "oasst";
        QTest::newRow("oasst flat") << "a.jsonl" << QByteArray(R"({"message_id":"m","parent_id":null,"text":"x","role":"prompter"})") << "oasst";
        QTest::newRow("alpaca jsonl") << "a.jsonl" << QByteArray(R"({"instruction":"x","output":"y"})") << "jsonl";
        QTest::newRow("jsonl with both") << "a.jsonl" << QByteArray(R"({"instruction":"x","messages":[]})") << "jsonl";
        QTest::newRow("dolly") << "a.jsonl" << QByteArray(R"({"instruction":"x","context":"","response":"y"})") << "jsonl";
        QTest::newRow("nested keys do not count") << "a.jsonl" << QByteArray(R"({"meta":{"messages":1},"q":"x"})") << "jsonl";
        QTest::newRow("alpaca array") << "a.json" << QByteArray(R"([{"instruction":"x"}])") << "alpaca";
        QTest::newRow("seed tasks") << "a.jsonl" << QByteArray(R"({"id":"s","instruction":"x","instances":[]})") << "seed";
        // The first line is longer than what detection reads: the keys before the cut decide.
        QTest::newRow("long first line") << "a.jsonl"
            << (QByteArray(R"({"conversations":[{"from":"human","value":")") + QByteArray(100000, 'x') + "\"}]}\n")
            << "sharegpt";
    }
    void detect()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QTemporaryDir dir;
        const auto path = writeFile(dir, name, content.toStdString());
        QCOMPARE(QString::fromLatin1(formatName(detectFormat(path))), format);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");  // the error after the path, location included
        const QByteArray ok = R"({"conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"}]})" "\n";
        QTest::newRow("sharegpt same role")
            << "a.jsonl" << ok + R"({"conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"},{"from":"gpt","value":"b"}]})"
            << "sharegpt"
            << ":2: record 2, field \"conversations[2].from\": two assistant messages in a row (conversations[1] and conversations[2])";
        QTest::newRow("sharegpt only assistant messages")
            << "a.jsonl" << ok + R"({"conversations":[{"from":"system","value":"s"},{"from":"gpt","value":"hi"},{"from":"bing","value":"hello"}]})"
            << "sharegpt" << ":2: record 2, field \"conversations\": the conversation has no user message";
        QTest::newRow("sharegpt same role after leading assistant")
            << "a.jsonl" << QByteArray(R"({"conversations":[{"from":"gpt","value":"hi"},{"from":"human","value":"q"},{"from":"human","value":"q2"}]})")
            << "sharegpt" << ":1: record 1, field \"conversations[2].from\": two user messages in a row";
        QTest::newRow("sharegpt late system")
            << "a.jsonl" << ok + ok + R"({"conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"},{"from":"system","value":"s"}]})"
            << "sharegpt" << ":3: record 3, field \"conversations[2].from\": a system message must come first";
        QTest::newRow("sharegpt tool role")
            << "a.jsonl" << QByteArray(R"({"conversations":[{"from":"human","value":"q"},{"from":"function_call","value":"{}"}]})")
            << "sharegpt" << ":1: record 1, field \"conversations[1].from\": role \"function_call\": tool and function messages are not supported";
        QTest::newRow("sharegpt unknown role")
            << "a.jsonl" << QByteArray(R"({"conversations":[{"from":"narrator","value":"q"}]})")
            << "sharegpt" << ":1: record 1, field \"conversations[0].from\": unknown role \"narrator\"";
        QTest::newRow("sharegpt missing value")
            << "a.jsonl" << QByteArray(R"({"conversations":[{"from":"human","value":"q"},{"from":"gpt"}]})")
            << "sharegpt" << ":1: record 1, field \"conversations[1].value\": missing required field";
        QTest::newRow("sharegpt empty")
            << "a.jsonl" << QByteArray(R"({"conversations":[]})") << "sharegpt"
            << ":1: record 1, field \"conversations\": empty conversation";
        QTest::newRow("sharegpt only system")
            << "a.jsonl" << QByteArray(R"({"conversations":[{"from":"system","value":"s"}]})") << "sharegpt"
            << ":1: record 1, field \"conversations\": the conversation has no user message";
        QTest::newRow("sharegpt no list")
            << "a.jsonl" << ok + R"({"id":"x"})" << "sharegpt" << ":2: record 2, field \"conversations\": missing required field";
        QTest::newRow("sharegpt array element line")
            << "a.json" << QByteArray("[\n" + ok.trimmed() + ",\n" + ok.trimmed() + ",\n{\"conversations\": 5}\n]") << "sharegpt"
            << ":4: record 3, field \"conversations\": expected an array of messages, found number";
        QTest::newRow("sharegpt two systems")
            << "a.jsonl" << QByteArray(R"({"system":"x","conversations":[{"from":"system","value":"y"},{"from":"human","value":"q"}]})")
            << "sharegpt" << ":1: record 1, field \"system\": two different system messages";
        QTest::newRow("openai tool role")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"},{"role":"tool","content":"42"}]})")
            << "openai" << ":1: record 1, field \"messages[2].role\": role \"tool\": tool and function messages are not supported";
        QTest::newRow("openai tool calls")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":null,"tool_calls":[{"id":"c"}]}]})")
            << "openai" << ":1: record 1, field \"messages[1].tool_calls\": tool calls are not supported";
        QTest::newRow("openai image part")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":[{"type":"text","text":"see"},{"type":"image_url","image_url":{"url":"x"}}]}]})")
            << "openai" << ":1: record 1, field \"messages[0].content[1].type\": content part of type \"image_url\" is not supported";
        QTest::newRow("openai content number")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":7}]})")
            << "openai" << ":1: record 1, field \"messages[0].content\": expected a string or a list";
        QTest::newRow("openai null content")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"user","content":"q"},{"role":"assistant","content":null}]})")
            << "openai" << ":1: record 1, field \"messages[1].content\": expected a string or a list";
        QTest::newRow("openai no messages")
            << "a.jsonl" << QByteArray(R"({"prompt":"q","completion":"a"})")
            << "openai" << ":1: record 1, field \"messages\": missing required field";
        QTest::newRow("openai no user")
            << "a.jsonl" << QByteArray(R"({"messages":[{"role":"assistant","content":"a"}]})")
            << "openai" << ":1: record 1, field \"messages\": the conversation has no user message";
        QTest::newRow("jsonl conversation bad role")
            << "a.jsonl" << QByteArray(R"({"instruction":"i","output":"o"})" "\n" R"({"messages":[{"role":"user","content":"q"},{"role":"critic","content":"a"}]})")
            << "jsonl" << ":2: record 2, field \"messages[1].role\": unknown role \"critic\"";
        QTest::newRow("ultrachat not a string")
            << "a.jsonl" << QByteArray(R"({"id":"0","data":["q",{"text":"a"}]})")
            << "ultrachat" << ":1: record 1, field \"data[1]\": expected a string, found object";
        QTest::newRow("ultrachat no data")
            << "a.jsonl" << QByteArray(R"({"id":"0","data":[]})" "\n" R"({"id":"1"})")
            << "ultrachat" << ":1: record 1, field \"data\": empty conversation";
        QTest::newRow("mapping with sharegpt")
            << "a.jsonl" << ok << "sharegpt+map" << ": a field mapping applies to Alpaca JSON, JSONL and CSV files";
    }
    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = writeFile(dir, name, content.toStdString());
        ReadOptions options;
        if (format.endsWith(QStringLiteral("+map"))) {
            format.chop(4);
            options.mapping.output = "answer";
        }
        QVERIFY(formatFromName(format.toStdString(), options.format));
        try {
            const auto rs = readDataset(path, options);
            QFAIL(qPrintable(QStringLiteral("no error; %1 records").arg(rs.size())));
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path) + expected), qPrintable(what));
        }
    }
};

QTEST_GUILESS_MAIN(TestFormatsChat)
#include "test_formats_chat.moc"
