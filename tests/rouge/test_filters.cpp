// Heuristic filters: each rule on passing and failing rows with its reason,
// rule-set JSON (both forms, errors), and the Alpaca/Self-Instruct rules
// against Python itself (re \b IGNORECASE keyword search, str.split word
// counts, string.punctuation, str.isascii) over every field of both 52K files
// (live, realData*, see shared_data.h; skipped without /usr/bin/python3).
// Conversations: the turns the rules see, and the rules applied to every user
// message and every reply with the failing turn named.

#include "rouge/filter_rules.h"
#include "rouge/filters.h"
#include "core/error.h"
#include "rouge_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sft::rouge;
using nlohmann::json;

Q_DECLARE_METATYPE(std::vector<sft::ChatMessage>)

class TestFilters : public QObject
{
    Q_OBJECT

private slots:
    void defaultRules_data();
    void defaultRules();
    void catalog();
    void rulesJson();
    void rulesJsonErrors_data();
    void rulesJsonErrors();
    void keywordBoundaries_data();
    void keywordBoundaries();
    void repetition();
    void conversationTurns_data();
    void conversationTurns();
    void perTurnRules();
    void realDataLivePythonAlpacaRules();
};

void TestFilters::defaultRules_data()
{
    QTest::addColumn<QString>("instruction");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("reason");
    QTest::newRow("good") << "Give three tips for staying healthy." << "" << "Eat well." << "" << "";
    QTest::newRow("empty output") << "Give three tips for staying healthy." << "" << "  \n" << "empty_output"
                                  << "output is empty";
    QTest::newRow("3 words") << "Summarize this article." << "" << "ok" << "length"
                             << "instruction has 3 words (minimum 4)";
    QTest::newRow("151 words") << QString(QStringLiteral("word ")).repeated(151) << "" << "ok" << "length"
                               << "instruction has 151 words (maximum 150)";
    QTest::newRow("cjk short") << QString::fromUtf8("写诗") << "" << "ok" << "length"
                               << "instruction has 2 characters (minimum 4)";
    QTest::newRow("cjk ok") << QString::fromUtf8("请写一首关于春天的诗") << "" << "ok" << "" << "";
    QTest::newRow("image") << "Describe the image in three sentences." << "" << "ok" << "blacklist_en"
                           << "instruction contains blacklisted keyword \"image\"";
    QTest::newRow("Images caps") << "Find IMAGES of cats on the web." << "" << "ok" << "blacklist_en"
                                 << "instruction contains blacklisted keyword \"images\"";
    QTest::newRow("go to") << "Tell me how to go to the station." << "" << "ok" << "blacklist_en"
                           << "instruction contains blacklisted keyword \"go to\"";
    QTest::newRow("imagery is fine") << "Explain the imagery in this poem." << "" << "ok" << "" << "";
    QTest::newRow("mapping is fine") << "Explain the mapping between these two sets." << "" << "ok" << "" << "";
    QTest::newRow("zh blacklist") << QString::fromUtf8("请描述这张图片中的内容") << "" << "ok" << "blacklist_zh"
                                  << QString::fromUtf8("instruction contains blacklisted keyword \"图片\"");
    QTest::newRow("zh http") << "Open the page at https://example.com and summarize it." << "" << "ok"
                             << "blacklist_zh" << "instruction contains blacklisted keyword \"http\"";
    QTest::newRow("write a program") << "Write a program that sorts a list." << "" << "ok" << "write_program"
                                     << "instruction starts with \"Write a program\"";
    QTest::newRow("write a poem") << "Write a poem about the sea." << "" << "ok" << "" << "";
    QTest::newRow("punctuation") << "\"Translate this sentence into French.\"" << "" << "ok" << "punctuation_start"
                                 << "instruction starts with punctuation '\"'";
    QTest::newRow("input = output") << "Copy the following sentence exactly." << " The cat sat. "
                                    << "The cat sat." << "input_equals_output" << "output repeats the input";
    QTest::newRow("repetition") << "Tell me a long story about a dog."
                                << "" << QString(QStringLiteral("the dog ran home. ")).repeated(10)
                                << "repetition" << "output: 89% of 3-grams are repeats (maximum 50%)";
}

