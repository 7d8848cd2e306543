// Pipeline features that the three reference files do not all use, checked
// live against HF `tokenizers`: variants of a trained byte-level tokenizer
// (GPT-2 ByteLevel regex with prefix space, Llama-3 regex + ignore_merges,
// every Split behavior and invert, literal Split, added tokens with lstrip /
// rstrip / single_word / normalized, NFC/NFD/Strip/Prepend/Replace
// normalizers, template/Bert/Roberta post-processors) and of the Llama-2 file
// (Metaspace pre-tokenizer and decoder, unk with and without fuse_unk).
// Ids (with and without special tokens) and decoded text must equal HF's.

#include "reference.h"
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <random>

using nlohmann::json;
using Patch = std::function<void(json &)>;
Q_DECLARE_METATYPE(Patch)

namespace {

const char *const kQwenRegex = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const char *const kLlama3Regex = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

json byteLevelStep() { return {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}; }

json splitThenBytes(const char *regex, const char *behavior, bool invert)
{
    return {{"type", "Sequence"},
            {"pretokenizers", json::array({json{{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", behavior}, {"invert", invert}},
                                           byteLevelStep()})}};
}

json added(int id, const char *content, bool special, bool normalized, bool lstrip, bool rstrip, bool singleWord)
{
    return {{"id", id}, {"content", content}, {"special", special}, {"normalized", normalized},
            {"lstrip", lstrip}, {"rstrip", rstrip}, {"single_word", singleWord}};
}

/** The id of an added token of a tokenizer.json (-1 when absent). */
int addedId(const json &d, const char *content)
{
    for (const auto &a : d["added_tokens"])
        if (a["content"] == content)
            return a["id"].get<int>();
    return -1;
}

/** The first id after the vocabulary and the added tokens. */
int nextId(const json &d)
{
    int next = 0;
    for (const auto &v : d["model"]["vocab"].items())
        next = std::max(next, v.value().get<int>() + 1);
    for (const auto &a : d["added_tokens"])
        next = std::max(next, a["id"].get<int>() + 1);
    return next;
}

/** A byte-level BPE (1500 entries at most) trained on corpus plus a line that makes "word" / "hello" merges. */
json trainByteLevel(std::vector<std::string> corpus)
{
    corpus.push_back("hello word words wordy hello");
    return json::parse(sft::trainByteLevelBpe(corpus, 1500, {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}));
}

std::vector<std::string> variantTexts()
{
    static const std::vector<std::string> palette = {
        "a", "the", " cat", "Hello", " world", "word", " word", "words", "hello", "<x>", " <x> ", "[Y]", "[Y]  ",
        " ", "  ", "\t", "\n", "\r\n", "'s", "'LL", "123", "4567", ".", ",", "!?", "\u00e9", "e\u0301", "\u00c5",
        "A\u030a", "\u4f60\u597d", "\U0001F600", "\u2581", "<|im_start|>", "<|im_end|>", "<s>", "</s>", "\u00a0",
        "\u3000", "x", "Q", "\u0915\u094d", "\U00020000", "\u0301"};
    std::mt19937 rng(4242);
    std::vector<std::string> out;
    for (int i = 0; i < 1000; ++i) {
        std::string t;
        const int n = int(rng() % 16);
        for (int k = 0; k < n; ++k)
            t += palette[rng() % palette.size()];
        out.push_back(t);
    }
    for (const std::string &l : reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/tricky_texts.jsonl"))
        out.push_back(json::parse(l)["text"].get<std::string>());
    return out;
}

} // namespace

class TestTokenizerVariants : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_node = reftest::nodeProgram();
        QVERIFY(m_dir.isValid());
        std::vector<std::string> corpus = reftest::dataTexts("corpus.jsonl");
        for (const char *name : {"alpaca_en_sample.json", "alpaca_zh_sample.json"}) {
            std::ifstream in(sfttest::fixturePath(name));
            for (const auto &r : json::parse(in))
                corpus.push_back(r["instruction"].get<std::string>() + " " + r["output"].get<std::string>());
        }
        m_byteLevel = trainByteLevel(corpus);
        m_texts = variantTexts();
        m_textsFile = m_dir.filePath(QStringLiteral("texts.jsonl")).toStdString();
        reftest::writeTexts(m_textsFile, m_texts);
    }

    void compare_data()
    {
        addColumns();
        byteLevelRows();
        llama2Rows();
    }

    void compare()
    {
        QFETCH(QString, base);
        QFETCH(Patch, patch);
        QFETCH(bool, special);
        if (m_node.isEmpty())
            QSKIP("node or the reference npm packages are missing");
        check(base == QLatin1String("llama2") ? llama2Doc() : m_byteLevel, patch, special);
    }

    void realDataCompare_data()
    {
        addColumns();
        byteLevelRows();
    }

    void realDataCompare()
    {
        QFETCH(Patch, patch);
        QFETCH(bool, special);
        if (m_node.isEmpty())
            QSKIP("node or the reference npm packages are missing");
        if (m_realByteLevel.is_null()) {
            std::vector<std::string> corpus;
            std::ifstream in(reftest::shared("alpaca_en_52k.json"));
            const json recs = json::parse(in);
            for (std::size_t i = 0; i < recs.size(); i += 50)
                corpus.push_back(recs[i]["instruction"].get<std::string>() + " " + recs[i]["output"].get<std::string>());
            m_realByteLevel = trainByteLevel(corpus);
            // Sizes as before the fixture split: specials at 1497-1499, added tokens from 1500.
            QCOMPARE(addedId(m_realByteLevel, "<|im_end|>"), 1499);
            QCOMPARE(nextId(m_realByteLevel), 1500);
        }
        check(m_realByteLevel, patch, special);
    }

private:
    static void addColumns()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<Patch>("patch");
        QTest::addColumn<bool>("special");
    }

