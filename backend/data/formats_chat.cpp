// Conversations in files: a list of chat messages read into a record
// (ShareGPT's from/value, OpenAI's role/content), UltraChat's alternating
// "data" lists, and the ShareGPT / OpenAI shapes the writers produce.
//
// ShareGPT files (scraped chats) are read strictly. Assistant messages
// before the first user message are left out: real dumps hold conversations
// that begin with the model's greeting or a reply whose question was cut off,
// and FastChat's training preprocess skips a first message that is not from
// the human in the same way (it drops one; here every leading assistant
// message goes, so that the rest starts with the user). Nothing counts them:
// the readers have no channel for warnings, and the dropped text is in no
// record. After that the messages must alternate: two of one role in a row
// are an error naming the second ("conversations[3].from"). FastChat asserts
// alternation (its run stops there) and LLaMA-Factory skips the conversation
// with a warning; an import here is all-or-nothing, so it stops and says
// where. Message lists read as JSONL, Alpaca JSON or OpenAI messages follow
// the record rules of data/conversation.h (user and assistant messages in any
// order, at least one user message; a leading assistant message is kept),
// because those are the formats this program writes and a conversation
// edited by hand may hold a run that it must read back.
// A last user message without a reply is kept in both cases: nothing of the
// file is dropped; the record shows it and a training run learns nothing from
// it (only assistant messages count in the loss).

#include "data/formats_internal.h"

#include "data/conversation.h"

namespace sft::detail {

namespace {

// Roles of tool use, refused by name (only text conversations are trained here).
bool isToolRole(const std::string &role)
{
    std::string r;
    for (const char c : role)
        r += char(std::tolower(static_cast<unsigned char>(c)));
    return r == "tool" || r == "function" || r == "observation" || r == "function_call" || r == "tool_call"
           || r == "tool_response" || r == "ipython";
}

std::string indexed(const std::string &field, std::size_t i)
{
    return field + "[" + std::to_string(i) + "]";
}

} // namespace

std::string messageContent(const json &content, Error::Location at)
{
    if (content.is_string())
        return content.get<std::string>();
    if (!content.is_array())
        throw Error("expected a string or a list of {\"type\": \"text\", \"text\"} parts, found " + typeName(content), at);
    std::string text;
    for (std::size_t k = 0; k < content.size(); ++k) {
        const json &part = content[k];
        Error::Location pat = at;
        pat.field = indexed(at.field, k);
        if (part.is_string()) {
            text += part.get<std::string>();
            continue;
        }
        if (!part.is_object())
            throw Error("expected a content part {\"type\": \"text\", \"text\"}, found " + typeName(part), pat);
        const auto type = part.find("type");
        if (type != part.end() && !type->is_null()) {
            if (!type->is_string())
                throw Error("expected a string, found " + typeName(*type), {pat.file, pat.line, 0, pat.record, pat.field + ".type"});
            if (type->get<std::string>() != "text")
                throw Error("content part of type \"" + type->get<std::string>()
                                + "\" is not supported (only text parts are imported)",
                            {pat.file, pat.line, 0, pat.record, pat.field + ".type"});
        }
        text += stringField(part, "text", true, pat);
    }
    return text;
}

void readConversation(const json &obj, const json &list, const std::string &listField, const std::string &systemField,
                      bool strict, const Error::Location &at, Record &r)
{
    Error::Location lat = at;
    lat.field = listField;
    if (!list.is_array())
        throw Error("expected an array of messages, found " + typeName(list), lat);
    std::string system;
    bool systemMessage = false;
    std::vector<ChatMessage> turns;
    turns.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json &m = list[i];
        Error::Location mat = at;
        mat.field = indexed(listField, i);
        if (!m.is_object())
            throw Error("expected a message object, found " + typeName(m), mat);
        // Per message: ShareGPT's from/value or OpenAI's role/content.
        const bool shareGpt = !m.contains("role") && m.contains("from");
        const std::string roleKey = shareGpt ? "from" : "role";
        const std::string textKey = m.contains("content") ? "content"
                                    : m.contains("value") ? "value"
                                    : shareGpt            ? "value"
                                                          : "content";
        for (const char *calls : {"tool_calls", "function_call"}) {
            const auto c = m.find(calls);
            if (c != m.end() && !c->is_null() && !(c->is_array() && c->empty()))
                throw Error("tool calls are not supported (only text conversations are imported)",
                            {mat.file, mat.line, 0, mat.record, mat.field + "." + calls});
        }
        const std::string name = stringField(m, roleKey, true, mat);
        Error::Location rat = mat;
        rat.field += "." + roleKey;
        const std::string role = canonicalRole(name);
        if (role.empty()) {
            if (isToolRole(name))
                throw Error("role \"" + name + "\": tool and function messages are not supported (only system, user "
                                "and assistant messages)", rat);
            throw Error("unknown role \"" + name + "\" (expected system, user / human or assistant / gpt)", rat);
        }
        Error::Location cat = mat;
        cat.field += "." + textKey;
        const auto c = m.find(textKey);
        if (c == m.end())
            throw Error("missing required field", cat);
        std::string content = messageContent(*c, cat);
        if (role == "system") {
            if (i != 0)
                throw Error("a system message must come first", rat);
            system = std::move(content);
            systemMessage = true;
            continue;
        }
        if (strict && turns.empty() && role != "user")
            continue;  // a leading assistant message (see the top of this file)
        if (strict && !turns.empty() && turns.back().role == role)
            throw Error("two " + role + " messages in a row (" + indexed(listField, i - 1) + " and " + indexed(listField, i)
                            + "); user and assistant messages must alternate",
                        rat);
        turns.push_back({role, std::move(content)});
    }
    if (list.empty())
        throw Error("empty conversation: expected user and assistant messages", lat);
    if (std::none_of(turns.begin(), turns.end(), [](const ChatMessage &m) { return m.role == "user"; }))
        throw Error("the conversation has no user message", lat);
    // The record's own system field (LLaMA-Factory's ShareGPT and OpenAI files have one).
    if (!systemField.empty()) {
        if (const json *s = lookupPath(obj, systemField); s && !s->is_null()) {
            Error::Location sat = at;
            sat.field = systemField;
            if (!s->is_string())
                throw Error("expected a string, found " + typeName(*s), sat);
            const std::string value = s->get<std::string>();
            if (systemMessage && !value.empty() && value != system)
                throw Error("two different system messages: this field and " + indexed(listField, 0), sat);
            if (!systemMessage)
                system = value;
        }
    }
    r.system = std::move(system);
    setTurns(r, std::move(turns));
}

