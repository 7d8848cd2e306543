#pragma once
// The template lexer, following jinja2's as transformers configures it:
// newlines normalised to \n and one trailing newline dropped, {%- -%} {{- -}}
// {#- -#} strip whitespace, trim_blocks drops the newline after a block or
// comment tag, lstrip_blocks drops the indentation before one, {% raw %}
// passes text through, and a tag ends only where its brackets balance.

#include "jinja/value.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sft::jinja::detail {

/** A syntax error at a place in the template (lexer or parser). */
class SyntaxError : public std::runtime_error
{
public:
    SyntaxError(const std::string &message, Pos pos) : std::runtime_error(message), pos(pos) {}
    Pos pos;
};

enum class TokenType { Data, BlockBegin, BlockEnd, VarBegin, VarEnd, Name, String, Integer, Float, Operator, Eof };

struct Token
{
    TokenType type = TokenType::Eof;
    std::string text;   ///< data, name, operator, or a string literal's value
    std::int64_t integer = 0;
    double number = 0;
    Pos pos;
};

/** Tokens of source, ending with Eof; throws SyntaxError. */
std::vector<Token> tokenize(const std::string &source);

} // namespace sft::jinja::detail
