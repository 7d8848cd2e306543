// The statement parser, mirroring jinja2/parser.py: the same tags (plus
// loopcontrols' break / continue and transformers' generation block) on top
// of the expression grammar (expression_parser.h).

#include "jinja/parser.h"

#include "jinja/expression_parser.h"

namespace sft::jinja::detail {

namespace {

class Parser : public ExpressionParser
{
public:
    using ExpressionParser::ExpressionParser;

    Body parseTemplate()
    {
        std::string found;
        return subparse({}, found, nullptr);
    }

private:
    // ---- statements --------------------------------------------------------------

    // Nodes up to a {% tag %} named in endTags (consumed: the block begin and
    // the name; found gets the name). At the end of the template with open
    // blocks, an error naming what was expected.
    Body subparse(std::initializer_list<const char *> endTags, std::string &found, const char *openTag)
    {
        Nest nest(*this, cur().pos);
        Body body;
        while (true) {
            const Token &t = cur();
            if (t.type == TokenType::Eof) {
                if (endTags.size() == 0)
                    return body;
                error("Unexpected end of template. Jinja was looking for the following tags: " + tagList(endTags) +
                          ". The innermost block that needs to be closed is '" + openTag + "'.",
                      t.pos);
            }
            if (t.type == TokenType::Data) {
                body.push_back(std::make_unique<OutputStmt>(t.pos, t.text));
                next();
            } else if (t.type == TokenType::VarBegin) {
                const Pos pos = next().pos;
                ExprPtr e = parseTuple(true, {}, false);
                if (cur().type != TokenType::VarEnd)
                    error("expected token 'end of print statement', got '" + describe(cur()) + "'", cur().pos);
                next();
                body.push_back(std::make_unique<PrintStmt>(pos, std::move(e)));
            } else if (t.type == TokenType::BlockBegin) {
                next();
                if (cur().type != TokenType::Name)
                    error("tag name expected", cur().pos);
                for (const char *tag : endTags)
                    if (cur().text == tag) {
                        found = next().text;
                        return body;
                    }
                body.push_back(parseStatement(endTags, openTag));
            } else {
                unexpected();
            }
        }
    }

    static std::string tagList(std::initializer_list<const char *> tags)
    {
        std::string s;
        std::size_t i = 0;
        for (const char *t : tags) {
            if (i++)
                s += " or ";
            s += "'" + std::string(t) + "'";
        }
        return s;
    }

    StmtPtr parseStatement(std::initializer_list<const char *> endTags, const char *openTag)
    {
        const Token tag = next();
        const std::string &n = tag.text;
        if (n == "if")
            return parseIf(tag.pos);
        if (n == "for")
            return parseFor(tag.pos);
        if (n == "set")
            return parseSet(tag.pos);
        if (n == "macro")
            return parseMacro(tag.pos);
        if (n == "call")
            return parseCallBlock(tag.pos);
        if (n == "filter")
            return parseFilterBlock(tag.pos);
        if (n == "with")
            return parseWith(tag.pos);
        if (n == "print") {
            auto s = std::make_unique<PrintStmt>(tag.pos, parseTuple(true, {}, false));
            expectBlockEnd();
            return s;
        }
        if (n == "break" || n == "continue") {
            if (m_loopDepth == 0)
                error("'" + n + "' outside of a loop", tag.pos);
            expectBlockEnd();
            return std::make_unique<Stmt>(n == "break" ? StmtKind::Break : StmtKind::Continue, tag.pos);
        }
        if (n == "generation" || n == "block") {
            auto s = std::make_unique<ScopeStmt>(tag.pos);
            const std::string end = "end" + n;
            if (n == "block") {
                expectName();
                skipName("scoped");
                skipName("required");
            }
            expectBlockEnd();
            std::string found;
            s->body = subparse({end.c_str()}, found, n.c_str());
            if (n == "block" && cur().type == TokenType::Name)
                next();
            expectBlockEnd();
            return s;
        }
        if (n == "include" || n == "import" || n == "from" || n == "extends")
            error("the '" + n + "' tag is not supported: a chat template renders on its own", tag.pos);
        std::string message = "Encountered unknown tag '" + n + "'.";
        if (endTags.size() > 0)
            message += " Jinja was looking for the following tags: " + tagList(endTags) +
                       ". The innermost block that needs to be closed is '" + openTag + "'.";
        error(message, tag.pos);
    }

    StmtPtr parseIf(Pos pos)
    {
        auto s = std::make_unique<IfStmt>(pos);
        ExprPtr test = parseTuple(false, {}, false);
        while (true) {
            expectBlockEnd();
            std::string found;
            Body body = subparse({"elif", "else", "endif"}, found, "if");
            s->branches.emplace_back(std::move(test), std::move(body));
            if (found == "elif") {
                test = parseTuple(false, {}, false);
                continue;
            }
            if (found == "else") {
                expectBlockEnd();
                s->otherwise = subparse({"endif"}, found, "if");
            }
            expectBlockEnd();
            return s;
        }
    }

    StmtPtr parseFor(Pos pos)
    {
        auto s = std::make_unique<ForStmt>(pos);
        s->target = parseTarget(true, false);
        if (!skipName("in"))
            error("expected token 'in', got '" + describe(cur()) + "'", cur().pos);
        s->iter = parseTuple(false, {"recursive"}, false);
        if (skipName("if"))
            s->filter = parseExpression(true);
        s->recursive = skipName("recursive");
        expectBlockEnd();
        std::string found;
        ++m_loopDepth;
        s->body = subparse({"endfor", "else"}, found, "for");
        --m_loopDepth;
        if (found == "else") {
            expectBlockEnd();
            s->otherwise = subparse({"endfor"}, found, "for");
        }
        expectBlockEnd();
        return s;
    }

