#pragma once
// A memory-mapped safetensors file: the header is validated on open, tensor
// bytes are read straight from the mapping (no copy) until the File dies.

#include "safetensors/header.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace sft::safetensors {

/** A read-only, memory-mapped safetensors file. Movable, not copyable. */
class File
{
public:
    /** Map and validate path; throws sft::Error (file named) when it is unreadable or invalid. */
    static File open(const std::string &path);

    File(File &&other) noexcept;
    File &operator=(File &&other) noexcept;
    File(const File &) = delete;
    File &operator=(const File &) = delete;
    ~File();

    const std::string &path() const { return m_path; }
    const Header &header() const { return m_header; }
    /** The entry called name, or nullptr. */
    const TensorInfo *find(const std::string &name) const { return m_header.find(name); }
    /** First byte of a tensor's data (info must come from this file). */
    const std::uint8_t *data(const TensorInfo &info) const;

private:
    File() = default;
    void release();

    std::string m_path;
    Header m_header;
    const std::uint8_t *m_map = nullptr;
    std::size_t m_size = 0;
};

} // namespace sft::safetensors
