// The sftbench-cli contract of rouge / dedup / filter, run as a process:
// `rouge --pairs` prints rouge_score's F (fixture values) as %.6f per line,
// `dedup` writes the kept indices of the Python reference and the summary (on
// the real Alpaca file: realDataDedup, see shared_data.h),
// `filter` writes {index, rule, reason} lines; errors exit 1 with a message.
// `dedup` chooses the tokenizer from the text by default (Chinese duplicates
// found without flags), `rouge` keeps rouge_score's; `dedup --pool` checks the input against a reference pool
// (seed tasks) whose records are never rejected; conversations are compared
// by their first user message or whole, and filtered turn by turn. On the real
// files: the 175 Self-Instruct seeds as a pool for the Alpaca records.

#include "rouge_test_util.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using nlohmann::json;

namespace {

QString cliPath()
{
    return QString::fromStdString(std::string(SFT_BINARY_DIR) + "/app/sftbench-cli");
}

struct RunResult
{
    int code = -1;
    QString out, err;
};

RunResult runCli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    RunResult r;
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

std::vector<std::int64_t> readKept(const QString &path)
{
    std::vector<std::int64_t> got;
    std::istringstream ks(rougetest::readFile(path.toStdString()));
    for (std::int64_t v; ks >> v;)
        got.push_back(v);
    return got;
}

/** The value of a "name: value" summary line, "" when missing. */
QString summaryValue(const QString &out, const QString &name)
{
    for (const QString &line : out.split(QLatin1Char('\n')))
        if (line.startsWith(name + QLatin1String(": ")))
            return line.mid(name.size() + 2);
    return QString();
}

QString fixture(const char *name) { return QString::fromStdString(rougetest::testData(name)); }

} // namespace

class TestRougeCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rougePairs_data();
    void rougePairs();
    void realDataDedup();
    void dedupPool();
    void dedupChineseWithDefaults();
    void dedupConversations();
    void realDataSeedPool();
    void filter();
    void errors_data();
    void errors();
    void helpNamesTheDefaults();
    void badPairsFile();

private:
    QTemporaryDir m_dir;
};

void TestRougeCli::initTestCase()
{
    if (!QFile::exists(cliPath()))
        QSKIP("sftbench-cli not built");
    QVERIFY(m_dir.isValid());
}

void TestRougeCli::rougePairs_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mode");
    // rouge_score's tokenizer by default, although the fixture is about half Chinese pairs (which then score 0):
    // a pair's score never depends on the other pairs of the file.
    QTest::newRow("default") << QStringList{} << "rouge";
    QTest::newRow("rouge") << QStringList{QStringLiteral("--tokenizer"), QStringLiteral("rouge")} << "rouge";
    QTest::newRow("stem") << QStringList{QStringLiteral("--stem")} << "stem";
    QTest::newRow("cjk") << QStringList{QStringLiteral("--tokenizer"), QStringLiteral("cjk")} << "cjk";
    QTest::newRow("cjk stem") << QStringList{QStringLiteral("--tokenizer"), QStringLiteral("cjk"), QStringLiteral("--stem")}
                              << "cjk_stem";
}

void TestRougeCli::rougePairs()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mode);
    const auto rows = rougetest::readJsonl(rougetest::testData("rouge_pairs.jsonl"));
    const QString in = m_dir.filePath(QStringLiteral("pairs.jsonl"));
    {
        std::ofstream f(in.toStdString());
        for (const auto &r : rows)
            f << json{{"a", r["a"]}, {"b", r["b"]}}.dump() << "\n";
    }
    const RunResult r = runCli(QStringList{QStringLiteral("rouge"), QStringLiteral("--pairs"), in} + flags);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), qsizetype(rows.size()));
    char buf[32];
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%.6f", rows[i][mode.toStdString()].get<double>());
        QCOMPARE(lines[qsizetype(i)], QString::fromLatin1(buf));
    }
}

