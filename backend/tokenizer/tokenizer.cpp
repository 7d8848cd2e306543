// Loading tokenizer.json and running the encode pipeline as HF does:
// added tokens (raw) -> normalizer per piece -> added tokens (normalized) ->
// pre-tokenizer steps -> BPE per word (cached), then the post-processor.

#include "tokenizer/tokenizer.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/tokenizer_data.h"
#include "tokenizer/unicode.h"
#include "tokenizer/word_cache.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace sft {

using namespace tok;

namespace {

std::atomic<std::uint64_t> g_nextUid{1};

std::vector<AddedToken> readAddedTokens(const JsonField &list, const BpeModel &model)
{
    std::vector<AddedToken> tokens;
    std::unordered_map<std::string, std::int32_t> seen;   // content -> id
    std::int64_t maxAdded = -1;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonField t = list[i].object();
        AddedToken a;
        a.content = t["content"].str();
        if (!utf8::isValid(a.content))
            t["content"].fail("not valid UTF-8");
        t["id"].integer(0, (std::int64_t(1) << 31) - 2);
        a.special = t.optBool("special", false);
        a.lstrip = t.optBool("lstrip", false);
        a.rstrip = t.optBool("rstrip", false);
        a.singleWord = t.optBool("single_word", false);
        a.normalized = t.optBool("normalized", !a.special);
        // ids as HF assigns them when it re-adds the tokens: the model's id when the
        // model has the token, else the next id after the vocab and earlier added tokens
        auto old = seen.find(a.content);
        const bool known = old != seen.end();
        if (known) {
            a.id = old->second;
        } else {
            const std::int32_t inModel = model.tokenToId(a.content);
            if (inModel >= 0) {
                a.id = inModel;
            } else {
                const std::int64_t vs = std::int64_t(model.vocabSize());
                a.id = std::int32_t(maxAdded >= vs || vs == 0 ? maxAdded + 1 : vs);
            }
        }
        maxAdded = std::max<std::int64_t>(maxAdded, a.id);
        if (known)
            continue;
        seen.emplace(a.content, a.id);
        tokens.push_back(a);
    }
    return tokens;
}

/** [min begin, max end) of n aligned bytes: the text a run of bytes came from. */
Span unionOf(const Span *align, std::size_t n)
{
    Span r = align[0];
    for (std::size_t i = 1; i < n; ++i) {
        r.first = std::min(r.first, align[i].first);
        r.second = std::max(r.second, align[i].second);
    }
    return r;
}

/** Bytes added in front of an aligned string: empty ranges at its start. */
void prependEmpty(std::vector<Span> &align, std::size_t count, std::size_t at)
{
    align.insert(align.begin(), count, Span{at, at});
}

/**
 * A character before which NFC / NFD of a string equals the normalisation of
 * the two sides apart: a starter that never composes with what precedes it
 * (and, being a starter, stops the reordering of combining marks). A short
 * list of common ranges; any other character keeps its neighbours together.
 */
bool isNormalizationBoundary(char32_t c)
{
    return c < 0x80 || (c >= 0x3000 && c <= 0x3029) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA)
           || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3)
           || (c >= 0xFF01 && c <= 0xFF5E);
}

/** NFC or NFD of s with alignment: each run between boundaries that changes maps to the run's whole range. */
void normalizeRunsAligned(bool nfc, std::string &s, std::vector<Span> &align)
{
    std::string out;
    std::vector<Span> outAlign;
    out.reserve(s.size());
    outAlign.reserve(s.size());
    auto flush = [&](std::size_t b, std::size_t e) {
        if (b == e)
            return;
        const std::string_view run = std::string_view(s).substr(b, e - b);
        const std::string n = nfc ? unicode::toNfc(run) : unicode::toNfd(run);
        if (n == run) {
            outAlign.insert(outAlign.end(), align.begin() + std::ptrdiff_t(b), align.begin() + std::ptrdiff_t(e));
        } else {
            const Span whole = unionOf(align.data() + b, e - b);
            outAlign.insert(outAlign.end(), n.size(), whole);
        }
        out += n;
    };
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::decode(s, i);
        if (at > runStart && isNormalizationBoundary(c)) {
            flush(runStart, at);
            runStart = at;
        }
    }
    flush(runStart, s.size());
    s.swap(out);
    align.swap(outAlign);
}