void TestFilters::defaultRules()
{
    QFETCH(QString, instruction);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, rule);
    QFETCH(QString, reason);
    const RecordFilter filter;
    const std::string i = instruction.toStdString(), in = input.toStdString(), o = output.toStdString();
    const FilterVerdict v = filter.check(FilterText{i, in, o});
    QCOMPARE(v.rejected, !rule.isEmpty());
    QCOMPARE(QString::fromStdString(v.rule), rule);
    QCOMPARE(QString::fromStdString(v.reason), reason);
}

void TestFilters::catalog()
{
    const auto &cat = filterRuleCatalog();
    QCOMPARE(cat.size(), std::size_t(8));
    for (const FilterRuleInfo &info : cat) {
        QVERIFY(!info.id.empty());
        QVERIFY(!info.displayName.empty());
        QVERIFY(info.defaults.is_object());
    }
    // Alpaca's list exactly, in order.
    const auto en = std::find_if(cat.begin(), cat.end(), [](const auto &i) { return i.id == "blacklist_en"; });
    QCOMPARE(en->defaults["words"].size(), std::size_t(18));
    QCOMPARE(en->defaults["words"][12].get<std::string>(), std::string("go to"));
    const auto zh = std::find_if(cat.begin(), cat.end(), [](const auto &i) { return i.id == "blacklist_zh"; });
    QCOMPARE(zh->defaults["words"].size(), std::size_t(18));
}

void TestFilters::rulesJson()
{
    // Object form: disable one rule, change a parameter of another.
    auto rules = filterRulesFromJson(json::parse(R"({"repetition": false, "length": {"max_words": 5}})"));
    RecordFilter f(rules);
    std::string longInstr = "one two three four five six";
    QCOMPARE(f.check(FilterText{longInstr, "", "x"}).rule, std::string("length"));
    const std::string rep = std::string(200, ' ') + "a b c a b c a b c a b c a b c a b c a b c";
    QVERIFY(!f.check(FilterText{"one two three four", "", rep}).rejected);

    // Array form sets the order: input_equals_output first.
    rules = filterRulesFromJson(json::parse(R"([{"id": "input_equals_output"}, {"id": "length", "enabled": true}])"));
    QCOMPARE(rules.front().id, std::string("input_equals_output"));
    QCOMPARE(rules.size(), filterRuleCatalog().size());
    RecordFilter g(rules);
    QCOMPARE(g.check(FilterText{"Hi", "same", "same"}).rule, std::string("input_equals_output"));

    // Round trip.
    const json j = filterRulesToJson(rules);
    const auto again = filterRulesFromJson(j);
    QCOMPARE(filterRulesToJson(again), j);
}

void TestFilters::rulesJsonErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown rule") << R"({"nope": {}})";
    QTest::newRow("unknown param") << R"({"length": {"max_word": 3}})";
    QTest::newRow("wrong type") << R"({"length": {"max_words": "3"}})";
    QTest::newRow("negative") << R"({"length": {"max_words": -3}})";
    QTest::newRow("bad field") << R"({"length": {"field": "title"}})";
    QTest::newRow("bad unit") << R"({"length": {"unit": "tokens"}})";
    QTest::newRow("words not strings") << R"({"blacklist_en": {"words": [1, 2]}})";
    QTest::newRow("bad n") << R"({"repetition": {"n": 0}})";
    QTest::newRow("share > 1") << R"({"repetition": {"max_share": 2}})";
    QTest::newRow("array without id") << R"([{"enabled": false}])";
    QTest::newRow("extra key") << R"([{"id": "length", "param": {}}])";
    QTest::newRow("not object") << R"(3)";
}