void TestRougeCli::realDataDedup()
{
    const auto cases = json::parse(rougetest::readFile(rougetest::testData("dedup_reference.json")));
    const std::string src = rougetest::sharedData("alpaca_en_52k.json");
    // The reference's 2000-record exact 0.5 case, as an Alpaca JSON subset.
    const json *c = nullptr;
    for (const auto &x : cases)
        if (x["file"] == "alpaca_en_52k.json" && x["threshold"] == "0.5" && x["compare"] == "exact")
            c = &x;
    QVERIFY(c);
    json all = json::parse(rougetest::readFile(src));
    json subset = json::array();
    for (std::size_t i = 0; i < (*c)["count"].get<std::size_t>(); ++i)
        subset.push_back(all[i]);
    const QString in = m_dir.filePath(QStringLiteral("subset.json"));
    std::ofstream(in.toStdString()) << subset.dump();
    const QString kept = m_dir.filePath(QStringLiteral("kept.txt"));
    const RunResult r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--field"),
                                QStringLiteral("instruction"), QStringLiteral("--threshold"), QStringLiteral("0.5"),
                                QStringLiteral("--kept"), kept});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    std::vector<std::int64_t> got;
    std::istringstream ks(rougetest::readFile(kept.toStdString()));
    for (std::int64_t v; ks >> v;)
        got.push_back(v);
    QCOMPARE(got, (*c)["kept"].get<std::vector<std::int64_t>>());
    QVERIFY(r.out.contains(QStringLiteral("records: 2000\n")));
    QVERIFY(r.out.contains(QStringLiteral("kept: %1\n").arg(got.size())));
    QVERIFY(r.out.contains(QStringLiteral("pairs scored: ")));
    QVERIFY(r.out.contains(QStringLiteral("seconds: ")));
}

void TestRougeCli::dedupPool()
{
    // Seed-task-like pool (one record per instance) and Alpaca-style candidates: 0 repeats seed 3 (index 2),
    // 2 repeats candidate 1, 3 repeats seed 8's instruction, 5 seed 4's. The pool has twins (3 and 7) and keeps both.
    const QString in = fixture("pool_candidates.json"), pool = fixture("seed_tasks_sample.jsonl");
    const QString kept = m_dir.filePath(QStringLiteral("kept_pool.txt")), report = m_dir.filePath(QStringLiteral("pool.jsonl"));
    RunResult r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--pool"), pool,
                          QStringLiteral("--kept"), kept, QStringLiteral("--report"), report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept), (std::vector<std::int64_t>{1, 4, 6}));
    QCOMPARE(summaryValue(r.out, QStringLiteral("records")), QStringLiteral("7"));
    QCOMPARE(summaryValue(r.out, QStringLiteral("pool")), QStringLiteral("8"));
    QCOMPARE(summaryValue(r.out, QStringLiteral("kept")), QStringLiteral("3"));
    QCOMPARE(summaryValue(r.out, QStringLiteral("rejected")), QStringLiteral("4"));
    QVERIFY2(summaryValue(r.out, QStringLiteral("tokenizer")).startsWith(QLatin1String("rouge (auto: 0.0% of the tokens of 15 sampled texts are CJK)")),
             qPrintable(r.out));
    const auto lines = rougetest::readJsonl(report.toStdString());
    QCOMPARE(lines.size(), std::size_t(7));   // the input's records only
    QCOMPARE(lines[0]["index"].get<int>(), 0);
    QCOMPARE(lines[0]["kept"].get<bool>(), false);
    QCOMPARE(lines[0]["nearest"].get<int>(), -1);
    QCOMPARE(lines[0]["pool_nearest"].get<int>(), 2);
    QCOMPARE(lines[0]["score"].get<double>(), 18.0 / 19.0);
    QCOMPARE(lines[2]["nearest"].get<int>(), 1);
    QVERIFY(!lines[2].contains("pool_nearest"));
    QCOMPARE(lines[3]["pool_nearest"].get<int>(), 7);
    QCOMPARE(lines[5]["pool_nearest"].get<int>(), 3);

    // Without the pool only the repeat among the candidates goes.
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--kept"), kept});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept), (std::vector<std::int64_t>{0, 1, 3, 4, 5, 6}));
    QVERIFY(summaryValue(r.out, QStringLiteral("pool")).isEmpty());

    // first-turn: a seed's input joins its instruction, so 3 and 5 are no longer near its text.
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--pool"), pool,
                QStringLiteral("--field"), QStringLiteral("first-turn"), QStringLiteral("--kept"), kept});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept), (std::vector<std::int64_t>{1, 3, 4, 5, 6}));

    // The pool as its own input: every record meets its identical twin in the pool (F = 1).
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), pool, QStringLiteral("--pool"), pool,
                QStringLiteral("--kept"), kept, QStringLiteral("--report"), report});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(readKept(kept).empty());
    for (const auto &line : rougetest::readJsonl(report.toStdString()))
        QCOMPARE(line["score"].get<double>(), 1.0);

    // A pool that cannot be read is an error.
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--pool"),
                m_dir.filePath(QStringLiteral("missing.jsonl")), QStringLiteral("--kept"), kept});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("missing.jsonl")), qPrintable(r.err));
}

