// The safetensors writer.

#include "safetensors/writer.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace sft::safetensors {

std::string serialize(const std::vector<TensorView> &tensors, const std::map<std::string, std::string> &metadata)
{
    std::vector<const TensorView *> order;
    std::set<std::string> seen;
    for (const auto &t : tensors) {
        if (t.name == "__metadata__" || !seen.insert(t.name).second)
            throw Error("safetensors: duplicate or reserved tensor name \"" + t.name + "\"");
        std::size_t numel = 1;
        for (auto d : t.shape) {
            if (d < 0)
                throw Error("safetensors: negative dimension in \"" + t.name + "\"");
            numel *= static_cast<std::size_t>(d);
        }
        if (numel * dtypeSize(t.dtype) != t.bytes || (t.bytes && !t.data))
            throw Error("safetensors: \"" + t.name + "\" has " + std::to_string(t.bytes)
                        + " bytes, its shape needs " + std::to_string(numel * dtypeSize(t.dtype)));
        order.push_back(&t);
    }
    std::stable_sort(order.begin(), order.end(), [](const TensorView *a, const TensorView *b) {
        const auto sa = dtypeSize(a->dtype), sb = dtypeSize(b->dtype);
        return sa != sb ? sa > sb : a->name < b->name;
    });

    // nlohmann's ordered_json keeps the insertion order so the header lists tensors in data order.
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (const auto *t : order) {
        header[t->name] = {{"dtype", dtypeName(t->dtype)}, {"shape", t->shape},
                           {"data_offsets", {offset, offset + t->bytes}}};
        offset += t->bytes;
    }
    std::string json = header.dump();
    json.append((8 - json.size() % 8) % 8, ' ');

    std::string out;
    out.reserve(8 + json.size() + offset);
    std::uint64_t n = json.size();
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    out += json;
    for (const auto *t : order)
        out.append(static_cast<const char *>(t->data), t->bytes);
    return out;
}

void writeFile(const std::string &path, const std::vector<TensorView> &tensors,
               const std::map<std::string, std::string> &metadata)
{
    const std::string bytes = serialize(tensors, metadata);
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot write", {path, 0, 0, -1, {}});
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw Error("write failed", {path, 0, 0, -1, {}});
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw Error("cannot rename the temporary file into place", {path, 0, 0, -1, {}});
}

} // namespace sft::safetensors
