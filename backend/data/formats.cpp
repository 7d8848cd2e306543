// Dataset readers and writers: format names and detection, the readers of
// Alpaca JSON, JSONL, ShareGPT, OpenAI messages, seed tasks and CSV (the chat
// formats in formats_chat.cpp, OpenAssistant in formats_oasst.cpp, field
// mappings in field_mapping.cpp), and the writers. Every reader is
// all-or-nothing and names the file, line, record and field of the first
// problem it finds.

#include "data/formats.h"

#include "core/json.h"
#include "core/utf8.h"
#include "data/conversation.h"
#include "data/csv.h"
#include "data/formats_internal.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sft {

using nlohmann::json;

namespace detail {

std::string stringField(const json &obj, const std::string &name, bool required, Error::Location at)
{
    const auto it = obj.find(name);
    at.field = at.field.empty() ? name : at.field + "." + name;
    if (it == obj.end() || it->is_null()) {
        if (required)
            throw Error("missing required field", at);
        return {};
    }
    if (!it->is_string())
        throw Error("expected a string, found " + typeName(*it), at);
    return it->get<std::string>();
}

bool isBlank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

void forEachLine(std::string_view text, const std::string &path,
                 const std::function<void(std::string_view, std::int64_t)> &fn)
{
    std::size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a UTF-8 BOM
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

bool startsWithArray(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string_view::npos && text[first] == '[';
}

void forEachElement(const std::string &text, const std::string &path, Container container, const char *arrayWhat,
                    const ProgressFn &progress, const std::function<void(const json &, const Error::Location &)> &fn)
{
    if (container == Container::Either)
        container = startsWithArray(text) ? Container::Array : Container::Lines;
    if (container == Container::Lines) {
        std::int64_t index = 0;
        forEachLine(text, path, [&](std::string_view line, std::int64_t lineNo) {
            if (isBlank(line))
                return;
            const json obj = parseJsonLine(line, path, lineNo);
            fn(obj, {path, lineNo, 0, index, {}});
            if ((++index & 0xFFF) == 0)
                reportProgress(progress, lineNo, 0);
        });
        return;
    }
    const json doc = parseJsonDocument(text, path);
    if (!doc.is_array())
        throw Error(std::string("expected a JSON array of ") + arrayWhat + ", found " + typeName(doc), {path, 1, 1, -1, {}});
    std::int64_t i = 0;
    for (const json &element : doc) {
        try {
            fn(element, {path, 0, 0, i, {}});
        } catch (const Error &e) {
            Error::Location at = e.where();
            at.line = arrayElementLine(text, i);
            throw Error(e.message(), at);
        }
        if ((++i & 0xFFF) == 0)
            reportProgress(progress, i, std::int64_t(doc.size()));
    }
}

} // namespace detail

using namespace detail;

namespace {

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

// The first bytes of a file (for detection and the binary check).
std::string readHead(const std::string &path, std::size_t bytes)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(bytes, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(std::size_t(in.gcount()));
    return head;
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

// Alpaca JSON, JSONL, ShareGPT and OpenAI messages: one record per element (see recordFromElement).
std::vector<Record> parseElements(const std::string &text, const std::string &path, DatasetFormat format,
                                  const FieldMapping &mapping, const ProgressFn &progress)
{
    const Container container = format == DatasetFormat::AlpacaJson ? Container::Array
                                : format == DatasetFormat::Jsonl    ? Container::Lines
                                                                    : Container::Either;
    const char *what = format == DatasetFormat::AlpacaJson ? "records" : "conversations";
    // Input and system may be absent from a record, but an explicitly mapped one that no record has is a
    // misspelt mapping: reading on would leave the field empty everywhere and lose that text unseen.
    std::vector<std::pair<const char *, const std::string *>> optional;
    for (const auto &[target, source] : {std::pair{"input", &mapping.input}, std::pair{"system", &mapping.system}})
        if (!source->empty())
            optional.push_back({target, source});
    std::vector<bool> seen(optional.size(), false);
    std::vector<Record> out;
    forEachElement(text, path, container, what, progress, [&](const json &obj, const Error::Location &at) {
        out.push_back(recordFromElement(obj, format, mapping, at));
        out.back().source = path;
        for (std::size_t k = 0; k < optional.size(); ++k)
            seen[k] = seen[k] || lookupPath(obj, *optional[k].second) != nullptr;
    });
    for (std::size_t k = 0; k < optional.size() && !out.empty(); ++k)
        if (!seen[k])
            throw Error("no record has the field \"" + *optional[k].second + "\" that the field mapping "
                            + optional[k].first + "=" + *optional[k].second + " reads",
                        {path, 0, 0, -1, *optional[k].second});
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

// The keys of the JSON object that starts at text[pos] ('{'), as far as text goes: a cut object (the
// first line of a file with long lines) gives the keys before the cut.
std::vector<std::string> objectKeys(std::string_view text, std::size_t pos)
{
    std::vector<std::string> keys;
    int depth = 0;
    for (std::size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = ++i;
            while (i < text.size() && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            if (i >= text.size())
                break;
            const std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
            if (depth == 1 && next != std::string_view::npos && text[next] == ':')
                keys.emplace_back(text.substr(start, i - start));
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0)
                break;
        }
    }
    return keys;
}

// The format of a file from its extension and first bytes: the first record's keys.
DatasetFormat detectFromHead(std::string_view head, const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".csv")
        return DatasetFormat::Csv;
    const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || (head[first] != '[' && head[first] != '{'))
        return ext == ".jsonl" ? DatasetFormat::Jsonl : DatasetFormat::AlpacaJson;
    const bool lines = head[first] == '{';
    const std::size_t object = lines ? first : head.find('{', first);
    const auto keys = object == std::string_view::npos ? std::vector<std::string>() : objectKeys(head, object);
    const auto has = [&](const char *k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    if (lines && has("instances"))
        return DatasetFormat::SeedTasks;
    if (has("message_tree_id") || has("message_id") || (has("thread_id") && has("thread")))
        return DatasetFormat::Oasst;
    if (!has("instruction")) {
        if (has("conversations"))
            return DatasetFormat::ShareGpt;
        if (has("messages"))
            return DatasetFormat::OpenAiMessages;
        if (has("data"))
            return DatasetFormat::UltraChat;
    }
    return lines ? DatasetFormat::Jsonl : DatasetFormat::AlpacaJson;
}

// The format to read text with: Auto detected; with a field mapping, only Alpaca JSON, JSONL and CSV
// (a detected chat format then reads as Alpaca JSON or JSONL, whose records the mapping names).
DatasetFormat resolveFormat(const ReadOptions &options, std::string_view head, const std::string &path)
{
    DatasetFormat f = options.format == DatasetFormat::Auto ? detectFromHead(head, path) : options.format;
    if (options.mapping.empty() || f == DatasetFormat::AlpacaJson || f == DatasetFormat::Jsonl || f == DatasetFormat::Csv)
        return f;
    if (options.format == DatasetFormat::Auto)
        return startsWithArray(head) ? DatasetFormat::AlpacaJson : DatasetFormat::Jsonl;
    throw Error(std::string("a field mapping applies to Alpaca JSON, JSONL and CSV files, not to the ") + formatName(f)
                    + " format",
                {path, 0, 0, -1, {}});
}

json alpacaObject(const Record &r)
{
    json obj{{"instruction", r.instruction}, {"input", r.input}, {"output", r.output}};
    if (!r.system.empty())
        obj["system"] = r.system;
    return obj;
}

// Alpaca JSON and JSONL: the triple, or a conversation's messages.
json ownObject(const Record &r)
{
    return isConversation(r) ? openAiObject(r) : alpacaObject(r);
}

std::string dumpLine(const json &obj)
{
    return obj.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
}

} // namespace

namespace detail {

std::vector<Record> parseCsv(const std::string &text, const std::string &path, const FieldMapping &mapping,
                             const ProgressFn &progress)
{
    const auto rows = csv::parse(text, path);
    if (rows.empty())
        throw Error("empty CSV file: expected a header row naming instruction, input, output", {path, 1, 0, -1, {}});
    if (!mapping.messages.empty())
        throw Error("a CSV file holds no message lists; map instruction, input and output instead",
                    {path, 1, 0, -1, mapping.messages});
    const auto &header = rows[0].fields;
    // A column by its exact name, else ignoring case.
    const auto column = [&](const std::string &name) -> int {
        if (name.empty())
            return -1;
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c] == name)
                return int(c);
        for (std::size_t c = 0; c < header.size(); ++c)
            if (header[c].size() == name.size()
                && std::equal(name.begin(), name.end(), header[c].begin(),
                              [](char a, char b) { return std::tolower((unsigned char)a) == std::tolower((unsigned char)b); }))
                return int(c);
        return -1;
    };
    const std::string si = mappedSource(mapping, "instruction"), sin = mappedSource(mapping, "input"),
                      so = mappedSource(mapping, "output"), ss = mappedSource(mapping, "system");
    const int ci = column(si), cin = column(sin), co = column(so), cs = column(ss);
    // A mapped column must be there, input and system included (a misspelt name would leave them empty in
    // every record); unmapped, instruction and output must be, input and system may be missing.
    for (const auto &[index, target, source, mapped] :
         {std::tuple{ci, "instruction", si, &mapping.instruction}, std::tuple{cin, "input", sin, &mapping.input},
          std::tuple{co, "output", so, &mapping.output}, std::tuple{cs, "system", ss, &mapping.system}}) {
        if (index >= 0)
            continue;
        if (!mapped->empty()) {
            std::string names;
            for (const auto &h : header)
                names += (names.empty() ? "" : ", ") + h;
            throw Error("the header row has no column \"" + source + "\" (columns: " + names + ") for the field mapping "
                            + target + "=" + source,
                        {path, 1, 0, -1, source});
        }
        if (target == std::string("instruction") || target == std::string("output"))
            throw Error(std::string("the header row must name the columns instruction and output (input is optional); "
                                    "missing ") + target,
                        {path, 1, 0, -1, target});
    }
    std::vector<Record> out;
    out.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto &row = rows[r];
        if (row.fields.size() != header.size())
            throw Error("row has " + std::to_string(row.fields.size()) + " fields, the header has "
                            + std::to_string(header.size()),
                        {path, row.line, 0, std::int64_t(r - 1), {}});
        Record rec;
        rec.instruction = row.fields[ci];
        rec.input = cin >= 0 ? row.fields[cin] : std::string();
        rec.output = row.fields[co];
        rec.system = cs >= 0 ? row.fields[cs] : std::string();
        rec.source = path;
        out.push_back(std::move(rec));
        if ((r & 0xFFF) == 0)
            reportProgress(progress, std::int64_t(r), std::int64_t(rows.size()));
    }
    return out;
}

} // namespace detail

