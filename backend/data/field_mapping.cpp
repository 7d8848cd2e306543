// Field mappings ("instruction=question,input=context,output=response") and
// reading one record of an Alpaca JSON / JSONL / ShareGPT / OpenAI file
// through one: the Alpaca fields (under their own or mapped names, dotted
// paths into nested objects), or a message list.

#include "data/formats_internal.h"

#include "data/conversation.h"

namespace sft {

namespace {

std::string trimmed(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

} // namespace

FieldMapping FieldMapping::parse(const std::string &spec)
{
    FieldMapping m;
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        std::size_t comma = spec.find(',', pos);
        if (comma == std::string::npos)
            comma = spec.size();
        const std::string pair = trimmed(spec.substr(pos, comma - pos));
        pos = comma + 1;
        if (pair.empty())
            continue;
        const auto eq = pair.find('=');
        if (eq == std::string::npos)
            throw Error("field mapping \"" + pair + "\": expected TARGET=FIELD, e.g. output=response");
        std::string target = trimmed(pair.substr(0, eq));
        for (char &c : target)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        const std::string source = trimmed(pair.substr(eq + 1));
        std::string *slot = target == "instruction" ? &m.instruction
                            : target == "input"     ? &m.input
                            : target == "output"    ? &m.output
                            : target == "system"    ? &m.system
                            : target == "messages" || target == "conversations" ? &m.messages
                                                                                : nullptr;
        if (!slot)
            throw Error("field mapping \"" + pair + "\": unknown target \"" + target
                        + "\" (instruction, input, output, system or messages)");
        if (source.empty())
            throw Error("field mapping \"" + pair + "\": no source field after \"=\"");
        if (!slot->empty())
            throw Error("field mapping \"" + pair + "\": " + target + " is mapped twice");
        *slot = source;
    }
    if (!m.messages.empty() && (!m.instruction.empty() || !m.input.empty() || !m.output.empty()))
        throw Error("field mapping \"" + trimmed(spec)
                    + "\": messages reads whole conversations and cannot be combined with instruction, input or output");
    return m;
}

std::string FieldMapping::toString() const
{
    std::string out;
    const std::pair<const char *, const std::string *> parts[] = {
        {"instruction", &instruction}, {"input", &input}, {"output", &output}, {"system", &system}, {"messages", &messages}};
    for (const auto &[target, source] : parts) {
        if (source->empty())
            continue;
        if (!out.empty())
            out += ',';
        out += std::string(target) + '=' + *source;
    }
    return out;
}

namespace detail {

const json *lookupPath(const json &obj, const std::string &path)
{
    if (!obj.is_object())
        return nullptr;
    // A key that itself holds a dot wins over the path.
    if (const auto it = obj.find(path); it != obj.end())
        return &*it;
    const json *cur = &obj;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t dot = path.find('.', pos);
        if (dot == std::string::npos)
            dot = path.size();
        const std::string key = path.substr(pos, dot - pos);
        pos = dot + 1;
        if (cur->is_object()) {
            const auto it = cur->find(key);
            if (it == cur->end())
                return nullptr;
            cur = &*it;
        } else if (cur->is_array() && !key.empty() && key.size() < 10
                   && key.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t index = std::stoul(key);
            if (index >= cur->size())
                return nullptr;
            cur = &(*cur)[index];
        } else {
            return nullptr;
        }
    }
    return cur;
}

std::string mappedSource(const FieldMapping &m, const std::string &target)
{
    const std::string &mapped = target == "instruction" ? m.instruction
                                : target == "input"     ? m.input
                                : target == "output"    ? m.output
                                                        : m.system;
    if (!mapped.empty())
        return mapped;
    // The usual name, unless another target reads that field (Firefly: instruction=input, output=target).
    for (const std::string *other : {&m.instruction, &m.input, &m.output, &m.system})
        if (*other == target)
            return {};
    return target;
}

namespace {

// The string at a dotted path; a missing or null optional value is "".
std::string pathString(const json &obj, const std::string &path, bool required, Error::Location at)
{
    at.field = path;
    const json *v = lookupPath(obj, path);
    if (!v || v->is_null()) {
        if (required)
            throw Error("missing required field", at);
        return {};
    }
    if (!v->is_string())
        throw Error("expected a string, found " + typeName(*v), at);
    return v->get<std::string>();
}

// The Alpaca fields through the mapping, and LLaMA-Factory's "history" of earlier [instruction, response]
// pairs, which makes the record a conversation.
void readAlpaca(const json &obj, const FieldMapping &mapping, const Error::Location &at, Record &r)
{
    const std::string instruction = mappedSource(mapping, "instruction");
    const std::string input = mappedSource(mapping, "input");
    const std::string output = mappedSource(mapping, "output");
    const std::string system = mappedSource(mapping, "system");
    if (instruction.empty() || output.empty())
        throw Error(std::string("the field mapping reads no field into ") + (instruction.empty() ? "instruction" : "output")
                        + " (map it, e.g. " + (instruction.empty() ? "instruction" : "output") + "=FIELD)",
                    at);
    r.instruction = pathString(obj, instruction, true, at);
    r.input = input.empty() ? std::string() : pathString(obj, input, false, at);
    r.output = pathString(obj, output, true, at);
    r.system = system.empty() ? std::string() : pathString(obj, system, false, at);

    const auto history = obj.find("history");
    if (history == obj.end() || history->is_null())
        return;
    Error::Location hat = at;
    hat.field = "history";
    if (!history->is_array())
        throw Error("expected an array of [instruction, response] pairs, found " + typeName(*history), hat);
    if (history->empty())
        return;
    std::vector<ChatMessage> turns;
    for (std::size_t k = 0; k < history->size(); ++k) {
        const json &pair = (*history)[k];
        hat.field = "history[" + std::to_string(k) + "]";
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
            throw Error("expected an [instruction, response] pair of strings", hat);
        turns.push_back({"user", pair[0].get<std::string>()});
        turns.push_back({"assistant", pair[1].get<std::string>()});
    }
    turns.push_back({"user", r.input.empty() ? r.instruction : r.instruction + "\n\n" + r.input});
    if (!r.output.empty())
        turns.push_back({"assistant", r.output});
    setTurns(r, std::move(turns));
}

} // namespace

Record recordFromElement(const json &obj, DatasetFormat format, const FieldMapping &mapping, const Error::Location &at)
{
    const bool chat = format == DatasetFormat::ShareGpt || format == DatasetFormat::OpenAiMessages;
    if (!obj.is_object())
        throw Error(std::string(format == DatasetFormat::ShareGpt         ? "expected an object with \"conversations\""
                                : format == DatasetFormat::OpenAiMessages ? "expected an object with \"messages\""
                                                                          : "expected an object {\"instruction\", \"input\", \"output\"}")
                        + ", found " + typeName(obj),
                    at);
    Record r;
    const bool strict = format == DatasetFormat::ShareGpt;
    const std::string system = mappedSource(mapping, "system");
    if (!mapping.messages.empty()) {
        const json *list = lookupPath(obj, mapping.messages);
        if (!list || list->is_null())
            throw Error("missing required field", {at.file, at.line, 0, at.record, mapping.messages});
        readConversation(obj, *list, mapping.messages, system, strict, at, r);
        return r;
    }
    const bool mapped = !mapping.instruction.empty() || !mapping.input.empty() || !mapping.output.empty();
    if (!mapped) {
        const char *list = obj.contains("conversations") ? "conversations" : obj.contains("messages") ? "messages" : nullptr;
        const bool alpaca = obj.contains("instruction");
        if (list && (chat || !alpaca)) {
            readConversation(obj, obj[list], list, system, strict, at, r);
            return r;
        }
        if (chat && !alpaca)
            throw Error("missing required field",
                        {at.file, at.line, 0, at.record, format == DatasetFormat::ShareGpt ? "conversations" : "messages"});
    }
    readAlpaca(obj, mapping, at, r);
    return r;
}

} // namespace detail

} // namespace sft
