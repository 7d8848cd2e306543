#pragma once
// The prompts of the Self-Instruct loop, written for this project in the
// structure of the paper (Wang et al. 2022), in English and Chinese:
//  - instructions: a header, 8 numbered instructions and the open next number
//    ("9."), which the model continues as a list;
//  - instructions_chat: the same request for a chat model, which answers
//    rather than continues: the 8 instructions and "write N new tasks as a
//    numbered list" (parseChatInstructions reads the answer);
//  - classify: few-shot "Task / Is it classification? Yes|No" examples built
//    from the seeds' own is_classification flags, then the new task;
//  - input_first: tasks with their instances (Example N / Input / Output),
//    then the new task (non-classification tasks);
//  - output_first: tasks with "Class label / Input" pairs, then the new task
//    (classification tasks, so the labels stay balanced);
//  - batch: the Alpaca-style mode, a request for a batch of complete tasks
//    (Task N / Instruction / Input / Output).
// The templates are editable strings with named placeholders ({instructions},
// {next}, {examples}, {task}, {count}); the labels inside the examples are
// fixed per language because the parsers (parse.h) read them back.

#include "selfinstruct/parse.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sft::selfinstruct {

/** The editable templates of one run. */
struct PromptSet
{
    std::string language = "en";   ///< "en" | "zh": picks the fixed labels
    std::string instructions;      ///< {instructions} {next}
    std::string instructionsChat;  ///< {instructions} {count} {next}: the chat API's request for new instructions
    std::string classify;          ///< {examples} {task}
    std::string inputFirst;        ///< {examples} {task}
    std::string outputFirst;       ///< {examples} {task}
    std::string batch;             ///< {examples} {count} {next}
};

/** The fixed labels of a language (what the parsers accept). */
struct PromptLabels
{
    std::string task;         ///< "Task:" before an instruction in the few-shot examples
    std::string question;     ///< "Is it classification?"
    std::string yes, no;
    std::string example;      ///< "Example" (followed by " N")
    std::string input;        ///< "Input:"
    std::string output;       ///< "Output:"
    std::string classLabel;   ///< "Class label:"
    std::string noInput;      ///< "<noinput>"
    std::string batchTask;    ///< "Task" (followed by " N")
    std::string instruction;  ///< "Instruction:"
    std::string space;        ///< what follows a colon label: " " (English) or "" (full-width colon)
};

/** The built-in set of a language ("en" or "zh"); throws sft::Error on others. */
PromptSet defaultPrompts(const std::string &language);
const PromptLabels &promptLabels(const std::string &language);

/** The template names in their JSON order, with the placeholders each must contain. */
struct TemplateSpec
{
    const char *name;
    std::vector<const char *> placeholders;
};
const std::vector<TemplateSpec> &templateSpecs();

/**
 * Reads templates from JSON ({"instructions": "...", ...}) on top of the
 * language's built-in set. Throws sft::Error naming the template when one is
 * not a string, misses a placeholder or has an unknown one, or when a key is
 * not a template name.
 */
PromptSet promptsFromJson(const nlohmann::json &json, const std::string &language);
nlohmann::json promptsToJson(const PromptSet &prompts);
/** Checks every template of a set (as promptsFromJson does). */
void validatePrompts(const PromptSet &prompts);

/** A seed or kept task shown to the model as an example. */
struct ExampleTask
{
    std::string instruction;
    std::vector<Instance> instances;
    bool isClassification = false;
};

/** The prompt builders (the first number of the continuation is instructions.size() + 1). */
std::string instructionsPrompt(const PromptSet &p, const std::vector<std::string> &instructions);
/** The chat API's request for count new instructions (numbered from instructions.size() + 1). */
std::string instructionsChatPrompt(const PromptSet &p, const std::vector<std::string> &instructions, int count);
std::string classifyPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task);
std::string inputFirstPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task);
std::string outputFirstPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task);
/** Examples are written as Task 1..k (one instance each), the model continues at k + 1. */
std::string batchPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, int count);

/** Stop strings of each request kind (the text is cut before them). */
std::vector<std::string> instructionsStop(const PromptSet &p, int shown);
std::vector<std::string> instancesStop(const PromptSet &p);
std::vector<std::string> classifyStop(const PromptSet &p);
/** Cut before the label of task count + 1 (the list asked for count tasks). */
std::vector<std::string> batchStop(const PromptSet &p, int count);

/** Replaces {name} placeholders; unknown ones are left as they are. */
std::string fillTemplate(const std::string &text, const std::vector<std::pair<std::string, std::string>> &values);

} // namespace sft::selfinstruct
