// libFuzzer entry for sft::safetensors::parseHeader: any byte string must
// either parse into a header whose tensors lie inside the buffer, or throw
// sft::Error; anything else (crash, other exception, sanitizer report) is a bug.

#include "core/error.h"
#include "safetensors/header.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        const auto h = sft::safetensors::parseHeader(data, size, "fuzz");
        for (const auto &t : h.tensors)
            if (t.end > h.dataSize || t.begin > t.end || h.dataStart + h.dataSize != size)
                std::abort();
    } catch (const sft::Error &) {
    }
    return 0;
}
