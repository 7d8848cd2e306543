// Parsing and applying normalizers, pre-tokenizer settings, decoders and
// post-processors. Each JSON "type" we support maps to one step; any other
// type is refused with an sft::Error naming the type and its JSON path.

#include "tokenizer/components.h"

#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/unicode.h"

namespace sft::tok {

namespace {

[[noreturn]] void unsupported(const JsonField &type, const std::string &what)
{
    type.fail(what + " type \"" + type.str() + "\" is not supported");
}

std::string stringPattern(const JsonField &pattern, const std::string &what)
{
    pattern.object();
    if (pattern.has("String"))
        return pattern["String"].str();
    if (pattern.has("Regex"))
        pattern["Regex"].fail(what + " with a Regex pattern is not supported (only String patterns)");
    pattern.fail("expected {\"String\": ...} or {\"Regex\": ...}");
}

void replaceAll(std::string &s, std::string_view from, std::string_view to)
{
    if (from.empty() || s.find(from) == std::string::npos)
        return;
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, pos)) {
        out.append(s, pos, p - pos);
        out.append(to);
        pos = p + from.size();
    }
    out.append(s, pos, std::string::npos);
    s.swap(out);
}

constexpr std::size_t kMaxSteps = 64;

void parseNormalizerInto(const JsonField &f, std::vector<NormalizerStep> &out, int depth)
{
    if (depth > 16)
        f.fail("normalizers nested too deeply");
    if (out.size() >= kMaxSteps)
        f.fail("more than 64 normalizers");
    const JsonField type = f.object()["type"];
    const std::string t = type.str();
    if (t == "Sequence") {
        const JsonField list = f["normalizers"].array();
        for (std::size_t i = 0; i < list.size(); ++i)
            parseNormalizerInto(list[i], out, depth + 1);
    } else if (t == "NFC") {
        out.push_back({NormalizerStep::Kind::Nfc, {}, {}});
    } else if (t == "NFD") {
        out.push_back({NormalizerStep::Kind::Nfd, {}, {}});
    } else if (t == "Prepend") {
        out.push_back({NormalizerStep::Kind::Prepend, f["prepend"].str(), {}});
    } else if (t == "Replace") {
        out.push_back({NormalizerStep::Kind::Replace, stringPattern(f["pattern"], "Replace normalizer"), f["content"].str()});
    } else if (t == "Strip") {
        NormalizerStep s{NormalizerStep::Kind::Strip, {}, {}};
        s.left = f.optBool("strip_left", false);
        s.right = f.optBool("strip_right", false);
        out.push_back(s);
    } else {
        unsupported(type, "normalizer");
    }
}

