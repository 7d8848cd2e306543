#pragma once
// Chat prompt formats (ChatML, Llama-2, Llama-3, Alpaca) rendered exactly as
// the published strings, chosen by name or recognised in a tokenizer_config
// Jinja `chat_template` by its characteristic markers. The prompt/response
// split gives the text whose tokens are masked from (prompt) or count in
// (response) the training loss.

#include "core/chat_message.h"

#include <optional>
#include <string>
#include <vector>

namespace sft {

/** The chat formats we render. */
enum class ChatFormat { ChatML, Llama2, Llama3, Alpaca };

/** A chat format and how to render conversations in it. */
class ChatTemplate
{
public:
    /** By name: "chatml" (also "qwen"), "llama2", "llama3", "alpaca"; throws sft::Error otherwise. */
    static ChatTemplate byName(const std::string &name);
    /** The format of a Jinja chat_template, or nullopt when it is not one we know. */
    static std::optional<ChatFormat> detect(const std::string &jinja);
    /** Like detect(), but throws sft::Error saying the template is unknown. */
    static ChatTemplate fromJinja(const std::string &jinja);
    /** The chat_template of a tokenizer_config.json (string, or the "default" of a named list). */
    static ChatTemplate fromConfigFile(const std::string &path);

    explicit ChatTemplate(ChatFormat format) : m_format(format) {}
    ChatFormat format() const { return m_format; }
    /** "chatml", "llama2", "llama3" or "alpaca". */
    std::string name() const;

    /**
     * The whole conversation as text, with the format's special tokens written
     * as text (<|im_start|>, <s>, ...). addGenerationPrompt appends the header
     * that opens the assistant's turn. Throws sft::Error on an unknown role or
     * a conversation the format cannot express.
     */
    std::string render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const;

    /** render() of a conversation split before the content of its final assistant message. */
    struct Split
    {
        std::string prompt;     ///< everything up to and including the assistant header
        std::string response;   ///< the final assistant content and its end marker
    };
    /** Split a conversation ending with an assistant message; prompt + response == render(messages, false). */
    Split renderSplit(const std::vector<ChatMessage> &messages) const;

private:
    ChatFormat m_format;
};

} // namespace sft
