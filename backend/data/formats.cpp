// Dataset readers and writers. Every reader is all-or-nothing and names the
// file, line, record and field of the first problem it finds.

#include "data/formats.h"

#include "core/error.h"
#include "core/json.h"
#include "core/utf8.h"
#include "data/csv.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sft {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxLineBytes = 64ll << 20;

std::string humanSize(std::int64_t bytes)
{
    char buf[64];
    if (bytes >= (1ll << 30))
        std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / double(1ll << 30));
    else
        std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(1ll << 20));
    return buf;
}

std::int64_t fileSize(const std::string &path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error("cannot open: " + ec.message(), {path, 0, 0, -1, {}});
    return static_cast<std::int64_t>(size);
}

std::string readWhole(const std::string &path, std::int64_t limit)
{
    if (std::filesystem::is_directory(path))
        throw Error("is a directory, not a dataset file", {path, 0, 0, -1, {}});
    const std::int64_t size = fileSize(path);
    if (size > limit)
        throw Error("file is " + humanSize(size) + "; files in this format are read whole and are limited to "
                        + humanSize(limit) + ". Convert it to JSONL (one record per line), which is streamed.",
                    {path, 0, 0, -1, {}});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open for reading", {path, 0, 0, -1, {}});
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), size);
    if (in.gcount() != size)
        throw Error("read error", {path, 0, 0, -1, {}});
    return text;
}

void checkNul(std::string_view text, const std::string &path)
{
    const std::size_t nul = text.find('\0');
    if (nul == std::string_view::npos)
        return;
    Error::Location at{path, 0, 0, -1, {}};
    utf8::lineColumn(text, nul, at.line, at.column);
    throw Error("binary file (NUL byte at offset " + std::to_string(nul) + "); expected a UTF-8 text dataset", at);
}

