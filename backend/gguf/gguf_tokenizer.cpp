// tokenizer.json -> GGUF tokenizer keys (see gguf_tokenizer.h).

#include "gguf/gguf_tokenizer.h"

#include "core/error.h"
#include "core/file_io.h"
#include "gguf/gguf_writer.h"
#include "tokenizer/components.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/model_tokenizer.h"
#include "tokenizer/pretokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::gguf {

namespace {

const char *const kMetaspace = "\xE2\x96\x81"; // "▁"

[[noreturn]] void refuse(const std::string &file, const std::string &field, const std::string &message)
{
    Error::Location where;
    where.file = file;
    where.field = field;
    throw Error(message, where);
}

json readJson(const std::string &path)
{
    try {
        return json::parse(readFileText(path, "cannot open"));
    } catch (const json::exception &e) {
        refuse(path, {}, std::string("invalid JSON: ") + e.what());
    }
}

/** "<0xAB>" exactly (how SentencePiece names its byte tokens). */
bool isByteToken(const std::string &t)
{
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    return t.size() == 6 && t.compare(0, 3, "<0x") == 0 && hex(t[3]) && hex(t[4]) && t[5] == '>';
}

/** The pair of a merge written "a b" or ["a", "b"]. */
std::pair<std::string, std::string> mergePair(const json &m, const std::string &file, std::size_t rank)
{
    const std::string field = "model.merges[" + std::to_string(rank) + "]";
    if (m.is_string()) {
        const std::string s = m.get<std::string>();
        const std::size_t space = s.find(' ');
        if (space == std::string::npos || space == 0 || s.find(' ', space + 1) != std::string::npos)
            refuse(file, field, "a merge must be two tokens separated by one space, got \"" + s + "\"");
        return {s.substr(0, space), s.substr(space + 1)};
    }
    if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
        std::pair<std::string, std::string> p{m[0].get<std::string>(), m[1].get<std::string>()};
        if (p.first.empty() || p.second.empty() || p.first.find(' ') != std::string::npos
            || p.second.find(' ') != std::string::npos)
            refuse(file, field, "a merge of tokens holding spaces cannot be written as GGUF's \"a b\" merges");
        return p;
    }
    refuse(file, field, "expected \"a b\" or [\"a\", \"b\"]");
}

/** The pre-tokenizer name llama.cpp knows for a byte-level tokenizer's split. */
std::string byteLevelPre(const std::vector<tok::PreTokenizerStep> &steps, const std::string &file)
{
    using Kind = tok::PreTokenizerStep::Kind;
    const tok::PreTokenizerStep *byteLevel = nullptr, *split = nullptr;
    for (const auto &s : steps) {
        if (s.kind == Kind::ByteLevel) {
            if (byteLevel)
                refuse(file, "pre_tokenizer", "two ByteLevel pre-tokenizers cannot be expressed in GGUF for llama.cpp");
            byteLevel = &s;
        } else if (s.kind == Kind::SplitRegex) {
            if (split)
                refuse(file, "pre_tokenizer", "two Split pre-tokenizers cannot be expressed in GGUF for llama.cpp "
                                              "(it splits with one regex)");
            split = &s;
        } else if (s.kind == Kind::SplitLiteral) {
            refuse(file, "pre_tokenizer", "a Split on a literal string cannot be expressed in GGUF for llama.cpp");
        } else {
            refuse(file, "pre_tokenizer", "a Metaspace pre-tokenizer next to ByteLevel cannot be expressed in GGUF "
                                          "for llama.cpp");
        }
    }
    if (!byteLevel)
        refuse(file, "pre_tokenizer", "a BPE tokenizer without a ByteLevel pre-tokenizer or byte_fallback cannot be "
                                      "expressed in GGUF for llama.cpp (supported: byte-level BPE as \"gpt2\", "
                                      "SentencePiece-style BPE with byte_fallback as \"llama\")");
    if (byteLevel->addPrefixSpace)
        refuse(file, "pre_tokenizer.add_prefix_space", "true cannot be expressed in GGUF for llama.cpp (its byte-level "
                                                       "BPE adds no space before the text)");
    tok::RegexKind kind = tok::RegexKind::Gpt2;
    if (split) {
        if (byteLevel->useRegex)
            refuse(file, "pre_tokenizer", "a Split regex before a ByteLevel with use_regex true (two splits) cannot be "
                                          "expressed in GGUF for llama.cpp");
        if (split->behavior != tok::SplitBehavior::Isolated || split->invert)
            refuse(file, "pre_tokenizer.behavior", "only an \"Isolated\", not inverted, Split can be expressed in GGUF "
                                                   "for llama.cpp");
        kind = split->regex;
    } else if (!byteLevel->useRegex) {
        refuse(file, "pre_tokenizer.use_regex", "a byte-level tokenizer that does not split its text cannot be "
                                                "expressed in GGUF for llama.cpp");
    }
    switch (kind) {
    case tok::RegexKind::Gpt2:
        return "gpt-2";
    case tok::RegexKind::Qwen2:
        return "qwen2";
    case tok::RegexKind::Llama3:
        return "llama-bpe";
    }
    refuse(file, "pre_tokenizer", "unknown split regex");
}