SplitBehavior parseBehavior(const JsonField &f)
{
    const std::string b = f.str();
    if (b == "Removed") return SplitBehavior::Removed;
    if (b == "Isolated") return SplitBehavior::Isolated;
    if (b == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (b == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (b == "Contiguous") return SplitBehavior::Contiguous;
    f.fail("unknown split behavior \"" + b + "\"");
}

PreTokenizerStep::Prepend parsePrependScheme(const JsonField &f)
{
    if (f.hasValue("prepend_scheme")) {
        const JsonField p = f["prepend_scheme"];
        const std::string s = p.str();
        if (s == "always") return PreTokenizerStep::Prepend::Always;
        if (s == "first") return PreTokenizerStep::Prepend::First;
        if (s == "never") return PreTokenizerStep::Prepend::Never;
        p.fail("unknown prepend_scheme \"" + s + "\"");
    }
    return f.optBool("add_prefix_space", true) ? PreTokenizerStep::Prepend::Always : PreTokenizerStep::Prepend::Never;
}

std::string metaspaceReplacement(const JsonField &f)
{
    const JsonField r = f["replacement"];
    const std::string s = r.str();
    std::size_t i = 0;
    if (s.empty() || (utf8::decode(s, i), i != s.size()))
        r.fail("the replacement must be exactly one character");
    return s;
}

void parsePreTokenizerInto(const JsonField &f, std::vector<PreTokenizerStep> &out, int depth)
{
    if (depth > 16)
        f.fail("pre-tokenizers nested too deeply");
    if (out.size() >= kMaxSteps)
        f.fail("more than 64 pre-tokenizers");
    const JsonField type = f.object()["type"];
    const std::string t = type.str();
    PreTokenizerStep s;
    s.kind = PreTokenizerStep::Kind::ByteLevel;
    if (t == "Sequence") {
        const JsonField list = f["pretokenizers"].array();
        for (std::size_t i = 0; i < list.size(); ++i)
            parsePreTokenizerInto(list[i], out, depth + 1);
        return;
    }
    if (t == "Split") {
        const JsonField pattern = f["pattern"].object();
        if (pattern.has("Regex")) {
            const JsonField re = pattern["Regex"];
            s.kind = PreTokenizerStep::Kind::SplitRegex;
            if (!recognizeRegex(re.str(), s.regex))
                re.fail("this Split regex is not one we implement (known: the GPT-2, Qwen2/Qwen3 and Llama-3 patterns): " +
                        re.str());
        } else if (pattern.has("String")) {
            s.kind = PreTokenizerStep::Kind::SplitLiteral;
            s.literal = pattern["String"].str();
        } else {
            pattern.fail("expected {\"String\": ...} or {\"Regex\": ...}");
        }
        s.behavior = parseBehavior(f["behavior"]);
        s.invert = f.optBool("invert", false);
    } else if (t == "ByteLevel") {
        s.kind = PreTokenizerStep::Kind::ByteLevel;
        s.addPrefixSpace = f.optBool("add_prefix_space", true);
        s.useRegex = f.optBool("use_regex", true);
    } else if (t == "Metaspace") {
        s.kind = PreTokenizerStep::Kind::Metaspace;
        s.replacement = metaspaceReplacement(f);
        s.prepend = parsePrependScheme(f);
        s.split = f.optBool("split", true);
    } else {
        unsupported(type, "pre-tokenizer");
    }
    out.push_back(s);
}

void parseDecoderInto(const JsonField &f, std::vector<DecoderStep> &out, int depth)
{
    if (depth > 16)
        f.fail("decoders nested too deeply");
    if (out.size() >= kMaxSteps)
        f.fail("more than 64 decoders");
    const JsonField type = f.object()["type"];
    const std::string t = type.str();
    DecoderStep s;
    s.kind = DecoderStep::Kind::Fuse;
    if (t == "Sequence") {
        const JsonField list = f["decoders"].array();
        for (std::size_t i = 0; i < list.size(); ++i)
            parseDecoderInto(list[i], out, depth + 1);
        return;
    }
    if (t == "ByteLevel") {
        s.kind = DecoderStep::Kind::ByteLevel;
    } else if (t == "Replace") {
        s.kind = DecoderStep::Kind::Replace;
        s.pattern = stringPattern(f["pattern"], "Replace decoder");
        s.content = f["content"].str();
    } else if (t == "ByteFallback") {
        s.kind = DecoderStep::Kind::ByteFallback;
    } else if (t == "Fuse") {
        s.kind = DecoderStep::Kind::Fuse;
    } else if (t == "Strip") {
        s.kind = DecoderStep::Kind::Strip;
        s.content = f["content"].str();
        std::size_t i = 0;
        if (s.content.empty() || (utf8::decode(s.content, i), i != s.content.size()))
            f["content"].fail("the strip content must be exactly one character");
        s.start = std::size_t(f["start"].integer(0, 1 << 20));
        s.stop = std::size_t(f["stop"].integer(0, 1 << 20));
    } else if (t == "Metaspace") {
        s.kind = DecoderStep::Kind::Metaspace;
        s.replacement = metaspaceReplacement(f);
        s.prependFirst = parsePrependScheme(f) != PreTokenizerStep::Prepend::Never;
    } else {
        unsupported(type, "decoder");
    }
    out.push_back(s);
}

void parsePostInto(const JsonField &f, const std::function<std::int32_t(const std::string &)> &tokenId,
                   std::vector<PostStep> &out, int depth)
{
    if (depth > 16)
        f.fail("post-processors nested too deeply");
    if (out.size() >= kMaxSteps)
        f.fail("more than 64 post-processors");
    const JsonField type = f.object()["type"];
    const std::string t = type.str();
    if (t == "Sequence") {
        const JsonField list = f["processors"].array();
        for (std::size_t i = 0; i < list.size(); ++i)
            parsePostInto(list[i], tokenId, out, depth + 1);
    } else if (t == "ByteLevel") {
        // only adjusts offsets
    } else if (t == "TemplateProcessing") {
        PostStep step;
        const JsonField single = f["single"].array();
        const JsonField specials = f["special_tokens"].object();
        for (std::size_t i = 0; i < single.size(); ++i) {
            const JsonField item = single[i].object();
            if (item.has("Sequence")) {
                step.items.emplace_back();
            } else if (item.has("SpecialToken")) {
                const JsonField idField = item["SpecialToken"].object()["id"];
                const std::string name = idField.str();
                if (!specials.has(name.c_str()))
                    idField.fail("special token \"" + name + "\" is not in special_tokens");
                const JsonField ids = specials[name.c_str()].object()["ids"].array();
                std::vector<std::int32_t> list;
                for (std::size_t k = 0; k < ids.size(); ++k)
                    list.push_back(std::int32_t(ids[k].integer(0, (std::int64_t(1) << 31) - 1)));
                if (list.empty())
                    ids.fail("a special token needs at least one id");
                step.items.push_back(list);
            } else {
                item.fail("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
            }
        }
        out.push_back(step);
    } else if (t == "BertProcessing" || t == "RobertaProcessing") {
        auto pairId = [&](const char *key) {
            const JsonField p = f[key].array();
            if (p.size() != 2)
                p.fail("expected [token, id]");
            return std::int32_t(p[std::size_t(1)].integer(0, (std::int64_t(1) << 31) - 1));
        };
        PostStep step;
        step.items = {{pairId("cls")}, {}, {pairId("sep")}};
        out.push_back(step);
    } else {
        unsupported(type, "post-processor");
    }
}

bool isByteToken(const std::string &t, std::uint8_t &byte)
{
    // "<0xHH>" as HF checks it: length 6, "<0x" ... ">", u8::from_str_radix on the two middle chars
    if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>')
        return false;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    const int hi = hex(t[3]), lo = hex(t[4]);
    if (t[3] == '+' && lo >= 0) {
        byte = std::uint8_t(lo);
        return true;
    }
    if (hi < 0 || lo < 0)
        return false;
    byte = std::uint8_t(hi * 16 + lo);
    return true;
}

} // namespace

std::vector<NormalizerStep> parseNormalizer(const JsonField &f)
{
    std::vector<NormalizerStep> out;
    if (!f.isNull())
        parseNormalizerInto(f, out, 0);
    return out;
}

std::vector<PreTokenizerStep> parsePreTokenizer(const JsonField &f)
{
    std::vector<PreTokenizerStep> out;
    if (!f.isNull())
        parsePreTokenizerInto(f, out, 0);
    return out;
}

std::vector<DecoderStep> parseDecoder(const JsonField &f)
{
    std::vector<DecoderStep> out;
    if (!f.isNull())
        parseDecoderInto(f, out, 0);
    return out;
}

std::vector<PostStep> parsePostProcessor(const JsonField &f, const std::function<std::int32_t(const std::string &)> &tokenId)
{
    std::vector<PostStep> out;
    if (!f.isNull())
        parsePostInto(f, tokenId, out, 0);
    return out;
}

std::pair<std::size_t, std::size_t> stripBounds(const std::string &s, bool left, bool right)
{
    std::size_t b = 0, e = s.size();
    if (left) {
        while (b < e) {
            std::size_t k = b;
            if (!unicode::isWhitespace(utf8::decode(s, k)))
                break;
            b = k;
        }
    }
    if (right) {
        while (e > b) {
            std::size_t p = e - 1;
            while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80)
                --p;
            std::size_t k = p;
            if (!unicode::isWhitespace(utf8::decode(s, k)))
                break;
            e = p;
        }
    }
    return {b, e};
}

std::string normalize(const std::vector<NormalizerStep> &steps, std::string_view input)
{
    std::string s(input);
    for (const NormalizerStep &n : steps) {
        switch (n.kind) {
        case NormalizerStep::Kind::Nfc:
            if (!unicode::isNfcQuick(s))
                s = unicode::toNfc(s);
            break;
        case NormalizerStep::Kind::Nfd:
            s = unicode::toNfd(s);
            break;
        case NormalizerStep::Kind::Prepend:
            if (!s.empty())
                s.insert(0, n.text);
            break;
        case NormalizerStep::Kind::Replace:
            replaceAll(s, n.text, n.content);
            break;
        case NormalizerStep::Kind::Strip: {
            const auto [b, e] = stripBounds(s, n.left, n.right);
            s = s.substr(b, e - b);
            break;
        }
        }
    }
    return s;
}

std::string utf8Lossy(std::string_view bytes)
{
    if (utf8::isValid(bytes))
        return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + 8);
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    while (i < n) {
        const unsigned char c = b(i);
        if (c < 0x80) {
            out += char(c);
            ++i;
            continue;
        }
        int need = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c == 0xE0) { need = 2; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) need = 2;
        else if (c == 0xED) { need = 2; hi = 0x9F; }
        else if (c >= 0xEE && c <= 0xEF) need = 2;
        else if (c == 0xF0) { need = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) need = 3;
        else if (c == 0xF4) { need = 3; hi = 0x8F; }
        if (need == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        // consume the maximal prefix of a valid sequence
        std::size_t k = i + 1;
        int got = 0;
        while (got < need && k < n) {
            const unsigned char d = b(k);
            const unsigned char l = got == 0 ? lo : 0x80, h = got == 0 ? hi : 0xBF;
            if (d < l || d > h)
                break;
            ++k;
            ++got;
        }
        if (got == need)
            out.append(bytes.substr(i, k - i));
        else
            out += "\xEF\xBF\xBD";
        i = k;
    }
    return out;
}

