// Fuzzes every dataset reader with arbitrary bytes: a reader may throw
// sft::Error (or sft::Cancelled never here) but must not crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "data/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the format, the rest is the file.
    static const sft::DatasetFormat formats[] = {sft::DatasetFormat::AlpacaJson, sft::DatasetFormat::Jsonl,
                                                 sft::DatasetFormat::ShareGpt, sft::DatasetFormat::Csv,
                                                 sft::DatasetFormat::SeedTasks};
    const auto format = formats[data[0] % 5];
    const std::string text(reinterpret_cast<const char *>(data + 1), size - 1);
    try {
        const auto records = sft::parseDataset(text, format, "fuzz");
        // What was read must write back and read again.
        const std::string again = sft::writeDataset(records, sft::DatasetFormat::Jsonl);
        const auto back = sft::parseDataset(again, sft::DatasetFormat::Jsonl, "again");
        if (back.size() != records.size())
            __builtin_trap();
    } catch (const sft::Error &) {
    }
    return 0;
}