/**
 * SentencePiece-style spacing: whether a "▁" is prepended; refuses what llama.cpp's "llama" cannot do
 * and warns about what it does differently.
 */
bool spmSpacePrefix(const std::vector<tok::PreTokenizerStep> &pre, const std::vector<tok::NormalizerStep> &norm,
                    const std::string &file, std::vector<std::string> &warnings)
{
    bool prefix = false, spaces = false;
    for (const auto &s : pre) {
        if (s.kind != tok::PreTokenizerStep::Kind::Metaspace)
            refuse(file, "pre_tokenizer", "a byte_fallback tokenizer whose pre-tokenizer is not Metaspace cannot be "
                                          "expressed in GGUF for llama.cpp");
        if (s.replacement != kMetaspace)
            refuse(file, "pre_tokenizer.replacement", "only \"\xE2\x96\x81\" can be expressed in GGUF for llama.cpp");
        spaces = true;
        prefix = prefix || s.prepend != tok::PreTokenizerStep::Prepend::Never;
        if (s.prepend == tok::PreTokenizerStep::Prepend::First)
            warnings.push_back(file + ": pre_tokenizer.prepend_scheme \"first\": the engine adds the \"\xE2\x96\x81\" space "
                               "prefix only at the very start of the text, llama.cpp adds it again after every special "
                               "token (a chat template's markers, say), so text right after a special token may "
                               "tokenize differently");
    }
    for (const auto &s : norm) {
        using K = tok::NormalizerStep::Kind;
        if (s.kind == K::Prepend && s.text == kMetaspace)
            prefix = true;
        else if (s.kind == K::Replace && s.text == " " && s.content == kMetaspace)
            spaces = true;
        else if (s.kind != K::Nfc)
            refuse(file, "normalizer", "this normalizer cannot be expressed in GGUF for llama.cpp (supported for "
                                       "byte_fallback tokenizers: Prepend \"\xE2\x96\x81\", Replace \" \" by "
                                       "\"\xE2\x96\x81\", NFC)");
    }
    if (!spaces)
        refuse(file, "pre_tokenizer", "a byte_fallback tokenizer that does not turn spaces into \"\xE2\x96\x81\" "
                                      "(Metaspace, or a Replace normalizer) cannot be expressed in GGUF for llama.cpp");
    return prefix;
}

/** A boolean field, fallback when absent or null. */
bool boolOr(const json &j, const char *key, bool fallback)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