void TestRougeCli::dedupChineseWithDefaults()
{
    // Near-duplicates 1, 4, 6 (of 0, 2, 0): found with no flags, because the tokenizer is chosen from the text.
    const QString in = fixture("zh_near_duplicates.json");
    const QString kept = m_dir.filePath(QStringLiteral("kept_zh.txt"));
    RunResult r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--kept"), kept});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept), (std::vector<std::int64_t>{0, 2, 3, 5, 7}));
    QVERIFY2(summaryValue(r.out, QStringLiteral("tokenizer")).startsWith(QLatin1String("cjk (auto: 100.0% of the tokens of 8 sampled texts")),
             qPrintable(r.out));
    // rouge_score's tokenizer drops every Chinese character: no tokens, nothing found.
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--kept"), kept,
                QStringLiteral("--tokenizer"), QStringLiteral("rouge")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept).size(), std::size_t(8));
    QCOMPARE(summaryValue(r.out, QStringLiteral("tokenizer")), QStringLiteral("rouge"));
}

void TestRougeCli::dedupConversations()
{
    // OpenAI-messages JSONL: 1 opens like 0 and goes elsewhere; 3 opens unlike 2 and then repeats it.
    const QString in = m_dir.filePath(QStringLiteral("conversations.jsonl"));
    auto conv = [](std::initializer_list<const char *> texts) {
        json messages = json::array();
        bool user = true;
        for (const char *t : texts) {
            messages.push_back(json{{"role", user ? "user" : "assistant"}, {"content", t}});
            user = !user;
        }
        return json{{"messages", messages}}.dump();
    };
    {
        std::ofstream f(in.toStdString());
        f << conv({"Plan a three day trip to Rome for me.", "Day one: the Colosseum and the Forum.",
                   "Add a cooking class on day two.", "Day two: pasta class in Trastevere."}) << "\n";
        f << conv({"Plan a three day trip to Rome for me.", "Sure, which season do you travel in?",
                   "In December, with two small children.", "Then start with the Christmas markets at Piazza Navona."})
          << "\n";
        f << conv({"What should I pack for a rainy weekend in London?",
                   "An umbrella, a waterproof jacket and sturdy shoes for the wet streets, plus a warm jumper.",
                   "And for the theatre on Saturday night?", "Smart casual clothes are fine in almost every theatre."})
          << "\n";
        f << conv({"Tell me what to pack for a wet weekend in Manchester.",
                   "An umbrella, a waterproof jacket and sturdy shoes for the wet streets, plus a warm jumper.",
                   "And for the theatre on Saturday night?", "Smart casual clothes are fine in almost every theatre."})
          << "\n";
    }
    const QString kept = m_dir.filePath(QStringLiteral("kept_conv.txt"));
    for (const char *field : {"instruction", "first-turn"}) {
        const RunResult r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--field"),
                                    QLatin1String(field), QStringLiteral("--kept"), kept});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(readKept(kept), (std::vector<std::int64_t>{0, 2, 3}));
    }
    RunResult r = runCli({QStringLiteral("dedup"), QStringLiteral("--input"), in, QStringLiteral("--field"),
                          QStringLiteral("conversation"), QStringLiteral("--kept"), kept});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(readKept(kept), (std::vector<std::int64_t>{0, 1, 2}));

    // filter: every turn; the reason and the "turn" key name the failing one.
    const QString rejected = m_dir.filePath(QStringLiteral("conv_rejected.jsonl"));
    {
        std::ofstream f(in.toStdString(), std::ios::app);
        f << conv({"Give three tips for staying healthy.", "Eat well.", "Why?", "It helps."}) << "\n";
    }
    r = runCli({QStringLiteral("filter"), QStringLiteral("--input"), in, QStringLiteral("--out"), rejected});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto lines = rougetest::readJsonl(rejected.toStdString());
    QCOMPARE(lines.size(), std::size_t(1));
    QCOMPARE(lines[0]["index"].get<int>(), 4);
    QCOMPARE(lines[0]["rule"].get<std::string>(), std::string("length"));
    QCOMPARE(lines[0]["turn"].get<int>(), 2);
    QCOMPARE(lines[0]["reason"].get<std::string>(), std::string("turn 2: instruction has 1 words (minimum 4)"));
}

