#pragma once
// Heuristic quality filters for instruction data, the rules the
// Self-Instruct, Alpaca and BELLE generation pipelines apply (see
// filter_rules.h for each rule and its parameters). A rule set is a list of
// {id, enabled, params}; a record is checked against the enabled rules in
// list order and the first that fails gives the verdict with a readable
// reason, which the workspace stores as the record's rejection reason.
//
// JSON form of a rule set (what `sftbench-cli filter --rules` reads and the
// GUI saves):
//   [{"id": "length", "enabled": true, "params": {"max_words": 120}}, ...]
// or the short object form {"length": {"max_words": 120}, "repetition": false};
// rules not named keep their defaults, parameters not named keep theirs.
//
// A conversation is checked turn by turn: the rules that look at the
// instruction (or input) check every user message, those that look at the
// output every assistant reply, and the record fails when any turn fails,
// with a reason that names the turn ("turn 3: output has 2 words ...").

#include "core/chat_message.h"
#include "core/progress.h"
#include "data/record.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sft::rouge {

/** A rule the filter knows: its id, name for the UI, what it does and its default parameters. */
struct FilterRuleInfo
{
    std::string id;
    std::string displayName;
    std::string description;
    nlohmann::json defaults;   ///< object of parameter -> default value
    bool enabledByDefault = true;
};

/** Every rule, in the default order. */
const std::vector<FilterRuleInfo> &filterRuleCatalog();

/** One configured rule. params holds every parameter (defaults filled in). */
struct FilterRule
{
    std::string id;
    bool enabled = true;
    nlohmann::json params = nlohmann::json::object();
};

/** The catalogue's rules with their defaults. */
std::vector<FilterRule> defaultFilterRules();

/**
 * Reads a rule set (array or object form, see above) on top of the defaults.
 * Throws sft::Error naming the rule and parameter on unknown ids, unknown
 * parameters or values of the wrong type.
 */
std::vector<FilterRule> filterRulesFromJson(const nlohmann::json &json);
/** The array form, every parameter written out. */
nlohmann::json filterRulesToJson(const std::vector<FilterRule> &rules);

/** The fields a rule may look at. */
struct FilterText
{
    std::string_view instruction;
    std::string_view input;
    std::string_view output;
};

/**
 * One turn of a record as the rules see it. A single-turn record is one
 * FilterTurn numbered 0 (its own instruction, input and output). A
 * conversation has one per user message, numbered from 1: the user message
 * as instruction, input empty, the assistant's reply as output ("" when it
 * has none); a further assistant message in a row (or one before the first
 * user message) is a FilterTurn of its own with the same number and user
 * message, so every reply is checked.
 */
struct FilterTurn
{
    int number = 0;
    FilterText text;
};

/** A conversation's user / assistant messages as FilterTurns (views into messages: keep them alive). */
std::vector<FilterTurn> conversationTurns(const std::vector<ChatMessage> &messages);

/** What the rules check of a record: a conversation's turns, or a single-turn record as turn 0 (views into r). */
std::vector<FilterTurn> recordTurns(const Record &r);

struct FilterVerdict
{
    bool rejected = false;
    std::string rule;     ///< id of the first failing rule
    std::string reason;   ///< e.g. "instruction has 3 words (minimum 4)", "turn 3: output is empty"
    int turn = 0;         ///< the failing turn of a conversation (from 1); 0 for a single-turn record
    /**
     * The reason's parameters, so it can be shown in another language:
     * empty_output {field}; length {field, count, unit: words|chars, bound: min|max, limit};
     * blacklist_* {field, keyword}; write_program {field, prefix};
     * punctuation_start {field, char} or {field, non_ascii: true}; input_equals_output {};
     * repetition {field, share, n, max_share} (shares 0..1). A conversation's verdict adds
     * {turn} (from 1); its field is then instruction for the user message, output for the reply.
     */
    nlohmann::json args = nlohmann::json::object();
};

/** A validated, ready-to-run rule set. Thread-safe for concurrent check() calls. */
class RecordFilter
{
public:
    /** Throws sft::Error when a rule's parameters are invalid. */
    explicit RecordFilter(std::vector<FilterRule> rules = defaultFilterRules());
    ~RecordFilter();
    RecordFilter(RecordFilter &&) noexcept;
    RecordFilter &operator=(RecordFilter &&) noexcept;

    const std::vector<FilterRule> &rules() const { return m_rules; }

    FilterVerdict check(const FilterText &record) const;
    /**
     * A record given as its turns (see FilterTurn): the enabled rules in list
     * order, each over every turn in order; the first failure gives the
     * verdict, its reason prefixed with "turn N: " when the turn's number is
     * not 0. No turns: not rejected.
     */
    FilterVerdict check(const std::vector<FilterTurn> &turns) const;
    /** check() for every record; progress may cancel (sft::Cancelled). */
    std::vector<FilterVerdict> checkAll(const std::vector<FilterText> &records, const ProgressFn &progress = {}) const;
    std::vector<FilterVerdict> checkAll(const std::vector<std::vector<FilterTurn>> &records,
                                        const ProgressFn &progress = {}) const;

private:
    struct Compiled;
    std::vector<FilterRule> m_rules;
    std::vector<Compiled> m_compiled;
};

} // namespace sft::rouge