    /** Variants of the trained byte-level tokenizer. */
    static void byteLevelRows()
    {
        auto bl = [](const char *name, Patch p, bool special = false) {
            QTest::newRow(name) << QStringLiteral("bytelevel") << p << special;
        };
        bl("trained as is", [](json &) {});
        bl("gpt2 bytelevel regex + prefix space", [](json &d) {
            d["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}};
        });
        bl("gpt2 bytelevel regex", [](json &d) {
            d["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
        });
        bl("llama3 regex + ignore_merges", [](json &d) {
            d["pre_tokenizer"] = splitThenBytes(kLlama3Regex, "Isolated", false);
            d["model"]["ignore_merges"] = true;
        });
        for (const char *b : {"Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous"}) {
            QTest::newRow(b) << QStringLiteral("bytelevel")
                             << Patch([b](json &d) { d["pre_tokenizer"] = splitThenBytes(kQwenRegex, b, false); }) << false;
        }
        bl("isolated invert", [](json &d) { d["pre_tokenizer"] = splitThenBytes(kQwenRegex, "Isolated", true); });
        bl("removed invert", [](json &d) { d["pre_tokenizer"] = splitThenBytes(kQwenRegex, "Removed", true); });
        bl("literal split", [](json &d) {
            d["pre_tokenizer"] = {{"type", "Sequence"}, {"pretokenizers", json::array({
                json{{"type", "Split"}, {"pattern", {{"String", " "}}}, {"behavior", "MergedWithPrevious"}, {"invert", false}},
                byteLevelStep()})}};
        });
        bl("added tokens", [](json &d) {
            d["normalizer"] = {{"type", "NFC"}};
            const int n = nextId(d);   // 1500 for the real-data tokenizer
            auto &a = d["added_tokens"];
            a.push_back(added(n, "<x>", true, false, true, false, false));
            a.push_back(added(n + 1, "[Y]", true, false, false, true, false));
            a.push_back(added(n + 2, "word", false, true, false, false, true));
            a.push_back(added(n + 3, "hello", false, true, false, false, false));
            a.push_back(added(n + 4, "\u00e9", false, true, false, false, false));
            a.push_back(added(n + 5, " cat", false, false, true, true, false));
        });
        bl("nfd", [](json &d) { d["normalizer"] = {{"type", "NFD"}}; });
        bl("strip prepend replace", [](json &d) {
            d["normalizer"] = {{"type", "Sequence"}, {"normalizers", json::array({
                json{{"type", "Strip"}, {"strip_left", true}, {"strip_right", true}},
                json{{"type", "Prepend"}, {"prepend", "_"}},
                json{{"type", "Replace"}, {"pattern", {{"String", "  "}}}, {"content", " "}}})}};
        });
        // <|im_start|> and <|im_end|>: 1498 and 1499 for the real-data tokenizer.
        bl("template", [](json &d) {
            const int start = addedId(d, "<|im_start|>"), end = addedId(d, "<|im_end|>");
            d["post_processor"] = {{"type", "Sequence"}, {"processors", json::array({byteLevelStep(), json{
                {"type", "TemplateProcessing"},
                {"single", json::array({json{{"SpecialToken", {{"id", "<|im_start|>"}, {"type_id", 0}}}},
                                        json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                                        json{{"SpecialToken", {{"id", "<|im_end|>"}, {"type_id", 0}}}}})},
                {"pair", json::array({json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}, json{{"Sequence", {{"id", "B"}, {"type_id", 1}}}}})},
                {"special_tokens", {{"<|im_start|>", {{"id", "<|im_start|>"}, {"ids", {start}}, {"tokens", {"<|im_start|>"}}}},
                                    {"<|im_end|>", {{"id", "<|im_end|>"}, {"ids", {end}}, {"tokens", {"<|im_end|>"}}}}}}}})}};
        }, true);
        bl("roberta", [](json &d) {
            const int start = addedId(d, "<|im_start|>"), end = addedId(d, "<|im_end|>");
            d["post_processor"] = {{"type", "RobertaProcessing"}, {"sep", {"<|im_end|>", end}}, {"cls", {"<|im_start|>", start}},
                                   {"trim_offsets", true}, {"add_prefix_space", false}};
        }, true);
        bl("bert", [](json &d) {
            const int start = addedId(d, "<|im_start|>"), end = addedId(d, "<|im_end|>");
            d["post_processor"] = {{"type", "BertProcessing"}, {"sep", {"<|im_end|>", end}}, {"cls", {"<|im_start|>", start}}};
        }, true);
    }

    /** Variants of the Llama-2 tokenizer.json (Metaspace, unk). */
    static void llama2Rows()
    {
        auto l2 = [](const char *name, Patch p, bool special = false) {
            QTest::newRow(name) << QStringLiteral("llama2") << p << special;
        };
        l2("llama2 as is", [](json &) {}, true);
        for (const char *scheme : {"first", "always", "never"}) {
            for (bool split : {false, true}) {
                const std::string name = std::string("metaspace ") + scheme + (split ? " split" : "");
                QTest::newRow(name.c_str()) << QStringLiteral("llama2") << Patch([scheme, split](json &d) {
                    d["normalizer"] = nullptr;
                    d["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", "\u2581"}, {"prepend_scheme", scheme}, {"split", split}};
                    d["decoder"] = {{"type", "Metaspace"}, {"replacement", "\u2581"}, {"prepend_scheme", scheme}, {"split", split}};
                }) << false;
            }
        }
        l2("unk fused", [](json &d) { d["model"]["byte_fallback"] = false; d["model"]["fuse_unk"] = true; });
        l2("unk unfused", [](json &d) { d["model"]["byte_fallback"] = false; d["model"]["fuse_unk"] = false; });
    }