/**
 * normalize() with the original range of every output byte. Must give
 * normalize()'s text; the caller checks and falls back to whole-piece ranges.
 */
void normalizeAligned(const std::vector<NormalizerStep> &steps, std::string &s, std::vector<Span> &align)
{
    for (const NormalizerStep &n : steps) {
        switch (n.kind) {
        case NormalizerStep::Kind::Nfc:
            if (!unicode::isNfcQuick(s))
                normalizeRunsAligned(true, s, align);
            break;
        case NormalizerStep::Kind::Nfd:
            normalizeRunsAligned(false, s, align);
            break;
        case NormalizerStep::Kind::Prepend:
            if (!s.empty()) {
                prependEmpty(align, n.text.size(), align[0].first);
                s.insert(0, n.text);
            }
            break;
        case NormalizerStep::Kind::Replace: {
            if (n.text.empty() || s.find(n.text) == std::string::npos)
                break;
            std::string out;
            std::vector<Span> outAlign;
            std::size_t pos = 0;
            for (std::size_t p = s.find(n.text); p != std::string::npos; p = s.find(n.text, pos)) {
                out.append(s, pos, p - pos);
                outAlign.insert(outAlign.end(), align.begin() + std::ptrdiff_t(pos), align.begin() + std::ptrdiff_t(p));
                out += n.content;
                outAlign.insert(outAlign.end(), n.content.size(), unionOf(align.data() + p, n.text.size()));
                pos = p + n.text.size();
            }
            out.append(s, pos, std::string::npos);
            outAlign.insert(outAlign.end(), align.begin() + std::ptrdiff_t(pos), align.end());
            s.swap(out);
            align.swap(outAlign);
            break;
        }
        case NormalizerStep::Kind::Strip: {
            const auto [b, e] = stripBounds(s, n.left, n.right);
            s = s.substr(b, e - b);
            align = std::vector<Span>(align.begin() + std::ptrdiff_t(b), align.begin() + std::ptrdiff_t(e));
            break;
        }
        }
    }
}

/**
 * Runs the pre-tokenizer steps on one piece and the model on each word. With
 * offsets, every piece comes with `align`: the original text range of each of
 * its bytes, carried through the steps to the model's tokens.
 */
class Encoder
{
public:
    Encoder(const TokenizerData &d, std::vector<std::int32_t> &out, std::vector<Span> *offsets)
        : m_d(d), m_out(out), m_offsets(offsets), m_cache(WordCache::forThread(d.uid, offsets != nullptr)) {}