void TestFilters::rulesJsonErrors()
{
    QFETCH(QString, text);
    QVERIFY_THROWS_EXCEPTION(sft::Error, RecordFilter(filterRulesFromJson(json::parse(text.toStdString()))));
}

void TestFilters::keywordBoundaries_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<bool>("found");
    // Python: re.compile(r"\b(" + kw + r")\b", re.IGNORECASE).search(text)
    QTest::newRow("start") << "map of the world" << "map" << true;
    QTest::newRow("end") << "draw a map" << "map" << true;
    QTest::newRow("inside word") << "bitmaps here" << "map" << false;
    QTest::newRow("underscore is word") << "use my_map here" << "map" << false;
    QTest::newRow("digit is word") << "map2 file" << "map" << false;
    QTest::newRow("punct around") << "(Map)." << "map" << true;
    QTest::newRow("accented neighbour") << "émap" << "map" << false;
    QTest::newRow("cjk neighbour") << "地图map" << "map" << false;
    QTest::newRow("cjk punct neighbour") << "。map，" << "map" << true;
    QTest::newRow("phrase") << "please go to bed" << "go to" << true;
    QTest::newRow("phrase inside") << "ergo top" << "go to" << false;
}

void TestFilters::keywordBoundaries()
{
    QFETCH(QString, text);
    QFETCH(QString, keyword);
    QFETCH(bool, found);
    QCOMPARE(rules::findKeyword(text.toStdString(), keyword.toStdString(), true, true) != std::string_view::npos, found);
}

void TestFilters::repetition()
{
    std::size_t total = 0;
    QCOMPARE(rules::repeatedNgramShare("a b c a b c", 3, total), 0.25);   // abc bca cab abc
    QCOMPARE(total, std::size_t(4));
    QCOMPARE(rules::repeatedNgramShare("a b", 3, total), 0.0);
    QCOMPARE(total, std::size_t(0));
    QCOMPARE(rules::repeatedNgramShare("好好好好", 1, total), 0.75);
}

namespace {

sft::ChatMessage user(const char *text) { return {"user", text}; }
sft::ChatMessage assistant(const char *text) { return {"assistant", text}; }

/** "number:instruction|output" per FilterTurn. */
QStringList describe(const std::vector<FilterTurn> &turns)
{
    QStringList out;
    for (const FilterTurn &t : turns)
        out << QStringLiteral("%1:%2|%3").arg(t.number).arg(QString::fromUtf8(t.text.instruction.data(), qsizetype(t.text.instruction.size())),
                                               QString::fromUtf8(t.text.output.data(), qsizetype(t.text.output.size())));
    return out;
}

} // namespace

void TestFilters::conversationTurns_data()
{
    QTest::addColumn<std::vector<sft::ChatMessage>>("messages");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("three turns, last unanswered")
        << std::vector<sft::ChatMessage>{user("u1"), assistant("a1"), user("u2"), assistant("a2"), user("u3")}
        << QStringList{QStringLiteral("1:u1|a1"), QStringLiteral("2:u2|a2"), QStringLiteral("3:u3|")};
    QTest::newRow("two replies in a row")
        << std::vector<sft::ChatMessage>{user("u1"), assistant("a1"), assistant("a1b"), user("u2"), assistant("a2")}
        << QStringList{QStringLiteral("1:u1|a1"), QStringLiteral("1:u1|a1b"), QStringLiteral("2:u2|a2")};
    QTest::newRow("two user messages in a row")
        << std::vector<sft::ChatMessage>{user("u1"), user("u2"), assistant("a2")}
        << QStringList{QStringLiteral("1:u1|"), QStringLiteral("2:u2|a2")};
    QTest::newRow("assistant opens")
        << std::vector<sft::ChatMessage>{assistant("a0"), user("u1"), assistant("a1")}
        << QStringList{QStringLiteral("1:u1|a0"), QStringLiteral("1:u1|a1")};
}

