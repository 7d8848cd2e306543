#pragma once
// The settings of one fine-tuning run: what the GUI writes into
// <run dir>/config.json and what `sftbench-cli train` reads. Torch-free (and
// Qt-free), so the GUI validates a form and shows the parameter / memory
// estimate with the same code the worker uses. Unknown keys and bad values are
// refused with the key's name (sft::Error field), never ignored.

#include "model/model_config.h"

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace sft::finetune {

enum class Method { Lora, Adapter, Prefix, Full };
enum class LoraInit { Gaussian, KaimingUniform };

/** "lora", "adapter", "prefix", "full". */
const char *methodName(Method m);
/** Inverse of methodName(); throws sft::Error on an unknown name. */
Method methodFromName(const std::string &name);

struct LoraConfig
{
    int rank = 8;
    double alpha = 16;
    double dropout = 0.0;
    bool rslora = false;
    LoraInit init = LoraInit::Gaussian;
    /**
     * Projection names inside each decoder layer: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj,
     * down_proj (LLaMA family) or query_key_value, dense, dense_h_to_4h, dense_4h_to_h (BLOOM). Either
     * architecture's names pass validate(); attaching LoRA refuses names the model does not have.
     * Empty (target_modules absent or null in config.json): the architecture's default, as PEFT
     * (q_proj, v_proj; BLOOM: query_key_value), resolved where the model is known (targetsFor).
     */
    std::vector<std::string> targetModules;

    double scale() const; ///< alpha / r, or alpha / sqrt(r) with rsLoRA
    /** targetModules, or the architecture's default when empty. */
    std::vector<std::string> targetsFor(model::Architecture arch) const;
};

/** Bottleneck adapters (Houlsby) after the attention and the MLP sub-layers, before the residual add. */
struct AdapterConfig
{
    int bottleneck = 64;
    double initStd = 1e-3;   ///< down-projection N(0, initStd); the up-projection starts at zero (exact identity)
    bool afterAttention = true;
    bool afterMlp = true;
};

/** Prefix tuning (Li & Liang): trainable keys/values prepended in every layer. */
struct PrefixConfig
{
    int numVirtualTokens = 16;
    bool projection = false;     ///< reparameterize through an MLP (embedding -> hidden -> 2·L·kv_dim)
    int projectionHidden = 512;
};

/** Everything a run needs. Paths are absolute or relative to the run directory. */
struct TrainConfig
{
    std::string name;                    ///< shown in the run list
    std::string baseModel;               ///< HF model folder (config.json, *.safetensors, tokenizer.json)
    std::string trainData;               ///< dataset file: Alpaca JSON, JSONL, ShareGPT, CSV
    std::string evalData;                ///< optional held-out file; empty: evalFraction of trainData
    double evalFraction = 0.1;           ///< used when evalData is empty (seeded split); 0 = no evaluation
    std::string promptFormat = "alpaca"; ///< alpaca | chat (the model's chat template) | chatml | llama2 | llama3 | text (plain LM)
    std::int64_t maxLength = 512;        ///< tokens per example (prompt + response), longer ones are truncated
    bool packing = false;                ///< pack several examples into each row (attention kept per example)
    bool trainOnPrompt = false;          ///< the prompt tokens count in the loss too (default: the response only)
    /**
     * A conversation longer than maxLength: "truncate" (drop whole turns from
     * the end; a first turn that alone does not fit is cut) or "split" (several
     * examples of whole turns, earlier turns as context where they fit; see
     * finetune::Overflow). Plain text ("text") is always cut.
     */
    std::string conversationOverflow = "truncate";

    Method method = Method::Lora;
    LoraConfig lora;
    AdapterConfig adapter;
    PrefixConfig prefix;
    double ropeFactor = 1.0;             ///< RoPE position interpolation factor (> 1 extends the context)

    int epochs = 3;
    std::int64_t maxSteps = 0;           ///< optimizer steps; 0 = epochs decide
    int batchSize = 4;                   ///< rows per micro-batch
    int gradAccumulation = 1;            ///< micro-batches per optimizer step
    double learningRate = 2e-4;
    double minLearningRate = 0.0;
    std::string schedule = "cosine";     ///< cosine | linear | constant
    double warmupRatio = 0.03;           ///< of the total steps (used when warmupSteps < 0)
    std::int64_t warmupSteps = -1;
    double weightDecay = 0.0;            ///< AdamW, decoupled
    double adamBeta1 = 0.9;
    double adamBeta2 = 0.999;
    double adamEpsilon = 1e-8;
    double maxGradNorm = 1.0;            ///< 0 = no clipping

    std::string device = "auto";         ///< auto | cpu | cuda | cuda:N
    std::string precision = "auto";      ///< auto (bf16 autocast on CUDA, fp32 on CPU) | fp32 | bf16-autocast | bf16
    bool gradientCheckpointing = false;

    std::int64_t logEvery = 1;           ///< steps between step events
    std::int64_t evalEvery = 50;         ///< 0 = only at the end
    std::int64_t saveEvery = 100;        ///< 0 = only at the end (and on SIGTERM)
    int keepCheckpoints = 3;             ///< newest checkpoints kept
    std::uint64_t seed = 42;

    /** The JSON object written to config.json (every key, including defaults). */
    nlohmann::json toJson() const;
    /** Parse and validate; file names it in errors (field = JSON key). Missing keys take the defaults. */
    static TrainConfig fromJson(const nlohmann::json &j, const std::string &file = {});
    static TrainConfig fromFile(const std::string &path);
    /** Throws sft::Error naming the field of the first bad value. */
    void validate(const std::string &file = {}) const;

    /** warmupSteps, or warmupRatio of total rounded up. */
    std::int64_t resolvedWarmupSteps(std::int64_t totalSteps) const;
};

} // namespace sft::finetune
