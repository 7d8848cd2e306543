// Byte-level BPE training for the demo model: pre-tokenize with the Qwen2
// regex (special tokens cut out first), count words, then repeatedly merge the
// most frequent adjacent pair (ties: smaller left, then right byte string),
// updating pair counts only in the words that contain the merged pair.

#include "tokenizer/bpe_trainer.h"

#include "core/error.h"
#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/pretokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

namespace sft {

namespace {

using Key = std::uint64_t;
Key pairKey(std::int32_t a, std::int32_t b) { return (Key(std::uint32_t(a)) << 32) | std::uint32_t(b); }
std::int32_t leftOf(Key k) { return std::int32_t(k >> 32); }
std::int32_t rightOf(Key k) { return std::int32_t(k & 0xffffffffu); }

/** Cut the special tokens out of text, then add the regex pieces to counts. */
void countWords(const std::string &text, const std::vector<std::string> &specials,
                std::map<std::string, std::int64_t> &counts)
{
    std::vector<tok::Span> matches;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t next = std::string::npos, len = 0;
        for (const std::string &s : specials) {
            const std::size_t p = text.find(s, pos);
            if (p != std::string::npos && (p < next || (p == next && s.size() > len))) {
                next = p;
                len = s.size();
            }
        }
        const std::string_view part = std::string_view(text).substr(pos, (next == std::string::npos ? text.size() : next) - pos);
        tok::findRegexMatches(tok::RegexKind::Qwen2, part, matches);
        for (const tok::Span &m : matches)
            ++counts[std::string(part.substr(m.first, m.second - m.first))];
        if (next == std::string::npos)
            break;
        pos = next + len;
    }
}

std::string byteLevel(const std::string &raw)
{
    std::string out;
    tok::appendByteLevel(out, raw);
    return out;
}

} // namespace

