// The sftbench-cli contract of rouge / dedup / filter, run as a process:
// `rouge --pairs` prints rouge_score's F (fixture values) as %.6f per line,
// `dedup` writes the kept indices of the Python reference and the summary (on
// the real Alpaca file: realDataDedup, see shared_data.h),
// `filter` writes {index, rule, reason} lines; errors exit 1 with a message.

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

} // namespace

class TestRougeCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rougePairs_data();
    void rougePairs();
    void realDataDedup();
    void filter();
    void errors_data();
    void errors();
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
    QTest::newRow("default") << QStringList{} << "rouge";
    QTest::newRow("stem") << QStringList{QStringLiteral("--stem")} << "stem";
    QTest::newRow("cjk") << QStringList{QStringLiteral("--tokenizer"), QStringLiteral("cjk")} << "cjk";
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
                                                  QStringLiteral("--tokenizer"), QStringLiteral("bert")} << "tokenizer";
    QTest::newRow("bad threshold") << QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), QStringLiteral("x"),
                                                  QStringLiteral("--kept"), QStringLiteral("y"),
                                                  QStringLiteral("--threshold"), QStringLiteral("1.5")} << "threshold";
    QTest::newRow("bad field") << QStringList{QStringLiteral("dedup"), QStringLiteral("--input"), QStringLiteral("x"),
                                              QStringLiteral("--kept"), QStringLiteral("y"),
                                              QStringLiteral("--field"), QStringLiteral("title")} << "--field";
}

void TestRougeCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const RunResult r = runCli(args);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("error: ")) && r.err.contains(message), qPrintable(r.err));
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

SFT_REALDATA_GUILESS_MAIN(TestRougeCli, "alpaca_en_52k.json")
#include "test_rouge_cli.moc"
