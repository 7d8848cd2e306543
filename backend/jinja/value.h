#pragma once
// The values a template computes with, modelled on the Python objects jinja2
// hands around: undefined, None, bool, int, float, str, list / tuple, dict,
// the namespace() object, generators (what select / map / selectattr return)
// and callables (macros, globals, bound methods, the loop object).
// Strings, lists and dicts are shared and immutable once built (the sandbox
// transformers uses forbids mutating them), so copying a Value is cheap; a
// namespace is the one mutable object.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sft::jinja::detail {

class Interpreter;
class Value;
struct Pos
{
    int line = 0;
    int column = 0;
};

/** An error while rendering; the interpreter fills pos from the node that failed. */
class RenderError : public std::runtime_error
{
public:
    explicit RenderError(const std::string &message, Pos pos = {}) : std::runtime_error(message), pos(pos) {}
    Pos pos;
    bool raised = false;   ///< from raise_exception(): the message is the template's own
};

[[noreturn]] void fail(const std::string &message);
/** Fails with an undefined value's own message ("'x' is undefined", or the sandbox's refusal). */
[[noreturn]] void failUndefinedValue(const Value &v);

using ValueList = std::vector<Value>;

/** A dict: insertion-ordered like Python's, keys compared with Python's ==; string keys are indexed. */
struct ValueDict
{
    std::vector<std::pair<Value, Value>> items;   ///< insertion order; change only through set()
    const Value *find(const Value &key) const;
    const Value *find(const std::string &key) const;
    void set(Value key, Value value);

private:
    std::unordered_map<std::string, std::size_t> m_stringKeys;   ///< string key -> position in items
};

/** Positional and keyword arguments of a call. */
struct CallValues
{
    ValueList positional;
    std::vector<std::pair<std::string, Value>> keyword;
};

/** Anything that can be called, and the loop object (which has attributes). */
class Callable
{
public:
    virtual ~Callable() = default;
    virtual Value call(Interpreter &in, CallValues &args);
    virtual Value attribute(const std::string &name) const;
    virtual std::string repr() const = 0;
    virtual bool isCallable() const { return true; }
    /** How much data a call works on (a bound method's object), for the step limit. */
    virtual std::size_t weight() const { return 0; }
    /**
     * How deeply the values this callable holds nest, plus one (0 when it
     * holds none): a chain of callables holding each other counts like nested
     * containers, so freeing one never recurses without bound.
     */
    virtual int depth() const { return 0; }
};

/** A once-only iterator (a generator in Python): consumed by iterating it. */
struct GeneratorState
{
    ValueList items;
    std::size_t next = 0;
};

/**
 * How deeply containers may nest; building a deeper one fails, so comparing,
 * printing and freeing values never recurses without bound.
 */
constexpr int kMaxValueNesting = 500;

class Value
{
public:
    enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Namespace, Generator, Callable };

    Value() = default;   ///< undefined
    static Value undefined(std::string hint, bool unsafe = false);
    static Value none();
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value number(double d);
    static Value string(std::string s, bool markup = false);
    static Value list(ValueList items, bool tuple = false);
    static Value dict(ValueDict d);
    static Value ns(ValueDict d);
    static Value generator(ValueList items);
    static Value callable(std::shared_ptr<Callable> c);
    static Value fromJson(const nlohmann::json &j);
    static Value fromJson(const nlohmann::ordered_json &j);

    Kind kind() const { return m_kind; }
    bool isUndefined() const { return m_kind == Kind::Undefined; }
    bool isNone() const { return m_kind == Kind::None; }
    bool isString() const { return m_kind == Kind::String; }
    bool isInt() const { return m_kind == Kind::Int; }
    bool isBool() const { return m_kind == Kind::Bool; }
    bool isFloat() const { return m_kind == Kind::Float; }
    /** int, bool or float: Python numbers (bool is an int there). */
    bool isNumber() const { return m_kind == Kind::Int || m_kind == Kind::Bool || m_kind == Kind::Float; }
    bool isIntegral() const { return m_kind == Kind::Int || m_kind == Kind::Bool; }
    bool isList() const { return m_kind == Kind::List; }
    bool isTuple() const { return m_kind == Kind::List && m_flag; }
    bool isDict() const { return m_kind == Kind::Dict; }
    bool isNamespace() const { return m_kind == Kind::Namespace; }
    bool isGenerator() const { return m_kind == Kind::Generator; }
    bool isCallable() const { return m_kind == Kind::Callable; }
    /** A string marked safe (Markup): escape leaves it alone. */
    bool isMarkup() const { return m_kind == Kind::String && m_flag; }
    /** An undefined standing for a blocked attribute (list.append): any use is a security error. */
    bool isUnsafe() const { return m_kind == Kind::Undefined && m_flag; }

    /**
     * How deeply lists, tuples, dicts, generators and callables holding values
     * (bound methods, cyclers, joiners) nest in this value (0 for anything else).
     */
    int containerDepth() const
    {
        return (m_kind == Kind::List || m_kind == Kind::Dict || m_kind == Kind::Generator || m_kind == Kind::Callable)
                   ? static_cast<int>(m_num.i)
                   : 0;
    }

    bool boolValue() const { return m_num.b; }
    std::int64_t intValue() const { return m_kind == Kind::Bool ? (m_num.b ? 1 : 0) : m_num.i; }
    double floatValue() const;   ///< any number as a double
    const std::string &str() const;
    const std::string &undefinedHint() const { return str(); }
    const ValueList &items() const;
    const ValueDict &dict() const;
    ValueDict &nsDict() const;
    GeneratorState &generatorState() const;
    Callable &function() const;

