// The rule catalogue, rule-set JSON and the compiled RecordFilter.

#include "rouge/filters.h"

#include "core/error.h"
#include "rouge/filter_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace sft::rouge {

using nlohmann::json;

namespace {

json englishBlacklist()
{
    // Self-Instruct / Alpaca generate_instruction.py.
    return json::array({"image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps",
                        "draw", "plot", "go to", "video", "audio", "music", "flowchart", "diagram"});
}

json chineseBlacklist()
{
    // BELLE data/1.5M/generate_instruction.py.
    return json::array({"图像", "图片", "照片", "文件", "图表", "图层", "曲线图", "折线图", "直线图", "柱形图",
                        "饼状图", "链接", "http", "OpenAI", "chatgpt", "gpt-3", "gpt-3.5", "gpt-4"});
}

std::vector<FilterRuleInfo> makeCatalog()
{
    return {
        {"empty_output", "Empty output",
         "The field is empty or only whitespace.", json{{"field", "output"}}},
        {"length", "Instruction length",
         "Word count (Python str.split) outside [min_words, max_words]; text with CJK characters counts "
         "characters against [min_chars, max_chars] instead (unit: auto, words or chars). "
         "Self-Instruct/Alpaca keep 4..150 words; BELLE drops <= 3 characters.",
         json{{"field", "instruction"}, {"unit", "auto"}, {"min_words", 4}, {"max_words", 150},
              {"min_chars", 4}, {"max_chars", 150}}},
        {"blacklist_en", "Keyword blacklist (Self-Instruct/Alpaca)",
         "Contains one of the words (whole words, ignoring case), as Alpaca's find_word_in_string.",
         json{{"field", "instruction"}, {"words", englishBlacklist()}, {"whole_word", true}, {"ignore_case", true}}},
        {"blacklist_zh", "Keyword blacklist (BELLE, Chinese)",
         "Contains one of the strings (plain substring, case-sensitive), as BELLE's generator.",
         json{{"field", "instruction"}, {"words", chineseBlacklist()}, {"whole_word", false}, {"ignore_case", false}}},
        {"write_program", "Asks to write a program",
         "Starts with one of the prefixes (case-sensitive), as Alpaca's \"Write a program\" rule.",
         json{{"field", "instruction"}, {"prefixes", json::array({"Write a program"})}}},
        {"punctuation_start", "Starts with punctuation",
         "First character (after leading whitespace) is in Python's string.punctuation; with non_ascii "
         "also when it is not ASCII (Self-Instruct/Alpaca, drops all Chinese text).",
         json{{"field", "instruction"}, {"non_ascii", false}}},
        {"input_equals_output", "Output repeats the input",
         "A non-empty input equal to the output (after trimming whitespace when trim).",
         json{{"trim", true}, {"ignore_case", false}}},
        {"repetition", "Heavy repetition",
         "Share of repeated n-grams (cjk tokenizer) above max_share, for texts with at least min_ngrams n-grams.",
         json{{"field", "output"}, {"n", 3}, {"max_share", 0.5}, {"min_ngrams", 10}}},
    };
}

const FilterRuleInfo *findInfo(const std::string &id)
{
    for (const FilterRuleInfo &info : filterRuleCatalog())
        if (info.id == id)
            return &info;
    return nullptr;
}

Error ruleError(const std::string &id, const std::string &what)
{
    return Error("filter rule \"" + id + "\": " + what);
}

/** Merge user params into defaults, checking names and JSON types. */
json mergeParams(const FilterRuleInfo &info, const json &user)
{
    if (!user.is_object())
        throw ruleError(info.id, "params must be a JSON object");
    json merged = info.defaults;
    for (auto it = user.begin(); it != user.end(); ++it) {
        if (!info.defaults.contains(it.key()))
            throw ruleError(info.id, "unknown parameter \"" + it.key() + "\"");
        const json &def = info.defaults[it.key()];
        const json &val = it.value();
        const bool ok = (def.is_number() && val.is_number()) || (def.is_boolean() && val.is_boolean())
            || (def.is_string() && val.is_string())
            || (def.is_array() && val.is_array()
                && std::all_of(val.begin(), val.end(), [](const json &x) { return x.is_string(); }));
        if (!ok)
            throw ruleError(info.id, "parameter \"" + it.key() + "\" must be a " + std::string(def.type_name())
                                         + (def.is_array() ? " of strings" : ""));
        merged[it.key()] = val;
    }
    return merged;
}

std::string_view fieldOf(const FilterText &r, const std::string &field)
{
    if (field == "instruction")
        return r.instruction;
    if (field == "input")
        return r.input;
    return r.output;
}

void checkField(const std::string &id, const json &params)
{
    const std::string f = params.value("field", "instruction");
    if (f != "instruction" && f != "input" && f != "output")
        throw ruleError(id, "field must be instruction, input or output, not \"" + f + "\"");
}

std::string_view trimmed(std::string_view s)
{
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string lowerAscii(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string percent(double share)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100.0);
    return buf;
}

std::int64_t nonNegative(const std::string &id, const json &params, const char *key)
{
    const json &v = params.at(key);
    if (!v.is_number_integer() && !(v.is_number() && std::floor(v.get<double>()) == v.get<double>()))
        throw ruleError(id, std::string("parameter \"") + key + "\" must be an integer");
    const auto n = v.get<std::int64_t>();
    if (n < 0)
        throw ruleError(id, std::string("parameter \"") + key + "\" must be >= 0");
    return n;
}

} // namespace