std::string trainByteLevelBpe(const std::vector<std::string> &texts, int vocabSize,
                              const std::vector<std::string> &specialTokens)
{
    std::set<std::string> seen;
    for (const std::string &s : specialTokens) {
        if (s.empty())
            throw Error("trainByteLevelBpe: a special token is empty");
        if (!utf8::isValid(s))
            throw Error("trainByteLevelBpe: special token is not valid UTF-8");
        if (!seen.insert(s).second)
            throw Error("trainByteLevelBpe: special token \"" + s + "\" is listed twice");
    }
    const std::int64_t learned = std::int64_t(vocabSize) - std::int64_t(specialTokens.size());
    if (learned < 256)
        throw Error("trainByteLevelBpe: vocabSize " + std::to_string(vocabSize) + " must be at least 256 + " +
                    std::to_string(specialTokens.size()) + " special tokens");
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (!utf8::isValid(texts[i]))
            throw Error("trainByteLevelBpe: text " + std::to_string(i + 1) + " is not valid UTF-8");

    std::map<std::string, std::int64_t> wordCounts;
    for (const std::string &t : texts)
        countWords(t, specialTokens, wordCounts);

    // symbols: ids 0..255 are the bytes, learned tokens follow
    std::vector<std::string> tokenBytes(256);
    for (int b = 0; b < 256; ++b)
        tokenBytes[std::size_t(b)] = std::string(1, char(b));
    std::unordered_map<std::string, std::int32_t> tokenIds;
    for (int b = 0; b < 256; ++b)
        tokenIds[tokenBytes[std::size_t(b)]] = b;

    std::vector<std::vector<std::int32_t>> words;
    std::vector<std::int64_t> freq;
    for (const auto &[w, c] : wordCounts) {
        std::vector<std::int32_t> s;
        for (unsigned char ch : w)
            s.push_back(ch);
        words.push_back(std::move(s));
        freq.push_back(c);
    }

    std::unordered_map<Key, std::int64_t> pairCount;
    std::unordered_map<Key, std::vector<std::int32_t>> pairWords;
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (std::size_t i = 0; i + 1 < words[w].size(); ++i) {
            const Key k = pairKey(words[w][i], words[w][i + 1]);
            pairCount[k] += freq[w];
            pairWords[k].push_back(std::int32_t(w));
        }
    }

    struct Entry { std::int64_t count; Key key; };
    auto worse = [&](const Entry &a, const Entry &b) {
        if (a.count != b.count)
            return a.count < b.count;
        const std::string &al = tokenBytes[std::size_t(leftOf(a.key))], &bl = tokenBytes[std::size_t(leftOf(b.key))];
        if (al != bl)
            return al > bl;
        return tokenBytes[std::size_t(rightOf(a.key))] > tokenBytes[std::size_t(rightOf(b.key))];
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
    for (const auto &[k, c] : pairCount)
        heap.push(Entry{c, k});

    std::vector<std::pair<std::int32_t, std::int32_t>> merges;
    std::vector<std::int64_t> stamp(words.size(), -1);
    while (std::int64_t(tokenBytes.size()) < learned && !heap.empty()) {
        const Entry top = heap.top();
        heap.pop();
        auto it = pairCount.find(top.key);
        if (it == pairCount.end() || it->second != top.count)
            continue;   // stale
        if (top.count < 2)
            break;
        const std::int32_t a = leftOf(top.key), b = rightOf(top.key);
        const std::string merged = tokenBytes[std::size_t(a)] + tokenBytes[std::size_t(b)];
        std::int32_t id;
        auto found = tokenIds.find(merged);
        if (found != tokenIds.end()) {
            id = found->second;
        } else {
            id = std::int32_t(tokenBytes.size());
            tokenBytes.push_back(merged);
            tokenIds.emplace(merged, id);
        }
        merges.emplace_back(a, b);

        std::set<Key> touched;
        const std::vector<std::int32_t> affected = std::move(pairWords[top.key]);
        pairWords.erase(top.key);
        const std::int64_t mergeNo = std::int64_t(merges.size());
        for (std::int32_t w : affected) {
            if (stamp[std::size_t(w)] == mergeNo)
                continue;
            stamp[std::size_t(w)] = mergeNo;
            std::vector<std::int32_t> &s = words[std::size_t(w)];
            bool has = false;
            for (std::size_t i = 0; i + 1 < s.size() && !has; ++i)
                has = s[i] == a && s[i + 1] == b;
            if (!has)
                continue;
            for (std::size_t i = 0; i + 1 < s.size(); ++i) {
                const Key k = pairKey(s[i], s[i + 1]);
                pairCount[k] -= freq[std::size_t(w)];
                touched.insert(k);
            }
            std::vector<std::int32_t> t;
            t.reserve(s.size());
            for (std::size_t i = 0; i < s.size(); ++i) {
                if (i + 1 < s.size() && s[i] == a && s[i + 1] == b) {
                    t.push_back(id);
                    ++i;
                } else {
                    t.push_back(s[i]);
                }
            }
            s.swap(t);
            for (std::size_t i = 0; i + 1 < s.size(); ++i) {
                const Key k = pairKey(s[i], s[i + 1]);
                pairCount[k] += freq[std::size_t(w)];
                if (k != top.key)
                    pairWords[k].push_back(w);
                touched.insert(k);
            }
        }
        for (Key k : touched) {
            auto c = pairCount.find(k);
            if (c == pairCount.end())
                continue;
            if (c->second <= 0)
                pairCount.erase(c);
            else if (k != top.key)
                heap.push(Entry{c->second, k});
        }
        pairCount.erase(top.key);
    }

    using OJ = nlohmann::ordered_json;
    OJ vocab = OJ::object();
    for (std::size_t i = 0; i < tokenBytes.size(); ++i)
        vocab[byteLevel(tokenBytes[i])] = i;
    OJ mergeList = OJ::array();
    for (const auto &[a, b] : merges)
        mergeList.push_back(OJ::array({byteLevel(tokenBytes[std::size_t(a)]), byteLevel(tokenBytes[std::size_t(b)])}));
    OJ added = OJ::array();
    for (std::size_t i = 0; i < specialTokens.size(); ++i) {
        added.push_back(OJ{{"id", tokenBytes.size() + i}, {"content", specialTokens[i]}, {"single_word", false},
                           {"lstrip", false}, {"rstrip", false}, {"normalized", false}, {"special", true}});
    }
    const OJ byteLevelStep = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}};
    OJ doc;
    doc["version"] = "1.0";
    doc["truncation"] = nullptr;
    doc["padding"] = nullptr;
    doc["added_tokens"] = added;
    doc["normalizer"] = nullptr;
    doc["pre_tokenizer"] = {
        {"type", "Sequence"},
        {"pretokenizers",
         OJ::array({OJ{{"type", "Split"}, {"pattern", {{"Regex", tok::regexPattern(tok::RegexKind::Qwen2)}}},
                       {"behavior", "Isolated"}, {"invert", false}},
                    byteLevelStep})}};
    doc["post_processor"] = byteLevelStep;
    doc["decoder"] = byteLevelStep;
    doc["model"] = {{"type", "BPE"},          {"dropout", nullptr},      {"unk_token", nullptr},
                    {"continuing_subword_prefix", nullptr}, {"end_of_word_suffix", nullptr},
                    {"fuse_unk", false},      {"byte_fallback", false},  {"ignore_merges", false},
                    {"vocab", vocab},         {"merges", mergeList}};
    return doc.dump(1);
}

} // namespace sft
