#pragma once
// Word tokenizers for ROUGE-L. The default one reproduces Google rouge_score's
// tokenize(): Python str.lower(), every run of characters outside [a-z0-9]
// becomes a space, split on whitespace, optional Porter stemming of words
// longer than 3 characters, keep tokens matching ^[a-z0-9]+$. Only two
// non-ASCII characters lowercase into ASCII under Python's Unicode tables:
// U+212A KELVIN SIGN -> "k" and U+0130 'İ' -> "i" + U+0307 (the combining dot
// then separates words, so "İx" gives the tokens "i" and "x").
//
// The `cjk` tokenizer (ours) additionally makes each CJK ideograph, kana or
// Hangul syllable one token, so Chinese/Japanese/Korean text, which the
// rouge tokenizer drops entirely, can be compared. Every token records its
// byte range in the original UTF-8 text for highlighting.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sft::rouge {

enum class TokenizerKind { Rouge, Cjk };

/** "rouge" or "cjk". */
const char *tokenizerName(TokenizerKind kind);
/** Parses "rouge" / "cjk"; false when unknown. */
bool tokenizerFromName(const std::string &name, TokenizerKind &out);

struct TokenizerOptions
{
    TokenizerKind kind = TokenizerKind::Rouge;
    bool stem = false;   ///< Porter-stem words longer than 3 characters (rouge_score use_stemmer)
};

/** One token: its (possibly stemmed) text and the bytes [begin, end) it came from. */
struct Token
{
    std::string text;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/**
 * Is cp one token by itself in the cjk tokenizer? CJK Unified Ideographs
 * (U+4E00–9FFF, Extension A U+3400–4DBF, Extensions B–H U+20000–3FFFF),
 * Compatibility Ideographs (U+F900–FAFF), U+3005–3007 (々〆〇), Hiragana
 * (U+3041–309F), Katakana (U+30A0–30FF, U+31F0–31FF), halfwidth Katakana
 * (U+FF66–FF9F) and Hangul syllables (U+AC00–D7A3).
 */
bool isCjkTokenChar(char32_t cp);

/**
 * A tokenizer with a stem cache. Not thread-safe: use one per thread.
 * Invalid UTF-8 bytes act as separators (as U+FFFD would).
 */
class Tokenizer
{
public:
    explicit Tokenizer(TokenizerOptions options = {}) : m_options(options) {}

    const TokenizerOptions &options() const { return m_options; }

    /** Tokens with byte ranges. */
    std::vector<Token> tokenize(std::string_view text);
    /** Token texts only. */
    std::vector<std::string> words(std::string_view text);

private:
    const std::string &stemmed(const std::string &word);

    TokenizerOptions m_options;
    std::unordered_map<std::string, std::string> m_stemCache;
};

/** One-off convenience: Tokenizer(options).words(text). */
std::vector<std::string> tokenizeWords(std::string_view text, const TokenizerOptions &options = {});

} // namespace sft::rouge