/** eos_token_id of a JSON object as a list (absent: empty). */
std::vector<std::int64_t> idList(const json &j, const char *key)
{
    std::vector<std::int64_t> out;
    const auto it = j.find(key);
    if (it == j.end())
        return out;
    if (it->is_number_integer())
        out.push_back(it->get<std::int64_t>());
    else if (it->is_array())
        for (const auto &x : *it)
            if (x.is_number_integer())
                out.push_back(x.get<std::int64_t>());
    return out;
}

/** What the engine's tokenizer adds around a text with add_special_tokens (before, after). */
std::pair<std::vector<std::int32_t>, std::vector<std::int32_t>> addedAround(const Tokenizer &t, const std::string &file)
{
    const std::string probe = "a";
    const auto plain = t.encode(probe, false), full = t.encode(probe, true);
    const auto at = std::search(full.begin(), full.end(), plain.begin(), plain.end());
    if (plain.empty() || at == full.end())
        refuse(file, "post_processor", "the post-processor changes the text's own tokens; GGUF can only add a BOS / EOS");
    std::vector<std::int32_t> before(full.begin(), at), after(at + std::ptrdiff_t(plain.size()), full.end());
    if (before.size() > 1 || after.size() > 1)
        refuse(file, "post_processor", "the post-processor adds several tokens around the text; GGUF's add_bos_token / "
                                       "add_eos_token add one each");
    return {before, after};
}

/** Texts llama.cpp stops generating at whatever the file says (llama-vocab.cpp's end-of-generation list). */
bool llamaCppEndsGeneration(const std::string &t)
{
    static const std::set<std::string> texts = {
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>",
        "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>",
        "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>", "<\xEF\xBD\x9C" "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",
        "[e~["};
    return texts.count(t) > 0;
}

/** Chat models' end-of-turn markers (the end-of-turn, not end-of-text, entries of llama.cpp's EOT detection). */
bool isEndOfTurn(const std::string &t)
{
    static const std::set<std::string> texts = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
                                                "<EOT>", "_<EOT>", "[EOT]", "<end_of_utterance>"};
    return texts.count(t) > 0;
}

/** A template name as llama.cpp's converter writes it into a key: [A-Za-z0-9] kept, anything else '_'. */
std::string templateKeyName(const std::string &name)
{
    std::string out = name;
    for (char &c : out)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = '_';
    return out;
}

/**
 * The chat templates, found as the engine finds its template (ModelChatTemplate::fromModelDir):
 * chat_template.jinja first (with additional_chat_templates/NAME.jinja as named ones, which
 * llama.cpp's converter also reads), else tokenizer_config.json's chat_template: a string, or a list
 * of {name, template} whose "default" entry is the template and whose others are named ones.
 */
void readChatTemplates(const fs::path &dir, GgufVocab &v)
{
    auto named = [&](const std::string &name, const std::string &text) {
        const std::string key = templateKeyName(name);
        if (key.empty() || key == "default")
            return;
        for (const auto &t : v.namedTemplates)
            if (t.first == key)
                return;
        v.namedTemplates.emplace_back(key, text);
    };
    const fs::path jinja = dir / "chat_template.jinja";
    if (fs::exists(jinja)) {
        v.chatTemplate = readFileText(jinja.string(), "cannot open chat template");
        std::error_code ec;
        std::vector<fs::path> extra;
        for (const auto &e : fs::directory_iterator(dir / "additional_chat_templates", ec))
            if (e.path().extension() == ".jinja")
                extra.push_back(e.path());
        std::sort(extra.begin(), extra.end());
        for (const fs::path &e : extra)
            named(e.stem().string(), readFileText(e.string(), "cannot open chat template"));
        return;
    }
    const fs::path config = dir / "tokenizer_config.json";
    if (!fs::exists(config))
        return;
    const json c = readJson(config.string());
    const auto it = c.is_object() ? c.find("chat_template") : c.end();
    if (it == c.end() || it->is_null())
        return;
    if (it->is_string()) {
        v.chatTemplate = it->get<std::string>();
        return;
    }
    if (!it->is_array())
        refuse(config.string(), "chat_template", "expected a string or a list of named templates");
    for (const auto &item : *it) {
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("template")
            || !item["template"].is_string())
            continue;
        const std::string name = item["name"].get<std::string>(), text = item["template"].get<std::string>();
        if (name == "default")
            v.chatTemplate = text;
        else
            named(name, text);
    }
}

