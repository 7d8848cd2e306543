#pragma once
// One message of a conversation, shared by the dataset records, the chat
// templates that render them and the servers that receive them.

#include <string>

namespace sft {

/** role: "system", "user" or "assistant" (a template may accept others, e.g. Alpaca's "input"). */
struct ChatMessage
{
    std::string role;
    std::string content;

    bool operator==(const ChatMessage &o) const { return role == o.role && content == o.content; }
    bool operator!=(const ChatMessage &o) const { return !(*this == o); }
};

} // namespace sft
