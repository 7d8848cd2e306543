// The compared text of a record: the one place that says what each field means.

#include "rouge/compared_text.h"

#include "data/conversation.h"

namespace sft::rouge {

std::string comparedText(const Record &r, ComparedField field)
{
    switch (field) {
    case ComparedField::Instruction:
        return r.instruction;
    case ComparedField::InstructionInput:
        return r.input.empty() ? r.instruction : r.instruction + '\n' + r.input;
    case ComparedField::Output:
        return r.output;
    case ComparedField::Conversation:
        return conversationText(r);
    case ComparedField::Input:
        return r.input;
    }
    return r.instruction;
}

bool comparedFieldFromName(const std::string &name, ComparedField &field)
{
    static const struct
    {
        const char *name;
        ComparedField field;
    } names[] = {
        {"instruction", ComparedField::Instruction},
        {"input", ComparedField::Input},
        {"output", ComparedField::Output},
        {"instruction+input", ComparedField::InstructionInput},
        {"first-turn", ComparedField::InstructionInput},
        {"conversation", ComparedField::Conversation},
    };
    for (const auto &n : names) {
        if (name == n.name) {
            field = n.field;
            return true;
        }
    }
    return false;
}

} // namespace sft::rouge
