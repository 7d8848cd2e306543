// Answer search on real models: the tiny demo model (written at test time)
// and small random Hugging Face-layout models (saved, weights scaled so the
// distributions are far from uniform, loaded back). The scorer's shared-prefix
// batched log-probabilities must equal log P(full text) - log P(prefix) from
// plain forward passes over each whole filled text (LanguageModel::score of
// the full token sequence), including BPE-boundary fallback cases;
// calibration must equal the hand computation from those reference
// probabilities; the ICL runner must be deterministic and its accuracies
// consistent with its per-example predictions.

#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "scoring/answer_scorer.h"
#include "scoring/icl_runner.h"
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sft;
using namespace sft::scoring;
using prompt::Verbalizer;
namespace fs = std::filesystem;

namespace {

constexpr double kTol = 1e-5;

std::string readAll(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/** Multiply every 2-D F32 tensor of a safetensors file by factor (in place). */
void scaleMatrices(const fs::path &file, float factor)
{
    std::string bytes = readAll(file);
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | std::uint8_t(bytes[std::size_t(i)]);
    const auto header = nlohmann::json::parse(bytes.substr(8, n));
    const std::size_t base = 8 + n;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__" || it.value()["dtype"] != "F32" || it.value()["shape"].size() != 2)
            continue;
        const std::size_t b = it.value()["data_offsets"][0], e = it.value()["data_offsets"][1];
        for (std::size_t off = base + b; off < base + e; off += 4) {
            float f;
            std::memcpy(&f, &bytes[off], 4);
            f *= factor;
            std::memcpy(&bytes[off], &f, 4);
        }
    }
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

Verbalizer english() { return Verbalizer({{"positive", {"great", "good"}}, {"negative", {"terrible", "bad movie"}}}); }
Verbalizer chinese() { return Verbalizer({{"正面", {"太好了", "好"}}, {"中立", {"一般"}}, {"负面", {"不好", "糟糕透了"}}}); }

struct Case
{
    const char *name;
    const char *templ;
    const char *input;
    bool cjk;
    std::map<std::string, std::string> fields;
};

const std::vector<Case> &cases()
{
    static const std::vector<Case> c = {
        {"en space before [Z]", "Review: [X] Overall, it was [Z].", "The plot was thin but the acting saved it.", false, {}},
        {"en colon", "Review: [X]\nSentiment:[Z]\n", "I would watch it again.", false, {}},
        {"en named slot", "Topic: [topic]\n[X] => [Z]", "Loud and far too long", false, {{"topic", "movies"}}},
        {"cjk", "[X] 我感到 [Z]。", "这部电影的剧情很精彩，演员也很用心", true, {}},
        {"cjk newline", "评论：[X]\n情感：[Z]", "服务一般，价格偏贵", true, {}},
    };
    return c;
}

} // namespace

class TestAnswerScorer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::vector<std::string> m_models; // folder names under m_tmp
    Tokenizer m_tokenizer;

    std::string dir(const std::string &name) const { return (fs::path(m_tmp.path().toStdString()) / name).string(); }

    std::vector<std::int64_t> encode(const std::string &text) const
    {
        const auto ids = m_tokenizer.encode(text, false);
        return {ids.begin(), ids.end()};
    }

    /** log P(prefix + answer + suffix) - log P(prefix), each from one plain forward over the whole text. */
    double reference(model::LanguageModel &lm, const std::string &prefix, const std::string &answer,
                     const std::string &suffix, std::int64_t *tokens = nullptr) const
    {
        const auto full = encode(prefix + answer + suffix), p = encode(prefix);
        if (full.empty() || p.empty() || full[0] != p[0])
            qFatal("reference needs a shared first token");
        auto logP = [&](const std::vector<std::int64_t> &ids) {
            return ids.size() < 2 ? 0.0 : lm.score({ids[0]}, {ids.begin() + 1, ids.end()}).sum;
        };
        if (tokens)
            *tokens = std::int64_t(full.size()) - std::int64_t(p.size());
        return logP(full) - logP(p);
    }

