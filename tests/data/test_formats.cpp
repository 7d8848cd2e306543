// Dataset readers and writers: round trips in every format, the hand-written
// samples of the Alpaca / Self-Instruct / BELLE files (tests/common/data), the
// real files in ../shared/data (realData*, see shared_data.h), and one test per
// kind of bad input checking that the error names the file, line, record and field.

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/error.h"
#include "data/formats.h"
#include "shared_data.h"

using namespace sft;

namespace {

std::string writeFile(const QTemporaryDir &dir, const char *name, const std::string &content)
{
    const std::string path = dir.filePath(QString::fromUtf8(name)).toStdString();
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

std::vector<Record> sampleRecords()
{
    std::vector<Record> rs(4);
    rs[0].instruction = "Give three tips for staying healthy.";
    rs[0].output = "1. Eat well.\n2. Sleep.\n3. Move.";
    rs[1].instruction = "Translate \"hello, world\" into Chinese";
    rs[1].input = "hello, world";
    rs[1].output = "你好，世界 👋";
    rs[2].instruction = "Quote: \"\" and a comma, then\r\nCRLF";
    rs[2].input = "tab\there \\ backslash";
    rs[2].output = "ok";
    rs[3].instruction = "判断情感";
    rs[3].input = "";
    rs[3].output = "正面";
    return rs;
}

/** A seed-task file (Self-Instruct JSONL, BELLE's JSONL named .json): format, records, classification tags. */
void checkSeedTasks(const QString &file, int records, int classification)
{
    QCOMPARE(detectFormat(file.toStdString()), DatasetFormat::SeedTasks);
    const auto rs = readDataset(file.toStdString());
    QCOMPARE(int(rs.size()), records);
    int cls = 0;
    for (const auto &r : rs)
        cls += !r.tags.empty() && r.tags[0] == "classification";
    QCOMPARE(cls, classification);
    QVERIFY(!rs[0].source.empty());
}

} // namespace

class TestFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("alpaca") << "alpaca";
        QTest::newRow("jsonl") << "jsonl";
        QTest::newRow("csv") << "csv";
    }
    void roundTrip()
    {
        QFETCH(QString, format);
        DatasetFormat f;
        QVERIFY(formatFromName(format.toStdString(), f));
        const auto records = sampleRecords();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("out.") + format).toStdString();
        writeDatasetFile(records, f, path);
        const auto back = readDataset(path, DatasetFormat::Auto);
        QCOMPARE(back.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(back[i].instruction, records[i].instruction);
            QCOMPARE(back[i].input, records[i].input);
            QCOMPARE(back[i].output, records[i].output);
        }
    }

    void shareGptRoundTrip()
    {
        auto records = sampleRecords();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("sg.json")).toStdString();
        writeDatasetFile(records, DatasetFormat::ShareGpt, path);
        QCOMPARE(detectFormat(path), DatasetFormat::ShareGpt);
        const auto back = readDataset(path);
        QCOMPARE(back.size(), records.size());
        // ShareGPT has no input field: it is appended to the user turn.
        QCOMPARE(back[1].instruction, records[1].instruction + "\n\n" + records[1].input);
        QCOMPARE(back[1].output, records[1].output);
        QCOMPARE(back[0].instruction, records[0].instruction);
    }

    void openAiMessages()
    {
        QTemporaryDir dir;
        const auto path = writeFile(dir, "m.json",
            R"([{"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}])");
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].instruction, std::string("hi"));
        QCOMPARE(rs[0].output, std::string("hello"));
        QCOMPARE(rs[0].system, std::string("be brief"));
        QVERIFY(rs[0].turns.empty());
        QVERIFY(rs[0].note.empty());
    }

    void alpacaSample()
    {
        const std::string en = sfttest::fixturePath("alpaca_en_sample.json");
        QCOMPARE(detectFormat(en), DatasetFormat::AlpacaJson);
        const auto rs = readDataset(en);
        QCOMPARE(rs.size(), std::size_t(12));
        QCOMPARE(rs[0].instruction, std::string("Suggest three ways to save water at home."));
        QCOMPARE(rs[1].instruction, std::string("Name the largest planet in the solar system."));
        QCOMPARE(rs[2].input, std::string("The committee approved the new budget on Monday."));
        QCOMPARE(rs[9].output, std::string("def sum_even(numbers):\n    return sum(n for n in numbers if n % 2 == 0)"));
        const auto zh = readDataset(sfttest::fixturePath("alpaca_zh_sample.json"));
        QCOMPARE(zh.size(), std::size_t(12));
        QCOMPARE(zh[1].instruction, std::string("太阳系中最大的行星是哪一颗？"));
        QCOMPARE(zh[3].input, std::string("委员会在星期一批准了新预算。"));
    }

    void realDataAlpaca()
    {
        const auto rs = readDataset(sfttest::sharedPath("alpaca_en_52k.json"));
        QCOMPARE(rs.size(), std::size_t(52002));
        QCOMPARE(rs[0].instruction, std::string("Give three tips for staying healthy."));
        QCOMPARE(rs[1].instruction, std::string("What are the three primary colors?"));
        const auto zh = readDataset(sfttest::sharedPath("alpaca_zh_52k.json"));
        QCOMPARE(zh.size(), std::size_t(52002));
    }

    void seedTasks_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("classification");
        // Ten tasks, one classification task with two instances: 11 records, 4 tagged.
        QTest::newRow("self-instruct sample") << sfttest::fixtureFile(QStringLiteral("seed_tasks_sample.jsonl")) << 11 << 4;
        QTest::newRow("belle sample") << sfttest::fixtureFile(QStringLiteral("belle_zh_seed_sample.json")) << 8 << 2;
    }
    void seedTasks()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(int, classification);
        checkSeedTasks(file, records, classification);
    }

    void realDataSeedTasks_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<int>("classification");
        QTest::newRow("self-instruct") << sfttest::sharedFile(QStringLiteral("seed_tasks.jsonl")) << 175 << 26;
        QTest::newRow("belle") << sfttest::sharedFile(QStringLiteral("belle/zh_seed_tasks.json")) << 175 << 26;
    }
    void realDataSeedTasks()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(int, classification);
        checkSeedTasks(file, records, classification);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");  // substring of the error, with location
        QTest::newRow("syntax error") << "a.json" << QByteArray("[\n {\"instruction\": \"x\",\n  \"output\": \"y\"\n }\n {\"instruction\": 1}\n]")
                                      << "alpaca" << "a.json:5:2: invalid JSON: syntax error";
        QTest::newRow("invalid utf8") << "b.json" << QByteArray("[\n{\"instruction\": \"caf\xe9\", \"output\": \"x\"}\n]")
                                      << "alpaca" << ":2:21: invalid UTF-8 (byte 0xE9)";
        QTest::newRow("missing field") << "c.json" << QByteArray("[\n {\"instruction\": \"a\", \"output\": \"b\"},\n {\"instruction\": \"c\"}\n]")
                                       << "alpaca" << "c.json:3: record 2, field \"output\": missing required field";
        QTest::newRow("wrong type") << "d.json" << QByteArray("[{\"instruction\": \"a\", \"input\": 5, \"output\": \"b\"}]")
                                    << "alpaca" << "record 1, field \"input\": expected a string, found number";
        QTest::newRow("not an array") << "e.json" << QByteArray("{\"instruction\": \"a\"}") << "alpaca"
                                      << "expected a JSON array of records, found object";
        QTest::newRow("record not object") << "f.json" << QByteArray("[\n\"just text\"\n]") << "alpaca"
                                           << "f.json:2: record 1: expected an object";
        QTest::newRow("jsonl bad line") << "g.jsonl" << QByteArray("{\"instruction\":\"a\",\"output\":\"b\"}\n\n{\"instruction\":\"a\",\"output\":\"b\"\n")
                                        << "jsonl" << "g.jsonl:3:";
        QTest::newRow("jsonl missing") << "h.jsonl" << QByteArray("{\"instruction\":\"a\",\"output\":\"b\"}\n{\"output\":\"b\"}\n")
                                       << "jsonl" << "h.jsonl:2: record 2, field \"instruction\": missing required field";
        QTest::newRow("sharegpt role") << "i.json" << QByteArray("[{\"conversations\":[{\"from\":\"robot\",\"value\":\"x\"}]}]")
                                       << "sharegpt" << "unknown role \"robot\"";
        QTest::newRow("sharegpt same role twice") << "j.json"
            << QByteArray("[{\"conversations\":[{\"from\":\"human\",\"value\":\"a\"},{\"from\":\"gpt\",\"value\":\"b\"},{\"from\":\"human\",\"value\":\"c\"},{\"from\":\"human\",\"value\":\"d\"}]}]")
            << "sharegpt" << "j.json:1: record 1, field \"conversations[3].from\": two user messages in a row";
        QTest::newRow("csv header") << "k.csv" << QByteArray("prompt,answer\nx,y\n") << "csv"
                                    << "field \"instruction\": the header row must name the columns instruction and output";
        QTest::newRow("csv quote") << "l.csv" << QByteArray("instruction,output\nx,\"unterminated\n") << "csv"
                                   << "l.csv:2:3: unterminated quoted field";
        QTest::newRow("csv field count") << "m.csv" << QByteArray("instruction,output\nx,y,z\n") << "csv"
                                         << "m.csv:2: record 1: row has 3 fields, the header has 2";
        QTest::newRow("seed no instances") << "n.jsonl" << QByteArray("{\"instruction\":\"x\",\"instances\":[]}\n") << "seed"
                                           << "n.jsonl:1: record 1, field \"instances\": expected a non-empty array";
        QTest::newRow("binary") << "o.jsonl" << QByteArray("\x00\x01\x02", 3) << "jsonl" << "binary file";
        QTest::newRow("number overflow") << "q.jsonl" << QByteArray("{\"instruction\": 1e2222222}\n") << "jsonl"
                                         << "q.jsonl:1: invalid JSON: number overflow";
        QTest::newRow("empty csv") << "p.csv" << QByteArray("") << "csv" << "empty CSV file";
    }
    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = writeFile(dir, name.toUtf8().constData(), content.toStdString());
        DatasetFormat f;
        QVERIFY(formatFromName(format.toStdString(), f));
        try {
            readDataset(path, f);
            QFAIL("no error for bad input");
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(expected), qPrintable(what));
            QVERIFY2(what.startsWith(QString::fromStdString(path)), qPrintable(what));
        }
    }

    void hugeFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2 GB json") << "huge.json" << "file is 2.0 GiB; files in this format are read whole and are limited to 1.0 GiB";
        QTest::newRow("2 GB jsonl") << "huge.jsonl" << "binary file";
    }
    void hugeFiles()
    {
        // A sparse 2 GB file: no disk is used, and the reader must refuse it
        // without reading it into memory.
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(2) << 30));
        f.close();
        try {
            readDataset(path.toStdString());
            QFAIL("no error for a 2 GB file");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void missingFile()
    {
        QVERIFY_THROWS_EXCEPTION(Error, readDataset("/nonexistent/file.json"));
    }
};

SFT_REALDATA_GUILESS_MAIN(TestFormats, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                          "belle/zh_seed_tasks.json")
#include "test_formats.moc"
