// Values and the Python semantics the evaluator and the filters share:
// truth, str() / repr(), ==, <, json.dumps and iteration.

#include "jinja/value.h"

#include "jinja/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace sft::jinja::detail {

namespace {

constexpr int kMaxNesting = 200;   // repr / json of a namespace that holds itself

const std::string &emptyString()
{
    static const std::string s;
    return s;
}

[[noreturn]] void failNesting() { fail("maximum recursion depth exceeded while converting a value"); }

} // namespace

void fail(const std::string &message) { throw RenderError(message); }

Value Callable::call(Interpreter &, CallValues &) { fail("'" + repr() + "' object is not callable"); }
Value Callable::attribute(const std::string &name) const
{
    return Value::undefined("'" + repr() + "' has no attribute '" + name + "'");
}

// ---- construction and access -------------------------------------------------

Value Value::undefined(std::string hint, bool unsafe)
{
    Value v;
    v.m_flag = unsafe;
    if (!hint.empty())
        v.m_ptr = std::make_shared<std::string>(std::move(hint));
    return v;
}

Value Value::none()
{
    Value v;
    v.m_kind = Kind::None;
    return v;
}

Value Value::boolean(bool b)
{
    Value v;
    v.m_kind = Kind::Bool;
    v.m_num.b = b;
    return v;
}

Value Value::integer(std::int64_t i)
{
    Value v;
    v.m_kind = Kind::Int;
    v.m_num.i = i;
    return v;
}

Value Value::number(double d)
{
    Value v;
    v.m_kind = Kind::Float;
    v.m_num.d = d;
    return v;
}

Value Value::string(std::string s, bool markup)
{
    Value v;
    v.m_kind = Kind::String;
    v.m_flag = markup;
    v.m_ptr = std::make_shared<std::string>(std::move(s));
    return v;
}

namespace {

std::int64_t nestedDepth(const ValueList &items)
{
    int depth = 0;
    for (const Value &item : items)
        depth = std::max(depth, item.containerDepth());
    if (depth >= kMaxValueNesting)
        fail("values are nested too deeply (more than " + std::to_string(kMaxValueNesting) + " levels)");
    return depth + 1;
}

} // namespace

Value Value::list(ValueList items, bool tuple)
{
    Value v;
    v.m_num.i = nestedDepth(items);
    v.m_kind = Kind::List;
    v.m_flag = tuple;
    v.m_ptr = std::make_shared<ValueList>(std::move(items));
    return v;
}

Value Value::dict(ValueDict d)
{
    Value v;
    v.m_kind = Kind::Dict;
    int depth = 0;
    for (const auto &kv : d.items)
        depth = std::max({depth, kv.first.containerDepth(), kv.second.containerDepth()});
    if (depth >= kMaxValueNesting)
        fail("values are nested too deeply (more than " + std::to_string(kMaxValueNesting) + " levels)");
    v.m_num.i = depth + 1;
    v.m_ptr = std::make_shared<ValueDict>(std::move(d));
    return v;
}

Value Value::ns(ValueDict d)
{
    Value v = dict(std::move(d));
    v.m_kind = Kind::Namespace;
    v.m_num.i = 0;
    return v;
}

Value Value::generator(ValueList items)
{
    Value v;
    v.m_kind = Kind::Generator;
    v.m_num.i = nestedDepth(items);
    auto state = std::make_shared<GeneratorState>();
    state->items = std::move(items);
    v.m_ptr = std::move(state);
    return v;
}

Value Value::callable(std::shared_ptr<Callable> c)
{
    Value v;
    v.m_kind = Kind::Callable;
    const int depth = c->depth();
    if (depth > kMaxValueNesting)
        fail("values are nested too deeply (more than " + std::to_string(kMaxValueNesting) + " levels)");
    v.m_num.i = depth;
    v.m_ptr = std::move(c);
    return v;
}

