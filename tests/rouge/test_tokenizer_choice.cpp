// The automatic tokenizer choice: CJK token counts by hand, the evenly spaced
// sample, the threshold (inclusive), and that the cjk tokenizer leaves text
// without CJK characters exactly as the rouge tokenizer does (why choosing it
// is harmless for the English records of a mixed dataset).

#include "rouge/tokenizer.h"
#include "rouge/tokenizer_choice.h"

#include <QtTest>

using namespace sft::rouge;

class TestTokenizerChoice : public QObject
{
    Q_OBJECT

private slots:
    void counts()
    {
        ScriptCount c;
        c.add("Give three tips.");              // 3 words
        c.add("给出三个建议。");                  // 6 characters, the full stop is no token
        c.add("LoRA 等方法 2024");               // lora, 等, 方, 法, 2024
        c.add("");
        QCOMPARE(c.texts, 4);
        QCOMPARE(c.tokens, 3 + 6 + 5);
        QCOMPARE(c.cjkTokens, 6 + 3);
        QCOMPARE(c.cjkShare(), 9.0 / 14.0);
        QCOMPARE(ScriptCount().cjkShare(), 0.0);
        // Kana and Hangul count too; the Kelvin sign lowercases to ASCII "k".
        ScriptCount k;
        k.add("ひらがな 한국 \u212A");
        QCOMPARE(k.tokens, 4 + 2 + 1);
        QCOMPARE(k.cjkTokens, 6);
    }

    void sample()
    {
        QCOMPARE(evenSample(0, 10), std::vector<std::size_t>{});
        QCOMPARE(evenSample(3, 10), (std::vector<std::size_t>{0, 1, 2}));
        QCOMPARE(evenSample(10, 4), (std::vector<std::size_t>{0, 2, 5, 7}));
        const std::vector<std::size_t> big = evenSample(1000000, 2000);
        QCOMPARE(big.size(), std::size_t(2000));
        QCOMPARE(big.front(), std::size_t(0));
        QCOMPARE(big[1], std::size_t(500));
        QCOMPARE(big.back(), std::size_t(999500));
    }

    void choice()
    {
        std::vector<std::string> english(10, "Classify the sentiment of the review.");  // 6 tokens each
        QCOMPARE(chooseTokenizer(english).kind, TokenizerKind::Rouge);
        QCOMPARE(chooseTokenizer(english).sample.texts, 10);
        QCOMPARE(chooseTokenizer({}).kind, TokenizerKind::Rouge);
        QCOMPARE(chooseTokenizer({"。！", "…"}).kind, TokenizerKind::Rouge);  // no tokens at all

        std::vector<std::string> mixed = english;
        mixed.push_back("判断这条评论的情感。");  // 9 CJK tokens of 69
        TokenizerChoice c = chooseTokenizer(mixed);
        QCOMPARE(c.sample.cjkTokens, 9);
        QCOMPARE(c.sample.tokens, 69);
        QCOMPARE(c.kind, TokenizerKind::Cjk);                            // 13% >= 2%
        QCOMPARE(chooseTokenizer(mixed, 2000, 0.2).kind, TokenizerKind::Rouge);
        QCOMPARE(chooseTokenizer(mixed, 2000, 9.0 / 69.0).kind, TokenizerKind::Cjk);  // inclusive
        // Only the sample is counted: 11 texts, 5 sampled (0, 2, 4, 6, 8) miss the Chinese one.
        c = chooseTokenizer(mixed, 5);
        QCOMPARE(c.sample.texts, 5);
        QCOMPARE(c.sample.cjkTokens, 0);
        QCOMPARE(c.kind, TokenizerKind::Rouge);
    }

    void cjkEqualsRougeWithoutCjk_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("Give three tips for keeping a houseplant alive!");
        QTest::newRow("accents") << QStringLiteral("La bibliothèque ouvre à neuf heures, 25 °C.");
        QTest::newRow("symbols") << QStringLiteral("x=1; y->2 … “quoted” 😀 İx \u212Aelvin");
    }
    void cjkEqualsRougeWithoutCjk()
    {
        QFETCH(QString, text);
        const std::string s = text.toStdString();
        for (bool stem : {false, true})
            QCOMPARE(tokenizeWords(s, {TokenizerKind::Cjk, stem}), tokenizeWords(s, {TokenizerKind::Rouge, stem}));
    }
};

QTEST_GUILESS_MAIN(TestTokenizerChoice)
#include "test_tokenizer_choice.moc"
