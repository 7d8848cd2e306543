#pragma once
// Reading and writing instruction datasets (Qt-free, so the worker can read a
// dataset export on a headless node).
//
// Readers are all-or-nothing: they return every record or throw sft::Error
// naming the file, line, record and field of the first problem.
// Formats: Alpaca JSON (array of {instruction,input,output}), JSONL (one such
// object per line), ShareGPT (array of {"conversations":[{"from","value"}]}),
// CSV (header row naming instruction,input,output), Self-Instruct seed tasks
// (JSONL of {instruction, instances:[{input,output}]}; one record per instance).

#include "core/progress.h"
#include "data/record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sft {

enum class DatasetFormat { Auto, AlpacaJson, Jsonl, ShareGpt, Csv, SeedTasks };

const char *formatName(DatasetFormat f);
/** "alpaca", "jsonl", "sharegpt", "csv", "seed"; false when unknown. */
bool formatFromName(const std::string &name, DatasetFormat &out);

/** Largest file a whole-document format (JSON array) is read from: 1 GiB. */
constexpr std::int64_t kMaxDocumentBytes = std::int64_t(1) << 30;

/** Guess the format from the extension and the first bytes. */
DatasetFormat detectFormat(const std::string &path);

/** Read every record of a file; throws sft::Error (with location) or sft::Cancelled. */
std::vector<Record> readDataset(const std::string &path, DatasetFormat format = DatasetFormat::Auto,
                                const ProgressFn &progress = {});

/** Parse records from text already in memory (path is only used in messages). */
std::vector<Record> parseDataset(const std::string &text, DatasetFormat format, const std::string &path,
                                 const ProgressFn &progress = {});

/** Serialize records; ShareGPT writes human/gpt turns (input appended to the instruction). */
std::string writeDataset(const std::vector<Record> &records, DatasetFormat format);

/** Write atomically (temp file + rename); throws sft::Error. */
void writeDatasetFile(const std::vector<Record> &records, DatasetFormat format, const std::string &path);

} // namespace sft
