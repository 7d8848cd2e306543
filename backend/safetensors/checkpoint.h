#pragma once
// A Hugging Face checkpoint's weights: one model.safetensors, or shards listed
// by model.safetensors.index.json ({"metadata": {...}, "weight_map": {tensor:
// shard file}}). Every shard is memory-mapped; lookups go by tensor name.

#include "safetensors/file.h"

#include <map>
#include <string>
#include <vector>

namespace sft::safetensors {

/** A tensor found in a checkpoint: its entry and its bytes (valid while the Checkpoint lives). */
struct TensorRef
{
    const TensorInfo *info = nullptr;
    const std::uint8_t *data = nullptr;
    const File *file = nullptr;
};

/** All safetensors files of one checkpoint, mapped. */
class Checkpoint
{
public:
    /**
     * Open a directory (model.safetensors.index.json if present, else
     * model.safetensors) or a single .safetensors / .index.json file.
     * Throws sft::Error when files are missing, invalid, or the index names a
     * tensor its shard lacks or a shard outside the directory.
     */
    static Checkpoint open(const std::string &path);

    /** Every tensor name, sorted. */
    std::vector<std::string> names() const;
    /** The tensor called name; info is nullptr when absent. */
    TensorRef find(const std::string &name) const;
    const std::vector<File> &files() const { return m_files; }

private:
    std::vector<File> m_files;
    std::map<std::string, std::size_t> m_index; ///< tensor name -> m_files index
};

} // namespace sft::safetensors
