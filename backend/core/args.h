#pragma once
// A small command-line parser for sftbench-cli subcommands: `--name value`,
// `--name=value` and boolean `--flag`s. Unknown options and missing values are
// errors (sft::Error), so scripts fail loudly instead of running with defaults.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sft {

/** Parses the arguments of one subcommand. Declare options, then parse(). */
class ArgParser
{
public:
    explicit ArgParser(std::string command) : m_command(std::move(command)) {}

    /** An option that takes a value. */
    ArgParser &option(const std::string &name, const std::string &help, std::string defaultValue = {});
    /** An option that takes no value. */
    ArgParser &flag(const std::string &name, const std::string &help);
    /** Throws sft::Error on unknown options or a missing value; "--help" sets helpRequested(). */
    void parse(const std::vector<std::string> &args);

    bool helpRequested() const { return m_help; }
    const std::string &command() const { return m_command; } ///< the subcommand's name, which prefixes errors
    std::string usage() const;

    bool has(const std::string &name) const;
    std::string value(const std::string &name) const;      ///< the value or the default
    std::string required(const std::string &name) const;   ///< throws when absent
    bool isSet(const std::string &name) const;             ///< for flags
    double number(const std::string &name) const;          ///< throws when not a number
    long long integer(const std::string &name) const;      ///< throws when not an integer
    const std::vector<std::string> &positional() const { return m_positional; }

private:
    struct Spec { std::string help; std::string defaultValue; bool takesValue; };
    std::string m_command;
    std::map<std::string, Spec> m_specs;
    std::vector<std::string> m_order;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
    bool m_help = false;
};

} // namespace sft
