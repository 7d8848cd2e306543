// Python's two string formatting mini-languages: `fmt % args` (and the
// format filter, which is the same) and str.format with format specs.

#include "jinja/builtins.h"
#include "jinja/interpreter.h"
#include "jinja/text.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace sft::jinja::detail {

namespace {

std::string cformat(const std::string &spec, double d, std::size_t maxBytes)
{
    const int n = std::snprintf(nullptr, 0, spec.c_str(), d);
    if (n < 0 || static_cast<std::size_t>(n) > maxBytes)
        fail("formatted number too large");
    std::string out(static_cast<std::size_t>(n) + 1, '\0');
    std::snprintf(&out[0], out.size(), spec.c_str(), d);
    out.pop_back();
    return out;
}

std::string digitsOf(std::int64_t v, int base, bool upper)
{
    std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    if (u == 0)
        return "0";
    std::string s;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    while (u) {
        s.insert(s.begin(), digits[u % static_cast<unsigned>(base)]);
        u /= static_cast<unsigned>(base);
    }
    return s;
}

/** Pads body (after sign / prefix) to width: left, right, or zero padding between sign and digits. */
std::string pad(const std::string &sign, const std::string &body, std::size_t width, char align, char32_t fill,
                std::size_t maxBytes)
{
    const std::size_t len = text::length(sign) + text::length(body);
    if (width > maxBytes)
        fail("format width too large");
    if (len >= width)
        return sign + body;
    const std::size_t n = width - len;
    std::string fillStr;
    for (std::size_t i = 0; i < n; ++i)
        text::append(fillStr, fill);
    switch (align) {
    case '<': return sign + body + fillStr;
    case '=': return sign + fillStr + body;
    case '^': {
        std::string left, right;
        for (std::size_t i = 0; i < n / 2; ++i)
            text::append(left, fill);
        for (std::size_t i = 0; i < n - n / 2; ++i)
            text::append(right, fill);
        return left + sign + body + right;
    }
    default: return fillStr + sign + body;
    }
}

std::string truncateChars(const std::string &s, std::int64_t precision)
{
    if (precision < 0)
        return s;
    const std::u32string u = text::decode(s);
    if (u.size() <= static_cast<std::size_t>(precision))
        return s;
    return text::encode(std::u32string_view(u).substr(0, static_cast<std::size_t>(precision)));
}

} // namespace