void TestRougeCli::realDataSeedPool()
{
    // The 175 Self-Instruct seed tasks as the pool for the 52K Alpaca instructions. Alpaca's generator
    // kept an instruction only when its ROUGE-L against the seeds and the kept ones was at most 0.7, so at
    // 0.7 the pool rejects none of them; at 0.5 it does.
    const QString seeds = QString::fromStdString(rougetest::sharedData("seed_tasks.jsonl"));
    const QString alpaca = QString::fromStdString(rougetest::sharedData("alpaca_en_52k.json"));
    const QString kept = m_dir.filePath(QStringLiteral("kept_alpaca.txt")), report = m_dir.filePath(QStringLiteral("alpaca.jsonl"));
    QStringList common;
    for (const char *threshold : {"0.7", "0.5"}) {
        common = QStringList{QStringLiteral("--field"), QStringLiteral("instruction"), QStringLiteral("--threshold"),
                             QLatin1String(threshold), QStringLiteral("--kept"), kept};
        RunResult r = runCli(QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), alpaca, QStringLiteral("--pool"),
                                         seeds, QStringLiteral("--report"), report} + common);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(summaryValue(r.out, QStringLiteral("pool")), QStringLiteral("175"));
        QCOMPARE(summaryValue(r.out, QStringLiteral("records")), QStringLiteral("52002"));
        QVERIFY(summaryValue(r.out, QStringLiteral("tokenizer")).startsWith(QLatin1String("rouge (auto: ")));
        const qint64 rejected = summaryValue(r.out, QStringLiteral("rejected")).toLongLong();
        qint64 byPool = 0;
        for (const auto &line : rougetest::readJsonl(report.toStdString())) {
            if (line["kept"].get<bool>() || !line.contains("pool_nearest"))
                continue;
            ++byPool;
            QVERIFY(line["score"].get<double>() > std::stod(threshold));
            QVERIFY(line["pool_nearest"].get<int>() < 175);
        }
        const RunResult plain = runCli(QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), alpaca} + common);
        QVERIFY2(plain.code == 0, qPrintable(plain.err));
        const qint64 rejectedPlain = summaryValue(plain.out, QStringLiteral("rejected")).toLongLong();
        qInfo("Alpaca 52K instructions against the 175 seed tasks (ROUGE-L > %s): %lld rejected, %lld of them nearest "
              "to a seed task; without the pool: %lld rejected",
              threshold, rejected, byPool, rejectedPlain);
        if (QLatin1String(threshold) == QLatin1String("0.7")) {
            QCOMPARE(byPool, 0);
            QCOMPARE(rejected, rejectedPlain);
        } else {
            QVERIFY(byPool > 0);
        }
    }

    // The seeds among themselves (0.7): as the pool they are all kept; the same file checked against itself
    // as the pool loses every record to its own twin.
    common = QStringList{QStringLiteral("--field"), QStringLiteral("instruction"), QStringLiteral("--kept"), kept};
    const QString empty = m_dir.filePath(QStringLiteral("empty.json"));
    std::ofstream(empty.toStdString()) << "[]";
    RunResult r = runCli(QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), empty, QStringLiteral("--pool"), seeds} + common);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(summaryValue(r.out, QStringLiteral("pool")), QStringLiteral("175"));
    QCOMPARE(summaryValue(r.out, QStringLiteral("rejected")), QStringLiteral("0"));
    r = runCli(QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), seeds} + common);
    qInfo("The seed tasks deduplicated on their own: %s rejected", qPrintable(summaryValue(r.out, QStringLiteral("rejected"))));
    r = runCli(QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), seeds, QStringLiteral("--pool"), seeds} + common);
    QCOMPARE(summaryValue(r.out, QStringLiteral("rejected")), QStringLiteral("175"));
}