/** Tokens by id, their types, and the checks llama.cpp's loader needs of them. */
void readTokens(const json &doc, const json &model, const std::string &file, const model::ModelConfig &config,
                GgufVocab &v)
{
    // Tokens by id: the model's vocabulary, then the added tokens (which win where they share an id).
    std::map<std::int64_t, std::string> byId;
    const json &vocab = model.at("vocab");
    if (!vocab.is_object())
        refuse(file, "model.vocab", "expected an object of token: id");
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        const std::int64_t id = it.value().get<std::int64_t>();
        if (!byId.emplace(id, it.key()).second)
            refuse(file, "model.vocab", "two tokens have id " + std::to_string(id));
    }
    std::set<std::int64_t> special, user;
    if (doc.contains("added_tokens") && doc["added_tokens"].is_array()) {
        for (const auto &a : doc["added_tokens"]) {
            const std::int64_t id = a.at("id").get<std::int64_t>();
            byId[id] = a.at("content").get<std::string>();
            (boolOr(a, "special", false) ? special : user).insert(id);
        }
    }
    const std::int64_t count = byId.empty() ? 0 : byId.rbegin()->first + 1;
    if (count > config.vocabSize)
        refuse(file, "added_tokens", "the tokenizer has " + std::to_string(count) + " token ids but config.json's "
                                         "vocab_size is " + std::to_string(config.vocabSize)
                                         + ": the embedding has a row for every token in GGUF");
    // llama.cpp maps each text to one id and stops loading (an assertion) when two ids share a text.
    std::map<std::string, std::int64_t> idOf;
    for (const auto &[id, text] : byId) {
        const auto [at, fresh] = idOf.emplace(text, id);
        if (!fresh) {
            const bool added = special.count(id) || user.count(id) || special.count(at->second) || user.count(at->second);
            refuse(file, added ? "added_tokens" : "model.vocab",
                   "token ids " + std::to_string(at->second) + " and " + std::to_string(id) + " are both \"" + text
                       + "\": llama.cpp needs every token text once (it stops loading the file otherwise)");
        }
    }
    v.tokenizerTokens = std::size_t(count);
    const std::string unkToken = model.contains("unk_token") && model["unk_token"].is_string()
                                     ? model["unk_token"].get<std::string>() : std::string();
    v.tokens.resize(std::size_t(config.vocabSize));
    v.types.assign(v.tokens.size(), std::int32_t(TokenType::Unused));
    std::size_t holes = 0;
    for (std::size_t id = 0; id < v.tokens.size(); ++id) {
        const auto it = byId.find(std::int64_t(id));
        if (it == byId.end()) {
            std::string pad = "[PAD" + std::to_string(id) + "]";
            while (idOf.count(pad))   // a real token already has that text: keep every text unique
                pad.insert(pad.size() - 1, "_");
            v.tokens[id] = pad;
            holes += id < v.tokenizerTokens;
            continue;
        }
        v.tokens[id] = it->second;
        TokenType t = TokenType::Normal;
        if (special.count(std::int64_t(id)))
            t = TokenType::Control;
        else if (user.count(std::int64_t(id)))
            t = TokenType::UserDefined;
        if (v.model == "llama" && !unkToken.empty() && it->second == unkToken)
            t = TokenType::Unknown;
        else if (v.model == "llama" && isByteToken(it->second))
            t = TokenType::Byte;
        v.types[id] = std::int32_t(t);
    }
    if (v.model == "llama") {
        // llama.cpp's byte fallback looks every byte up as "<0xXX>" and throws out of tokenizing when one is missing.
        static const char *hex = "0123456789ABCDEF";
        for (int b = 0; b < 256; ++b) {
            const std::string t = std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
            if (!idOf.count(t))
                refuse(file, "model.vocab", "the byte token " + t + " is missing: llama.cpp's \"llama\" tokenizer needs "
                                            "all 256 <0x00>..<0xFF> for its byte fallback (a text needing a missing "
                                            "one fails to tokenize)");
        }
    }
    if (holes)
        v.warnings.push_back(file + ": " + std::to_string(holes) + " ids the tokenizer does not use are written as "
                                                                   "unused [PAD<id>] tokens");
    if (v.tokens.size() > v.tokenizerTokens)
        v.warnings.push_back(file + ": config.json's vocab_size " + std::to_string(v.tokens.size()) + " exceeds the "
                             "tokenizer's " + std::to_string(v.tokenizerTokens) + " tokens: the extra embedding rows are "
                             "written as unused [PAD<id>] tokens, which the engine never generates but llama.cpp samples "
                             "like any other token");
}