std::string decodeTokens(const std::vector<DecoderStep> &steps, std::vector<std::string> tokens)
{
    if (steps.empty()) {
        std::string out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i)
                out += ' ';
            out += tokens[i];
        }
        return out;
    }
    for (const DecoderStep &d : steps) {
        switch (d.kind) {
        case DecoderStep::Kind::ByteLevel: {
            std::string bytes;
            for (const std::string &t : tokens) {
                const std::size_t mark = bytes.size();
                bool ok = true;
                for (std::size_t i = 0; i < t.size() && ok;) {
                    const int byte = charToByte(utf8::decode(t, i));
                    if (byte < 0)
                        ok = false;
                    else
                        bytes += char(byte);
                }
                if (!ok) {
                    bytes.resize(mark);
                    bytes += t;
                }
            }
            tokens.assign(1, utf8Lossy(bytes));
            break;
        }
        case DecoderStep::Kind::Replace:
            for (std::string &t : tokens)
                replaceAll(t, d.pattern, d.content);
            break;
        case DecoderStep::Kind::ByteFallback: {
            std::vector<std::string> out;
            std::string pending;
            auto flush = [&]() {
                if (pending.empty())
                    return;
                if (utf8::isValid(pending))
                    out.push_back(pending);
                else
                    for (std::size_t k = 0; k < pending.size(); ++k)
                        out.push_back("\xEF\xBF\xBD");
                pending.clear();
            };
            for (std::string &t : tokens) {
                std::uint8_t byte = 0;
                if (isByteToken(t, byte)) {
                    pending += char(byte);
                } else {
                    flush();
                    out.push_back(std::move(t));
                }
            }
            flush();
            tokens.swap(out);
            break;
        }
        case DecoderStep::Kind::Fuse: {
            std::string all;
            for (const std::string &t : tokens)
                all += t;
            tokens.assign(1, all);
            break;
        }
        case DecoderStep::Kind::Strip:
            for (std::string &t : tokens) {
                std::size_t b = 0, e = t.size();
                for (std::size_t k = 0; k < d.start && t.compare(b, d.content.size(), d.content) == 0 && b < e; ++k)
                    b += d.content.size();
                for (std::size_t k = 0; k < d.stop && e >= b + d.content.size() &&
                                        t.compare(e - d.content.size(), d.content.size(), d.content) == 0; ++k)
                    e -= d.content.size();
                t = t.substr(b, e - b);
            }
            break;
        case DecoderStep::Kind::Metaspace:
            for (std::size_t i = 0; i < tokens.size(); ++i)
                replaceAll(tokens[i], d.replacement, (i == 0 && d.prependFirst) ? "" : " ");
            break;
        }
    }
    std::string out;
    for (const std::string &t : tokens)
        out += t;
    return out;
}

void postProcess(const std::vector<PostStep> &steps, std::vector<std::int32_t> &ids, std::vector<Span> *offsets,
                 std::size_t textEnd)
{
    for (const PostStep &s : steps) {
        std::vector<std::int32_t> out;
        std::vector<Span> outOffsets;
        bool afterText = false;
        for (const auto &item : s.items) {
            if (item.empty()) {
                out.insert(out.end(), ids.begin(), ids.end());
                if (offsets)
                    outOffsets.insert(outOffsets.end(), offsets->begin(), offsets->end());
                afterText = true;
            } else {
                out.insert(out.end(), item.begin(), item.end());
                if (offsets)
                    outOffsets.insert(outOffsets.end(), item.size(), afterText ? Span{textEnd, textEnd} : Span{0, 0});
            }
        }
        ids.swap(out);
        if (offsets)
            offsets->swap(outOffsets);
    }
}

} // namespace sft::tok
