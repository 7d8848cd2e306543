// The built-in prompt sets, template validation and the prompt builders.

#include "selfinstruct/prompts.h"

#include "core/error.h"

#include <algorithm>

namespace sft::selfinstruct {

using nlohmann::json;

namespace {

// Our own wording, in the structure of the paper's prompts.
PromptSet englishPrompts()
{
    PromptSet p;
    p.language = "en";
    p.instructions =
        "We are building a varied collection of tasks for training an AI assistant. Each task is a single "
        "instruction that a person might write to the assistant. Continue the numbered list with new tasks that "
        "differ from the ones below and from each other: use other verbs, other topics and other kinds of answer "
        "(a fact, an explanation, a list, a rewrite, a short piece of writing, a classification, advice). Keep each "
        "instruction to one or two sentences, and do not put the input inside the instruction.\n\n"
        "{instructions}\n{next}.";
    p.instructionsChat =
        "We are building a varied collection of tasks for training an AI assistant. Each task is a single "
        "instruction that a person might write to the assistant. Here are some of the tasks so far:\n\n"
        "{instructions}\n\n"
        "Write {count} new tasks as a numbered list, numbered from {next}. They must differ from the ones above and "
        "from each other: use other verbs, other topics and other kinds of answer (a fact, an explanation, a list, a "
        "rewrite, a short piece of writing, a classification, advice). Keep each instruction to one or two sentences, "
        "and do not put the input inside the instruction. Reply with the list only, one task per item.";
    p.classify =
        "Some tasks are classification tasks: their answer is one label out of a small, fixed set (for example yes "
        "or no, positive or negative, or one of a few categories). Others ask for free text. For each task, say "
        "whether it is a classification task.\n\n"
        "{examples}Task: {task}\nIs it classification?";
    p.inputFirst =
        "Write instances for the task below. An instance is an input the instruction can be applied to, followed "
        "by the correct output for that input. If the task needs no input, write <noinput> as the input. Give one "
        "to three instances that differ from each other.\n\n"
        "{examples}Task: {task}\n";
    p.outputFirst =
        "The task below is a classification task. For each possible class label, write the label first and then "
        "an input that belongs to that label, so that every label is represented.\n\n"
        "{examples}Task: {task}\n";
    p.batch =
        "Write a list of {count} tasks for training an AI assistant. Each task has an instruction, an input and an "
        "output:\n"
        "- the instructions differ from each other: other verbs, other topics, other kinds of answer;\n"
        "- an instruction is one or two sentences, an imperative or a question;\n"
        "- the input is a concrete example the instruction applies to, or <noinput> when none is needed;\n"
        "- the output is a correct and complete answer of at most 100 words.\n\n"
        "{examples}Task {next}\n";
    return p;
}

PromptSet chinesePrompts()
{
    PromptSet p;
    p.language = "zh";
    p.instructions =
        "我们正在为训练人工智能助手收集多样的任务。每个任务是用户可能向助手提出的一条指令。请继续下面的编号列表，"
        "写出新的任务：它们要与已有的任务不同，彼此之间也不同，使用不同的动词、话题和回答形式（事实、解释、列表、"
        "改写、短文写作、分类、建议等）。每条指令一到两句话，不要把输入内容写进指令里。\n\n"
        "{instructions}\n{next}.";
    p.instructionsChat =
        "我们正在为训练人工智能助手收集多样的任务。每个任务是用户可能向助手提出的一条指令。下面是已有的一些任务：\n\n"
        "{instructions}\n\n"
        "请写出 {count} 个新任务，写成编号列表，从 {next} 开始编号。它们要与上面的任务不同，彼此之间也不同，使用不同的"
        "动词、话题和回答形式（事实、解释、列表、改写、短文写作、分类、建议等）。每条指令一到两句话，不要把输入内容写进"
        "指令里。只回复这个列表，每项一个任务。";
    p.classify =
        "有些任务是分类任务：答案是一个小而固定的标签集合中的一个（例如是或否、正面或负面、几个类别之一）；"
        "另一些任务需要用自由文本作答。请判断每个任务是否为分类任务。\n\n"
        "{examples}任务：{task}\n是否为分类任务？";
    p.inputFirst =
        "请为下面的任务写出实例。每个实例先给出指令可以作用的输入，再给出这个输入的正确输出。如果任务不需要输入，"
        "输入写 <无输入>。写一到三个互不相同的实例。\n\n"
        "{examples}任务：{task}\n";
    p.outputFirst =
        "下面是一个分类任务。对每个可能的类别，先写出类别，再写出属于这个类别的一个输入，使每个类别都有实例。\n\n"
        "{examples}任务：{task}\n";
    p.batch =
        "请写出一个包含 {count} 个任务的列表，用于训练人工智能助手。每个任务包括指令、输入和输出：\n"
        "- 各条指令互不相同：使用不同的动词、话题和回答形式；\n"
        "- 指令为一到两句话，可以是祈使句或问句；\n"
        "- 输入是指令所作用的具体内容，不需要输入时写 <无输入>；\n"
        "- 输出是正确、完整的回答，不超过 200 字。\n\n"
        "{examples}任务 {next}\n";
    return p;
}

std::string *field(PromptSet &p, const std::string &name)
{
    if (name == "instructions") return &p.instructions;
    if (name == "instructions_chat") return &p.instructionsChat;
    if (name == "classify") return &p.classify;
    if (name == "input_first") return &p.inputFirst;
    if (name == "output_first") return &p.outputFirst;
    if (name == "batch") return &p.batch;
    return nullptr;
}

bool isNameChar(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

void validateTemplate(const TemplateSpec &spec, const std::string &text)
{
    const std::string where = "prompt template \"" + std::string(spec.name) + "\": ";
    for (const char *ph : spec.placeholders)
        if (text.find(std::string("{") + ph + "}") == std::string::npos)
            throw Error(where + "the placeholder {" + ph + "} is missing");
    for (std::size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
        std::size_t j = i + 1;
        while (j < text.size() && isNameChar(text[j]))
            ++j;
        if (j == i + 1 || j >= text.size() || text[j] != '}')
            continue;   // a literal brace, not a placeholder
        const std::string name = text.substr(i + 1, j - i - 1);
        if (std::none_of(spec.placeholders.begin(), spec.placeholders.end(), [&](const char *p) { return name == p; }))
            throw Error(where + "unknown placeholder {" + name + "}");
    }
}

std::string labelled(const PromptLabels &l, const std::string &label, const std::string &text)
{
    return label + (text.empty() ? std::string() : l.space + text);
}

std::string inputText(const PromptLabels &l, const std::string &input)
{
    return input.empty() ? l.noInput : input;
}

} // namespace

PromptSet defaultPrompts(const std::string &language)
{
    if (language == "en")
        return englishPrompts();
    if (language == "zh")
        return chinesePrompts();
    throw Error("unknown prompt language \"" + language + "\" (en or zh)");
}

const PromptLabels &promptLabels(const std::string &language)
{
    static const PromptLabels en{"Task:", "Is it classification?", "Yes", "No", "Example", "Input:", "Output:",
                                 "Class label:", "<noinput>", "Task", "Instruction:", " "};
    static const PromptLabels zh{"任务：", "是否为分类任务？", "是", "否", "示例", "输入：", "输出：",
                                 "类别：", "<无输入>", "任务", "指令：", ""};
    return language == "zh" ? zh : en;
}

const std::vector<TemplateSpec> &templateSpecs()
{
    static const std::vector<TemplateSpec> specs = {
        {"instructions", {"instructions", "next"}},
        {"instructions_chat", {"instructions", "count", "next"}},
        {"classify", {"examples", "task"}},
        {"input_first", {"examples", "task"}},
        {"output_first", {"examples", "task"}},
        {"batch", {"examples", "count", "next"}},
    };
    return specs;
}

void validatePrompts(const PromptSet &prompts)
{
    PromptSet copy = prompts;
    for (const TemplateSpec &spec : templateSpecs())
        validateTemplate(spec, *field(copy, spec.name));
}

PromptSet promptsFromJson(const json &j, const std::string &language)
{
    PromptSet p = defaultPrompts(language);
    if (j.is_null())
        return p;
    if (!j.is_object())
        throw Error("prompts must be a JSON object of template name -> text");
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::string *f = field(p, it.key());
        if (!f)
            throw Error("prompts: unknown template \"" + it.key()
                        + "\" (instructions, instructions_chat, classify, input_first, output_first, batch)");
        if (!it.value().is_string())
            throw Error("prompt template \"" + it.key() + "\" must be a string");
        *f = it.value().get<std::string>();
    }
    validatePrompts(p);
    return p;
}

json promptsToJson(const PromptSet &prompts)
{
    return json{{"instructions", prompts.instructions}, {"instructions_chat", prompts.instructionsChat},
                {"classify", prompts.classify},
                {"input_first", prompts.inputFirst}, {"output_first", prompts.outputFirst}, {"batch", prompts.batch}};
}

std::string fillTemplate(const std::string &text, const std::vector<std::pair<std::string, std::string>> &values)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            bool replaced = false;
            for (const auto &[name, value] : values) {
                if (text.compare(i + 1, name.size(), name) == 0 && i + 1 + name.size() < text.size()
                    && text[i + 1 + name.size()] == '}') {
                    out += value;
                    i += name.size() + 2;
                    replaced = true;
                    break;
                }
            }
            if (replaced)
                continue;
        }
        out += text[i++];
    }
    return out;
}

