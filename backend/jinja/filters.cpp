// jinja2's built-in filters, with transformers' tojson (json.dumps with
// ensure_ascii=False, and indent / separators / sort_keys). select, map,
// selectattr, unique, batch and friends return generators, as in Python:
// single-pass, without a length, always true.

#include "jinja/builtins.h"
#include "jinja/interpreter.h"
#include "jinja/text.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

namespace sft::jinja::detail {

namespace {

std::string soft(Interpreter &in, const Value &v) { return toStr(v, in.maxBytes()); }

/** soft_str(value) that keeps the Markup flag, for string filters. */
Value softValue(Interpreter &in, const Value &v) { return v.isString() ? v : Value::string(soft(in, v)); }

/** environment.getitem along "a.b.0" (make_attrgetter), with a default for undefined. */
Value attrPath(Interpreter &in, const Value &item, const Value &attribute, const Value *fallback)
{
    Value v = item;
    if (attribute.isString()) {
        for (const std::string &part : text::splitOn(attribute.str(), ".", -1, false)) {
            std::int64_t index = 0;
            const bool numeric = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos &&
                                 parsePythonInt(part, 10, index);
            v = in.getItem(v, numeric ? Value::integer(index) : Value::string(part));
        }
    } else if (!attribute.isNone() && !attribute.isUndefined()) {
        v = in.getItem(v, attribute);
    }
    if (fallback && v.isUndefined())
        return *fallback;
    return v;
}

Value lowerIfString(const Value &v) { return v.isString() ? Value::string(text::lower(v.str())) : v; }

std::size_t lengthOf(const Value &v)
{
    switch (v.kind()) {
    case Value::Kind::String: return text::length(v.str());
    case Value::Kind::List: return v.items().size();
    case Value::Kind::Dict: return v.dict().items.size();
    case Value::Kind::Undefined: return 0;
    default: fail("object of type '" + typeName(v) + "' has no len()");
    }
}

std::string escapeHtml(const std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// ---- the filters ---------------------------------------------------------------

Value fAbs(Interpreter &, const Value &v, CallValues &args)
{
    Args a("abs", args, {});
    if (v.isIntegral()) {
        if (v.intValue() == std::numeric_limits<std::int64_t>::min())
            fail("integer overflow (integers are 64-bit here)");
        return Value::integer(std::llabs(v.intValue()));
    }
    if (v.isFloat())
        return Value::number(std::fabs(v.floatValue()));
    fail("bad operand type for abs(): '" + typeName(v) + "'");
}

Value fAttr(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("attr", args, {"name"});
    if (!a.get(0).isString())
        fail("attribute name must be string");
    if (v.isNamespace() || v.isCallable())
        return in.getAttr(v, a.get(0).str());
    if (v.isUndefined())
        failUndefinedValue(v);
    Value m = methodOf(v, a.get(0).str());
    if (!m.isUndefined() || m.isUnsafe())
        return m;
    return missingAttribute(v, a.get(0).str());
}

Value fBatch(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("batch", args, {"linecount", "fill_with"});
    const std::int64_t n = a.getInt(0, 0);
    if (n <= 0)
        fail("batch size must be positive");
    ValueList out, cur;
    for (const Value &item : iterate(in, v)) {
        cur.push_back(item);
        if (static_cast<std::int64_t>(cur.size()) == n) {
            out.push_back(Value::list(std::move(cur)));
            cur.clear();
        }
    }
    if (!cur.empty()) {
        if (a.has(1) && !a.get(1).isNone()) {
            // The padding is as long as the template asks: charge it first.
            in.charge(static_cast<std::uint64_t>(n) - cur.size());
            while (static_cast<std::int64_t>(cur.size()) < n)
                cur.push_back(a.get(1));
        }
        out.push_back(Value::list(std::move(cur)));
    }
    return Value::generator(std::move(out));
}

Value fCapitalize(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("capitalize", args, {});
    return Value::string(text::capitalize(soft(in, v)));
}

Value fCenter(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("center", args, {"width"});
    CallValues inner;
    inner.positional.push_back(Value::integer(a.getInt(0, 80)));
    return in.callValue(methodOf(softValue(in, v), "center"), inner);
}

Value fLength(Interpreter &, const Value &v, CallValues &args)
{
    Args a("length", args, {});
    return Value::integer(static_cast<std::int64_t>(lengthOf(v)));
}

Value fDefault(Interpreter &, const Value &v, CallValues &args)
{
    Args a("default", args, {"default_value", "boolean"});
    if (v.isUndefined() || (a.getBool(1, false) && !truthy(v)))
        return a.get(0, Value::string(""));
    return v;
}

Value fDictsort(Interpreter &, const Value &v, CallValues &args)
{
    Args a("dictsort", args, {"case_sensitive", "by", "reverse"});
    if (!v.isDict())
        fail("dictsort filter requires a mapping");
    const bool caseSensitive = a.getBool(0, false);
    const std::string by = a.has(1) ? a.get(1).str() : "key";
    if (by != "key" && by != "value")
        fail("You can only sort by either \"key\" or \"value\"");
    const bool reverse = a.getBool(2, false);
    ValueList items;
    for (const auto &kv : v.dict().items)
        items.push_back(Value::list({kv.first, kv.second}, true));
    const std::size_t pos = by == "key" ? 0 : 1;
    mergeSort(items, [&](const Value &x, const Value &y) {
        Value kx = x.items()[pos], ky = y.items()[pos];
        if (!caseSensitive) {
            kx = lowerIfString(kx);
            ky = lowerIfString(ky);
        }
        return reverse ? lessThan(ky, kx) : lessThan(kx, ky);
    });
    return Value::list(std::move(items));
}

Value fEscape(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("escape", args, {});
    if (v.isMarkup())
        return v;
    return Value::string(escapeHtml(soft(in, v)), true);
}

Value fForceescape(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("forceescape", args, {});
    return Value::string(escapeHtml(soft(in, v)), true);
}

Value fFirst(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("first", args, {});
    if (v.isGenerator()) {
        GeneratorState &g = v.generatorState();
        if (g.next < g.items.size())
            return g.items[g.next++];
    } else if (v.isList()) {
        if (!v.items().empty())
            return v.items().front();
    } else {
        const ValueList items = iterate(in, v);
        if (!items.empty())
            return items.front();
    }
    return Value::undefined("No first item, sequence was empty.");
}

Value fLast(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("last", args, {});
    if (v.isGenerator())
        fail("'generator' object is not reversible");
    if (v.isList())
        return v.items().empty() ? Value::undefined("No last item, sequence was empty.") : v.items().back();
    const ValueList items = iterate(in, v);
    if (!items.empty())
        return items.back();
    return Value::undefined("No last item, sequence was empty.");
}

Value fFloat(Interpreter &, const Value &v, CallValues &args)
{
    Args a("float", args, {"default"});
    double d = 0;
    if (v.isNumber())
        return Value::number(v.floatValue());
    if (v.isString() && parsePythonFloat(v.str(), d))
        return Value::number(d);
    return a.get(0, Value::number(0.0));
}

Value fInt(Interpreter &, const Value &v, CallValues &args)
{
    Args a("int", args, {"default", "base"});
    const Value fallback = a.get(0, Value::integer(0));
    if (v.isIntegral())
        return Value::integer(v.intValue());
    double d = 0;
    std::int64_t i = 0;
    if (v.isString() && parsePythonInt(v.str(), static_cast<int>(a.getInt(1, 10)), i))
        return Value::integer(i);
    if (v.isFloat())
        d = v.floatValue();
    else if (!(v.isString() && parsePythonFloat(v.str(), d)))
        return fallback;
    if (std::isnan(d))
        return fallback;
    if (std::isinf(d) || std::fabs(d) >= 9.2e18)
        fail("cannot convert float infinity to integer");
    return Value::integer(static_cast<std::int64_t>(d));
}

Value fFormat(Interpreter &in, const Value &v, CallValues &args)
{
    if (!args.positional.empty() && !args.keyword.empty())
        fail("can't handle positional and keyword arguments at the same time");
    Value packed;
    if (!args.keyword.empty()) {
        ValueDict d;
        for (const auto &kv : args.keyword)
            d.set(Value::string(kv.first), kv.second);
        packed = Value::dict(std::move(d));
    } else {
        packed = Value::list(args.positional, true);
    }
    return Value::string(percentFormat(soft(in, v), packed, in.maxBytes()));
}

Value fIndent(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("indent", args, {"width", "first", "blank"});
    std::string indention;
    if (a.has(0) && a.get(0).isString())
        indention = a.get(0).str();
    else
        indention = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, std::min<std::int64_t>(
                                    a.getInt(0, 4), static_cast<std::int64_t>(in.maxBytes())))),
                                ' ');
    const bool first = a.getBool(1, false);
    const bool blank = a.getBool(2, false);
    const std::vector<std::string> lines = text::splitLines(soft(in, v) + "\n");
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) {
            appendBounded(out, "\n", in.maxBytes());
            if (blank || !lines[i].empty())
                appendBounded(out, indention, in.maxBytes());
        }
        appendBounded(out, lines[i], in.maxBytes());
    }
    if (first)
        out = indention + out;
    return Value::string(std::move(out), v.isMarkup());
}

