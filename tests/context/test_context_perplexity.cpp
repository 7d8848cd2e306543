// measurePerplexity on a tiny random model against an independent
// computation: Hugging Face's loop (windows every stride tokens, the last one
// cut at the end of the text), one plain forward of each window through the
// torch module, log_softmax, the targets' log-probabilities gathered in
// torch, the tokens to score chosen by the rule "not scored by an earlier
// window" (so strided evaluation is checked against its definition, not
// against the plan); perplexity = exp(mean NLL), the per-position curve, BOS
// windows, ALiBi; LanguageModel::scoreWindow in chunks against score();
// stopping before any window, cancellation and errors.

#include "context/perplexity.h"
#include "core/error.h"
#include "core/progress.h"
#include "model/causal_lm.h"
#include "model/language_model.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace sft;
using namespace sft::context;

namespace {

model::ModelConfig tinyConfig(bool alibi)
{
    model::ModelConfig c;
    c.vocabSize = 61;
    c.hiddenSize = 32;
    c.intermediateSize = 48;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 8;
    c.rmsNormEps = 1e-5;
    c.ropeTheta = 100.0;
    c.maxPositions = 16;   // the windows below go past it: that must work
    if (alibi)
        c.positionEncoding = model::PositionEncoding::Alibi;
    return c;
}

model::LoadOptions cpuFp32()
{
    model::LoadOptions o;
    o.device = "cpu";
    o.dtype = "fp32";
    return o;
}

std::vector<std::int64_t> randomText(int n, unsigned seed, std::int64_t vocab)
{
    std::mt19937 rng(seed);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < n; ++i)
        ids.push_back(static_cast<std::int64_t>(rng() % static_cast<unsigned>(vocab - 1)) + 1);   // 0 is "BOS"
    return ids;
}

/** What the independent computation found. */
struct Reference
{
    double nll = 0;
    std::int64_t tokens = 0;
    std::int64_t windows = 0;
    std::map<std::int64_t, std::pair<double, std::int64_t>> byPosition;   // position -> (sum, count)
};

/**
 * Windows of `length` starting every `step` text tokens, each ending at min(begin + content,
 * text), until one reaches the end of the text (Hugging Face's loop), at most maxWindows of
 * those that score something, each scoring the tokens no earlier window scored, through a
 * plain forward of the module.
 */
Reference reference(model::LanguageModel &lm, const std::vector<std::int64_t> &text, std::int64_t length,
                    std::int64_t step, std::int64_t bos, std::int64_t maxWindows = 0)
{
    torch::NoGradGuard noGrad;
    auto module = lm.module();
    const std::int64_t offset = bos >= 0 ? 1 : 0, content = length - offset;
    const auto size = static_cast<std::int64_t>(text.size());
    std::set<std::int64_t> done;   // text indices already scored
    Reference r;
    double sum = 0;
    std::int64_t windows = 0;
    for (std::int64_t begin = 0;; begin += step) {
        if (maxWindows > 0 && windows == maxWindows)
            break;
        const std::int64_t end = std::min(begin + content, size);
        std::vector<std::int64_t> ids(text.begin() + begin, text.begin() + end);
        if (bos >= 0)
            ids.insert(ids.begin(), bos);
        const auto n = static_cast<std::int64_t>(ids.size());
        const torch::Tensor input = torch::tensor(ids, torch::kInt64).view({1, -1});
        const torch::Tensor logp = torch::log_softmax(module->forward(input).to(torch::kFloat64), -1)[0];
        bool any = false;
        for (std::int64_t p = 1; p < n; ++p) {
            const std::int64_t t = begin + p - offset;   // the text index predicted at window index p
            if (!done.insert(t).second)
                continue;
            any = true;
            const double nll = -logp[p - 1][ids[static_cast<std::size_t>(p)]].item<double>();
            sum += nll;
            ++r.tokens;
            r.byPosition[p].first += nll;
            ++r.byPosition[p].second;
        }
        windows += any ? 1 : 0;
        if (end == size)
            break;
    }
    r.windows = windows;
    r.nll = sum / static_cast<double>(r.tokens);
    return r;
}

void compare(const PerplexityResult &got, const Reference &want, std::int64_t length)
{
    QCOMPARE(got.tokens, want.tokens);
    QCOMPARE(got.windows, want.windows);
    QVERIFY2(std::abs(got.nll - want.nll) < 1e-5, qPrintable(QStringLiteral("nll %1 vs %2").arg(got.nll).arg(want.nll)));
    QVERIFY(std::abs(got.perplexity - std::exp(want.nll)) < 1e-4 * got.perplexity);
    QCOMPARE(got.positionBucket, std::int64_t(1));   // every length below 513
    QCOMPARE(std::int64_t(got.positionLoss.size()), length);
    QCOMPARE(std::int64_t(got.positionCount.size()), length);
    for (std::int64_t p = 0; p < length; ++p) {
        const auto it = want.byPosition.find(p);
        if (it == want.byPosition.end()) {
            QCOMPARE(got.positionCount[static_cast<std::size_t>(p)], std::int64_t(0));
            QVERIFY(std::isnan(got.positionLoss[static_cast<std::size_t>(p)]));
            continue;
        }
        QCOMPARE(got.positionCount[static_cast<std::size_t>(p)], it->second.second);
        const double mean = it->second.first / static_cast<double>(it->second.second);
        QVERIFY2(std::abs(got.positionLoss[static_cast<std::size_t>(p)] - mean) < 1e-5,
                 qPrintable(QStringLiteral("position %1: %2 vs %3").arg(p).arg(got.positionLoss[p]).arg(mean)));
    }
}

} // namespace

