#pragma once
// Small open-addressing hash tables for the BPE hot path: strings looked up by
// string_view without building a std::string, and (left id, right id) pairs.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sft::tok {

inline std::uint64_t hashBytes(std::string_view s)
{
    std::uint64_t h = 1469598103934665603ull;   // FNV-1a, then a final mix
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

/** string -> int32 map; keys stored in one arena. Later inserts of a key overwrite. */
class StringIdMap
{
public:
    void reserve(std::size_t n)
    {
        std::size_t cap = 16;
        while (cap < n * 2)
            cap <<= 1;
        rehash(cap);
    }
    void insert(std::string_view key, std::int32_t value)
    {
        if ((m_count + 1) * 2 > m_slots.size())
            rehash(m_slots.empty() ? 16 : m_slots.size() * 2);
        const std::uint64_t h = hashBytes(key);
        std::size_t i = h & (m_slots.size() - 1);
        while (m_slots[i].used) {
            if (m_slots[i].hash == h && keyAt(m_slots[i]) == key) {
                m_slots[i].value = value;
                return;
            }
            i = (i + 1) & (m_slots.size() - 1);
        }
        m_slots[i] = Slot{h, std::uint32_t(m_arena.size()), std::uint32_t(key.size()), value, true};
        m_arena.append(key.data(), key.size());
        ++m_count;
    }
    /** The value, or -1 when absent. */
    std::int32_t find(std::string_view key) const
    {
        if (m_slots.empty())
            return -1;
        const std::uint64_t h = hashBytes(key);
        std::size_t i = h & (m_slots.size() - 1);
        while (m_slots[i].used) {
            if (m_slots[i].hash == h && keyAt(m_slots[i]) == key)
                return m_slots[i].value;
            i = (i + 1) & (m_slots.size() - 1);
        }
        return -1;
    }
    std::size_t size() const { return m_count; }
    template <class F> void forEach(F f) const
    {
        for (const Slot &s : m_slots)
            if (s.used)
                f(keyAt(s), s.value);
    }

private:
    struct Slot { std::uint64_t hash; std::uint32_t offset; std::uint32_t length; std::int32_t value; bool used; };
    std::string_view keyAt(const Slot &s) const { return std::string_view(m_arena).substr(s.offset, s.length); }
    void rehash(std::size_t cap)
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(cap, Slot{0, 0, 0, 0, false});
        for (const Slot &s : old) {
            if (!s.used)
                continue;
            std::size_t i = s.hash & (cap - 1);
            while (m_slots[i].used)
                i = (i + 1) & (cap - 1);
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::string m_arena;
    std::size_t m_count = 0;
};

/** (left, right) id pair -> (rank, merged id); later inserts overwrite. */
class PairMap
{
public:
    struct Value { std::int32_t rank; std::int32_t id; };
    void reserve(std::size_t n)
    {
        std::size_t cap = 16;
        while (cap < n * 2)
            cap <<= 1;
        m_keys.assign(cap, kEmpty);
        m_values.assign(cap, Value{0, 0});
    }
    void insert(std::int32_t a, std::int32_t b, Value v)
    {
        if ((m_count + 1) * 2 > m_keys.size())
            grow();
        const std::uint64_t k = key(a, b);
        std::size_t i = mix(k) & (m_keys.size() - 1);
        while (m_keys[i] != kEmpty && m_keys[i] != k)
            i = (i + 1) & (m_keys.size() - 1);
        if (m_keys[i] == kEmpty)
            ++m_count;
        m_keys[i] = k;
        m_values[i] = v;
    }
    const Value *find(std::int32_t a, std::int32_t b) const
    {
        if (m_keys.empty())
            return nullptr;
        const std::uint64_t k = key(a, b);
        std::size_t i = mix(k) & (m_keys.size() - 1);
        while (m_keys[i] != kEmpty) {
            if (m_keys[i] == k)
                return &m_values[i];
            i = (i + 1) & (m_keys.size() - 1);
        }
        return nullptr;
    }
    std::size_t size() const { return m_count; }

private:
    static constexpr std::uint64_t kEmpty = ~0ull;
    static std::uint64_t key(std::int32_t a, std::int32_t b)
    {
        return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b);
    }
    static std::uint64_t mix(std::uint64_t k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdull;
        return k ^ (k >> 33);
    }
    void grow()
    {
        std::vector<std::uint64_t> keys;
        std::vector<Value> values;
        keys.swap(m_keys);
        values.swap(m_values);
        reserve(keys.empty() ? 8 : keys.size());
        m_count = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != kEmpty)
                insert(std::int32_t(keys[i] >> 32), std::int32_t(keys[i] & 0xffffffffu), values[i]);
    }
    std::vector<std::uint64_t> m_keys;
    std::vector<Value> m_values;
    std::size_t m_count = 0;
};

} // namespace sft::tok
