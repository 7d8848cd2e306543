// The regex matchers. Each one walks the code points once and, at every
// position, tries the pattern's alternatives in order as Oniguruma would
// (first alternative that matches wins; greedy quantifiers backtrack only
// where the pattern lets them), so the pieces equal HF's onig-based Split.

#include "tokenizer/pretokenizer.h"

#include "core/utf8.h"
#include "tokenizer/unicode.h"

#include <algorithm>

namespace sft::tok {

namespace {

using unicode::CharClass;

const char *const kGpt2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
const char *const kQwen2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const char *const kLlama3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The code points of a piece with their classes and byte offsets. */
struct Decoded
{
    std::vector<char32_t> cp;
    std::vector<CharClass> cls;
    std::vector<std::size_t> off;   // size n + 1

    void decode(std::string_view s)
    {
        cp.clear();
        cls.clear();
        off.clear();
        for (std::size_t i = 0; i < s.size();) {
            off.push_back(i);
            const unsigned char b = static_cast<unsigned char>(s[i]);
            char32_t c;
            if (b < 0x80) {
                c = b;
                ++i;
            } else {
                c = utf8::decode(s, i);
            }
            cp.push_back(c);
            cls.push_back(unicode::classify(c));
        }
        off.push_back(s.size());
    }
    std::size_t size() const { return cp.size(); }
    bool isSpace(std::size_t i) const { return cls[i] == CharClass::Space || cls[i] == CharClass::LineBreak; }
};

/** 's 't 're 've 'm 'll 'd at i; caseless as (?i:) with Unicode folding (ſ folds to s). */
std::size_t matchContraction(const Decoded &d, std::size_t i, bool caseless)
{
    const std::size_t n = d.size();
    if (d.cp[i] != '\'' || i + 1 >= n)
        return 0;
    auto lower = [&](std::size_t k) -> char32_t {
        char32_t c = d.cp[k];
        if (!caseless)
            return c;
        if (c >= 'A' && c <= 'Z')
            return c + 32;
        if (c == 0x17F)   // LATIN SMALL LETTER LONG S folds to 's'
            return 's';
        return c;
    };
    const char32_t a = lower(i + 1);
    if (a == 's' && (caseless || d.cp[i + 1] == 's'))
        return i + 2;
    if (a == 't' || a == 'm' || a == 'd')
        return i + 2;
    if (i + 2 < n) {
        const char32_t b = lower(i + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
            return i + 3;
    }
    return 0;
}

std::size_t runOf(const Decoded &d, std::size_t i, CharClass c)
{
    while (i < d.size() && d.cls[i] == c)
        ++i;
    return i;
}

std::size_t runOfSpace(const Decoded &d, std::size_t i)
{
    while (i < d.size() && d.isSpace(i))
        ++i;
    return i;
}

std::size_t runOfLineBreak(const Decoded &d, std::size_t i)
{
    while (i < d.size() && d.cls[i] == CharClass::LineBreak)
        ++i;
    return i;
}

/** \s+(?!\S) then \s+ at a whitespace position i. */
std::size_t matchTrailingSpace(const Decoded &d, std::size_t i)
{
    const std::size_t e = runOfSpace(d, i);
    if (e == d.size() || e - i >= 2)
        return e == d.size() ? e : e - 1;
    return e;   // a single space before a non-space: the plain \s+ alternative
}

/** Match end (code point index) at i for the GPT-2 pattern; i < n, always matches. */
std::size_t matchGpt2(const Decoded &d, std::size_t i)
{
    if (std::size_t e = matchContraction(d, i, false))
        return e;
    std::size_t j = (d.cp[i] == ' ' && i + 1 < d.size()) ? i + 1 : i;
    for (int pass = 0; pass < 2; ++pass) {
        const CharClass c = d.cls[j];
        if (c == CharClass::Letter || c == CharClass::Number)
            return runOf(d, j, c);
        if (c == CharClass::Other)
            return runOf(d, j, CharClass::Other);
        if (j == i)
            break;
        j = i;   // " ?" matched a space that no letter/number/other follows: try without it
    }
    return matchTrailingSpace(d, i);
}

/** Match end at i for the Qwen2 (maxDigits 1) or Llama-3 (maxDigits 3) pattern. */
std::size_t matchQwen(const Decoded &d, std::size_t i, std::size_t maxDigits)
{
    const std::size_t n = d.size();
    if (std::size_t e = matchContraction(d, i, true))
        return e;
    const CharClass c = d.cls[i];
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (c == CharClass::Letter)
        return runOf(d, i, CharClass::Letter);
    if (c != CharClass::LineBreak && c != CharClass::Number && i + 1 < n && d.cls[i + 1] == CharClass::Letter)
        return runOf(d, i + 1, CharClass::Letter);
    // \p{N}{1,maxDigits}
    if (c == CharClass::Number) {
        std::size_t e = i + 1;
        while (e < n && e - i < maxDigits && d.cls[e] == CharClass::Number)
            ++e;
        return e;
    }
    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    {
        const std::size_t j = (d.cp[i] == ' ') ? i + 1 : i;
        if (j < n && d.cls[j] == CharClass::Other)
            return runOfLineBreak(d, runOf(d, j, CharClass::Other));
    }
    if (d.isSpace(i)) {
        // \s*[\r\n]+ : up to the last line break of the whitespace run
        const std::size_t e = runOfSpace(d, i);
        for (std::size_t k = e; k > i; --k)
            if (d.cls[k - 1] == CharClass::LineBreak)
                return k;
        return matchTrailingSpace(d, i);
    }
    return i + 1;   // not reachable: every class is covered above
}

} // namespace

const char *regexPattern(RegexKind kind)
{
    switch (kind) {
    case RegexKind::Gpt2: return kGpt2;
    case RegexKind::Qwen2: return kQwen2;
    case RegexKind::Llama3: return kLlama3;
    }
    return "";
}

bool recognizeRegex(const std::string &pattern, RegexKind &kind)
{
    for (RegexKind k : {RegexKind::Gpt2, RegexKind::Qwen2, RegexKind::Llama3}) {
        if (pattern == regexPattern(k)) {
            kind = k;
            return true;
        }
    }
    return false;
}

void findRegexMatches(RegexKind kind, std::string_view s, std::vector<Span> &matches)
{
    static thread_local Decoded d;
    d.decode(s);
    matches.clear();
    const std::size_t n = d.size();
    for (std::size_t i = 0; i < n;) {
        std::size_t e = 0;
        switch (kind) {
        case RegexKind::Gpt2: e = matchGpt2(d, i); break;
        case RegexKind::Qwen2: e = matchQwen(d, i, 1); break;
        case RegexKind::Llama3: e = matchQwen(d, i, 3); break;
        }
        if (e <= i)
            e = i + 1;
        matches.emplace_back(d.off[i], d.off[e]);
        i = e;
    }
}

void findLiteralMatches(std::string_view literal, std::string_view s, std::vector<Span> &matches)
{
    matches.clear();
    if (literal.empty())
        return;
    for (std::size_t p = s.find(literal); p != std::string_view::npos; p = s.find(literal, p + literal.size()))
        matches.emplace_back(p, p + literal.size());
}

void applySplitBehavior(std::size_t length, const std::vector<Span> &matches, SplitBehavior behavior, bool invert,
                        std::vector<Span> &pieces)
{
    // all segments (matches and the gaps between them) with their match flag
    struct Seg { Span span; bool match; };
    std::vector<Seg> segs;
    segs.reserve(matches.size() * 2 + 1);
    std::size_t pos = 0;
    for (const Span &m : matches) {
        if (m.first > pos)
            segs.push_back({{pos, m.first}, invert});
        segs.push_back({m, !invert});
        pos = m.second;
    }
    if (pos < length || segs.empty())
        segs.push_back({{pos, length}, invert});

    std::vector<Seg> out;
    out.reserve(segs.size());
    switch (behavior) {
    case SplitBehavior::Isolated:
        for (const Seg &s : segs)
            out.push_back({s.span, false});
        break;
    case SplitBehavior::Removed:
        out = segs;
        break;
    case SplitBehavior::Contiguous: {
        bool previous = false;
        for (const Seg &s : segs) {
            if (s.match == previous && !out.empty())
                out.back().span.second = s.span.second;
            else
                out.push_back({s.span, false});
            previous = s.match;
        }
        break;
    }
    case SplitBehavior::MergedWithPrevious: {
        bool previous = false;
        for (const Seg &s : segs) {
            if (s.match && !previous && !out.empty())
                out.back().span.second = s.span.second;
            else
                out.push_back({s.span, false});
            previous = s.match;
        }
        break;
    }
    case SplitBehavior::MergedWithNext: {
        bool previous = false;
        for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
            if (it->match && !previous && !out.empty())
                out.back().span.first = it->span.first;
            else
                out.push_back({it->span, false});
            previous = it->match;
        }
        std::reverse(out.begin(), out.end());
        break;
    }
    }
    pieces.clear();
    for (const Seg &s : out)
        if (!s.match && s.span.second > s.span.first)
            pieces.push_back(s.span);
}

} // namespace sft::tok
