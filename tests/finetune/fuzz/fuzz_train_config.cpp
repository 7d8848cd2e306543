// Fuzzes the run config reader (config.json) with arbitrary bytes: it may
// throw sft::Error but must not crash; what it accepts must write back and
// read again to the same settings.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json.h"
#include "finetune/train_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    try {
        const auto config = sft::finetune::TrainConfig::fromJson(sft::parseJsonDocument(text, "fuzz"), "fuzz");
        const auto back = sft::finetune::TrainConfig::fromJson(config.toJson(), "again");
        if (back.toJson() != config.toJson())
            __builtin_trap();
    } catch (const sft::Error &) {
    }
    return 0;
}