void checkUtf8(std::string_view text, const std::string &path)
{
    checkNul(text, path);
    const std::size_t bad = utf8::findInvalid(text);
    if (bad == std::string_view::npos)
        return;
    Error::Location at{path, 0, 0, -1, {}};
    utf8::lineColumn(text, bad, at.line, at.column);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw Error(std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8", at);
}

std::string typeName(const json &v)
{
    return v.type_name();
}

// Reads the string field `name`; optional fields default to "".
std::string stringField(const json &obj, const char *name, bool required, Error::Location at)
{
    const auto it = obj.find(name);
    at.field = name;
    if (it == obj.end() || it->is_null()) {
        if (required)
            throw Error("missing required field", at);
        return {};
    }
    if (!it->is_string())
        throw Error("expected a string, found " + typeName(*it), at);
    return it->get<std::string>();
}

Record recordFromObject(const json &obj, const Error::Location &at)
{
    if (!obj.is_object())
        throw Error("expected an object {\"instruction\", \"input\", \"output\"}, found " + typeName(obj), at);
    Record r;
    r.instruction = stringField(obj, "instruction", true, at);
    r.input = stringField(obj, "input", false, at);
    r.output = stringField(obj, "output", true, at);
    return r;
}

std::vector<Record> parseAlpaca(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    const json doc = parseJsonDocument(text, path);
    if (!doc.is_array())
        throw Error("expected a JSON array of records, found " + typeName(doc), {path, 1, 1, -1, {}});
    std::vector<Record> out;
    out.reserve(doc.size());
    std::int64_t i = 0;
    for (const json &obj : doc) {
        try {
            out.push_back(recordFromObject(obj, {path, 0, 0, i, {}}));
        } catch (Error &e) {
            Error::Location at = e.where();
            at.line = arrayElementLine(text, i);
            throw Error(e.message(), at);
        }
        out.back().source = path;
        if ((++i & 0xFFF) == 0)
            reportProgress(progress, i, std::int64_t(doc.size()));
    }
    return out;
}

std::string conversationText(const json &turn, const char *key, Error::Location at)
{
    return stringField(turn, key, true, at);
}

std::vector<Record> parseShareGpt(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    const json doc = parseJsonDocument(text, path);
    if (!doc.is_array())
        throw Error("expected a JSON array of conversations, found " + typeName(doc), {path, 1, 1, -1, {}});
    std::vector<Record> out;
    out.reserve(doc.size());
    std::int64_t i = 0;
    for (const json &conv : doc) {
        Error::Location at{path, 0, 0, i, {}};
        try {
            if (!conv.is_object())
                throw Error("expected an object with \"conversations\", found " + typeName(conv), at);
            // ShareGPT: conversations [{from, value}]; OpenAI style: messages [{role, content}].
            const bool openai = !conv.contains("conversations") && conv.contains("messages");
            const char *listKey = openai ? "messages" : "conversations";
            const char *roleKey = openai ? "role" : "from";
            const char *textKey = openai ? "content" : "value";
            at.field = listKey;
            const auto it = conv.find(listKey);
            if (it == conv.end())
                throw Error("missing required field", at);
            if (!it->is_array())
                throw Error("expected an array of turns, found " + typeName(*it), at);
            Record r;
            int users = 0, assistants = 0;
            for (std::size_t t = 0; t < it->size(); ++t) {
                const json &turn = (*it)[t];
                Error::Location tat = at;
                tat.field = std::string(listKey) + "[" + std::to_string(t) + "]";
                if (!turn.is_object())
                    throw Error("expected a turn object, found " + typeName(turn), tat);
                const std::string role = stringField(turn, roleKey, true, tat);
                const std::string value = conversationText(turn, textKey, tat);
                if (role == "system") {
                    r.note = value.empty() ? r.note : "system: " + value;
                } else if (role == "human" || role == "user") {
                    ++users;
                    r.instruction = value;
                } else if (role == "gpt" || role == "assistant") {
                    ++assistants;
                    r.output = value;
                } else {
                    tat.field += "." + std::string(roleKey);
                    throw Error("unknown role \"" + role + "\" (expected system, human/user or gpt/assistant)", tat);
                }
            }
            if (users != 1 || assistants != 1)
                throw Error("expected one user turn and one assistant turn, found " + std::to_string(users) + " and "
                                + std::to_string(assistants) + " (multi-turn conversations are not supported yet)",
                            at);
            r.source = path;
            out.push_back(std::move(r));
        } catch (Error &e) {
            Error::Location w = e.where();
            w.line = arrayElementLine(text, i);
            throw Error(e.message(), w);
        }
        if ((++i & 0xFFF) == 0)
            reportProgress(progress, i, std::int64_t(doc.size()));
    }
    return out;
}

// Calls fn(line, lineNumber) for every line of text (without the line end).
template<typename Fn>
void forEachLine(std::string_view text, const std::string &path, Fn fn)
{
    std::size_t pos = 0;
    std::int64_t lineNo = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        ++lineNo;
        if (std::int64_t(end - pos) > kMaxLineBytes)
            throw Error("line is longer than 64 MiB", {path, lineNo, 0, -1, {}});
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        fn(line, lineNo);
        pos = end + 1;
    }
}

bool isBlank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::vector<Record> parseJsonl(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    std::vector<Record> out;
    forEachLine(text, path, [&](std::string_view line, std::int64_t lineNo) {
        if (isBlank(line))
            return;
        const json obj = parseJsonLine(line, path, lineNo);
        out.push_back(recordFromObject(obj, {path, lineNo, 0, std::int64_t(out.size()), {}}));
        out.back().source = path;
        if ((out.size() & 0xFFF) == 0)
            reportProgress(progress, lineNo, 0);
    });
    return out;
}

