#pragma once
// Reading what a model wrote back in the Self-Instruct loop. Models continue a
// numbered list, answer yes/no, or write instances under labels; they also
// stop mid-item, renumber, switch to full-width digits or Chinese labels, and
// run on past what was asked. These parsers take what is usable and say what
// they dropped, never throw on model output, and never read past the text.

#include <string>
#include <string_view>
#include <vector>

namespace sft::selfinstruct {

/** One instance of a task. */
struct Instance
{
    std::string input;   ///< empty when the task needs none
    std::string output;
};

/** Result of parsing a list continuation. */
struct ParsedList
{
    std::vector<std::string> items;   ///< trimmed, non-empty, in order
    int droppedCutOff = 0;            ///< last item dropped because generation hit its length limit
    int droppedMalformed = 0;         ///< pieces that were not a numbered item
};

/**
 * Instructions from the continuation of a prompt that ended with "firstNumber. "
 * or its label (the first item is the text before the next number). Accepts
 * "N.", "N)", "N、", "N:", full-width digits, "Task N:" / "任务N：" labels and
 * blank-line separation; stops at a number that does not follow on, and drops
 * the last item when cutOff (finish_reason "length").
 */
ParsedList parseNumberedInstructions(std::string_view text, int firstNumber, bool cutOff);

/**
 * Instructions from a chat model's reply to "write N new tasks as a numbered
 * list": the reply is not a continuation, so lines before the list ("Here are
 * some new tasks:", a heading) are skipped; the list may start at firstNumber
 * or restart at 1, and what follows it (a blank line and chatter) is dropped.
 * Otherwise as parseNumberedInstructions().
 */
ParsedList parseChatInstructions(std::string_view text, int firstNumber, bool cutOff);

/** Is the answer of the classification prompt a yes? ("Yes", "yes.", "是", "是的"); false for anything else. */
bool parseIsClassification(std::string_view answer);

/**
 * Instances of an input-first continuation: "Input: ... Output: ..." pairs
 * (also "Example 1", "输入：/输出："), an input of "<noinput>", "None" or "无"
 * meaning none; a pair without an output is dropped, as is a cut-off last one.
 */
std::vector<Instance> parseInputFirstInstances(std::string_view text, bool cutOff);

/**
 * Instances of an output-first continuation: "Class label: X" then "Input: ..."
 * (also "类别：/输入："). A label with no input after it (or only a "none"
 * marker) is kept as a label-only instance {"", X}, as the paper does.
 */
std::vector<Instance> parseOutputFirstInstances(std::string_view text, bool cutOff);

/** A complete task of the Alpaca-style batch mode. */
struct BatchTask
{
    std::string instruction;
    Instance instance;
};
/** Tasks of a batch continuation: numbered blocks of Instruction / Input / Output (also 指令/输入/输出). */
std::vector<BatchTask> parseBatchTasks(std::string_view text, int firstNumber, bool cutOff);

} // namespace sft::selfinstruct