/** SentencePiece-style scores or byte-level merges. */
void readMerges(const json &model, const std::string &file, const Tokenizer &tk, GgufVocab &v)
{
    static const json noMerges = json::array();
    const json &merges = model.contains("merges") ? model["merges"] : noMerges;   // both lvalues: no copy
    if (!merges.is_array())
        refuse(file, "model.merges", "expected an array");
    if (v.model == "gpt2") {
        v.merges.reserve(merges.size());
        for (std::size_t r = 0; r < merges.size(); ++r) {
            const auto p = mergePair(merges[r], file, r);
            v.merges.push_back(p.first + ' ' + p.second);
        }
        return;
    }
    // llama.cpp's SentencePiece tokenizer merges the adjacent pair whose joined token scores highest:
    // the result of merge rank r scores -(r + 1). Tokens no merge makes score below every merge so they
    // are never preferred; single characters, bytes and specials (never a merge result) score 0.
    const float never = -float(merges.size() + 1);
    v.scores.assign(v.tokens.size(), 0.0f);
    for (std::size_t id = 0; id < v.tokenizerTokens; ++id)
        if (v.types[id] == std::int32_t(TokenType::Normal) && !v.tokens[id].empty()) {
            std::size_t chars = 0;
            for (unsigned char c : v.tokens[id])
                chars += (c & 0xC0) != 0x80;
            if (chars > 1)
                v.scores[id] = never;
        }
    std::vector<bool> seen(v.tokens.size(), false);
    for (std::size_t r = 0; r < merges.size(); ++r) {
        const auto p = mergePair(merges[r], file, r);
        const std::int32_t id = tk.tokenToId(p.first + p.second);
        if (id >= 0 && std::size_t(id) < v.scores.size() && !seen[std::size_t(id)]) {
            v.scores[std::size_t(id)] = -float(r + 1);
            seen[std::size_t(id)] = true;
        }
    }
}

/**
 * BOS, EOS, UNK, padding, and the ids that end a generation: the engine stops at every id of
 * generation_config.json's eos_token_id (else config.json's); llama.cpp at eos, eot, eom and at
 * tokens whose text it knows as an end (<|im_end|>, <|endoftext|>, </s>, ...). So EOT is the
 * end-of-turn marker among them (EOS itself when it is one: written, so llama.cpp does not pick
 * another by text), EOM the first other stop llama.cpp would not know; any further one is dropped
 * with a warning. Ids from config.json and generation_config.json outside the vocabulary are
 * dropped with a warning naming file and field, as llama.cpp's converter drops them.
 */
