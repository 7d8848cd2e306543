// The lexer: a hand-written equivalent of jinja2's regular-expression lexer
// (trim_blocks and lstrip_blocks on, the default delimiters).

#include "jinja/lexer.h"

#include "jinja/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace sft::jinja::detail {

namespace {

bool startsWith(const std::string &s, std::size_t at, const char *p)
{
    for (std::size_t i = 0; p[i]; ++i)
        if (at + i >= s.size() || s[at + i] != p[i])
            return false;
    return true;
}

/** One code point at s[i] (a bad byte counts as one character that is not whitespace). */
char32_t codePointAt(const std::string &s, std::size_t i, std::size_t &len)
{
    const std::u32string one = text::decode(std::string_view(s).substr(i, std::min<std::size_t>(4, s.size() - i)));
    const char32_t c = one.empty() ? 0 : one[0];
    std::string enc;
    text::append(enc, c);
    len = enc.size();
    return c;
}

bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

class Lexer
{
public:
    explicit Lexer(const std::string &source)
    {
        // Newlines become \n; a single trailing newline is dropped (keep_trailing_newline=False).
        m_src.reserve(source.size());
        for (std::size_t i = 0; i < source.size(); ++i) {
            if (source[i] == '\r') {
                m_src += '\n';
                if (i + 1 < source.size() && source[i + 1] == '\n')
                    ++i;
            } else {
                m_src += source[i];
            }
        }
        if (!m_src.empty() && m_src.back() == '\n')
            m_src.pop_back();
        m_lineStarts.push_back(0);
        for (std::size_t i = 0; i < m_src.size(); ++i)
            if (m_src[i] == '\n')
                m_lineStarts.push_back(i + 1);
    }

    std::vector<Token> run()
    {
        const std::size_t n = m_src.size();
        while (m_pos < n) {
            const std::size_t idx = findTagStart(m_pos);
            if (idx == std::string::npos) {
                emitData(m_src.substr(m_pos), m_pos);
                break;
            }
            const char kind = m_src[idx + 1];
            std::size_t after = idx + 2;
            const char sign = (after < n && (m_src[after] == '-' || m_src[after] == '+')) ? m_src[after] : 0;
            if (sign)
                ++after;
            std::string data = m_src.substr(m_pos, idx - m_pos);
            std::size_t rawEnd = 0;
            const bool raw = kind == '%' && matchRawBegin(after, rawEnd);
            stripBefore(data, sign, kind != '{');
            emitData(std::move(data), m_pos);
            m_lineStarting = false;
            if (raw) {
                m_lineStarting = m_src[rawEnd - 1] == '\n';
                lexRaw(rawEnd, idx);
            } else if (kind == '#') {
                lexComment(after, idx);
            } else {
                lexTag(kind, idx, after);
            }
        }
        Token eof;
        eof.type = TokenType::Eof;
        eof.pos = posAt(m_src.size());
        m_tokens.push_back(eof);
        return std::move(m_tokens);
    }

private:
    Pos posAt(std::size_t offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const std::size_t line = static_cast<std::size_t>(it - m_lineStarts.begin());
        return Pos{static_cast<int>(line), static_cast<int>(offset - m_lineStarts[line - 1] + 1)};
    }

    [[noreturn]] void error(const std::string &message, std::size_t offset) const
    {
        throw SyntaxError(message, posAt(offset));
    }

    std::size_t findTagStart(std::size_t from) const
    {
        std::size_t i = from;
        while ((i = m_src.find('{', i)) != std::string::npos) {
            if (i + 1 < m_src.size() && (m_src[i + 1] == '{' || m_src[i + 1] == '%' || m_src[i + 1] == '#'))
                return i;
            ++i;
        }
        return std::string::npos;
    }

    std::size_t skipSpace(std::size_t p) const
    {
        while (p < m_src.size()) {
            std::size_t len = 1;
            const unsigned char c = static_cast<unsigned char>(m_src[p]);
            if (c < 0x80 ? !text::isSpace(c) : !text::isSpace(codePointAt(m_src, p, len)))
                break;
            p += len;
        }
        return p;
    }

    // {% raw %} or {%- raw -%}: the text up to {% endraw %} is data.
    bool matchRawBegin(std::size_t p, std::size_t &end) const
    {
        p = skipSpace(p);
        if (!startsWith(m_src, p, "raw"))
            return false;
        p = skipSpace(p + 3);
        if (startsWith(m_src, p, "-%}")) {
            end = skipSpace(p + 3);
            return true;
        }
        if (startsWith(m_src, p, "%}")) {
            end = p + 2;
            return true;
        }
        return false;
    }