void TestRougeCli::filter()
{
    const QString in = m_dir.filePath(QStringLiteral("f.jsonl"));
    {
        std::ofstream f(in.toStdString());
        f << json{{"instruction", "Give three tips for staying healthy."}, {"input", ""}, {"output", "Eat."}}.dump() << "\n";
        f << json{{"instruction", "Describe this image in detail please."}, {"input", ""}, {"output", "A cat."}}.dump() << "\n";
        f << json{{"instruction", "Repeat the input sentence exactly."}, {"input", "Hi there."}, {"output", "Hi there."}}.dump() << "\n";
    }
    const QString out = m_dir.filePath(QStringLiteral("rejected.jsonl"));
    RunResult r = runCli({QStringLiteral("filter"), QStringLiteral("--input"), in, QStringLiteral("--out"), out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto lines = rougetest::readJsonl(out.toStdString());
    QCOMPARE(lines.size(), std::size_t(2));
    QCOMPARE(lines[0]["index"].get<int>(), 1);
    QCOMPARE(lines[0]["rule"].get<std::string>(), std::string("blacklist_en"));
    QCOMPARE(lines[1]["index"].get<int>(), 2);
    QCOMPARE(lines[1]["rule"].get<std::string>(), std::string("input_equals_output"));
    QVERIFY(r.out.contains(QStringLiteral("rejected: 2")));

    // Inline rules: blacklist off.
    r = runCli({QStringLiteral("filter"), QStringLiteral("--input"), in, QStringLiteral("--out"), out,
                QStringLiteral("--rules"), QStringLiteral(R"({"blacklist_en": false})")});
    QCOMPARE(r.code, 0);
    lines = rougetest::readJsonl(out.toStdString());
    QCOMPARE(lines.size(), std::size_t(1));

    r = runCli({QStringLiteral("filter"), QStringLiteral("--list-rules")});
    QCOMPARE(r.code, 0);
    QCOMPARE(json::parse(r.out.toStdString()).size(), std::size_t(8));
}

void TestRougeCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no pairs") << QStringList{QStringLiteral("rouge")} << "--pairs";
    QTest::newRow("bad tokenizer") << QStringList{QStringLiteral("rouge"), QStringLiteral("--pairs"), QStringLiteral("x"),
                                                  QStringLiteral("--tokenizer"), QStringLiteral("bert")} << "rouge or cjk";
    // No automatic choice for pairs: it would make a pair's score depend on the rest of the file.
    QTest::newRow("no auto for pairs") << QStringList{QStringLiteral("rouge"), QStringLiteral("--pairs"), QStringLiteral("x"),
                                                      QStringLiteral("--tokenizer"), QStringLiteral("auto")}
                                       << "--tokenizer must be rouge or cjk, not \"auto\"";
    QTest::newRow("bad threshold") << QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), QStringLiteral("x"),
                                                  QStringLiteral("--kept"), QStringLiteral("y"),
                                                  QStringLiteral("--threshold"), QStringLiteral("1.5")} << "threshold";
    QTest::newRow("bad field") << QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), QStringLiteral("x"),
                                              QStringLiteral("--kept"), QStringLiteral("y"),
                                              QStringLiteral("--field"), QStringLiteral("title")} << "--field";
    QTest::newRow("bad dedup tokenizer") << QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), QStringLiteral("x"),
                                                        QStringLiteral("--kept"), QStringLiteral("y"),
                                                        QStringLiteral("--tokenizer"), QStringLiteral("bert")}
                                         << "auto, rouge or cjk";
}

void TestRougeCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const RunResult r = runCli(args);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("error: ")) && r.err.contains(message), qPrintable(r.err));
}

void TestRougeCli::helpNamesTheDefaults()
{
    // rouge scores each pair with rouge_score's tokenizer; dedup chooses from the text.
    const auto tokenizerLine = [](const QString &usage) {
        for (const QString &line : usage.split(QLatin1Char('\n')))
            if (line.trimmed().startsWith(QLatin1String("--tokenizer ")))
                return line;
        return QString();
    };
    RunResult r = runCli({QStringLiteral("rouge"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QString line = tokenizerLine(r.out);
    QVERIFY2(line.endsWith(QLatin1String("(default rouge)")) && !line.contains(QLatin1String("auto")), qPrintable(r.out));
    r = runCli({QStringLiteral("dedup"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    line = tokenizerLine(r.out);
    QVERIFY2(line.endsWith(QLatin1String("(default auto)")), qPrintable(r.out));
}

void TestRougeCli::badPairsFile()
{
    const QString in = m_dir.filePath(QStringLiteral("bad.jsonl"));
    std::ofstream(in.toStdString()) << "{\"a\": \"x\", \"b\": \"y\"}\n\n{\"a\": \"x\"}\n";
    RunResult r = runCli({QStringLiteral("rouge"), QStringLiteral("--pairs"), in});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("bad.jsonl:3")) && r.err.contains(QStringLiteral("field \"b\"")),
             qPrintable(r.err));
    std::ofstream(in.toStdString()) << "{\"a\": \"x\", \"b\": \"y\"}\nnot json\n";
    r = runCli({QStringLiteral("rouge"), QStringLiteral("--pairs"), in});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("bad.jsonl:2")) && r.err.contains(QStringLiteral("invalid JSON")),
             qPrintable(r.err));
}

SFT_REALDATA_GUILESS_MAIN(TestRougeCli, "alpaca_en_52k.json", "seed_tasks.jsonl")
#include "test_rouge_cli.moc"