namespace {

template <typename Json>
Value convertJson(const Json &j, int depth)
{
    if (depth > kMaxNesting)
        fail("the variables are nested too deeply");
    switch (j.type()) {
    case Json::value_t::object: {
        ValueDict d;
        for (auto it = j.begin(); it != j.end(); ++it)
            d.set(Value::string(it.key()), convertJson(it.value(), depth + 1));
        return Value::dict(std::move(d));
    }
    case Json::value_t::array: {
        ValueList items;
        items.reserve(j.size());
        for (const auto &e : j)
            items.push_back(convertJson(e, depth + 1));
        return Value::list(std::move(items));
    }
    case Json::value_t::string:
        return Value::string(j.template get<std::string>());
    case Json::value_t::boolean:
        return Value::boolean(j.template get<bool>());
    case Json::value_t::number_integer:
        return Value::integer(j.template get<std::int64_t>());
    case Json::value_t::number_unsigned: {
        const auto u = j.template get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return Value::number(static_cast<double>(u));
        return Value::integer(static_cast<std::int64_t>(u));
    }
    case Json::value_t::number_float:
        return Value::number(j.template get<double>());
    default:
        return Value::none();
    }
}

} // namespace

Value Value::fromJson(const nlohmann::json &j) { return convertJson(j, 0); }
Value Value::fromJson(const nlohmann::ordered_json &j) { return convertJson(j, 0); }

double Value::floatValue() const
{
    if (m_kind == Kind::Float)
        return m_num.d;
    return static_cast<double>(intValue());
}

const std::string &Value::str() const
{
    if ((m_kind == Kind::String || m_kind == Kind::Undefined) && m_ptr)
        return *static_cast<const std::string *>(m_ptr.get());
    return emptyString();
}

const ValueList &Value::items() const { return *static_cast<const ValueList *>(m_ptr.get()); }
const ValueDict &Value::dict() const { return *static_cast<const ValueDict *>(m_ptr.get()); }
ValueDict &Value::nsDict() const { return *static_cast<ValueDict *>(m_ptr.get()); }
GeneratorState &Value::generatorState() const { return *static_cast<GeneratorState *>(m_ptr.get()); }
Callable &Value::function() const { return *static_cast<Callable *>(m_ptr.get()); }

const Value *ValueDict::find(const Value &key) const
{
    if (key.isString())
        return find(key.str());
    for (const auto &kv : items)
        if (!kv.first.isString() && equals(kv.first, key))
            return &kv.second;
    return nullptr;
}

const Value *ValueDict::find(const std::string &key) const
{
    const auto it = m_stringKeys.find(key);
    return it == m_stringKeys.end() ? nullptr : &items[it->second].second;
}

void ValueDict::set(Value key, Value value)
{
    if (key.isString()) {
        const auto it = m_stringKeys.find(key.str());
        if (it != m_stringKeys.end()) {
            items[it->second].second = std::move(value);
            return;
        }
        m_stringKeys.emplace(key.str(), items.size());
        items.emplace_back(std::move(key), std::move(value));
        return;
    }
    for (auto &kv : items)
        if (!kv.first.isString() && equals(kv.first, key)) {
            kv.second = std::move(value);
            return;
        }
    items.emplace_back(std::move(key), std::move(value));
}

std::size_t weight(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::String: return v.str().size() / 32;
    case Value::Kind::List: return v.items().size();
    case Value::Kind::Dict: return v.dict().items.size();
    case Value::Kind::Namespace: return v.nsDict().items.size();
    case Value::Kind::Generator: return v.generatorState().items.size();
    case Value::Kind::Callable: return v.function().weight();
    default: return 0;
    }
}

void appendBounded(std::string &out, std::string_view piece, std::size_t maxBytes)
{
    if (piece.size() > maxBytes || out.size() > maxBytes - piece.size())
        fail("output too large (more than " + std::to_string(maxBytes) + " bytes)");
    out.append(piece);
}

// ---- Python semantics ------------------------------------------------------

[[noreturn]] void failUndefinedValue(const Value &v)
{
    fail(v.str().empty() ? std::string("a value is undefined") : v.str());
}

bool truthy(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined:
        if (v.isUnsafe())
            failUndefinedValue(v);
        return false;
    case Value::Kind::None:
        return false;
    case Value::Kind::Bool:
        return v.boolValue();
    case Value::Kind::Int:
        return v.intValue() != 0;
    case Value::Kind::Float:
        return v.floatValue() != 0.0;
    case Value::Kind::String:
        return !v.str().empty();
    case Value::Kind::List:
        return !v.items().empty();
    case Value::Kind::Dict:
        return !v.dict().items.empty();
    default:
        return true;
    }
}

