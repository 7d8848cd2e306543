#pragma once
// The token stream and jinja2's expression grammar (jinja2/parser.py's
// parse_tuple ... parse_primary): filters and `is` tests bind tighter than
// arithmetic, `**` is left-associative, comparisons chain, `a if c` without
// else is undefined. The statement parser (parser.cpp) builds on it. Nesting
// is bounded (kMaxParseNesting) so a hostile template cannot exhaust the stack.

#include "jinja/ast.h"
#include "jinja/lexer.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace sft::jinja::detail {

/** How deeply blocks and expressions may nest (a parse error past it). */
constexpr int kMaxParseNesting = 300;

class ExpressionParser
{
public:
    explicit ExpressionParser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

protected:
    // ---- token stream ----------------------------------------------------------
    const Token &cur() const { return m_tokens[m_i]; }
    const Token &peek() const { return m_tokens[std::min(m_i + 1, m_tokens.size() - 1)]; }
    Token next()
    {
        Token t = m_tokens[m_i];
        if (m_i + 1 < m_tokens.size())
            ++m_i;
        return t;
    }
    bool isOp(const char *op) const { return cur().type == TokenType::Operator && cur().text == op; }
    bool isName(const char *name) const { return cur().type == TokenType::Name && cur().text == name; }
    bool skipOp(const char *op)
    {
        if (!isOp(op))
            return false;
        next();
        return true;
    }
    bool skipName(const char *name)
    {
        if (!isName(name))
            return false;
        next();
        return true;
    }

    static std::string describe(const Token &t)
    {
        switch (t.type) {
        case TokenType::BlockEnd: return "end of statement block";
        case TokenType::VarEnd: return "end of print statement";
        case TokenType::BlockBegin: return "begin of statement block";
        case TokenType::VarBegin: return "begin of print statement";
        case TokenType::Eof: return "end of template";
        case TokenType::Data: return "template data";
        case TokenType::String: return "string";
        case TokenType::Integer: return "integer";
        case TokenType::Float: return "float";
        default: return t.text;
        }
    }

    [[noreturn]] void error(const std::string &message, Pos pos) const { throw SyntaxError(message, pos); }
    [[noreturn]] void unexpected() const { error("unexpected '" + describe(cur()) + "'", cur().pos); }

    void expectOp(const char *op)
    {
        if (!skipOp(op))
            error("expected token '" + std::string(op) + "', got '" + describe(cur()) + "'", cur().pos);
    }
    std::string expectName()
    {
        if (cur().type != TokenType::Name)
            error("expected token 'name', got '" + describe(cur()) + "'", cur().pos);
        return next().text;
    }
    void expectBlockEnd()
    {
        if (cur().type != TokenType::BlockEnd)
            error("expected token 'end of statement block', got '" + describe(cur()) + "'", cur().pos);
        next();
    }

    /** Bounds recursion: every nested block or expression passes through one. */
    struct Nest
    {
        Nest(ExpressionParser &p, Pos pos) : parser(p)
        {
            if (++parser.m_nesting > kMaxParseNesting)
                parser.error("the template nests blocks or expressions too deeply", pos);
        }
        ~Nest() { --parser.m_nesting; }
        ExpressionParser &parser;
    };

    template <typename T>
    ExprPtr finish(std::unique_ptr<T> node, std::initializer_list<const Expr *> kids)
    {
        int depth = 0;
        for (const Expr *k : kids)
            if (k)
                depth = std::max(depth, k->depth);
        node->depth = depth + 1;
        if (node->depth > kMaxParseNesting)
            error("the template nests expressions too deeply", node->pos);
        return node;
    }
    static int argsDepth(const CallArgs &a)
    {
        int d = 0;
        for (const auto &e : a.positional)
            d = std::max(d, e->depth);
        for (const auto &kv : a.keyword)
            d = std::max(d, kv.second->depth);
        if (a.starArgs)
            d = std::max(d, a.starArgs->depth);
        if (a.starKwargs)
            d = std::max(d, a.starKwargs->depth);
        return d;
    }

    // ---- expressions -------------------------------------------------------------
    bool isTupleEnd(std::initializer_list<const char *> extraEnd) const;
    ExprPtr parseTuple(bool withCondexpr, std::initializer_list<const char *> extraEnd, bool explicitParens);
    ExprPtr parseExpression(bool withCondexpr);
    ExprPtr binary(Pos pos, BinaryOp op, ExprPtr l, ExprPtr r);
    ExprPtr parseOr();
    ExprPtr parseAnd();
    ExprPtr parseNot();
    ExprPtr parseCompare();
    ExprPtr parseMath1();
    ExprPtr parseConcat();
    ExprPtr parseMath2();
    ExprPtr parsePow();
    ExprPtr parseUnary(bool withFilter);
    ExprPtr parsePrimary();
    ExprPtr parseList();
    ExprPtr parseDict();
    ExprPtr parsePostfix(ExprPtr node);
    ExprPtr parseSubscript(ExprPtr node);
    CallArgs parseCallArgs();
    ExprPtr parseCall(ExprPtr node);
    ExprPtr parseFilterExpr(ExprPtr node);
    ExprPtr parseFilter(ExprPtr node, bool startInline);
    ExprPtr parseTest(ExprPtr node);

    int m_nesting = 0;
    /** Sets that collect every name an expression reads (a macro notes varargs / kwargs / caller). */
    std::vector<std::set<std::string> *> m_nameSinks;

private:
    std::vector<Token> m_tokens;
    std::size_t m_i = 0;
};

} // namespace sft::jinja::detail