void TestFilters::conversationTurns()
{
    QFETCH(std::vector<sft::ChatMessage>, messages);
    QFETCH(QStringList, expected);
    const std::vector<FilterTurn> turns = sft::rouge::conversationTurns(messages);
    QCOMPARE(describe(turns), expected);
    for (const FilterTurn &t : turns)
        QVERIFY(t.text.input.empty());
}

void TestFilters::perTurnRules()
{
    const RecordFilter filter;
    auto check = [&filter](const std::vector<sft::ChatMessage> &messages) {
        return filter.check(sft::rouge::conversationTurns(messages));
    };
    // Every turn fine.
    const std::vector<sft::ChatMessage> good = {user("Give three tips for staying healthy."), assistant("Eat well."),
                                                user("Which of them is the most important?"), assistant("Sleep.")};
    QVERIFY(!check(good).rejected);

    // A later user message too short: the instruction-side rule names the turn.
    std::vector<sft::ChatMessage> m = good;
    m.push_back(user("Why?"));
    m.push_back(assistant("Because it restores you."));
    FilterVerdict v = check(m);
    QVERIFY(v.rejected);
    QCOMPARE(v.rule, std::string("length"));
    QCOMPARE(v.turn, 3);
    QCOMPARE(v.reason, std::string("turn 3: instruction has 1 words (minimum 4)"));
    QCOMPARE(v.args["turn"].get<int>(), 3);
    QCOMPARE(v.args["field"].get<std::string>(), std::string("instruction"));
    QCOMPARE(v.args["count"].get<int>(), 1);

    // An empty reply in turn 2: empty_output comes first in the rule order, before the length of turn 3.
    m[3].content = "   ";
    v = check(m);
    QCOMPARE(v.rule, std::string("empty_output"));
    QCOMPARE(v.reason, std::string("turn 2: output is empty"));
    QCOMPARE(v.args, (json{{"field", "output"}, {"turn", 2}}));

    // A conversation that ends with an unanswered user message has an empty reply.
    v = check({user("Give three tips for staying healthy."), assistant("Eat well."),
               user("And three more tips, please.")});
    QCOMPARE(v.reason, std::string("turn 2: output is empty"));

    // Blacklisted keyword in a later user message; the reply's keyword does not count (field instruction).
    v = check({user("Give three tips for staying healthy."), assistant("Here is an image: none."),
               user("Now describe the image in detail."), assistant("It shows a cat.")});
    QCOMPARE(v.rule, std::string("blacklist_en"));
    QCOMPARE(v.reason, std::string("turn 2: instruction contains blacklisted keyword \"image\""));

    // An output-side length rule checks every reply, a second reply in a row included.
    const RecordFilter outputLength(filterRulesFromJson(json::parse(R"({"length": {"field": "output", "min_words": 3}})")));
    v = outputLength.check(sft::rouge::conversationTurns(
        {user("Give three tips for staying healthy."), assistant("Eat well, sleep."),
         user("Which of them is the most important?"), assistant("Sleep, I think."), assistant("Too short.")}));
    QCOMPARE(v.reason, std::string("turn 2: output has 2 words (minimum 3)"));
    QCOMPARE(v.turn, 2);

    // A single-turn record is turn 0: no prefix, the same verdict as check(FilterText).
    const FilterText single{"Summarize this article.", "", "ok"};
    const FilterVerdict one = filter.check(std::vector<FilterTurn>{{0, single}});
    QCOMPARE(one.reason, filter.check(single).reason);
    QCOMPARE(one.reason, std::string("instruction has 3 words (minimum 4)"));
    QCOMPARE(one.turn, 0);
    QVERIFY(!one.args.contains("turn"));
    QVERIFY(!filter.check(std::vector<FilterTurn>{}).rejected);

    // checkAll over records given as turns.
    const std::vector<std::vector<FilterTurn>> records = {std::vector<FilterTurn>{{0, single}},
                                                          sft::rouge::conversationTurns(good),
                                                          sft::rouge::conversationTurns(m)};
    const std::vector<FilterVerdict> all = filter.checkAll(records);
    QCOMPARE(all.size(), std::size_t(3));
    QCOMPARE(all[0].rule, std::string("length"));
    QVERIFY(!all[1].rejected);
    QCOMPARE(all[2].reason, std::string("turn 2: output is empty"));
}