    json llama2Doc() const
    {
        std::ifstream in(reftest::tokenizerJson("llama2"));
        return json::parse(in);
    }

    /** The patched tokenizer against HF: ids and decoded text for every text. */
    void check(json doc, const Patch &patch, bool special)
    {
        patch(doc);
        const std::string file = m_dir.filePath(QStringLiteral("variant.json")).toStdString();
        std::ofstream(file) << doc.dump();
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);
        QString error;
        QStringList extra;
        if (special)
            extra << QStringLiteral("--special");
        const auto ref = reftest::runReference(m_node, file, m_textsFile, extra + QStringList{QStringLiteral("--both")}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ref.size(), m_texts.size());
        std::size_t sameIds = 0, sameText = 0;
        for (std::size_t i = 0; i < m_texts.size(); ++i) {
            const auto ours = tok.encode(m_texts[i], special);
            const json expected = json::parse(ref[i]);
            if (json(ours) == expected["ids"])
                ++sameIds;
            else if (sameIds + 5 > i)
                qWarning("ids %zu differ for %s\n  ours: %s\n  HF:   %s", i, json(m_texts[i]).dump().c_str(),
                         reftest::idsToJson(ours).c_str(), expected["ids"].dump().c_str());
            const std::string dec = tok.decode(ours, true);
            if (dec == expected["decoded"].get<std::string>())
                ++sameText;
            else if (sameText + 5 > i)
                qWarning("decode %zu differs\n  ours: %s\n  HF:   %s", i, json(dec).dump().c_str(),
                         expected["decoded"].dump().c_str());
        }
        QCOMPARE(sameIds, m_texts.size());
        QCOMPARE(sameText, m_texts.size());
    }

    QString m_node;
    QTemporaryDir m_dir;
    json m_byteLevel;
    json m_realByteLevel;
    std::vector<std::string> m_texts;
    std::string m_textsFile;
};

SFT_REALDATA_GUILESS_MAIN(TestTokenizerVariants, "alpaca_en_52k.json")
#include "test_tokenizer_variants.moc"
