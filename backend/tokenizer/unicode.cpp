// Lookups in the generated Unicode tables and the NFC/NFD algorithms
// (canonical decomposition, canonical ordering, canonical composition with
// algorithmic Hangul), as UAX #15 defines them.

#include "tokenizer/unicode.h"

#include "core/utf8.h"
#include "tokenizer/unicode_tables.h"

#include <algorithm>
#include <vector>

namespace sft::unicode {

namespace {

using namespace tables;

bool inRanges(const Range *r, std::size_t n, char32_t cp)
{
    const Range *end = r + n;
    const Range *it = std::upper_bound(r, end, cp, [](char32_t c, const Range &x) { return c < x.first; });
    return it != r && cp <= (it - 1)->last;
}

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr int kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

void decompose(char32_t cp, std::vector<char32_t> &out)
{
    if (cp >= kSBase && cp < kSBase + kSCount) {
        const int s = int(cp - kSBase);
        out.push_back(kLBase + s / kNCount);
        out.push_back(kVBase + (s % kNCount) / kTCount);
        if (s % kTCount)
            out.push_back(kTBase + s % kTCount);
        return;
    }
    const Decomposition *end = kDecompositions + kDecompositionCount;
    const Decomposition *it = std::lower_bound(kDecompositions, end, cp,
                                               [](const Decomposition &d, char32_t c) { return d.cp < c; });
    if (it != end && it->cp == cp)
        out.insert(out.end(), kDecompositionData + it->offset, kDecompositionData + it->offset + it->length);
    else
        out.push_back(cp);
}

char32_t compose(char32_t a, char32_t b)
{
    if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
        return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
    if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
        return a + (b - kTBase);
    const Composition *end = kCompositions + kCompositionCount;
    const Composition *it = std::lower_bound(kCompositions, end, std::make_pair(a, b),
                                             [](const Composition &c, const std::pair<char32_t, char32_t> &k) {
                                                 return c.first < k.first || (c.first == k.first && c.second < k.second);
                                             });
    if (it != end && it->first == a && it->second == b)
        return it->composite;
    return 0;
}

std::vector<char32_t> decomposeOrdered(std::string_view s)
{
    std::vector<char32_t> cps;
    cps.reserve(s.size());
    for (std::size_t i = 0; i < s.size();)
        decompose(utf8::decode(s, i), cps);
    // canonical ordering: stable sort of each run of non-starters by ccc
    for (std::size_t i = 0; i < cps.size();) {
        if (combiningClass(cps[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < cps.size() && combiningClass(cps[j]) != 0)
            ++j;
        std::stable_sort(cps.begin() + i, cps.begin() + j,
                         [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = j;
    }
    return cps;
}

} // namespace

bool isLetter(char32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return inRanges(kLetters, kLettersCount, cp);
}

bool isNumber(char32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return inRanges(kNumbers, kNumbersCount, cp);
}

bool isWhitespace(char32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

CharClass classify(char32_t cp)
{
    if (cp == '\r' || cp == '\n')
        return CharClass::LineBreak;
    if (isWhitespace(cp))
        return CharClass::Space;
    if (isLetter(cp))
        return CharClass::Letter;
    if (isNumber(cp))
        return CharClass::Number;
    return CharClass::Other;
}

bool isWordChar(char32_t cp)
{
    if (cp < 0x80)
        return isLetter(cp) || isNumber(cp) || cp == '_';
    return inRanges(kWordChars, kWordCharsCount, cp);
}

int combiningClass(char32_t cp)
{
    if (cp < 0x300)
        return 0;
    const CombiningRange *end = kCombining + kCombiningCount;
    const CombiningRange *it = std::upper_bound(kCombining, end, cp,
                                                [](char32_t c, const CombiningRange &r) { return c < r.first; });
    if (it != kCombining && cp <= (it - 1)->last)
        return (it - 1)->ccc;
    return 0;
}

bool isNfcQuick(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0xCC) {   // below U+0300 nothing changes under NFC
            ++i;
            continue;
        }
        const char32_t cp = utf8::decode(s, i);
        if (inRanges(kNfcCheck, kNfcCheckCount, cp))
            return false;
    }
    return true;
}

std::string toNfd(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : decomposeOrdered(s))
        utf8::append(out, cp);
    return out;
}

std::string toNfc(std::string_view s)
{
    if (isNfcQuick(s))
        return std::string(s);
    std::vector<char32_t> cps = decomposeOrdered(s);
    // canonical composition (UAX #15, D117)
    std::size_t starter = 0;
    bool haveStarter = false;
    int lastCcc = -1;
    std::size_t w = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        const int ccc = combiningClass(c);
        if (haveStarter) {
            const bool blocked = w > starter + 1 && (lastCcc == 0 || lastCcc >= ccc);
            if (!blocked) {
                if (char32_t comp = compose(cps[starter], c)) {
                    cps[starter] = comp;
                    continue;
                }
            }
        }
        if (ccc == 0) {
            starter = w;
            haveStarter = true;
            lastCcc = -1;
        } else {
            lastCcc = ccc;
        }
        cps[w++] = c;
    }
    cps.resize(w);
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : cps)
        utf8::append(out, cp);
    return out;
}

const char *tablesVersion() { return kUnicodeVersion; }

} // namespace sft::unicode
