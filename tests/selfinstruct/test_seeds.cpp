// Seed task files: Self-Instruct JSON lines, plain records as a JSON array
// and as JSON lines, errors that name the line, record and field, and the
// JSONL copy written back for the run folder. The real-data functions read
// the 175 Self-Instruct seeds and BELLE's 175 Chinese seeds.

#include "selfinstruct/seeds.h"
#include "core/error.h"

#include "shared_data.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <string>

using namespace sft::selfinstruct;

namespace {

std::string fixture(const char *name)
{
    return std::string(SFT_TEST_DATA_DIR) + "/" + name;
}

bool sameTasks(const std::vector<SeedTask> &a, const std::vector<SeedTask> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const SeedTask &x = a[i], &y = b[i];
        if (x.id != y.id || x.name != y.name || x.instruction != y.instruction
            || x.isClassification != y.isClassification || x.hasClassificationFlag != y.hasClassificationFlag
            || x.instances.size() != y.instances.size())
            return false;
        for (std::size_t k = 0; k < x.instances.size(); ++k)
            if (x.instances[k].input != y.instances[k].input || x.instances[k].output != y.instances[k].output)
                return false;
    }
    return true;
}

} // namespace

class TestSeeds : public QObject
{
    Q_OBJECT

private slots:
    void selfInstructJsonl();
    void plainRecords_data();
    void plainRecords();
    void conversationRecords();
    void errors_data();
    void errors();
    void missingFile();
    void byteOrderMark();
    void writeBack();
    void realDataSelfInstructSeeds();
    void realDataBelleSeeds();
};

void TestSeeds::selfInstructJsonl()
{
    const std::vector<SeedTask> tasks = loadSeedTasks(fixture("seeds_selfinstruct.jsonl"));
    QCOMPARE(tasks.size(), std::size_t(3));   // the blank line is skipped
    QCOMPARE(tasks[0].id, std::string("seed_task_0"));
    QCOMPARE(tasks[0].name, std::string("poem_writing"));
    QCOMPARE(tasks[0].instruction, std::string("Write a short poem about the sea."));
    QCOMPARE(tasks[0].instances.size(), std::size_t(1));
    QCOMPARE(tasks[0].instances[0].input, std::string());
    QCOMPARE(tasks[0].instances[0].output, std::string("Waves fold over waves,\nsalt in the wind."));
    QVERIFY(!tasks[0].isClassification);
    QVERIFY(tasks[0].hasClassificationFlag);
    QVERIFY(tasks[1].isClassification);
    QCOMPARE(tasks[1].instances.size(), std::size_t(2));
    QCOMPARE(tasks[1].instances[1].input, std::string("The battery died in an hour."));
    QCOMPARE(tasks[1].instances[1].output, std::string("Negative"));
    QCOMPARE(tasks[2].instruction, std::string("把下面的句子翻译成英文。"));
}

void TestSeeds::plainRecords_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("json array") << QStringLiteral("seeds_plain.json");
    QTest::newRow("json lines") << QStringLiteral("seeds_plain.jsonl");
}

void TestSeeds::plainRecords()
{
    QFETCH(QString, file);
    const std::vector<SeedTask> tasks = loadSeedTasks(fixture(file.toUtf8().constData()));
    QCOMPARE(tasks.size(), std::size_t(3));
    QCOMPARE(tasks[0].id, std::string("seed_task_0"));
    QCOMPARE(tasks[0].name, std::string());
    QCOMPARE(tasks[0].instruction, std::string("Give three synonyms of the word."));
    QCOMPARE(tasks[0].instances.size(), std::size_t(1));
    QCOMPARE(tasks[0].instances[0].input, std::string("happy"));
    QCOMPARE(tasks[0].instances[0].output, std::string("glad, cheerful, joyful"));
    QVERIFY(!tasks[0].hasClassificationFlag);
    QVERIFY(!tasks[0].isClassification);
    QVERIFY(tasks[1].hasClassificationFlag);
    QVERIFY(tasks[1].isClassification);
    QCOMPARE(tasks[2].instances[0].input, std::string());   // missing or null
    QCOMPARE(tasks[2].instances[0].output, std::string("Red"));
    QCOMPARE(tasks[2].id, std::string(file.endsWith(QLatin1String(".jsonl")) ? "17" : "seed_task_2"));
}

