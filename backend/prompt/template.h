#pragma once
// Prompt templates for prompt learning (LLM-TAP, "prompt learning"): text with
// an input slot [X], an answer slot [Z] and named slots for extra fields
// ([premise], [question], ...), e.g. "[X] 我感到 [Z]" or
// "[X] Overall, it was [Z].". f_fill(x, z) renders it; for answer search the
// text before [Z] (shared by every candidate z) and after it are kept apart so
// the shared part is computed once.
//
// Syntax: a slot is [NAME] with NAME matching [A-Za-z_][A-Za-z0-9_]*; X and Z
// are the input and answer slots. "[[" and "]]" are literal brackets; any
// other bracketed text is literal too.

#include <map>
#include <string>
#include <vector>

namespace sft::prompt {

/** A parsed template: literal text and slots, in order. */
class Template
{
public:
    struct Part
    {
        bool slot = false;
        std::string text;  ///< literal text, or the slot name
    };

    /** Throws sft::Error (with the 1-based column) when [Z] appears more than once. */
    static Template parse(const std::string &source);

    const std::string &source() const { return m_source; }
    const std::vector<Part> &parts() const { return m_parts; }
    bool hasAnswerSlot() const;
    bool hasInputSlot() const;
    /** Named slots other than X and Z, in order of first use. */
    std::vector<std::string> fieldSlots() const;

    /** The three pieces of f_fill(x, z): before [Z], the answer, after [Z]. */
    struct Filled
    {
        std::string prefix;
        std::string answer;
        std::string suffix;
        std::string text() const { return prefix + answer + suffix; }
    };

    /**
     * Fills [X] with input, [Z] with answer and named slots from fields.
     * Throws sft::Error naming the slot when a field is missing.
     */
    Filled fill(const std::string &input, const std::string &answer,
                const std::map<std::string, std::string> &fields = {}) const;

private:
    std::string m_source;
    std::vector<Part> m_parts;
};

} // namespace sft::prompt
