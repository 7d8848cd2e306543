// The four prompt formats, written out as REFERENCES.md gives them (no
// stripping of content), and their detection from Jinja templates.

#include "tokenizer/chat_template.h"

#include "core/error.h"
#include "tokenizer/tokenizer_config.h"


namespace sft {

namespace {

const char *const kAlpacaWithInput =
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n";
const char *const kAlpacaNoInput =
    "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n";

void checkRole(const ChatMessage &m, std::size_t i, bool allowInput)
{
    if (m.role == "system" || m.role == "user" || m.role == "assistant" || (allowInput && m.role == "input"))
        return;
    throw Error("message " + std::to_string(i + 1) + " has unknown role \"" + m.role + "\"");
}

bool contains(const std::string &s, const char *marker) { return s.find(marker) != std::string::npos; }

} // namespace

ChatTemplate ChatTemplate::byName(const std::string &name)
{
    if (name == "chatml" || name == "qwen")
        return ChatTemplate(ChatFormat::ChatML);
    if (name == "llama2" || name == "llama-2")
        return ChatTemplate(ChatFormat::Llama2);
    if (name == "llama3" || name == "llama-3")
        return ChatTemplate(ChatFormat::Llama3);
    if (name == "alpaca")
        return ChatTemplate(ChatFormat::Alpaca);
    throw Error("unknown chat format \"" + name + "\" (known: chatml, llama2, llama3, alpaca)");
}

std::optional<ChatFormat> ChatTemplate::detect(const std::string &jinja)
{
    if (contains(jinja, "<|im_start|>") && contains(jinja, "<|im_end|>"))
        return ChatFormat::ChatML;
    if (contains(jinja, "<|start_header_id|>") && contains(jinja, "<|end_header_id|>") && contains(jinja, "<|eot_id|>"))
        return ChatFormat::Llama3;
    if (contains(jinja, "[INST]") && contains(jinja, "[/INST]") && contains(jinja, "<<SYS>>"))
        return ChatFormat::Llama2;
    if (contains(jinja, "### Instruction:") && contains(jinja, "### Response:"))
        return ChatFormat::Alpaca;
    return std::nullopt;
}

ChatTemplate ChatTemplate::fromJinja(const std::string &jinja)
{
    if (auto f = detect(jinja))
        return ChatTemplate(*f);
    throw Error("the chat_template is not a format we know (ChatML <|im_start|>, Llama-2 [INST]/<<SYS>>, "
                "Llama-3 <|start_header_id|>, Alpaca ### Instruction:); choose a format by name");
}

ChatTemplate ChatTemplate::fromConfigFile(const std::string &path)
{
    const TokenizerConfig config = TokenizerConfig::fromFile(path);
    if (!config.chatTemplate)
        throw Error("the tokenizer config has no chat_template; choose a format by name",
                    Error::Location{path, 0, 0, -1, "chat_template"});
    try {
        return fromJinja(*config.chatTemplate);
    } catch (const Error &e) {
        throw Error(e.message(), Error::Location{path, 0, 0, -1, "chat_template"});
    }
}

std::string ChatTemplate::name() const
{
    switch (m_format) {
    case ChatFormat::ChatML: return "chatml";
    case ChatFormat::Llama2: return "llama2";
    case ChatFormat::Llama3: return "llama3";
    case ChatFormat::Alpaca: return "alpaca";
    }
    return {};
}

std::string ChatTemplate::render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const
{
    std::string out;
    switch (m_format) {
    case ChatFormat::ChatML:
        for (std::size_t i = 0; i < messages.size(); ++i) {
            checkRole(messages[i], i, false);
            out += "<|im_start|>" + messages[i].role + "\n" + messages[i].content + "<|im_end|>\n";
        }
        if (addGenerationPrompt)
            out += "<|im_start|>assistant\n";
        return out;
    case ChatFormat::Llama3:
        out = "<|begin_of_text|>";
        for (std::size_t i = 0; i < messages.size(); ++i) {
            checkRole(messages[i], i, false);
            out += "<|start_header_id|>" + messages[i].role + "<|end_header_id|>\n\n" + messages[i].content + "<|eot_id|>";
        }
        if (addGenerationPrompt)
            out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
        return out;
    case ChatFormat::Llama2: {
        std::string system;
        bool haveSystem = false;
        bool openTurn = false;   // an [INST] ... [/INST] waiting for its answer
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const ChatMessage &m = messages[i];
            checkRole(m, i, false);
            if (m.role == "system") {
                if (i != 0)
                    throw Error("Llama-2 format: a system message must come first (message " + std::to_string(i + 1) + ")");
                system = m.content;
                haveSystem = true;
            } else if (m.role == "user") {
                if (openTurn)
                    throw Error("Llama-2 format: two user messages in a row (message " + std::to_string(i + 1) + ")");
                out += "<s>[INST] ";
                if (haveSystem) {
                    out += "<<SYS>>\n" + system + "\n<</SYS>>\n\n";
                    haveSystem = false;
                }
                out += m.content + " [/INST]";
                openTurn = true;
            } else {
                if (!openTurn)
                    throw Error("Llama-2 format: an assistant message must follow a user message (message " +
                                std::to_string(i + 1) + ")");
                out += " " + m.content + " </s>";
                openTurn = false;
            }
        }
        return out;   // the prompt of an open turn already ends with " [/INST]"
    }
    case ChatFormat::Alpaca: {
        std::string instruction, input, response;
        int users = 0, assistants = 0;
        bool haveInput = false;
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const ChatMessage &m = messages[i];
            checkRole(m, i, true);
            if (m.role == "user") {
                instruction = m.content;
                ++users;
            } else if (m.role == "input") {
                input = m.content;
                haveInput = !m.content.empty();
            } else if (m.role == "assistant") {
                response = m.content;
                ++assistants;
            }
        }
        if (users != 1 || assistants > 1)
            throw Error("Alpaca format: expected one user message (instruction) and at most one assistant message");
        if (haveInput)
            out = std::string(kAlpacaWithInput) + "### Instruction:\n" + instruction + "\n\n### Input:\n" + input +
                  "\n\n### Response:\n";
        else
            out = std::string(kAlpacaNoInput) + "### Instruction:\n" + instruction + "\n\n### Response:\n";
        return out + response;
    }
    }
    return out;
}

ChatTemplate::Split ChatTemplate::renderSplit(const std::vector<ChatMessage> &messages) const
{
    if (messages.empty() || messages.back().role != "assistant")
        throw Error("the conversation must end with an assistant message to split it");
    std::vector<ChatMessage> head(messages.begin(), messages.end() - 1);
    Split s;
    const std::string full = render(messages, false);
    switch (m_format) {
    case ChatFormat::ChatML:
    case ChatFormat::Llama3:
        s.prompt = render(head, true);
        break;
    case ChatFormat::Llama2:
        s.prompt = render(head, true);
        break;
    case ChatFormat::Alpaca:
        s.prompt = render(head, false);
        break;
    }
    if (full.compare(0, s.prompt.size(), s.prompt) != 0)
        throw Error("internal: the rendered prompt is not a prefix of the conversation");
    s.response = full.substr(s.prompt.size());
    return s;
}

} // namespace sft
