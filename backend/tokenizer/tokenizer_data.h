#pragma once
// The loaded state behind sft::Tokenizer (shared, immutable): the stages of
// the pipeline and the BPE model. Internal to the tokenizer library.

#include "tokenizer/added_vocabulary.h"
#include "tokenizer/bpe_model.h"
#include "tokenizer/components.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft::tok {

struct TokenizerData
{
    std::string source;
    std::uint64_t uid = 0;   ///< distinguishes instances in the per-thread word caches
    std::vector<NormalizerStep> normalizer;
    std::vector<PreTokenizerStep> preTokenizer;
    std::vector<DecoderStep> decoder;
    std::vector<PostStep> postProcessor;
    BpeModel model;
    AddedVocabulary added;
    std::size_t idLimit = 0;
    std::string summary;
};

} // namespace sft::tok
