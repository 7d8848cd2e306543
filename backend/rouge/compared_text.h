#pragma once
// The text of a record that ROUGE-L compares, chosen by field. One definition
// for every caller (sftbench-cli dedup, the workspace's quality check and the
// Quality panel's comparison view), so a record is compared on the same text
// wherever it is checked.
//
// A conversation's summary fields hold its first user message (instruction,
// input empty) and the reply to it (output), so the single-turn fields read a
// conversation's first turn; Conversation compares all of it.

#include "data/record.h"

#include <string>

namespace sft::rouge {

/** Which text of a record is compared. The values are stored (panel settings): do not renumber. */
enum class ComparedField
{
    Instruction = 0,        ///< the instruction (a conversation's first user message)
    InstructionInput = 1,   ///< instruction + "\n" + input when input is not empty: the first user turn
    Output = 2,             ///< the output (a conversation's first reply)
    Conversation = 3,       ///< the system message and every message (sft::conversationText)
    Input = 4,              ///< the input alone (empty for a conversation)
};

/**
 * The compared text of r. InstructionInput joins with a newline so the last
 * word of the instruction and the first of the input stay two tokens.
 */
std::string comparedText(const Record &r, ComparedField field);

/**
 * The field named on the command line: instruction, input, output,
 * instruction+input, first-turn (the same as instruction+input) or
 * conversation. False for another name.
 */
bool comparedFieldFromName(const std::string &name, ComparedField &field);

} // namespace sft::rouge
