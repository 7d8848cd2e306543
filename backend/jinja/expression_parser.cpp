// Expressions, following jinja2/parser.py from parse_tuple down to parse_primary.

#include "jinja/expression_parser.h"

#include "jinja/builtins.h"

namespace sft::jinja::detail {

bool ExpressionParser::isTupleEnd(std::initializer_list<const char *> extraEnd) const
{
    if (cur().type == TokenType::VarEnd || cur().type == TokenType::BlockEnd || isOp(")"))
        return true;
    for (const char *e : extraEnd)
        if (isName(e))
            return true;
    return false;
}

ExprPtr ExpressionParser::parseTuple(bool withCondexpr, std::initializer_list<const char *> extraEnd, bool explicitParens)
{
    const Pos pos = cur().pos;
    std::vector<ExprPtr> items;
    bool isTuple = false;
    while (true) {
        if (!items.empty())
            expectOp(",");
        if (isTupleEnd(extraEnd))
            break;
        items.push_back(parseExpression(withCondexpr));
        if (isOp(","))
            isTuple = true;
        else
            break;
    }
    if (!isTuple) {
        if (!items.empty())
            return std::move(items.front());
        if (!explicitParens)
            error("Expected an expression, got '" + describe(cur()) + "'", cur().pos);
    }
    auto list = std::make_unique<ListExpr>(pos, true);
    int depth = 0;
    for (const auto &e : items)
        depth = std::max(depth, e->depth);
    list->items = std::move(items);
    list->depth = depth + 1;
    return list;
}

ExprPtr ExpressionParser::parseExpression(bool withCondexpr)
{
    Nest nest(*this, cur().pos);
    if (!withCondexpr)
        return parseOr();
    ExprPtr expr = parseOr();
    while (isName("if")) {
        const Pos pos = next().pos;
        auto c = std::make_unique<CondExpr>(pos);
        c->test = parseOr();
        if (skipName("else"))
            c->otherwise = parseExpression(true);
        c->then = std::move(expr);
        const Expr *t = c->test.get(), *a = c->then.get(), *b = c->otherwise.get();
        expr = finish(std::move(c), {t, a, b});
    }
    return expr;
}

ExprPtr ExpressionParser::binary(Pos pos, BinaryOp op, ExprPtr l, ExprPtr r)
{
    const Expr *a = l.get(), *b = r.get();
    return finish(std::make_unique<BinaryExpr>(pos, op, std::move(l), std::move(r)), {a, b});
}

ExprPtr ExpressionParser::parseOr()
{
    ExprPtr left = parseAnd();
    while (isName("or")) {
        const Pos pos = next().pos;
        left = binary(pos, BinaryOp::Or, std::move(left), parseAnd());
    }
    return left;
}

ExprPtr ExpressionParser::parseAnd()
{
    ExprPtr left = parseNot();
    while (isName("and")) {
        const Pos pos = next().pos;
        left = binary(pos, BinaryOp::And, std::move(left), parseNot());
    }
    return left;
}

ExprPtr ExpressionParser::parseNot()
{
    if (isName("not")) {
        Nest nest(*this, cur().pos);
        const Pos pos = next().pos;
        ExprPtr e = parseNot();
        const Expr *k = e.get();
        return finish(std::make_unique<UnaryExpr>(pos, UnaryOp::Not, std::move(e)), {k});
    }
    return parseCompare();
}

ExprPtr ExpressionParser::parseCompare()
{
    const Pos pos = cur().pos;
    ExprPtr first = parseMath1();
    auto node = std::make_unique<CompareExpr>(pos);
    static const std::pair<const char *, CompareOp> kOps[] = {{"==", CompareOp::Eq}, {"!=", CompareOp::Ne},
                                                              {"<", CompareOp::Lt},  {"<=", CompareOp::Le},
                                                              {">", CompareOp::Gt},  {">=", CompareOp::Ge}};
    while (true) {
        bool matched = false;
        for (const auto &op : kOps)
            if (isOp(op.first)) {
                next();
                node->rest.emplace_back(op.second, parseMath1());
                matched = true;
                break;
            }
        if (matched)
            continue;
        if (skipName("in")) {
            node->rest.emplace_back(CompareOp::In, parseMath1());
        } else if (isName("not") && peek().type == TokenType::Name && peek().text == "in") {
            next();
            next();
            node->rest.emplace_back(CompareOp::NotIn, parseMath1());
        } else {
            break;
        }
    }
    if (node->rest.empty())
        return first;
    int depth = first->depth;
    for (const auto &r : node->rest)
        depth = std::max(depth, r.second->depth);
    node->first = std::move(first);
    node->depth = depth + 1;
    if (node->depth > kMaxParseNesting)
        error("the template nests expressions too deeply", pos);
    return node;
}

ExprPtr ExpressionParser::parseMath1()
{
    ExprPtr left = parseConcat();
    while (isOp("+") || isOp("-")) {
        const Token op = next();
        left = binary(op.pos, op.text == "+" ? BinaryOp::Add : BinaryOp::Sub, std::move(left), parseConcat());
    }
    return left;
}

ExprPtr ExpressionParser::parseConcat()
{
    ExprPtr left = parseMath2();
    while (isOp("~")) {
        const Pos pos = next().pos;
        left = binary(pos, BinaryOp::Concat, std::move(left), parseMath2());
    }
    return left;
}

ExprPtr ExpressionParser::parseMath2()
{
    ExprPtr left = parsePow();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
        const Token op = next();
        const BinaryOp o = op.text == "*"    ? BinaryOp::Mul
                           : op.text == "/"  ? BinaryOp::Div
                           : op.text == "//" ? BinaryOp::FloorDiv
                                             : BinaryOp::Mod;
        left = binary(op.pos, o, std::move(left), parsePow());
    }
    return left;
}