    /** Label probabilities by hand from reference answer log-probs (max aggregation). */
    std::vector<double> referenceProbs(model::LanguageModel &lm, const Verbalizer &v, const std::string &prefix,
                                       const std::string &suffix) const
    {
        std::vector<double> scores;
        for (const auto &l : v.labels()) {
            double best = -INFINITY;
            for (const auto &a : l.answers)
                best = std::max(best, reference(lm, prefix, a, suffix));
            scores.push_back(best);
        }
        double m = *std::max_element(scores.begin(), scores.end()), z = 0;
        for (double s : scores)
            z += std::exp(s - m);
        std::vector<double> probs;
        for (double s : scores)
            probs.push_back(std::exp(s - m) / z);
        return probs;
    }

    std::unique_ptr<model::LanguageModel> load(const std::string &name) const
    {
        return model::LanguageModel::load(dir(name), {"cpu", "fp32"});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        model::DemoModelOptions o;
        o.preset = "tiny";
        o.outDir = dir("tiny");
        const auto info = model::writeDemoModel(o);
        m_models.push_back("tiny");
        m_tokenizer = loadModelTokenizer(dir("tiny")).tokenizer;  // as the worker loads it

        // Small random models in the HF layout, sharing the demo tokenizer.
        for (const char *kind : {"llama-gqa", "qwen2-tied"}) {
            model::ModelConfig c;
            c.vocabSize = info.config.vocabSize;
            c.hiddenSize = 64;
            c.intermediateSize = 96;
            c.numLayers = 2;
            c.numHeads = 4;
            c.numKvHeads = 2;
            c.headDim = 16;
            c.maxPositions = 256;
            c.rmsNormEps = 1e-5;
            if (std::string(kind) == "qwen2-tied") {
                c.modelType = "qwen2";
                c.qkvBias = true;
                c.tieWordEmbeddings = true;
                c.numKvHeads = 1;
            }
            auto lm = model::LanguageModel::create(c, 11, {"cpu", "fp32"});
            lm->save(dir(kind));
            scaleMatrices(fs::path(dir(kind)) / "model.safetensors", 6.0f);
            fs::copy_file(fs::path(dir("tiny")) / "tokenizer.json", fs::path(dir(kind)) / "tokenizer.json");
            m_models.push_back(kind);
        }
    }

