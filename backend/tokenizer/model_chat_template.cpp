// A model's own chat template: found as transformers finds it (a
// chat_template.jinja file first, then tokenizer_config.json's chat_template,
// the "default" entry of a list), rendered with the variables
// apply_chat_template passes.

#include "tokenizer/model_chat_template.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"

#include <fstream>

namespace sft {

namespace {

const char *const kTokenKeys[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                  "pad_token", "cls_token", "mask_token"};

/** A special token: a string, an AddedToken object {"content": ...}, or null / absent (""). */
std::string tokenText(const nlohmann::json &v, const std::string &file, const std::string &field)
{
    if (v.is_null())
        return {};
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object() && v.contains("content") && v["content"].is_string())
        return v["content"].get<std::string>();
    throw Error("expected a token string or {\"content\": ...}", Error::Location{file, 0, 0, -1, field});
}

/** transformers' special_tokens_map: the named tokens that are set, as strings. */
nlohmann::json specialTokens(const nlohmann::json &config, const std::string &file)
{
    nlohmann::json tokens = nlohmann::json::object();
    for (const char *key : kTokenKeys)
        if (config.contains(key)) {
            const std::string t = tokenText(config[key], file, key);
            if (!t.empty())
                tokens[key] = t;
        }
    if (config.contains("extra_special_tokens") && config["extra_special_tokens"].is_object())
        for (auto it = config["extra_special_tokens"].begin(); it != config["extra_special_tokens"].end(); ++it) {
            const std::string t = tokenText(it.value(), file, "extra_special_tokens." + it.key());
            if (!t.empty())
                tokens[it.key()] = t;
        }
    if (config.contains("additional_special_tokens") && !config["additional_special_tokens"].is_null()) {
        const nlohmann::json &list = config["additional_special_tokens"];
        if (!list.is_array())
            throw Error("expected a list of tokens", Error::Location{file, 0, 0, -1, "additional_special_tokens"});
        nlohmann::json strings = nlohmann::json::array();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string t = tokenText(list[i], file, "additional_special_tokens[" + std::to_string(i) + "]");
            if (!t.empty())
                strings.push_back(t);
        }
        if (!strings.empty())
            tokens["additional_special_tokens"] = strings;
    }
    return tokens;
}

/** The chat_template field: a string, or the "default" entry of [{name, template}]; nullopt when absent. */
std::optional<std::string> templateField(const nlohmann::json &config, const std::string &file)
{
    if (!config.contains("chat_template") || config["chat_template"].is_null())
        return std::nullopt;
    const nlohmann::json &t = config["chat_template"];
    const Error::Location where{file, 0, 0, -1, "chat_template"};
    if (t.is_string())
        return t.get<std::string>();
    if (!t.is_array())
        throw Error("expected a string or a list of named templates", where);
    for (const auto &item : t)
        if (item.is_object() && item.contains("name") && item["name"] == "default" && item.contains("template") &&
            item["template"].is_string())
            return item["template"].get<std::string>();
    throw Error("the chat_template list has no {\"name\": \"default\", \"template\": ...} entry", where);
}

bool fileExists(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return static_cast<bool>(f);
}

} // namespace

ModelChatTemplate::ModelChatTemplate(const std::string &source, std::string bosToken, std::string eosToken,
                                     std::string sourceName)
    : m_source(source), m_bos(std::move(bosToken)), m_eos(std::move(eosToken)),
      m_specialTokens(nlohmann::json::object()), m_template(jinja::Template::parse(source, sourceName))
{
    if (!m_bos.empty())
        m_specialTokens["bos_token"] = m_bos;
    if (!m_eos.empty())
        m_specialTokens["eos_token"] = m_eos;
}

std::optional<ModelChatTemplate> ModelChatTemplate::fromModelDir(const std::string &dir)
{
    const std::string config = dir + "/tokenizer_config.json";
    const std::string jinjaFile = dir + "/chat_template.jinja";
    if (!fileExists(jinjaFile))
        return fileExists(config) ? fromConfigFile(config) : std::nullopt;
    // Newer transformers saves the template beside the config; it takes precedence.
    nlohmann::json tokens = nlohmann::json::object();
    if (fileExists(config)) {
        const nlohmann::json j = parseJsonDocument(readFileText(config, "cannot open tokenizer config"), config);
        if (!j.is_object())
            throw Error("expected a JSON object", Error::Location{config, 0, 0, -1, {}});
        tokens = specialTokens(j, config);
    }
    ModelChatTemplate t(readFileText(jinjaFile, "cannot open chat template"), tokens.value("bos_token", ""),
                        tokens.value("eos_token", ""), jinjaFile);
    t.m_specialTokens = tokens;
    return t;
}

std::optional<ModelChatTemplate> ModelChatTemplate::fromConfigFile(const std::string &path)
{
    return fromConfigJson(readFileText(path, "cannot open tokenizer config"), path);
}

std::optional<ModelChatTemplate> ModelChatTemplate::fromConfigJson(const std::string &json, const std::string &sourceName)
{
    const nlohmann::json config = parseJsonDocument(json, sourceName);
    if (!config.is_object())
        throw Error("expected a JSON object", Error::Location{sourceName, 0, 0, -1, {}});
    const std::optional<std::string> source = templateField(config, sourceName);
    if (!source)
        return std::nullopt;
    const nlohmann::json tokens = specialTokens(config, sourceName);
    ModelChatTemplate t(*source, tokens.value("bos_token", ""), tokens.value("eos_token", ""),
                        sourceName + " (chat_template)");
    t.m_specialTokens = tokens;
    return t;
}

nlohmann::ordered_json ModelChatTemplate::variables(const std::vector<ChatMessage> &messages,
                                                    bool addGenerationPrompt) const
{
    nlohmann::ordered_json v = nlohmann::ordered_json::object();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ChatMessage &m : messages)
        list.push_back(nlohmann::ordered_json{{"role", m.role}, {"content", m.content}});
    v["messages"] = std::move(list);
    v["tools"] = nullptr;
    v["documents"] = nullptr;
    v["add_generation_prompt"] = addGenerationPrompt;
    for (auto it = m_specialTokens.begin(); it != m_specialTokens.end(); ++it)
        v[it.key()] = it.value();
    return v;
}

std::string ModelChatTemplate::render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const
{
    return m_template.renderOrdered(variables(messages, addGenerationPrompt));
}

std::string ModelChatTemplate::render(const std::vector<ChatMessage> &messages, bool addGenerationPrompt,
                                      const nlohmann::ordered_json &extraVariables) const
{
    nlohmann::ordered_json v = variables(messages, addGenerationPrompt);
    if (!extraVariables.is_null() && !extraVariables.is_object())
        throw Error("template variables must be a JSON object");
    if (extraVariables.is_object())
        for (auto it = extraVariables.begin(); it != extraVariables.end(); ++it)
            v[it.key()] = it.value();
    return m_template.renderOrdered(v);
}

} // namespace sft
