// Python's operators on values: arithmetic with Python's int / float rules
// (floor division and modulo round toward -inf, / always gives a float),
// sequence concatenation and repetition, comparisons, `in`, and Python's
// number parsing of int() and float().

#include "jinja/builtins.h"
#include "jinja/text.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace sft::jinja::detail {

namespace {

[[noreturn]] void unsupported(const char *op, const Value &a, const Value &b)
{
    fail(std::string("unsupported operand type(s) for ") + op + ": '" + typeName(a) + "' and '" + typeName(b) + "'");
}

[[noreturn]] void overflow() { fail("integer overflow (integers are 64-bit here)"); }

std::int64_t checkedMul(std::int64_t a, std::int64_t b)
{
    std::int64_t r;
    if (__builtin_mul_overflow(a, b, &r))
        overflow();
    return r;
}

Value repeat(const Value &seq, std::int64_t count, std::size_t maxBytes)
{
    if (count < 0)
        count = 0;
    if (seq.isString()) {
        const std::string &s = seq.str();
        if (!s.empty() && static_cast<std::uint64_t>(count) > maxBytes / s.size())
            fail("output too large (more than " + std::to_string(maxBytes) + " bytes)");
        std::string out;
        out.reserve(s.size() * static_cast<std::size_t>(count));
        for (std::int64_t i = 0; i < count; ++i)
            out += s;
        return Value::string(std::move(out));
    }
    const ValueList &items = seq.items();
    if (!items.empty() && static_cast<std::uint64_t>(count) > (maxBytes / 16) / items.size())
        fail("list too large");
    ValueList out;
    out.reserve(items.size() * static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        out.insert(out.end(), items.begin(), items.end());
    return Value::list(std::move(out), seq.isTuple());
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    if (a == std::numeric_limits<std::int64_t>::min() && b == -1)
        overflow();
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::int64_t floorMod(std::int64_t a, std::int64_t b)
{
    if (b == -1)
        return 0;
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

Value power(const Value &a, const Value &b)
{
    if (a.isIntegral() && b.isIntegral() && b.intValue() >= 0) {
        std::int64_t base = a.intValue();
        std::int64_t exp = b.intValue();
        std::int64_t result = 1;
        while (exp > 0) {
            if (exp & 1)
                result = checkedMul(result, base);
            exp >>= 1;
            if (exp > 0)
                base = checkedMul(base, base);
        }
        return Value::integer(result);
    }
    const double x = a.floatValue();
    const double y = b.floatValue();
    if (x == 0.0 && y < 0)
        fail("0.0 cannot be raised to a negative power");
    if (x < 0 && y != std::floor(y))
        fail("a negative number raised to a fractional power is complex, which is not supported");
    const double r = std::pow(x, y);
    if (std::isinf(r) && !std::isinf(x) && !std::isinf(y))
        fail("(34, 'Numerical result out of range')");
    return Value::number(r);
}

} // namespace

Value binaryOp(BinaryOp op, const Value &a, const Value &b, std::size_t maxBytes)
{
    if (op == BinaryOp::Concat) {
        std::string s = toStr(a, maxBytes);
        appendBounded(s, toStr(b, maxBytes), maxBytes);
        return Value::string(std::move(s));
    }
    if (a.isUndefined())
        failUndefinedValue(a);
    if (b.isUndefined())
        failUndefinedValue(b);
    const bool ints = a.isIntegral() && b.isIntegral();
    const bool nums = a.isNumber() && b.isNumber();
    switch (op) {
    case BinaryOp::Add:
        if (ints) {
            std::int64_t r;
            if (__builtin_add_overflow(a.intValue(), b.intValue(), &r))
                overflow();
            return Value::integer(r);
        }
        if (nums)
            return Value::number(a.floatValue() + b.floatValue());
        if (a.isString() && b.isString()) {
            std::string s = a.str();
            appendBounded(s, b.str(), maxBytes);
            return Value::string(std::move(s), a.isMarkup());
        }
        if (a.isList() && b.isList() && a.isTuple() == b.isTuple()) {
            if (a.items().size() + b.items().size() > maxBytes / 16)
                fail("list too large");
            ValueList items = a.items();
            items.insert(items.end(), b.items().begin(), b.items().end());
            return Value::list(std::move(items), a.isTuple());
        }
        if (a.isString() || a.isList())
            fail("can only concatenate " + typeName(a) + " (not \"" + typeName(b) + "\") to " + typeName(a));
        unsupported("+", a, b);
    case BinaryOp::Sub:
        if (ints) {
            std::int64_t r;
            if (__builtin_sub_overflow(a.intValue(), b.intValue(), &r))
                overflow();
            return Value::integer(r);
        }
        if (nums)
            return Value::number(a.floatValue() - b.floatValue());
        unsupported("-", a, b);
    case BinaryOp::Mul:
        if (ints)
            return Value::integer(checkedMul(a.intValue(), b.intValue()));
        if (nums)
            return Value::number(a.floatValue() * b.floatValue());
        if ((a.isString() || a.isList()) && b.isIntegral())
            return repeat(a, b.intValue(), maxBytes);
        if ((b.isString() || b.isList()) && a.isIntegral())
            return repeat(b, a.intValue(), maxBytes);
        if (a.isString() || b.isString() || a.isList() || b.isList())
            fail("can't multiply sequence by non-int of type '" + typeName(a.isString() || a.isList() ? b : a) + "'");
        unsupported("*", a, b);
    case BinaryOp::Div:
        if (nums) {
            if (b.floatValue() == 0.0)
                fail("division by zero");
            return Value::number(a.floatValue() / b.floatValue());
        }
        unsupported("/", a, b);
    case BinaryOp::FloorDiv:
        if (ints) {
            if (b.intValue() == 0)
                fail("integer division or modulo by zero");
            return Value::integer(floorDiv(a.intValue(), b.intValue()));
        }
        if (nums) {
            if (b.floatValue() == 0.0)
                fail("float floor division by zero");
            return Value::number(std::floor(a.floatValue() / b.floatValue()));
        }
        unsupported("//", a, b);
    case BinaryOp::Mod:
        if (a.isString())
            return Value::string(percentFormat(a.str(), b, maxBytes));
        if (ints) {
            if (b.intValue() == 0)
                fail("integer modulo by zero");
            return Value::integer(floorMod(a.intValue(), b.intValue()));
        }
        if (nums) {
            const double y = b.floatValue();
            if (y == 0.0)
                fail("float modulo");
            double r = std::fmod(a.floatValue(), y);
            if (r != 0 && ((r < 0) != (y < 0)))
                r += y;
            return Value::number(r);
        }
        unsupported("%", a, b);
    case BinaryOp::Pow:
        if (nums)
            return power(a, b);
        unsupported("** or pow()", a, b);
    default:
        break;
    }
    fail("unknown operator");
}

Value unaryOp(UnaryOp op, const Value &v)
{
    if (v.isUndefined())
        failUndefinedValue(v);
    if (v.isIntegral()) {
        if (op == UnaryOp::Pos)
            return Value::integer(v.intValue());
        if (v.intValue() == std::numeric_limits<std::int64_t>::min())
            overflow();
        return Value::integer(-v.intValue());
    }
    if (v.isFloat())
        return Value::number(op == UnaryOp::Neg ? -v.floatValue() : v.floatValue());
    fail(std::string("bad operand type for unary ") + (op == UnaryOp::Neg ? "-" : "+") + ": '" + typeName(v) + "'");
}

bool contains(const Value &container, const Value &item)
{
    switch (container.kind()) {
    case Value::Kind::String:
        if (!item.isString())
            fail("'in <string>' requires string as left operand, not " + typeName(item));
        return container.str().find(item.str()) != std::string::npos;
    case Value::Kind::List:
        for (const Value &v : container.items())
            if (equals(v, item))
                return true;
        return false;
    case Value::Kind::Dict:
        return container.dict().find(item) != nullptr;
    case Value::Kind::Generator:
    case Value::Kind::Undefined: {
        GeneratorState *g = container.isGenerator() ? &container.generatorState() : nullptr;
        if (!g)
            return false;
        while (g->next < g->items.size())
            if (equals(g->items[g->next++], item))
                return true;
        return false;
    }
    default:
        fail("argument of type '" + typeName(container) + "' is not iterable");
    }
}

bool compare(CompareOp op, const Value &a, const Value &b)
{
    switch (op) {
    case CompareOp::Eq: return equals(a, b);
    case CompareOp::Ne: return !equals(a, b);
    case CompareOp::Lt: return lessThan(a, b);
    case CompareOp::Gt: return lessThan(b, a);
    case CompareOp::Le: return lessThan(a, b) || equals(a, b);
    case CompareOp::Ge: return lessThan(b, a) || equals(a, b);
    case CompareOp::In: return contains(b, a);
    case CompareOp::NotIn: return !contains(b, a);
    }
    return false;
}

// ---- number parsing ------------------------------------------------------------

namespace {

std::string trimmed(const std::string &s) { return text::strip(s, nullptr, true, true); }

} // namespace

bool parsePythonInt(const std::string &input, int base, std::int64_t &out)
{
    std::string s = trimmed(input);
    bool negative = false;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (base == 0 || base == 16 || base == 8 || base == 2) {
        if (i + 1 < s.size() && s[i] == '0') {
            const char p = static_cast<char>(s[i + 1] | 0x20);
            const int prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (prefixed && (base == 0 || base == prefixed)) {
                base = prefixed;
                i += 2;
                if (i < s.size() && s[i] == '_')
                    ++i;
            }
        }
        if (base == 0)
            base = 10;
    }
    if (i >= s.size())
        return false;
    std::int64_t v = 0;
    bool lastUnderscore = true;   // no leading underscore
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '_') {
            if (lastUnderscore)
                return false;
            lastUnderscore = true;
            continue;
        }
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            d = (c | 0x20) - 'a' + 10;
        else
            return false;
        if (d >= base)
            return false;
        if (v > (std::numeric_limits<std::int64_t>::max() - d) / base)
            return false;
        v = v * base + d;
        lastUnderscore = false;
    }
    if (lastUnderscore)
        return false;
    out = negative ? -v : v;
    return true;
}

bool parsePythonFloat(const std::string &input, double &out)
{
    std::string s = trimmed(input);
    std::string lowered = text::lower(s);
    std::string body = lowered;
    double sign = 1;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        sign = body[0] == '-' ? -1 : 1;
        body.erase(0, 1);
    }
    if (body == "inf" || body == "infinity") {
        out = sign * std::numeric_limits<double>::infinity();
        return true;
    }
    if (body == "nan") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    std::string clean;
    bool digits = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '_') {
            if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
                !std::isdigit(static_cast<unsigned char>(s[i + 1])))
                return false;
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits = true;
        else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
            return false;
        clean += c;
    }
    if (!digits)
        return false;
    char *end = nullptr;
    out = std::strtod(clean.c_str(), &end);
    return end && *end == '\0';
}

} // namespace sft::jinja::detail
