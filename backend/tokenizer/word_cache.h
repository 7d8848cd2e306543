#pragma once
// A per-thread cache of tokenized words (pre-tokenized piece -> ids) for one
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

    /** The cache of this thread, emptied when it last served another tokenizer. */
    static WordCache &forThread(std::uint64_t owner)
    {
        static thread_local WordCache cache;
        if (cache.m_owner != owner) {
            cache.clear();
            cache.m_owner = owner;
        }
        return cache;
    }

    /** Append the cached ids of word to out; false when not cached. */
    bool lookup(std::string_view word, std::vector<std::int32_t> &out) const
    {
        const std::int32_t e = m_map.find(word);
        if (e < 0)
            return false;
        const Entry &en = m_entries[std::size_t(e)];
        out.insert(out.end(), m_ids.begin() + en.offset, m_ids.begin() + en.offset + en.length);
        return true;
    }
    void store(std::string_view word, const std::int32_t *ids, std::size_t n)
    {
        if (word.size() > kMaxWordBytes)
            return;
        if (m_entries.size() >= kMaxEntries)
            clear();
        m_map.insert(word, std::int32_t(m_entries.size()));
        m_entries.push_back(Entry{std::uint32_t(m_ids.size()), std::uint32_t(n)});
        m_ids.insert(m_ids.end(), ids, ids + n);
    }

private:
    struct Entry { std::uint32_t offset; std::uint32_t length; };
    void clear()
    {
        m_map = StringIdMap();
        m_entries.clear();
        m_ids.clear();
    }
    std::uint64_t m_owner = 0;
    StringIdMap m_map;
    std::vector<Entry> m_entries;
    std::vector<std::int32_t> m_ids;
};

} // namespace sft::tok
