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

#include "core/progress.h"

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

struct FilterVerdict
{
    bool rejected = false;
    std::string rule;     ///< id of the first failing rule
    std::string reason;   ///< e.g. "instruction has 3 words (minimum 4)"
    /**
     * The reason's parameters, so it can be shown in another language:
     * empty_output {field}; length {field, count, unit: words|chars, bound: min|max, limit};
     * blacklist_* {field, keyword}; write_program {field, prefix};
     * punctuation_start {field, char} or {field, non_ascii: true}; input_equals_output {};
     * repetition {field, share, n, max_share} (shares 0..1).
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
    /** check() for every record; progress may cancel (sft::Cancelled). */
    std::vector<FilterVerdict> checkAll(const std::vector<FilterText> &records, const ProgressFn &progress = {}) const;

private:
    struct Compiled;
    std::vector<FilterRule> m_rules;
    std::vector<Compiled> m_compiled;
};

} // namespace sft::rouge