// A workspace dataset with conversations is exported with {"messages": [...]} lines: their first exchange
// is the seed task (the system message and later turns have no place in one).
void TestSeeds::conversationRecords()
{
    const std::string text =
        "{\"instruction\": \"Name a colour.\", \"input\": \"\", \"output\": \"Red\"}\n"
        "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
        " {\"role\": \"user\", \"content\": \"How long to boil an egg?\"},"
        " {\"role\": \"assistant\", \"content\": \"Six minutes.\"},"
        " {\"role\": \"user\", \"content\": \"And firm?\"},"
        " {\"role\": \"assistant\", \"content\": \"Ten.\"}]}\n";
    const std::vector<SeedTask> tasks = parseSeedTasks(text, "seeds.jsonl");
    QCOMPARE(tasks.size(), std::size_t(2));
    QCOMPARE(tasks[1].id, std::string("seed_task_1"));
    QCOMPARE(tasks[1].instruction, std::string("How long to boil an egg?"));
    QCOMPARE(tasks[1].instances.size(), std::size_t(1));
    QCOMPARE(tasks[1].instances[0].input, std::string());
    QCOMPARE(tasks[1].instances[0].output, std::string("Six minutes."));
}

void TestSeeds::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("record");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const QString ok = QStringLiteral(R"({"instruction": "a", "instances": [{"input": "", "output": "b"}]})");
    QTest::newRow("not json") << ok + QStringLiteral("\n{bad json\n") << 2 << 1 << QString()
                              << QStringLiteral("invalid JSON");
    QTest::newRow("not an object") << ok + QStringLiteral("\n\n[1, 2]\n") << 3 << 1 << QString()
                                   << QStringLiteral("expected a seed task object");
    QTest::newRow("missing instruction") << QStringLiteral(R"({"instances": [{"output": "b"}]})") << 1 << 0
                                         << QStringLiteral("instruction") << QStringLiteral("missing required field");
    QTest::newRow("empty instruction") << QStringLiteral(R"({"instruction": "  ", "output": "b"})") << 1 << 0
                                       << QStringLiteral("instruction") << QStringLiteral("empty");
    QTest::newRow("instruction not a string") << QStringLiteral(R"({"instruction": 5, "output": "b"})") << 1 << 0
                                              << QStringLiteral("instruction") << QStringLiteral("expected a string");
    QTest::newRow("instances not an array") << ok + QStringLiteral("\n") + QStringLiteral(R"({"instruction": "a", "instances": {}})")
                                            << 2 << 1 << QStringLiteral("instances") << QStringLiteral("non-empty array");
    QTest::newRow("no instances") << QStringLiteral(R"({"instruction": "a", "instances": []})") << 1 << 0
                                  << QStringLiteral("instances") << QStringLiteral("non-empty array");
    QTest::newRow("instance not an object") << QStringLiteral(R"({"instruction": "a", "instances": [{"output": "b"}, "x"]})")
                                            << 1 << 0 << QStringLiteral("instances[1]")
                                            << QStringLiteral("expected an object");
    QTest::newRow("instance without output") << QStringLiteral(R"({"instruction": "a", "instances": [{"input": "b"}]})")
                                             << 1 << 0 << QStringLiteral("instances[0].output")
                                             << QStringLiteral("missing required field");
    QTest::newRow("plain record without output") << QStringLiteral(R"({"instruction": "a", "input": "b"})") << 1 << 0
                                                 << QStringLiteral("output") << QStringLiteral("missing required field");
    QTest::newRow("classification not a boolean") << QStringLiteral(R"({"instruction": "a", "output": "b", "is_classification": "yes"})")
                                                  << 1 << 0 << QStringLiteral("is_classification")
                                                  << QStringLiteral("expected true or false");
    QTest::newRow("id not a string") << QStringLiteral(R"({"id": [1], "instruction": "a", "output": "b"})") << 1 << 0
                                     << QStringLiteral("id") << QStringLiteral("expected a string or an integer");
    QTest::newRow("array element") << QStringLiteral("[\n  {\"instruction\": \"a\", \"output\": \"b\"},\n\n  {\"instruction\": \"c\"}\n]")
                                   << 4 << 1 << QStringLiteral("output") << QStringLiteral("missing required field");
    QTest::newRow("array syntax") << QStringLiteral("[\n  {\"instruction\": \"a\", \"output\": \"b\"},\n  {\"instruction\"\n]")
                                  << 4 << -1 << QString() << QStringLiteral("invalid JSON");
    QTest::newRow("conversation without a reply") << QStringLiteral(R"({"messages": [{"role": "user", "content": "a"}]})")
                                                  << 1 << 0 << QStringLiteral("messages") << QStringLiteral("no reply");
    QTest::newRow("conversation message not an object") << QStringLiteral(R"({"messages": [{"role": "user", "content": "a"}, 3]})")
                                                        << 1 << 0 << QStringLiteral("messages[1]")
                                                        << QStringLiteral("expected {");
    QTest::newRow("empty file") << QStringLiteral("\n  \n") << 0 << -1 << QString() << QStringLiteral("no seed tasks");
    QTest::newRow("empty array") << QStringLiteral("[]") << 0 << -1 << QString() << QStringLiteral("no seed tasks");
}

