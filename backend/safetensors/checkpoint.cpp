// Opening single-file and sharded safetensors checkpoints.

#include "safetensors/checkpoint.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sft::safetensors {

namespace {

[[noreturn]] void fail(const std::string &file, const std::string &field, const std::string &msg)
{
    Error::Location where;
    where.file = file;
    where.field = field;
    throw Error(msg, where);
}

} // namespace

Checkpoint Checkpoint::open(const std::string &path)
{
    fs::path p(path);
    if (fs::is_directory(p)) {
        if (fs::exists(p / "model.safetensors.index.json"))
            p /= "model.safetensors.index.json";
        else if (fs::exists(p / "model.safetensors"))
            p /= "model.safetensors";
        else
            fail(path, {}, "no model.safetensors or model.safetensors.index.json in this directory");
    }
    Checkpoint c;
    const std::string name = p.filename().string();
    if (name.size() < 11 || name.compare(name.size() - 11, 11, ".index.json") != 0) {
        c.m_files.push_back(File::open(p.string()));
        for (const auto &t : c.m_files.back().header().tensors)
            c.m_index[t.name] = 0;
        return c;
    }

    const std::string indexPath = p.string();
    std::ifstream in(p, std::ios::binary);
    if (!in)
        fail(indexPath, {}, "cannot open the shard index");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::exception &e) {
        fail(indexPath, {}, std::string("invalid JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
        fail(indexPath, "weight_map", "missing or not an object");
    std::map<std::string, std::size_t> shardIds;
    for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
        if (!it->is_string())
            fail(indexPath, "weight_map", "shard of \"" + it.key() + "\" is not a string");
        const std::string shard = it->get<std::string>();
        if (shard.empty() || shard.find('/') != std::string::npos || shard.find('\\') != std::string::npos
            || shard == "." || shard == "..")
            fail(indexPath, "weight_map", "shard name \"" + shard + "\" of \"" + it.key()
                                              + "\" must be a plain file name in the same directory");
        auto found = shardIds.find(shard);
        if (found == shardIds.end()) {
            c.m_files.push_back(File::open((p.parent_path() / shard).string()));
            found = shardIds.emplace(shard, c.m_files.size() - 1).first;
        }
        if (!c.m_files[found->second].find(it.key()))
            fail(indexPath, it.key(), "the index maps this tensor to " + shard + ", which lacks it");
        c.m_index[it.key()] = found->second;
    }
    return c;
}

std::vector<std::string> Checkpoint::names() const
{
    std::vector<std::string> out;
    out.reserve(m_index.size());
    for (const auto &kv : m_index)
        out.push_back(kv.first);
    return out;
}

TensorRef Checkpoint::find(const std::string &name) const
{
    const auto it = m_index.find(name);
    if (it == m_index.end())
        return {};
    const File &f = m_files[it->second];
    const TensorInfo *info = f.find(name);
    return {info, info ? f.data(*info) : nullptr, &f};
}

} // namespace sft::safetensors
