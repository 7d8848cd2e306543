#pragma once
// The parts of a Hugging Face tokenizer_config.json the workbench uses: the
// bos / eos / pad token strings, add_bos_token / add_eos_token and the Jinja
// chat_template (a string, or the "default" entry of a list of named
// templates). Fields are type-checked; a bad one is an sft::Error naming the
// file and field.

#include <optional>
#include <string>

namespace sft {

/** bos/eos/pad tokens, add_bos/eos_token and chat template of a tokenizer_config.json. */
struct TokenizerConfig
{
    std::string bosToken;   ///< "" when null or absent
    std::string eosToken;
    std::string padToken;
    std::optional<std::string> chatTemplate;
    std::optional<bool> addBosToken;   ///< add_bos_token; nullopt when null or absent
    std::optional<bool> addEosToken;   ///< add_eos_token

    /** Read a tokenizer_config.json; throws sft::Error on unreadable or malformed fields. */
    static TokenizerConfig fromFile(const std::string &path);
    /** Parse tokenizer_config.json text; sourceName names it in errors. */
    static TokenizerConfig fromJson(const std::string &json, const std::string &sourceName);
};

} // namespace sft
