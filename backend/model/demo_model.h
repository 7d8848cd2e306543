#pragma once
// The demo model: a small, randomly initialised (untrained: it produces
// gibberish until fine-tuned) LLaMA-style model with RoPE, or a BLOOM model
// with ALiBi (the same tokenizer and sizes), written in the Hugging Face
// layout (config.json, model.safetensors, tokenizer.json, tokenizer_config.json
// with a ChatML chat template, generation_config.json) so every feature of
// the workbench can run without downloading a checkpoint. Its byte-level BPE
// tokenizer is trained on a corpus: by default the demo dataset embedded in
// the binary at build time.

#include "model/model_config.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sft::model {

/** What init-model should write. */
struct DemoModelOptions
{
    /**
     * tiny (~1-1.8M parameters, by vocabulary) | small100m (~100M, for benchmarks) | llama1b (TinyLlama-1.1B's
     * shape, 1.10B parameters, for GPU benchmarks: 4.4 GB of fp32 weights)
     */
    std::string preset = "tiny";
    std::string position = "rope"; ///< rope (LlamaForCausalLM) | alibi (BloomForCausalLM)
    std::string outDir;
    std::string corpusFile;      ///< empty: the embedded demo dataset
    std::uint64_t seed = 0;
};

/** What was written. */
struct DemoModelInfo
{
    ModelConfig config;
    std::int64_t tokenizerVocab = 0;
    std::int64_t parameters = 0;
};

/**
 * The architecture of a preset; the vocabulary size is the preset's target. position "rope"
 * gives the LLaMA-style model, "alibi" a BLOOM model of the same width and depth (4·hidden MLP,
 * tied embeddings). Throws on an unknown name.
 */
ModelConfig presetConfig(const std::string &preset, const std::string &position = "rope");

/** Texts to train the tokenizer on: Alpaca JSON (.json), JSON lines (.jsonl) or plain text lines. */
std::vector<std::string> readCorpus(const std::string &path);

/** The demo dataset (Alpaca JSON) embedded at build time; empty if the build had none. */
std::string_view embeddedDemoCorpus();

/** Texts (instruction, input, output) of an Alpaca JSON document; source names it in errors. */
std::vector<std::string> alpacaTexts(std::string_view json, const std::string &source);

/** Train the tokenizer, initialise the model and write the folder. Throws sft::Error. */
DemoModelInfo writeDemoModel(const DemoModelOptions &options);

} // namespace sft::model