std::string percentFormat(const std::string &fmt, const Value &args, std::size_t maxBytes)
{
    ValueList positional;
    const ValueDict *mapping = nullptr;
    if (args.isTuple())
        positional = args.items();
    else
        positional.push_back(args);
    if (args.isDict())
        mapping = &args.dict();
    std::size_t next = 0;
    bool usedMapping = false;
    auto nextArg = [&]() -> const Value & {
        if (next >= positional.size())
            fail("not enough arguments for format string");
        return positional[next++];
    };
    std::string out;
    const std::size_t n = fmt.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (fmt[i] != '%') {
            appendBounded(out, std::string_view(&fmt[i], 1), maxBytes);
            continue;
        }
        if (++i >= n)
            fail("incomplete format");
        if (fmt[i] == '%') {
            appendBounded(out, "%", maxBytes);
            continue;
        }
        const Value *value = nullptr;
        if (fmt[i] == '(') {
            if (!mapping)
                fail("format requires a mapping");
            int level = 1;
            const std::size_t start = ++i;
            while (i < n && level > 0) {
                level += fmt[i] == '(' ? 1 : fmt[i] == ')' ? -1 : 0;
                ++i;
            }
            if (level)
                fail("incomplete format key");
            const std::string key = fmt.substr(start, i - 1 - start);
            value = mapping->find(key);
            if (!value)
                fail("'" + key + "'");
            usedMapping = true;
        }
        std::string flags;
        while (i < n && std::string("-+ #0").find(fmt[i]) != std::string::npos)
            flags += fmt[i++];
        auto number = [&]() -> std::int64_t {
            if (i < n && fmt[i] == '*') {
                ++i;
                const Value &v = nextArg();
                if (!v.isIntegral())
                    fail("* wants int");
                if (v.intValue() > static_cast<std::int64_t>(maxBytes) || v.intValue() < -static_cast<std::int64_t>(maxBytes))
                    fail("format width too large");
                return v.intValue();
            }
            std::int64_t v = 0;
            while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                v = v * 10 + (fmt[i++] - '0');
                if (v > static_cast<std::int64_t>(maxBytes))
                    fail("format width too large");
            }
            return v;
        };
        std::int64_t width = number();
        std::int64_t precision = -1;
        if (i < n && fmt[i] == '.') {
            ++i;
            precision = number();
        }
        while (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
            ++i;
        if (i >= n)
            fail("incomplete format");
        const char type = fmt[i];
        const Value &v = value ? *value : nextArg();
        const bool left = flags.find('-') != std::string::npos;
        const bool zero = flags.find('0') != std::string::npos && !left;
        std::string sign = flags.find('+') != std::string::npos ? "+" : flags.find(' ') != std::string::npos ? " " : "";
        if (width < 0)
            width = -width;
        std::string body;
        switch (type) {
        case 's': case 'r': case 'a':
            body = truncateChars(type == 's' ? toStr(v, maxBytes) : repr(v, maxBytes), precision);
            appendBounded(out, pad("", body, static_cast<std::size_t>(width), left ? '<' : '>', ' ', maxBytes), maxBytes);
            continue;
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c': {
            std::int64_t iv;
            if (v.isIntegral())
                iv = v.intValue();
            else if (v.isFloat() && type != 'x' && type != 'X' && type != 'o' && type != 'c' && std::isfinite(v.floatValue()) &&
                     std::fabs(v.floatValue()) < 9.2e18)
                iv = static_cast<std::int64_t>(v.floatValue());
            else if (type == 'c' && v.isString() && text::length(v.str()) == 1) {
                appendBounded(out, pad("", v.str(), static_cast<std::size_t>(width), left ? '<' : '>', ' ', maxBytes), maxBytes);
                continue;
            } else
                fail(std::string("%") + type + " format: " +
                     (type == 'd' || type == 'i' || type == 'u' ? "a real number" : "an integer") +
                     " is required, not " + typeName(v));
            if (type == 'c') {
                std::string c;
                text::append(c, static_cast<char32_t>(iv));
                appendBounded(out, pad("", c, static_cast<std::size_t>(width), left ? '<' : '>', ' ', maxBytes), maxBytes);
                continue;
            }
            if (iv < 0)
                sign = "-";
            const int base = (type == 'x' || type == 'X') ? 16 : type == 'o' ? 8 : 10;
            body = digitsOf(iv, base, type == 'X');
            if (precision > static_cast<std::int64_t>(body.size()))
                body.insert(0, static_cast<std::size_t>(precision) - body.size(), '0');
            if (flags.find('#') != std::string::npos && base != 10)
                sign += base == 16 ? (type == 'X' ? "0X" : "0x") : "0o";
            appendBounded(out, pad(sign, body, static_cast<std::size_t>(width), left ? '<' : zero ? '=' : '>', zero ? '0' : ' ',
                       maxBytes), maxBytes);
            continue;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            if (!v.isNumber())
                fail("must be real number, not " + typeName(v));
            std::string spec = "%" + flags + std::to_string(width) + "." +
                               std::to_string(precision < 0 ? 6 : precision) + type;
            appendBounded(out, cformat(spec, v.floatValue(), maxBytes), maxBytes);
            continue;
        }
        default:
            fail(std::string("unsupported format character '") + type + "'");
        }
    }
    if (!usedMapping && !mapping && next < positional.size())
        fail("not all arguments converted during string formatting");
    return out;
}