void readSpecialIds(const fs::path &dir, const std::string &file, const std::string &configFile, const ModelTokenizer &mt,
                    const model::ModelConfig &config, const std::string &unkToken, GgufVocab &v)
{
    const Tokenizer &tk = mt.tokenizer;
    const std::int64_t n = std::int64_t(v.tokens.size());
    auto checked = [&](std::int64_t id, const std::string &from, const std::string &field) {
        if (id >= n) {
            v.warnings.push_back(from + ": " + field + " " + std::to_string(id) + " is outside the vocabulary ("
                                 + std::to_string(n) + " tokens) and is not written (as llama.cpp's converter drops it)");
            return std::int64_t(-1);
        }
        return id;
    };
    const auto [before, after] = addedAround(tk, file);
    v.addBos = !before.empty();
    v.addEos = !after.empty();
    if (!mt.config.padToken.empty())
        v.pad = tk.tokenToId(mt.config.padToken);
    if (v.pad < 0 && config.padTokenId >= 0)
        v.pad = checked(config.padTokenId, configFile, "pad_token_id");
    v.eos = v.addEos ? after.front() : tk.eosId();
    if (v.eos < 0 && !config.eosTokenIds.empty())
        v.eos = checked(config.eosTokenIds.front(), configFile, "eos_token_id");
    v.bos = v.addBos ? before.front() : tk.bosId();
    if (v.bos < 0 && config.bosTokenId >= 0)
        v.bos = checked(config.bosTokenId, configFile, "bos_token_id");
    if (v.bos < 0)   // llama.cpp would assume id 11 (GPT-2's); a real special token is safer (add_bos is false)
        v.bos = v.pad >= 0 ? v.pad : v.eos;
    if (!unkToken.empty())
        v.unk = tk.tokenToId(unkToken);

    std::string stopFile = configFile;
    std::vector<std::int64_t> stops = config.eosTokenIds;
    const fs::path gen = dir / "generation_config.json";
    if (fs::exists(gen)) {
        const json g = readJson(gen.string());
        if (g.is_object() && g.contains("eos_token_id")) {
            stops = idList(g, "eos_token_id");
            stopFile = gen.string();
        }
    }
    std::vector<std::int64_t> others;
    for (std::int64_t id : stops)
        if (checked(id, stopFile, "eos_token_id") >= 0 && id != v.eos
            && std::find(others.begin(), others.end(), id) == others.end())
            others.push_back(id);
    auto text = [&](std::int64_t id) { return id >= 0 ? v.tokens[std::size_t(id)] : std::string(); };
    if (isEndOfTurn(text(v.eos))) {
        v.eot = v.eos;
    } else {
        for (std::int64_t id : others)
            if (isEndOfTurn(text(id))) {
                v.eot = id;
                break;
            }
    }
    for (std::int64_t id : others) {
        if (id == v.eot || llamaCppEndsGeneration(text(id)))
            continue;
        if (v.eom < 0)
            v.eom = id;
        else
            v.warnings.push_back(stopFile + ": eos_token_id " + std::to_string(id) + " (\"" + text(id)
                                 + "\") is not written: GGUF names at most three ends of generation (eos, eot, eom), "
                                 "so llama.cpp does not stop at it where the engine does");
    }
}

} // namespace

