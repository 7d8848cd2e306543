// BPE loading (hostile-input checks) and the merge loop. The loop is HF's:
// a min-heap of (rank, position) over adjacent pairs, skipping stale entries,
// which is the classic "merge the lowest-ranked pair, leftmost first" rule.

#include "tokenizer/bpe_model.h"

#include "core/utf8.h"
#include "tokenizer/byte_level.h"

#include <algorithm>
#include <cstdio>
#include <queue>

namespace sft::tok {

namespace {
constexpr std::int64_t kMaxId = (std::int64_t(1) << 31) - 2;
}

void BpeModel::load(const JsonField &model)
{
    if (model.hasValue("dropout")) {
        const JsonField d = model["dropout"];
        if (!d.value().is_number())
            d.fail("expected a number or null");
        if (d.value().get<double>() != 0.0)
            d.fail("BPE dropout is random at encode time and is not supported");
    }
    m_hasUnk = model.hasValue("unk_token");
    if (m_hasUnk)
        m_unkToken = model["unk_token"].str();
    m_prefix = model.optStr("continuing_subword_prefix", "");
    m_suffix = model.optStr("end_of_word_suffix", "");
    m_fuseUnk = model.optBool("fuse_unk", false);
    m_byteFallback = model.optBool("byte_fallback", false);
    m_ignoreMerges = model.optBool("ignore_merges", false);

    const JsonField vocabField = model["vocab"].object();
    std::vector<std::pair<std::string, std::int32_t>> vocab;
    vocab.reserve(vocabField.value().size());
    for (auto it = vocabField.value().begin(); it != vocabField.value().end(); ++it) {
        const JsonField entry(it.value(), vocabField.path() + "[\"" + it.key() + "\"]", nullptr);
        if (!utf8::isValid(it.key()))
            JsonField(it.value(), vocabField.path(), nullptr).fail("a vocab token is not valid UTF-8");
        std::int64_t id = 0;
        try {
            id = entry.integer(0, kMaxId);
        } catch (const Error &) {
            vocabField.fail("token \"" + it.key() + "\" has an id that is not an integer in [0, 2^31)");
        }
        vocab.emplace_back(it.key(), std::int32_t(id));
    }

    const JsonField mergesField = model["merges"].array();
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(mergesField.size());
    for (std::size_t i = 0; i < mergesField.size(); ++i) {
        const JsonField m = mergesField[i];
        if (m.value().is_string()) {
            const std::string s = m.str();
            const std::size_t space = s.find(' ');
            if (space == std::string::npos)
                m.fail("a merge must be \"left right\" (two tokens separated by one space)");
            merges.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.value().is_array()) {
            if (m.size() != 2)
                m.fail("a merge must be a pair [left, right]");
            merges.emplace_back(m[std::size_t(0)].str(), m[std::size_t(1)].str());
        } else {
            m.fail("a merge must be a string or a pair of strings");
        }
    }
    build(vocab, merges, &mergesField);
}

void BpeModel::build(const std::vector<std::pair<std::string, std::int32_t>> &vocab,
                     const std::vector<std::pair<std::string, std::string>> &merges, const JsonField *where)
{
    auto fail = [&](const std::string &msg) {
        if (where)
            where->fail(msg);
        throw Error(msg);
    };
    std::int64_t maxId = -1;
    for (const auto &v : vocab)
        maxId = std::max<std::int64_t>(maxId, v.second);
    if (maxId >= std::int64_t(vocab.size()) * 4 + 4096)
        fail("vocab ids are too sparse (largest id " + std::to_string(maxId) + " for " + std::to_string(vocab.size()) +
             " tokens)");
    m_vocab = StringIdMap();
    m_vocab.reserve(vocab.size());
    m_idToToken.assign(std::size_t(maxId + 1), std::string());
    m_hasId.assign(std::size_t(maxId + 1), false);
    for (const auto &v : vocab) {
        m_vocab.insert(v.first, v.second);
        m_idToToken[std::size_t(v.second)] = v.first;
        m_hasId[std::size_t(v.second)] = true;
    }
    m_merges = PairMap();
    m_merges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto &[a, b] = merges[rank];
        const std::int32_t ia = m_vocab.find(a);
        const std::int32_t ib = m_vocab.find(b);
        if (ia < 0 || ib < 0)
            fail("merge " + std::to_string(rank) + " (\"" + a + "\", \"" + b + "\") uses a token that is not in the vocab");
        std::string merged = a;
        merged += std::string_view(b).substr(std::min(m_prefix.size(), b.size()) * (b.compare(0, m_prefix.size(), m_prefix) == 0));
        const std::int32_t im = m_vocab.find(merged);
        if (im < 0)
            fail("merge " + std::to_string(rank) + " gives \"" + merged + "\", which is not in the vocab");
        m_merges.insert(ia, ib, PairMap::Value{std::int32_t(rank), im});
    }
    m_unkId = m_hasUnk ? m_vocab.find(m_unkToken) : -1;
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        m_byteFallbackIds[b] = m_vocab.find(name);
        m_byteSymbolIds[b] = m_vocab.find(byteToChar(std::uint8_t(b)));
    }
    m_allByteSymbols = m_prefix.empty() && m_suffix.empty() &&
                       std::all_of(std::begin(m_byteSymbolIds), std::end(m_byteSymbolIds), [](std::int32_t i) { return i >= 0; });
}