std::vector<Record> parseUltraChat(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    std::vector<Record> out;
    forEachElement(text, path, Container::Either, "conversations", progress, [&](const json &obj, const Error::Location &at) {
        if (!obj.is_object())
            throw Error("expected an object {\"id\", \"data\"}, found " + typeName(obj), at);
        Error::Location dat = at;
        dat.field = "data";
        const auto it = obj.find("data");
        if (it == obj.end() || it->is_null())
            throw Error("missing required field", dat);
        if (!it->is_array())
            throw Error("expected an array of messages (user, assistant, user, ...), found " + typeName(*it), dat);
        if (it->empty())
            throw Error("empty conversation: expected user and assistant messages", dat);
        std::vector<ChatMessage> turns;
        turns.reserve(it->size());
        for (std::size_t k = 0; k < it->size(); ++k) {
            const json &m = (*it)[k];
            if (!m.is_string())
                throw Error("expected a string, found " + typeName(m), {path, at.line, 0, at.record, indexed("data", k)});
            turns.push_back({k % 2 == 0 ? "user" : "assistant", m.get<std::string>()});
        }
        Record r;
        setTurns(r, std::move(turns));
        r.source = path;
        out.push_back(std::move(r));
    });
    return out;
}

json openAiObject(const Record &r)
{
    json messages = json::array();
    for (const ChatMessage &m : messagesOf(r))
        messages.push_back(json{{"role", m.role}, {"content", m.content}});
    return json{{"messages", std::move(messages)}};
}

json shareGptObject(const Record &r)
{
    json conversations = json::array();
    for (const ChatMessage &m : messagesOf(r)) {
        const char *from = m.role == "system" ? "system" : m.role == "user" ? "human" : "gpt";
        conversations.push_back(json{{"from", from}, {"value", m.content}});
    }
    return json{{"conversations", std::move(conversations)}};
}

} // namespace sft::detail