    void run(std::size_t step, std::string_view piece, bool atStart, const Span *align)
    {
        if (piece.empty())
            return;
        if (step == m_d.preTokenizer.size()) {
            word(piece, false, align);
            return;
        }
        const PreTokenizerStep &s = m_d.preTokenizer[step];
        switch (s.kind) {
        case PreTokenizerStep::Kind::SplitRegex:
        case PreTokenizerStep::Kind::SplitLiteral: {
            std::vector<Span> matches, pieces;
            if (s.kind == PreTokenizerStep::Kind::SplitRegex)
                findRegexMatches(s.regex, piece, matches);
            else
                findLiteralMatches(s.literal, piece, matches);
            applySplitBehavior(piece.size(), matches, s.behavior, s.invert, pieces);
            for (const Span &p : pieces)
                run(step + 1, piece.substr(p.first, p.second - p.first), atStart && p.first == 0,
                    align ? align + p.first : nullptr);
            break;
        }
        case PreTokenizerStep::Kind::ByteLevel: {
            std::string withSpace;
            std::vector<Span> spaceAlign;
            if (s.addPrefixSpace && piece[0] != ' ') {
                withSpace = " ";
                withSpace += piece;
                if (align) {
                    spaceAlign.assign(align, align + piece.size());
                    prependEmpty(spaceAlign, 1, align[0].first);
                    align = spaceAlign.data();
                }
                piece = withSpace;
            }
            const bool rawTail = step + 1 == m_d.preTokenizer.size() && m_d.model.hasAllByteSymbols();
            auto each = [&](std::size_t from, std::size_t to) {
                const std::string_view sub = piece.substr(from, to - from);
                if (rawTail) {
                    word(sub, true, align ? align + from : nullptr);
                    return;
                }
                std::string mapped;
                appendByteLevel(mapped, sub);
                std::vector<Span> mappedAlign;
                if (align) {
                    // each byte becomes one character of one or two bytes, from the same text
                    mappedAlign.reserve(mapped.size());
                    for (std::size_t i = 0; i < sub.size(); ++i)
                        mappedAlign.insert(mappedAlign.end(), byteToChar(static_cast<std::uint8_t>(sub[i])).size(),
                                           align[from + i]);
                }
                run(step + 1, mapped, atStart, align ? mappedAlign.data() : nullptr);
            };
            if (s.useRegex) {
                std::vector<Span> matches, pieces;
                findRegexMatches(RegexKind::Gpt2, piece, matches);
                applySplitBehavior(piece.size(), matches, SplitBehavior::Isolated, false, pieces);
                for (const Span &p : pieces)
                    each(p.first, p.second);
            } else {
                each(0, piece.size());
            }
            break;
        }
        case PreTokenizerStep::Kind::Metaspace: {
            std::string t;
            std::vector<Span> tAlign;
            if ((s.prepend == PreTokenizerStep::Prepend::Always ||
                 (s.prepend == PreTokenizerStep::Prepend::First && atStart)) &&
                piece.compare(0, s.replacement.size(), s.replacement) != 0 && piece[0] != ' ') {
                t = s.replacement;
                if (align)
                    prependEmpty(tAlign, s.replacement.size(), align[0].first);
            }
            for (std::size_t i = 0; i < piece.size(); ++i) {
                const char c = piece[i];
                if (c == ' ')
                    t += s.replacement;
                else
                    t += c;
                if (align)
                    tAlign.insert(tAlign.end(), c == ' ' ? s.replacement.size() : 1, align[i]);
            }
            const Span *ta = align ? tAlign.data() : nullptr;
            if (s.split) {
                std::vector<Span> matches, pieces;
                findLiteralMatches(s.replacement, t, matches);
                applySplitBehavior(t.size(), matches, SplitBehavior::MergedWithNext, false, pieces);
                for (const Span &p : pieces)
                    run(step + 1, std::string_view(t).substr(p.first, p.second - p.first), atStart && p.first == 0,
                        ta ? ta + p.first : nullptr);
            } else {
                run(step + 1, t, atStart, ta);
            }
            break;
        }
        }
    }

private:
    void word(std::string_view w, bool rawBytes, const Span *align)
    {
        if (m_offsets) {
            // this thread's cache with token lengths: each token's range is the union of its bytes' ranges
            m_lengths.clear();
            if (!m_cache.lookup(w, m_out, &m_lengths)) {
                const std::size_t mark = m_out.size();
                if (rawBytes)
                    m_d.model.tokenizeRawBytes(w, m_out, &m_lengths);
                else
                    m_d.model.tokenize(w, m_out, &m_lengths);
                m_cache.store(w, m_out.data() + mark, m_out.size() - mark, m_lengths.data());
            }
            std::size_t pos = 0;
            for (const std::uint32_t len : m_lengths) {
                m_offsets->push_back(unionOf(align + pos, len));
                pos += len;
            }
            return;
        }
        if (m_cache.lookup(w, m_out))
            return;
        const std::size_t mark = m_out.size();
        if (rawBytes)
            m_d.model.tokenizeRawBytes(w, m_out);
        else
            m_d.model.tokenize(w, m_out);
        m_cache.store(w, m_out.data() + mark, m_out.size() - mark);
    }

    const TokenizerData &m_d;
    std::vector<std::int32_t> &m_out;
    std::vector<Span> *m_offsets;
    std::vector<std::uint32_t> m_lengths;
    WordCache &m_cache;
};

} // namespace

Tokenizer Tokenizer::fromFile(const std::string &path)
{
    return fromJson(readFileText(path, "cannot open tokenizer file"), path);
}