std::string typeName(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::Undefined: return "Undefined";
    case Value::Kind::None: return "NoneType";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Float: return "float";
    case Value::Kind::String: return "str";
    case Value::Kind::List: return v.isTuple() ? "tuple" : "list";
    case Value::Kind::Dict: return "dict";
    case Value::Kind::Namespace: return "Namespace";
    case Value::Kind::Generator: return "generator";
    case Value::Kind::Callable: return "function";
    }
    return "object";
}

namespace {

/** jinja2's object_type_repr: "None", "dict object", "jinja2.utils.Namespace object". */
std::string objectTypeRepr(const Value &v)
{
    if (v.isNone())
        return "None";
    if (v.isNamespace())
        return "jinja2.utils.Namespace object";
    return typeName(v) + " object";
}

} // namespace

Value missingAttribute(const Value &obj, const std::string &name)
{
    return Value::undefined("'" + objectTypeRepr(obj) + "' has no attribute '" + name + "'");
}

Value missingElement(const Value &obj, const Value &key)
{
    return Value::undefined(objectTypeRepr(obj) + " has no element " + repr(key, 200));
}

std::string floatRepr(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d < 0 ? "-inf" : "inf";
    if (d == 0.0)
        return std::signbit(d) ? "-0.0" : "0.0";
    char buf[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, d);
        if (std::strtod(buf, nullptr) == d)
            break;
    }
    // buf: [-]D[.DDDD]e(+|-)XX
    std::string s(buf);
    std::string sign;
    if (s[0] == '-') {
        sign = "-";
        s.erase(0, 1);
    }
    const std::size_t e = s.find('e');
    const int exponent = std::atoi(s.c_str() + e + 1);
    std::string digits;
    for (std::size_t i = 0; i < e; ++i)
        if (s[i] != '.')
            digits += s[i];
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    if (exponent < -4 || exponent >= 16) {
        std::string out = sign + digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + ebuf;
    }
    if (exponent < 0)
        return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    if (digits.size() <= static_cast<std::size_t>(exponent) + 1)
        return sign + digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0') + ".0";
    return sign + digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
}

namespace {

void reprInto(std::string &out, const Value &v, std::size_t maxBytes, int depth, bool top);

void reprList(std::string &out, const ValueList &items, bool tuple, std::size_t maxBytes, int depth)
{
    appendBounded(out, tuple ? "(" : "[", maxBytes);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            appendBounded(out, ", ", maxBytes);
        reprInto(out, items[i], maxBytes, depth + 1, false);
    }
    if (tuple && items.size() == 1)
        appendBounded(out, ",", maxBytes);
    appendBounded(out, tuple ? ")" : "]", maxBytes);
}

void reprDict(std::string &out, const ValueDict &d, std::size_t maxBytes, int depth)
{
    appendBounded(out, "{", maxBytes);
    bool first = true;
    for (const auto &kv : d.items) {
        if (!first)
            appendBounded(out, ", ", maxBytes);
        first = false;
        reprInto(out, kv.first, maxBytes, depth + 1, false);
        appendBounded(out, ": ", maxBytes);
        reprInto(out, kv.second, maxBytes, depth + 1, false);
    }
    appendBounded(out, "}", maxBytes);
}

void reprInto(std::string &out, const Value &v, std::size_t maxBytes, int depth, bool top)
{
    if (depth > kMaxNesting)
        failNesting();
    switch (v.kind()) {
    case Value::Kind::Undefined:
        if (!top)
            appendBounded(out, "Undefined", maxBytes);
        return;
    case Value::Kind::None:
        appendBounded(out, "None", maxBytes);
        return;
    case Value::Kind::Bool:
        appendBounded(out, v.boolValue() ? "True" : "False", maxBytes);
        return;
    case Value::Kind::Int:
        appendBounded(out, std::to_string(v.intValue()), maxBytes);
        return;
    case Value::Kind::Float:
        appendBounded(out, floatRepr(v.floatValue()), maxBytes);
        return;
    case Value::Kind::String:
        if (top)
            appendBounded(out, v.str(), maxBytes);
        else if (v.isMarkup())
            appendBounded(out, "Markup(" + text::repr(v.str()) + ")", maxBytes);
        else
            appendBounded(out, text::repr(v.str()), maxBytes);
        return;
    case Value::Kind::List:
        reprList(out, v.items(), v.isTuple(), maxBytes, depth);
        return;
    case Value::Kind::Dict:
        reprDict(out, v.dict(), maxBytes, depth);
        return;
    case Value::Kind::Namespace:
        appendBounded(out, "<Namespace ", maxBytes);
        reprDict(out, v.nsDict(), maxBytes, depth);
        appendBounded(out, ">", maxBytes);
        return;
    case Value::Kind::Generator:
        appendBounded(out, "<generator object>", maxBytes);
        return;
    case Value::Kind::Callable:
        appendBounded(out, v.function().repr(), maxBytes);
        return;
    }
}

} // namespace