// A failed check: the reason in English and its parameters, from which the GUI
// renders the reason in the interface language (keys per rule, see FilterVerdict).
struct Failure
{
    std::string reason;
    json args = json::object();
    bool failed() const { return !reason.empty(); }
};
using RuleFn = std::function<Failure(const FilterText &)>;

struct RecordFilter::Compiled
{
    std::string id;
    RuleFn fn;
};

const std::vector<FilterRuleInfo> &filterRuleCatalog()
{
    static const std::vector<FilterRuleInfo> catalog = makeCatalog();
    return catalog;
}

std::vector<FilterRule> defaultFilterRules()
{
    std::vector<FilterRule> out;
    for (const FilterRuleInfo &info : filterRuleCatalog())
        out.push_back(FilterRule{info.id, info.enabledByDefault, info.defaults});
    return out;
}

std::vector<FilterRule> filterRulesFromJson(const json &j)
{
    std::vector<FilterRule> rules = defaultFilterRules();
    auto apply = [&rules](const std::string &id, const json *enabled, const json *params) {
        const FilterRuleInfo *info = findInfo(id);
        if (!info)
            throw Error("unknown filter rule \"" + id + "\"");
        for (FilterRule &r : rules) {
            if (r.id != id)
                continue;
            if (enabled) {
                if (!enabled->is_boolean())
                    throw ruleError(id, "\"enabled\" must be true or false");
                r.enabled = enabled->get<bool>();
            }
            if (params)
                r.params = mergeParams(*info, *params);
        }
    };
    if (j.is_array()) {
        // Array form also sets the order: listed rules first, in the given order.
        std::vector<FilterRule> ordered;
        for (const json &item : j) {
            if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
                throw Error("filter rules: each array item needs a string \"id\"");
            for (auto it = item.begin(); it != item.end(); ++it)
                if (it.key() != "id" && it.key() != "enabled" && it.key() != "params")
                    throw Error("filter rules: unknown key \"" + it.key() + "\" in rule \""
                                + item["id"].get<std::string>() + "\"");
            const std::string id = item["id"].get<std::string>();
            apply(id, item.contains("enabled") ? &item["enabled"] : nullptr,
                  item.contains("params") ? &item["params"] : nullptr);
            for (const FilterRule &r : rules)
                if (r.id == id && std::none_of(ordered.begin(), ordered.end(), [&](const FilterRule &o) { return o.id == id; }))
                    ordered.push_back(r);
        }
        for (const FilterRule &r : rules)
            if (std::none_of(ordered.begin(), ordered.end(), [&](const FilterRule &o) { return o.id == r.id; }))
                ordered.push_back(r);
        return ordered;
    }
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.value().is_boolean()) {
                apply(it.key(), &it.value(), nullptr);
            } else {
                const json enabled = true;
                apply(it.key(), &enabled, &it.value());
            }
        }
        return rules;
    }
    throw Error("filter rules must be a JSON array or object");
}

json filterRulesToJson(const std::vector<FilterRule> &rules)
{
    json out = json::array();
    for (const FilterRule &r : rules)
        out.push_back(json{{"id", r.id}, {"enabled", r.enabled}, {"params", r.params}});
    return out;
}