Value fItems(Interpreter &, const Value &v, CallValues &args)
{
    Args a("items", args, {});
    if (v.isUndefined())
        return Value::generator({});
    if (!v.isDict())
        fail("Can only get item pairs from a mapping.");
    ValueList out;
    for (const auto &kv : v.dict().items)
        out.push_back(Value::list({kv.first, kv.second}, true));
    return Value::generator(std::move(out));
}

Value fJoin(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("join", args, {"d", "attribute"});
    const std::string sep = a.has(0) ? soft(in, a.get(0)) : std::string();
    std::string out;
    std::size_t i = 0;
    for (const Value &item : iterate(in, v)) {
        if (i++)
            appendBounded(out, sep, in.maxBytes());
        appendBounded(out, soft(in, a.has(1) ? attrPath(in, item, a.get(1), nullptr) : item), in.maxBytes());
    }
    return Value::string(std::move(out));
}

Value fList(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("list", args, {});
    return Value::list(iterate(in, v));
}

Value fLower(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("lower", args, {});
    return Value::string(text::lower(soft(in, v)));
}

Value fUpper(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("upper", args, {});
    return Value::string(text::upper(soft(in, v)));
}

Value fMap(Interpreter &in, const Value &v, CallValues &args)
{
    ValueList out;
    if (args.positional.empty()) {
        Args a("map", args, {"attribute", "default"});
        if (!a.has(0))
            fail("map requires a filter argument");
        const Value fallback = a.get(1);
        for (const Value &item : iterate(in, v))
            out.push_back(attrPath(in, item, a.get(0), a.has(1) ? &fallback : nullptr));
        return Value::generator(std::move(out));
    }
    const Value name = args.positional.front();
    if (!name.isString())
        fail("map: the filter name must be a string");
    CallValues rest;
    rest.positional.assign(args.positional.begin() + 1, args.positional.end());
    rest.keyword = args.keyword;
    for (const Value &item : iterate(in, v)) {
        CallValues copy = rest;
        out.push_back(in.applyFilter(name.str(), item, copy));
    }
    return Value::generator(std::move(out));
}

