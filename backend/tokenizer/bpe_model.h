#pragma once
// The BPE model of a tokenizer.json ("model": {"type": "BPE", ...}): vocab,
// ranked merges, unk / byte-fallback handling and the merge loop, with the
// same results as HF tokenizers' BPE (lowest rank first, leftmost on ties).

#include "tokenizer/json_fields.h"
#include "tokenizer/string_table.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sft::tok {

/** A BPE vocabulary with merges. Immutable after load(); tokenize() is thread-safe. */
class BpeModel
{
public:
    /** Read `model` (already known to be of type BPE); throws sft::Error naming the bad field. */
    void load(const JsonField &model);
    /** Build directly from vocab and merges (used by tests and the trainer). */
    void build(const std::vector<std::pair<std::string, std::int32_t>> &vocab,
               const std::vector<std::pair<std::string, std::string>> &merges, const JsonField *where);

    /**
     * Append the ids of one pre-tokenized word (the model's input string); with
     * lengths, also each token's length in bytes of word (they add up to its size).
     */
    void tokenize(std::string_view word, std::vector<std::int32_t> &out,
                  std::vector<std::uint32_t> *lengths = nullptr) const;
    /**
     * Append the ids of a byte-level word given as raw bytes, without building its
     * byte-level string; only when hasAllByteSymbols() and there is no subword
     * prefix/suffix. lengths as for tokenize(), in bytes of `bytes`.
     */
    void tokenizeRawBytes(std::string_view bytes, std::vector<std::int32_t> &out,
                          std::vector<std::uint32_t> *lengths = nullptr) const;
    /** All 256 byte-level symbols are in the vocab and no prefix/suffix is set. */
    bool hasAllByteSymbols() const { return m_allByteSymbols; }

    std::int32_t tokenToId(std::string_view token) const { return m_vocab.find(token); }
    /** The token of id, or nullptr. */
    const std::string *idToToken(std::int32_t id) const;
    /** One more than the largest id. */
    std::size_t idLimit() const { return m_idToToken.size(); }
    std::size_t vocabSize() const { return m_vocab.size(); }
    std::size_t mergeCount() const { return m_merges.size(); }

private:
    struct Symbol { std::int32_t id; std::int32_t prev; std::int32_t next; std::uint32_t len; };
    void wordToSymbols(std::string_view word, std::vector<Symbol> &symbols) const;
    void mergeAll(std::vector<Symbol> &symbols) const;

    StringIdMap m_vocab;
    std::vector<std::string> m_idToToken;
    std::vector<bool> m_hasId;
    PairMap m_merges;
    std::int32_t m_unkId = -1;
    std::string m_unkToken;
    bool m_hasUnk = false;
    bool m_fuseUnk = false;
    bool m_byteFallback = false;
    bool m_ignoreMerges = false;
    std::string m_prefix;   ///< continuing_subword_prefix
    std::string m_suffix;   ///< end_of_word_suffix
    std::int32_t m_byteFallbackIds[256];
    std::int32_t m_byteSymbolIds[256];
    bool m_allByteSymbols = false;
};

} // namespace sft::tok
