// Loading tokenizer.json and running the encode pipeline as HF does:
// added tokens (raw) -> normalizer per piece -> added tokens (normalized) ->
// pre-tokenizer steps -> BPE per word (cached), then the post-processor.

#include "tokenizer/tokenizer.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/tokenizer_data.h"
#include "tokenizer/word_cache.h"

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

/** Runs the pre-tokenizer steps on one piece and the model on each word. */
class Encoder
{
public:
    Encoder(const TokenizerData &d, std::vector<std::int32_t> &out)
        : m_d(d), m_out(out), m_cache(WordCache::forThread(d.uid)) {}

    void run(std::size_t step, std::string_view piece, bool atStart)
    {
        if (piece.empty())
            return;
        if (step == m_d.preTokenizer.size()) {
            word(piece, false);
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
                run(step + 1, piece.substr(p.first, p.second - p.first), atStart && p.first == 0);
            break;
        }
        case PreTokenizerStep::Kind::ByteLevel: {
            std::string withSpace;
            if (s.addPrefixSpace && piece[0] != ' ') {
                withSpace = " ";
                withSpace += piece;
                piece = withSpace;
            }
            const bool rawTail = step + 1 == m_d.preTokenizer.size() && m_d.model.hasAllByteSymbols();
            auto each = [&](std::string_view sub) {
                if (rawTail) {
                    word(sub, true);
                } else {
                    std::string mapped;
                    appendByteLevel(mapped, sub);
                    run(step + 1, mapped, atStart);
                }
            };
            if (s.useRegex) {
                std::vector<Span> matches, pieces;
                findRegexMatches(RegexKind::Gpt2, piece, matches);
                applySplitBehavior(piece.size(), matches, SplitBehavior::Isolated, false, pieces);
                for (const Span &p : pieces)
                    each(piece.substr(p.first, p.second - p.first));
            } else {
                each(piece);
            }
            break;
        }
        case PreTokenizerStep::Kind::Metaspace: {
            std::string t;
            if ((s.prepend == PreTokenizerStep::Prepend::Always ||
                 (s.prepend == PreTokenizerStep::Prepend::First && atStart)) &&
                piece.compare(0, s.replacement.size(), s.replacement) != 0 && piece[0] != ' ')
                t = s.replacement;
            for (char c : piece) {
                if (c == ' ')
                    t += s.replacement;
                else
                    t += c;
            }
            if (s.split) {
                std::vector<Span> matches, pieces;
                findLiteralMatches(s.replacement, t, matches);
                applySplitBehavior(t.size(), matches, SplitBehavior::MergedWithNext, false, pieces);
                for (const Span &p : pieces)
                    run(step + 1, std::string_view(t).substr(p.first, p.second - p.first), atStart && p.first == 0);
            } else {
                run(step + 1, t, atStart);
            }
            break;
        }
        }
    }

private:
    void word(std::string_view w, bool rawBytes)
    {
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
    const std::size_t bad = utf8::findInvalid(text);
    if (bad != std::string_view::npos)
        throw Error("text is not valid UTF-8 at byte " + std::to_string(bad));
    const TokenizerData &d = data();
    std::vector<std::int32_t> ids;
    ids.reserve(text.size() / 3 + 4);
    Encoder enc(d, ids);
    std::vector<TextSegment> rawSegs, normSegs;
    d.added.split(text, false, rawSegs);
    for (const TextSegment &seg : rawSegs) {
        if (seg.id >= 0) {
            ids.push_back(seg.id);
            continue;
        }
        const std::string_view piece = text.substr(seg.begin, seg.end - seg.begin);
        std::string normalized;
        std::string_view n = piece;
        if (!d.normalizer.empty()) {
            normalized = normalize(d.normalizer, piece);
            n = normalized;
        }
        d.added.split(n, true, normSegs);
        for (const TextSegment &s2 : normSegs) {
            if (s2.id >= 0)
                ids.push_back(s2.id);
            else
                enc.run(0, n.substr(s2.begin, s2.end - s2.begin), seg.begin == 0 && s2.begin == 0);
        }
    }
    if (addSpecialTokens && m_specialOverride) {
        if (m_addBos && m_bos >= 0)
            ids.insert(ids.begin(), m_bos);
        if (m_addEos && m_eos >= 0)
            ids.push_back(m_eos);
        return ids;
    }
    if (addSpecialTokens)
        return postProcess(d.postProcessor, std::move(ids));
    return ids;
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