    // Whitespace control on the data before a tag: "-" strips all of it;
    // otherwise lstrip_blocks drops a block or comment tag's indentation.
    void stripBefore(std::string &data, char sign, bool blockOrComment) const
    {
        if (sign == '-') {
            data = text::strip(data, nullptr, false, true);
            return;
        }
        if (sign == '+' || !blockOrComment)
            return;
        const std::size_t nl = data.rfind('\n');
        const std::size_t lineStart = nl == std::string::npos ? 0 : nl + 1;
        if ((lineStart == 0 && !m_lineStarting) || lineStart >= data.size())
            return;
        for (char32_t c : text::decode(std::string_view(data).substr(lineStart)))
            if (!text::isSpace(c))
                return;
        data.resize(lineStart);
    }

    void emitData(std::string data, std::size_t offset)
    {
        if (data.empty())
            return;
        Token t;
        t.type = TokenType::Data;
        t.text = std::move(data);
        t.pos = posAt(offset);
        m_tokens.push_back(std::move(t));
    }

    void push(TokenType type, std::string text, std::size_t offset)
    {
        Token t;
        t.type = type;
        t.text = std::move(text);
        t.pos = posAt(offset);
        m_tokens.push_back(std::move(t));
    }

    void finishAt(std::size_t end)
    {
        m_pos = end;
        m_lineStarting = end > 0 && m_src[end - 1] == '\n';
    }

    void lexComment(std::size_t p, std::size_t start)
    {
        for (std::size_t i = p; i < m_src.size(); ++i) {
            if (startsWith(m_src, i, "+#}"))
                return finishAt(i + 3);
            if (startsWith(m_src, i, "-#}"))
                return finishAt(skipSpace(i + 3));
            if (startsWith(m_src, i, "#}"))
                return finishAt(i + 2 < m_src.size() && m_src[i + 2] == '\n' ? i + 3 : i + 2);
        }
        error("Missing end of comment tag", start);
    }

    void lexRaw(std::size_t p, std::size_t start)
    {
        std::size_t i = p;
        while ((i = m_src.find("{%", i)) != std::string::npos) {
            std::size_t q = i + 2;
            const char sign = (q < m_src.size() && (m_src[q] == '-' || m_src[q] == '+')) ? m_src[q] : 0;
            if (sign)
                ++q;
            q = skipSpace(q);
            if (startsWith(m_src, q, "endraw")) {
                q = skipSpace(q + 6);
                std::size_t end = 0;
                if (startsWith(m_src, q, "+%}"))
                    end = q + 3;
                else if (startsWith(m_src, q, "-%}"))
                    end = skipSpace(q + 3);
                else if (startsWith(m_src, q, "%}"))
                    end = q + 2 < m_src.size() && m_src[q + 2] == '\n' ? q + 3 : q + 2;
                if (end) {
                    std::string data = m_src.substr(p, i - p);
                    stripBefore(data, sign, true);
                    emitData(std::move(data), p);
                    return finishAt(end);
                }
            }
            i += 2;
        }
        error("Missing end of raw directive", start);
    }

    void lexTag(char kind, std::size_t start, std::size_t p)
    {
        const bool block = kind == '%';
        push(block ? TokenType::BlockBegin : TokenType::VarBegin, {}, start);
        std::vector<char> balance;
        const std::size_t n = m_src.size();
        while (true) {
            if (p >= n)
                error(block ? "unexpected end of template: the tag is not closed with %}"
                            : "unexpected end of template: the expression is not closed with }}",
                      start);
            if (balance.empty()) {
                std::size_t end = 0;
                if (block && startsWith(m_src, p, "+%}"))
                    end = p + 3;
                else if (block && startsWith(m_src, p, "-%}"))
                    end = skipSpace(p + 3);
                else if (block && startsWith(m_src, p, "%}"))
                    end = p + 2 < n && m_src[p + 2] == '\n' ? p + 3 : p + 2;
                else if (!block && startsWith(m_src, p, "-}}"))
                    end = skipSpace(p + 3);
                else if (!block && startsWith(m_src, p, "}}"))
                    end = p + 2;
                if (end) {
                    push(block ? TokenType::BlockEnd : TokenType::VarEnd, {}, p);
                    return finishAt(end);
                }
            }
            const std::size_t ws = skipSpace(p);
            if (ws != p) {
                p = ws;
                continue;
            }
            const char c = m_src[p];
            if (isDigit(c)) {
                p = lexNumber(p);
            } else if (isNameStart(c)) {
                std::size_t e = p;
                while (e < n && isNameChar(m_src[e]))
                    ++e;
                push(TokenType::Name, m_src.substr(p, e - p), p);
                p = e;
            } else if (c == '\'' || c == '"') {
                p = lexString(p);
            } else {
                p = lexOperator(p, balance);
            }
        }
    }

