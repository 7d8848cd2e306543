// Seed task files: Self-Instruct / BELLE seed JSON lines and plain records,
// as JSON lines or a JSON array, read with errors that point at the record.

#include "selfinstruct/seeds.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace sft::selfinstruct {
namespace {

using nlohmann::json;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool isBlank(std::string_view s)
{
    for (char c : s)
        if (!isSpace(c))
            return false;
    return true;
}

/** A string field (named prefix + name in errors); a missing or null optional one is "". */
std::string stringField(const json &obj, const char *name, bool required, Error::Location at,
                        const std::string &prefix = {})
{
    at.field = prefix + name;
    const auto it = obj.find(name);
    if (it == obj.end() || it->is_null()) {
        if (required)
            throw Error("missing required field", at);
        return {};
    }
    if (!it->is_string())
        throw Error("expected a string, found " + std::string(it->type_name()), at);
    return it->get<std::string>();
}

/** An instance; prefix is "instances[k]." for Self-Instruct tasks and "" for plain records. */
Instance instanceFrom(const json &obj, const Error::Location &at, const std::string &prefix)
{
    if (!obj.is_object())
        throw Error("expected an object {\"input\", \"output\"}, found " + std::string(obj.type_name()), at);
    Instance inst;
    inst.input = stringField(obj, "input", false, at, prefix);
    inst.output = stringField(obj, "output", true, at, prefix);
    return inst;
}

/**
 * A conversation record ({"messages": [...]}, as a workspace dataset with conversations is exported) as a
 * plain record: its first user message is the instruction and the reply to it the output; the rest of the
 * conversation has no place in a seed task.
 */
json firstExchange(const json &obj, Error::Location at)
{
    const json &messages = obj["messages"];
    at.field = "messages";
    if (!messages.is_array())
        throw Error("expected an array of {\"role\", \"content\"}, found " + std::string(messages.type_name()), at);
    json plain = json::object();
    for (std::size_t k = 0; k < messages.size(); ++k) {
        const json &m = messages[k];
        if (!m.is_object() || !m.contains("role") || !m["role"].is_string() || !m.contains("content")
            || !m["content"].is_string()) {
            at.field = "messages[" + std::to_string(k) + "]";
            throw Error("expected {\"role\": string, \"content\": string}", at);
        }
        const std::string role = m["role"].get<std::string>();
        if (role == "user" && !plain.contains("instruction"))
            plain["instruction"] = m["content"];
        else if (role == "assistant" && plain.contains("instruction")) {
            plain["output"] = m["content"];
            break;
        }
    }
    if (!plain.contains("instruction"))
        throw Error("the conversation has no user message", at);
    if (!plain.contains("output"))
        throw Error("the conversation's first user message has no reply", at);
    return plain;
}

SeedTask taskFrom(const json &given, std::int64_t index, Error::Location at)
{
    if (!given.is_object())
        throw Error("expected a seed task object {\"instruction\", ...}, found " + std::string(given.type_name()), at);
    const bool conversation = !given.contains("instruction") && given.contains("messages");
    const json converted = conversation ? firstExchange(given, at) : json();
    const json &obj = conversation ? converted : given;
    SeedTask task;
    if (const auto it = obj.find("id"); it != obj.end() && !it->is_null()) {
        if (it->is_string())
            task.id = it->get<std::string>();
        else if (it->is_number_integer())
            task.id = std::to_string(it->get<std::int64_t>());
        else {
            at.field = "id";
            throw Error("expected a string or an integer, found " + std::string(it->type_name()), at);
        }
    }
    if (task.id.empty())
        task.id = "seed_task_" + std::to_string(index);
    task.name = stringField(obj, "name", false, at);
    task.instruction = stringField(obj, "instruction", true, at);
    if (isBlank(task.instruction)) {
        at.field = "instruction";
        throw Error("the instruction is empty", at);
    }
    if (const auto it = obj.find("instances"); it != obj.end()) {
        Error::Location iat = at;
        iat.field = "instances";
        if (!it->is_array() || it->empty())
            throw Error("expected a non-empty array of {\"input\", \"output\"}", iat);
        for (std::size_t k = 0; k < it->size(); ++k) {
            iat.field = "instances[" + std::to_string(k) + "]";
            task.instances.push_back(instanceFrom((*it)[k], iat, iat.field + "."));
        }
    } else {
        // A plain record: its own input and output are the one instance.
        task.instances.push_back(instanceFrom(obj, at, {}));
    }
    if (const auto it = obj.find("is_classification"); it != obj.end() && !it->is_null()) {
        if (!it->is_boolean()) {
            at.field = "is_classification";
            throw Error("expected true or false, found " + std::string(it->type_name()), at);
        }
        task.isClassification = it->get<bool>();
        task.hasClassificationFlag = true;
    }
    return task;
}

} // namespace

std::vector<SeedTask> parseSeedTasks(std::string_view text, const std::string &path)
{
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0)
        text.remove_prefix(3);   // a UTF-8 byte order mark
    std::vector<SeedTask> tasks;
    std::size_t first = 0;
    while (first < text.size() && isSpace(text[first]))
        ++first;
    if (first < text.size() && text[first] == '[') {
        const json doc = parseJsonDocument(text, path);
        if (!doc.is_array())
            throw Error("expected a JSON array of seed tasks", {path, 1, 1, -1, {}});
        for (std::size_t i = 0; i < doc.size(); ++i) {
            try {
                tasks.push_back(taskFrom(doc[i], std::int64_t(i), {path, 0, 0, std::int64_t(i), {}}));
            } catch (const Error &e) {
                Error::Location at = e.where();
                at.line = arrayElementLine(text, std::int64_t(i));
                throw Error(e.message(), at);
            }
        }
    } else {
        std::size_t pos = 0;
        std::int64_t lineNo = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos)
                end = text.size();
            ++lineNo;
            const std::string_view line = text.substr(pos, end - pos);
            pos = end + 1;
            if (isBlank(line))
                continue;
            const auto index = std::int64_t(tasks.size());
            const json obj = parseJsonLine(line, path, lineNo, index);
            tasks.push_back(taskFrom(obj, index, {path, lineNo, 0, index, {}}));
        }
    }
    if (tasks.empty())
        throw Error("no seed tasks in the file", {path, 0, 0, -1, {}});
    return tasks;
}

std::vector<SeedTask> loadSeedTasks(const std::string &path)
{
    return parseSeedTasks(readFileText(path, "cannot open the seed task file"), path);
}

std::string seedTasksJsonl(const std::vector<SeedTask> &tasks)
{
    std::string out;
    for (const SeedTask &t : tasks) {
        nlohmann::ordered_json obj;
        obj["id"] = t.id;
        if (!t.name.empty())
            obj["name"] = t.name;
        obj["instruction"] = t.instruction;
        nlohmann::ordered_json instances = nlohmann::ordered_json::array();
        for (const Instance &inst : t.instances)
            instances.push_back({{"input", inst.input}, {"output", inst.output}});
        obj["instances"] = std::move(instances);
        if (t.hasClassificationFlag)
            obj["is_classification"] = t.isClassification;
        out += obj.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

void writeSeedsJsonl(const std::string &path, const std::vector<SeedTask> &tasks)
{
    writeFileText(path, seedTasksJsonl(tasks));
}

} // namespace sft::selfinstruct