const char *formatName(DatasetFormat f)
{
    switch (f) {
    case DatasetFormat::Auto: return "auto";
    case DatasetFormat::AlpacaJson: return "alpaca";
    case DatasetFormat::Jsonl: return "jsonl";
    case DatasetFormat::ShareGpt: return "sharegpt";
    case DatasetFormat::Csv: return "csv";
    case DatasetFormat::SeedTasks: return "seed";
    case DatasetFormat::OpenAiMessages: return "openai";
    case DatasetFormat::Oasst: return "oasst";
    case DatasetFormat::UltraChat: return "ultrachat";
    }
    return "auto";
}

bool formatFromName(const std::string &name, DatasetFormat &out)
{
    for (auto f : {DatasetFormat::Auto, DatasetFormat::AlpacaJson, DatasetFormat::Jsonl, DatasetFormat::ShareGpt,
                   DatasetFormat::Csv, DatasetFormat::SeedTasks, DatasetFormat::OpenAiMessages, DatasetFormat::Oasst,
                   DatasetFormat::UltraChat}) {
        if (name == formatName(f)) {
            out = f;
            return true;
        }
    }
    return false;
}

DatasetFormat detectFormat(const std::string &path)
{
    return detectFromHead(readHead(path, 65536), path);
}

DatasetFormat detectFormat(const std::string &path, const ReadOptions &options)
{
    return resolveFormat(options, readHead(path, 65536), path);
}