    void sharedPrefixMatchesFullForward_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("caseIndex");
        for (const std::string &m : m_models)
            for (std::size_t i = 0; i < cases().size(); ++i)
                QTest::newRow((m + ": " + cases()[i].name).c_str()) << QString::fromStdString(m) << int(i);
    }
    void sharedPrefixMatchesFullForward()
    {
        QFETCH(QString, model);
        QFETCH(int, caseIndex);
        const Case &c = cases()[std::size_t(caseIndex)];
        auto lm = load(model.toStdString());
        const Verbalizer v = c.cjk ? chinese() : english();
        const AnswerScorer scorer(*lm, m_tokenizer, v);
        QVERIFY(!scorer.addsBos());
        const auto t = prompt::Template::parse(c.templ);
        const InputScores s = scorer.score(t, c.input, c.fields);
        const auto f = t.fill(c.input, "", c.fields);
        QCOMPARE(s.answers.size(), v.answers().size());
        double spreadOfScores = 0;
        for (const AnswerScore &a : s.answers) {
            std::int64_t tokens = 0;
            const double ref = reference(*lm, f.prefix, a.answer, f.suffix, &tokens);
            QVERIFY2(std::abs(a.logprob - ref) < kTol,
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(QString::fromStdString(a.answer)).arg(a.logprob, 0, 'g', 10).arg(ref, 0, 'g', 10)));
            QCOMPARE(a.score, a.logprob);
            QCOMPARE(a.tokens, std::max<std::int64_t>(1, tokens));
            spreadOfScores = std::max(spreadOfScores, std::abs(a.logprob - s.answers[0].logprob));
        }
        QVERIFY(spreadOfScores > 1e-3); // the candidates really differ: the check above can fail
        const auto probs = referenceProbs(*lm, v, f.prefix, f.suffix);
        for (std::size_t l = 0; l < probs.size(); ++l)
            QVERIFY(std::abs(s.probs[l] - probs[l]) < kTol);
        QCOMPARE(s.predicted, int(std::max_element(probs.begin(), probs.end()) - probs.begin()));
    }

    void boundaryFallbackIsExercised()
    {
        // "was " alone ends in a lone space token; "was great" merges the space into " great".
        auto lm = load("tiny");
        const Verbalizer v = english();
        const AnswerScorer scorer(*lm, m_tokenizer, v);
        const auto p = encode("It was "), full = encode("It was great.");
        QVERIFY2(!std::equal(p.begin(), p.end(), full.begin()), "tokenizer merges differently than expected");
        const InputScores s = scorer.score("It was ", ".");
        bool anyFallback = false;
        for (const AnswerScore &a : s.answers) {
            anyFallback |= a.boundaryFallback;
            QVERIFY(std::abs(a.logprob - reference(*lm, "It was ", a.answer, ".")) < kTol);
        }
        QVERIFY(anyFallback);
        // An empty prefix without BOS cannot be scored.
        QVERIFY_THROWS_EXCEPTION(sft::Error, scorer.score("", " ok"));
    }

    void normalisationAndAggregation()
    {
        auto lm = load("llama-gqa");
        const Verbalizer v = english();
        ScoringOptions o;
        o.lengthNormalize = true;
        o.aggregation = prompt::LabelAggregation::SumProb;
        const AnswerScorer scorer(*lm, m_tokenizer, v, o);
        const InputScores s = scorer.score("Review: fine. Verdict:", "!");
        for (const AnswerScore &a : s.answers) {
            std::int64_t tokens = 0;
            const double ref = reference(*lm, "Review: fine. Verdict:", a.answer, "!", &tokens);
            QVERIFY(std::abs(a.score - ref / double(tokens)) < kTol);
        }
        // sumprob: log(exp(s1) + exp(s2)) over each label's answers.
        for (std::size_t l = 0; l < 2; ++l) {
            const double hand = std::log(std::exp(s.answers[2 * l].score) + std::exp(s.answers[2 * l + 1].score));
            QVERIFY(std::abs(s.labelScores[l] - hand) < 1e-12);
        }
    }

    void calibrationMatchesHand_data()
    {
        QTest::addColumn<QString>("model");
        for (const std::string &m : m_models)
            QTest::newRow(m.c_str()) << QString::fromStdString(m);
    }
    void calibrationMatchesHand()
    {
        QFETCH(QString, model);
        auto lm = load(model.toStdString());
        const Verbalizer v = chinese();
        const AnswerScorer scorer(*lm, m_tokenizer, v);
        const auto t = prompt::Template::parse("评论：[X]\n情感：[Z]");
        // p_cf by hand: mean of the label probabilities of "N/A", "" and "[MASK]".
        std::vector<double> prior(3, 0.0);
        for (const char *cf : {"N/A", "", "[MASK]"}) {
            const auto f = t.fill(cf, "");
            const auto p = referenceProbs(*lm, v, f.prefix, f.suffix);
            for (std::size_t i = 0; i < 3; ++i)
                prior[i] += p[i] / 3.0;
        }
        const prompt::ContextualCalibration cal = scorer.calibrate(t);
        for (std::size_t i = 0; i < 3; ++i) // relative: priors of ruled-out answers are ~1e-13
            QVERIFY(std::abs(cal.prior()[i] - prior[i]) <= kTol * prior[i]);
        const auto f = t.fill("菜很好吃，但是等了一个小时", "");
        const auto p = referenceProbs(*lm, v, f.prefix, f.suffix);
        std::vector<double> q(3);
        double z = 0;
        for (std::size_t i = 0; i < 3; ++i)
            z += q[i] = p[i] / prior[i];
        const auto got = cal.apply(scorer.score(t, "菜很好吃，但是等了一个小时").probs);
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY2(std::abs(got[i] - q[i] / z) < kTol,
                     qPrintable(QStringLiteral("label %1: %2 vs %3 (p %4, prior %5)").arg(i).arg(got[i], 0, 'g', 10)
                                    .arg(q[i] / z, 0, 'g', 10).arg(p[i], 0, 'g', 10).arg(prior[i], 0, 'g', 10)));
    }

    void iclRunner()
    {
        auto lm = load("qwen2-tied");
        const Verbalizer v = chinese();
        const AnswerScorer scorer(*lm, m_tokenizer, v);
        std::vector<Example> demos, tests;
        const char *texts[] = {"剧情紧凑，很好看", "一般般吧", "太难看了", "演员演技在线", "节奏拖沓", "还行"};
        const int golds[] = {0, 1, 2, 0, 2, 1};
        for (int i = 0; i < 6; ++i) {
            Example e;
            e.text = texts[i];
            e.gold = golds[i];
            (i < 4 ? demos : tests).push_back(e);
        }
        tests.push_back(demos[1]);
        IclOptions o;
        o.ks = {0, 1, 3};
        o.orders = 3;
        o.seed = 5;
        o.calibrate = true;
        std::vector<IclExampleResult> examples;
        std::vector<IclRunResult> runs;
        IclCallbacks cb;
        cb.onExample = [&](const IclExampleResult &r) { examples.push_back(r); };
        cb.onRun = [&](const IclRunResult &r) { runs.push_back(r); };
        const IclResult result = runIcl(scorer, demos, tests, o, cb);
        QCOMPARE(result.runs.size(), std::size_t(1 + 3 + 3));
        QCOMPARE(examples.size(), result.runs.size() * tests.size());
        QCOMPARE(result.perK.size(), std::size_t(3));
        // Accuracy of each run from its own per-example predictions.
        for (std::size_t r = 0; r < runs.size(); ++r) {
            int correct = 0;
            for (std::size_t t = 0; t < tests.size(); ++t) {
                const auto &e = examples[r * tests.size() + t];
                QCOMPARE(e.k, runs[r].k);
                QCOMPARE(e.demos.size(), runs[r].k);
                correct += e.predicted == tests[t].gold;
                // Same demos for every test example with random selection.
                QCOMPARE(e.demos, runs[r].demos);
            }
            QCOMPARE(*runs[r].metrics.accuracy, double(correct) / double(tests.size()));
            QVERIFY(runs[r].promptTokensMax > 0);
        }
        // Orders of one k are permutations of the same demos; the per-k spread covers its runs.
        auto sorted = [](std::vector<std::size_t> v) { std::sort(v.begin(), v.end()); return v; };
        QCOMPARE(sorted(runs[1].demos), sorted(runs[2].demos));
        QCOMPARE(sorted(runs[4].demos), sorted(runs[6].demos));
        QVERIFY(runs[4].demos != runs[5].demos || runs[4].demos != runs[6].demos);
        const auto &k3 = result.perK[2];
        QCOMPARE(k3.runs, std::size_t(3));
        QCOMPARE(k3.accuracy.min, std::min({*runs[4].metrics.accuracy, *runs[5].metrics.accuracy, *runs[6].metrics.accuracy}));
        // Deterministic: the same seed gives the same runs and probabilities.
        std::vector<IclExampleResult> again;
        cb.onExample = [&](const IclExampleResult &r) { again.push_back(r); };
        cb.onRun = {};
        runIcl(scorer, demos, tests, o, cb);
        QCOMPARE(again.size(), examples.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].demos, examples[i].demos);
            QCOMPARE(again[i].probs, examples[i].probs);
        }
        // The k-shot prompt is scored like answer search on the assembled text.
        const IclPromptBuilder b(o.format, v);
        const auto &e = examples[2];
        std::vector<const Example *> shown;
        for (std::size_t i : e.demos)
            shown.push_back(&demos[i]);
        const auto f = b.build(shown, tests[e.test]);
        const auto probs = referenceProbs(*lm, v, f.prefix, f.suffix);
        for (std::size_t l = 0; l < 3; ++l)
            QVERIFY(std::abs(e.scores.probs[l] - probs[l]) < kTol);
        // k larger than the demo pool is an error naming k.
        o.ks = {5};
        QVERIFY_THROWS_EXCEPTION(sft::Error, runIcl(scorer, demos, tests, o));
    }
};

QTEST_GUILESS_MAIN(TestAnswerScorer)
#include "test_answer_scorer.moc"
