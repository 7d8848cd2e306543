// The GGUF v3 writer. Every number is written byte by byte, least
// significant first, so the file is little-endian on any host. The layout is
// fixed before the first byte is written: offsets come from tensorBytes(), so
// the tensor table can be streamed ahead of the data, and each tensor is
// loaded, encoded in chunks through a bounded buffer, and dropped before the
// next one is loaded.

#include "gguf/gguf_writer.h"

#include "core/error.h"
#include "gguf/quantize.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <limits>

namespace sft::gguf {

namespace {

/** ggml's GGML_MAX_NAME counts the terminating NUL: a name holds at most 63 bytes. */
constexpr std::size_t kMaxNameBytes = 63;
/** ggml's GGML_MAX_DIMS. */
constexpr std::size_t kMaxDims = 4;
/** Bytes buffered before a write to the stream. */
constexpr std::size_t kBufferBytes = std::size_t(1) << 20;
/** Values encoded per step (a multiple of the Q8_0 block). */
constexpr std::size_t kChunkValues = std::size_t(1) << 16;

std::uint64_t padded(std::uint64_t n)
{
    return (n + kAlignment - 1) / kAlignment * kAlignment;
}

void putLe(std::vector<std::uint8_t> &out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<std::uint8_t>((value >> (8 * i)) & 0xffu));
}

void putString(std::vector<std::uint8_t> &out, const std::string &s)
{
    putLe(out, s.size(), 8);
    out.insert(out.end(), s.begin(), s.end());
}

std::uint32_t f32Bits(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

std::vector<std::uint8_t> typed(ValueType type)
{
    std::vector<std::uint8_t> out;
    putLe(out, static_cast<std::uint32_t>(type), 4);
    return out;
}

std::vector<std::uint8_t> arrayHeader(ValueType elementType, std::size_t count)
{
    auto out = typed(ValueType::Array);
    putLe(out, static_cast<std::uint32_t>(elementType), 4);
    putLe(out, count, 8);
    return out;
}

bool knownType(TensorType type)
{
    return type == TensorType::F32 || type == TensorType::F16 || type == TensorType::Q8_0
        || type == TensorType::BF16;
}

/** The product of dims, or 0 when it does not fit ggml's int64 element count. */
std::uint64_t elementCount(const std::vector<std::uint64_t> &dims)
{
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t n = 1;
    for (auto d : dims) {
        if (d == 0 || d > limit / n)
            return 0;
        n *= d;
    }
    return n;
}

/** An output file with a bounded buffer that counts the bytes it has taken. */
class Sink
{
public:
    Sink(const std::string &partPath, const std::string &path) : m_path(path)
    {
        m_buffer.reserve(kBufferBytes);
        m_out.open(partPath, std::ios::binary | std::ios::trunc);
        if (!m_out)
            throw Error("cannot create the file (is the folder there and writable?)", {path, 0, 0, -1, {}});
    }

    void put(const std::uint8_t *data, std::size_t n)
    {
        m_written += n;
        while (n) {
            const std::size_t take = std::min(n, kBufferBytes - m_buffer.size());
            m_buffer.insert(m_buffer.end(), data, data + take);
            data += take;
            n -= take;
            if (m_buffer.size() == kBufferBytes)
                drain();
        }
    }
    void put(const std::vector<std::uint8_t> &bytes) { put(bytes.data(), bytes.size()); }
    void zeros(std::size_t n)
    {
        static const std::uint8_t kZeros[kAlignment] = {};
        put(kZeros, n);
    }
    std::uint64_t written() const { return m_written; }

    void close()
    {
        drain();
        m_out.flush();
        m_out.close();
        if (m_out.fail())
            throw Error("writing failed when closing the file (is the disk full?)", {m_path, 0, 0, -1, {}});
    }

private:
    void drain()
    {
        if (!m_buffer.empty())
            m_out.write(reinterpret_cast<const char *>(m_buffer.data()), static_cast<std::streamsize>(m_buffer.size()));
        m_buffer.clear();
        if (!m_out)
            throw Error("writing failed (is the disk full?)", {m_path, 0, 0, -1, {}});
    }

    std::string m_path;
    std::ofstream m_out;
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_written = 0;
};

/** Encode values[0, n) as type into out (tensorBytes(type, n) bytes; n a multiple of 32 for Q8_0). */
void encode(TensorType type, const float *values, std::size_t n, std::vector<std::uint8_t> &out)
{
    out.clear();
    switch (type) {
    case TensorType::F32:
        out.reserve(n * 4);
        for (std::size_t i = 0; i < n; ++i)
            putLe(out, f32Bits(values[i]), 4);
        break;
    case TensorType::F16:
    case TensorType::BF16:
        out.reserve(n * 2);
        for (std::size_t i = 0; i < n; ++i)
            putLe(out, type == TensorType::F16 ? floatToHalf(values[i]) : floatToBf16(values[i]), 2);
        break;
    case TensorType::Q8_0:
        out.resize(n / kQ8_0BlockSize * kQ8_0BlockBytes);
        quantizeQ8_0(values, n, out.data());
        break;
    }
}

} // namespace

const char *tensorTypeName(TensorType type)
{
    switch (type) {
    case TensorType::F32: return "F32";
    case TensorType::F16: return "F16";
    case TensorType::Q8_0: return "Q8_0";
    case TensorType::BF16: return "BF16";
    }
    return "unknown";
}

std::uint64_t tensorBytes(TensorType type, std::uint64_t elements)
{
    switch (type) {
    case TensorType::F32: return elements * 4;
    case TensorType::F16:
    case TensorType::BF16: return elements * 2;
    case TensorType::Q8_0:
        if (elements % kQ8_0BlockSize)
            throw Error("gguf: Q8_0 needs a multiple of 32 values, not " + std::to_string(elements));
        return elements / kQ8_0BlockSize * kQ8_0BlockBytes;
    }
    throw Error("gguf: unknown tensor type " + std::to_string(static_cast<std::uint32_t>(type)));
}

void Writer::addEncoded(const std::string &key, std::vector<std::uint8_t> encoded)
{
    if (key.empty())
        throw Error("gguf: empty metadata key");
    if (hasKey(key))
        throw Error("gguf: metadata key \"" + key + "\" added twice");
    m_metadata.emplace_back(key, std::move(encoded));
}

void Writer::addU32(const std::string &key, std::uint32_t value)
{
    auto out = typed(ValueType::U32);
    putLe(out, value, 4);
    addEncoded(key, std::move(out));
}

void Writer::addI32(const std::string &key, std::int32_t value)
{
    auto out = typed(ValueType::I32);
    putLe(out, static_cast<std::uint32_t>(value), 4);
    addEncoded(key, std::move(out));
}

void Writer::addU64(const std::string &key, std::uint64_t value)
{
    auto out = typed(ValueType::U64);
    putLe(out, value, 8);
    addEncoded(key, std::move(out));
}

void Writer::addF32(const std::string &key, float value)
{
    auto out = typed(ValueType::F32);
    putLe(out, f32Bits(value), 4);
    addEncoded(key, std::move(out));
}

void Writer::addBool(const std::string &key, bool value)
{
    auto out = typed(ValueType::Bool);
    out.push_back(value ? 1 : 0);
    addEncoded(key, std::move(out));
}

void Writer::addString(const std::string &key, const std::string &value)
{
    auto out = typed(ValueType::String);
    putString(out, value);
    addEncoded(key, std::move(out));
}

void Writer::addStringArray(const std::string &key, const std::vector<std::string> &values)
{
    auto out = arrayHeader(ValueType::String, values.size());
    for (const auto &v : values)
        putString(out, v);
    addEncoded(key, std::move(out));
}

void Writer::addF32Array(const std::string &key, const std::vector<float> &values)
{
    auto out = arrayHeader(ValueType::F32, values.size());
    for (float v : values)
        putLe(out, f32Bits(v), 4);
    addEncoded(key, std::move(out));
}

void Writer::addI32Array(const std::string &key, const std::vector<std::int32_t> &values)
{
    auto out = arrayHeader(ValueType::I32, values.size());
    for (auto v : values)
        putLe(out, static_cast<std::uint32_t>(v), 4);
    addEncoded(key, std::move(out));
}

bool Writer::hasKey(const std::string &key) const
{
    return std::any_of(m_metadata.begin(), m_metadata.end(), [&](const auto &kv) { return kv.first == key; });
}

void Writer::addTensor(const std::string &name, std::vector<std::uint64_t> dims, TensorType type, Loader loader)
{
    const std::string what = "gguf: tensor \"" + name + "\": ";
    if (name.empty())
        throw Error("gguf: a tensor needs a name");
    if (name.size() > kMaxNameBytes)
        throw Error(what + "the name has " + std::to_string(name.size()) + " bytes, llama.cpp takes at most "
                    + std::to_string(kMaxNameBytes));
    if (std::any_of(m_tensors.begin(), m_tensors.end(), [&](const Tensor &t) { return t.name == name; }))
        throw Error(what + "added twice");
    if (dims.empty() || dims.size() > kMaxDims)
        throw Error(what + "needs 1 to " + std::to_string(kMaxDims) + " dimensions, not " + std::to_string(dims.size()));
    if (std::find(dims.begin(), dims.end(), 0u) != dims.end())
        throw Error(what + "has a dimension of size 0");
    if (!elementCount(dims))
        throw Error(what + "has too many elements");
    if (!knownType(type))
        throw Error(what + "unknown tensor type " + std::to_string(static_cast<std::uint32_t>(type)));
    if (type == TensorType::Q8_0 && dims[0] % kQ8_0BlockSize)
        throw Error(what + "Q8_0 needs its first dimension to be a multiple of 32, not " + std::to_string(dims[0]));
    if (!loader)
        throw Error(what + "has no loader");
    m_tensors.push_back({name, std::move(dims), type, std::move(loader)});
}

std::size_t Writer::tensorCount() const
{
    return m_tensors.size();
}

std::uint64_t Writer::fileSize() const
{
    std::uint64_t size = 4 + 4 + 8 + 8;  // magic, version, tensor count, metadata count
    for (const auto &[key, encoded] : m_metadata)
        size += 8 + key.size() + encoded.size();
    for (const auto &t : m_tensors)
        size += 8 + t.name.size() + 4 + 8 * t.dims.size() + 4 + 8;
    size = padded(size);
    for (const auto &t : m_tensors)
        size += padded(tensorBytes(t.type, elementCount(t.dims)));
    return size;
}

void Writer::write(const std::string &path, const Progress &progress) const
{
    const std::string part = path + ".part";
    const Error::Location where{path, 0, 0, -1, {}};
    try {
        Sink sink(part, path);

        // Header, metadata and tensor table, with each tensor's offset fixed up front.
        std::vector<std::uint8_t> head = {'G', 'G', 'U', 'F'};
        putLe(head, 3, 4);
        putLe(head, m_tensors.size(), 8);
        putLe(head, m_metadata.size(), 8);
        for (const auto &[key, encoded] : m_metadata) {
            putString(head, key);
            head.insert(head.end(), encoded.begin(), encoded.end());
        }
        std::uint64_t offset = 0;
        for (const auto &t : m_tensors) {
            putString(head, t.name);
            putLe(head, t.dims.size(), 4);
            for (auto d : t.dims)
                putLe(head, d, 8);
            putLe(head, static_cast<std::uint32_t>(t.type), 4);
            putLe(head, offset, 8);
            offset += padded(tensorBytes(t.type, elementCount(t.dims)));
        }
        sink.put(head);
        sink.zeros(static_cast<std::size_t>(padded(head.size()) - head.size()));

        // Data: one tensor in memory at a time, encoded through a bounded chunk.
        std::vector<std::uint8_t> chunk;
        for (std::size_t i = 0; i < m_tensors.size(); ++i) {
            const Tensor &t = m_tensors[i];
            if (progress)
                progress(i, m_tensors.size(), t.name);
            const std::uint64_t count = elementCount(t.dims);
            std::vector<float> values;
            try {
                values = t.loader();
            } catch (const std::exception &e) {
                throw Error("tensor \"" + t.name + "\": " + e.what(), where);
            }
            if (values.size() != count)
                throw Error("tensor \"" + t.name + "\": its loader gave " + std::to_string(values.size())
                                + " values, its dims need " + std::to_string(count),
                            where);
            for (std::size_t start = 0; start < values.size(); start += kChunkValues) {
                encode(t.type, values.data() + start, std::min(kChunkValues, values.size() - start), chunk);
                sink.put(chunk);
            }
            const std::uint64_t bytes = tensorBytes(t.type, count);
            sink.zeros(static_cast<std::size_t>(padded(bytes) - bytes));
        }

        if (sink.written() != fileSize())
            throw Error("internal error: wrote " + std::to_string(sink.written()) + " bytes, the layout says "
                            + std::to_string(fileSize()),
                        where);
        sink.close();
        if (std::rename(part.c_str(), path.c_str()) != 0)
            throw Error("cannot move the finished file into place", where);
    } catch (...) {
        std::remove(part.c_str());
        throw;
    }
}

} // namespace sft::gguf