std::string instructionsPrompt(const PromptSet &p, const std::vector<std::string> &instructions)
{
    std::string list;
    for (std::size_t i = 0; i < instructions.size(); ++i) {
        if (i)
            list += '\n';
        list += std::to_string(i + 1) + ". " + instructions[i];
    }
    return fillTemplate(p.instructions, {{"instructions", list}, {"next", std::to_string(instructions.size() + 1)}});
}

std::string instructionsChatPrompt(const PromptSet &p, const std::vector<std::string> &instructions, int count)
{
    std::string list;
    for (std::size_t i = 0; i < instructions.size(); ++i) {
        if (i)
            list += '\n';
        list += std::to_string(i + 1) + ". " + instructions[i];
    }
    return fillTemplate(p.instructionsChat, {{"instructions", list}, {"count", std::to_string(count)},
                                             {"next", std::to_string(instructions.size() + 1)}});
}

std::string classifyPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task)
{
    const PromptLabels &l = promptLabels(p.language);
    std::string ex;
    for (const ExampleTask &e : examples)
        ex += labelled(l, l.task, e.instruction) + '\n' + l.question + l.space + (e.isClassification ? l.yes : l.no)
            + "\n\n";
    return fillTemplate(p.classify, {{"examples", ex}, {"task", task}});
}