class TestContextPerplexity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void againstPlainForward_data()
    {
        QTest::addColumn<bool>("alibi");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("stride");   // 0: non-overlapping
        QTest::addColumn<bool>("bos");
        QTest::addColumn<int>("maxWindows");
        QTest::newRow("rope tiles") << false << 24 << 0 << false << 0;
        QTest::newRow("rope strided") << false << 24 << 8 << false << 0;
        QTest::newRow("rope stride 1") << false << 12 << 1 << false << 0;
        QTest::newRow("rope bos tiles") << false << 20 << 0 << true << 0;
        QTest::newRow("rope bos strided") << false << 20 << 5 << true << 0;
        QTest::newRow("rope max windows") << false << 16 << 4 << false << 3;
        QTest::newRow("alibi tiles") << true << 24 << 0 << false << 0;
        QTest::newRow("alibi strided") << true << 32 << 6 << false << 0;
    }

    void againstPlainForward()
    {
        QFETCH(bool, alibi);
        QFETCH(int, length);
        QFETCH(int, stride);
        QFETCH(bool, bos);
        QFETCH(int, maxWindows);
        auto lm = model::LanguageModel::create(tinyConfig(alibi), 11, cpuFp32());
        const auto text = randomText(150, 5, lm->config().vocabSize);
        PerplexityOptions o;
        o.length = length;
        o.stride = stride;
        o.addBos = bos;
        o.bosId = bos ? 0 : -1;
        o.maxWindows = maxWindows;
        std::vector<std::pair<std::int64_t, std::int64_t>> calls;
        const PerplexityResult r = measurePerplexity(*lm, text, o, [&](std::int64_t done, std::int64_t total) {
            calls.emplace_back(done, total);
            return true;
        });
        const std::int64_t content = bos ? length - 1 : length;
        const std::int64_t step = stride == 0 ? content : std::min<std::int64_t>(stride, content);
        compare(r, reference(*lm, text, length, step, bos ? 0 : -1, maxWindows), length);
        // One progress call per window, counting up.
        QCOMPARE(std::int64_t(calls.size()), r.windows);
        for (std::size_t i = 0; i < calls.size(); ++i)
            QCOMPARE(calls[i], std::make_pair(std::int64_t(i + 1), r.windows));
        QCOMPARE(r.length, std::int64_t(length));
        if (maxWindows > 0)
            QCOMPARE(r.windows, std::int64_t(maxWindows));
        QVERIFY(r.seconds >= 0);
    }

    // Strided evaluation scores each token once: with stride 1 over a text exactly a few windows
    // long, every token but the first is scored, the same count as one window over the whole text.
    void stridedCountsEachTokenOnce()
    {
        auto lm = model::LanguageModel::create(tinyConfig(false), 3, cpuFp32());
        const auto text = randomText(40, 9, lm->config().vocabSize);
        PerplexityOptions o;
        o.length = 10;
        o.stride = 3;
        const PerplexityResult strided = measurePerplexity(*lm, text, o);
        QCOMPARE(strided.windows, std::int64_t(11));          // starts 0, 3, ..., 30
        QCOMPARE(strided.tokens, std::int64_t(39));           // text indices 1..39
        o.stride = 0;
        o.length = 40;
        const PerplexityResult whole = measurePerplexity(*lm, text, o);
        QCOMPARE(whole.tokens, std::int64_t(39));
        // A window whose length equals its stride is the non-overlapping evaluation.
        o.length = 10;
        o.stride = 10;
        const PerplexityResult tiled = measurePerplexity(*lm, text, o);
        o.stride = 0;
        QCOMPARE(measurePerplexity(*lm, text, o).nll, tiled.nll);
        QCOMPARE(tiled.tokens, std::int64_t(36));
    }

    // scoreWindow equals score() of the same split, whatever the chunking of its rows (chunks of
    // 1, of 7 with a short last one, one chunk for all), in fp32 and bf16.
    void scoreWindowMatchesScore_data()
    {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<bool>("alibi");
        QTest::newRow("fp32 rope") << QStringLiteral("fp32") << false;
        QTest::newRow("fp32 alibi") << QStringLiteral("fp32") << true;
        QTest::newRow("bf16 rope") << QStringLiteral("bf16") << false;
    }

    void scoreWindowMatchesScore()
    {
        QFETCH(QString, dtype);
        QFETCH(bool, alibi);
        model::LoadOptions o("cpu", dtype.toStdString());
        auto lm = model::LanguageModel::create(tinyConfig(alibi), 4, o);
        const auto ids = randomText(40, 2, lm->config().vocabSize);
        for (std::int64_t from : {1, 5, 39}) {
            const model::ContinuationScore want =
                lm->score(std::vector<std::int64_t>(ids.begin(), ids.begin() + from),
                          std::vector<std::int64_t>(ids.begin() + from, ids.end()));
            for (std::int64_t chunk : {0, 1, 7, 100}) {
                const model::ContinuationScore got = lm->scoreWindow(ids, from, chunk);
                QCOMPARE(got.tokenLogprobs.size(), want.tokenLogprobs.size());
                const double tolerance = dtype == QLatin1String("fp32") ? 1e-5 : 1e-2;
                for (std::size_t i = 0; i < got.tokenLogprobs.size(); ++i)
                    QVERIFY2(std::abs(got.tokenLogprobs[i] - want.tokenLogprobs[i]) < tolerance,
                             qPrintable(QStringLiteral("from %1, chunk %2, token %3: %4 vs %5")
                                            .arg(from).arg(chunk).arg(i)
                                            .arg(got.tokenLogprobs[i]).arg(want.tokenLogprobs[i])));
                QVERIFY(std::abs(got.sum - want.sum) < tolerance * double(got.tokenLogprobs.size()));
            }
        }
        QVERIFY(lm->scoreWindow(ids, 40).tokenLogprobs.empty());   // nothing after the last token
        QVERIFY_THROWS_EXCEPTION(Error, lm->scoreWindow(ids, 0));
        QVERIFY_THROWS_EXCEPTION(Error, lm->scoreWindow(ids, 41));
        auto bad = ids;
        bad[2] = lm->config().vocabSize;
        QVERIFY_THROWS_EXCEPTION(Error, lm->scoreWindow(bad, 5));
    }

    // A stop requested before the measurement (e.g. while the model loaded) runs no window; one
    // requested during the second window ends it before the third.
    void stopBeforeWindows()
    {
        auto lm = model::LanguageModel::create(tinyConfig(false), 3, cpuFp32());
        const auto text = randomText(100, 1, lm->config().vocabSize);
        PerplexityOptions o;
        o.length = 10;
        int asked = 0, windows = 0;
        o.shouldStop = [&] {
            ++asked;
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, measurePerplexity(*lm, text, o, [&](std::int64_t, std::int64_t) {
            ++windows;
            return true;
        }));
        QCOMPARE(asked, 1);
        QCOMPARE(windows, 0);
        o.shouldStop = [&] { return windows >= 2; };
        QVERIFY_THROWS_EXCEPTION(Cancelled, measurePerplexity(*lm, text, o, [&](std::int64_t done, std::int64_t) {
            windows = int(done);
            return true;
        }));
        QCOMPARE(windows, 2);
    }

    void cancel()
    {
        auto lm = model::LanguageModel::create(tinyConfig(false), 3, cpuFp32());
        const auto text = randomText(100, 1, lm->config().vocabSize);
        PerplexityOptions o;
        o.length = 10;
        std::int64_t seen = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, measurePerplexity(*lm, text, o, [&](std::int64_t done, std::int64_t) {
            seen = done;
            return done < 2;
        }));
        QCOMPARE(seen, std::int64_t(2));   // stopped after the second window
    }

    void errors()
    {
        auto lm = model::LanguageModel::create(tinyConfig(false), 3, cpuFp32());
        auto text = randomText(30, 1, lm->config().vocabSize);
        PerplexityOptions o;
        o.length = 31;
        QVERIFY_THROWS_EXCEPTION(Error, measurePerplexity(*lm, text, o));     // longer than the text
        o.length = 10;
        o.addBos = true;                                                      // no BOS id
        QVERIFY_THROWS_EXCEPTION(Error, measurePerplexity(*lm, text, o));
        o.addBos = false;
        text[3] = lm->config().vocabSize;                                     // outside the vocabulary
        QVERIFY_THROWS_EXCEPTION(Error, measurePerplexity(*lm, text, o));
        text[3] = 1;
        o.addBos = true;
        o.bosId = lm->config().vocabSize;                                     // a BOS the model does not have
        QVERIFY_THROWS_EXCEPTION(Error, measurePerplexity(*lm, text, o));
        o.bosId = 0;
        QCOMPARE(measurePerplexity(*lm, text, o).windows, std::int64_t(4));  // 3 × 9 text tokens and a rest of 3
    }
};

QTEST_APPLESS_MAIN(TestContextPerplexity)
#include "test_context_perplexity.moc"