void TestFilters::realDataLivePythonAlpacaRules()
{
    const std::string path = rougetest::sharedData("alpaca_en_52k.json");
    if (!rougetest::pythonWithNltk())
        QSKIP("/usr/bin/python3 not available");
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("alpaca_rules.json"));
    const QString script = QStringLiteral(R"PY(
import json, re, string, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
zh = json.load(open(sys.argv[2], encoding="utf-8"))
bl = ["image","images","graph","graphs","picture","pictures","file","files","map","maps","draw","plot","go to",
      "video","audio","music","flowchart","diagram"]
def find(w, s): return re.compile(r"\b({0})\b".format(w), flags=re.IGNORECASE).search(s)
res = {"words": [], "blacklist": [], "punct": [], "nonascii": [], "program": []}
for inst in [r[f] for r in data + zh for f in ("instruction", "input", "output")]:
    res["words"].append(len(inst.split()))
    res["blacklist"].append(any(find(w, inst) for w in bl))
    res["punct"].append(bool(inst) and inst[0] in string.punctuation)
    res["nonascii"].append(bool(inst) and not inst[0].isascii())
    res["program"].append(inst.startswith("Write a program"))
json.dump(res, open(sys.argv[3], "w"))
)PY");
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"), script, QString::fromStdString(path),
             QString::fromStdString(rougetest::sharedData("alpaca_zh_52k.json")), out});
    QVERIFY(p.waitForFinished(240000));
    QCOMPARE(p.exitCode(), 0);
    const json res = json::parse(rougetest::readFile(out.toStdString()));
    // Every instruction, input and output of both files, in the script's order.
    std::vector<std::string> instr;
    for (const char *file : {"alpaca_en_52k.json", "alpaca_zh_52k.json"}) {
        const json data = json::parse(rougetest::readFile(rougetest::sharedData(file)));
        for (const auto &r : data)
            for (const char *f : {"instruction", "input", "output"})
                instr.push_back(r.value(f, std::string()));
    }
    QCOMPARE(res["words"].size(), instr.size());
    const json bl = filterRuleCatalog()[2].defaults["words"];
    int blacklisted = 0;
    for (std::size_t i = 0; i < instr.size(); ++i) {
        const std::string &s = instr[i];
        QCOMPARE(rules::wordCount(s), res["words"][i].get<std::size_t>());
        bool hit = false;
        for (const auto &w : bl)
            hit = hit || rules::findKeyword(s, w.get<std::string>(), true, true) != std::string_view::npos;
        if (hit != res["blacklist"][i].get<bool>())
            QFAIL(qPrintable(QStringLiteral("record %1 blacklist %2 vs Python: %3").arg(i).arg(hit)
                                 .arg(QString::fromStdString(s))));
        blacklisted += hit;
        QCOMPARE(!s.empty() && rules::isAsciiPunctuation(s[0]), res["punct"][i].get<bool>());
        QCOMPARE(!s.empty() && static_cast<unsigned char>(s[0]) >= 0x80, res["nonascii"][i].get<bool>());
        QCOMPARE(s.rfind("Write a program", 0) == 0, res["program"][i].get<bool>());
    }
    QVERIFY(blacklisted > 100);   // instructions never match (Alpaca filtered them), outputs do
}

SFT_REALDATA_GUILESS_MAIN(TestFilters, "alpaca_en_52k.json", "alpaca_zh_52k.json")
#include "test_filters.moc"