std::vector<Record> parseSeedTasks(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    std::vector<Record> out;
    std::int64_t task = 0;
    forEachLine(text, path, [&](std::string_view line, std::int64_t lineNo) {
        if (isBlank(line))
            return;
        const json obj = parseJsonLine(line, path, lineNo);
        Error::Location at{path, lineNo, 0, task, {}};
        if (!obj.is_object())
            throw Error("expected a seed task object, found " + typeName(obj), at);
        const std::string instruction = stringField(obj, "instruction", true, at);
        std::string name = stringField(obj, "name", false, at);
        at.field = "instances";
        const auto it = obj.find("instances");
        if (it == obj.end())
            throw Error("missing required field", at);
        if (!it->is_array() || it->empty())
            throw Error("expected a non-empty array of {input, output}", at);
        bool classification = false;
        if (const auto c = obj.find("is_classification"); c != obj.end() && c->is_boolean())
            classification = c->get<bool>();
        for (std::size_t k = 0; k < it->size(); ++k) {
            Error::Location iat = at;
            iat.field = "instances[" + std::to_string(k) + "]";
            const json &inst = (*it)[k];
            if (!inst.is_object())
                throw Error("expected an object {input, output}, found " + typeName(inst), iat);
            Record r;
            r.instruction = instruction;
            r.input = stringField(inst, "input", false, iat);
            r.output = stringField(inst, "output", true, iat);
            r.source = name.empty() ? path : name;
            if (classification)
                r.tags.push_back("classification");
            out.push_back(std::move(r));
        }
        ++task;
        if ((task & 0xFF) == 0)
            reportProgress(progress, lineNo, 0);
    });
    return out;
}

std::vector<Record> parseCsv(const std::string &text, const std::string &path, const ProgressFn &progress)
{
    const auto rows = csv::parse(text, path);
    if (rows.empty())
        throw Error("empty CSV file: expected a header row naming instruction, input, output", {path, 1, 0, -1, {}});
    int ci = -1, cin = -1, co = -1;
    for (std::size_t c = 0; c < rows[0].fields.size(); ++c) {
        std::string h = rows[0].fields[c];
        std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
        if (h == "instruction") ci = int(c);
        else if (h == "input") cin = int(c);
        else if (h == "output") co = int(c);
    }
    if (ci < 0 || co < 0)
        throw Error(std::string("the header row must name the columns instruction and output (input is optional); "
                                "missing ") + (ci < 0 ? "instruction" : "output"),
                    {path, 1, 0, -1, ci < 0 ? "instruction" : "output"});
    std::vector<Record> out;
    out.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto &row = rows[r];
        if (row.fields.size() != rows[0].fields.size())
            throw Error("row has " + std::to_string(row.fields.size()) + " fields, the header has "
                            + std::to_string(rows[0].fields.size()),
                        {path, row.line, 0, std::int64_t(r - 1), {}});
        Record rec;
        rec.instruction = row.fields[ci];
        rec.input = cin >= 0 ? row.fields[cin] : std::string();
        rec.output = row.fields[co];
        rec.source = path;
        out.push_back(std::move(rec));
        if ((r & 0xFFF) == 0)
            reportProgress(progress, std::int64_t(r), std::int64_t(rows.size()));
    }
    return out;
}

} // namespace

const char *formatName(DatasetFormat f)
{
    switch (f) {
    case DatasetFormat::Auto: return "auto";
    case DatasetFormat::AlpacaJson: return "alpaca";
    case DatasetFormat::Jsonl: return "jsonl";
    case DatasetFormat::ShareGpt: return "sharegpt";
    case DatasetFormat::Csv: return "csv";
    case DatasetFormat::SeedTasks: return "seed";
    }
    return "auto";
}

bool formatFromName(const std::string &name, DatasetFormat &out)
{
    for (auto f : {DatasetFormat::Auto, DatasetFormat::AlpacaJson, DatasetFormat::Jsonl, DatasetFormat::ShareGpt,
                   DatasetFormat::Csv, DatasetFormat::SeedTasks}) {
        if (name == formatName(f)) {
            out = f;
            return true;
        }
    }
    return false;
}

DatasetFormat detectFormat(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".csv")
        return DatasetFormat::Csv;
    // Look at the first non-blank byte and the first object's keys.
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string::npos)
        return ext == ".jsonl" ? DatasetFormat::Jsonl : DatasetFormat::AlpacaJson;
    if (head[first] == '[')
        return head.find("\"conversations\"") != std::string::npos || head.find("\"messages\"") != std::string::npos
                   ? DatasetFormat::ShareGpt : DatasetFormat::AlpacaJson;
    if (head[first] == '{') {
        const auto nl = head.find('\n', first);
        const std::string line = head.substr(first, nl == std::string::npos ? std::string::npos : nl - first);
        if (line.find("\"instances\"") != std::string::npos)
            return DatasetFormat::SeedTasks;
        return DatasetFormat::Jsonl;
    }
    return ext == ".jsonl" ? DatasetFormat::Jsonl : DatasetFormat::AlpacaJson;
}