namespace {

struct Spec
{
    char32_t fill = ' ';
    char align = 0;
    char sign = '-';
    bool alternate = false;
    std::size_t width = 0;
    char grouping = 0;
    std::int64_t precision = -1;
    char type = 0;
};

Spec parseSpec(const std::string &spec, std::size_t maxBytes)
{
    Spec s;
    const std::u32string u = text::decode(spec);
    std::size_t i = 0;
    auto isAlign = [](char32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    if (u.size() >= 2 && isAlign(u[1])) {
        s.fill = u[0];
        s.align = static_cast<char>(u[1]);
        i = 2;
    } else if (!u.empty() && isAlign(u[0])) {
        s.align = static_cast<char>(u[0]);
        i = 1;
    }
    if (i < u.size() && (u[i] == '+' || u[i] == '-' || u[i] == ' '))
        s.sign = static_cast<char>(u[i++]);
    if (i < u.size() && u[i] == '#') {
        s.alternate = true;
        ++i;
    }
    if (i < u.size() && u[i] == '0') {
        if (!s.align) {
            s.fill = '0';
            s.align = '=';
        }
        ++i;
    }
    while (i < u.size() && u[i] >= '0' && u[i] <= '9') {
        s.width = s.width * 10 + (u[i++] - '0');
        if (s.width > maxBytes)
            fail("format width too large");
    }
    if (i < u.size() && (u[i] == ',' || u[i] == '_'))
        s.grouping = static_cast<char>(u[i++]);
    if (i < u.size() && u[i] == '.') {
        ++i;
        s.precision = 0;
        if (i >= u.size() || u[i] < '0' || u[i] > '9')
            fail("Format specifier missing precision");
        while (i < u.size() && u[i] >= '0' && u[i] <= '9') {
            s.precision = s.precision * 10 + (u[i++] - '0');
            if (s.precision > 1000)
                fail("precision too big");
        }
    }
    if (i < u.size())
        s.type = static_cast<char>(u[i++]);
    if (i < u.size())
        fail("Invalid format specifier");
    return s;
}

std::string group(const std::string &digits, char sep)
{
    if (!sep)
        return digits;
    const std::size_t dot = digits.find_first_of(".eE");
    std::string intPart = digits.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : digits.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < intPart.size(); ++i) {
        if (i && (intPart.size() - i) % 3 == 0)
            out += sep;
        out += intPart[i];
    }
    return out + rest;
}

std::string formatValue(const Value &v, const std::string &specText, std::size_t maxBytes)
{
    if (specText.empty())
        return toStr(v, maxBytes);
    const Spec s = parseSpec(specText, maxBytes);
    if (v.isString()) {
        if (s.type && s.type != 's')
            fail(std::string("Unknown format code '") + s.type + "' for object of type 'str'");
        return pad("", truncateChars(v.str(), s.precision), s.width, s.align ? s.align : '<', s.fill, maxBytes);
    }
    if (!v.isNumber())
        fail("unsupported format string passed to " + typeName(v) + ".__format__");
    const char align = s.align ? s.align : '>';
    const bool intType = s.type == 0 || s.type == 'd' || s.type == 'b' || s.type == 'o' || s.type == 'x' ||
                         s.type == 'X' || s.type == 'n' || s.type == 'c';
    if (v.isIntegral() && intType) {
        const std::int64_t iv = v.intValue();
        std::string sign = iv < 0 ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
        if (s.type == 'c') {
            std::string c;
            text::append(c, static_cast<char32_t>(iv));
            return pad("", c, s.width, align, s.fill, maxBytes);
        }
        const int base = s.type == 'b' ? 2 : s.type == 'o' ? 8 : (s.type == 'x' || s.type == 'X') ? 16 : 10;
        if (s.alternate && base != 10)
            sign += base == 2 ? "0b" : base == 8 ? "0o" : (s.type == 'X' ? "0X" : "0x");
        return pad(sign, group(digitsOf(iv, base, s.type == 'X'), s.grouping), s.width, align, s.fill, maxBytes);
    }
    if (intType && s.type != 0 && s.type != 'n')
        fail(std::string("Unknown format code '") + s.type + "' for object of type 'float'");
    double d = v.floatValue();
    std::string body;
    std::string sign = std::signbit(d) && !std::isnan(d) ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
    d = std::fabs(d);
    const std::int64_t precision = s.precision < 0 ? 6 : s.precision;
    switch (s.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        body = cformat("%." + std::to_string(precision) + s.type, d, maxBytes);
        break;
    case '%':
        body = cformat("%." + std::to_string(precision) + "f", d * 100, maxBytes) + "%";
        break;
    default:
        if (s.precision < 0) {
            body = floatRepr(d);
        } else {
            body = cformat("%." + std::to_string(std::max<std::int64_t>(1, s.precision)) + "g", d, maxBytes);
            if (body.find_first_of(".e") == std::string::npos && std::isfinite(d))
                body += ".0";
        }
    }
    return pad(sign, group(body, s.grouping), s.width, align, s.fill, maxBytes);
}

} // namespace

