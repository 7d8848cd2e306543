#pragma once
// Hugging Face model folder -> GGUF for llama.cpp, torch-free: the weights are
// read from the (possibly sharded) safetensors files one tensor at a time and
// renamed, reordered and encoded as llama.cpp's loader expects:
// - architectures: llama and mistral (written as "llama", Q and K rows
//   permuted per head to llama.cpp's rotation layout), qwen2 (Q/K/V biases,
//   no permutation), bloom (the fused query_key_value reordered from
//   per-head (q, k, v) to all Q, all K, all V);
// - hyper-parameters under "<arch>.": context, embedding and feed-forward
//   sizes, blocks, heads and KV heads, head size, RoPE base and scaling
//   (linear as rope.scaling.*, llama3 as a rope_freqs tensor), norm epsilon;
// - the tokenizer: byte-level BPE as "gpt2" (tokens, types, merges, the
//   pre-tokenizer named by its split regex: gpt-2, qwen2, llama-bpe), or
//   SentencePiece-style BPE with byte fallback as "llama" (tokens, scores from
//   the merge ranks, types with <0xXX> byte tokens), special token ids,
//   add_bos / add_eos, and the chat template;
// - f32, f16, bf16 or q8_0 (2-D weights; norms, biases and other 1-D tensors
//   stay f32; a q8_0 weight whose rows are not a multiple of 32 is kept f16).
// A LoRA run is written merged without a merged copy on disk: its PEFT
// adapter is folded into each base weight as that weight is read
// (ExportOptions::mergeAdapterDir), under the run's config
// (ExportOptions::configOverride). It can also be written as a GGUF LoRA
// adapter (llama.cpp --lora).
// Everything unsupported is refused by name before anything is written.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sft::gguf {

/** What the weights are stored as. */
enum class FileType { F32, F16, BF16, Q8_0 };

/** "f32", "f16", "bf16", "q8_0". */
const char *fileTypeName(FileType type);
/** Inverse of fileTypeName (case-insensitive); throws sft::Error listing the valid names. */
FileType fileTypeFromName(const std::string &name);

struct ExportOptions
{
    FileType type = FileType::F16;
    /** general.name; empty = the model folder's name. */
    std::string name;
    /**
     * Called before each tensor is written (index, count, GGUF name). It may throw (e.g. sft::Error
     * "stopped" on a stop request): the export then ends, leaving nothing at the output.
     */
    std::function<void(std::size_t, std::size_t, const std::string &)> progress;
    /**
     * A PEFT LoRA folder (adapter_config.json, adapter_model.safetensors) merged into the model's
     * weights as each is read: W + scale·B·A in float, then the usual reordering and encoding. No
     * merged model is held in memory or written to disk. Empty: the weights as they are.
     */
    std::string mergeAdapterDir;
    /**
     * config.json text used instead of the model folder's (a run's: its base model's config with
     * the run's RoPE scaling); empty: the folder's config.json. configOverrideName names it in
     * messages (default: the folder's config.json).
     */
    std::string configOverride;
    std::string configOverrideName;
};

/** What was written. */
struct ExportReport
{
    std::string file;
    std::string architecture;     ///< general.architecture ("llama", "qwen2", "bloom")
    std::string tokenizerModel;   ///< tokenizer.ggml.model ("gpt2", "llama"); empty for an adapter
    std::string tokenizerPre;     ///< tokenizer.ggml.pre ("qwen2", ...); empty for "llama" and adapters
    std::uint64_t tensors = 0;
    std::uint64_t bytes = 0;      ///< size of the file
    std::uint64_t parameters = 0; ///< elements over all tensors
    /** Weights that stayed f16 in a q8_0 export (their rows are not a multiple of 32). */
    std::vector<std::string> keptF16;
    /** Things the user should know (e.g. a sliding window llama.cpp's "llama" does not apply). */
    std::vector<std::string> warnings;
};

/**
 * Check that a model folder can be exported (config.json or options.configOverride, the weights'
 * names, dtypes and shapes, tokenizer files, the architecture and tokenizer kind, RoPE scaling,
 * options.mergeAdapterDir when set) without reading weight values. Throws sft::Error naming the
 * folder, file and field of the first problem.
 */
void checkExportable(const std::string &modelDir, const ExportOptions &options = {});

/** Export a Hugging Face model folder to outFile. Throws sft::Error; nothing is left at outFile on failure. */
ExportReport exportModel(const std::string &modelDir, const std::string &outFile, const ExportOptions &options);

/**
 * Export a PEFT LoRA adapter folder (adapter_config.json, adapter_model.safetensors) as a GGUF LoRA
 * adapter of the base model in baseModelDir (whose config gives the architecture and head counts):
 * general.type "adapter", adapter.type "lora", adapter.lora.alpha (rsLoRA's alpha / sqrt(r) scale
 * expressed as llama.cpp's alpha / r), "<weight>.lora_a" [in, r] and ".lora_b" [r, out] per target,
 * with the same Q/K row permutation and BLOOM QKV reordering as the base weights. options.type is
 * f32, f16 or bf16 (an adapter is small and llama.cpp applies it in float: q8_0 is refused by name).
 * lora_alpha 0 is refused (llama.cpp reads alpha 0 as "scale 1"). options.mergeAdapterDir is
 * ignored; options.configOverride gives the base model's config.
 */
ExportReport exportLoraAdapter(const std::string &adapterDir, const std::string &baseModelDir,
                               const std::string &outFile, const ExportOptions &options);

} // namespace sft::gguf
