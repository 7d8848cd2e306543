// Fuzzes every dataset reader with arbitrary bytes: a reader may throw
// sft::Error (or sft::Cancelled never here) but must not crash, hang or leak,
// and what it reads must write back as JSONL and read back the same.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "data/formats.h"

namespace {

struct Case
{
    sft::DatasetFormat format;
    const char *mapping;  // a field mapping spec, or ""
    sft::OasstPaths paths;
    const char *language;
};

// Indexed by the first byte (modulo the count); the first five keep the corpus's original choices.
const Case kCases[] = {
    {sft::DatasetFormat::AlpacaJson, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Jsonl, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::ShareGpt, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Csv, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::SeedTasks, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::OpenAiMessages, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Oasst, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Oasst, "", sft::OasstPaths::All, "en"},
    {sft::DatasetFormat::UltraChat, "", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Jsonl, "instruction=q,input=meta.c,output=a,system=s", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Csv, "instruction=q,output=a", sft::OasstPaths::Best, ""},
    {sft::DatasetFormat::Auto, "", sft::OasstPaths::All, ""},
    {sft::DatasetFormat::AlpacaJson, "messages=m.list,system=s", sft::OasstPaths::Best, ""},
};

bool same(const sft::Record &a, const sft::Record &b)
{
    return a.instruction == b.instruction && a.input == b.input && a.output == b.output && a.system == b.system
           && a.turns == b.turns;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the reader and its options, the rest is the file.
    const Case &c = kCases[data[0] % (sizeof kCases / sizeof kCases[0])];
    const std::string text(reinterpret_cast<const char *>(data + 1), size - 1);
    sft::ReadOptions options;
    options.format = c.format;
    options.mapping = sft::FieldMapping::parse(c.mapping);
    options.oasstPaths = c.paths;
    options.language = c.language;
    try {
        const auto records = sft::parseDataset(text, options, "fuzz");
        // What was read must write back as JSONL and read again unchanged; the chat writers must not fail.
        const std::string again = sft::writeDataset(records, sft::DatasetFormat::Jsonl);
        const auto back = sft::parseDataset(again, sft::DatasetFormat::Jsonl, "again");
        if (back.size() != records.size())
            __builtin_trap();
        for (std::size_t i = 0; i < back.size(); ++i)
            if (!same(back[i], records[i]))
                __builtin_trap();
        sft::writeDataset(records, sft::DatasetFormat::ShareGpt);
        sft::writeDataset(records, sft::DatasetFormat::OpenAiMessages);
    } catch (const sft::Error &) {
    }
    return 0;
}