const std::string *BpeModel::idToToken(std::int32_t id) const
{
    if (id < 0 || std::size_t(id) >= m_idToToken.size() || !m_hasId[std::size_t(id)])
        return nullptr;
    return &m_idToToken[std::size_t(id)];
}

void BpeModel::wordToSymbols(std::string_view w, std::vector<Symbol> &symbols) const
{
    symbols.clear();
    std::int32_t unkId = -1;
    std::uint32_t unkLen = 0;
    bool pendingUnk = false;
    auto add = [&](std::int32_t id, std::uint32_t len) {
        const std::int32_t n = std::int32_t(symbols.size());
        symbols.push_back(Symbol{id, n - 1, n + 1, len});
    };
    std::string buf;
    for (std::size_t i = 0; i < w.size();) {
        const std::size_t start = i;
        utf8::decode(w, i);
        const std::uint32_t byteLen = std::uint32_t(i - start);
        std::string_view piece = w.substr(start, byteLen);
        if ((!m_prefix.empty() && start != 0) || (!m_suffix.empty() && i == w.size())) {
            buf.clear();
            if (start != 0)
                buf += m_prefix;
            buf += piece;
            if (i == w.size())
                buf += m_suffix;
            piece = buf;
        }
        const std::int32_t id = m_vocab.find(piece);
        if (id >= 0) {
            if (pendingUnk) {
                add(unkId, unkLen);
                pendingUnk = false;
            }
            add(id, byteLen);
            continue;
        }
        if (m_byteFallback) {
            bool all = true;
            for (unsigned char c : piece)
                all = all && m_byteFallbackIds[c] >= 0;
            if (all) {
                for (unsigned char c : piece)
                    add(m_byteFallbackIds[c], 1);
                continue;
            }
        }
        if (m_hasUnk) {
            if (m_unkId < 0)
                throw Error("the unk_token \"" + m_unkToken + "\" is not in the vocab");
            if (pendingUnk && m_fuseUnk) {
                unkLen += byteLen;
            } else {
                if (pendingUnk)
                    add(unkId, unkLen);
                pendingUnk = true;
                unkId = m_unkId;
                unkLen = byteLen;
            }
        }
    }
    if (pendingUnk)
        add(unkId, unkLen);
    if (!symbols.empty())
        symbols.back().next = -1;
}