Tokenizer Tokenizer::fromJson(const std::string &json, const std::string &sourceName)
{
    auto data = std::make_shared<TokenizerData>();
    data->source = sourceName;
    data->uid = g_nextUid.fetch_add(1);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("not valid JSON: ") + e.what(), Error::Location{sourceName, 0, 0, -1, {}});
    }
    const JsonField root(doc, "", &data->source);
    root.object();
    const JsonField model = root["model"].object();
    std::string type = "BPE";
    if (model.hasValue("type"))
        type = model["type"].str();
    else if (!model.has("merges"))
        model.fail("the model has no \"type\" and no merges; only BPE models are supported");
    if (type != "BPE")
        model["type"].fail("model type \"" + type + "\" is not supported (only BPE)");
    data->model.load(model);

    data->normalizer = root.has("normalizer") ? parseNormalizer(root["normalizer"]) : std::vector<NormalizerStep>{};
    data->preTokenizer = root.has("pre_tokenizer") ? parsePreTokenizer(root["pre_tokenizer"]) : std::vector<PreTokenizerStep>{};
    data->decoder = root.has("decoder") ? parseDecoder(root["decoder"]) : std::vector<DecoderStep>{};

    std::vector<AddedToken> added;
    if (root.hasValue("added_tokens"))
        added = readAddedTokens(root["added_tokens"].array(), data->model);
    const auto *norm = &data->normalizer;
    data->added.build(std::move(added), [norm](const std::string &s) { return normalize(*norm, s); });

    const TokenizerData *raw = data.get();
    if (root.has("post_processor"))
        data->postProcessor = parsePostProcessor(root["post_processor"], [raw](const std::string &t) {
            const std::int32_t a = raw->added.idOf(t);
            return a >= 0 ? a : raw->model.tokenToId(t);
        });

    data->idLimit = data->model.idLimit();
    for (const AddedToken &t : data->added.tokens())
        data->idLimit = std::max<std::size_t>(data->idLimit, std::size_t(t.id) + 1);

    std::ostringstream sum;
    sum << "BPE, " << data->model.vocabSize() << " tokens, " << data->model.mergeCount() << " merges, "
        << data->added.tokens().size() << " added tokens";
    data->summary = sum.str();

    Tokenizer t;
    t.m_data = data;
    // bos/eos guesses from common token names; setBosEos overrides them
    for (const char *name : {"<|begin_of_text|>", "<s>", "<bos>"}) {
        if (t.m_bos < 0)
            t.m_bos = t.tokenToId(name);
    }
    for (const char *name : {"<|end_of_text|>", "</s>", "<|endoftext|>", "<eos>"}) {
        if (t.m_eos < 0)
            t.m_eos = t.tokenToId(name);
    }
    return t;
}

const tok::TokenizerData &Tokenizer::data() const
{
    if (!m_data)
        throw Error("no tokenizer loaded");
    return *m_data;
}

std::vector<std::int32_t> Tokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    std::vector<std::int32_t> ids;
    encodeInto(text, addSpecialTokens, ids, nullptr);
    return ids;
}

Tokenizer::Encoding Tokenizer::encodeWithOffsets(std::string_view text, bool addSpecialTokens) const
{
    Encoding e;
    encodeInto(text, addSpecialTokens, e.ids, &e.offsets);
    return e;
}

