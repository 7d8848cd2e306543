// Benchmark of the perplexity measurement: scored tokens per second and peak
// resident memory at a window length, for a demo preset with random weights
// (or a model folder), on random token ids. Every window is one forward pass
// over `length` tokens: the linear layers cost O(n) per window, attention
// O(n²) (eager attention materialises the heads × n × n scores), so tokens/s
// falls and memory grows faster than linearly with the length.
//
// One discarded warm-up window, then --windows timed ones (5 by default); the
// time per window is their median. Peak RSS is the process's, so for a
// length's own peak run one length per process: run_bench.sh does that.
// Prints one JSON line per length, with the load average of the machine
// before and after (a shared machine slows every figure down).
//
// --method score runs each window through LanguageModel::score instead of
// scoreWindow (the whole window's logits and log-softmax at once, as the
// measurement did before), and --vocab N replaces the preset's vocabulary
// size, to show what the chunked log-probabilities save with a large
// vocabulary (a 128k one is common today).
//
//   bench_context --preset tiny|small100m [--model DIR] [--lengths 1024] [--windows 5]
//                 [--device cpu] [--dtype fp32] [--method window|score] [--vocab N]

#include "bench_util.h"

#include "context/perplexity.h"
#include "context/windows.h"
#include "model/demo_model.h"
#include "model/language_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace sft;

namespace {

double loadAverage()
{
    std::ifstream in("/proc/loadavg");
    double one = -1;
    in >> one;
    return one;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

constexpr double kMiB = 1048576.0;

} // namespace

int main(int argc, char **argv)
{
    std::map<std::string, std::string> a = {{"preset", "small100m"}, {"model", ""},         {"lengths", "1024"},
                                            {"windows", "5"},        {"device", "cpu"},    {"dtype", "fp32"},
                                            {"method", "window"},    {"vocab", "0"}};
    if (!sftbench::parseOptions(argc, argv, a))
        return 2;
    try {
        const double rssStart = sftbench::peakRssMb();
        model::LoadOptions load;
        load.device = a["device"];
        load.dtype = a["dtype"];
        model::ModelConfig preset = model::presetConfig(a["preset"]);
        if (std::stoll(a["vocab"]) > 0)
            preset.vocabSize = std::stoll(a["vocab"]);
        const bool viaScore = a["method"] == "score";
        if (!viaScore && a["method"] != "window")
            throw std::runtime_error("--method is window or score");
        auto lm = a["model"].empty() ? model::LanguageModel::create(preset, 0, load)
                                     : model::LanguageModel::load(a["model"], load);
        const double rssLoaded = sftbench::peakRssMb();
        const model::ModelConfig &c = lm->config();
        const std::int64_t windows = std::max<std::int64_t>(1, std::stoll(a["windows"]));
        std::stringstream list(a["lengths"]);
        std::string item;
        while (std::getline(list, item, ',')) {
            const std::int64_t length = std::stoll(item);
            std::mt19937_64 rng(static_cast<std::uint64_t>(length));
            std::vector<std::int64_t> text(static_cast<std::size_t>(length * (windows + 1)));
            for (auto &id : text)
                id = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(c.vocabSize));
            const double loadBefore = loadAverage();
            // Window k's time: from the previous window's end (or the start) to its own.
            std::vector<double> seconds;
            auto last = std::chrono::steady_clock::now();
            const auto lap = [&] {
                const auto now = std::chrono::steady_clock::now();
                seconds.push_back(std::chrono::duration<double>(now - last).count());
                last = now;
            };
            double nll = 0;
            if (viaScore) {
                double sum = 0;
                for (std::int64_t k = 0; k <= windows; ++k) {
                    const auto first = text.begin() + k * length;
                    const model::ContinuationScore s =
                        lm->score({*first}, std::vector<std::int64_t>(first + 1, first + length));
                    sum -= s.sum;
                    lap();
                }
                nll = sum / static_cast<double>((windows + 1) * (length - 1));
            } else {
                context::PerplexityOptions o;
                o.length = length;
                nll = context::measurePerplexity(*lm, text, o, [&](std::int64_t, std::int64_t) {
                          lap();
                          return true;
                      }).nll;
            }
            const std::vector<double> timed(seconds.begin() + 1, seconds.end());   // without the warm-up
            const double perWindow = median(timed);
            const double bytes = lm->dtype() == "fp32" ? 4.0 : 2.0;
            const double n = static_cast<double>(length), vocab = static_cast<double>(c.vocabSize);
            // scoreWindow's chunk of rows (see LanguageModel::scoreWindow).
            const double chunkRows = std::min(n, std::max(16.0, 128.0 * kMiB / (4.0 * vocab)));
            nlohmann::json out = {
                {"preset", a["model"].empty() ? a["preset"] : a["model"]},
                {"parameters", c.parameterCount()},
                {"device", lm->device()},
                {"dtype", lm->dtype()},
                {"method", viaScore ? "score" : "window"},
                {"vocab", c.vocabSize},
                {"length", length},
                {"timed_windows", static_cast<std::int64_t>(timed.size())},
                {"seconds_per_window_median", perWindow},
                {"seconds_per_window_min", *std::min_element(timed.begin(), timed.end())},
                {"seconds_per_window_max", *std::max_element(timed.begin(), timed.end())},
                {"warmup_seconds", seconds.front()},
                // A later window scores all its tokens but the first.
                {"tokens_per_s", (n - 1) / perWindow},
                // What grows with the square of the length, per layer: the heads × n × n scores,
                // one copy in the model dtype (the product), then fp32 (scale, + mask, softmax):
                // about three fp32 copies at the peak.
                {"attention_scores_mb_per_layer", static_cast<double>(c.numHeads) * n * n * 4.0 / kMiB},
                {"attention_peak_mb_per_layer", context::eagerAttentionBytes(c.numHeads, length) / kMiB},
                // Linear: the logits, now a chunk at a time (fp32 chunk + logsumexp's temporary) ...
                {"logits_chunk_mb", 2.0 * chunkRows * vocab * 4.0 / kMiB},
                // ... where the whole window's were held before: [n, vocab] logits in the model dtype,
                // their fp32 copy (none in fp32) and log_softmax's result.
                {"logits_unchunked_mb", n * vocab * (bytes == 4.0 ? 8.0 : bytes + 8.0) / kMiB},
                {"rss_before_model_mb", rssStart},
                {"rss_after_load_mb", rssLoaded},
                {"peak_rss_mb", sftbench::peakRssMb()},
                {"load_average_before", loadBefore},
                {"load_average_after", loadAverage()},
                {"nll", nll}};
            std::cout << out.dump() << std::endl;
        }
    } catch (const std::exception &e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