GgufVocab readVocab(const std::string &modelDir, const model::ModelConfig &config, const std::string &configFile)
{
    const fs::path dir(modelDir);
    const std::string file = (dir / "tokenizer.json").string();
    if (!fs::exists(file))
        refuse(file, {}, "not found: a GGUF file carries the tokenizer, so the model folder needs its tokenizer.json");
    // The engine's view first: it validates the whole file and knows BOS / EOS and what encode adds.
    const ModelTokenizer mt = loadModelTokenizer(modelDir);
    const json doc = readJson(file);
    const json &model = doc.at("model");

    GgufVocab v;
    for (const char *key : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (model.contains(key) && model[key].is_string() && !model[key].get<std::string>().empty())
            refuse(file, std::string("model.") + key, "a BPE with a subword prefix or suffix cannot be expressed in GGUF "
                                                      "for llama.cpp");
    const bool byteFallback = boolOr(model, "byte_fallback", false);
    const bool ignoreMerges = boolOr(model, "ignore_merges", false);
    static const json null;
    auto steps = [&](const char *key) {
        const auto it = doc.find(key);
        return tok::JsonField(it == doc.end() ? null : *it, key, &file);   // refers to doc: no temporaries
    };
    const auto pre = tok::parsePreTokenizer(steps("pre_tokenizer"));
    const auto norm = tok::parseNormalizer(steps("normalizer"));

    if (byteFallback) {
        v.model = "llama";
        v.addSpacePrefix = spmSpacePrefix(pre, norm, file, v.warnings);
    } else {
        v.model = "gpt2";
        v.pre = byteLevelPre(pre, file);
        for (const auto &s : norm)
            if (s.kind != tok::NormalizerStep::Kind::Nfc)
                refuse(file, "normalizer", "a byte-level tokenizer with this normalizer cannot be expressed in GGUF "
                                           "for llama.cpp (supported: none, NFC)");
        // llama.cpp decides ignore_merges by the pre-tokenizer's name, not by the file.
        if (ignoreMerges != (v.pre == "llama-bpe"))
            v.warnings.push_back(file + ": model.ignore_merges is " + (ignoreMerges ? "true" : "false")
                                 + " but llama.cpp's \"" + v.pre + "\" pre-tokenizer "
                                 + (ignoreMerges ? "applies the merges" : "ignores them for whole-word tokens")
                                 + ": a few words may tokenize differently");
    }

    readTokens(doc, model, file, config, v);
    readMerges(model, file, mt.tokenizer, v);
    const std::string unkToken = model.contains("unk_token") && model["unk_token"].is_string()
                                     ? model["unk_token"].get<std::string>() : std::string();
    readSpecialIds(dir, file, configFile, mt, config, unkToken, v);
    readChatTemplates(dir, v);
    return v;
}

void addVocabKeys(Writer &w, const GgufVocab &v)
{
    w.addString("tokenizer.ggml.model", v.model);
    if (!v.pre.empty())
        w.addString("tokenizer.ggml.pre", v.pre);
    w.addStringArray("tokenizer.ggml.tokens", v.tokens);
    if (!v.scores.empty())
        w.addF32Array("tokenizer.ggml.scores", v.scores);
    w.addI32Array("tokenizer.ggml.token_type", v.types);
    if (v.model == "gpt2")
        w.addStringArray("tokenizer.ggml.merges", v.merges);
    const std::pair<const char *, std::int64_t> ids[] = {{"tokenizer.ggml.bos_token_id", v.bos},
                                                         {"tokenizer.ggml.eos_token_id", v.eos},
                                                         {"tokenizer.ggml.unknown_token_id", v.unk},
                                                         {"tokenizer.ggml.padding_token_id", v.pad},
                                                         {"tokenizer.ggml.eot_token_id", v.eot},
                                                         {"tokenizer.ggml.eom_token_id", v.eom}};
    for (const auto &[key, id] : ids)
        if (id >= 0)
            w.addU32(key, std::uint32_t(id));
    w.addBool("tokenizer.ggml.add_bos_token", v.addBos);
    w.addBool("tokenizer.ggml.add_eos_token", v.addEos);
    if (v.addSpacePrefix)
        w.addBool("tokenizer.ggml.add_space_prefix", *v.addSpacePrefix);
    if (v.chatTemplate && !v.chatTemplate->empty())
        w.addString("tokenizer.chat_template", *v.chatTemplate);
    std::vector<std::string> names;
    for (const auto &[name, text] : v.namedTemplates) {
        w.addString("tokenizer.chat_template." + name, text);
        names.push_back(name);
    }
    if (!names.empty())
        w.addStringArray("tokenizer.chat_templates", names);
}

} // namespace sft::gguf
