// Data preparation speed: tokenizing with and without byte offsets, and
// turning the Alpaca corpus into training examples (finetune::encodeExamples)
// with a fixed format (alpaca) and with the model's own Jinja chat template
// ("chat"), on one thread.
//
//   bench_sft_data MODEL_DIR [en|zh] [passes] [TOKENIZER_JSON]
//
// MODEL_DIR: a model folder with a chat template, e.g. the tiny demo model
// (`sftbench-cli init-model --preset tiny --out DIR`). Part 1 times
// Tokenizer::encode against Tokenizer::encodeWithOffsets on the corpus texts
// (instruction + "\n" + input + "\n" + output), with the model's tokenizer and,
// when given, TOKENIZER_JSON: each with a fresh tokenizer (cold word cache),
// then warm passes. Part 2 times readDataset of the corpus and encodeExamples
// (max_length 1024) for "alpaca" and "chat", each on a freshly loaded
// tokenizer, then once more warm. See README.md for results.

#include "data/formats.h"
#include "finetune/sft_dataset.h"
#include "tokenizer/model_tokenizer.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(const std::function<void()> &f)
{
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void timeEncoders(const std::function<sft::Tokenizer()> &load, const std::string &name,
                  const std::vector<std::string> &texts, int passes)
{
    for (const bool offsets : {false, true}) {
        const sft::Tokenizer tok = load();   // a new instance: its word caches start empty
        for (int pass = 0; pass < passes; ++pass) {
            std::size_t tokens = 0;
            const double s = seconds([&] {
                for (const std::string &t : texts)
                    tokens += offsets ? tok.encodeWithOffsets(t).ids.size() : tok.encode(t).size();
            });
            std::printf("  %-16s %-18s %s: %zu tokens in %.3f s = %.2f M tokens/s\n", name.c_str(),
                        offsets ? "encodeWithOffsets" : "encode", pass == 0 ? "cold" : "warm", tokens, s,
                        tokens / s / 1e6);
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s MODEL_DIR [en|zh] [passes] [TOKENIZER_JSON]\n", argv[0]);
        return 2;
    }
    const std::string modelDir = argv[1];
    const std::string lang = argc > 2 ? argv[2] : "en";
    const int passes = argc > 3 ? std::max(1, std::atoi(argv[3])) : 2;
    const std::string data = std::string(SFT_SHARED_DATA_DIR) + (lang == "zh" ? "/alpaca_zh_52k.json" : "/alpaca_en_52k.json");
    try {
        std::ifstream in(data);
        const nlohmann::json recs = nlohmann::json::parse(in);
        std::vector<std::string> texts;
        std::size_t bytes = 0;
        for (const auto &r : recs) {
            texts.push_back(r["instruction"].get<std::string>() + "\n" + r["input"].get<std::string>() + "\n" +
                            r["output"].get<std::string>());
            bytes += texts.back().size();
        }
        std::printf("corpus: %s, %zu texts, %.1f MB\n", data.c_str(), texts.size(), bytes / 1e6);

        std::printf("1. encode vs encodeWithOffsets, one thread\n");
        timeEncoders([&] { return sft::loadModelTokenizer(modelDir).tokenizer; }, "model tokenizer", texts, passes);
        if (argc > 4) {
            std::printf("  TOKENIZER_JSON = %s\n", argv[4]);
            timeEncoders([&] { return sft::Tokenizer::fromFile(argv[4]); }, "TOKENIZER_JSON", texts, passes);
        }

        std::printf("2. data preparation (readDataset + encodeExamples, max_length 1024), one thread\n");
        std::vector<sft::Record> records;
        const double readS = seconds([&] { records = sft::readDataset(data); });
        std::printf("  readDataset: %zu records in %.3f s\n", records.size(), readS);
        sft::finetune::EncodeOptions options;
        options.maxLength = 1024;
        for (const char *format : {"alpaca", "chat"}) {
            const sft::finetune::PromptFormatter formatter(format, modelDir);
            const sft::Tokenizer tok = sft::loadModelTokenizer(modelDir).tokenizer;
            for (int pass = 0; pass < passes; ++pass) {
                sft::finetune::EncodeStats stats;
                const double s = seconds([&] { sft::finetune::encodeExamples(records, tok, formatter, options, stats); });
                std::printf("  %-6s %s: %lld examples, %lld tokens (%lld targets), %lld truncated, %lld skipped in "
                            "%.3f s = %.0f records/s, %.2f M tokens/s\n",
                            format, pass == 0 ? "cold" : "warm", static_cast<long long>(stats.examples),
                            static_cast<long long>(stats.tokens), static_cast<long long>(stats.responseTokens),
                            static_cast<long long>(stats.truncated), static_cast<long long>(stats.skipped), s,
                            records.size() / s, stats.tokens / s / 1e6);
            }
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