Value minMax(Interpreter &in, const Value &v, CallValues &args, bool wantMax)
{
    Args a(wantMax ? "max" : "min", args, {"case_sensitive", "attribute"});
    const bool caseSensitive = a.getBool(0, false);
    const ValueList items = iterate(in, v);
    if (items.empty())
        return Value::undefined("No aggregated item, sequence was empty.");
    auto key = [&](const Value &x) {
        const Value k = a.has(1) ? attrPath(in, x, a.get(1), nullptr) : x;
        return caseSensitive ? k : lowerIfString(k);
    };
    std::size_t best = 0;
    for (std::size_t i = 1; i < items.size(); ++i)
        if (wantMax ? lessThan(key(items[best]), key(items[i])) : lessThan(key(items[i]), key(items[best])))
            best = i;
    return items[best];
}

Value fMax(Interpreter &in, const Value &v, CallValues &args) { return minMax(in, v, args, true); }
Value fMin(Interpreter &in, const Value &v, CallValues &args) { return minMax(in, v, args, false); }

Value fPprint(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("pprint", args, {});
    return Value::string(repr(v, in.maxBytes()));
}

/** select / reject / selectattr / rejectattr. */
Value selectOrReject(Interpreter &in, const Value &v, CallValues &args, bool byAttr, bool select)
{
    const char *name = byAttr ? (select ? "selectattr" : "rejectattr") : (select ? "select" : "reject");
    std::size_t next = 0;
    Value attribute;
    if (byAttr) {
        if (args.positional.empty())
            fail(std::string(name) + "() missing required argument 'attr'");
        attribute = args.positional[next++];
    }
    std::string test;
    if (next < args.positional.size()) {
        if (!args.positional[next].isString())
            fail(std::string(name) + ": the test name must be a string");
        test = args.positional[next++].str();
    }
    CallValues testArgs;
    testArgs.positional.assign(args.positional.begin() + static_cast<std::ptrdiff_t>(next), args.positional.end());
    testArgs.keyword = args.keyword;
    ValueList out;
    for (const Value &item : iterate(in, v)) {
        in.charge(1);
        const Value subject = byAttr ? attrPath(in, item, attribute, nullptr) : item;
        CallValues copy = testArgs;
        const bool passed = test.empty() ? truthy(subject) : in.applyTest(test, subject, copy);
        if (passed == select)
            out.push_back(item);
    }
    return Value::generator(std::move(out));
}

