#pragma once
// The built-in library: jinja2's filters and tests, the methods of str /
// dict / list the sandbox allows, the globals (range, namespace, dict,
// raise_exception, strftime_now), Python's operators, and the argument
// binding they share.

#include "jinja/ast.h"
#include "jinja/value.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace sft::jinja::detail {

class Interpreter;

/**
 * Binds call arguments to a Python-style signature: positional then keyword,
 * failing for too many or unknown arguments, as Python would.
 */
class Args
{
public:
    Args(const std::string &function, CallValues &values, std::initializer_list<const char *> names,
         bool extraPositional = false);
    bool has(std::size_t i) const { return m_bound[i] != nullptr; }
    const Value &get(std::size_t i) const;   ///< undefined when not given
    Value get(std::size_t i, Value fallback) const { return has(i) ? *m_bound[i] : std::move(fallback); }
    std::int64_t getInt(std::size_t i, std::int64_t fallback) const;
    bool getBool(std::size_t i, bool fallback) const;
    /** Positional arguments past the named ones (when extraPositional). */
    const ValueList &extra() const { return m_extra; }

private:
    std::string m_function;
    std::vector<std::string> m_names;
    std::vector<const Value *> m_bound;
    ValueList m_extra;
};

using FilterFn = Value (*)(Interpreter &, const Value &, CallValues &);
using TestFn = bool (*)(Interpreter &, const Value &, CallValues &);

FilterFn findFilter(const std::string &name);
TestFn findTest(const std::string &name);

/**
 * The method `name` of a str, dict or list bound to self, an unsafe undefined
 * for the mutating ones the sandbox blocks (list.append, dict.update, ...),
 * or an undefined without a hint when self has no such method.
 */
Value methodOf(const Value &self, const std::string &name);

/** The globals: range, namespace, dict, raise_exception, strftime_now, cycler, joiner. */
const std::vector<std::pair<std::string, Value>> &globalValues();

// ---- operators (operators.cpp) ----------------------------------------------------
Value binaryOp(BinaryOp op, const Value &a, const Value &b, std::size_t maxBytes);
Value unaryOp(UnaryOp op, const Value &v);
/** item in container, as Python's `in`. */
bool contains(const Value &container, const Value &item);
bool compare(CompareOp op, const Value &a, const Value &b);
/** Python's printf-style `fmt % args` (args a tuple, a dict for %(name)s, or one value). */
std::string percentFormat(const std::string &fmt, const Value &args, std::size_t maxBytes);
/** str.format(*args, **kwargs): {} {0} {name} {name.attr} {0[key]}, with format specs for numbers. */
std::string braceFormat(Interpreter &in, const std::string &fmt, const CallValues &args);

/** Python's int(x) conversion from a string ("  42 ", "0x1f" with base 0, "1_000"); false if invalid. */
bool parsePythonInt(const std::string &s, int base, std::int64_t &out);
/** Python's float(x) from a string ("1e3", " inf "); false if invalid. */
bool parsePythonFloat(const std::string &s, double &out);

} // namespace sft::jinja::detail
