// The byte-level BPE trainer: its tokenizer.json has the requested vocab size
// and special-token ids, is deterministic, round-trips text, and gives the same
// ids in our tokenizer and in HF `tokenizers` (node, skipped when missing).
// Trained on the fixture corpus and samples; the realData* functions repeat
// the checks on a 2000-entry vocabulary trained on every 40th real Alpaca
// record in English and Chinese (see shared_data.h).

#include "core/error.h"
#include "reference.h"
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

std::string chat(const nlohmann::json &r)
{
    return "<|im_start|>user\n" + r["instruction"].get<std::string>() + "<|im_end|>\n" + r["output"].get<std::string>() +
           "<|endoftext|>";
}

/** Every step-th record of the real Alpaca files, as a chat turn. */
std::vector<std::string> corpus(std::size_t step)
{
    std::vector<std::string> texts;
    for (const char *name : {"alpaca_en_52k.json", "alpaca_zh_52k.json"}) {
        std::ifstream in(reftest::shared(name));
        const nlohmann::json recs = nlohmann::json::parse(in);
        for (std::size_t i = 0; i < recs.size(); i += step)
            texts.push_back(chat(recs[i]));
    }
    return texts;
}

/** The fixture corpus (data/corpus.jsonl) and every record of the Alpaca samples as a chat turn. */
std::vector<std::string> fixtureCorpus()
{
    std::vector<std::string> texts = reftest::dataTexts("corpus.jsonl");
    for (const char *name : {"alpaca_en_sample.json", "alpaca_zh_sample.json"}) {
        std::ifstream in(sfttest::fixturePath(name));
        for (const auto &r : nlohmann::json::parse(in))
            texts.push_back(chat(r));
    }
    return texts;
}

const std::vector<std::string> kSpecials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};

/** A trained tokenizer: its corpus, tokenizer.json text and the file it was written to. */
struct Trained
{
    std::vector<std::string> texts;
    int vocabSize = 0;
    std::string json;
    std::string file;
};

Trained train(std::vector<std::string> texts, int vocabSize, const QTemporaryDir &dir, const QString &fileName)
{
    Trained t;
    t.texts = std::move(texts);
    t.vocabSize = vocabSize;
    t.json = sft::trainByteLevelBpe(t.texts, vocabSize, kSpecials);
    t.file = dir.filePath(fileName).toStdString();
    std::ofstream(t.file) << t.json;
    return t;
}

/** Vocabulary size, special ids at the end, merge count; learned merges compress `text` at least 2:1. */
void checkShape(const Trained &t, const std::string &text)
{
    const int n = t.vocabSize;
    const sft::Tokenizer tok = sft::Tokenizer::fromJson(t.json, "trained");
    QCOMPARE(tok.vocabSize(), std::size_t(n));
    QCOMPARE(tok.tokenToId("<|endoftext|>"), n - 3);
    QCOMPARE(tok.tokenToId("<|im_start|>"), n - 2);
    QCOMPARE(tok.tokenToId("<|im_end|>"), n - 1);
    QVERIFY(tok.isSpecial(n - 1));
    const nlohmann::json doc = nlohmann::json::parse(t.json);
    QCOMPARE(doc["model"]["merges"].size(), std::size_t(n - 256 - 3));
    const auto ids = tok.encode(text);
    QVERIFY(ids.size() * 2 < text.size());
    QCOMPARE(tok.decode(ids), text);
}

/** Every 7th training text and an odd string decode back to themselves. */
void checkRoundTrip(const Trained &t)
{
    const sft::Tokenizer tok = sft::Tokenizer::fromJson(t.json, "trained");
    for (std::size_t i = 0; i < t.texts.size(); i += 7) {
        const auto ids = tok.encode(t.texts[i]);
        QCOMPARE(tok.decode(ids, false), t.texts[i]);
    }
    const std::string odd = "emoji \U0001F600 tabs\t\tCRLF\r\n \u00e9\u0301 \U00020000";
    QCOMPARE(tok.decode(tok.encode(odd)), odd);
}

/** Our ids for texts (plus the tricky texts) equal HF's for the trained file. */
void checkAgreesWithHf(const Trained &t, std::vector<std::string> texts, const QTemporaryDir &dir)
{
    const QString node = reftest::nodeProgram();
    if (node.isEmpty())
        QSKIP("node or the reference npm packages are missing");
    for (const std::string &s : reftest::dataTexts("tricky_texts.jsonl"))
        texts.push_back(s);
    const std::string textsFile = dir.filePath(QStringLiteral("texts.jsonl")).toStdString();
    reftest::writeTexts(textsFile, texts);
    QString error;
    const auto ref = reftest::runReference(node, t.file, textsFile, {}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(ref.size(), texts.size());
    const sft::Tokenizer tok = sft::Tokenizer::fromFile(t.file);
    for (std::size_t i = 0; i < texts.size(); ++i)
        QCOMPARE(reftest::idsToJson(tok.encode(texts[i])), ref[i]);
}

} // namespace

class TestBpeTrainer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixture = train(fixtureCorpus(), kFixtureVocab, m_dir, QStringLiteral("fixture.json"));
    }

    void shape() { checkShape(m_fixture, "Suggest three ways to save water at home, and give three tips for learning."); }
    void roundTrip() { checkRoundTrip(m_fixture); }
    void deterministic() { QCOMPARE(sft::trainByteLevelBpe(m_fixture.texts, kFixtureVocab, kSpecials), m_fixture.json); }

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
        // The training texts and the seed-task samples, which the trainer did not see.
        std::vector<std::string> texts = m_fixture.texts;
        for (const char *name : {"seed_tasks_sample.jsonl", "belle_zh_seed_sample.json"})
            for (const std::string &l : reftest::readLines(sfttest::fixturePath(name)))
                texts.push_back(l);
        checkAgreesWithHf(m_fixture, texts, m_dir);
    }

    void realDataShape()
    {
        checkShape(real(), "The quick brown fox jumps over the lazy dog and gives three tips for staying healthy.");
    }
    void realDataRoundTrip() { checkRoundTrip(real()); }
    void realDataDeterministic() { QCOMPARE(sft::trainByteLevelBpe(real().texts, 2000, kSpecials), real().json); }
    void realDataAgreesWithHf() { checkAgreesWithHf(real(), corpus(97), m_dir); }

private:
    static constexpr int kFixtureVocab = 600;

    /** Trained on every 40th real Alpaca record, once, by the first realData* function. */
    const Trained &real()
    {
        if (m_real.json.empty())
            m_real = train(corpus(40), 2000, m_dir, QStringLiteral("real.json"));
        return m_real;
    }

    Trained m_fixture;
    Trained m_real;
    QTemporaryDir m_dir;
};

SFT_REALDATA_GUILESS_MAIN(TestBpeTrainer, "alpaca_en_52k.json", "alpaca_zh_52k.json")
#include "test_bpe_trainer.moc"