std::string inputFirstPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task)
{
    const PromptLabels &l = promptLabels(p.language);
    std::string ex;
    for (const ExampleTask &e : examples) {
        ex += labelled(l, l.task, e.instruction) + '\n';
        for (std::size_t i = 0; i < e.instances.size(); ++i) {
            ex += l.example + ' ' + std::to_string(i + 1) + '\n';
            ex += labelled(l, l.input, inputText(l, e.instances[i].input)) + '\n';
            ex += labelled(l, l.output, e.instances[i].output) + '\n';
        }
        ex += '\n';
    }
    return fillTemplate(p.inputFirst, {{"examples", ex}, {"task", task}});
}

std::string outputFirstPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, const std::string &task)
{
    const PromptLabels &l = promptLabels(p.language);
    std::string ex;
    for (const ExampleTask &e : examples) {
        ex += labelled(l, l.task, e.instruction) + '\n';
        for (const Instance &in : e.instances) {
            ex += labelled(l, l.classLabel, in.output) + '\n';
            ex += labelled(l, l.input, inputText(l, in.input)) + '\n';
        }
        ex += '\n';
    }
    return fillTemplate(p.outputFirst, {{"examples", ex}, {"task", task}});
}

std::string batchPrompt(const PromptSet &p, const std::vector<ExampleTask> &examples, int count)
{
    const PromptLabels &l = promptLabels(p.language);
    std::string ex;
    int n = 0;
    for (const ExampleTask &e : examples) {
        ex += l.batchTask + ' ' + std::to_string(++n) + '\n';
        ex += labelled(l, l.instruction, e.instruction) + '\n';
        const Instance in = e.instances.empty() ? Instance{} : e.instances.front();
        ex += labelled(l, l.input, inputText(l, in.input)) + '\n';
        ex += labelled(l, l.output, in.output) + "\n\n";
    }
    return fillTemplate(p.batch, {{"examples", ex}, {"count", std::to_string(count)}, {"next", std::to_string(n + 1)}});
}

std::vector<std::string> instructionsStop(const PromptSet &, int shown)
{
    // The paper's list runs to twice the shown instructions; cut before the next number.
    return {"\n" + std::to_string(2 * shown + 1) + "."};
}

std::vector<std::string> instancesStop(const PromptSet &p)
{
    return {"\n" + promptLabels(p.language).task};
}

std::vector<std::string> classifyStop(const PromptSet &) { return {"\n"}; }

std::vector<std::string> batchStop(const PromptSet &p, int count)
{
    return {"\n" + promptLabels(p.language).batchTask + ' ' + std::to_string(count + 1)};
}

} // namespace sft::selfinstruct