    std::size_t digitsWithUnderscores(std::size_t p) const
    {
        // (\d+_)*\d+
        std::size_t e = p;
        while (e < m_src.size() && isDigit(m_src[e])) {
            while (e < m_src.size() && isDigit(m_src[e]))
                ++e;
            if (e + 1 < m_src.size() && m_src[e] == '_' && isDigit(m_src[e + 1]))
                ++e;
        }
        return e;
    }

    std::size_t lexNumber(std::size_t p)
    {
        const std::size_t n = m_src.size();
        std::string clean;
        auto collect = [&](std::size_t a, std::size_t b) {
            for (std::size_t i = a; i < b; ++i)
                if (m_src[i] != '_')
                    clean += m_src[i];
        };
        // A float: digits with a fraction and/or an exponent (not right after a dot).
        if (p == 0 || m_src[p - 1] != '.') {
            std::size_t e = digitsWithUnderscores(p);
            std::size_t q = e;
            bool isFloat = false;
            if (q + 1 < n && m_src[q] == '.' && isDigit(m_src[q + 1])) {
                q = digitsWithUnderscores(q + 1);
                isFloat = true;
            }
            if (q < n && (m_src[q] == 'e' || m_src[q] == 'E')) {
                std::size_t r = q + 1;
                if (r < n && (m_src[r] == '+' || m_src[r] == '-'))
                    ++r;
                if (r < n && isDigit(m_src[r])) {
                    q = digitsWithUnderscores(r);
                    isFloat = true;
                }
            }
            if (isFloat) {
                collect(p, q);
                Token t;
                t.type = TokenType::Float;
                t.number = std::strtod(clean.c_str(), nullptr);
                t.pos = posAt(p);
                m_tokens.push_back(std::move(t));
                return q;
            }
        }
        // An integer: 0b / 0o / 0x prefixes, [1-9](_?\d)*, or 0(_?0)*.
        int base = 10;
        std::size_t e = p;
        auto isBaseDigit = [&](char c) {
            if (base == 2)
                return c == '0' || c == '1';
            if (base == 8)
                return c >= '0' && c <= '7';
            if (base == 16)
                return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            return isDigit(c);
        };
        if (m_src[p] == '0' && p + 1 < n && std::string("bBoOxX").find(m_src[p + 1]) != std::string::npos) {
            const char b = static_cast<char>(m_src[p + 1] | 0x20);
            base = b == 'b' ? 2 : b == 'o' ? 8 : 16;
            e = p + 2;
            const std::size_t digitsStart = e;
            while (e < n && (isBaseDigit(m_src[e]) || (m_src[e] == '_' && e + 1 < n && isBaseDigit(m_src[e + 1]))))
                ++e;
            if (e == digitsStart) {   // "0x" with no digits: just the 0
                base = 10;
                e = p + 1;
            }
        } else if (m_src[p] == '0') {
            e = p + 1;
            while (e < n && (m_src[e] == '0' || (m_src[e] == '_' && e + 1 < n && m_src[e + 1] == '0')))
                ++e;
        } else {
            e = p + 1;
            while (e < n && (isDigit(m_src[e]) || (m_src[e] == '_' && e + 1 < n && isDigit(m_src[e + 1]))))
                ++e;
        }
        collect(base == 10 ? p : p + 2, e);
        std::int64_t value = 0;
        for (char c : clean) {
            const int d = isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
            if (value > (std::numeric_limits<std::int64_t>::max() - d) / base)
                error("integer literal too large", p);
            value = value * base + d;
        }
        Token t;
        t.type = TokenType::Integer;
        t.integer = value;
        t.pos = posAt(p);
        m_tokens.push_back(std::move(t));
        return e;
    }

