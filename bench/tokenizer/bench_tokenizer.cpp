// Tokenizer throughput: encodes a corpus (Alpaca English or Chinese records,
// instruction + input + output) with one tokenizer.json on one thread and
// prints tokens/s and MB/s for a cold pass (empty word cache) and warm passes.
//
//   bench_tokenizer TOKENIZER_JSON [en|zh] [passes]

#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s TOKENIZER_JSON [en|zh] [passes] [threads]\n", argv[0]);
        return 2;
    }
    const std::string lang = argc > 2 ? argv[2] : "en";
    const int passes = argc > 3 ? std::atoi(argv[3]) : 3;
    const int threads = argc > 4 ? std::atoi(argv[4]) : 1;
    const std::string data = std::string(SFT_SHARED_DATA_DIR) + (lang == "zh" ? "/alpaca_zh_52k.json" : "/alpaca_en_52k.json");
    std::ifstream in(data);
    const nlohmann::json recs = nlohmann::json::parse(in);
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const auto &r : recs) {
        texts.push_back(r["instruction"].get<std::string>() + "\n" + r["input"].get<std::string>() + "\n" +
                        r["output"].get<std::string>());
        bytes += texts.back().size();
    }
    using Clock = std::chrono::steady_clock;
    auto t0 = Clock::now();
    const sft::Tokenizer tok = sft::Tokenizer::fromFile(argv[1]);
    const double loadS = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("tokenizer: %s (%s), load %.2f s\n", argv[1], tok.describe().c_str(), loadS);
    std::printf("corpus: %zu texts, %.1f MB (%s)\n", texts.size(), bytes / 1e6, lang.c_str());
    for (int pass = 0; pass < passes; ++pass) {
        std::size_t tokens = 0;
        t0 = Clock::now();
        if (threads <= 1) {
            for (const std::string &t : texts)
                tokens += tok.encode(t).size();
        } else {
            std::vector<std::size_t> counts(std::size_t(threads), 0);
            std::vector<std::thread> pool;
            for (int k = 0; k < threads; ++k)
                pool.emplace_back([&, k] {
                    for (std::size_t i = std::size_t(k); i < texts.size(); i += std::size_t(threads))
                        counts[std::size_t(k)] += tok.encode(texts[i]).size();
                });
            for (auto &th : pool)
                th.join();
            for (std::size_t c : counts)
                tokens += c;
        }
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("pass %d (%s, %d thread%s): %zu tokens in %.3f s = %.2f M tokens/s, %.1f MB/s\n", pass + 1,
                    pass == 0 ? "cold cache" : "warm cache", threads, threads == 1 ? "" : "s", tokens, s,
                    tokens / s / 1e6, bytes / s / 1e6);
    }
    return 0;
}
