#pragma once
// Reading and writing instruction datasets (Qt-free, so the worker can read a
// dataset export on a headless node).
//
// Readers are all-or-nothing: they return every record or throw sft::Error
// naming the file, line, record and field of the first problem.
// Formats: Alpaca JSON (array of {instruction,input,output}), JSONL (one such
// object per line), ShareGPT (JSON array or JSONL of {"conversations":[{"from",
// "value"}]}, multi-turn included), OpenAI messages (JSONL of {"messages":
// [{"role","content"}]}), OpenAssistant message trees (oasst1/oasst2 export:
// JSONL of trees {"prompt": message with "replies"}, or the flat message table
// with message_id / parent_id), UltraChat (JSONL of {"data": [user, assistant,
// ...]}), CSV (header row naming instruction,input,output), Self-Instruct seed
// tasks (JSONL of {instruction, instances:[{input,output}]}; one record per
// instance). A field mapping lets Alpaca JSON, JSONL and CSV files with other
// field names (Dolly's context/response, FLAN's inputs/targets, ...) be read
// without conversion.

#include "core/progress.h"
#include "data/record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft {

enum class DatasetFormat { Auto, AlpacaJson, Jsonl, ShareGpt, Csv, SeedTasks, OpenAiMessages, Oasst, UltraChat };

const char *formatName(DatasetFormat f);
/** "alpaca", "jsonl", "sharegpt", "csv", "seed", "openai", "oasst", "ultrachat"; false when unknown. */
bool formatFromName(const std::string &name, DatasetFormat &out);

/**
 * Which source field fills each record field, for Alpaca JSON, JSONL and CSV
 * files with other names: e.g. instruction=instruction, input=context,
 * output=response (Dolly); instruction=inputs, output=targets (FLAN). A target
 * left empty keeps its usual name (instruction / input / output / system); a
 * mapped source field missing from a record is an error naming the record and
 * field, except for input and system, which may be absent from some records
 * but not from all (a CSV header without the mapped column, or a JSON / JSONL
 * file in which no record has the mapped field, is an error naming the
 * mapping: a misspelt name would otherwise empty the field unseen). A source may be a
 * dotted path into nested objects ("meta.question"). "messages" or
 * "conversations" name a field holding a list of {role|from, content|value}
 * messages (the record is then a conversation).
 */
struct FieldMapping
{
    std::string instruction, input, output, system;
    std::string messages;   ///< field with a message list; when set, instruction / input / output are not read

    bool empty() const { return instruction.empty() && input.empty() && output.empty() && system.empty() && messages.empty(); }
    /**
     * Parse "instruction=question,input=context,output=response" (targets: instruction, input, output,
     * system, messages); throws sft::Error naming the bad pair.
     */
    static FieldMapping parse(const std::string &spec);
    /** The same text back (only the set targets), "" when empty. */
    std::string toString() const;
};

/** Which conversations of an OpenAssistant message tree become records. */
enum class OasstPaths {
    Best,  ///< one per tree: at each assistant step the best-ranked reply (rank 0, else the first), down to a leaf
    All,   ///< one per root-to-leaf path that ends with an assistant message
};

/** How a file is read. */
struct ReadOptions
{
    DatasetFormat format = DatasetFormat::Auto;
    FieldMapping mapping;             ///< Alpaca JSON, JSONL and CSV only (an error with other formats)
    OasstPaths oasstPaths = OasstPaths::Best;
    std::string language;             ///< OpenAssistant: keep only trees in this language ("en", "zh", ...); "" = all
};

/** Largest file a whole-document format (JSON array) is read from: 1 GiB. */
constexpr std::int64_t kMaxDocumentBytes = std::int64_t(1) << 30;

/** Guess the format from the extension and the first bytes. */
DatasetFormat detectFormat(const std::string &path);
/**
 * The format readDataset(path, options) reads the file as: options.format, or for Auto the detected one,
 * except that with a field mapping a detected chat format gives way to Alpaca JSON (a JSON array) or
 * JSONL, whose records the mapping names. Throws sft::Error for a mapping with a format it cannot apply to.
 */
DatasetFormat detectFormat(const std::string &path, const ReadOptions &options);

/** Read every record of a file; throws sft::Error (with location) or sft::Cancelled. */
std::vector<Record> readDataset(const std::string &path, DatasetFormat format = DatasetFormat::Auto,
                                const ProgressFn &progress = {});
std::vector<Record> readDataset(const std::string &path, const ReadOptions &options, const ProgressFn &progress = {});

/** Parse records from text already in memory (path is only used in messages). */
std::vector<Record> parseDataset(const std::string &text, DatasetFormat format, const std::string &path,
                                 const ProgressFn &progress = {});
std::vector<Record> parseDataset(const std::string &text, const ReadOptions &options, const std::string &path,
                                 const ProgressFn &progress = {});

/**
 * Serialize records. ShareGPT writes {"conversations": [{from: system|human|gpt, value}]} for every
 * record (a single-turn record's input appended to the instruction after a blank line); OpenAI messages
 * writes one {"messages": [{role, content}]} per line. Alpaca JSON and JSONL write single-turn records
 * as {instruction, input, output} (plus "system" when set) and conversations as {"messages": [...]}
 * (the system message first), which their readers take back: a lossless round trip, so a training
 * run's data file is JSONL whatever it holds. CSV refuses conversations (sft::Error naming the first).
 */
std::string writeDataset(const std::vector<Record> &records, DatasetFormat format);

/** Write atomically (temp file + rename); throws sft::Error. */
void writeDatasetFile(const std::vector<Record> &records, DatasetFormat format, const std::string &path);

} // namespace sft
