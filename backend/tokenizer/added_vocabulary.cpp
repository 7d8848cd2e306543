// Matching of added tokens, following HF AddedVocabulary::find_matches: the
// leftmost-longest match wins, single_word matches need non-word neighbours,
// lstrip / rstrip pull adjacent whitespace into the token.

#include "tokenizer/added_vocabulary.h"

#include "core/utf8.h"
#include "tokenizer/unicode.h"

namespace sft::tok {

namespace {

bool isWordChar(char32_t c) { return unicode::isWordChar(c); }

/** The last code point before byte pos. */
char32_t lastCodePoint(std::string_view s, std::size_t pos)
{
    std::size_t b = pos;
    while (b > 0 && (static_cast<unsigned char>(s[b - 1]) & 0xC0) == 0x80)
        --b;
    if (b > 0)
        --b;
    return utf8::decode(s, b);
}

} // namespace

void AddedVocabulary::Trie::add(std::string_view pattern, std::int32_t tokenIndex)
{
    if (terminal.empty())
        terminal.push_back(-1);
    if (pattern.empty())
        return;   // HF never matches an empty pattern
    std::int32_t node = 0;
    for (unsigned char c : pattern) {
        const std::uint64_t key = (std::uint64_t(node) << 8) | c;
        auto it = edges.find(key);
        if (it == edges.end()) {
            const std::int32_t next = std::int32_t(terminal.size());
            terminal.push_back(-1);
            it = edges.emplace(key, next).first;
        }
        node = it->second;
    }
    if (terminal[std::size_t(node)] < 0)   // the first token with this pattern wins
        terminal[std::size_t(node)] = tokenIndex;
    firstByte[static_cast<unsigned char>(pattern[0])] = true;
}

std::int32_t AddedVocabulary::Trie::longestAt(std::string_view s, std::size_t pos, std::size_t &length) const
{
    std::int32_t node = 0;
    std::int32_t best = -1;
    for (std::size_t i = pos; i < s.size(); ++i) {
        auto it = edges.find((std::uint64_t(node) << 8) | static_cast<unsigned char>(s[i]));
        if (it == edges.end())
            break;
        node = it->second;
        if (terminal[std::size_t(node)] >= 0) {
            best = terminal[std::size_t(node)];
            length = i + 1 - pos;
        }
    }
    return best;
}

void AddedVocabulary::build(std::vector<AddedToken> tokens,
                            const std::function<std::string(const std::string &)> &normalize)
{
    m_tokens = std::move(tokens);
    m_byId.clear();
    m_byContent.clear();
    m_raw = Trie();
    m_normalized = Trie();
    m_raw.terminal.push_back(-1);
    m_normalized.terminal.push_back(-1);
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const AddedToken &t = m_tokens[i];
        m_byId.emplace(t.id, i);
        m_byContent.emplace(t.content, i);
        if (t.normalized)
            m_normalized.add(normalize(t.content), std::int32_t(i));
        else
            m_raw.add(t.content, std::int32_t(i));
    }
}

const AddedToken *AddedVocabulary::byId(std::int32_t id) const
{
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : &m_tokens[it->second];
}

std::int32_t AddedVocabulary::idOf(std::string_view content) const
{
    auto it = m_byContent.find(std::string(content));
    return it == m_byContent.end() ? -1 : m_tokens[it->second].id;
}

void AddedVocabulary::split(std::string_view s, bool normalizedTable, std::vector<TextSegment> &out) const
{
    out.clear();
    const Trie &trie = normalizedTable ? m_normalized : m_raw;
    if (trie.empty()) {
        if (!s.empty())
            out.push_back(TextSegment{0, s.size(), -1});
        return;
    }
    std::size_t startOffset = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        std::size_t len = 0;
        const std::int32_t index = trie.firstByte[static_cast<unsigned char>(s[pos])] ? trie.longestAt(s, pos, len) : -1;
        if (index < 0) {
            ++pos;
            continue;
        }
        const AddedToken &t = m_tokens[std::size_t(index)];
        std::size_t start = pos;
        std::size_t stop = pos + len;
        pos = stop;   // the next match starts after this one's text, whatever lstrip/rstrip do
        if (t.singleWord) {
            const bool startSpace = start == 0 || !isWordChar(lastCodePoint(s, start));
            std::size_t k = stop;
            const bool stopSpace = stop == s.size() || !isWordChar(utf8::decode(s, k));
            if (!startSpace || !stopSpace)
                continue;
        }
        if (t.lstrip) {
            std::size_t b = start;
            while (b > 0) {
                std::size_t p = b - 1;
                while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80)
                    --p;
                std::size_t q = p;
                if (!unicode::isWhitespace(utf8::decode(s, q)))
                    break;
                b = p;
            }
            start = std::max(b, startOffset);
        }
        if (t.rstrip) {
            while (stop < s.size()) {
                std::size_t q = stop;
                if (!unicode::isWhitespace(utf8::decode(s, q)))
                    break;
                stop = q;
            }
        }
        if (startOffset < start)
            out.push_back(TextSegment{startOffset, start, -1});
        out.push_back(TextSegment{start, stop, t.id});
        startOffset = stop;
    }
    if (startOffset < s.size())
        out.push_back(TextSegment{startOffset, s.size(), -1});
}

} // namespace sft::tok