ExprPtr ExpressionParser::parsePow()
{
    ExprPtr left = parseUnary(true);
    while (isOp("**")) {
        const Pos pos = next().pos;
        left = binary(pos, BinaryOp::Pow, std::move(left), parseUnary(true));
    }
    return left;
}

ExprPtr ExpressionParser::parseUnary(bool withFilter)
{
    Nest nest(*this, cur().pos);
    ExprPtr node;
    if (isOp("-") || isOp("+")) {
        const Token op = next();
        ExprPtr e = parseUnary(false);
        const Expr *k = e.get();
        node = finish(std::make_unique<UnaryExpr>(op.pos, op.text == "-" ? UnaryOp::Neg : UnaryOp::Pos, std::move(e)),
                      {k});
    } else {
        node = parsePrimary();
    }
    node = parsePostfix(std::move(node));
    if (withFilter)
        node = parseFilterExpr(std::move(node));
    return node;
}

ExprPtr ExpressionParser::parsePrimary()
{
    const Token &t = cur();
    const Pos pos = t.pos;
    switch (t.type) {
    case TokenType::Name: {
        const std::string name = next().text;
        if (name == "true" || name == "True" || name == "false" || name == "False")
            return std::make_unique<ConstExpr>(pos, Value::boolean(name == "true" || name == "True"));
        if (name == "none" || name == "None")
            return std::make_unique<ConstExpr>(pos, Value::none());
        for (auto *sink : m_nameSinks)
            sink->insert(name);
        return std::make_unique<NameExpr>(pos, name);
    }
    case TokenType::String: {
        std::string s;
        while (cur().type == TokenType::String)
            s += next().text;
        return std::make_unique<ConstExpr>(pos, Value::string(std::move(s)));
    }
    case TokenType::Integer:
        return std::make_unique<ConstExpr>(pos, Value::integer(next().integer));
    case TokenType::Float:
        return std::make_unique<ConstExpr>(pos, Value::number(next().number));
    default:
        break;
    }
    if (skipOp("(")) {
        ExprPtr e = parseTuple(true, {}, true);
        expectOp(")");
        return e;
    }
    if (isOp("["))
        return parseList();
    if (isOp("{"))
        return parseDict();
    unexpected();
}

ExprPtr ExpressionParser::parseList()
{
    auto list = std::make_unique<ListExpr>(next().pos, false);
    int depth = 0;
    while (!isOp("]")) {
        if (!list->items.empty())
            expectOp(",");
        if (isOp("]"))
            break;
        list->items.push_back(parseExpression(true));
        depth = std::max(depth, list->items.back()->depth);
    }
    next();
    list->depth = depth + 1;
    return list;
}

ExprPtr ExpressionParser::parseDict()
{
    auto dict = std::make_unique<DictExpr>(next().pos);
    int depth = 0;
    while (!isOp("}")) {
        if (!dict->items.empty())
            expectOp(",");
        if (isOp("}"))
            break;
        ExprPtr key = parseExpression(true);
        expectOp(":");
        ExprPtr value = parseExpression(true);
        depth = std::max({depth, key->depth, value->depth});
        dict->items.emplace_back(std::move(key), std::move(value));
    }
    next();
    dict->depth = depth + 1;
    return dict;
}

ExprPtr ExpressionParser::parsePostfix(ExprPtr node)
{
    while (true) {
        if (isOp(".") || isOp("["))
            node = parseSubscript(std::move(node));
        else if (isOp("("))
            node = parseCall(std::move(node));
        else
            return node;
    }
}