void TestSeeds::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, record);
    QFETCH(QString, field);
    QFETCH(QString, message);
    try {
        parseSeedTasks(text.toStdString(), "seeds.jsonl");
        QFAIL("no error");
    } catch (const sft::Error &e) {
        QCOMPARE(QString::fromStdString(e.where().file), QStringLiteral("seeds.jsonl"));
        QCOMPARE(e.where().line, std::int64_t(line));
        QCOMPARE(e.where().record, std::int64_t(record));
        QCOMPARE(QString::fromStdString(e.where().field), field);
        QVERIFY2(QString::fromStdString(e.message()).contains(message), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("seeds.jsonl")), e.what());
    }
}

void TestSeeds::missingFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("none.jsonl")).toStdString();
    try {
        loadSeedTasks(path);
        QFAIL("no error");
    } catch (const sft::Error &e) {
        QCOMPARE(e.where().file, path);
    }
}

void TestSeeds::byteOrderMark()
{
    const std::vector<SeedTask> tasks =
        parseSeedTasks("\xEF\xBB\xBF[{\"instruction\": \"a\", \"output\": \"b\"}]", "bom.json");
    QCOMPARE(tasks.size(), std::size_t(1));
    QCOMPARE(tasks[0].instruction, std::string("a"));
}

void TestSeeds::writeBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char *name : {"seeds_selfinstruct.jsonl", "seeds_plain.json", "seeds_plain.jsonl"}) {
        const std::vector<SeedTask> tasks = loadSeedTasks(fixture(name));
        const std::string copy = dir.filePath(QStringLiteral("seeds.jsonl")).toStdString();
        writeSeedsJsonl(copy, tasks);
        const std::vector<SeedTask> back = loadSeedTasks(copy);
        QVERIFY2(sameTasks(tasks, back), name);
        // One Self-Instruct task per line; the flag only where the file had one.
        const std::string text = seedTasksJsonl(tasks);
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), std::ptrdiff_t(tasks.size()));
        QCOMPARE(text.find("\"is_classification\"") != std::string::npos, tasks[1].hasClassificationFlag);
    }
    const std::string line = seedTasksJsonl(loadSeedTasks(fixture("seeds_selfinstruct.jsonl"))).substr(0, 200);
    QVERIFY(line.rfind(R"({"id":"seed_task_0","name":"poem_writing","instruction":"Write a short poem about the sea.","instances":[{"input":"","output":)", 0) == 0);
    // An unwritable place is an sft::Error naming it.
    QVERIFY_THROWS_EXCEPTION(sft::Error, writeSeedsJsonl(dir.filePath(QStringLiteral("no/such/dir/x.jsonl")).toStdString(), {}));
}

void TestSeeds::realDataSelfInstructSeeds()
{
    const std::vector<SeedTask> tasks = loadSeedTasks(sfttest::sharedPath("seed_tasks.jsonl"));
    QCOMPARE(tasks.size(), std::size_t(175));
    int classification = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        QCOMPARE(tasks[i].id, "seed_task_" + std::to_string(i));
        QVERIFY(!tasks[i].name.empty());
        QVERIFY(tasks[i].hasClassificationFlag);
        QCOMPARE(tasks[i].instances.size(), std::size_t(1));
        classification += tasks[i].isClassification;
    }
    QCOMPARE(classification, 26);
    QCOMPARE(tasks[0].name, std::string("breakfast_suggestion"));
    QCOMPARE(tasks[1].instances[0].input, std::string("Night : Day :: Right : Left"));
    QVERIFY(sameTasks(parseSeedTasks(seedTasksJsonl(tasks), "copy"), tasks));
}

void TestSeeds::realDataBelleSeeds()
{
    const std::vector<SeedTask> tasks = loadSeedTasks(sfttest::sharedPath("belle/zh_seed_tasks.json"));
    QCOMPARE(tasks.size(), std::size_t(175));
    int classification = 0;
    for (const SeedTask &t : tasks) {
        QVERIFY(t.hasClassificationFlag);
        QVERIFY(!t.instances.empty());
        classification += t.isClassification;
    }
    QCOMPARE(classification, 26);
    QCOMPARE(tasks[0].id, std::string("seed_task_8"));   // BELLE's ids follow the English seeds they translate
    QCOMPARE(tasks[0].instruction, std::string("请以下面词语为主题写一首诗"));
    QCOMPARE(tasks[0].instances[0].input, std::string("夏天"));
    QVERIFY(sameTasks(parseSeedTasks(seedTasksJsonl(tasks), "copy"), tasks));
}

SFT_REALDATA_GUILESS_MAIN(TestSeeds, "seed_tasks.jsonl", "belle/zh_seed_tasks.json")
#include "test_seeds.moc"