    StmtPtr parseSet(Pos pos)
    {
        Target target = parseTarget(true, true);
        if (skipOp("=")) {
            auto s = std::make_unique<SetStmt>(pos);
            s->target = std::move(target);
            s->value = parseTuple(true, {}, false);
            expectBlockEnd();
            return s;
        }
        auto s = std::make_unique<SetBlockStmt>(pos);
        s->target = std::move(target);
        if (isOp("|"))
            s->filter = parseFilter(nullptr, false);
        expectBlockEnd();
        std::string found;
        s->body = subparse({"endset"}, found, "set");
        expectBlockEnd();
        return s;
    }

    void parseSignature(MacroParams &params)
    {
        expectOp("(");
        while (!isOp(")")) {
            if (!params.names.empty())
                expectOp(",");
            if (isOp(")"))
                break;
            const Pos at = cur().pos;
            params.names.push_back(expectName());
            if (skipOp("="))
                params.defaults.push_back(parseExpression(true));
            else if (!params.defaults.empty() && std::any_of(params.defaults.begin(), params.defaults.end(),
                                                             [](const ExprPtr &e) { return e != nullptr; }))
                error("non-default argument follows default argument", at);
            else
                params.defaults.push_back(nullptr);
        }
        next();
    }

    // A macro (or caller) body: loops outside do not count, names read are noted.
    void parseMacroBody(MacroStmt &m, const char *endTag, const char *openTag)
    {
        std::set<std::string> names;
        m_nameSinks.push_back(&names);
        const int loops = m_loopDepth;
        m_loopDepth = 0;
        std::string found;
        m.body = subparse({endTag}, found, openTag);
        m_loopDepth = loops;
        m_nameSinks.pop_back();
        m.catchVarargs = names.count("varargs") > 0;
        m.catchKwargs = names.count("kwargs") > 0;
        m.usesCaller = names.count("caller") > 0;
        expectBlockEnd();
    }

    StmtPtr parseMacro(Pos pos)
    {
        auto s = std::make_unique<MacroStmt>(pos);
        s->name = expectName();
        parseSignature(s->params);
        expectBlockEnd();
        parseMacroBody(*s, "endmacro", "macro");
        return s;
    }

    StmtPtr parseCallBlock(Pos pos)
    {
        auto s = std::make_unique<CallBlockStmt>(pos);
        if (isOp("("))
            parseSignature(s->caller.params);
        s->caller.name = "caller";
        s->call = parseExpression(true);
        if (s->call->kind != ExprKind::Call)
            error("expected call", s->call->pos);
        expectBlockEnd();
        parseMacroBody(s->caller, "endcall", "call");
        return s;
    }

    StmtPtr parseFilterBlock(Pos pos)
    {
        auto s = std::make_unique<FilterBlockStmt>(pos);
        s->filter = parseFilter(nullptr, true);
        expectBlockEnd();
        std::string found;
        s->body = subparse({"endfilter"}, found, "filter");
        expectBlockEnd();
        return s;
    }

    StmtPtr parseWith(Pos pos)
    {
        auto s = std::make_unique<WithStmt>(pos);
        while (cur().type != TokenType::BlockEnd) {
            if (!s->assignments.empty())
                expectOp(",");
            Target t = parseTarget(true, false);
            expectOp("=");
            s->assignments.emplace_back(std::move(t), parseExpression(true));
        }
        next();
        std::string found;
        s->body = subparse({"endwith"}, found, "with");
        expectBlockEnd();
        return s;
    }

    // ---- assignment targets ------------------------------------------------------

    Target parseTargetAtom()
    {
        Target t;
        t.pos = cur().pos;
        if (skipOp("(")) {
            // Parenthesised targets nest: bound them like any other nesting,
            // which also bounds the recursive destruction of the Target tree.
            Nest nest(*this, t.pos);
            t = parseTarget(true, false);
            expectOp(")");
            return t;
        }
        const std::string name = expectName();
        static const std::set<std::string> kConstants = {"true", "false", "none", "True", "False", "None"};
        if (kConstants.count(name))
            error("can't assign to '" + name + "'", t.pos);
        t.kind = Target::Kind::Name;
        t.name = name;
        return t;
    }

    Target parseTarget(bool withTuple, bool withNamespace)
    {
        if (withNamespace && cur().type == TokenType::Name && peek().type == TokenType::Operator && peek().text == ".") {
            Target t;
            t.kind = Target::Kind::NamespaceAttr;
            t.pos = cur().pos;
            t.name = next().text;
            next();
            t.attr = expectName();
            return t;
        }
        Target first = parseTargetAtom();
        if (!withTuple || !isOp(","))
            return first;
        Target tuple;
        tuple.kind = Target::Kind::Tuple;
        tuple.pos = first.pos;
        tuple.items.push_back(std::move(first));
        while (skipOp(",")) {
            if (!(cur().type == TokenType::Name && cur().text != "in") && !isOp("("))
                break;
            tuple.items.push_back(parseTargetAtom());
        }
        return tuple;
    }

    int m_loopDepth = 0;
};

} // namespace

Program parseProgram(const std::string &source, const std::string &name)
{
    Program p;
    p.name = name;
    p.body = Parser(tokenize(source)).parseTemplate();
    return p;
}

} // namespace sft::jinja::detail
