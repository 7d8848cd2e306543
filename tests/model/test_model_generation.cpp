// Generation and sampling through the torch-free LanguageModel interface:
// greedy decoding against an argmax computed by scoring every token, seeded
// sampling, stop strings, streaming that never splits a UTF-8 character,
// eos, max-new-tokens, vocabulary limit, cancellation; the sampler's
// processors (transformers' repetition penalty rule, top-k, top-p,
// temperature); and the demo model written by init-model.

#include "core/error.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "model/sampler.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace sft::model;

namespace {

ModelConfig smallConfig()
{
    ModelConfig c;
    c.vocabSize = 30;
    c.hiddenSize = 32;
    c.intermediateSize = 64;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 8;
    return c;
}

/** Token t decodes to one letter, so text positions equal token positions. */
std::string letters(const std::vector<std::int64_t> &ids)
{
    std::string s;
    for (auto id : ids)
        s.push_back(static_cast<char>('a' + id % 26));
    return s;
}

} // namespace

class TestModelGeneration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void greedyMatchesArgmaxOfScores()
    {
        auto lm = LanguageModel::create(smallConfig(), 5);
        GenerationOptions o;
        o.maxNewTokens = 6;
        const std::vector<std::int64_t> prompt = {1, 2, 3};
        const GenerationResult r = lm->generate(prompt, o);
        QCOMPARE(r.finishReason, std::string("length"));
        QCOMPARE(r.tokens.size(), std::size_t(6));
        std::vector<std::vector<std::int64_t>> every;
        for (std::int64_t t = 0; t < 30; ++t)
            every.push_back({t});
        std::vector<std::int64_t> seq = prompt;
        for (auto tok : r.tokens) {
            const auto scores = lm->scoreMany(seq, every);
            std::int64_t best = 0;
            for (std::int64_t t = 1; t < 30; ++t)
                if (scores[static_cast<std::size_t>(t)].sum > scores[static_cast<std::size_t>(best)].sum)
                    best = t;
            QCOMPARE(tok, best);
            seq.push_back(tok);
        }
    }

    void seededSamplingIsReproducible()
    {
        auto lm = LanguageModel::create(smallConfig(), 6);
        GenerationOptions o;
        o.maxNewTokens = 12;
        o.sampling.temperature = 1.5;
        o.sampling.topK = 20;
        o.sampling.topP = 0.95;
        o.seed = 42;
        const auto a = lm->generate({4, 5}, o), b = lm->generate({4, 5}, o);
        QCOMPARE(a.tokens, b.tokens);
        bool differs = false;
        for (std::uint64_t s = 1; s <= 5 && !differs; ++s) {
            o.seed = s;
            differs = lm->generate({4, 5}, o).tokens != a.tokens;
        }
        QVERIFY(differs);
    }

    void stopStringsAndStreaming()
    {
        auto lm = LanguageModel::create(smallConfig(), 7);
        GenerationOptions o;
        o.maxNewTokens = 20;
        o.sampling.temperature = 1.0;
        o.seed = 3;
        o.decode = letters;
        const GenerationResult full = lm->generate({1}, o);
        QCOMPARE(full.text, letters(full.tokens));
        const std::string stop = full.text.substr(6, 3);
        const std::size_t first = full.text.find(stop);
        o.stop = {stop, "\x01never"};
        std::string streamed;
        o.onText = [&](const std::string &piece) {
            streamed += piece;
            return true;
        };
        const GenerationResult r = lm->generate({1}, o);
        QCOMPARE(r.finishReason, std::string("stop"));
        QCOMPARE(r.text, full.text.substr(0, first));
        QCOMPARE(streamed, r.text);
        QCOMPARE(r.tokens.size(), first + stop.size());
    }

    void streamingKeepsUtf8Whole()
    {
        auto lm = LanguageModel::create(smallConfig(), 8);
        GenerationOptions o;
        o.maxNewTokens = 16;
        // Every token is half of "é" (0xC3 0xA9): only whole pairs may be streamed.
        o.decode = [](const std::vector<std::int64_t> &ids) {
            std::string s;
            for (std::size_t i = 0; i < ids.size(); ++i)
                s += i % 2 ? "\xA9" : "\xC3";
            return s;
        };
        std::vector<std::string> pieces;
        o.onText = [&](const std::string &p) {
            pieces.push_back(p);
            return true;
        };
        lm->generate({2, 3}, o);
        QCOMPARE(pieces.size(), std::size_t(8));
        for (const auto &p : pieces)
            QCOMPARE(p, std::string("\xC3\xA9"));
    }

    void streamingHoldsByteFallbackReplacements()
    {
        // A byte-fallback decoder (Llama-2's <0xE4><0xBD><0xA0> for 你) shows one U+FFFD per byte
        // of a character not finished yet; none of them may be streamed before the character is whole.
        auto lm = LanguageModel::create(smallConfig(), 8);
        GenerationOptions o;
        o.maxNewTokens = 9;
        o.decode = [](const std::vector<std::int64_t> &ids) {
            std::string s;
            for (std::size_t i = 0; i < ids.size(); i += 3)
                s += ids.size() - i >= 3 ? std::string("\xE4\xBD\xA0")
                                         : ids.size() - i == 2 ? std::string("\xEF\xBF\xBD\xEF\xBF\xBD")
                                                               : std::string("\xEF\xBF\xBD");
            return s;
        };
        std::string streamed;
        o.onText = [&](const std::string &p) {
            streamed += p;
            return true;
        };
        lm->generate({2, 3}, o);
        QVERIFY2(streamed.find("\xEF\xBF\xBD") == std::string::npos, "a replacement character was streamed");
        QCOMPARE(streamed, std::string("\xE4\xBD\xA0\xE4\xBD\xA0\xE4\xBD\xA0"));
    }

    void eosLimitAndCancel()
    {
        auto lm = LanguageModel::create(smallConfig(), 9);
        GenerationOptions o;
        o.maxNewTokens = 5;
        const auto greedy = lm->generate({7, 8}, o);
        o.eosTokenIds = {greedy.tokens[0]};
        const auto r = lm->generate({7, 8}, o);
        QCOMPARE(r.finishReason, std::string("eos"));
        QVERIFY(r.tokens.empty());

        o.eosTokenIds = {-1};
        o.vocabLimit = 4;
        o.sampling.temperature = 2.0;
        o.maxNewTokens = 30;
        for (auto t : lm->generate({7, 8}, o).tokens)
            QVERIFY(t >= 0 && t < 4);

        o.decode = letters;
        int calls = 0;
        o.onText = [&](const std::string &) { return ++calls < 2; };
        const auto c = lm->generate({7, 8}, o);
        QCOMPARE(c.finishReason, std::string("cancelled"));
        QCOMPARE(calls, 2);
        QVERIFY_THROWS_EXCEPTION(sft::Error, lm->generate({}, o));
    }

    void repetitionPenaltyAsTransformers()
    {
        // transformers: score < 0 ? score * penalty : score / penalty, for every id in the sequence once.
        Sampler s({0.0, 0, 1.0, 2.0}, 0);
        std::vector<float> logits = {2.0f, -2.0f, 1.5f, 0.5f};
        const auto next = s.next(logits, {0, 1, 1});
        QCOMPARE(logits, (std::vector<float>{1.0f, -4.0f, 1.5f, 0.5f}));
        QCOMPARE(next, std::int64_t(2));
    }

    void topKTopPAndTemperature()
    {
        const std::vector<float> base = {0.0f, 3.0f, 1.0f, 2.9f};
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            std::vector<float> l = base;
            QCOMPARE(Sampler({1.0, 1, 1.0, 1.0}, seed).next(l, {}), std::int64_t(1)); // top-k 1
            l = base;
            QCOMPARE(Sampler({1.0, 0, 0.3, 1.0}, seed).next(l, {}), std::int64_t(1)); // top-p below the top mass
            l = base;
            const auto two = Sampler({1.0, 2, 1.0, 1.0}, seed).next(l, {});
            QVERIFY(two == 1 || two == 3);
        }
        // Sampling frequencies follow softmax(logits / T).
        Sampler s({2.0, 0, 1.0, 1.0}, 123);
        std::vector<int> counts(4);
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            std::vector<float> l = base;
            ++counts[static_cast<std::size_t>(s.next(l, {}))];
        }
        double z = 0;
        for (float v : base)
            z += std::exp(v / 2.0);
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY2(std::abs(counts[i] / double(n) - std::exp(base[i] / 2.0) / z) < 0.015, qPrintable(QString::number(i)));
        QVERIFY_THROWS_EXCEPTION(sft::Error, Sampler({1.0, 0, 0.0, 1.0}, 0));
    }

    void demoModel()
    {
        QVERIFY(embeddedDemoCorpus().size() > 100);
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        DemoModelOptions o;
        o.outDir = dir;
        o.seed = 1;
        const DemoModelInfo info = writeDemoModel(o);
        for (const char *f : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                              "generation_config.json"})
            QVERIFY2(QFile::exists(tmp.filePath(QString::fromLatin1(f))), f);
        const sft::Tokenizer tok = sft::Tokenizer::fromFile(dir + "/tokenizer.json");
        QCOMPARE(static_cast<std::int64_t>(tok.vocabSize()), info.config.vocabSize);
        QVERIFY(tok.tokenToId("<|im_start|>") >= 0);
        std::ifstream tc(dir + "/tokenizer_config.json");
        const auto j = nlohmann::json::parse(tc);
        QVERIFY(j["chat_template"].get<std::string>().find("<|im_start|>") != std::string::npos);
        QCOMPARE(j["eos_token"].get<std::string>(), std::string("<|im_end|>"));

        auto lm = LanguageModel::load(dir);
        QCOMPARE(lm->config().numLayers, std::int64_t(4));
        QCOMPARE(lm->config().hiddenSize, std::int64_t(128));
        const auto ids = tok.encode("Give three tips for keeping a houseplant alive.");
        GenerationOptions g;
        g.maxNewTokens = 8;
        g.eosTokenIds = {-1};
        g.decode = [&](const std::vector<std::int64_t> &v) {
            return tok.decode(std::vector<std::int32_t>(v.begin(), v.end()));
        };
        const auto r = lm->generate({ids.begin(), ids.end()}, g);
        QCOMPARE(r.tokens.size(), std::size_t(8));
        // Same seed, same weights.
        QTemporaryDir tmp2;
        o.outDir = tmp2.path().toStdString();
        writeDemoModel(o);
        QFile a(tmp.filePath(QStringLiteral("model.safetensors"))), b(tmp2.filePath(QStringLiteral("model.safetensors")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
        o.preset = "huge";
        QVERIFY_THROWS_EXCEPTION(sft::Error, writeDemoModel(o));
    }
};

QTEST_GUILESS_MAIN(TestModelGeneration)
#include "test_model_generation.moc"