Value fSelect(Interpreter &in, const Value &v, CallValues &args) { return selectOrReject(in, v, args, false, true); }
Value fReject(Interpreter &in, const Value &v, CallValues &args) { return selectOrReject(in, v, args, false, false); }
Value fSelectattr(Interpreter &in, const Value &v, CallValues &args) { return selectOrReject(in, v, args, true, true); }
Value fRejectattr(Interpreter &in, const Value &v, CallValues &args) { return selectOrReject(in, v, args, true, false); }

Value fReplace(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("replace", args, {"old", "new", "count"});
    CallValues inner;
    inner.positional = {a.get(0), a.get(1)};
    if (a.has(2) && !a.get(2).isNone())
        inner.positional.push_back(a.get(2));
    return in.callValue(methodOf(softValue(in, v), "replace"), inner);
}

Value fReverse(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("reverse", args, {});
    if (v.isString()) {
        std::u32string u = text::decode(v.str());
        return Value::string(text::encode(std::u32string(u.rbegin(), u.rend())));
    }
    ValueList items = iterate(in, v);
    ValueList out(items.rbegin(), items.rend());
    if (v.isGenerator())
        return Value::list(std::move(out));
    return Value::generator(std::move(out));
}

Value fRound(Interpreter &, const Value &v, CallValues &args)
{
    Args a("round", args, {"precision", "method"});
    const std::int64_t precision = a.getInt(0, 0);
    const std::string method = a.has(1) ? a.get(1).str() : "common";
    if (method != "common" && method != "ceil" && method != "floor")
        fail("method must be common, ceil or floor");
    if (!v.isNumber())
        fail("type " + typeName(v) + " doesn't define __round__ method");
    if (method == "common") {
        if (v.isIntegral() && precision >= 0)
            return Value::integer(v.intValue());
        const double d = v.floatValue();
        if (!std::isfinite(d))
            return Value::number(d);
        if (precision == 0)
            return Value::number(std::nearbyint(d));
        if (precision > 0 && precision < 300) {
            char buf[400];
            std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(precision), d);
            return Value::number(std::strtod(buf, nullptr));
        }
        const double scale = std::pow(10.0, static_cast<double>(-precision));
        return Value::number(std::nearbyint(d / scale) * scale);
    }
    const double scale = std::pow(10.0, static_cast<double>(precision));
    const double x = v.floatValue() * scale;
    return Value::number((method == "ceil" ? std::ceil(x) : std::floor(x)) / scale);
}

Value fSafe(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("safe", args, {});
    return Value::string(soft(in, v), true);
}

Value fSlice(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("slice", args, {"slices", "fill_with"});
    const std::int64_t slices = a.getInt(0, 0);
    if (slices <= 0)
        fail("slice count must be positive");
    const ValueList seq = iterate(in, v);
    // One list per slice however short the input: charge the count first.
    in.charge(static_cast<std::uint64_t>(slices));
    const auto length = static_cast<std::int64_t>(seq.size());
    const std::int64_t perSlice = length / slices;
    const std::int64_t withExtra = length % slices;
    std::int64_t offset = 0;
    ValueList out;
    for (std::int64_t n = 0; n < slices; ++n) {
        const std::int64_t start = offset + n * perSlice;
        if (n < withExtra)
            ++offset;
        const std::int64_t end = offset + (n + 1) * perSlice;
        ValueList part(seq.begin() + start, seq.begin() + end);
        if (a.has(1) && !a.get(1).isNone() && n >= withExtra)
            part.push_back(a.get(1));
        out.push_back(Value::list(std::move(part)));
    }
    return Value::generator(std::move(out));
}

