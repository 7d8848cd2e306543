// Benchmark of answer search's cost: one forward pass over a prompt of
// --prompt tokens (the cost any scoring needs) vs scoring --candidates
// continuations of --answer-tokens tokens each after that prompt with
// LanguageModel::scoreMany (what AnswerScorer calls: the shared prefix runs
// once). Goal: 5 candidates cost at most 1.5x the prompt's forward pass.
// Random weights of a demo preset (or a model folder), random token ids.
// Prints one JSON line.
//
//   bench_scoring --preset tiny|small100m [--model DIR] [--prompt 256] [--candidates 5]
//                 [--answer-tokens 3] [--iters 5] [--device cpu] [--dtype fp32] [--all-threads] [--skip-naive]

#include "core/args.h"
#include "core/error.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "scoring/demo_selection.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>

using namespace sft;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double seconds(const std::function<void()> &f)
{
    const double t0 = now();
    f();
    return now() - t0;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        ArgParser p("bench_scoring");
        p.option("preset", "tiny or small100m", "tiny")
            .option("model", "model folder instead of a preset")
            .option("prompt", "prompt tokens", "256")
            .option("candidates", "answers |Z|", "5")
            .option("answer-tokens", "tokens per answer (answer + suffix)", "3")
            .option("iters", "timed iterations (median)", "5")
            .option("device", "cpu, cuda, auto", "cpu")
            .option("dtype", "fp32, bf16, fp16, auto", "fp32")
            .flag("all-threads", "LibTorch intra-op threads = all cores (default: LibTorch's default)")
            .flag("skip-naive", "skip the per-candidate full forward baseline");
        p.parse(std::vector<std::string>(argv + 1, argv + argc));
        if (p.helpRequested()) {
            std::cout << p.usage();
            return 0;
        }
        if (p.isSet("all-threads"))
            model::LanguageModel::initThreads();
        const model::LoadOptions lo{p.value("device"), p.value("dtype")};
        auto lm = p.has("model") ? model::LanguageModel::load(p.value("model"), lo)
                                 : model::LanguageModel::create(model::presetConfig(p.value("preset")), 1, lo);
        const auto vocab = lm->config().vocabSize;
        scoring::SplitMix64 rng(7);
        auto ids = [&](long long n) {
            std::vector<std::int64_t> v;
            for (long long i = 0; i < n; ++i)
                v.push_back(std::int64_t(rng.below(std::size_t(vocab))));
            return v;
        };
        const auto prompt = ids(p.integer("prompt"));
        std::vector<std::vector<std::int64_t>> candidates;
        for (long long i = 0; i < p.integer("candidates"); ++i)
            candidates.push_back(ids(p.integer("answer-tokens")));
        const int iters = int(p.integer("iters"));

        // The measurements run interleaved, iteration by iteration, and the ratios are medians of
        // per-iteration ratios, so load changes on a shared machine hit both sides alike.
        const std::vector<std::int64_t> head(prompt.begin(), prompt.end() - 1), rest(prompt.begin() + 1, prompt.end());
        // One forward over the prompt: hidden states of every position, logits of the last one.
        auto forward = [&] { lm->scoreMany(head, {{prompt.back()}}); };
        // The same forward with logits at every position (a plain full-text scoring pass).
        auto forwardAllLogits = [&] { lm->score({prompt.front()}, rest); };
        auto scoring = [&] { lm->scoreMany(prompt, candidates); };
        // Without the shared prefix: each candidate's full text scored by its own forward pass.
        auto naive = [&] {
            for (const auto &c : candidates) {
                std::vector<std::int64_t> full = rest;
                full.insert(full.end(), c.begin(), c.end());
                lm->score({prompt.front()}, full);
            }
        };
        forward();
        scoring();
        std::vector<double> tf, ta, ts, tn, ratio, ratioNaive;
        for (int i = 0; i < iters; ++i) {
            tf.push_back(seconds(forward));
            ts.push_back(seconds(scoring));
            ta.push_back(seconds(forwardAllLogits));
            if (!p.isSet("skip-naive"))
                tn.push_back(seconds(naive));
            ratio.push_back(ts.back() / tf.back());
            if (!tn.empty())
                ratioNaive.push_back(tn.back() / tf.back());
        }
        nlohmann::json j = {{"model", p.has("model") ? p.value("model") : p.value("preset")},
                            {"device", lm->device()},
                            {"dtype", lm->dtype()},
                            {"parameters", lm->config().parameterCount()},
                            {"prompt_tokens", prompt.size()},
                            {"candidates", candidates.size()},
                            {"answer_tokens", p.integer("answer-tokens")},
                            {"iters", iters},
                            {"forward_s", median(tf)},
                            {"forward_all_logits_s", median(ta)},
                            {"score_candidates_s", median(ts)},
                            {"naive_per_candidate_s", tn.empty() ? nlohmann::json(nullptr) : nlohmann::json(median(tn))},
                            {"ratio_vs_forward", median(ratio)},
                            {"ratio_naive_vs_forward", ratioNaive.empty() ? nlohmann::json(nullptr) : nlohmann::json(median(ratioNaive))}};
        std::cout << j.dump() << std::endl;
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
}
