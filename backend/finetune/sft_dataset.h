#pragma once
// From records to training rows, torch-free: render each record's whole
// conversation once in the prompt format (a fixed format or the model's own
// Jinja chat template), find the byte span of every assistant message in the
// rendered text, tokenize the whole text once with byte offsets, and let a
// token count in the loss exactly when it falls in an assistant span (so the
// ids are the ones generation sees, never pieces tokenized apart). Too long:
// drop whole turns from the end, or split into several examples. Then lay the
// examples out in rows: one example per row (padded in the batch) or several
// packed into one row with per-example attention and positions. The order of
// every epoch is a seeded shuffle, so the whole run's schedule of micro-batches
// is a pure function of the config: a resumed run finds its place from the step.

#include "core/chat_message.h"
#include "data/record.h"
#include "tokenizer/chat_template.h"
#include "tokenizer/model_chat_template.h"
#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sft::finetune {

/** One tokenized example. */
struct SftExample
{
    std::vector<std::int32_t> ids;
    /** Per token: 1 when it is a target of the loss (predicted from the tokens before it). */
    std::vector<std::uint8_t> targets;
    bool truncated = false;
};

struct EncodeStats
{
    std::int64_t examples = 0;
    std::int64_t truncated = 0;      ///< examples cut inside a turn to fit max_length
    std::int64_t dropped = 0;        ///< records that left no target token (the prompt alone fills max_length)
    std::int64_t tokens = 0;
    std::int64_t responseTokens = 0; ///< tokens that count in the loss
    std::int64_t conversations = 0;  ///< records with more than one assistant turn
    std::int64_t turnsDropped = 0;   ///< assistant turns left out to fit max_length
    std::int64_t splitRecords = 0;   ///< records that became more than one example
    /** Records the format or the model's template refuses (a conversation in Alpaca, roles that do not alternate). */
    std::int64_t skipped = 0;
    std::string firstSkipped;        ///< the first of them: its error, naming the record
};

/** What to do with a conversation longer than max_length (TrainConfig::conversationOverflow). */
enum class Overflow {
    /** Drop whole turns from the end until it fits; a first turn that alone does not fit is cut. */
    Truncate,
    /**
     * Several examples, in order: each trains on the longest run of whole turns
     * that fits (starting after the previous example's last turn), preceded by
     * as many of the turns before it as fit as context (their replies do not
     * count again), the system message always kept. A turn that alone does not
     * fit is cut as in Truncate.
     */
    Split
};

/** "truncate" / "split"; throws sft::Error on other names. */
Overflow overflowFromName(const std::string &name);

/** How records become text: the prompt format. */
class PromptFormatter
{
public:
    using Span = std::pair<std::size_t, std::size_t>;   ///< bytes [first, second) of a rendered text

    /**
     * name: alpaca | chatml | llama2 | llama3 (fixed formats) | chat (the
     * model's own Jinja chat_template, from modelDir; an error when it has
     * none) | text (plain language modelling: the record's texts joined by
     * blank lines, every token counts, as continued pre-training). Throws
     * sft::Error (field "prompt_format") on an unknown name or template.
     */
    PromptFormatter(const std::string &name, const std::string &modelDir);

    const std::string &name() const { return m_name; }

    /**
     * The messages a record trains on: its system message and turns (a
     * single-turn record: user = instruction and input, assistant = output,
     * even when empty; Alpaca keeps the input as its own "input" message),
     * cut after the last assistant message (what follows has nothing to
     * learn). Throws sft::Error when the format cannot express the record:
     * Alpaca holds one instruction and one response, without system message.
     */
    std::vector<ChatMessage> messagesFor(const Record &record) const;

    /** A conversation rendered once, with the bytes of each assistant message. */
    struct Rendering
    {
        std::string text;
        /** One per assistant message in order: its content and the turn's end marker (<|im_end|>, </s>, ...). */
        std::vector<Span> assistantSpans;
    };
    /**
     * Render messages and find each assistant message's span: from the end of
     * render(messages[:k], generation prompt) to the end of
     * render(messages[:k+1]) when both are prefixes of the whole text. Else
     * the content is located in the text: after render(messages[:k]) when
     * that is a prefix, else after the user message before it (found after
     * the previous span), so that a reply quoting its context is not taken
     * from the context; "</think>" reasoning that templates drop from earlier
     * turns need not be there. The end marker right after the content (the
     * template's eos token or a common end-of-turn token) ends the span; when
     * the start is known but the content cannot be found, the first end
     * marker after the start does. The span is the reply and its end marker,
     * never the newline after the marker (as transformers' {% generation %}
     * blocks). Plain text: one span over everything. Throws sft::Error when a
     * message cannot be found.
     */
    Rendering renderConversation(const std::vector<ChatMessage> &messages) const;

    /** messages followed by the opening of the assistant's turn: what generation continues. */
    std::string renderGenerationPrompt(const std::vector<ChatMessage> &messages) const;
    /** renderGenerationPrompt() of one user message (instruction, then input), for "try the result". */
    std::string renderPrompt(const std::string &instruction, const std::string &input = {}) const;

    /**
     * Whether the text is tokenized with the tokenizer's special tokens (its
     * BOS): yes for fixed formats and plain text, as before; no for the
     * model's Jinja template, which writes bos_token itself (transformers
     * tokenizes apply_chat_template's text without special tokens).
     */
    bool addSpecialTokens() const { return !m_model; }
    /** Alpaca and plain text have no end marker: the tokenizer's eos id follows each response. */
    bool appendsEos() const { return m_plainText || (m_fixed && m_fixed->format() == ChatFormat::Alpaca); }

private:
    std::string renderMessages(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const;

    std::string m_name;
    std::optional<ChatTemplate> m_fixed;
    std::optional<ModelChatTemplate> m_model;
    bool m_plainText = false;
};

struct EncodeOptions
{
    std::int64_t maxLength = 512;
    /** Every token counts in the loss (context turns of split examples too); the spans only guide cutting. */
    bool trainOnPrompt = false;
    Overflow overflow = Overflow::Truncate;
    /** Per record: its index in the data file, for the errors that name it (empty: its position in the list). */
    std::vector<std::int64_t> recordNumbers;
};

/**
 * Tokenize records (see the file comment). The text gets the tokenizer's
 * special tokens when the formatter says so; formats without an end marker
 * get eos after the response. A record the format or the template refuses is
 * left out and counted (EncodeStats::skipped, with the first error); when
 * that leaves no example at all, throws that first error (naming the record).
 */
std::vector<SftExample> encodeExamples(const std::vector<Record> &records, const Tokenizer &tokenizer,
                                       const PromptFormatter &formatter, const EncodeOptions &options,
                                       EncodeStats &stats);
/** encodeExamples() with conversations truncated. */
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
