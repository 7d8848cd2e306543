#pragma once
// From instruction records to training rows, torch-free: render each record in
// the prompt format, tokenize prompt and response separately (the response's
// tokens are the only ones the loss counts), truncate to max_length, and lay the
// examples out in rows: one example per row (padded in the batch) or several
// packed into one row with per-example attention and positions. The order of
// every epoch is a seeded shuffle, so the whole run's schedule of micro-batches
// is a pure function of the config: a resumed run finds its place from the step.

#include "data/record.h"
#include "tokenizer/chat_template.h"
#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sft::finetune {

/** One tokenized example. */
struct SftExample
{
    std::vector<std::int32_t> ids;
    std::int32_t promptLength = 0;  ///< ids[promptLength..] are the response (they count in the loss)
    bool truncated = false;
};

struct EncodeStats
{
    std::int64_t examples = 0;
    std::int64_t truncated = 0;     ///< response cut to fit max_length
    std::int64_t dropped = 0;       ///< prompt alone longer than max_length - 1: no response token left
    std::int64_t tokens = 0;
    std::int64_t responseTokens = 0;
};

/** How a record becomes prompt and response text. */
class PromptFormatter
{
public:
    /**
     * name: alpaca | chatml | llama2 | llama3 | chat (the model's tokenizer_config.json chat_template)
     * | text (plain language modelling: instruction, input and output joined by blank lines, every
     * token counts in the loss, as continued pre-training). modelDir is needed for "chat".
     * Throws sft::Error on an unknown name or template.
     */
    PromptFormatter(const std::string &name, const std::string &modelDir);
    /** Prompt and response text of a record (instruction, optional input, output). */
    ChatTemplate::Split render(const Record &record) const;
    /** The prompt alone (what generation continues), for "try the result". */
    std::string renderPrompt(const std::string &instruction, const std::string &input = {}) const;
    const ChatTemplate &chatTemplate() const { return m_template; }
    /** Alpaca text has no end marker: the tokenizer's eos id is appended to its responses. */
    bool appendsEos() const { return m_plainText || m_template.format() == ChatFormat::Alpaca; }
    bool plainText() const { return m_plainText; }

private:
    ChatTemplate m_template;
    bool m_plainText = false;
};

/**
 * Tokenize records. The prompt gets the tokenizer's special tokens (BOS where it
 * has one) and the response does not; responses of formats without an end marker
 * get eos. Longer than maxLength: the response is cut (counted as truncated);
 * a prompt that leaves no response token drops the example (counted).
 * trainOnPrompt: every token is a target (promptLength 0), the split only guides truncation.
 */
std::vector<SftExample> encodeExamples(const std::vector<Record> &records, const Tokenizer &tokenizer,
                                       const PromptFormatter &formatter, std::int64_t maxLength, EncodeStats &stats,
                                       bool trainOnPrompt = false);

/** A row of the batch: examples laid end to end (one unless packing). */
struct Row
{
    std::vector<std::int32_t> examples; ///< indices into the examples
    std::int64_t length = 0;            ///< tokens
};

/** One optimizer step: its micro-batches (each a list of rows). */
struct StepPlan
{
    std::int32_t epoch = 0;
    std::vector<std::vector<Row>> microBatches;
};

struct BatchPlanOptions
{
    int epochs = 1;
    std::int64_t maxSteps = 0;   ///< 0 = all epochs; otherwise cut (or repeat further epochs) to this many steps
    int batchSize = 1;
    int gradAccumulation = 1;
    bool packing = false;
    std::int64_t maxLength = 512;
    std::uint64_t seed = 0;
};

/** Every step of the run, in order: epoch e shuffles the examples with (seed, e). */
std::vector<StepPlan> planSteps(const std::vector<SftExample> &examples, const BatchPlanOptions &options);

/** shuffledIndices() (data/split.h) as the int32 indices the plan uses. */
std::vector<std::int32_t> shuffledOrder(std::int32_t n, std::uint64_t seed);

} // namespace sft::finetune
