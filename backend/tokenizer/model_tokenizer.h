#pragma once
// The one way to load the tokenizer of a Hugging Face model folder, used by
// every command that tokenizes for a model (generate, logprobs, score, icl,
// training): tokenizer.json, then tokenizer_config.json when the folder has
// one. The config's bos_token / eos_token (when it names either) replace the
// guesses from common token names, and its add_bos_token / add_eos_token
// (when it gives either) replace the tokenizer.json post-processor, as
// transformers does, so encode(text, true) puts BOS first exactly when the
// model was trained that way.

#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_config.h"

#include <string>

namespace sft {

/** A model folder's tokenizer and the config it was set up from. */
struct ModelTokenizer
{
    Tokenizer tokenizer;
    TokenizerConfig config;   ///< empty (every field unset) when the folder has no tokenizer_config.json
    bool hasConfig = false;
};

/**
 * Load dir/tokenizer.json with dir/tokenizer_config.json applied. Throws
 * sft::Error when there is no tokenizer.json (naming dir and, when given,
 * field: the setting that named the folder), and on a malformed file or a
 * special token that is not in the vocabulary.
 */
ModelTokenizer loadModelTokenizer(const std::string &dir, const std::string &field = {});

} // namespace sft
