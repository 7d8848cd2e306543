// Benchmark of the model engine: prefill tokens/s (one forward over
// batch × seq tokens), decode tokens/s (one token at a time with the KV cache)
// and peak resident memory, for a demo preset with random weights or a model
// folder. Prints one JSON line.
//
//   bench_model --preset tiny|small100m [--model DIR] [--seq 128] [--batch 1]
//               [--iters 5] [--decode 32] [--threads N] [--device cpu] [--dtype fp32]

#include "bench_util.h"

#include "model/causal_lm.h"
#include "model/demo_model.h"
#include "model/language_model.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <vector>
#include <string>

using namespace sft::model;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace

int main(int argc, char **argv)
{
    std::map<std::string, std::string> a = {{"preset", "tiny"}, {"seq", "128"},  {"batch", "1"},
                                            {"iters", "5"},     {"decode", "32"}, {"threads", "0"},
                                            {"device", "cpu"},  {"dtype", "fp32"}, {"model", ""}};
    if (!sftbench::parseOptions(argc, argv, a))
        return 2;
    try {
        const double rssStart = sftbench::peakRssMb();
        std::unique_ptr<LanguageModel> lm =
            a["model"].empty() ? LanguageModel::create(presetConfig(a["preset"]), 0, {a["device"], a["dtype"]})
                               : LanguageModel::load(a["model"], {a["device"], a["dtype"]});
        if (std::stoi(a["threads"]) > 0)
            torch::set_num_threads(std::stoi(a["threads"]));
        const double rssLoaded = sftbench::peakRssMb();
        auto m = lm->module();
        const auto &c = lm->config();
        const std::int64_t seq = std::stoll(a["seq"]), batch = std::stoll(a["batch"]);
        const int iters = std::stoi(a["iters"]), decode = std::stoi(a["decode"]);
        torch::NoGradGuard noGrad;
        auto gen = at::detail::createCPUGenerator(1);
        const torch::Tensor ids = at::randint(0, c.vocabSize, {batch, seq}, gen, torch::TensorOptions(torch::kInt64));
        const torch::Device dev(lm->device());
        auto sync = [&] {
            if (dev.is_cuda())
                torch::cuda::synchronize();
        };
        m->forward(ids.to(dev)); // warm-up
        sync();
        double t0 = now();
        for (int i = 0; i < iters; ++i)
            m->forward(ids.to(dev));
        sync();
        const double prefill = static_cast<double>(batch * seq * iters) / (now() - t0);

        KVCache cache;
        torch::Tensor logits = m->forward(ids.to(dev), {}, {}, &cache);
        sync();
        t0 = now();
        for (int i = 0; i < decode; ++i) {
            const torch::Tensor next = logits.select(1, logits.size(1) - 1).argmax(-1).unsqueeze(1);
            logits = m->forward(next, {}, {}, &cache);
        }
        sync();
        const double decodeTps = static_cast<double>(batch * decode) / (now() - t0);

        // Shared-prompt scoring: 5 continuations of 8 tokens vs one forward over the prompt.
        std::vector<std::int64_t> prompt(ids[0].data_ptr<std::int64_t>(), ids[0].data_ptr<std::int64_t>() + seq);
        std::vector<std::vector<std::int64_t>> conts(5);
        for (std::size_t k = 0; k < conts.size(); ++k)
            for (std::int64_t t = 0; t < 8; ++t)
                conts[k].push_back(static_cast<std::int64_t>((k * 131 + static_cast<std::size_t>(t) * 17) % c.vocabSize));
        t0 = now();
        for (int i = 0; i < iters; ++i)
            m->forward(ids[0].unsqueeze(0).to(dev));
        sync();
        const double promptForward = (now() - t0) / iters;
        t0 = now();
        for (int i = 0; i < iters; ++i)
            lm->scoreMany(prompt, conts);
        const double score5 = (now() - t0) / iters;

        nlohmann::json out = {{"engine", "sft_model (C++ LibTorch " TORCH_VERSION ")"},
                              {"preset", a["model"].empty() ? a["preset"] : a["model"]},
                              {"parameters", c.parameterCount()},
                              {"device", lm->device()},
                              {"dtype", lm->dtype()},
                              {"threads", torch::get_num_threads()},
                              {"batch", batch},
                              {"seq", seq},
                              {"prefill_tokens_per_s", prefill},
                              {"decode_tokens_per_s", decodeTps},
                              {"prompt_forward_ms", promptForward * 1e3},
                              {"score_5x8_tokens_ms", score5 * 1e3},
                              {"score_5_over_prompt_forward", score5 / promptForward},
                              {"rss_before_model_mb", rssStart},
                              {"rss_after_load_mb", rssLoaded},
                              {"peak_rss_mb", sftbench::peakRssMb()}};
        std::cout << out.dump() << std::endl;
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
