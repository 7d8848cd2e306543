#pragma once
// sft::Tokenizer: a Qt-free reader of Hugging Face tokenizer.json files with
// the same ids as HF `tokenizers` for byte-level BPE (GPT-2, Qwen2/3,
// Llama-3) and sentencepiece-converted BPE with byte fallback (Llama-2,
// TinyLlama). Immutable once loaded; copies share the loaded data and encode
// concurrently from any number of threads (each thread keeps its own cache of
// tokenized words).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sft {

namespace tok { struct TokenizerData; }

/** A loaded tokenizer.json. */
class Tokenizer
{
public:
    /** An empty tokenizer: every call but describe() throws sft::Error until one is assigned. */
    Tokenizer() = default;

    /** Load a tokenizer.json file; throws sft::Error with the file and JSON path of a bad field. */
    static Tokenizer fromFile(const std::string &path);
    /** Load from tokenizer.json text; sourceName names it in errors. */
    static Tokenizer fromJson(const std::string &json, const std::string &sourceName = "tokenizer.json");

    /**
     * Token ids of text (valid UTF-8, else sft::Error). With addSpecialTokens the
     * post-processor's tokens (e.g. Llama-2's <s>) are added as HF does.
     */
    std::vector<std::int32_t> encode(std::string_view text, bool addSpecialTokens = false) const;

    /** Token ids of a text with the bytes each came from. */
    struct Encoding
    {
        std::vector<std::int32_t> ids;
        /** Per id: the bytes [first, second) of the original text it stands for. */
        std::vector<std::pair<std::size_t, std::size_t>> offsets;
    };
    /**
     * encode() with offsets, like HF's return_offsets_mapping but in UTF-8
     * bytes of text: ids are exactly encode(text, addSpecialTokens)'s.
     * - Ranges cover whole characters, as HF's do: a token holding part of a
     *   character (byte-level BPE, byte fallback <0xE4>) gets the character's
     *   whole range, so neighbouring tokens may share it. Otherwise ranges
     *   follow one another in text order.
     * - Text a normalizer or pre-tokenizer adds (a prepended "▁" or space) is
     *   empty: a token made only of it gets [p, p) at the segment's start p.
     * - A replaced piece (Replace " " -> "▁") maps to the text it replaced.
     * - Where NFC / NFD changes the text, every token of the changed run maps
     *   to the whole run: the text between two characters normalisation cannot
     *   join (ASCII, kana, CJK ideographs, Hangul syllables, fullwidth forms).
     * - Added tokens map to their match, lstrip / rstrip whitespace included;
     *   the post-processor's tokens (BOS, EOS) are empty, at the start for
     *   those before the text and at the end for those after it.
     * - ByteLevel's trim_offsets is not applied: a token's leading space is its own.
     */
    Encoding encodeWithOffsets(std::string_view text, bool addSpecialTokens = false) const;
    /** Text of ids; unknown ids are skipped, special tokens too when skipSpecial. */
    std::string decode(const std::vector<std::int32_t> &ids, bool skipSpecial = true) const;

    /** Id of a token (model vocab or added token), or -1. */
    std::int32_t tokenToId(std::string_view token) const;
    /** The token string of id, or "" when there is none. */
    std::string idToToken(std::int32_t id) const;
    /** True for added tokens marked special. */
    bool isSpecial(std::int32_t id) const;
    /** One more than the largest id (the embedding rows a model needs). */
    std::size_t vocabSize() const;

    /** Beginning/end-of-sequence ids (-1 when unknown); see setBosEos. */
    std::int32_t bosId() const { return m_bos; }
    std::int32_t eosId() const { return m_eos; }
    /**
     * Set bos/eos by token string, e.g. from TokenizerConfig ("" = none); throws
     * sft::Error when a token is not in the vocabulary. Until then they are
     * guessed from common names (<s>, <|begin_of_text|>, </s>, <|endoftext|>, ...).
     */
    void setBosEos(const std::string &bosToken, const std::string &eosToken);
    /**
     * Replace what encode(text, true) adds (the tokenizer.json post-processor)
     * by bos first when addBos and eos last when addEos, with the ids of
     * bosId() / eosId(); a token that is unknown (-1) is left out. This is
     * what transformers does with tokenizer_config.json's add_bos_token /
     * add_eos_token (it rebuilds the post-processor from them).
     */
    void setSpecialTokens(bool addBos, bool addEos);

    /** A one-line summary: model, pre-tokenizer, vocab size, added tokens. */
    std::string describe() const;

    /** True once loaded (not default-constructed). */
    bool isLoaded() const { return m_data != nullptr; }

private:
    const tok::TokenizerData &data() const;
    void encodeInto(std::string_view text, bool addSpecialTokens, std::vector<std::int32_t> &ids,
                    std::vector<std::pair<std::size_t, std::size_t>> *offsets) const;

    std::shared_ptr<const tok::TokenizerData> m_data;
    std::int32_t m_bos = -1;
    std::int32_t m_eos = -1;
    bool m_specialOverride = false;  ///< setSpecialTokens was called: m_addBos / m_addEos replace the post-processor
    bool m_addBos = false;
    bool m_addEos = false;
};

} // namespace sft
