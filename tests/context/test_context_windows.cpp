// The torch-free arithmetic of the context-window measurements: window plans
// (non-overlapping, strided as Hugging Face's evaluation, with BOS, with the
// short last window over the rest of the text) checked against a brute-force
// run of HF's loop; the position buckets of the loss curve; the attention
// memory estimate; passkey keys, prompts (deterministic, key at its depth, the
// longest prompt within the length) with a counting stand-in for the
// tokenizer, and the answer check.

#include "context/passkey_prompt.h"
#include "context/windows.h"
#include "core/error.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace sft::context;

namespace {

/** Words separated by spaces or newlines: a tokenizer stand-in that grows with the text. */
std::int64_t countWords(const std::string &text)
{
    std::int64_t n = 0;
    bool inWord = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n';
        n += !space && !inWord ? 1 : 0;
        inWord = !space;
    }
    return n;
}

/** The text between the instruction and the question. */
std::string body(const std::string &prompt)
{
    const auto b = prompt.find("\n\n") + 2;
    return prompt.substr(b, prompt.rfind("\n\n") - b);
}

} // namespace

class TestContextWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data()
    {
        QTest::addColumn<int>("text");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("stride");
        QTest::addColumn<bool>("bos");
        QTest::addColumn<QList<int>>("begins");
        QTest::addColumn<QList<int>>("scoreFrom");
        QTest::addColumn<QList<int>>("lengths");
        // {name, text tokens, length, stride, bos, window starts, first scored index, window lengths}
        QTest::newRow("tiles, rest of 2") << 10 << 4 << 0 << false << QList<int>{0, 4, 8} << QList<int>{1, 1, 1}
                                          << QList<int>{4, 4, 2};
        QTest::newRow("tiles, rest of 1 scores nothing") << 9 << 4 << 0 << false << QList<int>{0, 4}
                                                         << QList<int>{1, 1} << QList<int>{4, 4};
        QTest::newRow("exact fit") << 12 << 4 << 0 << false << QList<int>{0, 4, 8} << QList<int>{1, 1, 1}
                                   << QList<int>{4, 4, 4};
        QTest::newRow("strided") << 10 << 4 << 2 << false << QList<int>{0, 2, 4, 6} << QList<int>{1, 2, 2, 2}
                                 << QList<int>{4, 4, 4, 4};
        // HF: begin 6 ends at 10, then begin 9 runs to 11 and scores token 10 only (window index 1).
        QTest::newRow("strided, rest") << 11 << 4 << 3 << false << QList<int>{0, 3, 6, 9} << QList<int>{1, 1, 1, 1}
                                       << QList<int>{4, 4, 4, 2};
        QTest::newRow("strided, longer rest") << 13 << 6 << 4 << false << QList<int>{0, 4, 8} << QList<int>{1, 2, 2}
                                              << QList<int>{6, 6, 5};
        QTest::newRow("stride 1") << 6 << 4 << 1 << false << QList<int>{0, 1, 2} << QList<int>{1, 3, 3}
                                  << QList<int>{4, 4, 4};
        QTest::newRow("stride = length") << 9 << 4 << 4 << false << QList<int>{0, 4} << QList<int>{1, 1}
                                         << QList<int>{4, 4};
        QTest::newRow("bos tiles") << 9 << 4 << 0 << true << QList<int>{0, 3, 6} << QList<int>{1, 1, 1}
                                   << QList<int>{4, 4, 4};
        QTest::newRow("bos tiles, rest of 1") << 10 << 4 << 0 << true << QList<int>{0, 3, 6, 9}
                                              << QList<int>{1, 1, 1, 1} << QList<int>{4, 4, 4, 2};
        QTest::newRow("bos strided") << 7 << 4 << 2 << true << QList<int>{0, 2, 4} << QList<int>{1, 2, 2}
                                     << QList<int>{4, 4, 4};
        QTest::newRow("bos strided, rest") << 8 << 4 << 2 << true << QList<int>{0, 2, 4, 6} << QList<int>{1, 2, 2, 2}
                                           << QList<int>{4, 4, 4, 3};
        QTest::newRow("bos stride clamped") << 7 << 4 << 4 << true << QList<int>{0, 3, 6} << QList<int>{1, 1, 1}
                                            << QList<int>{4, 4, 2};
        QTest::newRow("one window") << 5 << 5 << 0 << false << QList<int>{0} << QList<int>{1} << QList<int>{5};
    }

    void plan()
    {
        QFETCH(int, text);
        QFETCH(int, length);
        QFETCH(int, stride);
        QFETCH(bool, bos);
        QFETCH(QList<int>, begins);
        QFETCH(QList<int>, scoreFrom);
        QFETCH(QList<int>, lengths);
        const WindowPlan p = planWindows(text, length, stride, bos);
        QCOMPARE(int(p.windows.size()), begins.size());
        std::int64_t scored = 0;
        for (int k = 0; k < begins.size(); ++k) {
            QCOMPARE(int(p.windows[k].begin), begins[k]);
            QCOMPARE(int(p.windows[k].scoreFrom), scoreFrom[k]);
            QCOMPARE(int(p.windows[k].length), lengths[k]);
            scored += lengths[k] - scoreFrom[k];
        }
        QCOMPARE(p.scoredTokens(), scored);
        QCOMPARE(p.content, std::int64_t(bos ? length - 1 : length));
    }

    // Brute force over many shapes against Hugging Face's loop, written out: windows start every
    // stride tokens, each ends at min(begin + content, text), scores the tokens after the previous
    // window's end (all but its first when it is the first window, or the window starts where the
    // previous one ended: nothing predicts a window's first token without BOS), and the loop ends
    // with the window that reaches the end of the text.
    void matchesHuggingFacesLoop()
    {
        for (int text = 2; text <= 40; ++text)
            for (int length = 2; length <= 12; ++length)
                for (int stride = 0; stride <= length; ++stride)
                    for (bool bos : {false, true}) {
                        const int content = bos ? length - 1 : length;
                        if (text < content)
                            continue;
                        const int step = stride == 0 ? content : std::min(stride, content);
                        const int offset = bos ? 1 : 0;
                        std::vector<int> want(text, 0);   // times HF scores each text token
                        std::vector<std::pair<int, int>> hfWindows;   // (begin, end) of windows scoring something
                        int previousEnd = 0;
                        for (int begin = 0;; begin += step) {
                            const int end = std::min(begin + content, text);
                            bool any = false;
                            for (int t = std::max(previousEnd, begin + 1 - offset); t < end; ++t) {
                                ++want[static_cast<std::size_t>(t)];
                                any = true;
                            }
                            if (any || begin == 0)
                                hfWindows.emplace_back(begin, end);
                            previousEnd = end;
                            if (end == text)
                                break;
                        }
                        const WindowPlan p = planWindows(text, length, stride, bos);
                        std::vector<int> times(text, 0);
                        for (const Window &w : p.windows) {
                            QVERIFY(w.length <= length && w.scoreFrom >= 1 && w.scoreFrom < w.length);
                            QCOMPARE(w.content(bos), std::min<std::int64_t>(content, text - w.begin));
                            for (std::int64_t i = w.scoreFrom; i < w.length; ++i)
                                ++times[static_cast<std::size_t>(w.begin + i - offset)];
                        }
                        QCOMPARE(times, want);
                        QCOMPARE(int(p.windows.size()), int(hfWindows.size()));
                        for (std::size_t k = 0; k < hfWindows.size(); ++k) {
                            QCOMPARE(int(p.windows[k].begin), hfWindows[k].first);
                            QCOMPARE(int(p.windows[k].begin + p.windows[k].content(bos)), hfWindows[k].second);
                        }
                        // Every token is scored once but (without BOS) the first, and tiled each window's first.
                        for (int t = 0; t < text; ++t) {
                            const bool strided = step < content;
                            const bool scored = bos || (strided ? t >= 1 : t % content != 0);
                            QCOMPARE(times[static_cast<std::size_t>(t)], scored ? 1 : 0);
                        }
                    }
    }

    void maxWindows()
    {
        const WindowPlan p = planWindows(100, 10, 0, false, 3);
        QCOMPARE(int(p.windows.size()), 3);
        QCOMPARE(p.scoredTokens(), std::int64_t(27));
        QCOMPARE(int(planWindows(100, 10, 0, false, 50).windows.size()), 10);
        // Strided: the first window scores length - 1 tokens, each later one the stride.
        const WindowPlan strided = planWindows(1000, 64, 16, false, 4);
        QCOMPARE(strided.scoredTokens(), std::int64_t(63 + 3 * 16));
        // The short last window counts as a window: 105 tokens hold 10 full windows and a rest of 5.
        QCOMPARE(int(planWindows(105, 10, 0, false, 50).windows.size()), 11);
        QCOMPARE(int(planWindows(105, 10, 0, false, 11).windows.back().length), 5);
        QCOMPARE(int(planWindows(105, 10, 0, false, 10).windows.back().length), 10);
    }

    void planErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, planWindows(9, 10));
        QVERIFY_THROWS_EXCEPTION(sft::Error, planWindows(100, 1));
        QVERIFY_THROWS_EXCEPTION(sft::Error, planWindows(100, 10, -1));
        QVERIFY_THROWS_EXCEPTION(sft::Error, planWindows(100, 10, 0, false, -1));
        try {
            planWindows(9, 10);
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromStdString(e.message()).contains(QStringLiteral("fewer than one window")), e.what());
        }
        // With BOS a window holds one text token less.
        QCOMPARE(int(planWindows(9, 10, 0, true).windows.size()), 1);
    }

    void attentionMemory()
    {
        // heads × n² fp32 scores, three copies: 32 heads at 8K tokens is about 25.8 GB per layer.
        QCOMPARE(eagerAttentionBytes(32, 8192), 3.0 * 4 * 32 * 8192.0 * 8192.0);
        QVERIFY(eagerAttentionBytes(12, 4096) < 4.0 * 1024 * 1024 * 1024);   // small100m at 4K: 2.4 GB, no warning
        QVERIFY(eagerAttentionBytes(12, 8192) > 4.0 * 1024 * 1024 * 1024);
    }

    void buckets()
    {
        QCOMPARE(positionBucket(2), std::int64_t(1));
        QCOMPARE(positionBucket(256), std::int64_t(1));
        QCOMPARE(positionBucket(512), std::int64_t(1));
        QCOMPARE(positionBucket(513), std::int64_t(2));
        QCOMPARE(positionBucket(1024), std::int64_t(2));
        QCOMPARE(positionBucket(1025), std::int64_t(3));
        QCOMPARE(positionBucket(4096), std::int64_t(8));
        QCOMPARE(positionBucket(5000), std::int64_t(10));

        // 1030 positions in buckets of 3: 344 buckets, the last holding 1029 alone.
        PositionLoss loss(1030);
        QCOMPARE(loss.bucket(), std::int64_t(3));
        QCOMPARE(loss.buckets(), std::int64_t(344));
        for (int pos = 1; pos < 1030; ++pos)
            loss.add(pos, pos);   // the loss of a position is its index
        QCOMPARE(loss.count(0), std::int64_t(2));
        QCOMPARE(loss.mean(0), 1.5);        // positions 1, 2
        QCOMPARE(loss.mean(1), 4.0);        // 3, 4, 5
        QCOMPARE(loss.count(343), std::int64_t(1));
        QCOMPARE(loss.mean(343), 1029.0);
        loss.add(4, 10.0);                  // a second window's loss at position 4
        QCOMPARE(loss.mean(1), (3.0 + 4.0 + 5.0 + 10.0) / 4.0);
        QVERIFY_THROWS_EXCEPTION(sft::Error, loss.add(1030, 1.0));
        QVERIFY_THROWS_EXCEPTION(sft::Error, loss.add(-1, 1.0));

        // One position per bucket: bucket 0 (position 0) is never predicted.
        PositionLoss small(8);
        QCOMPARE(small.buckets(), std::int64_t(8));
        small.add(1, 2.0);
        QVERIFY(std::isnan(small.mean(0)));
        QCOMPARE(small.mean(1), 2.0);
        QCOMPARE(int(small.means().size()), 8);
    }

    void keys()
    {
        const std::string k = passkeyKey(7, 256, 0.5, 1, 5);
        QCOMPARE(int(k.size()), 5);
        QVERIFY(k[0] != '0');
        for (char c : k)
            QVERIFY(c >= '0' && c <= '9');
        QCOMPARE(passkeyKey(7, 256, 0.5, 1, 5), k);   // a function of its arguments
        // Every argument changes the key (these particular ones do not collide).
        QVERIFY(passkeyKey(8, 256, 0.5, 1, 5) != k);
        QVERIFY(passkeyKey(7, 512, 0.5, 1, 5) != k);
        QVERIFY(passkeyKey(7, 256, 0.75, 1, 5) != k);
        QVERIFY(passkeyKey(7, 256, 0.5, 2, 5) != k);
        // Keys spread over the digits: 200 trials give many distinct keys and every leading digit.
        std::set<std::string> distinct;
        std::set<char> leading;
        for (int t = 0; t < 200; ++t) {
            const std::string key = passkeyKey(0, 128, 0.25, t, 5);
            distinct.insert(key);
            leading.insert(key[0]);
        }
        QVERIFY(distinct.size() >= 195);
        QCOMPARE(int(leading.size()), 9);
        QCOMPARE(int(passkeyKey(1, 1, 0, 0, 18).size()), 18);
        QVERIFY_THROWS_EXCEPTION(sft::Error, passkeyKey(0, 128, 0.5, 0, 0));
        QVERIFY_THROWS_EXCEPTION(sft::Error, passkeyKey(0, 128, 0.5, 0, 19));
    }

    void prompt_data()
    {
        QTest::addColumn<double>("depth");
        QTest::addColumn<int>("target");
        for (double depth : {0.0, 0.25, 0.5, 0.75, 1.0})
            for (int target : {60, 200, 1000})
                QTest::addRow("depth %.2f, %d words", depth, target) << depth << target;
    }

    void prompt()
    {
        QFETCH(double, depth);
        QFETCH(int, target);
        const std::string key = "48213";
        const PasskeyPrompt p = buildPasskeyPrompt(key, depth, target, countWords);
        // The longest prompt within the target: one more sentence would not fit.
        QCOMPARE(p.tokens, countWords(p.text));
        QVERIFY(p.tokens <= target);
        QVERIFY(countWords(passkeyPromptText(key, depth, p.sentences + 1)) > target);
        QVERIFY(p.sentences > 0);
        // Deterministic.
        QCOMPARE(buildPasskeyPrompt(key, depth, target, countWords).text, p.text);
        // The key sentence after round(depth · n) filler sentences (each ends with the one period).
        QCOMPARE(p.keySentence, std::int64_t(std::llround(depth * double(p.sentences))));
        const std::string b = body(p.text);
        const auto at = b.find("The pass key is " + key + ". Remember it. " + key + " is the pass key.");
        QVERIFY(at != std::string::npos);
        const std::string before = b.substr(0, at);
        QCOMPARE(std::int64_t(std::count(before.begin(), before.end(), '.')), p.keySentence);
        // The key appears twice (in its sentence) and nowhere else; the question ends the prompt.
        std::size_t times = 0;
        for (auto i = p.text.find(key); i != std::string::npos; i = p.text.find(key, i + 1))
            ++times;
        QCOMPARE(times, std::size_t(2));
        QVERIFY(QString::fromStdString(p.text).endsWith(QStringLiteral("What is the pass key? The pass key is")));
        // Filler sentences in their cycle.
        const auto &filler = passkeyFiller();
        QVERIFY(b.find(filler[0]) != std::string::npos);
        if (p.sentences > std::int64_t(filler.size()))
            QVERIFY(b.find(filler.back()) != std::string::npos);
        if (depth == 0.0)
            QVERIFY(b.rfind("The pass key is", 0) == 0);
        if (depth == 1.0)
            QVERIFY(QString::fromStdString(b).endsWith(QStringLiteral(" is the pass key.")));
    }

    void promptErrors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, buildPasskeyPrompt("12345", 1.5, 200, countWords));
        QVERIFY_THROWS_EXCEPTION(sft::Error, buildPasskeyPrompt("12345", -0.1, 200, countWords));
        QVERIFY_THROWS_EXCEPTION(sft::Error, buildPasskeyPrompt("12345", std::nan(""), 200, countWords));
        try {
            buildPasskeyPrompt("12345", 0.5, 10, countWords);
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromStdString(e.message()).contains(QStringLiteral("too short")), e.what());
        }
        // Exactly the shortest prompt fits.
        const std::int64_t minimum = countWords(passkeyPromptText("12345", 0.5, 0));
        QCOMPARE(buildPasskeyPrompt("12345", 0.5, minimum, countWords).sentences, std::int64_t(0));
    }

    void correctness()
    {
        QVERIFY(passkeyCorrect(" 48213", "48213"));
        QVERIFY(passkeyCorrect("48213", "48213"));
        QVERIFY(passkeyCorrect("it is 48213, I think", "48213"));
        QVERIFY(passkeyCorrect("The pass key is 48213.", "48213"));
        QVERIFY(!passkeyCorrect(" 4821", "48213"));
        QVERIFY(!passkeyCorrect("", "48213"));
        QVERIFY(!passkeyCorrect(" no number", "48213"));
        // The first number decides: a longer number that starts or ends with the key is another number.
        QVERIFY(!passkeyCorrect(" 482130", "48213"));
        QVERIFY(!passkeyCorrect(" 148213", "48213"));
        QVERIFY(!passkeyCorrect(" 17, not 48213", "48213"));
        QVERIFY(!passkeyCorrect("48213", ""));
    }

    void minimumTokens()
    {
        QCOMPARE(passkeyMinimumTokens("48213", countWords), countWords(passkeyPromptText("48213", 0.5, 0)));
        // A tokenizer that splits digits one by one: longer keys need more.
        const auto perDigit = [](const std::string &text) {
            return countWords(text) + std::int64_t(std::count_if(text.begin(), text.end(), [](char c) {
                       return c >= '0' && c <= '9';
                   }));
        };
        QCOMPARE(passkeyMinimumTokens("123456", perDigit), passkeyMinimumTokens("123", perDigit) + 6);
    }
};

QTEST_APPLESS_MAIN(TestContextWindows)
#include "test_context_windows.moc"