Value fSort(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("sort", args, {"reverse", "case_sensitive", "attribute"});
    const bool reverse = a.getBool(0, false);
    const bool caseSensitive = a.getBool(1, false);
    std::vector<Value> attributes;
    if (a.has(2) && a.get(2).isString())
        for (const std::string &part : text::splitOn(a.get(2).str(), ",", -1, false))
            attributes.push_back(Value::string(part));
    else if (a.has(2) && !a.get(2).isNone())
        attributes.push_back(a.get(2));
    ValueList items = iterate(in, v);
    in.charge(items.size() * 8);
    auto key = [&](const Value &x) {
        ValueList parts;
        if (attributes.empty())
            parts.push_back(caseSensitive ? x : lowerIfString(x));
        for (const Value &attr : attributes) {
            const Value k = attrPath(in, x, attr, nullptr);
            parts.push_back(caseSensitive ? k : lowerIfString(k));
        }
        return parts.size() == 1 ? parts.front() : Value::list(std::move(parts), true);
    };
    mergeSort(items, [&](const Value &x, const Value &y) { return reverse ? lessThan(key(y), key(x)) : lessThan(key(x), key(y)); });
    return Value::list(std::move(items));
}

Value fString(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("string", args, {});
    return softValue(in, v);
}

Value fStriptags(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("striptags", args, {});
    std::string s = soft(in, v);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 4, "<!--") == 0) {
            const std::size_t e = s.find("-->", i + 4);
            if (e == std::string::npos) {
                out += s.substr(i);
                break;
            }
            i = e + 3;
        } else if (s[i] == '<') {
            const std::size_t e = s.find('>', i + 1);
            if (e == std::string::npos) {
                out += s.substr(i);
                break;
            }
            i = e + 1;
        } else {
            out += s[i++];
        }
    }
    std::string joined;
    for (const std::string &w : text::splitWhitespace(out, -1, false))
        joined += (joined.empty() ? "" : " ") + w;
    static const std::pair<const char *, const char *> kEntities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#34;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto &e : kEntities) {
        std::string r;
        for (std::size_t p = 0;;) {
            const std::size_t at = joined.find(e.first, p);
            r += joined.substr(p, at == std::string::npos ? std::string::npos : at - p);
            if (at == std::string::npos)
                break;
            r += e.second;
            p = at + std::char_traits<char>::length(e.first);
        }
        joined = r;
    }
    return Value::string(joined);
}

Value fSum(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("sum", args, {"attribute", "start"});
    Value total = a.get(1, Value::integer(0));
    for (const Value &item : iterate(in, v)) {
        const Value x = a.has(0) && !a.get(0).isNone() ? attrPath(in, item, a.get(0), nullptr) : item;
        if (x.isString())
            fail("unsupported operand type(s) for +: '" + typeName(total) + "' and 'str'");
        // Adding lists or strings copies both sides: charge what is copied.
        in.charge(weight(total) + weight(x) + 1);
        total = binaryOp(BinaryOp::Add, total, x, in.maxBytes());
    }
    return total;
}

Value fTitle(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("title", args, {});
    // jinja: words begin after runs of [-\s({[<]; each word is capitalised.
    const std::u32string u = text::decode(soft(in, v));
    std::u32string out;
    bool wordStart = true;
    for (char32_t c : u) {
        const bool boundary = c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || text::isSpace(c);
        if (boundary) {
            out.push_back(c);
            wordStart = true;
        } else {
            out.push_back(wordStart ? text::toUpper(c) : text::toLower(c));
            wordStart = false;
        }
    }
    return Value::string(text::encode(out));
}

Value fTojson(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("tojson", args, {"ensure_ascii", "indent", "separators", "sort_keys"});
    JsonOptions o;
    o.ensureAscii = a.getBool(0, false);
    if (a.has(1) && !a.get(1).isNone()) {
        o.hasIndent = true;
        if (a.get(1).isString())
            o.indent = a.get(1).str();
        else
            o.indent = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, std::min<std::int64_t>(
                                       a.getInt(1, 0), 1 << 16))),
                                   ' ');
        o.itemSeparator = ",";
    }
    if (a.has(2) && !a.get(2).isNone()) {
        const ValueList seps = iterate(in, a.get(2));
        if (seps.size() != 2 || !seps[0].isString() || !seps[1].isString())
            fail("separators must be a pair of strings");
        o.itemSeparator = seps[0].str();
        o.keySeparator = seps[1].str();
    }
    o.sortKeys = a.getBool(3, false);
    return Value::string(toJson(v, o, in.maxBytes()));
}