std::string braceFormat(Interpreter &in, const std::string &fmt, const CallValues &args)
{
    std::string out;
    std::size_t autoIndex = 0;
    bool manual = false;
    const std::size_t n = fmt.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = fmt[i];
        if (c == '}') {
            if (i + 1 < n && fmt[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            fail("Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < n && fmt[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        const std::size_t close = fmt.find('}', i);
        if (close == std::string::npos)
            fail("Single '{' encountered in format string");
        std::string field = fmt.substr(i + 1, close - i - 1);
        i = close;
        if (field.find('{') != std::string::npos)
            fail("nested replacement fields are not supported");
        std::string spec, conversion;
        const std::size_t colon = field.find(':');
        if (colon != std::string::npos) {
            spec = field.substr(colon + 1);
            field.resize(colon);
        }
        const std::size_t bang = field.find('!');
        if (bang != std::string::npos) {
            conversion = field.substr(bang + 1);
            field.resize(bang);
        }
        const std::size_t firstEnd = field.find_first_of(".[");
        const std::string head = field.substr(0, firstEnd);
        Value v;
        if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
            std::size_t index = 0;
            if (head.empty()) {
                if (manual)
                    fail("cannot switch from manual field specification to automatic field numbering");
                index = autoIndex++;
            } else {
                manual = true;
                std::int64_t parsed = 0;
                if (!parsePythonInt(head, 10, parsed) || parsed < 0)
                    fail("invalid format field '" + head + "'");
                index = static_cast<std::size_t>(parsed);
            }
            if (index >= args.positional.size())
                fail("Replacement index " + std::to_string(index) + " out of range for positional args tuple");
            v = args.positional[index];
        } else {
            bool found = false;
            for (const auto &kv : args.keyword)
                if (kv.first == head) {
                    v = kv.second;
                    found = true;
                }
            if (!found)
                fail("'" + head + "'");
        }
        std::size_t p = firstEnd;
        while (p != std::string::npos && p < field.size()) {
            if (field[p] == '.') {
                const std::size_t e = field.find_first_of(".[", p + 1);
                const std::string attr = field.substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1);
                if (!attr.empty() && attr[0] == '_')
                    fail("access to attribute '" + attr + "' is unsafe.");
                v = in.getAttr(v, attr);
                p = e;
            } else {
                const std::size_t e = field.find(']', p);
                if (e == std::string::npos)
                    fail("Missing ']' in format string");
                const std::string key = field.substr(p + 1, e - p - 1);
                std::int64_t index = 0;
                v = parsePythonInt(key, 10, index) && key.find_first_not_of("0123456789") == std::string::npos
                        ? in.getItem(v, Value::integer(index))
                        : in.getItem(v, Value::string(key));
                p = e + 1;
            }
        }
        if (conversion == "r" || conversion == "a")
            v = Value::string(repr(v, in.maxBytes()));
        else if (conversion == "s")
            v = Value::string(toStr(v, in.maxBytes()));
        else if (!conversion.empty())
            fail("Unknown conversion specifier " + conversion);
        appendBounded(out, formatValue(v, spec, in.maxBytes()), in.maxBytes());
    }
    return out;
}

} // namespace sft::jinja::detail
