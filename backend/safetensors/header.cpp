// Validation of untrusted safetensors headers (see header.h for the rules).

#include "safetensors/header.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace sft::safetensors {

namespace {

[[noreturn]] void fail(const std::string &file, const std::string &tensor, const std::string &msg)
{
    Error::Location where;
    where.file = file;
    where.field = tensor;
    throw Error(msg, where);
}

std::uint64_t readLe64(const std::uint8_t *p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

std::uint64_t unsignedValue(const nlohmann::json &v, const std::string &file, const std::string &tensor,
                            const char *what)
{
    if (v.is_number_unsigned())
        return v.get<std::uint64_t>();
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0)
        return static_cast<std::uint64_t>(v.get<std::int64_t>());
    fail(file, tensor, std::string(what) + " must be a non-negative integer, got " + v.dump());
}

TensorInfo parseEntry(const std::string &name, const nlohmann::json &e, const std::string &file)
{
    if (!e.is_object())
        fail(file, name, "tensor entry must be a JSON object");
    for (auto it = e.begin(); it != e.end(); ++it)
        if (it.key() != "dtype" && it.key() != "shape" && it.key() != "data_offsets")
            fail(file, name, "unexpected key \"" + it.key() + "\" in tensor entry");
    TensorInfo t;
    t.name = name;

    const auto dt = e.find("dtype");
    if (dt == e.end() || !dt->is_string())
        fail(file, name, "missing or non-string \"dtype\"");
    const auto parsed = dtypeFromString(dt->get<std::string>());
    if (!parsed)
        fail(file, name, "unknown dtype \"" + dt->get<std::string>() + "\"");
    t.dtype = *parsed;

    const auto sh = e.find("shape");
    if (sh == e.end() || !sh->is_array())
        fail(file, name, "missing or non-array \"shape\"");
    std::uint64_t numel = 1;
    bool overflow = false;
    for (const auto &d : *sh) {
        const std::uint64_t n = unsignedValue(d, file, name, "shape dimension");
        if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            fail(file, name, "shape dimension " + std::to_string(n) + " is too large");
        if (n != 0 && numel > std::numeric_limits<std::uint64_t>::max() / n)
            overflow = true;
        else
            numel *= n;
        t.shape.push_back(static_cast<std::int64_t>(n));
    }
    // A zero dimension makes numel 0 even if other dimensions overflowed.
    if (std::find(t.shape.begin(), t.shape.end(), 0) != t.shape.end())
        numel = 0, overflow = false;
    const std::uint64_t esize = dtypeSize(t.dtype);
    if (overflow || numel > std::numeric_limits<std::uint64_t>::max() / esize
        || numel > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail(file, name, "shape " + sh->dump() + " overflows the element count");

    const auto off = e.find("data_offsets");
    if (off == e.end() || !off->is_array() || off->size() != 2)
        fail(file, name, "\"data_offsets\" must be an array [begin, end]");
    t.begin = unsignedValue((*off)[0], file, name, "data_offsets[0]");
    t.end = unsignedValue((*off)[1], file, name, "data_offsets[1]");
    if (t.end < t.begin)
        fail(file, name, "data_offsets end " + std::to_string(t.end) + " is before begin "
                             + std::to_string(t.begin));
    if (t.end - t.begin != numel * esize)
        fail(file, name, "data_offsets span " + std::to_string(t.end - t.begin) + " bytes but shape "
                             + sh->dump() + " of " + dtypeName(t.dtype) + " needs "
                             + std::to_string(numel * esize));
    return t;
}

} // namespace

std::int64_t TensorInfo::numel() const
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

const TensorInfo *Header::find(const std::string &name) const
{
    for (const auto &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

Header parseHeader(const std::uint8_t *bytes, std::size_t size, const std::string &file)
{
    if (size < 8)
        fail(file, {}, "file is too short (" + std::to_string(size) + " bytes) for the 8-byte header length");
    const std::uint64_t n = readLe64(bytes);
    if (n > kMaxHeaderBytes)
        fail(file, {}, "header length " + std::to_string(n) + " exceeds the 100 MB limit");
    if (n > size - 8)
        fail(file, {}, "header length " + std::to_string(n) + " runs past the end of the file ("
                           + std::to_string(size) + " bytes)");
    if (n == 0 || bytes[8] != '{')
        fail(file, {}, "header does not start with '{'");

    const char *text = reinterpret_cast<const char *>(bytes + 8);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text, text + n);
    } catch (const nlohmann::json::exception &e) {
        fail(file, {}, std::string("header is not valid JSON: ") + e.what());
    }
    if (!j.is_object())
        fail(file, {}, "header must be a JSON object");

    Header h;
    h.dataStart = 8 + n;
    h.dataSize = size - h.dataStart;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "__metadata__") {
            if (!it->is_object())
                fail(file, "__metadata__", "must be an object of strings");
            for (auto m = it->begin(); m != it->end(); ++m) {
                if (!m->is_string())
                    fail(file, "__metadata__", "value of \"" + m.key() + "\" is not a string");
                h.metadata[m.key()] = m->get<std::string>();
            }
            continue;
        }
        h.tensors.push_back(parseEntry(it.key(), *it, file));
    }

    std::sort(h.tensors.begin(), h.tensors.end(), [](const TensorInfo &a, const TensorInfo &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t expected = 0;
    for (const auto &t : h.tensors) {
        if (t.begin != expected)
            fail(file, t.name, t.begin < expected
                     ? "data_offsets overlap the previous tensor (begin " + std::to_string(t.begin)
                           + " < " + std::to_string(expected) + ")"
                     : "data_offsets leave a gap (begin " + std::to_string(t.begin) + ", expected "
                           + std::to_string(expected) + ")");
        expected = t.end;
    }
    if (expected != h.dataSize)
        fail(file, {}, "tensors cover " + std::to_string(expected) + " bytes but the data buffer has "
                           + std::to_string(h.dataSize));
    return h;
}

} // namespace sft::safetensors
