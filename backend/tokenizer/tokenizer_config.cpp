// Reading tokenizer_config.json: special tokens may be plain strings or
// AddedToken objects ({"content": ..., "__type": "AddedToken"}).

#include "tokenizer/tokenizer_config.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace sft {

namespace {

std::string tokenField(const nlohmann::json &j, const char *key, const std::string &file)
{
    if (!j.contains(key) || j[key].is_null())
        return {};
    const nlohmann::json &v = j[key];
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object() && v.contains("content") && v["content"].is_string())
        return v["content"].get<std::string>();
    throw Error("expected a token string or {\"content\": ...}", Error::Location{file, 0, 0, -1, key});
}

std::optional<bool> boolField(const nlohmann::json &j, const char *key, const std::string &file)
{
    if (!j.contains(key) || j[key].is_null())
        return std::nullopt;
    if (!j[key].is_boolean())
        throw Error("expected true or false", Error::Location{file, 0, 0, -1, key});
    return j[key].get<bool>();
}

} // namespace

TokenizerConfig TokenizerConfig::fromFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open tokenizer config", Error::Location{path, 0, 0, -1, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    return fromJson(ss.str(), path);
}

TokenizerConfig TokenizerConfig::fromJson(const std::string &text, const std::string &file)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("not valid JSON: ") + e.what(), Error::Location{file, 0, 0, -1, {}});
    }
    if (!j.is_object())
        throw Error("expected a JSON object", Error::Location{file, 0, 0, -1, {}});
    TokenizerConfig c;
    c.bosToken = tokenField(j, "bos_token", file);
    c.eosToken = tokenField(j, "eos_token", file);
    c.padToken = tokenField(j, "pad_token", file);
    c.addBosToken = boolField(j, "add_bos_token", file);
    c.addEosToken = boolField(j, "add_eos_token", file);
    if (j.contains("chat_template") && !j["chat_template"].is_null()) {
        const nlohmann::json &t = j["chat_template"];
        const Error::Location where{file, 0, 0, -1, "chat_template"};
        if (t.is_string()) {
            c.chatTemplate = t.get<std::string>();
        } else if (t.is_array()) {
            for (const auto &item : t)
                if (item.is_object() && item.contains("name") && item["name"] == "default" && item.contains("template") &&
                    item["template"].is_string())
                    c.chatTemplate = item["template"].get<std::string>();
            if (!c.chatTemplate)
                throw Error("the chat_template list has no {\"name\": \"default\", \"template\": ...} entry", where);
        } else {
            throw Error("expected a string or a list of named templates", where);
        }
    }
    return c;
}

} // namespace sft
