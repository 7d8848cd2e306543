// Loading a model folder's tokenizer: tokenizer.json + tokenizer_config.json.

#include "tokenizer/model_tokenizer.h"

#include "core/error.h"

#include <filesystem>

namespace sft {

ModelTokenizer loadModelTokenizer(const std::string &dir, const std::string &field)
{
    namespace fs = std::filesystem;
    const fs::path path = fs::path(dir) / "tokenizer.json";
    if (!fs::exists(path))
        throw Error("the model folder has no tokenizer.json", {dir, 0, 0, -1, field});
    ModelTokenizer m;
    m.tokenizer = Tokenizer::fromFile(path.string());
    const fs::path configPath = fs::path(dir) / "tokenizer_config.json";
    if (!fs::exists(configPath))
        return m;
    m.config = TokenizerConfig::fromFile(configPath.string());
    m.hasConfig = true;
    if (!m.config.bosToken.empty() || !m.config.eosToken.empty())
        m.tokenizer.setBosEos(m.config.bosToken, m.config.eosToken);
    if (m.config.addBosToken || m.config.addEosToken)
        m.tokenizer.setSpecialTokens(m.config.addBosToken.value_or(false), m.config.addEosToken.value_or(false));
    return m;
}

} // namespace sft
