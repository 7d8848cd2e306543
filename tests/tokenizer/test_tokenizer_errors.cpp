// Hostile tokenizer.json input: each malformed field must give an sft::Error
// that names the JSON path of the field (and the file), never a crash or a
// silently wrong tokenizer. Also checks the Unicode tables and NFC against
// Debian's /usr/bin/python3 unicodedata (skips when it is missing).

#include "core/error.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace {

/** A small valid byte-level tokenizer.json: bytes "a", "b", "c", merges a+b, ab+c. */
nlohmann::json validDoc()
{
    nlohmann::json vocab = nlohmann::json::object();
    vocab["a"] = 0;
    vocab["b"] = 1;
    vocab["c"] = 2;
    vocab["ab"] = 3;
    vocab["abc"] = 4;
    return {
        {"version", "1.0"},
        {"added_tokens", nlohmann::json::array({{{"id", 5}, {"content", "<|end|>"}, {"special", true},
                                                 {"lstrip", false}, {"rstrip", false}, {"single_word", false},
                                                 {"normalized", false}}})},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", nlohmann::json::array({
            {{"type", "Split"}, {"pattern", {{"Regex", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}}},
             {"behavior", "Isolated"}, {"invert", false}},
            {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}})}}},
        {"post_processor", nullptr},
        {"decoder", {{"type", "ByteLevel"}}},
        {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"fuse_unk", false},
                   {"byte_fallback", false}, {"vocab", vocab},
                   {"merges", nlohmann::json::array({"a b", nlohmann::json::array({"ab", "c"})})}}}};
}

} // namespace

class TestTokenizerErrors : public QObject
{
    Q_OBJECT

private slots:
    void validLoads()
    {
        const sft::Tokenizer t = sft::Tokenizer::fromJson(validDoc().dump(), "mini.json");
        QCOMPARE(t.encode("abc"), (std::vector<std::int32_t>{4}));
        QCOMPARE(t.encode("abcab<|end|>c"), (std::vector<std::int32_t>{4, 3, 5, 2}));
        QCOMPARE(t.vocabSize(), std::size_t(6));
        QCOMPARE(t.decode({4, 5, 2}, true), std::string("abcc"));
        QCOMPARE(t.decode({4, 5, 2}, false), std::string("abc<|end|>c"));
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("patch");     // JSON pointer = value (as JSON), or a whole raw document
        QTest::addColumn<QString>("expected");  // substring of the error message
        auto row = [](const char *name, const char *patch, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(patch) << QString::fromUtf8(expected);
        };
        row("not json", "RAW{\"model\": ", "not valid JSON");
        row("root array", "RAW[1, 2]", "expected a JSON object");
        row("no model", "/model=null", "field \"model\": expected a JSON object");
        row("model type", "/model/type=\"Unigram\"", "field \"model.type\": model type \"Unigram\" is not supported");
        row("vocab array", "/model/vocab=[1]", "field \"model.vocab\": expected a JSON object");
        row("vocab id string", "/model/vocab/a=\"0\"", "model.vocab");
        row("vocab id negative", "/model/vocab/b=-3", "model.vocab");
        row("vocab ids sparse", "/model/vocab/c=2000000000", "too sparse");
        row("merges object", "/model/merges={}", "field \"model.merges\": expected a JSON array");
        row("merge no space", "/model/merges/0=\"ab\"", "field \"model.merges[0]\"");
        row("merge arity", "/model/merges/1=[\"ab\"]", "field \"model.merges[1]\": a merge must be a pair");
        row("merge number", "/model/merges/1=[\"ab\", 3]", "field \"model.merges[1][1]\": expected a string");
        row("merge oov", "/model/merges/0=\"a x\"", "not in the vocab");
        row("merge result oov", "/model/merges/0=\"b a\"", "gives \"ba\", which is not in the vocab");
        row("dropout", "/model/dropout=0.1", "field \"model.dropout\"");
        row("fuse_unk type", "/model/fuse_unk=\"yes\"", "field \"model.fuse_unk\": expected true or false");
        row("normalizer type", "/normalizer={\"type\": \"NFKC\"}", "field \"normalizer.type\": normalizer type \"NFKC\" is not supported");
        row("normalizer seq", "/normalizer={\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFC\"}, {\"type\": \"Lowercase\"}]}",
            "field \"normalizer.normalizers[1].type\"");
        row("normalizer regex", "/normalizer={\"type\": \"Replace\", \"pattern\": {\"Regex\": \" +\"}, \"content\": \" \"}",
            "field \"normalizer.pattern.Regex\"");
        row("unknown regex", "/pre_tokenizer/pretokenizers/0/pattern/Regex=\"\\\\w+\"",
            "field \"pre_tokenizer.pretokenizers[0].pattern.Regex\": this Split regex is not one we implement");
        row("behavior", "/pre_tokenizer/pretokenizers/0/behavior=\"Sideways\"", "unknown split behavior");
        row("pretok type", "/pre_tokenizer={\"type\": \"BertPreTokenizer\"}", "field \"pre_tokenizer.type\"");
        row("metaspace replacement", "/pre_tokenizer={\"type\": \"Metaspace\", \"replacement\": \"ab\"}",
            "field \"pre_tokenizer.replacement\": the replacement must be exactly one character");
        row("decoder type", "/decoder={\"type\": \"WordPiece\"}", "field \"decoder.type\": decoder type \"WordPiece\" is not supported");
        row("post type", "/post_processor={\"type\": \"Bogus\"}", "field \"post_processor.type\"");
        row("template special", "/post_processor={\"type\": \"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"<x>\", \"type_id\": 0}}], \"special_tokens\": {}}",
            "field \"post_processor.single[0].SpecialToken.id\"");
        row("added content", "/added_tokens/0/content=7", "field \"added_tokens[0].content\": expected a string");
        row("added id", "/added_tokens/0/id=-1", "field \"added_tokens[0].id\"");
        row("added list", "/added_tokens={}", "field \"added_tokens\": expected a JSON array");
        {
            std::string many = "/pre_tokenizer={\"type\": \"Sequence\", \"pretokenizers\": [";
            for (int i = 0; i < 70; ++i)
                many += std::string(i ? "," : "") + "{\"type\": \"ByteLevel\"}";
            many += "]}";
            QTest::newRow("too many steps") << QString::fromStdString(many)
                                            << QStringLiteral("field \"pre_tokenizer.pretokenizers[64]\": more than 64 pre-tokenizers");
        }
        row("deep nesting", "/normalizer={\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Sequence\",\"normalizers\":[]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}",
            "nested too deeply");
    }

