#pragma once
// The engine's entry point, free of torch headers so the CLI and the GUI's
// worker code compile fast: load a Hugging Face model folder (config.json +
// safetensors) onto a device in a dtype, score continuations (per-token
// log-probabilities) and generate text. Token ids in, token ids out; text is
// the caller's business through the decode callback of GenerationOptions.

#include "model/model_config.h"
#include "model/sampler.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sft::model {

class CausalLMImpl;

/** The largest factor LoadOptions::ropeScaling accepts (a 1024× longer context is already far beyond any use). */
inline constexpr double kMaxRopeOverrideFactor = 1024;

/** Where and how to load a model. */
struct LoadOptions
{
    /** Where and in which dtype; the position options stay the config's. */
    LoadOptions(std::string deviceName = "auto", std::string dtypeName = "auto")
        : device(std::move(deviceName)), dtype(std::move(dtypeName))
    {
    }

    std::string device = "auto"; ///< auto (CUDA when LibTorch has it and a GPU is present) | cpu | cuda | cuda:N
    std::string dtype = "auto";  ///< auto (config's; fp16 becomes fp32 on CPU) | fp32 | bf16 | fp16
    /**
     * RoPE position interpolation (Chen et al. 2023): positions are divided by this factor
     * (> 1), max_position_embeddings multiplied by it; combines with a linear rope_scaling
     * already in config.json. 1 = the config as it is.
     */
    double ropeFactor = 1.0;
    /**
     * Inference-time RoPE scaling. Unset: config.json's rope_scaling and ropeFactor apply. Set: it
     * replaces both (ropeFactor is then ignored); type None removes every scaling (plain RoPE,
     * max_position_embeddings as config.json says). Its originalMaxPositions 0 means the model's
     * max_position_embeddings; the usable context becomes originalMaxPositions · factor. Refused
     * for ALiBi models, and dynamic NTK for head_dim <= 2.
     */
    std::optional<RopeScaling> ropeScaling;
};

/** Settings of one generate() call. */
struct GenerationOptions
{
    std::int64_t maxNewTokens = 128;
    SamplingOptions sampling;
    std::uint64_t seed = 0;
    std::vector<std::string> stop;          ///< stop strings (need decode)
    std::vector<std::int64_t> eosTokenIds;  ///< empty: the config's
    std::int64_t vocabLimit = 0;            ///< ids >= this are never produced (0: no limit)
    /** Text of generated ids (e.g. sft::Tokenizer::decode); needed for text and stop strings. */
    std::function<std::string(const std::vector<std::int64_t> &)> decode;
    /** Receives text as it becomes final (never splits a UTF-8 character); return false to stop. */
    std::function<bool(const std::string &piece)> onText;
    /**
     * Asked before every decode step, whether or not text was emitted (a token may complete no
     * character, or hold back a stop-string prefix); true ends the generation as "cancelled".
     * Called once per token, so it must be cheap (an atomic flag, a non-blocking socket peek).
     */
    std::function<bool()> shouldStop;
};

/** What generate() produced. */
struct GenerationResult
{
    std::vector<std::int64_t> tokens; ///< generated ids (stop string tokens included, eos excluded)
    std::string text;                 ///< decoded text, cut before a stop string
    std::string finishReason;         ///< "eos" | "stop" | "length" | "cancelled"
    double promptSeconds = 0;         ///< time for the prompt's forward pass
    double decodeSeconds = 0;         ///< time for the generated tokens
};

/** Log-probabilities of one continuation. */
struct ContinuationScore
{
    std::vector<double> tokenLogprobs; ///< log p(token_i | prompt, tokens before i)
    double sum = 0;
};

/** A loaded causal LM. */
class LanguageModel
{
public:
    /** Load dir/config.json and its safetensors weights. Throws sft::Error. */
    static std::unique_ptr<LanguageModel> load(const std::string &dir, const LoadOptions &options = {});
    /** A randomly initialised model (normal std 0.02) with the given config, for tests and the demo model. */
    static std::unique_ptr<LanguageModel> create(const ModelConfig &config, std::uint64_t seed,
                                                 const LoadOptions &options = {});
    ~LanguageModel();

    const ModelConfig &config() const;
    std::string device() const; ///< "cpu", "cuda:0"
    std::string dtype() const;  ///< "fp32" | "bf16" | "fp16"

    /** Per-token log-probabilities of continuation after prompt (prompt must not be empty). */
    ContinuationScore score(const std::vector<std::int64_t> &prompt, const std::vector<std::int64_t> &continuation);
    /**
     * Scores of several continuations of one prompt: the prompt runs once into
     * the KV cache, the continuations then run as one padded batch. With dynamic
     * NTK scaling and a continuation reaching past the trained context, each runs
     * as score() does, so no score depends on its siblings' lengths.
     */
    std::vector<ContinuationScore> scoreMany(const std::vector<std::int64_t> &prompt,
                                             const std::vector<std::vector<std::int64_t>> &continuations);
    /**
     * Log-probabilities of ids[i] given ids[0, i) for every i in [from, ids.size()), 1 <= from:
     * score(ids[0, from), ids[from, end)) for one long window without its memory. The output
     * projection and the log-softmax normaliser run in chunks of rows on the model's device and
     * only the targets' log-probabilities leave it, so the logits held at once are a chunk's
     * (about 128 MiB in fp32), not the window's (a 128k vocabulary × 8k tokens would be 4 GB,
     * twice over with log_softmax's copy). chunkRows: rows per chunk, 0 = that automatic size.
     */
    ContinuationScore scoreWindow(const std::vector<std::int64_t> &ids, std::int64_t from, std::int64_t chunkRows = 0);

    /** Generate after prompt (must not be empty). */
    GenerationResult generate(const std::vector<std::int64_t> &prompt, const GenerationOptions &options);

    /** Write config.json and model.safetensors into dir (created if needed). */
    void save(const std::string &dir) const;

    /** The torch module (include "model/causal_lm.h" to use it). */
    std::shared_ptr<CausalLMImpl> module() const;

    /**
     * LibTorch intra-op threads = all cores, from now on (load() no longer picks them).
     * By default load() and create() choose per model: fp32 on the CPU runs with 1 LibTorch thread,
     * because OpenBLAS already spreads each matmul over every core and LibTorch threads on top
     * oversubscribe them (100M model, 2 cores: 952 tokens/s with 1 thread, 300 with 2); bf16 / fp16
     * (oneDNN, which uses LibTorch's threads) run with all cores (2,798 vs 1,763 tokens/s).
     * The environment variable SFTBENCH_THREADS overrides both.
     */
    static void initThreads();
    /** LibTorch intra-op threads = n, from now on (load() no longer picks them). */
    static void setThreads(int n);

private:
    struct Private;
    explicit LanguageModel(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace sft::model
