#pragma once
// A byte-level BPE trainer for the project's demo model: learns merges from a
// handful of texts and writes a complete Hugging Face tokenizer.json (GPT-2
// byte alphabet, Qwen2-style pre-tokenizer regex, ByteLevel decoder, special
// tokens as added tokens) that both sft::Tokenizer and HF `tokenizers` load.

#include <string>
#include <vector>

namespace sft {

/**
 * Train a byte-level BPE tokenizer and return its tokenizer.json text.
 *
 * The vocabulary holds the 256 byte symbols, then learned merges until
 * vocabSize entries (counting the special tokens) are reached or no pair
 * occurs twice. Special tokens get the ids after the learned vocabulary, in
 * the order given (e.g. "<|endoftext|>", "<|im_start|>", "<|im_end|>").
 * Deterministic: ties between equally frequent pairs are broken by the pair's
 * byte strings. Throws sft::Error when vocabSize < 256 + specialTokens.size()
 * or a special token is empty or duplicated.
 */
std::string trainByteLevelBpe(const std::vector<std::string> &texts, int vocabSize,
                              const std::vector<std::string> &specialTokens);

} // namespace sft
