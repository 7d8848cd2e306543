#pragma once
// A writer of GGUF v3 files, the single-file model format of llama.cpp (and
// so of Ollama and LM Studio): a header, typed metadata key/values, a tensor
// table, then the tensor data, every tensor aligned to 32 bytes. Torch-free.
// Tensors are added with a loader that is called only while the file is being
// written, one tensor at a time, so exporting a 7B model never holds more
// than its largest tensor in memory. The file is written next to its final
// path and renamed into place when complete: an interrupted export never
// leaves a truncated .gguf behind.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sft::gguf {

/** GGUF metadata value types (the numbers are the format's). */
enum class ValueType : std::uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7, String = 8, Array = 9,
    U64 = 10, I64 = 11, F64 = 12
};

/** The ggml tensor types this writer produces (the numbers are ggml's). */
enum class TensorType : std::uint32_t { F32 = 0, F16 = 1, Q8_0 = 8, BF16 = 30 };

/** "F32", "F16", "Q8_0", "BF16". */
const char *tensorTypeName(TensorType type);
/** Bytes of a tensor of this many elements (Q8_0: 34 bytes per block of 32; elements must be a multiple of 32). */
std::uint64_t tensorBytes(TensorType type, std::uint64_t elements);

/** The format's alignment of the data section and of every tensor in it. */
constexpr std::uint64_t kAlignment = 32;

class Writer
{
public:
    /** Produces a tensor's values as fp32, row-major in GGUF order (dims[0] varies fastest). */
    using Loader = std::function<std::vector<float>()>;
    /** Called before each tensor is written: index (0-based), count, name. */
    using Progress = std::function<void(std::size_t index, std::size_t count, const std::string &name)>;

    // Metadata, kept in the order added. A key added twice throws sft::Error.
    void addU32(const std::string &key, std::uint32_t value);
    void addI32(const std::string &key, std::int32_t value);
    void addU64(const std::string &key, std::uint64_t value);
    void addF32(const std::string &key, float value);
    void addBool(const std::string &key, bool value);
    void addString(const std::string &key, const std::string &value);
    void addStringArray(const std::string &key, const std::vector<std::string> &values);
    void addF32Array(const std::string &key, const std::vector<float> &values);
    void addI32Array(const std::string &key, const std::vector<std::int32_t> &values);
    bool hasKey(const std::string &key) const;

    /**
     * A tensor: its GGUF name, dims fastest first (a PyTorch [out, in] weight is {in, out}: the same
     * bytes), the type stored and the loader of its fp32 values. Throws sft::Error for a name added
     * twice, an empty or over-long name, a zero dim, or Q8_0 with dims[0] not a multiple of 32.
     * The loader's result must have exactly the product of dims values (checked when writing).
     */
    void addTensor(const std::string &name, std::vector<std::uint64_t> dims, TensorType type, Loader loader);
    std::size_t tensorCount() const;
    /** The bytes write() will produce (header, metadata, tensor table, padding and data). */
    std::uint64_t fileSize() const;

    /**
     * Write the file: to path + ".part" in the same folder, flushed, then renamed over path. On any
     * failure (a loader throwing, a full disk) the partial file is removed and sft::Error is thrown
     * naming path; an existing file at path is untouched until the rename.
     */
    void write(const std::string &path, const Progress &progress = {}) const;

private:
    struct Tensor
    {
        std::string name;
        std::vector<std::uint64_t> dims;
        TensorType type;
        Loader loader;
    };
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> m_metadata; // key, encoded type + value
    std::vector<Tensor> m_tensors;
    void addEncoded(const std::string &key, std::vector<std::uint8_t> encoded);
};

} // namespace sft::gguf
