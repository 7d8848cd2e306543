#pragma once
// Added tokens (tokenizer.json "added_tokens"): found in the text before
// pre-tokenization, leftmost-longest, honoring lstrip / rstrip / single_word
// as HF's AddedVocabulary does. Tokens with normalized=false are matched in
// the raw text, the others in the normalized pieces (against their normalized
// content).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sft::tok {

/** One entry of "added_tokens". */
struct AddedToken
{
    std::string content;
    std::int32_t id = -1;
    bool special = false;
    bool lstrip = false;
    bool rstrip = false;
    bool singleWord = false;
    bool normalized = false;
};

/** A piece of text: either an added token (id >= 0) or text for the pipeline (id < 0). */
struct TextSegment
{
    std::size_t begin;
    std::size_t end;
    std::int32_t id;
};

/** The added tokens and the two match tables (raw and normalized). Immutable after build(). */
class AddedVocabulary
{
public:
    /** Set the tokens; normalize maps a token's content to the pattern used for normalized tokens. */
    void build(std::vector<AddedToken> tokens, const std::function<std::string(const std::string &)> &normalize);

    /** Split s at added tokens of the raw (normalized=false) or the normalized table. */
    void split(std::string_view s, bool normalizedTable, std::vector<TextSegment> &out) const;

    bool empty() const { return m_tokens.empty(); }
    const std::vector<AddedToken> &tokens() const { return m_tokens; }
    /** The added token with this id, or nullptr. */
    const AddedToken *byId(std::int32_t id) const;
    /** The id of an added token with this content, or -1. */
    std::int32_t idOf(std::string_view content) const;

private:
    struct Trie
    {
        std::vector<std::int32_t> terminal;                    // node -> token index or -1
        std::unordered_map<std::uint64_t, std::int32_t> edges; // (node << 8 | byte) -> node
        bool firstByte[256] = {};
        bool empty() const { return terminal.size() <= 1; }
        void add(std::string_view pattern, std::int32_t tokenIndex);
        /** Longest pattern starting at s[pos]: token index and length, or -1. */
        std::int32_t longestAt(std::string_view s, std::size_t pos, std::size_t &length) const;
    };
    std::vector<AddedToken> m_tokens;
    std::unordered_map<std::int32_t, std::size_t> m_byId;
    std::unordered_map<std::string, std::size_t> m_byContent;
    Trie m_raw;
    Trie m_normalized;
};

} // namespace sft::tok
