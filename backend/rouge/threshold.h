#pragma once
// The dedup threshold and the "is this pair a near-duplicate" test. ROUGE-L F
// is 2·LCS/(m+n), a rational; the default comparison is exact in integers
// (F > num/den ⇔ 2·LCS·den > num·(m+n)), so a pair exactly at the threshold
// is kept. rouge_score's double arithmetic gives e.g. F(7,7,13) =
// 0.7000000000000001 > 0.7, so Alpaca/Self-Instruct's `score > 0.7` rejects
// some exact ties; the RougeScore mode reproduces that bit for bit.

#include <cstdint>
#include <string>

namespace sft::rouge {

enum class ThresholdCompare {
    Exact,       ///< 2·LCS/(m+n) > threshold as exact rationals (ties keep)
    RougeScore,  ///< rouge_score's double fmeasure > double(threshold), as Alpaca's filter does
};

/** "exact" / "rouge_score". */
const char *compareName(ThresholdCompare c);
bool compareFromName(const std::string &name, ThresholdCompare &out);

/**
 * A threshold in [0, 1] kept as an exact decimal fraction num/den (from its
 * text: "0.7" is 7/10) together with the double the text denotes.
 */
class Threshold
{
public:
    /** 0.7, exact comparison. */
    Threshold() = default;

    /** Parses a plain decimal ("0.7", ".75", "1", "0.123456"); at most 18 digits after the point.
     *  Throws sft::Error when malformed or outside [0, 1]. */
    static Threshold fromString(const std::string &text, ThresholdCompare compare = ThresholdCompare::Exact);
    /** The shortest decimal that round-trips to value (0.7 -> 7/10). Throws outside [0, 1]. */
    static Threshold fromDouble(double value, ThresholdCompare compare = ThresholdCompare::Exact);

    std::uint64_t numerator() const { return m_num; }
    std::uint64_t denominator() const { return m_den; }
    double value() const { return m_value; }
    ThresholdCompare compare() const { return m_compare; }
    std::string text() const { return m_text; }

    /** Does a pair with this LCS and token counts m, n count as a near-duplicate? False when m or n is 0. */
    bool rejects(std::uint32_t lcs, std::uint32_t m, std::uint32_t n) const;

    /** The smallest LCS that rejects for lengths m, n; min(m, n) + 1 when none can. */
    std::uint32_t minLcs(std::uint32_t m, std::uint32_t n) const;

private:
    std::uint64_t m_num = 7;
    std::uint64_t m_den = 10;
    double m_value = 0.7;
    ThresholdCompare m_compare = ThresholdCompare::Exact;
    std::string m_text = "0.7";
};

} // namespace sft::rouge
