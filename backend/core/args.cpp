#include "core/args.h"

#include "core/error.h"

#include <cstdlib>

namespace sft {

ArgParser &ArgParser::option(const std::string &name, const std::string &help, std::string defaultValue)
{
    m_specs[name] = Spec{help, std::move(defaultValue), true};
    m_order.push_back(name);
    return *this;
}

ArgParser &ArgParser::flag(const std::string &name, const std::string &help)
{
    m_specs[name] = Spec{help, {}, false};
    m_order.push_back(name);
    return *this;
}

void ArgParser::parse(const std::vector<std::string> &args)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--help" || a == "-h") {
            m_help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0 || a.size() == 2) {
            m_positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        const auto it = m_specs.find(name);
        if (it == m_specs.end())
            throw Error(m_command + ": unknown option --" + name + " (see --help)");
        if (!it->second.takesValue) {
            if (inlineValue)
                throw Error(m_command + ": option --" + name + " takes no value");
            m_flags.insert(name);
            continue;
        }
        if (inlineValue) {
            m_values[name] = *inlineValue;
        } else {
            if (i + 1 >= args.size())
                throw Error(m_command + ": option --" + name + " needs a value");
            m_values[name] = args[++i];
        }
    }
}

std::string ArgParser::usage() const
{
    std::string s = "usage: sftbench-cli " + m_command + " [options]\n";
    for (const auto &name : m_order) {
        const Spec &spec = m_specs.at(name);
        std::string left = "  --" + name + (spec.takesValue ? " VALUE" : "");
        if (left.size() < 28)
            left.resize(28, ' ');
        s += left + ' ' + spec.help;
        if (!spec.defaultValue.empty())
            s += " (default " + spec.defaultValue + ')';
        s += '\n';
    }
    return s;
}

bool ArgParser::has(const std::string &name) const { return m_values.count(name) > 0; }

std::string ArgParser::value(const std::string &name) const
{
    if (const auto it = m_values.find(name); it != m_values.end())
        return it->second;
    if (const auto it = m_specs.find(name); it != m_specs.end())
        return it->second.defaultValue;
    return {};
}

std::string ArgParser::required(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw Error(m_command + ": missing required option --" + name);
    return it->second;
}

bool ArgParser::isSet(const std::string &name) const { return m_flags.count(name) > 0; }

double ArgParser::number(const std::string &name) const
{
    const std::string v = value(name);
    char *end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size())
        throw Error(m_command + ": --" + name + " expects a number, got \"" + v + '"');
    return d;
}

long long ArgParser::integer(const std::string &name) const
{
    const std::string v = value(name);
    char *end = nullptr;
    const long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || end != v.c_str() + v.size())
        throw Error(m_command + ": --" + name + " expects an integer, got \"" + v + '"');
    return n;
}

} // namespace sft
