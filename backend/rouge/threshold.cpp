// Threshold parsing and the exact / rouge_score-compatible comparisons.

#include "rouge/threshold.h"

#include "core/error.h"
#include "rouge/score.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <cstdlib>

namespace sft::rouge {

const char *compareName(ThresholdCompare c)
{
    return c == ThresholdCompare::RougeScore ? "rouge_score" : "exact";
}

bool compareFromName(const std::string &name, ThresholdCompare &out)
{
    if (name == "exact") { out = ThresholdCompare::Exact; return true; }
    if (name == "rouge_score") { out = ThresholdCompare::RougeScore; return true; }
    return false;
}

Threshold Threshold::fromString(const std::string &text, ThresholdCompare compare)
{
    auto bad = [&](const std::string &why) {
        return Error("invalid threshold \"" + text + "\": " + why);
    };
    std::size_t i = 0;
    std::uint64_t intPart = 0, frac = 0, den = 1;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (intPart > 1)
            throw bad("must be between 0 and 1");
        intPart = intPart * 10 + std::uint64_t(text[i] - '0');
        digits = true;
        ++i;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        int fracDigits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (++fracDigits > 18)
                throw bad("at most 18 digits after the decimal point");
            frac = frac * 10 + std::uint64_t(text[i] - '0');
            den *= 10;
            digits = true;
            ++i;
        }
    }
    if (!digits || i != text.size())
        throw bad("expected a decimal number such as 0.7");
    const std::uint64_t num = intPart * den + frac;
    if (num > den)
        throw bad("must be between 0 and 1");
    Threshold t;
    const std::uint64_t g = std::gcd(num, den) == 0 ? 1 : std::gcd(num, den);
    t.m_num = num / g;
    t.m_den = den / g;
    t.m_value = std::strtod(text.c_str(), nullptr);
    t.m_compare = compare;
    t.m_text = text;
    return t;
}

Threshold Threshold::fromDouble(double value, ThresholdCompare compare)
{
    if (!(value >= 0.0 && value <= 1.0))
        throw Error("invalid threshold: must be between 0 and 1");
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    return fromString(std::string(buf, res.ptr), compare);
}

bool Threshold::rejects(std::uint32_t lcs, std::uint32_t m, std::uint32_t n) const
{
    if (m == 0 || n == 0)
        return false;
    if (m_compare == ThresholdCompare::RougeScore)
        return rougeFmeasure(lcs, m, n) > m_value;
    using u128 = unsigned __int128;
    return u128(2) * lcs * m_den > u128(m_num) * (std::uint64_t(m) + n);
}

std::uint32_t Threshold::minLcs(std::uint32_t m, std::uint32_t n) const
{
    const std::uint32_t cap = std::min(m, n);
    if (m == 0 || n == 0)
        return cap + 1;
    using u128 = unsigned __int128;
    // Smallest l with 2·l·den > num·(m+n).
    const u128 exact = u128(m_num) * (std::uint64_t(m) + n) / (u128(2) * m_den) + 1;
    if (exact > cap + 2)
        return cap + 1;
    std::uint32_t l = std::uint32_t(exact);
    if (m_compare == ThresholdCompare::Exact)
        return std::min(l, cap + 1);
    // Double rounding moves the boundary by at most one step (the steps of
    // F are 2/(m+n), far above a few ulps), so scan around the exact one.
    for (std::uint32_t k = l >= 2 ? l - 2 : 0; k <= cap; ++k)
        if (rejects(k, m, n))
            return k;
    return cap + 1;
}

} // namespace sft::rouge
