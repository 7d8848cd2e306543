#pragma once
// A model's own chat template: the Jinja `chat_template` of its
// tokenizer_config.json (or chat_template.jinja beside it), rendered with the
// variables transformers' apply_chat_template passes: messages,
// add_generation_prompt, bos_token, eos_token (and the other special tokens
// the config names), tools and documents None.

#include "core/chat_message.h"
#include "jinja/template.h"

#include <optional>
#include <string>
#include <vector>

namespace sft {

class ModelChatTemplate
{
public:
    /**
     * The template of a model folder: chat_template.jinja when present, else
     * tokenizer_config.json's chat_template (a string, or the entry named
     * "default" of a list of {name, template}). nullopt when the folder has
     * none; throws sft::Error for an unreadable config or a template that does
     * not parse (file, line, column).
     */
    static std::optional<ModelChatTemplate> fromModelDir(const std::string &dir);
    /** The same from a tokenizer_config.json path. */
    static std::optional<ModelChatTemplate> fromConfigFile(const std::string &path);
    /** The same from tokenizer_config.json text; sourceName names it in errors. */
    static std::optional<ModelChatTemplate> fromConfigJson(const std::string &json, const std::string &sourceName);
    /** From template text and special tokens (tests, and templates given on the command line). */
    ModelChatTemplate(const std::string &source, std::string bosToken, std::string eosToken,
                      std::string sourceName = "chat_template");

    /**
     * Render a conversation as transformers does. Throws sft::Error with the
     * template's own message when it refuses the conversation.
     */
    std::string render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const;
    /**
     * The same with more template variables, as apply_chat_template(**kwargs)
     * passes them (e.g. {"enable_thinking": false} for Qwen3); they override
     * the standard ones. Ordered, so a dict variable keeps its key order as
     * in Python (a template iterating it sees the keys as given).
     */
    std::string render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt,
                       const nlohmann::ordered_json &extraVariables) const;
    /** The variables render() passes: messages, tools/documents (None), add_generation_prompt, the special tokens. */
    nlohmann::ordered_json variables(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const;

    const std::string &source() const { return m_source; }
    const std::string &bosToken() const { return m_bos; }
    const std::string &eosToken() const { return m_eos; }

private:
    std::string m_source;
    std::string m_bos, m_eos;
    /// bos/eos/unk/sep/pad/cls/mask_token, extra_special_tokens and additional_special_tokens of the config
    /// (strings; empty ones left out, as transformers' special_tokens_map does)
    nlohmann::json m_specialTokens;
    jinja::Template m_template;
};

} // namespace sft
