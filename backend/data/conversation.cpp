// The two shapes of a record seen as chat messages, and setTurns, which picks
// the shape a list of messages is stored in (see data/record.h).

#include "data/conversation.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>

namespace sft {

std::vector<ChatMessage> messagesOf(const Record &r)
{
    std::vector<ChatMessage> out;
    out.reserve(r.turns.size() + 3);
    if (!r.system.empty())
        out.push_back({"system", r.system});
    if (isConversation(r)) {
        out.insert(out.end(), r.turns.begin(), r.turns.end());
        return out;
    }
    out.push_back({"user", r.input.empty() ? r.instruction : r.instruction + "\n\n" + r.input});
    if (!r.output.empty())
        out.push_back({"assistant", r.output});
    return out;
}

std::vector<ChatMessage> turnsOf(const Record &r)
{
    if (isConversation(r))
        return r.turns;
    Record copy;
    copy.instruction = r.instruction;
    copy.input = r.input;
    copy.output = r.output;
    return messagesOf(copy);
}

int turnCount(const Record &r)
{
    if (!isConversation(r))
        return 1;
    return int(std::count_if(r.turns.begin(), r.turns.end(), [](const ChatMessage &m) { return m.role == "user"; }));
}

int checkTurns(const std::vector<ChatMessage> &turns, std::string &why)
{
    if (turns.empty()) {
        why = "a conversation needs at least one user message";
        return 0;
    }
    bool user = false;
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const std::string &role = turns[i].role;
        if (role != "user" && role != "assistant") {
            why = "role \"" + role + "\" is not allowed here (expected user or assistant)";
            return int(i);
        }
        user = user || role == "user";
    }
    if (!user) {
        why = "a conversation needs at least one user message";
        return 0;
    }
    why.clear();
    return -1;
}

void setTurns(Record &r, std::vector<ChatMessage> turns)
{
    std::string why;
    const int bad = checkTurns(turns, why);
    if (bad >= 0)
        throw Error(why, {{}, 0, 0, -1, turns.empty() ? std::string("turns") : "turns[" + std::to_string(bad) + "].role"});
    r.input.clear();
    const bool single = (turns.size() == 1 && turns[0].role == "user")
                        || (turns.size() == 2 && turns[0].role == "user" && turns[1].role == "assistant");
    if (single) {
        r.instruction = std::move(turns[0].content);
        r.output = turns.size() == 2 ? std::move(turns[1].content) : std::string();
        r.turns.clear();
        return;
    }
    // The summary: the first user message and the assistant message right after it.
    const auto first = std::find_if(turns.begin(), turns.end(), [](const ChatMessage &m) { return m.role == "user"; });
    r.instruction = first->content;
    const auto next = first + 1;
    r.output = next != turns.end() && next->role == "assistant" ? next->content : std::string();
    r.turns = std::move(turns);
}

std::string canonicalRole(const std::string &name)
{
    std::string n;
    n.reserve(name.size());
    for (const char c : name)
        n += char(std::tolower(static_cast<unsigned char>(c)));
    if (n == "user" || n == "human" || n == "prompter")
        return "user";
    // ShareGPT dumps name the chatbot a conversation was shared from (gpt, chatgpt, bing, bard).
    if (n == "assistant" || n == "gpt" || n == "bot" || n == "chatgpt" || n == "bing" || n == "bard" || n == "model")
        return "assistant";
    if (n == "system")
        return "system";
    return {};
}

std::string conversationText(const Record &r)
{
    std::string out;
    for (const ChatMessage &m : messagesOf(r)) {
        if (m.content.empty())
            continue;
        if (!out.empty())
            out += "\n\n";
        out += m.content;
    }
    return out;
}

} // namespace sft