std::string toStr(const Value &v, std::size_t maxBytes)
{
    if (v.isString())
        return v.str();
    if (v.isUnsafe())
        failUndefinedValue(v);
    std::string out;
    reprInto(out, v, maxBytes, 0, true);
    return out;
}

std::string repr(const Value &v, std::size_t maxBytes)
{
    std::string out;
    reprInto(out, v, maxBytes, 0, false);
    return out;
}

bool equals(const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isIntegral() && b.isIntegral())
            return a.intValue() == b.intValue();
        return a.floatValue() == b.floatValue();
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::None:
        return true;
    case Value::Kind::String:
        return a.str() == b.str();
    case Value::Kind::List: {
        if (a.isTuple() != b.isTuple() || a.items().size() != b.items().size())
            return false;
        for (std::size_t i = 0; i < a.items().size(); ++i)
            if (!equals(a.items()[i], b.items()[i]))
                return false;
        return true;
    }
    case Value::Kind::Dict: {
        const ValueDict &x = a.dict();
        const ValueDict &y = b.dict();
        if (x.items.size() != y.items.size())
            return false;
        for (const auto &kv : x.items) {
            const Value *other = y.find(kv.first);
            if (!other || !equals(kv.second, *other))
                return false;
        }
        return true;
    }
    case Value::Kind::Namespace:
        return &a.nsDict() == &b.nsDict();
    case Value::Kind::Generator:
        return &a.generatorState() == &b.generatorState();
    case Value::Kind::Callable:
        return &a.function() == &b.function();
    default:
        return false;
    }
}