ExprPtr ExpressionParser::parseSubscript(ExprPtr node)
{
    const Token open = next();
    const Expr *obj = node.get();
    if (open.text == ".") {
        if (cur().type == TokenType::Name) {
            auto a = std::make_unique<AttrExpr>(open.pos, std::move(node), next().text);
            return finish(std::move(a), {obj});
        }
        if (cur().type == TokenType::Integer) {
            auto key = std::make_unique<ConstExpr>(cur().pos, Value::integer(next().integer));
            return finish(std::make_unique<ItemExpr>(open.pos, std::move(node), std::move(key)), {obj});
        }
        error("expected name or number", cur().pos);
    }
    // [key] or [start:stop:step]
    auto slice = std::make_unique<SliceExpr>(open.pos);
    bool isSlice = false;
    ExprPtr key;
    if (!isOp(":"))
        key = parseExpression(true);
    if (isOp(":")) {
        isSlice = true;
        next();
        slice->start = std::move(key);
        if (!isOp("]") && !isOp(":"))
            slice->stop = parseExpression(true);
        if (skipOp(":") && !isOp("]"))
            slice->step = parseExpression(true);
    }
    if (isOp(","))
        error("subscripts with several indexes are not supported", cur().pos);
    expectOp("]");
    if (!isSlice)
        return finish(std::make_unique<ItemExpr>(open.pos, std::move(node), std::move(key)), {obj});
    const Expr *a = slice->start.get(), *b = slice->stop.get(), *c = slice->step.get();
    slice->object = std::move(node);
    return finish(std::move(slice), {obj, a, b, c});
}

CallArgs ExpressionParser::parseCallArgs()
{
    CallArgs args;
    expectOp("(");
    bool first = true;
    while (!isOp(")")) {
        if (!first) {
            expectOp(",");
            if (isOp(")"))
                break;
        }
        first = false;
        const Pos at = cur().pos;
        if (skipOp("*")) {
            if (args.starArgs || args.starKwargs)
                error("invalid syntax for function call expression", at);
            args.starArgs = parseExpression(true);
        } else if (skipOp("**")) {
            if (args.starKwargs)
                error("invalid syntax for function call expression", at);
            args.starKwargs = parseExpression(true);
        } else if (cur().type == TokenType::Name && peek().type == TokenType::Operator && peek().text == "=") {
            if (args.starKwargs)
                error("invalid syntax for function call expression", at);
            std::string key = next().text;
            next();
            args.keyword.emplace_back(std::move(key), parseExpression(true));
        } else {
            if (args.starArgs || args.starKwargs || !args.keyword.empty())
                error("invalid syntax for function call expression", at);
            args.positional.push_back(parseExpression(true));
        }
    }
    next();
    return args;
}

ExprPtr ExpressionParser::parseCall(ExprPtr node)
{
    const Pos pos = node->pos;   // errors point at what is called
    auto call = std::make_unique<CallExpr>(pos);
    call->args = parseCallArgs();
    call->depth = std::max(node->depth, argsDepth(call->args)) + 1;
    call->callee = std::move(node);
    if (call->depth > kMaxParseNesting)
        error("the template nests expressions too deeply", pos);
    return call;
}

ExprPtr ExpressionParser::parseFilterExpr(ExprPtr node)
{
    while (true) {
        if (isOp("|"))
            node = parseFilter(std::move(node), false);
        else if (isName("is"))
            node = parseTest(std::move(node));
        else if (isOp("("))
            node = parseCall(std::move(node));
        else
            return node;
    }
}

ExprPtr ExpressionParser::parseFilter(ExprPtr node, bool startInline)
{
    while (isOp("|") || startInline) {
        if (!startInline)
            next();
        startInline = false;
        auto f = std::make_unique<FilterExpr>(cur().pos);
        f->name = expectName();
        while (skipOp("."))
            f->name += "." + expectName();
        if (!findFilter(f->name))
            error("No filter named '" + f->name + "'.", f->pos);
        if (isOp("("))
            f->args = parseCallArgs();
        f->depth = std::max(node ? node->depth : 0, argsDepth(f->args)) + 1;
        if (f->depth > kMaxParseNesting)
            error("the template nests expressions too deeply", f->pos);
        f->operand = std::move(node);
        node = std::move(f);
    }
    return node;
}

ExprPtr ExpressionParser::parseTest(ExprPtr node)
{
    auto t = std::make_unique<TestExpr>(next().pos);
    t->negated = skipName("not");
    const Pos namePos = cur().pos;
    t->name = expectName();
    while (skipOp("."))
        t->name += "." + expectName();
    if (!findTest(t->name))
        error("No test named '" + t->name + "'.", namePos);
    const TokenType ty = cur().type;
    if (isOp("(")) {
        t->args = parseCallArgs();
    } else if ((ty == TokenType::Name || ty == TokenType::String || ty == TokenType::Integer ||
                ty == TokenType::Float || isOp("[") || isOp("{")) &&
               !isName("else") && !isName("or") && !isName("and")) {
        if (isName("is"))
            error("You cannot chain multiple tests with is", cur().pos);
        t->args.positional.push_back(parsePostfix(parsePrimary()));
    }
    t->depth = std::max(node->depth, argsDepth(t->args)) + 1;
    if (t->depth > kMaxParseNesting)
        error("the template nests expressions too deeply", t->pos);
    t->operand = std::move(node);
    return t;
}

} // namespace sft::jinja::detail