Value fTrim(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("trim", args, {"chars"});
    if (!a.has(0) || a.get(0).isNone())
        return Value::string(text::strip(soft(in, v), nullptr, true, true));
    const std::u32string chars = text::decode(soft(in, a.get(0)));
    return Value::string(text::strip(soft(in, v), &chars, true, true));
}

Value fTruncate(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("truncate", args, {"length", "killwords", "end", "leeway"});
    const std::u32string s = text::decode(soft(in, v));
    const std::int64_t length = a.getInt(0, 255);
    const bool killwords = a.getBool(1, false);
    const std::u32string end = text::decode(a.has(2) ? soft(in, a.get(2)) : std::string("..."));
    const std::int64_t leeway = a.getInt(3, 5);
    if (length < static_cast<std::int64_t>(end.size()))
        fail("expected length >= " + std::to_string(end.size()) + ", got " + std::to_string(length));
    if (leeway < 0)
        fail("expected leeway >= 0, got " + std::to_string(leeway));
    // Both are non-negative here, so the difference cannot overflow (the sum could).
    if (static_cast<std::int64_t>(s.size()) - length <= leeway)
        return Value::string(text::encode(s));
    std::u32string head = s.substr(0, static_cast<std::size_t>(length) - end.size());
    if (!killwords) {
        const std::size_t sp = head.rfind(U' ');
        if (sp != std::u32string::npos)
            head.resize(sp);
    }
    return Value::string(text::encode(head + end));
}

Value fUnique(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("unique", args, {"case_sensitive", "attribute"});
    const bool caseSensitive = a.getBool(0, false);
    ValueList seen, out;
    for (const Value &item : iterate(in, v)) {
        Value key = a.has(1) && !a.get(1).isNone() ? attrPath(in, item, a.get(1), nullptr) : item;
        if (!caseSensitive)
            key = lowerIfString(key);
        if (key.isDict() || (key.isList() && !key.isTuple()))
            fail("unhashable type: '" + typeName(key) + "'");
        in.charge(seen.size() / 16 + 1);
        bool dup = false;
        for (const Value &s : seen)
            if (equals(s, key)) {
                dup = true;
                break;
            }
        if (!dup) {
            seen.push_back(key);
            out.push_back(item);
        }
    }
    return Value::generator(std::move(out));
}

Value fWordcount(Interpreter &in, const Value &v, CallValues &args)
{
    Args a("wordcount", args, {});
    std::int64_t n = 0;
    bool inWord = false;
    for (char32_t c : text::decode(soft(in, v))) {
        const bool word = text::isAlpha(c) || text::isDigit(c) || c == '_';
        if (word && !inWord)
            ++n;
        inWord = word;
    }
    return Value::integer(n);
}

const std::unordered_map<std::string, FilterFn> &filterTable()
{
    static const std::unordered_map<std::string, FilterFn> table = {
        {"abs", fAbs},         {"attr", fAttr},           {"batch", fBatch},         {"capitalize", fCapitalize},
        {"center", fCenter},   {"count", fLength},        {"d", fDefault},           {"default", fDefault},
        {"dictsort", fDictsort}, {"e", fEscape},          {"escape", fEscape},       {"first", fFirst},
        {"float", fFloat},     {"forceescape", fForceescape}, {"format", fFormat},   {"indent", fIndent},
        {"int", fInt},         {"items", fItems},         {"join", fJoin},           {"last", fLast},
        {"length", fLength},   {"list", fList},           {"lower", fLower},         {"map", fMap},
        {"max", fMax},         {"min", fMin},             {"pprint", fPprint},       {"reject", fReject},
        {"rejectattr", fRejectattr}, {"replace", fReplace}, {"reverse", fReverse},   {"round", fRound},
        {"safe", fSafe},       {"select", fSelect},       {"selectattr", fSelectattr}, {"slice", fSlice},
        {"sort", fSort},       {"string", fString},       {"striptags", fStriptags}, {"sum", fSum},
        {"title", fTitle},     {"tojson", fTojson},       {"trim", fTrim},           {"truncate", fTruncate},
        {"unique", fUnique},   {"upper", fUpper},         {"wordcount", fWordcount},
    };
    return table;
}

} // namespace

FilterFn findFilter(const std::string &name)
{
    const auto &t = filterTable();
    const auto it = t.find(name);
    return it == t.end() ? nullptr : it->second;
}

} // namespace sft::jinja::detail
