// The torch-free side of a run: config.json parsing (defaults, round trip,
// every bad value refused with its key), the prompt/response split and its
// token mask, truncation and dropping, and the step plan (epochs, packing,
// gradient accumulation, a seeded order that changes per epoch).

#include <QtTest>

#include "core/error.h"
#include "finetune/plan.h"
#include "finetune/sft_dataset.h"
#include "finetune/train_config.h"
#include "tokenizer/bpe_trainer.h"

#include <nlohmann/json.hpp>

#include <set>

using namespace sft;
using namespace sft::finetune;
using nlohmann::json;

namespace {

Tokenizer tinyTokenizer()
{
    static const std::string json = trainByteLevelBpe(
        {"Below is an instruction that describes a task.", "### Instruction:\n### Response:\n", "hello world"}, 300,
        {"<|endoftext|>", "<|im_start|>", "<|im_end|>"});
    Tokenizer t = Tokenizer::fromJson(json);
    t.setBosEos("", "<|im_end|>");
    return t;
}

Record record(const std::string &instruction, const std::string &input, const std::string &output)
{
    Record r;
    r.instruction = instruction;
    r.input = input;
    r.output = output;
    return r;
}

std::string fieldOf(const json &j)
{
    try {
        TrainConfig::fromJson(j, "config.json");
    } catch (const Error &e) {
        return e.where().field;
    }
    return "(accepted)";
}

} // namespace

class TestTrainPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void configRoundTripAndDefaults()
    {
        TrainConfig c = TrainConfig::fromJson({{"base_model", "m"}, {"train_data", "d.jsonl"}});
        QCOMPARE(c.method, Method::Lora);
        QCOMPARE(c.lora.rank, 8);
        QCOMPARE(c.lora.targetModules, (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(c.schedule, std::string("cosine"));
        c.method = Method::Prefix;
        c.prefix.numVirtualTokens = 7;
        c.lora.init = LoraInit::KaimingUniform;
        c.learningRate = 3e-5;
        c.seed = 1234567890123ull;
        const TrainConfig back = TrainConfig::fromJson(c.toJson());
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.seed, 1234567890123ull);
        QCOMPARE(back.lora.init, LoraInit::KaimingUniform);
    }

    void configErrorsNameTheKey()
    {
        const json ok = {{"base_model", "m"}, {"train_data", "d"}};
        auto with = [&](const json &patch) { json j = ok; j.merge_patch(patch); return j; };
        QCOMPARE(fieldOf(ok), std::string("(accepted)"));
        QCOMPARE(fieldOf({{"train_data", "d"}}), std::string("base_model"));
        QCOMPARE(fieldOf(with({{"lora", {{"rank", 8}}}})), std::string("lora.rank")); // a typo of "r" is not ignored
        QCOMPARE(fieldOf(with({{"learning_rat", 1e-4}})), std::string("learning_rat"));
        QCOMPARE(fieldOf(with({{"learning_rate", "0.001"}})), std::string("learning_rate"));
        QCOMPARE(fieldOf(with({{"learning_rate", -1}})), std::string("learning_rate"));
        QCOMPARE(fieldOf(with({{"method", "qlora"}})), std::string("method"));
        QCOMPARE(fieldOf(with({{"lora", {{"target_modules", {"q_proj", "qkv"}}}}})), std::string("lora.target_modules"));
        QCOMPARE(fieldOf(with({{"batch_size", 2.5}})), std::string("batch_size"));
        QCOMPARE(fieldOf(with({{"batch_size", 0}})), std::string("batch_size"));
        QCOMPARE(fieldOf(with({{"rope_factor", 0.5}})), std::string("rope_factor"));
        QCOMPARE(fieldOf(with({{"eval_fraction", 1.0}})), std::string("eval_fraction"));
        QCOMPARE(fieldOf(with({{"precision", "fp8"}})), std::string("precision"));
        QCOMPARE(fieldOf(with({{"prompt_format", "vicuna"}})), std::string("prompt_format"));
        QCOMPARE(fieldOf(with({{"min_learning_rate", 1.0}})), std::string("min_learning_rate"));
        QCOMPARE(fieldOf(with({{"seed", -1}})), std::string("seed"));
        QCOMPARE(fieldOf(with({{"adapter", {{"after_attention", false}, {"after_mlp", false}}}})),
                 std::string("adapter.after_attention"));
        QCOMPARE(fieldOf(json::array()), std::string(""));
        QCOMPARE(c_warmup(0.1, -1, 95), std::int64_t(10));
        QCOMPARE(c_warmup(0.1, 7, 95), std::int64_t(7));
    }

    void promptMaskTruncationAndDropping()
    {
        const Tokenizer tok = tinyTokenizer();
        const PromptFormatter alpaca("alpaca", "");
        const Record r = record("Say hello.", "", "hello world");
        const auto split = alpaca.render(r);
        QVERIFY(split.prompt.find("### Instruction:\nSay hello.") != std::string::npos);
        QVERIFY(split.prompt.size() > 0 && split.prompt.substr(split.prompt.size() - 14) == "### Response:\n");
        QCOMPARE(split.response, std::string("hello world"));
        const auto prompt = tok.encode(split.prompt, true), response = tok.encode(split.response, false);

        EncodeStats stats;
        auto ex = encodeExamples({r}, tok, alpaca, 4096, stats);
        QCOMPARE(ex.size(), std::size_t(1));
        QCOMPARE(std::size_t(ex[0].promptLength), prompt.size());
        QCOMPARE(ex[0].ids.size(), prompt.size() + response.size() + 1);   // + eos
        QCOMPARE(ex[0].ids.back(), tok.eosId());
        QCOMPARE(stats.responseTokens, std::int64_t(response.size() + 1));
        QVERIFY(!ex[0].truncated);

        // Learning the prompt too: every token after the first is a target.
        EncodeStats sp;
        const auto withPrompt = encodeExamples({r}, tok, alpaca, 4096, sp, true);
        QCOMPARE(withPrompt[0].promptLength, 0);
        QCOMPARE(withPrompt[0].ids, ex[0].ids);
        QCOMPARE(sp.responseTokens, std::int64_t(ex[0].ids.size()));

        // Room for two response tokens: cut and counted; no room at all: dropped and counted.
        EncodeStats s2;
        ex = encodeExamples({r, r}, tok, alpaca, std::int64_t(prompt.size()) + 2, s2);
        QCOMPARE(ex.size(), std::size_t(2));
        QCOMPARE(s2.truncated, std::int64_t(2));
        QCOMPARE(ex[0].ids.size(), prompt.size() + 2);
        EncodeStats s3;
        ex = encodeExamples({r}, tok, alpaca, std::int64_t(prompt.size()), s3);
        QCOMPARE(ex.size(), std::size_t(0));
        QCOMPARE(s3.dropped, std::int64_t(1));

        // ChatML puts the input after the instruction in the user turn; the response ends with <|im_end|>.
        const PromptFormatter chatml("chatml", "");
        const auto c = chatml.render(record("Translate.", "Bonjour", "Hello"));
        QCOMPARE(c.prompt, std::string("<|im_start|>user\nTranslate.\n\nBonjour<|im_end|>\n<|im_start|>assistant\n"));
        QCOMPARE(c.response, std::string("Hello<|im_end|>\n"));
        QVERIFY(!chatml.appendsEos());
        // Plain text: everything is response (continued pre-training).
        const PromptFormatter text("text", "");
        const auto t = text.render(record("A", "B", "C"));
        QCOMPARE(t.prompt, std::string());
        QCOMPARE(t.response, std::string("A\n\nB\n\nC"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, PromptFormatter("vicuna", ""));
    }

    void stepPlan()
    {
        std::vector<SftExample> ex;
        for (int i = 0; i < 10; ++i) {
            SftExample e;
            e.ids.assign(std::size_t(10 + i), 1);
            e.promptLength = 3;
            ex.push_back(e);
        }
        BatchPlanOptions o;
        o.epochs = 3;
        o.batchSize = 2;
        o.gradAccumulation = 2;
        o.seed = 7;
        auto steps = planSteps(ex, o);
        QCOMPARE(steps.size(), std::size_t(9));            // ceil(10 rows / 4) = 3 per epoch
        QCOMPARE(steps[2].microBatches.size(), std::size_t(1)); // the epoch's last step holds the 2 rows left
        QCOMPARE(steps[3].epoch, 1);
        std::vector<std::int32_t> e0, e1;
        for (int s = 0; s < 6; ++s)
            for (const auto &mb : steps[std::size_t(s)].microBatches)
                for (const auto &row : mb)
                    (s < 3 ? e0 : e1).push_back(row.examples[0]);
        QCOMPARE(std::set<std::int32_t>(e0.begin(), e0.end()).size(), std::size_t(10)); // each example once per epoch
        QVERIFY(e0 != e1);                                  // reshuffled per epoch
        QCOMPARE(planSteps(ex, o).size(), steps.size());
        QCOMPARE(planSteps(ex, o)[4].microBatches[0][0].examples, steps[4].microBatches[0][0].examples); // seeded
        o.maxSteps = 4;
        QCOMPARE(planSteps(ex, o).size(), std::size_t(4));
        o.maxSteps = 20;                                    // more steps than epochs give: further epochs
        QCOMPARE(planSteps(ex, o).size(), std::size_t(20));
        // Packing: rows never exceed max_length and hold every example once.
        o.maxSteps = 0;
        o.epochs = 1;
        o.packing = true;
        o.maxLength = 40;
        std::size_t examples = 0;
        for (const auto &s : planSteps(ex, o))
            for (const auto &mb : s.microBatches)
                for (const auto &row : mb) {
                    QVERIFY(row.length <= 40);
                    examples += row.examples.size();
                }
        QCOMPARE(examples, std::size_t(10));
        QVERIFY_THROWS_EXCEPTION(sft::Error, planSteps({}, o));
        QCOMPARE(shuffledOrder(5, 1), shuffledOrder(5, 1));
        QVERIFY(shuffledOrder(50, 1) != shuffledOrder(50, 2));
    }

    void memoryEstimateOrders()
    {
        model::ModelConfig m;
        m.vocabSize = 32000;
        m.hiddenSize = 768;
        m.intermediateSize = 2048;
        m.numLayers = 12;
        m.numHeads = 12;
        m.numKvHeads = 12;
        m.headDim = 64;
        TrainConfig c;
        c.maxLength = 256;
        const auto lora = estimateMemory(m, c);
        c.method = Method::Full;
        const auto full = estimateMemory(m, c);
        QCOMPARE(full.optimizer, 8 * m.parameterCount());
        QVERIFY(lora.optimizer < full.optimizer / 100);
        c.gradientCheckpointing = true;
        QVERIFY(estimateMemory(m, c).activations < full.activations / 2);
    }

private:
    static std::int64_t c_warmup(double ratio, std::int64_t steps, std::int64_t total)
    {
        TrainConfig c;
        c.warmupRatio = ratio;
        c.warmupSteps = steps;
        return c.resolvedWarmupSteps(total);
    }
};

QTEST_GUILESS_MAIN(TestTrainPlan)
#include "test_train_plan.moc"