std::vector<Record> parseDataset(const std::string &text, DatasetFormat format, const std::string &path,
                                 const ProgressFn &progress)
{
    checkUtf8(text, path);
    switch (format) {
    case DatasetFormat::AlpacaJson: return parseAlpaca(text, path, progress);
    case DatasetFormat::ShareGpt: return parseShareGpt(text, path, progress);
    case DatasetFormat::Jsonl: return parseJsonl(text, path, progress);
    case DatasetFormat::SeedTasks: return parseSeedTasks(text, path, progress);
    case DatasetFormat::Csv: return parseCsv(text, path, progress);
    case DatasetFormat::Auto: break;
    }
    throw Error("cannot tell the dataset format; name it explicitly", {path, 0, 0, -1, {}});
}

std::vector<Record> readDataset(const std::string &path, DatasetFormat format, const ProgressFn &progress)
{
    if (format == DatasetFormat::Auto)
        format = detectFormat(path);
    const bool document = format == DatasetFormat::AlpacaJson || format == DatasetFormat::ShareGpt;
    {
        // Refuse binary files before reading them whole.
        std::ifstream in(path, std::ios::binary);
        std::string head(65536, '\0');
        in.read(head.data(), std::streamsize(head.size()));
        head.resize(std::size_t(in.gcount()));
        if (!document || fileSize(path) <= kMaxDocumentBytes)
            checkNul(head, path);
    }
    // Line formats have no whole-file limit but each line is bounded; they still
    // become one in-memory vector, so cap them at 16 GiB to fail before the OOM killer.
    const std::string text = readWhole(path, document ? kMaxDocumentBytes : (16ll << 30));
    return parseDataset(text, format, path, progress);
}

std::string writeDataset(const std::vector<Record> &records, DatasetFormat format)
{
    std::string out;
    auto alpaca = [](const Record &r) {
        return json{{"instruction", r.instruction}, {"input", r.input}, {"output", r.output}};
    };
    auto sharegpt = [](const Record &r) {
        const std::string user = r.input.empty() ? r.instruction : r.instruction + "\n\n" + r.input;
        return json{{"conversations", json::array({json{{"from", "human"}, {"value", user}},
                                                   json{{"from", "gpt"}, {"value", r.output}}})}};
    };
    switch (format) {
    case DatasetFormat::Jsonl:
        for (const auto &r : records) {
            out += alpaca(r).dump(-1, ' ', false, json::error_handler_t::replace);
            out += '\n';
        }
        return out;
    case DatasetFormat::Csv:
        out = "instruction,input,output\n";
        for (const auto &r : records)
            out += csv::quote(r.instruction) + ',' + csv::quote(r.input) + ',' + csv::quote(r.output) + '\n';
        return out;
    case DatasetFormat::ShareGpt: {
        json arr = json::array();
        for (const auto &r : records)
            arr.push_back(sharegpt(r));
        return arr.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
    }
    case DatasetFormat::AlpacaJson:
    case DatasetFormat::Auto:
    case DatasetFormat::SeedTasks: {
        json arr = json::array();
        for (const auto &r : records)
            arr.push_back(alpaca(r));
        return arr.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
    }
    }
    return out;
}

void writeDatasetFile(const std::vector<Record> &records, DatasetFormat format, const std::string &path)
{
    const std::string text = writeDataset(records, format);
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot open for writing", {path, 0, 0, -1, {}});
        out.write(text.data(), std::streamsize(text.size()));
        out.flush();
        if (!out)
            throw Error("write failed (disk full?)", {path, 0, 0, -1, {}});
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error("cannot replace the file: " + ec.message(), {path, 0, 0, -1, {}});
    }
}

} // namespace sft
