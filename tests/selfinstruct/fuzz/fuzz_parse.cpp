// Fuzzes the Self-Instruct parsers with arbitrary bytes: the model-output
// parsers never throw and return valid UTF-8 taken from inside the input;
// the seed reader may throw sft::Error but must not crash, and what it read
// must write back and read again unchanged.

#include "core/error.h"
#include "core/utf8.h"
#include "selfinstruct/parse.h"
#include "selfinstruct/seeds.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

void checkText(const std::string &s)
{
    check(sft::utf8::isValid(s));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the parser, the cut-off flag and the first number; the rest is the text,
    // copied into a buffer of its exact size so that ASan catches any read past it.
    const std::uint8_t control = data[0];
    const std::string text(reinterpret_cast<const char *>(data + 1), size - 1);
    const std::string_view view(text);
    const bool cutOff = control & 0x08;
    const int first = (control >> 4) % 12;
    using namespace sft::selfinstruct;
    switch (control % 6) {
    case 0: {
        const ParsedList list = parseNumberedInstructions(view, first, cutOff);
        for (const std::string &item : list.items) {
            check(!item.empty());
            checkText(item);
        }
        check(list.droppedCutOff >= 0 && list.droppedMalformed >= 0);
        break;
    }
    case 1:
        parseIsClassification(view);
        break;
    case 2:
        for (const Instance &i : parseInputFirstInstances(view, cutOff)) {
            check(!i.output.empty());
            checkText(i.input);
            checkText(i.output);
        }
        break;
    case 3:
        for (const Instance &i : parseOutputFirstInstances(view, cutOff)) {
            check(!i.input.empty() && !i.output.empty());
            checkText(i.input);
            checkText(i.output);
        }
        break;
    case 4:
        for (const BatchTask &t : parseBatchTasks(view, first, cutOff)) {
            check(!t.instruction.empty() && !t.instance.output.empty());
            checkText(t.instruction);
            checkText(t.instance.input);
            checkText(t.instance.output);
        }
        break;
    default:
        try {
            const std::vector<SeedTask> tasks = parseSeedTasks(view, "fuzz");
            const std::vector<SeedTask> back = parseSeedTasks(seedTasksJsonl(tasks), "again");
            check(back.size() == tasks.size());
            for (std::size_t i = 0; i < tasks.size(); ++i)
                check(back[i].instruction == tasks[i].instruction && back[i].instances.size() == tasks[i].instances.size());
        } catch (const sft::Error &) {
        }
        break;
    }
    return 0;
}