std::vector<Record> parseDataset(const std::string &text, const ReadOptions &options, const std::string &path,
                                 const ProgressFn &progress)
{
    checkUtf8(text, path);
    const DatasetFormat format = resolveFormat(options, std::string_view(text).substr(0, 65536), path);
    switch (format) {
    case DatasetFormat::AlpacaJson:
    case DatasetFormat::Jsonl:
    case DatasetFormat::ShareGpt:
    case DatasetFormat::OpenAiMessages: return parseElements(text, path, format, options.mapping, progress);
    case DatasetFormat::SeedTasks: return parseSeedTasks(text, path, progress);
    case DatasetFormat::Csv: return parseCsv(text, path, options.mapping, progress);
    case DatasetFormat::UltraChat: return parseUltraChat(text, path, progress);
    case DatasetFormat::Oasst: return parseOasst(text, path, options, progress);
    case DatasetFormat::Auto: break;
    }
    throw Error("cannot tell the dataset format; name it explicitly", {path, 0, 0, -1, {}});
}

std::vector<Record> parseDataset(const std::string &text, DatasetFormat format, const std::string &path,
                                 const ProgressFn &progress)
{
    ReadOptions options;
    options.format = format;
    return parseDataset(text, options, path, progress);
}

std::vector<Record> readDataset(const std::string &path, const ReadOptions &options, const ProgressFn &progress)
{
    if (std::filesystem::is_directory(path))
        throw Error("is a directory, not a dataset file", {path, 0, 0, -1, {}});
    const std::int64_t size = fileSize(path);
    const std::string head = readHead(path, 65536);
    ReadOptions resolved = options;
    resolved.format = resolveFormat(options, head, path);
    // A JSON array is read whole; JSON lines only need each line bounded.
    const DatasetFormat f = resolved.format;
    const bool document = f == DatasetFormat::AlpacaJson
                          || ((f == DatasetFormat::ShareGpt || f == DatasetFormat::OpenAiMessages
                               || f == DatasetFormat::UltraChat || f == DatasetFormat::Oasst)
                              && startsWithArray(head));
    // Refuse binary files before reading them whole.
    if (!document || size <= kMaxDocumentBytes)
        checkNul(head, path);
    // Line formats still become one in-memory vector, so cap them at 16 GiB to fail before the OOM killer.
    const std::string text = readWhole(path, document ? kMaxDocumentBytes : (16ll << 30));
    return parseDataset(text, resolved, path, progress);
}

