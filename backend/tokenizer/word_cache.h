#pragma once
// A per-thread cache of tokenized words (pre-tokenized piece -> ids, and for
// encodeWithOffsets each token's length in bytes of the piece) for one
// tokenizer instance at a time: encode() stays lock-free and thread-safe while
// repeated words skip the BPE merge loop.

#include "tokenizer/string_table.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sft::tok {

class WordCache
{
public:
    static constexpr std::size_t kMaxWordBytes = 256;
    static constexpr std::size_t kMaxEntries = 1 << 17;

    /**
     * The cache of this thread, emptied when it last served another tokenizer.
     * withLengths: the one whose entries also keep token lengths (each thread
     * has one of each kind, so encode() never pays for lengths).
     */
    static WordCache &forThread(std::uint64_t owner, bool withLengths = false)
    {
        static thread_local WordCache plain, lengths;
        WordCache &cache = withLengths ? lengths : plain;
        if (cache.m_owner != owner) {
            cache.clear();
            cache.m_owner = owner;
        }
        return cache;
    }

    /**
     * Append the cached ids of word to out (and, in a cache with lengths, their
     * lengths to lengths); false when not cached.
     */
    bool lookup(std::string_view word, std::vector<std::int32_t> &out, std::vector<std::uint32_t> *lengths = nullptr) const
    {
        const std::int32_t e = m_map.find(word);
        if (e < 0)
            return false;
        const Entry &en = m_entries[std::size_t(e)];
        out.insert(out.end(), m_ids.begin() + en.offset, m_ids.begin() + en.offset + en.length);
        if (lengths)
            lengths->insert(lengths->end(), m_lengths.begin() + en.offset, m_lengths.begin() + en.offset + en.length);
        return true;
    }
    /** Remember word's n ids; a cache with lengths needs their n lengths too, every time. */
    void store(std::string_view word, const std::int32_t *ids, std::size_t n, const std::uint32_t *lengths = nullptr)
    {
        if (word.size() > kMaxWordBytes)
            return;
        if (m_entries.size() >= kMaxEntries)
            clear();
        m_map.insert(word, std::int32_t(m_entries.size()));
        m_entries.push_back(Entry{std::uint32_t(m_ids.size()), std::uint32_t(n)});
        m_ids.insert(m_ids.end(), ids, ids + n);
        if (lengths)
            m_lengths.insert(m_lengths.end(), lengths, lengths + n);
    }

private:
    struct Entry { std::uint32_t offset; std::uint32_t length; };
    void clear()
    {
        m_map = StringIdMap();
        m_entries.clear();
        m_ids.clear();
        m_lengths.clear();
    }
    std::uint64_t m_owner = 0;
    StringIdMap m_map;
    std::vector<Entry> m_entries;
    std::vector<std::int32_t> m_ids;
    std::vector<std::uint32_t> m_lengths;   ///< parallel to m_ids in a cache with lengths, else empty
};

} // namespace sft::tok
