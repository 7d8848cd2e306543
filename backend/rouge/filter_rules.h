#pragma once
// The individual heuristic rules behind RecordFilter, as pure functions of a
// record's text. Each returns an empty string when the record passes and a
// reason when it fails. Sources:
//  - Self-Instruct (bootstrap_instructions.py) and Alpaca
//    (generate_instruction.py): more than 3 and at most 150 words; the
//    keyword blacklist matched as whole words, ignoring case; not starting
//    with "Write a program"; first character not in string.punctuation and
//    (Alpaca) ASCII; instances whose output repeats the input dropped.
//  - BELLE (data/1.5M/generate_instruction.py): Chinese blacklist matched as
//    plain substrings, case-sensitive; instructions of <= 3 characters dropped.

#include <string>
#include <string_view>
#include <vector>

namespace sft::rouge::rules {

/** Python str.split() word count (runs of ASCII/Unicode whitespace). */
std::size_t wordCount(std::string_view text);
/** Code points (Python len()). */
std::size_t charCount(std::string_view text);
/** Does the text contain a CJK ideograph, kana or Hangul syllable? */
bool hasCjk(std::string_view text);

/**
 * Find keyword in text; wholeWord applies Python re's \b on both ends (word
 * characters: ASCII letters, digits, '_' and non-ASCII letters, approximated
 * as every non-ASCII code point outside the punctuation, symbol and space
 * blocks); ignoreCase folds ASCII letters only. Returns the byte offset or npos.
 */
std::size_t findKeyword(std::string_view text, std::string_view keyword, bool wholeWord, bool ignoreCase);

/** Python's string.punctuation: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ */
bool isAsciiPunctuation(char c);

/**
 * Share of n-grams (tokens of the cjk tokenizer, no stemming) that repeat an
 * earlier n-gram of the same text: (total - distinct) / total; 0 when the
 * text has fewer than n tokens. total receives the n-gram count.
 */
double repeatedNgramShare(std::string_view text, std::size_t n, std::size_t &total);

} // namespace sft::rouge::rules
