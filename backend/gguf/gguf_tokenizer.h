#pragma once
// A model folder's tokenizer as GGUF's tokenizer.* keys, the way llama.cpp's
// vocabulary loader reads them. Two kinds of Hugging Face tokenizer.json map
// onto llama.cpp tokenizers with the same ids:
// - byte-level BPE (a ByteLevel pre-tokenizer; GPT-2, Qwen2, Llama-3) ->
//   "gpt2": tokens, token types and merges, and the pre-tokenizer named by its
//   split regex (gpt-2, qwen2, llama-bpe; llama.cpp refuses an unknown name);
// - SentencePiece-style BPE (byte_fallback, spaces as "▁" from a Metaspace
//   pre-tokenizer or Prepend / Replace normalizers; Llama-2, Mistral) ->
//   "llama": tokens, scores that order the merges (llama.cpp merges the
//   highest-scoring pair), <0xXX> byte tokens typed as such, add_space_prefix.
// Special ids and add_bos / add_eos come from the engine's own tokenizer
// (sft::loadModelTokenizer), so llama.cpp prepends exactly what training did.
// Anything else is refused by file and field.

#include "model/model_config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sft::gguf {

class Writer;

/** llama.cpp's token types (tokenizer.ggml.token_type). */
enum class TokenType : std::int32_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

/** Everything tokenizer.* holds for one model. */
struct GgufVocab
{
    std::string model;                  ///< tokenizer.ggml.model: "gpt2" or "llama"
    std::string pre;                    ///< tokenizer.ggml.pre ("gpt-2", "qwen2", "llama-bpe"); empty for "llama"
    std::vector<std::string> tokens;    ///< by id, padded with "[PAD<id>]" up to config.json vocab_size
    std::vector<std::int32_t> types;    ///< TokenType per token
    std::vector<float> scores;          ///< "llama" only: merge priority of each token
    std::vector<std::string> merges;    ///< "gpt2" only: "a b" in rank order
    std::size_t tokenizerTokens = 0;    ///< tokens the tokenizer itself has (before padding)
    std::int64_t bos = -1, eos = -1, unk = -1, pad = -1, eot = -1, eom = -1;
    bool addBos = false;
    bool addEos = false;
    std::optional<bool> addSpacePrefix; ///< "llama" only
    std::optional<std::string> chatTemplate;   ///< the default one, found as the engine finds it
    /** Other named templates (name made of [A-Za-z0-9_], template), as llama.cpp's converter writes them. */
    std::vector<std::pair<std::string, std::string>> namedTemplates;
    std::vector<std::string> warnings;         ///< each starts with the file it is about
};

/**
 * Read and check dir's tokenizer.json (and tokenizer_config.json, chat_template.jinja,
 * generation_config.json) for a model whose embedding has config.vocabSize rows (checked against
 * the weights first: the token list is that long). configFile names config.json in messages.
 * Throws sft::Error naming the file and field of anything llama.cpp cannot reproduce or load.
 * Special ids from config.json or generation_config.json outside the vocabulary are dropped with
 * a warning naming the file and field, as llama.cpp's converter drops them.
 */
GgufVocab readVocab(const std::string &modelDir, const model::ModelConfig &config, const std::string &configFile);

/** Add the tokenizer.ggml.* and tokenizer.chat_template(s) keys. */
void addVocabKeys(Writer &writer, const GgufVocab &vocab);

} // namespace sft::gguf
