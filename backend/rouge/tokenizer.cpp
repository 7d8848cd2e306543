// rouge_score's tokenizer in one pass over the code points: lowercase, cut at
// anything outside [a-z0-9] (and around CJK characters in cjk mode), stem.

#include "rouge/tokenizer.h"

#include "core/utf8.h"
#include "rouge/porter.h"

namespace sft::rouge {

const char *tokenizerName(TokenizerKind kind)
{
    return kind == TokenizerKind::Cjk ? "cjk" : "rouge";
}

bool tokenizerFromName(const std::string &name, TokenizerKind &out)
{
    if (name == "rouge") { out = TokenizerKind::Rouge; return true; }
    if (name == "cjk") { out = TokenizerKind::Cjk; return true; }
    return false;
}

bool isCjkTokenChar(char32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3041 && cp <= 0x309F)
        || (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)
        || (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

const std::string &Tokenizer::stemmed(const std::string &word)
{
    auto it = m_stemCache.find(word);
    if (it == m_stemCache.end())
        it = m_stemCache.emplace(word, porterStem(word)).first;
    return it->second;
}

std::vector<Token> Tokenizer::tokenize(std::string_view text)
{
    std::vector<Token> out;
    std::string word;
    std::size_t wordBegin = 0, wordEnd = 0;

    auto flush = [&] {
        if (word.empty())
            return;
        Token t;
        t.begin = std::uint32_t(wordBegin);
        t.end = std::uint32_t(wordEnd);
        t.text = (m_options.stem && word.size() > 3) ? stemmed(word) : word;
        // rouge_score's final check ^[a-z0-9]+$ only ever drops empty strings here.
        if (!t.text.empty())
            out.push_back(std::move(t));
        word.clear();
    };
    auto addChar = [&](char c, std::size_t begin, std::size_t end) {
        if (word.empty())
            wordBegin = begin;
        word += c;
        wordEnd = end;
    };

    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t begin = i;
        const unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'))
                addChar(char(b), begin, i);
            else if (b >= 'A' && b <= 'Z')
                addChar(char(b - 'A' + 'a'), begin, i);
            else
                flush();
            continue;
        }
        const char32_t cp = utf8::decode(text, i);
        if (cp == 0x212A) {                 // KELVIN SIGN lowercases to 'k'
            addChar('k', begin, i);
        } else if (cp == 0x0130) {          // 'İ' lowercases to "i\u0307": 'i', then a separator
            addChar('i', begin, i);
            flush();
        } else if (m_options.kind == TokenizerKind::Cjk && isCjkTokenChar(cp)) {
            flush();
            Token t;
            t.begin = std::uint32_t(begin);
            t.end = std::uint32_t(i);
            t.text.assign(text.substr(begin, i - begin));
            out.push_back(std::move(t));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::vector<std::string> Tokenizer::words(std::string_view text)
{
    std::vector<std::string> out;
    for (Token &t : tokenize(text))
        out.push_back(std::move(t.text));
    return out;
}

std::vector<std::string> tokenizeWords(std::string_view text, const TokenizerOptions &options)
{
    return Tokenizer(options).words(text);
}

} // namespace sft::rouge