namespace {

RuleFn compileRule(const FilterRule &rule)
{
    const std::string &id = rule.id;
    const FilterRuleInfo *info = findInfo(id);
    if (!info)
        throw Error("unknown filter rule \"" + id + "\"");
    const json p = mergeParams(*info, rule.params);
    if (p.contains("field"))
        checkField(id, p);
    const std::string field = p.value("field", "");

    if (id == "empty_output") {
        return [field](const FilterText &r) -> Failure {
            if (!trimmed(fieldOf(r, field)).empty())
                return {};
            return {field + " is empty", json{{"field", field}}};
        };
    }
    if (id == "length") {
        const std::string unit = p["unit"].get<std::string>();
        if (unit != "auto" && unit != "words" && unit != "chars")
            throw ruleError(id, "unit must be auto, words or chars");
        const auto minW = nonNegative(id, p, "min_words"), maxW = nonNegative(id, p, "max_words");
        const auto minC = nonNegative(id, p, "min_chars"), maxC = nonNegative(id, p, "max_chars");
        return [=](const FilterText &r) -> Failure {
            const std::string_view text = fieldOf(r, field);
            const bool chars = unit == "chars" || (unit == "auto" && rules::hasCjk(text));
            const auto count = std::int64_t(chars ? rules::charCount(text) : rules::wordCount(text));
            const auto lo = chars ? minC : minW, hi = chars ? maxC : maxW;
            const std::string what = chars ? " characters" : " words";
            if (count >= lo && count <= hi)
                return {};
            const bool tooShort = count < lo;
            const auto limit = tooShort ? lo : hi;
            return {field + " has " + std::to_string(count) + what + (tooShort ? " (minimum " : " (maximum ")
                        + std::to_string(limit) + ")",
                    json{{"field", field}, {"count", count}, {"unit", chars ? "chars" : "words"},
                         {"bound", tooShort ? "min" : "max"}, {"limit", limit}}};
        };
    }
    if (id == "blacklist_en" || id == "blacklist_zh") {
        const auto words = p["words"].get<std::vector<std::string>>();
        const bool whole = p["whole_word"].get<bool>(), ignoreCase = p["ignore_case"].get<bool>();
        return [=](const FilterText &r) -> Failure {
            const std::string_view text = fieldOf(r, field);
            for (const std::string &w : words)
                if (rules::findKeyword(text, w, whole, ignoreCase) != std::string_view::npos)
                    return {field + " contains blacklisted keyword \"" + w + "\"", json{{"field", field}, {"keyword", w}}};
            return {};
        };
    }
    if (id == "write_program") {
        const auto prefixes = p["prefixes"].get<std::vector<std::string>>();
        return [=](const FilterText &r) -> Failure {
            const std::string_view text = fieldOf(r, field);
            for (const std::string &pre : prefixes)
                if (!pre.empty() && text.substr(0, pre.size()) == pre)
                    return {field + " starts with \"" + pre + "\"", json{{"field", field}, {"prefix", pre}}};
            return {};
        };
    }
    if (id == "punctuation_start") {
        const bool nonAscii = p["non_ascii"].get<bool>();
        return [=](const FilterText &r) -> Failure {
            const std::string_view text = trimmed(fieldOf(r, field));
            if (text.empty())
                return {};
            if (rules::isAsciiPunctuation(text[0]))
                return {field + " starts with punctuation '" + std::string(1, text[0]) + "'",
                        json{{"field", field}, {"char", std::string(1, text[0])}}};
            if (nonAscii && static_cast<unsigned char>(text[0]) >= 0x80)
                return {field + " starts with a non-ASCII character", json{{"field", field}, {"non_ascii", true}}};
            return {};
        };
    }
    if (id == "input_equals_output") {
        const bool trim = p["trim"].get<bool>(), ignoreCase = p["ignore_case"].get<bool>();
        return [=](const FilterText &r) -> Failure {
            std::string_view in = trim ? trimmed(r.input) : r.input;
            std::string_view out = trim ? trimmed(r.output) : r.output;
            if (in.empty())
                return {};
            const bool same = ignoreCase ? lowerAscii(in) == lowerAscii(out) : in == out;
            return same ? Failure{"output repeats the input"} : Failure{};
        };
    }
    if (id == "repetition") {
        const auto n = nonNegative(id, p, "n");
        const auto minNgrams = nonNegative(id, p, "min_ngrams");
        const double maxShare = p["max_share"].get<double>();
        if (n < 1 || n > 32)
            throw ruleError(id, "n must be between 1 and 32");
        if (!(maxShare >= 0 && maxShare <= 1))
            throw ruleError(id, "max_share must be between 0 and 1");
        return [=](const FilterText &r) -> Failure {
            std::size_t total = 0;
            const double share = rules::repeatedNgramShare(fieldOf(r, field), std::size_t(n), total);
            if (std::int64_t(total) >= minNgrams && share > maxShare)
                return {field + ": " + percent(share) + " of " + std::to_string(n) + "-grams are repeats (maximum "
                            + percent(maxShare) + ")",
                        json{{"field", field}, {"share", share}, {"n", n}, {"max_share", maxShare}}};
            return {};
        };
    }
    throw ruleError(id, "no implementation");
}

} // namespace

