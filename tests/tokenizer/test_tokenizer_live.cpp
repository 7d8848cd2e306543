// Live comparison with HF `tokenizers` (npm package, run through node at test
// time): ids for a large varied text set (tricky hand-written texts, the
// fixture corpus and dataset samples, random strings mixing letters, digits,
// marks, emoji, whitespace and special tokens), ids with add_special_tokens,
// decoded text, and the `sftbench-cli tokenize` output. The realData*
// functions do ids and the CLI on texts from the real data (every 40th Alpaca
// record in English and Chinese, all seed tasks; see shared_data.h). Skips
// when node or the npm packages are missing.

#include "reference.h"
#include "tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

namespace {

std::vector<std::string> randomTexts(std::size_t count, unsigned seed)
{
    static const std::vector<std::string> palette = {
        "a", "A", "z", "Z", " ", "s", "S", "'", "t", "T", "m", "d", "l", "L", "r", "e", "v", "\t", "\n", "\r\n", "\r",
        "0", "1", "9", ".", ",", "!", "?", "-", "_", "<", ">", "|", "/", "\\", "\"", "#", "$", "%", "&", "(", ")", "[",
        "]", "{", "}", "\u00a0", "\u3000", "\u2028", "\u0085", "\u017f", "\u0301", "\u0308", "\u00e9", "e\u0301",
        "\u00fc", "\u4f60", "\u597d", "\u3002", "\uff0c", "\U0001F600", "\U0001F44D\U0001F3FD", "\u200d", "\u0661",
        "\u00b2", "\u00bd", "\u216b", "\u1100", "\u1161", "\u11a8", "\uac00", "\u0915", "\u094d", "\u00df", "\u0130",
        "\ufb01", "\U00020000", "\u2581", "<|im_end|>", "<|im_start|>", "<s>", "</s>", "<|begin_of_text|>",
        "<|eot_id|>", "<0x41>", "  ", "\n\n", " '", "  \n", "123456", "Hello", " world", "\u0410\u0431"};
    std::mt19937 rng(seed);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string t;
        const int n = int(rng() % 30);
        for (int k = 0; k < n; ++k)
            t += palette[rng() % palette.size()];
        out.push_back(t);
    }
    return out;
}

/** A seed-task line as it is, then its instruction with every instance's input and output. */
void addSeedTexts(std::vector<std::string> &texts, const std::vector<std::string> &lines)
{
    for (const std::string &line : lines) {
        texts.push_back(line);
        const nlohmann::json j = nlohmann::json::parse(line);
        std::string t = j["instruction"].get<std::string>();
        for (const auto &inst : j["instances"])
            t += "\n\n" + inst["input"].get<std::string>() + "\n" + inst["output"].get<std::string>();
        texts.push_back(t);
    }
}

/** Tricky texts, the corpus, the Alpaca samples, the seed samples, 3000 random strings. */
std::vector<std::string> fixtureLiveTexts()
{
    std::vector<std::string> texts = reftest::dataTexts("tricky_texts.jsonl");
    for (const std::string &t : reftest::dataTexts("corpus.jsonl"))
        texts.push_back(t);
    for (const char *name : {"alpaca_en_sample.json", "alpaca_zh_sample.json"})
        for (const std::string &t : reftest::alpacaTexts(sfttest::fixturePath(name)))
            texts.push_back(t);
    for (const char *name : {"seed_tasks_sample.jsonl", "belle_zh_seed_sample.json"})
        addSeedTexts(texts, reftest::readLines(sfttest::fixturePath(name)));
    const std::vector<std::string> r = randomTexts(3000, 20261125);
    texts.insert(texts.end(), r.begin(), r.end());
    return texts;
}

/** Tricky texts, every 40th real Alpaca record (EN, ZH), every real seed task, 3000 random strings. */
std::vector<std::string> liveTexts()
{
    std::vector<std::string> texts = reftest::dataTexts("tricky_texts.jsonl");
    for (const char *name : {"alpaca_en_52k.json", "alpaca_zh_52k.json"})
        for (const std::string &t : reftest::alpacaTexts(reftest::shared(name), 7, 40))
            texts.push_back(t);
    for (const char *name : {"seed_tasks.jsonl", "belle/zh_seed_tasks.json"})
        addSeedTexts(texts, reftest::readLines(reftest::shared(name)));
    const std::vector<std::string> r = randomTexts(3000, 20261125);
    texts.insert(texts.end(), r.begin(), r.end());
    return texts;
}

} // namespace

class TestTokenizerLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_node = reftest::nodeProgram();
        QVERIFY(m_dir.isValid());
    }

    void ids_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("special");
        QTest::newRow("qwen3") << QStringLiteral("qwen3") << false;
        QTest::newRow("llama2") << QStringLiteral("llama2") << false;
        QTest::newRow("llama3") << QStringLiteral("llama3") << false;
        QTest::newRow("llama2 add_special_tokens") << QStringLiteral("llama2") << true;
        QTest::newRow("llama3 add_special_tokens") << QStringLiteral("llama3") << true;
    }

    void ids()
    {
        QFETCH(QString, name);
        QFETCH(bool, special);
        checkIds(name, special, special ? randomTexts(500, 7) : fixtureLiveTexts());
    }

    void realDataIds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("qwen3") << QStringLiteral("qwen3");
        QTest::newRow("llama2") << QStringLiteral("llama2");
        QTest::newRow("llama3") << QStringLiteral("llama3");
    }

    void realDataIds()
    {
        QFETCH(QString, name);
        checkIds(name, false, liveTexts());
    }

    void decode_data() { ids_data(); }

    void decode()
    {
        QFETCH(QString, name);
        QFETCH(bool, special);
        const std::string file = reftest::tokenizerJson(name.toStdString());
        if (m_node.isEmpty() || file.empty())
            QSKIP("node or the reference npm packages are missing");
        std::vector<std::string> texts = randomTexts(800, 99);
        for (const std::string &l : reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/tricky_texts.jsonl"))
            texts.push_back(nlohmann::json::parse(l)["text"].get<std::string>());
        const std::string textsFile = m_dir.filePath(QStringLiteral("decode.jsonl")).toStdString();
        reftest::writeTexts(textsFile, texts);
        QStringList extra{QStringLiteral("--decode")};
        if (special)
            extra << QStringLiteral("--special");
        QString error;
        const auto ref = reftest::runReference(m_node, file, textsFile, extra, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ref.size(), texts.size());
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);
        std::size_t same = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const std::string expected = nlohmann::json::parse(ref[i])["decoded"].get<std::string>();
            const std::string ours = tok.decode(tok.encode(texts[i], special), true);
            if (ours == expected)
                ++same;
            else if (same + 10 > i)
                qWarning("decode %zu differs:\n  ours: %s\n  HF:   %s", i, ours.c_str(), expected.c_str());
        }
        QCOMPARE(same, texts.size());
    }

    void cli() { checkCli(reftest::fixtureTexts()); }

    void realDataCli() { checkCli(reftest::goldenTexts()); }

private:
    /** Our ids for texts against HF's, with or without add_special_tokens. */
    void checkIds(const QString &name, bool special, const std::vector<std::string> &texts)
    {
        const std::string file = reftest::tokenizerJson(name.toStdString());
        if (m_node.isEmpty() || file.empty())
            QSKIP("node or the reference npm packages are missing (run tests/tokenizer/setup-reference.sh)");
        const std::string textsFile = m_dir.filePath(QStringLiteral("live.jsonl")).toStdString();
        reftest::writeTexts(textsFile, texts);
        QString error;
        const auto ref = reftest::runReference(m_node, file, textsFile,
                                               special ? QStringList{QStringLiteral("--special")} : QStringList{}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ref.size(), texts.size());
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);
        std::size_t same = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const std::string ours = reftest::idsToJson(tok.encode(texts[i], special));
            if (ours == ref[i])
                ++same;
            else if (same + 20 > i)
                qWarning("text %zu differs: %s\n  ours: %s\n  HF:   %s", i, texts[i].substr(0, 200).c_str(),
                         ours.substr(0, 300).c_str(), ref[i].substr(0, 300).c_str());
        }
        qInfo("%s: %zu of %zu texts identical to HF tokenizers", qPrintable(name), same, texts.size());
        QCOMPARE(same, texts.size());
    }

    /** `sftbench-cli tokenize` on texts with the Qwen3 file: the same lines as HF's ids. */
    void checkCli(const std::vector<std::string> &texts)
    {
        const std::string file = reftest::tokenizerJson("qwen3");
        const QString cli = QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli");
        if (m_node.isEmpty() || file.empty())
            QSKIP("node or the reference npm packages are missing");
        if (!QFileInfo::exists(cli))
            QSKIP("sftbench-cli not built");
        const std::string textsFile = m_dir.filePath(QStringLiteral("cli.jsonl")).toStdString();
        reftest::writeTexts(textsFile, texts);
        QString error;
        const auto ref = reftest::runReference(m_node, file, textsFile, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ref.size(), texts.size());
        QProcess p;
        p.start(cli, {QStringLiteral("tokenize"), QStringLiteral("--tokenizer"), QString::fromStdString(file),
                      QStringLiteral("--input"), QString::fromStdString(textsFile)});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        std::vector<std::string> ours;
        std::istringstream in(p.readAllStandardOutput().toStdString());
        std::string line;
        while (std::getline(in, line))
            ours.push_back(line);
        QCOMPARE(ours.size(), ref.size());
        for (std::size_t i = 0; i < ours.size(); ++i)
            QCOMPARE(ours[i], ref[i]);
    }

    QString m_node;
    QTemporaryDir m_dir;
};

SFT_REALDATA_GUILESS_MAIN(TestTokenizerLive, "alpaca_en_52k.json", "alpaca_zh_52k.json", "seed_tasks.jsonl",
                          "belle/zh_seed_tasks.json")
#include "test_tokenizer_live.moc"