void BpeModel::mergeAll(std::vector<Symbol> &symbols) const
{
    struct Entry { std::int32_t rank; std::int32_t pos; std::int32_t newId; };
    auto later = [](const Entry &a, const Entry &b) { return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos; };
    std::vector<Entry> heap;
    heap.reserve(symbols.size());
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i)
        if (const PairMap::Value *m = m_merges.find(symbols[i].id, symbols[i + 1].id))
            heap.push_back(Entry{m->rank, std::int32_t(i), m->id});
    std::make_heap(heap.begin(), heap.end(), later);
    const std::int32_t n = std::int32_t(symbols.size());
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), later);
        const Entry top = heap.back();
        heap.pop_back();
        Symbol &cur = symbols[std::size_t(top.pos)];
        if (cur.len == 0 || cur.next < 0)
            continue;
        const std::int32_t nextPos = cur.next;
        const Symbol right = symbols[std::size_t(nextPos)];
        const PairMap::Value *m = m_merges.find(cur.id, right.id);
        if (!m || m->id != top.newId)
            continue;
        cur.id = top.newId;
        cur.len += right.len;
        cur.next = right.next;
        symbols[std::size_t(nextPos)].len = 0;
        if (right.next >= 0 && right.next < n)
            symbols[std::size_t(right.next)].prev = top.pos;
        if (cur.prev >= 0) {
            const Symbol &prev = symbols[std::size_t(cur.prev)];
            if (const PairMap::Value *pm = m_merges.find(prev.id, cur.id)) {
                heap.push_back(Entry{pm->rank, cur.prev, pm->id});
                std::push_heap(heap.begin(), heap.end(), later);
            }
        }
        if (cur.next >= 0 && cur.next < n) {
            if (const PairMap::Value *nm = m_merges.find(cur.id, symbols[std::size_t(cur.next)].id)) {
                heap.push_back(Entry{nm->rank, top.pos, nm->id});
                std::push_heap(heap.begin(), heap.end(), later);
            }
        }
    }
}

void BpeModel::tokenize(std::string_view word, std::vector<std::int32_t> &out, std::vector<std::uint32_t> *lengths) const
{
    if (word.empty())
        return;
    if (m_ignoreMerges) {
        const std::int32_t id = m_vocab.find(word);
        if (id >= 0) {
            out.push_back(id);
            if (lengths)
                lengths->push_back(std::uint32_t(word.size()));
            return;
        }
    }
    static thread_local std::vector<Symbol> symbols;
    wordToSymbols(word, symbols);
    mergeAll(symbols);
    for (const Symbol &s : symbols)
        if (s.len != 0) {
            out.push_back(s.id);
            if (lengths)
                lengths->push_back(s.len);
        }
}

void BpeModel::tokenizeRawBytes(std::string_view bytes, std::vector<std::int32_t> &out,
                                std::vector<std::uint32_t> *lengths) const
{
    if (bytes.empty())
        return;
    static thread_local std::vector<Symbol> symbols;
    if (m_ignoreMerges) {
        static thread_local std::string mapped;
        mapped.clear();
        appendByteLevel(mapped, bytes);
        const std::int32_t id = m_vocab.find(mapped);
        if (id >= 0) {
            out.push_back(id);
            if (lengths)
                lengths->push_back(std::uint32_t(bytes.size()));
            return;
        }
    }
    symbols.clear();
    const std::int32_t n = std::int32_t(bytes.size());
    for (std::int32_t i = 0; i < n; ++i)
        symbols.push_back(Symbol{m_byteSymbolIds[static_cast<unsigned char>(bytes[std::size_t(i)])], i - 1,
                                 i + 1 < n ? i + 1 : -1, 1});
    mergeAll(symbols);
    for (const Symbol &s : symbols)
        if (s.len != 0) {
            out.push_back(s.id);
            if (lengths)
                lengths->push_back(s.len);
        }
}

} // namespace sft::tok