std::vector<Record> readDataset(const std::string &path, DatasetFormat format, const ProgressFn &progress)
{
    ReadOptions options;
    options.format = format;
    return readDataset(path, options, progress);
}

std::string writeDataset(const std::vector<Record> &records, DatasetFormat format)
{
    std::string out;
    switch (format) {
    case DatasetFormat::Jsonl:
        for (const auto &r : records)
            out += dumpLine(ownObject(r));
        return out;
    case DatasetFormat::OpenAiMessages:
        for (const auto &r : records)
            out += dumpLine(openAiObject(r));
        return out;
    case DatasetFormat::Csv: {
        const bool system = std::any_of(records.begin(), records.end(), [](const Record &r) { return !r.system.empty(); });
        out = system ? "instruction,input,output,system\n" : "instruction,input,output\n";
        for (std::size_t i = 0; i < records.size(); ++i) {
            const Record &r = records[i];
            if (isConversation(r))
                throw Error("the record is a conversation (" + std::to_string(turnCount(r))
                                + " turns); CSV holds single-turn records only: export as JSONL, ShareGPT or OpenAI messages",
                            {{}, 0, 0, std::int64_t(i), {}});
            out += csv::quote(r.instruction) + ',' + csv::quote(r.input) + ',' + csv::quote(r.output);
            if (system)
                out += ',' + csv::quote(r.system);
            out += '\n';
        }
        return out;
    }
    case DatasetFormat::ShareGpt: {
        json arr = json::array();
        for (const auto &r : records)
            arr.push_back(shareGptObject(r));
        return arr.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
    }
    case DatasetFormat::Oasst:
    case DatasetFormat::UltraChat:
        throw Error(std::string("cannot write the ") + formatName(format)
                    + " format; export as JSONL, ShareGPT or OpenAI messages");
    case DatasetFormat::AlpacaJson:
    case DatasetFormat::Auto:
    case DatasetFormat::SeedTasks: {
        json arr = json::array();
        for (const auto &r : records)
            arr.push_back(ownObject(r));
        return arr.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
    }
    }
    return out;
}

void writeDatasetFile(const std::vector<Record> &records, DatasetFormat format, const std::string &path)
{
    std::string text;
    try {
        text = writeDataset(records, format);
    } catch (const Error &e) {
        Error::Location at = e.where();
        at.file = path;
        throw Error(e.message(), at);
    }
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
