#pragma once
// Input files of answer search and ICL.
//
// Answers file (the verbalizer): JSON
//   {"labels": [{"name": "正面", "answers": ["太好了", "好"]}, ...]}
//
// Example files: JSON lines (one object per line; blank lines skipped) or a
// JSON array of objects (Alpaca JSON). Each object gives:
// - the input text: the text field (default "text"); when the object has no
//   such field but has "instruction" (an Alpaca record) the text is the
//   instruction, followed by "\n" and the input when the input is not empty;
// - the gold label (optional): the label field (default "label"); for Alpaca
//   records without it, "output". The value is matched against label names,
//   then against answers (mapping to the answer's label), then against label
//   names ignoring ASCII case and surrounding whitespace; no match is an error;
// - every string (or number / bool, as JSON text) field as a named template
//   slot: [instruction], [input], [premise], ...
// - "output" (if present) is kept as the demo answer text for ICL demos that
//   have no gold label.

#include "prompt/verbalizer.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sft::scoring {

/** One input of answer search or one ICL demo / test example. */
struct Example
{
    std::string text;                          ///< the [X] input
    int gold = -1;                             ///< gold label index, -1 when none
    std::optional<std::string> goldText;       ///< the gold field's text as written
    std::map<std::string, std::string> fields; ///< named slots
    std::optional<std::string> output;         ///< "output" field (demo answer fallback)
    std::int64_t line = 0;                     ///< 1-based line in the file (0 in a JSON array)
};

/** Field names of example files. */
struct ExampleFields
{
    std::string text = "text";
    std::string label = "label";
};

/** Read an answers file into a verbalizer; throws sft::Error naming the file and field. */
prompt::Verbalizer readVerbalizer(const std::string &path);
/** Parse answers JSON text (source names it in errors). */
prompt::Verbalizer parseVerbalizer(const std::string &json, const std::string &source);

/** Read an example file (JSONL or a JSON array); throws sft::Error with file, line, record, field. */
std::vector<Example> readExamples(const std::string &path, const prompt::Verbalizer &verbalizer,
                                  const ExampleFields &fields = {});
/** Parse example text already in memory. */
std::vector<Example> parseExamples(const std::string &text, const std::string &source,
                                   const prompt::Verbalizer &verbalizer, const ExampleFields &fields = {});

/** Label index of a gold text (name, answer, or case-insensitive name), or -1. */
int matchLabel(const prompt::Verbalizer &verbalizer, const std::string &goldText);

} // namespace sft::scoring
