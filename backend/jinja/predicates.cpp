// jinja2's tests (`x is defined`, `n is divisibleby 3`, `m is mapping`, ...),
// with Python's type rules: bool is a number, a str is a sequence and
// iterable, undefined is iterable and a sequence but not defined.

#include "jinja/builtins.h"
#include "jinja/interpreter.h"
#include "jinja/text.h"

#include <unordered_map>

namespace sft::jinja::detail {

namespace {

bool isOdd(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("odd", args, {});
    return equals(binaryOp(BinaryOp::Mod, v, Value::integer(2), in.maxBytes()), Value::integer(1));
}

bool isEven(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("even", args, {});
    return equals(binaryOp(BinaryOp::Mod, v, Value::integer(2), in.maxBytes()), Value::integer(0));
}

bool isDivisibleby(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("divisibleby", args, {"num"});
    return equals(binaryOp(BinaryOp::Mod, v, a.get(0), in.maxBytes()), Value::integer(0));
}

bool isDefined(Interpreter &, const Value &v, CallValues &args)
{
    Args a("defined", args, {});
    return !v.isUndefined();
}

bool isUndefined(Interpreter &, const Value &v, CallValues &args)
{
    Args a("undefined", args, {});
    return v.isUndefined();
}

#define SFT_JINJA_TYPE_TEST(fn, name, expr)                   \
    bool fn(Interpreter &, const Value &v, CallValues &args) \
    {                                                        \
        Args a(name, args, {});                              \
        return expr;                                         \
    }

SFT_JINJA_TYPE_TEST(isNone, "none", v.isNone())
SFT_JINJA_TYPE_TEST(isBoolean, "boolean", v.isBool())
SFT_JINJA_TYPE_TEST(isFalse, "false", v.isBool() && !v.boolValue())
SFT_JINJA_TYPE_TEST(isTrue, "true", v.isBool() && v.boolValue())
SFT_JINJA_TYPE_TEST(isInteger, "integer", v.isInt())
SFT_JINJA_TYPE_TEST(isFloat, "float", v.isFloat())
SFT_JINJA_TYPE_TEST(isNumber, "number", v.isNumber())
SFT_JINJA_TYPE_TEST(isString, "string", v.isString())
SFT_JINJA_TYPE_TEST(isMapping, "mapping", v.isDict())
SFT_JINJA_TYPE_TEST(isSequence, "sequence", v.isString() || v.isList() || v.isDict() || v.isUndefined())
SFT_JINJA_TYPE_TEST(isIterable, "iterable",
                    v.isString() || v.isList() || v.isDict() || v.isUndefined() || v.isGenerator())
SFT_JINJA_TYPE_TEST(isCallable, "callable", v.isCallable() && v.function().isCallable())
SFT_JINJA_TYPE_TEST(isEscaped, "escaped", v.isMarkup())

#undef SFT_JINJA_TYPE_TEST

bool isLower(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("lower", args, {});
    CallValues none;
    return truthy(in.callValue(methodOf(Value::string(toStr(v, in.maxBytes())), "islower"), none));
}

bool isUpper(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("upper", args, {});
    CallValues none;
    return truthy(in.callValue(methodOf(Value::string(toStr(v, in.maxBytes())), "isupper"), none));
}

bool isSameas(Interpreter &, const Value &v, CallValues &args)
{
    Args a("sameas", args, {"other"});
    const Value &o = a.get(0);
    // Identity: None, True and False are singletons; containers are the same object.
    if (v.kind() != o.kind())
        return false;
    switch (v.kind()) {
    case Value::Kind::None: return true;
    case Value::Kind::Bool: return v.boolValue() == o.boolValue();
    case Value::Kind::Int: return v.intValue() == o.intValue() && v.intValue() >= -5 && v.intValue() <= 256;
    case Value::Kind::List: return &v.items() == &o.items();
    case Value::Kind::Dict: return &v.dict() == &o.dict();
    case Value::Kind::String: return &v.str() == &o.str();
    default: return equals(v, o);
    }
}

bool isIn(Interpreter &, const Value &v, CallValues &args)
{
    Args a("in", args, {"seq"});
    return contains(a.get(0), v);
}

template <CompareOp Op>
bool cmp(Interpreter &, const Value &v, CallValues &args)
{
    Args a("compare", args, {"other"});
    return compare(Op, v, a.get(0));
}

bool isFilter(Interpreter &, const Value &v, CallValues &args)
{
    Args a("filter", args, {});
    return v.isString() && findFilter(v.str()) != nullptr;
}

bool isTest(Interpreter &, const Value &v, CallValues &args)
{
    Args a("test", args, {});
    return v.isString() && findTest(v.str()) != nullptr;
}

const std::unordered_map<std::string, TestFn> &testTable()
{
    static const std::unordered_map<std::string, TestFn> table = {
        {"odd", isOdd},         {"even", isEven},          {"divisibleby", isDivisibleby},
        {"defined", isDefined}, {"undefined", isUndefined}, {"none", isNone},
        {"boolean", isBoolean}, {"false", isFalse},        {"true", isTrue},
        {"integer", isInteger}, {"float", isFloat},        {"number", isNumber},
        {"string", isString},   {"mapping", isMapping},    {"sequence", isSequence},
        {"iterable", isIterable}, {"callable", isCallable}, {"escaped", isEscaped},
        {"lower", isLower},     {"upper", isUpper},        {"sameas", isSameas},
        {"in", isIn},           {"filter", isFilter},      {"test", isTest},
        {"==", cmp<CompareOp::Eq>}, {"eq", cmp<CompareOp::Eq>}, {"equalto", cmp<CompareOp::Eq>},
        {"!=", cmp<CompareOp::Ne>}, {"ne", cmp<CompareOp::Ne>},
        {">", cmp<CompareOp::Gt>},  {"gt", cmp<CompareOp::Gt>}, {"greaterthan", cmp<CompareOp::Gt>},
        {">=", cmp<CompareOp::Ge>}, {"ge", cmp<CompareOp::Ge>},
        {"<", cmp<CompareOp::Lt>},  {"lt", cmp<CompareOp::Lt>}, {"lessthan", cmp<CompareOp::Lt>},
        {"<=", cmp<CompareOp::Le>}, {"le", cmp<CompareOp::Le>},
    };
    return table;
}

} // namespace

TestFn findTest(const std::string &name)
{
    const auto &t = testTable();
    const auto it = t.find(name);
    return it == t.end() ? nullptr : it->second;
}

} // namespace sft::jinja::detail
