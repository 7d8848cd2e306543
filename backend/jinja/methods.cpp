// Methods of str, dict and list as the sandbox exposes them (mutating ones
// are refused), the globals (range, namespace, dict, cycler, joiner,
// raise_exception, strftime_now) and the argument binder.

#include "jinja/builtins.h"
#include "jinja/interpreter.h"
#include "jinja/text.h"

#include <ctime>
#include <unordered_map>

namespace sft::jinja::detail {

// ---- argument binding ------------------------------------------------------------

Args::Args(const std::string &function, CallValues &values, std::initializer_list<const char *> names,
           bool extraPositional)
    : m_function(function), m_names(names.begin(), names.end()), m_bound(names.size(), nullptr)
{
    for (std::size_t i = 0; i < values.positional.size(); ++i) {
        if (i < m_names.size())
            m_bound[i] = &values.positional[i];
        else if (extraPositional)
            m_extra.push_back(values.positional[i]);
        else
            fail(m_function + "() takes at most " + std::to_string(m_names.size()) + " argument(s) (" +
                 std::to_string(values.positional.size()) + " given)");
    }
    for (const auto &kv : values.keyword) {
        std::size_t i = 0;
        while (i < m_names.size() && m_names[i] != kv.first)
            ++i;
        if (i == m_names.size())
            fail(m_function + "() got an unexpected keyword argument '" + kv.first + "'");
        if (m_bound[i])
            fail(m_function + "() got multiple values for argument '" + kv.first + "'");
        m_bound[i] = &kv.second;
    }
}

const Value &Args::get(std::size_t i) const
{
    static const Value undefined;
    return m_bound[i] ? *m_bound[i] : undefined;
}

std::int64_t Args::getInt(std::size_t i, std::int64_t fallback) const
{
    if (!has(i) || get(i).isNone())
        return fallback;
    if (!get(i).isIntegral())
        fail(m_function + "(): '" + m_names[i] + "' must be an integer, not " + typeName(get(i)));
    return get(i).intValue();
}

bool Args::getBool(std::size_t i, bool fallback) const { return has(i) ? truthy(get(i)) : fallback; }

namespace {

const std::string &strArg(const Value &v, const char *what)
{
    if (!v.isString())
        fail(std::string(what) + " must be str, not " + typeName(v));
    return v.str();
}

/** The code-point range [start, end) a find / count / startswith call looks at, as byte offsets. */
std::pair<std::size_t, std::size_t> window(const std::string &s, const Args &a, std::size_t startArg)
{
    if (!a.has(startArg) && !a.has(startArg + 1))
        return {0, s.size()};
    const std::u32string u = text::decode(s);
    const auto len = static_cast<std::int64_t>(u.size());
    auto clamp = [&](std::int64_t v) {
        if (v < 0)
            v += len;
        return std::max<std::int64_t>(0, std::min(v, len));
    };
    const std::int64_t b = clamp(a.getInt(startArg, 0));
    const std::int64_t e = clamp(a.getInt(startArg + 1, len));
    auto byteOffset = [&](std::int64_t cp) {
        return text::encode(std::u32string_view(u).substr(0, static_cast<std::size_t>(cp))).size();
    };
    if (e < b)
        return {1, 0};   // empty window: nothing is found
    return {byteOffset(b), byteOffset(e)};
}

Value cpIndex(const std::string &s, std::size_t byteOffset)
{
    return Value::integer(static_cast<std::int64_t>(text::length(std::string_view(s).substr(0, byteOffset))));
}

Value strip(const Value &self, CallValues &args, const char *name, bool left, bool right)
{
    Args a(name, args, {"chars"});
    if (!a.has(0) || a.get(0).isNone())
        return Value::string(text::strip(self.str(), nullptr, left, right));
    const std::u32string chars = text::decode(strArg(a.get(0), "strip arg"));
    return Value::string(text::strip(self.str(), &chars, left, right));
}

Value split(const Value &self, CallValues &args, const char *name, bool fromRight)
{
    Args a(name, args, {"sep", "maxsplit"});
    const std::int64_t maxsplit = a.getInt(1, -1);
    std::vector<std::string> parts;
    if (!a.has(0) || a.get(0).isNone()) {
        parts = text::splitWhitespace(self.str(), maxsplit, fromRight);
    } else {
        const std::string &sep = strArg(a.get(0), "sep");
        if (sep.empty())
            fail("empty separator");
        parts = text::splitOn(self.str(), sep, maxsplit, fromRight);
    }
    ValueList out;
    for (auto &p : parts)
        out.push_back(Value::string(std::move(p)));
    return Value::list(std::move(out));
}

Value affix(const Value &self, CallValues &args, const char *name, bool start)
{
    Args a(name, args, {"prefix", "start", "end"});
    const auto w = window(self.str(), a, 1);
    if (w.first > w.second)
        return Value::boolean(false);
    const std::string_view s = std::string_view(self.str()).substr(w.first, w.second - w.first);
    auto test = [&](const Value &p) {
        const std::string &x = strArg(p, start ? "startswith first arg" : "endswith first arg");
        return x.size() <= s.size() && (start ? s.substr(0, x.size()) == x : s.substr(s.size() - x.size()) == x);
    };
    if (a.get(0).isTuple()) {
        for (const Value &p : a.get(0).items())
            if (test(p))
                return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(test(a.get(0)));
}

Value find(const Value &self, CallValues &args, const char *name, bool fromRight, bool raise)
{
    Args a(name, args, {"sub", "start", "end"});
    const std::string &sub = strArg(a.get(0), "must be str");
    const auto w = window(self.str(), a, 1);
    std::size_t at = std::string::npos;
    if (w.first <= w.second && sub.size() <= w.second - w.first) {
        const std::string_view s = std::string_view(self.str()).substr(0, w.second);
        at = fromRight ? s.rfind(sub) : s.find(sub, w.first);
        if (at != std::string::npos && at < w.first)
            at = std::string::npos;
    }
    if (at == std::string::npos) {
        if (raise)
            fail("substring not found");
        return Value::integer(-1);
    }
    return cpIndex(self.str(), at);
}

Value justify(const Value &self, CallValues &args, const char *name, char how, std::size_t maxBytes)
{
    Args a(name, args, {"width", "fillchar"});
    const std::int64_t width = a.getInt(0, 0);
    char32_t fill = ' ';
    if (a.has(1)) {
        const std::u32string f = text::decode(strArg(a.get(1), "fillchar"));
        if (f.size() != 1)
            fail("The fill character must be exactly one character long");
        fill = f[0];
    }
    const std::u32string u = text::decode(self.str());
    const auto len = static_cast<std::int64_t>(u.size());
    if (width <= len)
        return self;
    if (static_cast<std::uint64_t>(width) > maxBytes)
        fail("output too large");
    const std::int64_t marg = width - len;
    std::int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
    std::u32string out(static_cast<std::size_t>(left), fill);
    out += u;
    out.append(static_cast<std::size_t>(marg - left), fill);
    return Value::string(text::encode(out));
}

template <bool (*Pred)(char32_t)>
Value allChars(const Value &self, CallValues &args, const char *name)
{
    Args a(name, args, {});
    const std::u32string u = text::decode(self.str());
    if (u.empty())
        return Value::boolean(false);
    for (char32_t c : u)
        if (!Pred(c))
            return Value::boolean(false);
    return Value::boolean(true);
}

bool isAlnum(char32_t c) { return text::isAlpha(c) || text::isDigit(c); }

Value caseCheck(const Value &self, bool wantUpper)
{
    bool cased = false;
    for (char32_t c : text::decode(self.str())) {
        if (wantUpper ? text::isLower(c) : text::isUpper(c))
            return Value::boolean(false);
        cased = cased || text::isCased(c);
    }
    return Value::boolean(cased);
}

Value replace(const Value &self, CallValues &args, std::size_t maxBytes)
{
    Args a("replace", args, {"old", "new", "count"});
    const std::string &from = strArg(a.get(0), "replace() argument 1");
    const std::string &to = strArg(a.get(1), "replace() argument 2");
    std::int64_t count = a.getInt(2, -1);
    const std::string &s = self.str();
    std::string out;
    if (from.empty()) {
        std::string ch;
        for (char32_t c : text::decode(s)) {
            if (count != 0) {
                appendBounded(out, to, maxBytes);
                if (count > 0)
                    --count;
            }
            ch.clear();
            text::append(ch, c);
            appendBounded(out, ch, maxBytes);
        }
        if (count != 0)
            appendBounded(out, to, maxBytes);
        return Value::string(std::move(out));
    }
    std::size_t pos = 0;
    while (count != 0) {
        const std::size_t at = s.find(from, pos);
        if (at == std::string::npos)
            break;
        appendBounded(out, std::string_view(s).substr(pos, at - pos), maxBytes);
        appendBounded(out, to, maxBytes);
        pos = at + from.size();
        if (count > 0)
            --count;
    }
    appendBounded(out, std::string_view(s).substr(pos), maxBytes);
    return Value::string(std::move(out));
}

Value strMethod(Interpreter &in, const std::string &name, const Value &self, CallValues &args)
{
    const std::string &s = self.str();
    auto noArgs = [&]() { Args a(name, args, {}); };
    if (name == "strip") return strip(self, args, "strip", true, true);
    if (name == "lstrip") return strip(self, args, "lstrip", true, false);
    if (name == "rstrip") return strip(self, args, "rstrip", false, true);
    if (name == "split") return split(self, args, "split", false);
    if (name == "rsplit") return split(self, args, "rsplit", true);
    if (name == "startswith") return affix(self, args, "startswith", true);
    if (name == "endswith") return affix(self, args, "endswith", false);
    if (name == "find") return find(self, args, "find", false, false);
    if (name == "rfind") return find(self, args, "rfind", true, false);
    if (name == "index") return find(self, args, "index", false, true);
    if (name == "rindex") return find(self, args, "rindex", true, true);
    if (name == "replace") return replace(self, args, in.maxBytes());
    if (name == "center") return justify(self, args, "center", '^', in.maxBytes());
    if (name == "ljust") return justify(self, args, "ljust", '<', in.maxBytes());
    if (name == "rjust") return justify(self, args, "rjust", '>', in.maxBytes());
    if (name == "format") return Value::string(braceFormat(in, s, args));
    if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") return allChars<text::isDigit>(self, args, "isdigit");
    if (name == "isalpha") return allChars<text::isAlpha>(self, args, "isalpha");
    if (name == "isalnum") return allChars<isAlnum>(self, args, "isalnum");
    if (name == "isspace") return allChars<text::isSpace>(self, args, "isspace");
    if (name == "splitlines") {
        Args a(name, args, {"keepends"});
        ValueList out;
        for (auto &l : text::splitLines(s))
            out.push_back(Value::string(std::move(l)));
        return Value::list(std::move(out));
    }
    if (name == "count") {
        Args a(name, args, {"sub", "start", "end"});
        const std::string &sub = strArg(a.get(0), "must be str");
        const auto w = window(s, a, 1);
        if (w.first > w.second)
            return Value::integer(0);
        const std::string_view v = std::string_view(s).substr(w.first, w.second - w.first);
        if (sub.empty())
            return Value::integer(static_cast<std::int64_t>(text::length(v)) + 1);
        std::int64_t n = 0;
        for (std::size_t at = v.find(sub); at != std::string_view::npos; at = v.find(sub, at + sub.size()))
            ++n;
        return Value::integer(n);
    }
    if (name == "join") {
        Args a(name, args, {"iterable"});
        std::string out;
        std::size_t i = 0;
        for (const Value &v : iterate(in, a.get(0))) {
            if (!v.isString())
                fail("sequence item " + std::to_string(i) + ": expected str instance, " + typeName(v) + " found");
            if (i++)
                appendBounded(out, s, in.maxBytes());
            appendBounded(out, v.str(), in.maxBytes());
        }
        return Value::string(std::move(out));
    }
    if (name == "partition" || name == "rpartition") {
        Args a(name, args, {"sep"});
        const std::string &sep = strArg(a.get(0), "sep");
        if (sep.empty())
            fail("empty separator");
        const std::size_t at = name == "partition" ? s.find(sep) : s.rfind(sep);
        if (at == std::string::npos)
            return name == "partition"
                       ? Value::list({self, Value::string(""), Value::string("")}, true)
                       : Value::list({Value::string(""), Value::string(""), self}, true);
        return Value::list({Value::string(s.substr(0, at)), Value::string(sep), Value::string(s.substr(at + sep.size()))},
                           true);
    }
    if (name == "removeprefix" || name == "removesuffix") {
        Args a(name, args, {"affix"});
        const std::string &x = strArg(a.get(0), name.c_str());
        if (name == "removeprefix")
            return Value::string(s.compare(0, x.size(), x) == 0 ? s.substr(x.size()) : s);
        return Value::string(x.size() <= s.size() && s.compare(s.size() - x.size(), x.size(), x) == 0
                                 ? s.substr(0, s.size() - x.size())
                                 : s);
    }
    if (name == "zfill") {
        Args a(name, args, {"width"});
        const std::int64_t width = a.getInt(0, 0);
        const auto len = static_cast<std::int64_t>(text::length(s));
        if (width <= len)
            return self;
        if (static_cast<std::uint64_t>(width) > in.maxBytes())
            fail("output too large");
        const std::size_t signLen = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
        return Value::string(s.substr(0, signLen) + std::string(static_cast<std::size_t>(width - len), '0') +
                             s.substr(signLen));
    }
    noArgs();
    if (name == "upper") return Value::string(text::upper(s));
    if (name == "lower" || name == "casefold") return Value::string(text::lower(s));
    if (name == "title") return Value::string(text::title(s));
    if (name == "capitalize") return Value::string(text::capitalize(s));
    if (name == "swapcase") return Value::string(text::swapcase(s));
    if (name == "isupper") return caseCheck(self, true);
    if (name == "islower") return caseCheck(self, false);
    fail("str has no method '" + name + "'");
}

const char *const kStrMethods[] = {
    "strip", "lstrip", "rstrip", "split", "rsplit", "startswith", "endswith", "find", "rfind", "index", "rindex",
    "replace", "center", "ljust", "rjust", "format", "isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum",
    "isspace", "splitlines", "count", "join", "partition", "rpartition", "removeprefix", "removesuffix", "zfill",
    "upper", "lower", "casefold", "title", "capitalize", "swapcase", "isupper", "islower"};

Value dictMethod(Interpreter &, const std::string &name, const Value &self, CallValues &args)
{
    const ValueDict &d = self.dict();
    if (name == "get") {
        Args a("get", args, {"key", "default"});
        const Value *v = d.find(a.get(0));
        return v ? *v : a.get(1, Value::none());
    }
    Args a(name, args, {});
    ValueList out;
    for (const auto &kv : d.items) {
        if (name == "items")
            out.push_back(Value::list({kv.first, kv.second}, true));
        else if (name == "keys")
            out.push_back(kv.first);
        else if (name == "values")
            out.push_back(kv.second);
    }
    if (name == "copy")
        return self;
    return Value::list(std::move(out));
}

Value listMethod(Interpreter &, const std::string &name, const Value &self, CallValues &args)
{
    Args a(name, args, {"value"});
    if (name == "copy")
        return Value::list(self.items());
    std::int64_t n = 0;
    for (std::size_t i = 0; i < self.items().size(); ++i)
        if (equals(self.items()[i], a.get(0))) {
            if (name == "index")
                return Value::integer(static_cast<std::int64_t>(i));
            ++n;
        }
    if (name == "index")
        fail(repr(a.get(0), 200) + " is not in list");
    return Value::integer(n);
}

template <Value (*Dispatch)(Interpreter &, const std::string &, const Value &, CallValues &)>
class NamedMethod : public Callable
{
public:
    NamedMethod(Value self, std::string name) : m_self(std::move(self)), m_name(std::move(name)) {}
    Value call(Interpreter &in, CallValues &args) override { return Dispatch(in, m_name, m_self, args); }
    std::string repr() const override { return "<built-in method " + m_name + " of " + typeName(m_self) + " object>"; }
    std::size_t weight() const override { return detail::weight(m_self); }
    int depth() const override { return m_self.containerDepth() + 1; }

private:
    Value m_self;
    std::string m_name;
};

bool oneOf(const std::string &name, std::initializer_list<const char *> names)
{
    for (const char *n : names)
        if (name == n)
            return true;
    return false;
}

Value unsafe(const Value &self, const std::string &name)
{
    return Value::undefined("access to attribute '" + name + "' of '" + typeName(self) + "' object is unsafe.", true);
}

} // namespace

Value methodOf(const Value &self, const std::string &name)
{
    if (name.size() >= 2 && name.compare(0, 2, "__") == 0)
        return unsafe(self, name);
    if (self.isString()) {
        for (const char *m : kStrMethods)
            if (name == m)
                return Value::callable(std::make_shared<NamedMethod<strMethod>>(self, name));
        return Value();
    }
    if (self.isDict()) {
        if (oneOf(name, {"get", "items", "keys", "values", "copy"}))
            return Value::callable(std::make_shared<NamedMethod<dictMethod>>(self, name));
        if (oneOf(name, {"pop", "popitem", "setdefault", "update", "clear"}))
            return unsafe(self, name);
        return Value();
    }
    if (self.isList()) {
        if (oneOf(name, {"index", "count"}) || (name == "copy" && !self.isTuple()))
            return Value::callable(std::make_shared<NamedMethod<listMethod>>(self, name));
        if (!self.isTuple() && oneOf(name, {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"}))
            return unsafe(self, name);
    }
    return Value();
}

// ---- globals -------------------------------------------------------------------

namespace {

using GlobalFn = Value (*)(Interpreter &, CallValues &);

class GlobalFunction : public Callable
{
public:
    GlobalFunction(const char *name, GlobalFn fn) : m_name(name), m_fn(fn) {}
    Value call(Interpreter &in, CallValues &args) override { return m_fn(in, args); }
    std::string repr() const override { return "<built-in function " + std::string(m_name) + ">"; }

private:
    const char *m_name;
    GlobalFn m_fn;
};

constexpr std::int64_t kMaxRange = 100000;   // jinja2.sandbox.MAX_RANGE

Value globalRange(Interpreter &, CallValues &args)
{
    if (!args.keyword.empty())
        fail("range() takes no keyword arguments");
    const ValueList &p = args.positional;
    if (p.empty() || p.size() > 3)
        fail("range expected at most 3 arguments, got " + std::to_string(p.size()));
    for (const Value &v : p)
        if (!v.isIntegral())
            fail("'" + typeName(v) + "' object cannot be interpreted as an integer");
    const std::int64_t start = p.size() >= 2 ? p[0].intValue() : 0;
    const std::int64_t stop = p.size() >= 2 ? p[1].intValue() : p[0].intValue();
    const std::int64_t step = p.size() == 3 ? p[2].intValue() : 1;
    if (step == 0)
        fail("range() arg 3 must not be zero");
    // The element count in exact unsigned arithmetic: stepping a signed
    // counter past stop would overflow near the ends of the int64 range.
    std::uint64_t count = 0;
    if (step > 0 && start < stop) {
        const std::uint64_t span = static_cast<std::uint64_t>(stop) - static_cast<std::uint64_t>(start);
        const std::uint64_t s = static_cast<std::uint64_t>(step);
        count = span / s + (span % s != 0 ? 1 : 0);
    } else if (step < 0 && start > stop) {
        const std::uint64_t span = static_cast<std::uint64_t>(start) - static_cast<std::uint64_t>(stop);
        const std::uint64_t s = 0 - static_cast<std::uint64_t>(step);
        count = span / s + (span % s != 0 ? 1 : 0);
    }
    if (count > static_cast<std::uint64_t>(kMaxRange))
        fail("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    ValueList out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t k = 0; k < count; ++k)
        out.push_back(Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(start) +
                                                               k * static_cast<std::uint64_t>(step))));
    return Value::list(std::move(out));
}

Value globalNamespace(Interpreter &in, CallValues &args)
{
    ValueDict d;
    for (const Value &v : args.positional) {
        if (!v.isDict())
            fail("namespace() positional arguments must be mappings");
        for (const auto &kv : v.dict().items) {
            if (!kv.first.isString())   // a linear search: charge it
                in.charge(d.items.size() + 1);
            d.set(kv.first, kv.second);
        }
    }
    for (const auto &kv : args.keyword)
        d.set(Value::string(kv.first), kv.second);
    Value ns = Value::ns(std::move(d));
    in.track(ns);
    return ns;
}

Value globalDict(Interpreter &in, CallValues &args)
{
    ValueDict d;
    if (args.positional.size() > 1)
        fail("dict expected at most 1 argument, got " + std::to_string(args.positional.size()));
    if (!args.positional.empty()) {
        const Value &src = args.positional[0];
        if (src.isDict()) {
            d = src.dict();
        } else {
            for (const Value &pair : iterate(in, src)) {
                const ValueList kv = iterate(in, pair);
                if (kv.size() != 2)
                    fail("dictionary update sequence element has length " + std::to_string(kv.size()) + "; 2 is required");
                if (!kv[0].isString())   // a linear search: charge it
                    in.charge(d.items.size() + 1);
                d.set(kv[0], kv[1]);
            }
        }
    }
    for (const auto &kv : args.keyword)
        d.set(Value::string(kv.first), kv.second);
    return Value::dict(std::move(d));
}

Value globalRaise(Interpreter &in, CallValues &args)
{
    Args a("raise_exception", args, {"message"});
    RenderError e(toStr(a.get(0), in.maxBytes()));
    e.raised = true;
    throw e;
}

Value globalStrftime(Interpreter &, CallValues &args)
{
    Args a("strftime_now", args, {"format"});
    const std::string &fmt = strArg(a.get(0), "format");
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    std::string out(fmt.size() * 4 + 64, '\0');
    const std::size_t n = std::strftime(&out[0], out.size(), fmt.c_str(), &tm);
    if (n == 0 && !fmt.empty())
        fail("strftime_now: the formatted date is too long");
    out.resize(n);
    return Value::string(out);
}

/** cycler(*items): next(), reset(), current. */
class Cycler : public Callable, public std::enable_shared_from_this<Cycler>
{
public:
    explicit Cycler(ValueList items) : m_items(std::move(items))
    {
        for (const Value &v : m_items)
            m_depth = std::max(m_depth, v.containerDepth() + 1);
    }
    int depth() const override { return m_depth; }
    Value attribute(const std::string &name) const override
    {
        if (name == "current")
            return m_items.empty() ? Value::undefined("empty cycler") : m_items[m_pos];
        if (name == "next" || name == "reset")
            return Value::callable(std::make_shared<Method>(std::const_pointer_cast<Cycler>(shared_from_this()), name));
        return Callable::attribute(name);
    }
    bool isCallable() const override { return false; }
    std::string repr() const override { return "<Cycler>"; }

private:
    class Method : public Callable
    {
    public:
        Method(std::shared_ptr<Cycler> c, std::string name) : m_cycler(std::move(c)), m_name(std::move(name)) {}
        Value call(Interpreter &, CallValues &) override
        {
            Cycler &c = *m_cycler;
            if (m_name == "reset") {
                c.m_pos = 0;
                return Value::none();
            }
            if (c.m_items.empty())
                fail("empty cycler");
            Value v = c.m_items[c.m_pos];
            c.m_pos = (c.m_pos + 1) % c.m_items.size();
            return v;
        }
        std::string repr() const override { return "<bound method Cycler." + m_name + ">"; }
        int depth() const override { return m_cycler->depth() + 1; }

    private:
        std::shared_ptr<Cycler> m_cycler;
        std::string m_name;
    };
    ValueList m_items;
    std::size_t m_pos = 0;
    int m_depth = 0;
};

Value globalCycler(Interpreter &, CallValues &args)
{
    return Value::callable(std::make_shared<Cycler>(args.positional));
}

class Joiner : public Callable
{
public:
    explicit Joiner(Value sep) : m_sep(std::move(sep)) {}
    Value call(Interpreter &, CallValues &) override
    {
        if (!m_used) {
            m_used = true;
            return Value::string("");
        }
        return m_sep;
    }
    std::string repr() const override { return "<Joiner>"; }
    int depth() const override { return m_sep.containerDepth() + 1; }

private:
    Value m_sep;
    bool m_used = false;
};

Value globalJoiner(Interpreter &, CallValues &args)
{
    Args a("joiner", args, {"sep"});
    return Value::callable(std::make_shared<Joiner>(a.get(0, Value::string(", "))));
}

} // namespace

const std::vector<std::pair<std::string, Value>> &globalValues()
{
    static const std::vector<std::pair<std::string, Value>> globals = [] {
        std::vector<std::pair<std::string, Value>> g;
        auto add = [&](const char *name, GlobalFn fn) {
            g.emplace_back(name, Value::callable(std::make_shared<GlobalFunction>(name, fn)));
        };
        add("range", globalRange);
        add("namespace", globalNamespace);
        add("dict", globalDict);
        add("raise_exception", globalRaise);
        add("strftime_now", globalStrftime);
        add("cycler", globalCycler);
        add("joiner", globalJoiner);
        return g;
    }();
    return globals;
}

} // namespace sft::jinja::detail
