#pragma once
// Internal to the dedup engine: records as flat token-id arrays plus their
// "elements" (token, occurrence number) ranked rarest first, the order the
// prefix filter needs.

#include <cstdint>
#include <vector>

namespace sft::rouge {

/** Token ids and ranked multiset elements of every record, in flat arrays. */
class Corpus
{
public:
    Corpus(const std::vector<std::vector<std::uint32_t>> &records, std::uint32_t vocabularySize);

    std::size_t size() const { return m_offsets.size() - 1; }
    std::uint32_t length(std::size_t i) const { return std::uint32_t(m_offsets[i + 1] - m_offsets[i]); }
    const std::uint32_t *tokens(std::size_t i) const { return m_tokens.data() + m_offsets[i]; }
    /** The record's elements as ranks, increasing (rarest first). */
    const std::uint32_t *elements(std::size_t i) const { return m_elements.data() + m_offsets[i]; }
    std::uint32_t elementCount() const { return m_elementCount; }
    std::uint32_t vocabularySize() const { return m_vocabularySize; }
    std::uint32_t maxLength() const { return m_maxLength; }

private:
    std::vector<std::size_t> m_offsets;
    std::vector<std::uint32_t> m_tokens;
    std::vector<std::uint32_t> m_elements;
    std::uint32_t m_elementCount = 0;
    std::uint32_t m_vocabularySize = 0;
    std::uint32_t m_maxLength = 0;
};

} // namespace sft::rouge