void Tokenizer::encodeInto(std::string_view text, bool addSpecialTokens, std::vector<std::int32_t> &ids,
                           std::vector<Span> *offsets) const
{
    const std::size_t bad = utf8::findInvalid(text);
    if (bad != std::string_view::npos)
        throw Error("text is not valid UTF-8 at byte " + std::to_string(bad));
    const TokenizerData &d = data();
    ids.reserve(text.size() / 3 + 4);
    Encoder enc(d, ids, offsets);
    // With offsets: every byte of the text stands for its whole character (HF's alignments).
    std::vector<Span> charAlign;
    if (offsets) {
        offsets->reserve(ids.capacity());
        charAlign.resize(text.size());
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t b = i;
            utf8::decode(text, i);
            std::fill(charAlign.begin() + std::ptrdiff_t(b), charAlign.begin() + std::ptrdiff_t(i), Span{b, i});
        }
    }
    std::vector<TextSegment> rawSegs, normSegs;
    std::vector<Span> normAlign;
    d.added.split(text, false, rawSegs);
    for (const TextSegment &seg : rawSegs) {
        if (seg.id >= 0) {
            ids.push_back(seg.id);
            if (offsets)
                offsets->push_back(Span{seg.begin, seg.end});
            continue;
        }
        const std::string_view piece = text.substr(seg.begin, seg.end - seg.begin);
        std::string normalized;
        std::string_view n = piece;
        const Span *align = offsets ? charAlign.data() + seg.begin : nullptr;
        if (!d.normalizer.empty()) {
            normalized = normalize(d.normalizer, piece);
            n = normalized;
            if (offsets) {
                std::string aligned(piece);
                normAlign.assign(align, align + piece.size());
                normalizeAligned(d.normalizer, aligned, normAlign);
                if (aligned != normalized)   // not expected; the ids must not depend on it
                    normAlign.assign(normalized.size(), Span{seg.begin, seg.end});
                align = normAlign.data();
            }
        }
        d.added.split(n, true, normSegs);
        for (const TextSegment &s2 : normSegs) {
            if (s2.id >= 0) {
                ids.push_back(s2.id);
                if (offsets)
                    offsets->push_back(unionOf(align + s2.begin, s2.end - s2.begin));
            } else {
                enc.run(0, n.substr(s2.begin, s2.end - s2.begin), seg.begin == 0 && s2.begin == 0,
                        align ? align + s2.begin : nullptr);
            }
        }
    }
    if (addSpecialTokens && m_specialOverride) {
        if (m_addBos && m_bos >= 0) {
            ids.insert(ids.begin(), m_bos);
            if (offsets)
                offsets->insert(offsets->begin(), Span{0, 0});
        }
        if (m_addEos && m_eos >= 0) {
            ids.push_back(m_eos);
            if (offsets)
                offsets->push_back(Span{text.size(), text.size()});
        }
        return;
    }
    if (addSpecialTokens)
        postProcess(d.postProcessor, ids, offsets, text.size());
}

std::string Tokenizer::decode(const std::vector<std::int32_t> &ids, bool skipSpecial) const
{
    const TokenizerData &d = data();
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (std::int32_t id : ids) {
        if (const AddedToken *a = d.added.byId(id)) {
            if (!(skipSpecial && a->special))
                tokens.push_back(a->content);
        } else if (const std::string *t = d.model.idToToken(id)) {
            if (!(skipSpecial && d.added.idOf(*t) >= 0 && isSpecial(d.added.idOf(*t))))
                tokens.push_back(*t);
        }
    }
    return decodeTokens(d.decoder, std::move(tokens));
}

std::int32_t Tokenizer::tokenToId(std::string_view token) const
{
    const std::int32_t a = data().added.idOf(token);
    return a >= 0 ? a : m_data->model.tokenToId(token);
}

std::string Tokenizer::idToToken(std::int32_t id) const
{
    if (const AddedToken *a = data().added.byId(id))
        return a->content;
    const std::string *t = m_data->model.idToToken(id);
    return t ? *t : std::string();
}

bool Tokenizer::isSpecial(std::int32_t id) const
{
    const AddedToken *a = data().added.byId(id);
    return a && a->special;
}

std::size_t Tokenizer::vocabSize() const { return data().idLimit; }

void Tokenizer::setBosEos(const std::string &bosToken, const std::string &eosToken)
{
    auto lookup = [&](const std::string &t) {
        if (t.empty())
            return std::int32_t(-1);
        const std::int32_t id = tokenToId(t);
        if (id < 0)
            throw Error("special token \"" + t + "\" is not in the vocabulary of " + data().source);
        return id;
    };
    m_bos = lookup(bosToken);
    m_eos = lookup(eosToken);
}

void Tokenizer::setSpecialTokens(bool addBos, bool addEos)
{
    m_specialOverride = true;
    m_addBos = addBos;
    m_addEos = addEos;
}

std::string Tokenizer::describe() const { return m_data ? m_data->summary : std::string("no tokenizer loaded"); }

} // namespace sft
