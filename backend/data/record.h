#pragma once
// An instruction record as the engine sees it (Qt-free): the Alpaca triple or
// a conversation, plus curation state. The workspace stores the same fields in
// SQLite.
//
// A record is one of two shapes (data/conversation.h keeps them consistent):
// - single-turn: instruction, optional input, output (turns empty). The
//   common case, and what every Alpaca-style file holds;
// - conversation: turns holds the user / assistant messages in order (at
//   least one user message, and not exactly one user message followed by one
//   assistant message, which is stored single-turn). instruction then holds
//   the first user message and output the assistant's reply to it (empty when
//   none), so lists, filters and single-turn tools see a summary; input is
//   empty.
// Either shape may have a system message.

#include "core/chat_message.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft {

enum class RecordStatus { Pending = 0, Accepted = 1, Rejected = 2 };

struct Record
{
    std::string instruction;
    std::string input;
    std::string output;
    std::string system;               ///< optional system message
    std::vector<ChatMessage> turns;   ///< a conversation's user / assistant messages; empty when single-turn
    RecordStatus status = RecordStatus::Pending;
    std::string reason;               ///< why it was rejected
    std::vector<std::string> tags;
    std::string note;
    std::string source;               ///< file or generator it came from
    bool flagged = false;
};

const char *statusName(RecordStatus s);
bool statusFromName(const std::string &name, RecordStatus &out);

} // namespace sft
