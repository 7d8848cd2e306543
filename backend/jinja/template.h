#pragma once
// A Jinja2 interpreter for the language chat templates are written in: the
// subset transformers' chat templates use, rendering as transformers'
// apply_chat_template does (jinja2 with trim_blocks and lstrip_blocks, the
// loop controls and tojson / raise_exception / strftime_now it adds).
// Parse once, render many times; a parsed template is immutable and renders
// from any number of threads.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace sft::jinja {

namespace detail { struct Program; }

/**
 * Bounds on one render, so an untrusted template (it comes from a
 * downloaded model folder) fails with an error instead of hanging,
 * overflowing the stack or filling memory.
 */
struct RenderLimits
{
    std::uint64_t maxSteps = 10'000'000;            ///< statements, expressions, loop iterations, elements touched
    int maxDepth = 400;                             ///< nested expressions, blocks and calls while rendering
    std::size_t maxOutputBytes = 32u << 20;         ///< the output and any one string built on the way
};

/**
 * A parsed template. Values passed in are JSON (nlohmann::json): objects,
 * arrays, strings, numbers, booleans and null; a name that is not given is
 * Jinja's undefined (falsy, "" when printed, an error when called).
 */
class Template
{
public:
    using Limits = RenderLimits;

    /**
     * Parse source; throws sft::Error naming sourceName, the line and column of
     * the problem (an unknown tag, an unclosed block, a syntax error).
     */
    static Template parse(const std::string &source, const std::string &sourceName = "chat_template");

    /**
     * Render with the given variables. Throws sft::Error with the template's
     * message for raise_exception(...) (e.g. "Conversation roles must alternate
     * user/assistant/user/assistant/..."), and with line and column for an
     * evaluation error (calling an undefined function, a type error).
     */
    std::string render(const nlohmann::json &variables) const;
    std::string render(const nlohmann::json &variables, const Limits &limits) const;
    /** The same with the variables' key order kept (dict iteration and tojson follow it, as in Python). */
    std::string renderOrdered(const nlohmann::ordered_json &variables, const Limits &limits = Limits()) const;

    const std::string &name() const;

private:
    std::shared_ptr<const detail::Program> m_program;
};

} // namespace sft::jinja