private:
    Kind m_kind = Kind::Undefined;
    bool m_flag = false;
    union {
        bool b;
        std::int64_t i;
        double d;
    } m_num{};
    std::shared_ptr<void> m_ptr;
};

// ---- Python semantics (value.cpp) ---------------------------------------

/** Python's truth value (undefined is false, a generator true). */
bool truthy(const Value &v);
/** Python's type name for messages: 'str', 'int', 'dict', 'NoneType', ... */
std::string typeName(const Value &v);
/** The undefined jinja2 gives for a missing attribute: "'dict object' has no attribute 'x'". */
Value missingAttribute(const Value &obj, const std::string &name);
/** The undefined jinja2 gives for a missing element: "list object has no element 3". */
Value missingElement(const Value &obj, const Value &key);
/** str(v) as jinja prints it (undefined prints ""); maxBytes bounds the result. */
std::string toStr(const Value &v, std::size_t maxBytes);
/** repr(v): 'a', [1, 'b'], {'k': None}, (1,) ... */
std::string repr(const Value &v, std::size_t maxBytes);
/** Python's repr() of a float: shortest round-trip digits, 1e+16, 1e-05, inf, nan. */
std::string floatRepr(double d);
/** Python's ==. */
bool equals(const Value &a, const Value &b);
/** Python's <, for sort / min / max / comparisons; throws a TypeError for unorderable pairs. */
bool lessThan(const Value &a, const Value &b);

/** json.dumps(v, ensure_ascii, indent, separators, sort_keys) as transformers' tojson filter calls it. */
struct JsonOptions
{
    bool ensureAscii = false;
    bool hasIndent = false;
    std::string indent;   ///< the indent unit when hasIndent
    std::string itemSeparator = ", ";
    std::string keySeparator = ": ";
    bool sortKeys = false;
};
std::string toJson(const Value &v, const JsonOptions &options, std::size_t maxBytes);

/** How much data a value holds (elements, or string bytes / 32), for charging work against the step limit. */
std::size_t weight(const Value &v);

/** The elements of an iterable (list, tuple, dict keys, string characters, generator, undefined = none). */
ValueList iterate(const Value &v);
/** iterate(), charging first for what it allocates (one string per character of a string). */
ValueList iterate(Interpreter &in, const Value &v);

/** Stable merge sort that stays memory-safe whatever the comparison does (NaN, exceptions). */
template <typename Less>
void mergeSort(ValueList &v, Less less)
{
    ValueList tmp(v.size());
    for (std::size_t width = 1; width < v.size(); width *= 2) {
        for (std::size_t lo = 0; lo < v.size(); lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, v.size());
            const std::size_t hi = std::min(lo + 2 * width, v.size());
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = less(v[j], v[i]) ? v[j++] : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        v.swap(tmp);
    }
}

/** Appends to a string, failing with "output too large" past maxBytes. */
void appendBounded(std::string &out, std::string_view piece, std::size_t maxBytes);

} // namespace sft::jinja::detail