RecordFilter::RecordFilter(std::vector<FilterRule> rules) : m_rules(std::move(rules))
{
    for (const FilterRule &r : m_rules)
        if (r.enabled)
            m_compiled.push_back(Compiled{r.id, compileRule(r)});
}

RecordFilter::~RecordFilter() = default;
RecordFilter::RecordFilter(RecordFilter &&) noexcept = default;
RecordFilter &RecordFilter::operator=(RecordFilter &&) noexcept = default;

FilterVerdict RecordFilter::check(const FilterText &record) const
{
    FilterVerdict v;
    for (const Compiled &c : m_compiled) {
        Failure f = c.fn(record);
        if (f.failed()) {
            v.rejected = true;
            v.rule = c.id;
            v.reason = std::move(f.reason);
            v.args = std::move(f.args);
            break;
        }
    }
    return v;
}

FilterVerdict RecordFilter::check(const std::vector<FilterTurn> &turns) const
{
    FilterVerdict v;
    for (const Compiled &c : m_compiled) {
        for (const FilterTurn &t : turns) {
            Failure f = c.fn(t.text);
            if (!f.failed())
                continue;
            v.rejected = true;
            v.rule = c.id;
            v.turn = t.number;
            v.args = std::move(f.args);
            if (t.number > 0) {
                v.reason = "turn " + std::to_string(t.number) + ": " + f.reason;
                v.args["turn"] = t.number;
            } else {
                v.reason = std::move(f.reason);
            }
            return v;
        }
    }
    return v;
}

namespace {

template<typename Item, typename CheckFn>
std::vector<FilterVerdict> checkEach(const std::vector<Item> &records, const ProgressFn &progress, CheckFn check)
{
    std::vector<FilterVerdict> out;
    out.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i % 1024 == 0)
            reportProgress(progress, std::int64_t(i), std::int64_t(records.size()));
        out.push_back(check(records[i]));
    }
    reportProgress(progress, std::int64_t(records.size()), std::int64_t(records.size()));
    return out;
}

} // namespace

std::vector<FilterVerdict> RecordFilter::checkAll(const std::vector<FilterText> &records,
                                                  const ProgressFn &progress) const
{
    return checkEach(records, progress, [this](const FilterText &r) { return check(r); });
}

std::vector<FilterVerdict> RecordFilter::checkAll(const std::vector<std::vector<FilterTurn>> &records,
                                                  const ProgressFn &progress) const
{
    return checkEach(records, progress, [this](const std::vector<FilterTurn> &r) { return check(r); });
}

std::vector<FilterTurn> conversationTurns(const std::vector<ChatMessage> &messages)
{
    // Replies before the first user message belong to turn 1, checked with its user message.
    std::string_view firstUser;
    for (const ChatMessage &m : messages)
        if (m.role == "user") {
            firstUser = m.content;
            break;
        }
    std::vector<FilterTurn> out;
    int number = 0;
    std::string_view user = firstUser;
    bool awaitingReply = false;
    for (const ChatMessage &m : messages) {
        if (m.role == "user") {
            user = m.content;
            out.push_back(FilterTurn{++number, FilterText{user, {}, {}}});
            awaitingReply = true;
        } else if (m.role == "assistant") {
            if (awaitingReply) {
                out.back().text.output = m.content;
                awaitingReply = false;
            } else {
                out.push_back(FilterTurn{std::max(number, 1), FilterText{user, {}, m.content}});
            }
        }
    }
    return out;
}

std::vector<FilterTurn> recordTurns(const Record &r)
{
    if (!r.turns.empty())
        return conversationTurns(r.turns);
    return {FilterTurn{0, FilterText{r.instruction, r.input, r.output}}};
}

} // namespace sft::rouge
