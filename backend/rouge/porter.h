#pragma once
// The Porter stemmer exactly as NLTK's PorterStemmer runs it in its default
// NLTK_EXTENSIONS mode, which is what Google's rouge_score uses when
// use_stemmer=True. rouge_score only passes lowercase [a-z0-9] words longer
// than 3 characters; this implementation accepts any lowercase ASCII word.

#include <string>
#include <string_view>

namespace sft::rouge {

/**
 * Stems one word with NLTK's PorterStemmer (mode NLTK_EXTENSIONS): the
 * irregular-forms pool, the 2-letter shortcut, steps 1a to 5b with NLTK's
 * deviations (ies/ied, alli recursion, fulli, logi, 2-letter cvc).
 *
 * The word must be lowercase ASCII (digits are consonants, as in NLTK);
 * other bytes are treated as consonants too, but never reach it from the
 * ROUGE tokenizer.
 */
std::string porterStem(std::string_view word);

} // namespace sft::rouge