    std::size_t lexString(std::size_t p)
    {
        const char quote = m_src[p];
        std::size_t e = p + 1;
        while (e < m_src.size() && m_src[e] != quote)
            e += m_src[e] == '\\' ? 2 : 1;
        if (e >= m_src.size())
            error(std::string("unexpected char '") + quote + "'", p);
        Token t;
        t.type = TokenType::String;
        t.text = unescape(m_src.substr(p + 1, e - p - 1), p);
        t.pos = posAt(p);
        m_tokens.push_back(std::move(t));
        return e + 1;
    }

    // Python's unicode-escape decoding of a string literal's body.
    std::string unescape(const std::string &raw, std::size_t at) const
    {
        std::string out;
        auto hexValue = [&](std::size_t i, int count) -> char32_t {
            char32_t v = 0;
            for (int k = 0; k < count; ++k) {
                const char c = i + k < raw.size() ? raw[i + k] : '\0';
                int d = -1;
                if (isDigit(c))
                    d = c - '0';
                else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                    d = (c | 0x20) - 'a' + 10;
                if (d < 0)
                    error(std::string("truncated \\") + (count == 2 ? "xXX" : count == 4 ? "uXXXX" : "UXXXXXXXX") +
                              " escape",
                          at);
                v = v * 16 + static_cast<char32_t>(d);
            }
            return v;
        };
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\') {
                out += raw[i];
                continue;
            }
            if (i + 1 >= raw.size())
                error("\\ at end of string", at);
            const char c = raw[++i];
            switch (c) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'x': text::append(out, hexValue(i + 1, 2)); i += 2; break;
            case 'u': text::append(out, hexValue(i + 1, 4)); i += 4; break;
            case 'U': {
                const char32_t v = hexValue(i + 1, 8);
                if (v > 0x10FFFF)
                    error("illegal Unicode character in a string literal", at);
                text::append(out, v);
                i += 8;
                break;
            }
            case 'N':
                error("\\N{...} escapes are not supported", at);
            default:
                if (c >= '0' && c <= '7') {
                    char32_t v = 0;
                    int k = 0;
                    while (k < 3 && i < raw.size() && raw[i] >= '0' && raw[i] <= '7') {
                        v = v * 8 + static_cast<char32_t>(raw[i] - '0');
                        ++i, ++k;
                    }
                    --i;
                    text::append(out, v);
                } else if (static_cast<unsigned char>(c) >= 0x80) {
                    // Python escapes the non-ASCII character first: "\é" reads as "\\xe9".
                    std::size_t len = 1;
                    const char32_t cp = codePointAt(raw, i, len);
                    char buf[16];
                    std::snprintf(buf, sizeof buf, cp <= 0xFF ? "\\x%02x" : cp <= 0xFFFF ? "\\u%04x" : "\\U%08x",
                                  static_cast<unsigned>(cp));
                    out += buf;
                    i += len - 1;
                } else {
                    out += '\\';
                    out += c;
                }
            }
        }
        return out;
    }

    std::size_t lexOperator(std::size_t p, std::vector<char> &balance)
    {
        static const char *const kTwo[] = {"//", "**", "==", "!=", ">=", "<="};
        for (const char *op : kTwo)
            if (startsWith(m_src, p, op)) {
                push(TokenType::Operator, op, p);
                return p + 2;
            }
        const char c = m_src[p];
        if (std::string("+-/*%~[](){}><=.:|,;").find(c) == std::string::npos) {
            std::size_t len = 1;
            const char32_t cp = codePointAt(m_src, p, len);
            std::string shown;
            text::append(shown, cp);
            error("unexpected char '" + shown + "'", p);
        }
        if (c == '(' || c == '[' || c == '{') {
            balance.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
        } else if (c == ')' || c == ']' || c == '}') {
            if (balance.empty())
                error(std::string("unexpected '") + c + "'", p);
            if (balance.back() != c)
                error(std::string("unexpected '") + c + "', expected '" + balance.back() + "'", p);
            balance.pop_back();
        }
        push(TokenType::Operator, std::string(1, c), p);
        return p + 1;
    }

    std::string m_src;
    std::vector<std::size_t> m_lineStarts;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    bool m_lineStarting = true;
};

} // namespace

std::vector<Token> tokenize(const std::string &source) { return Lexer(source).run(); }

} // namespace sft::jinja::detail