bool lessThan(const Value &a, const Value &b)
{
    if (a.isUndefined())
        failUndefinedValue(a);
    if (b.isUndefined())
        failUndefinedValue(b);
    if (a.isNumber() && b.isNumber()) {
        if (a.isIntegral() && b.isIntegral())
            return a.intValue() < b.intValue();
        return a.floatValue() < b.floatValue();
    }
    if (a.isString() && b.isString())
        return a.str() < b.str();
    if (a.isList() && b.isList() && a.isTuple() == b.isTuple()) {
        const ValueList &x = a.items();
        const ValueList &y = b.items();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (!equals(x[i], y[i]))
                return lessThan(x[i], y[i]);
        return x.size() < y.size();
    }
    fail("'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
}

// ---- json.dumps ------------------------------------------------------------

namespace {

void jsonString(std::string &out, const std::string &s, bool ensureAscii, std::size_t maxBytes)
{
    std::string buf = "\"";
    char hex[16];
    for (char32_t c : text::decode(s)) {
        switch (c) {
        case '"': buf += "\\\""; break;
        case '\\': buf += "\\\\"; break;
        case '\n': buf += "\\n"; break;
        case '\r': buf += "\\r"; break;
        case '\t': buf += "\\t"; break;
        case '\b': buf += "\\b"; break;
        case '\f': buf += "\\f"; break;
        default:
            if (c < 0x20 || (ensureAscii && c > 0x7E)) {
                if (c >= 0x10000 && c <= 0x10FFFF) {
                    const char32_t v = c - 0x10000;
                    std::snprintf(hex, sizeof hex, "\\u%04x\\u%04x", static_cast<unsigned>(0xD800 + (v >> 10)),
                                  static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
                } else {
                    std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(c));
                }
                buf += hex;
            } else {
                text::append(buf, c);
            }
        }
    }
    buf += '"';
    appendBounded(out, buf, maxBytes);
}

std::string jsonKey(const Value &k)
{
    switch (k.kind()) {
    case Value::Kind::String: return k.str();
    case Value::Kind::Int: return std::to_string(k.intValue());
    case Value::Kind::Float: return floatRepr(k.floatValue());
    case Value::Kind::Bool: return k.boolValue() ? "true" : "false";
    case Value::Kind::None: return "null";
    default:
        fail("keys must be str, int, float, bool or None, not " + typeName(k));
    }
}

void jsonInto(std::string &out, const Value &v, const JsonOptions &o, std::size_t maxBytes, int depth)
{
    if (depth > kMaxNesting)
        fail("Circular reference detected");
    auto newline = [&](int level) {
        if (!o.hasIndent)
            return;
        appendBounded(out, "\n", maxBytes);
        for (int i = 0; i < level; ++i)
            appendBounded(out, o.indent, maxBytes);
    };
    switch (v.kind()) {
    case Value::Kind::None:
        appendBounded(out, "null", maxBytes);
        return;
    case Value::Kind::Bool:
        appendBounded(out, v.boolValue() ? "true" : "false", maxBytes);
        return;
    case Value::Kind::Int:
        appendBounded(out, std::to_string(v.intValue()), maxBytes);
        return;
    case Value::Kind::Float: {
        const double d = v.floatValue();
        appendBounded(out, std::isnan(d) ? "NaN" : std::isinf(d) ? (d < 0 ? "-Infinity" : "Infinity") : floatRepr(d),
                      maxBytes);
        return;
    }
    case Value::Kind::String:
        jsonString(out, v.str(), o.ensureAscii, maxBytes);
        return;
    case Value::Kind::List: {
        const ValueList &items = v.items();
        if (items.empty()) {
            appendBounded(out, "[]", maxBytes);
            return;
        }
        appendBounded(out, "[", maxBytes);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                appendBounded(out, o.itemSeparator, maxBytes);
            newline(depth + 1);
            jsonInto(out, items[i], o, maxBytes, depth + 1);
        }
        newline(depth);
        appendBounded(out, "]", maxBytes);
        return;
    }
    case Value::Kind::Dict: {
        std::vector<std::pair<std::string, const Value *>> entries;
        for (const auto &kv : v.dict().items)
            entries.emplace_back(jsonKey(kv.first), &kv.second);
        if (o.sortKeys)
            std::stable_sort(entries.begin(), entries.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
        if (entries.empty()) {
            appendBounded(out, "{}", maxBytes);
            return;
        }
        appendBounded(out, "{", maxBytes);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (i)
                appendBounded(out, o.itemSeparator, maxBytes);
            newline(depth + 1);
            jsonString(out, entries[i].first, o.ensureAscii, maxBytes);
            appendBounded(out, o.keySeparator, maxBytes);
            jsonInto(out, *entries[i].second, o, maxBytes, depth + 1);
        }
        newline(depth);
        appendBounded(out, "}", maxBytes);
        return;
    }
    default: {
        const std::string type = v.isCallable() ? std::string("function") : typeName(v);
        fail("Object of type " + type + " is not JSON serializable");
    }
    }
}

} // namespace

std::string toJson(const Value &v, const JsonOptions &options, std::size_t maxBytes)
{
    std::string out;
    jsonInto(out, v, options, maxBytes, 0);
    return out;
}

ValueList iterate(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::List:
        return v.items();
    case Value::Kind::Dict: {
        ValueList keys;
        keys.reserve(v.dict().items.size());
        for (const auto &kv : v.dict().items)
            keys.push_back(kv.first);
        return keys;
    }
    case Value::Kind::String: {
        ValueList chars;
        for (char32_t c : text::decode(v.str())) {
            std::string s;
            text::append(s, c);
            chars.push_back(Value::string(std::move(s)));
        }
        return chars;
    }
    case Value::Kind::Generator: {
        GeneratorState &g = v.generatorState();
        ValueList rest(g.items.begin() + static_cast<std::ptrdiff_t>(std::min(g.next, g.items.size())), g.items.end());
        g.next = g.items.size();
        return rest;
    }
    case Value::Kind::Undefined:
        if (v.isUnsafe())
            failUndefinedValue(v);
        return {};
    default:
        fail("'" + typeName(v) + "' object is not iterable");
    }
}

} // namespace sft::jinja::detail
