#pragma once
// Seed tasks of the Self-Instruct loop: the human-written tasks the pool
// starts from and the prompts sample. Read from Self-Instruct's
// seed_tasks.jsonl ({"id","name","instruction","instances":[{"input","output"}],
// "is_classification"}), BELLE's zh_seed_tasks.json (the same fields, JSON
// lines despite its name), or plain instruction records
// ({"instruction","input","output"[,"is_classification"]}), each as JSON lines
// or as one JSON array. Errors name the file, the line, the record and the field.

#include "selfinstruct/parse.h"

#include <string>
#include <string_view>
#include <vector>

namespace sft::selfinstruct {

/** One seed task. */
struct SeedTask
{
    std::string id;                   ///< the file's id, or "seed_task_<n>" (0-based) when it has none
    std::string name;                 ///< Self-Instruct's short name, "" when none
    std::string instruction;          ///< never empty
    std::vector<Instance> instances;  ///< at least one
    bool isClassification = false;
    bool hasClassificationFlag = false;   ///< the file said is_classification (true or false)
};

/**
 * Seed tasks from the text of a file (JSON lines, or a JSON array when the
 * first non-blank character is '['); `path` names the file in errors.
 * Throws sft::Error at the first bad record: not an object, a missing or
 * empty instruction, instances that are not a non-empty array of
 * {input, output}, a non-boolean is_classification, or no tasks at all.
 */
std::vector<SeedTask> parseSeedTasks(std::string_view text, const std::string &path);

/** parseSeedTasks on the file's bytes (sft::Error when it cannot be read). */
std::vector<SeedTask> loadSeedTasks(const std::string &path);

/** The tasks as Self-Instruct seed JSON lines (is_classification only where the flag was given). */
std::string seedTasksJsonl(const std::vector<SeedTask> &tasks);

/** Writes seedTasksJsonl(tasks) to path (sft::Error when it cannot be written). */
void writeSeedsJsonl(const std::string &path, const std::vector<SeedTask> &tasks);

} // namespace sft::selfinstruct
