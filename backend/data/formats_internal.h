#pragma once
// What the dataset readers and writers share (private to sft_data): typed
// field access with error locations, walking the records of a JSON array or a
// JSON-lines file, reading a list of chat messages into a record, and the
// per-format readers formats.cpp dispatches to.

#include "core/error.h"
#include "core/progress.h"
#include "data/formats.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sft::detail {

using nlohmann::json;

constexpr std::int64_t kMaxLineBytes = 64ll << 20;

inline std::string typeName(const json &v) { return v.type_name(); }

/** The string field `name` of obj; a missing or null optional field is "". Errors name the field. */
std::string stringField(const json &obj, const std::string &name, bool required, Error::Location at);

/** True when s holds only white space. */
bool isBlank(std::string_view s);

/** Calls fn(line, lineNumber) for every line of text (without the line end; lines over 64 MiB are an error). */
void forEachLine(std::string_view text, const std::string &path,
                 const std::function<void(std::string_view, std::int64_t)> &fn);

/** How the records of a JSON file are laid out. */
enum class Container {
    Array,   ///< one JSON array of records
    Lines,   ///< JSON lines, one record per non-blank line
    Either,  ///< an array when the first non-blank byte is '[', else JSON lines
};

/** True when the first non-blank byte of text (after a UTF-8 BOM) is '['. */
bool startsWithArray(std::string_view text);

/**
 * Calls fn(element, at) for each record of text, at holding the file, the line (JSON lines) and the
 * record index. An sft::Error that fn throws for an element of an array gets the element's line.
 * arrayWhat names the records in the "expected a JSON array of ..." error.
 */
void forEachElement(const std::string &text, const std::string &path, Container container, const char *arrayWhat,
                    const ProgressFn &progress, const std::function<void(const json &, const Error::Location &)> &fn);

/**
 * Make r the conversation held by list (the value of field listField of the record obj): messages
 * {role|from, content|value} with roles named as canonicalRole() knows them. A system message may come
 * first (or the record's field systemField holds it). strict (ShareGPT): assistant messages before the
 * first user message are left out, then user and assistant messages alternate (else as
 * data/conversation.h allows). A last user message without a reply is kept. Tool / function messages,
 * tool calls and non-text content parts are refused by name.
 */
void readConversation(const json &obj, const json &list, const std::string &listField,
                      const std::string &systemField, bool strict, const Error::Location &at, Record &r);

/** The text of a message's content: a string, or a list of {"type": "text", "text"} parts (joined). */
std::string messageContent(const json &content, Error::Location at);

/**
 * The source field of a target ("instruction", "input", "output", "system") under a mapping: the mapped
 * field, else the target's own name unless another target reads that field (then "": not read).
 */
std::string mappedSource(const FieldMapping &m, const std::string &target);

/** The value at a dotted path ("meta.question", "turns.0"), nullptr when absent. */
const json *lookupPath(const json &obj, const std::string &path);

/**
 * One record from an element of an Alpaca JSON array, a JSONL line, a ShareGPT or an OpenAI-messages
 * record, read through the mapping. Alpaca JSON and JSONL try the Alpaca fields first, ShareGPT and
 * OpenAI the message list, so each reads the other's records too: a file this program wrote (single-turn
 * records and {"messages"} conversations mixed) reads back whichever of the four formats it is read as.
 */
Record recordFromElement(const json &obj, DatasetFormat format, const FieldMapping &mapping,
                         const Error::Location &at);

// Readers of the formats in their own files.
std::vector<Record> parseUltraChat(const std::string &text, const std::string &path, const ProgressFn &progress);
std::vector<Record> parseOasst(const std::string &text, const std::string &path, const ReadOptions &options,
                               const ProgressFn &progress);
std::vector<Record> parseCsv(const std::string &text, const std::string &path, const FieldMapping &mapping,
                             const ProgressFn &progress);

// Writers' record shapes.
/** {"messages": [{role, content}]} of messagesOf(r). */
json openAiObject(const Record &r);
/** {"conversations": [{from: system|human|gpt, value}]} of messagesOf(r). */
json shareGptObject(const Record &r);

} // namespace sft::detail