    void hostile()
    {
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        std::string text;
        if (patch.startsWith(QStringLiteral("RAW"))) {
            text = patch.mid(3).toStdString();
        } else {
            const int eq = patch.indexOf(QLatin1Char('='));
            nlohmann::json doc = validDoc();
            doc[nlohmann::json::json_pointer(patch.left(eq).toStdString())] = nlohmann::json::parse(patch.mid(eq + 1).toStdString());
            text = doc.dump();
        }
        try {
            sft::Tokenizer::fromJson(text, "hostile.json");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(expected), qPrintable(what));
            QVERIFY2(what.startsWith(QStringLiteral("hostile.json")), qPrintable(what));
        }
    }

    void fileErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::Tokenizer::fromFile("/nonexistent/tokenizer.json"));
        const sft::Tokenizer empty;
        QVERIFY(!empty.isLoaded());
        QVERIFY_THROWS_EXCEPTION(sft::Error, empty.encode("x"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, empty.decode({1}));
        const sft::Tokenizer t = sft::Tokenizer::fromJson(validDoc().dump());
        try {
            t.encode(std::string("ab\xC3(", 4));
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(std::string(e.what()).find("not valid UTF-8 at byte 2") != std::string::npos, e.what());
        }
    }

    void unicodeTablesMatchPython()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("/usr/bin/python3 not available");
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QStringLiteral(
                    "import sys,unicodedata as u\n"
                    "sys.stdout.write(''.join('L' if u.category(chr(c))[0]=='L' else 'N' if u.category(chr(c))[0]=='N' else '.'"
                    " for c in range(0x110000)))")});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray cls = p.readAllStandardOutput();
        QCOMPARE(cls.size(), 0x110000);
        int bad = 0;
        for (char32_t c = 0; c < 0x110000; ++c) {
            const char expected = cls[int(c)];
            const char ours = sft::unicode::isLetter(c) ? 'L' : sft::unicode::isNumber(c) ? 'N' : '.';
            if (ours != expected && ++bad < 5)
                qWarning("U+%04X: ours %c python %c", unsigned(c), ours, expected);
        }
        QCOMPARE(bad, 0);
    }

    void nfcMatchesPython()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("/usr/bin/python3 not available");
        // strings mixing starters, combining marks (out of order), Hangul jamo, singletons, exclusions
        std::vector<std::string> inputs = {
            "e\u0301", "a\u0323\u0302", "a\u0302\u0323", "\u1e9b\u0323", "\u212b", "\u2126", "A\u030a\u0301",
            "\u1100\u1161\u11a8", "\u1100\u1161", "\uac00\u11a8", "\u0958", "\u0915\u093c", "o\u0308\u0304",
            "\u0041\u0300\u0316", "x\u0300\u0301\u0302\u0316\u0317", "\u00e9\u0301", "\u0344", "\u0f73", "\u1f80\u0345",
            "q\u0307\u0323", "\u05d0\u05b7\u05bc", "\u30ab\u3099", "\u304b\u309a", "plain ascii", "\u4e2d\u6587"};
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.json"));
        {
            std::ofstream f(in.toStdString());
            f << nlohmann::json(inputs).dump();
        }
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QStringLiteral("import sys,json,unicodedata as u\n"
                                                      "print(json.dumps([u.normalize('NFC',s) for s in json.load(open(sys.argv[1]))]))"),
                 in});
        QVERIFY(p.waitForFinished(60000));
        const nlohmann::json expected = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(expected.size(), inputs.size());
        for (std::size_t i = 0; i < inputs.size(); ++i)
            QCOMPARE(sft::unicode::toNfc(inputs[i]), expected[i].get<std::string>());
    }
};

QTEST_GUILESS_MAIN(TestTokenizerErrors)
#include "test_tokenizer_errors.moc"
