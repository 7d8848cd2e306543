// The byte-level BPE trainer: its tokenizer.json has the requested vocab size
// and special-token ids, is deterministic, round-trips text, and gives the same
// ids in our tokenizer and in HF `tokenizers` (node, skipped when missing).

#include "core/error.h"
#include "reference.h"
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

std::vector<std::string> corpus(std::size_t step)
{
    std::vector<std::string> texts;
    for (const char *name : {"alpaca_en_52k.json", "alpaca_zh_52k.json"}) {
        std::ifstream in(reftest::shared(name));
        const nlohmann::json recs = nlohmann::json::parse(in);
        for (std::size_t i = 0; i < recs.size(); i += step)
            texts.push_back("<|im_start|>user\n" + recs[i]["instruction"].get<std::string>() + "<|im_end|>\n" +
                            recs[i]["output"].get<std::string>() + "<|endoftext|>");
    }
    return texts;
}

const std::vector<std::string> kSpecials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};

} // namespace

class TestBpeTrainer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_texts = corpus(40);
        m_json = sft::trainByteLevelBpe(m_texts, 2000, kSpecials);
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("tokenizer.json")).toStdString();
        std::ofstream(m_file) << m_json;
    }

    void shape()
    {
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(m_json, "trained");
        QCOMPARE(tok.vocabSize(), std::size_t(2000));
        QCOMPARE(tok.tokenToId("<|endoftext|>"), 1997);
        QCOMPARE(tok.tokenToId("<|im_start|>"), 1998);
        QCOMPARE(tok.tokenToId("<|im_end|>"), 1999);
        QVERIFY(tok.isSpecial(1999));
        const nlohmann::json doc = nlohmann::json::parse(m_json);
        QCOMPARE(doc["model"]["merges"].size(), std::size_t(2000 - 256 - 3));
        // learned merges compress: fewer tokens than bytes on English
        const std::string text = "The quick brown fox jumps over the lazy dog and gives three tips for staying healthy.";
        const auto ids = tok.encode(text);
        QVERIFY(ids.size() * 2 < text.size());
        QCOMPARE(tok.decode(ids), text);
    }

    void roundTrip()
    {
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(m_json, "trained");
        for (std::size_t i = 0; i < m_texts.size(); i += 7) {
            const auto ids = tok.encode(m_texts[i]);
            QCOMPARE(tok.decode(ids, false), m_texts[i]);
        }
        const std::string odd = "emoji \U0001F600 tabs\t\tCRLF\r\n \u00e9\u0301 \U00020000";
        QCOMPARE(tok.decode(tok.encode(odd)), odd);
    }

    void deterministic()
    {
        QCOMPARE(sft::trainByteLevelBpe(m_texts, 2000, kSpecials), m_json);
    }

    void smallCorpusStops()
    {
        // too few repeated pairs for the requested size: stops early, still valid
        const std::string json = sft::trainByteLevelBpe({"abab abab"}, 5000, {"<|endoftext|>"});
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(json, "tiny");
        QVERIFY(tok.vocabSize() < 300);
        QCOMPARE(tok.decode(tok.encode("abab abab")), std::string("abab abab"));
    }

    void errors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::trainByteLevelBpe({"x"}, 258, kSpecials));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::trainByteLevelBpe({"x"}, 1000, {"<a>", "<a>"}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::trainByteLevelBpe({"x"}, 1000, {""}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::trainByteLevelBpe({std::string("\xFF")}, 1000, {}));
    }

    void agreesWithHf()
    {
        const QString node = reftest::nodeProgram();
        if (node.isEmpty())
            QSKIP("node or the reference npm packages are missing");
        std::vector<std::string> texts = corpus(97);
        for (const std::string &l : reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/tricky_texts.jsonl"))
            texts.push_back(nlohmann::json::parse(l)["text"].get<std::string>());
        const std::string textsFile = m_dir.filePath(QStringLiteral("texts.jsonl")).toStdString();
        reftest::writeTexts(textsFile, texts);
        QString error;
        const auto ref = reftest::runReference(node, m_file, textsFile, {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ref.size(), texts.size());
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(m_file);
        for (std::size_t i = 0; i < texts.size(); ++i)
            QCOMPARE(reftest::idsToJson(tok.encode(texts[i])), ref[i]);
    }

private:
    std::vector<std::string> m_texts;
    std::string m_json;
    std::string m_file;
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestBpeTrainer)
#include "test_bpe_trainer.moc"
