// Readers of the answers file and the example files of answer search / ICL.

#include "scoring/scoring_data.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using nlohmann::json;

namespace sft::scoring {

namespace {

std::string trimLower(const std::string &s)
{
    std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    std::string out = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

/** A field's text: strings as they are, numbers and booleans as JSON text; nullopt otherwise. */
std::optional<std::string> fieldText(const json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number() || v.is_boolean())
        return v.dump();
    return std::nullopt;
}

Example toExample(const json &obj, const std::string &source, std::int64_t line, std::int64_t record,
                  const prompt::Verbalizer &verbalizer, const ExampleFields &names)
{
    if (!obj.is_object())
        throw Error("expected a JSON object", {source, line, 0, record, {}});
    Example ex;
    ex.line = line;
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (auto t = fieldText(it.value()))
            ex.fields[it.key()] = *t;
    auto stringField = [&](const std::string &key) -> std::optional<std::string> {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null())
            return std::nullopt;
        auto t = fieldText(*it);
        if (!t)
            throw Error("expected a string", {source, line, 0, record, key});
        return t;
    };
    const bool alpaca = !obj.contains(names.text) && obj.contains("instruction");
    if (alpaca) {
        ex.text = stringField("instruction").value_or("");
        const std::string input = stringField("input").value_or("");
        if (!input.empty())
            ex.text += "\n" + input;
    } else {
        auto t = stringField(names.text);
        if (!t)
            throw Error("missing the text field", {source, line, 0, record, names.text});
        ex.text = *t;
    }
    ex.output = stringField("output");
    std::string goldField = names.label;
    ex.goldText = stringField(goldField);
    if (!ex.goldText && alpaca) {
        goldField = "output";
        ex.goldText = ex.output;
    }
    if (ex.goldText) {
        ex.gold = matchLabel(verbalizer, *ex.goldText);
        if (ex.gold < 0) {
            std::string known;
            for (const auto &l : verbalizer.labels())
                known += (known.empty() ? "" : ", ") + l.name;
            throw Error("\"" + *ex.goldText + "\" is neither a label nor an answer (labels: " + known + ")",
                        {source, line, 0, record, goldField});
        }
    }
    return ex;
}

} // namespace

int matchLabel(const prompt::Verbalizer &verbalizer, const std::string &goldText)
{
    const auto &labels = verbalizer.labels();
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i].name == goldText)
            return int(i);
    if (int l = verbalizer.labelOf(goldText); l >= 0)
        return l;
    const std::string key = trimLower(goldText);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (trimLower(labels[i].name) == key)
            return int(i);
    return -1;
}

prompt::Verbalizer parseVerbalizer(const std::string &text, const std::string &source)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error &e) {
        throw Error(std::string("invalid JSON: ") + e.what(), {source, 0, 0, -1, {}});
    }
    if (!j.is_object() || !j.contains("labels") || !j["labels"].is_array())
        throw Error("expected {\"labels\": [{\"name\": ..., \"answers\": [...]}, ...]}", {source, 0, 0, -1, "labels"});
    std::vector<prompt::Verbalizer::Label> labels;
    std::int64_t i = 0;
    for (const json &l : j["labels"]) {
        const std::string where = "labels[" + std::to_string(i) + "]";
        if (!l.is_object())
            throw Error("expected an object", {source, 0, 0, i, where});
        prompt::Verbalizer::Label label;
        if (!l.contains("name") || !l["name"].is_string())
            throw Error("expected a string", {source, 0, 0, i, where + ".name"});
        label.name = l["name"].get<std::string>();
        if (!l.contains("answers") || !l["answers"].is_array())
            throw Error("expected an array of strings", {source, 0, 0, i, where + ".answers"});
        for (const json &a : l["answers"]) {
            if (!a.is_string())
                throw Error("expected a string", {source, 0, 0, i, where + ".answers"});
            label.answers.push_back(a.get<std::string>());
        }
        labels.push_back(std::move(label));
        ++i;
    }
    try {
        return prompt::Verbalizer(std::move(labels));
    } catch (const Error &e) {
        throw Error(e.message(), {source, 0, 0, -1, "labels"});
    }
}

prompt::Verbalizer readVerbalizer(const std::string &path) { return parseVerbalizer(readFileText(path), path); }

std::vector<Example> parseExamples(const std::string &text, const std::string &source,
                                   const prompt::Verbalizer &verbalizer, const ExampleFields &fields)
{
    std::vector<Example> out;
    const std::size_t first = text.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    if (first != std::string::npos && text[first] == '[') {
        json j;
        try {
            j = json::parse(text);
        } catch (const json::parse_error &e) {
            throw Error(std::string("invalid JSON: ") + e.what(), {source, 0, 0, -1, {}});
        }
        std::int64_t i = 0;
        for (const json &obj : j)
            out.push_back(toExample(obj, source, 0, i++, verbalizer, fields));
        return out;
    }
    std::istringstream in(text);
    std::string line;
    std::int64_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const json obj = parseJsonLine(line, source, lineNo, std::int64_t(out.size()));
        out.push_back(toExample(obj, source, lineNo, std::int64_t(out.size()), verbalizer, fields));
    }
    return out;
}

std::vector<Example> readExamples(const std::string &path, const prompt::Verbalizer &verbalizer,
                                  const ExampleFields &fields)
{
    return parseExamples(readFileText(path), path, verbalizer, fields);
}

} // namespace sft::scoring
