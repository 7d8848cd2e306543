// Records -> tokenized examples -> the run's schedule of micro-batches.

#include "finetune/sft_dataset.h"

#include "core/error.h"
#include "data/split.h"
#include "tokenizer/tokenizer_config.h"

#include <algorithm>
#include <filesystem>

namespace sft::finetune {

namespace {

ChatTemplate templateFor(const std::string &name, const std::string &modelDir)
{
    if (name == "text")
        return ChatTemplate(ChatFormat::Alpaca); // unused: plain text has no template
    if (name == "chat") {
        const std::string path = (std::filesystem::path(modelDir) / "tokenizer_config.json").string();
        if (!std::filesystem::exists(path))
            throw Error("prompt format \"chat\" needs the model's tokenizer_config.json with a chat_template",
                        {path, 0, 0, -1, "prompt_format"});
        return ChatTemplate::fromConfigFile(path);
    }
    try {
        return ChatTemplate::byName(name);
    } catch (const Error &e) {
        throw Error(e.message(), {{}, 0, 0, -1, "prompt_format"});
    }
}

} // namespace

PromptFormatter::PromptFormatter(const std::string &name, const std::string &modelDir)
    : m_template(templateFor(name, modelDir)), m_plainText(name == "text")
{
}

ChatTemplate::Split PromptFormatter::render(const Record &r) const
{
    if (m_plainText) {
        ChatTemplate::Split s;
        for (const std::string *part : {&r.instruction, &r.input, &r.output})
            if (!part->empty())
                s.response += (s.response.empty() ? "" : "\n\n") + *part;
        return s;
    }
    std::vector<ChatMessage> messages;
    if (m_template.format() == ChatFormat::Alpaca) {
        messages.push_back({"user", r.instruction});
        if (!r.input.empty())
            messages.push_back({"input", r.input});
    } else {
        messages.push_back({"user", r.input.empty() ? r.instruction : r.instruction + "\n\n" + r.input});
    }
    messages.push_back({"assistant", r.output});
    return m_template.renderSplit(messages);
}

std::string PromptFormatter::renderPrompt(const std::string &instruction, const std::string &input) const
{
    if (m_plainText)   // plain text: the text itself is what the model continues
        return input.empty() ? instruction : instruction + "\n\n" + input;
    Record r;
    r.instruction = instruction;
    r.input = input;
    return render(r).prompt;
}

std::vector<SftExample> encodeExamples(const std::vector<Record> &records, const Tokenizer &tokenizer,
                                       const PromptFormatter &formatter, std::int64_t maxLength, EncodeStats &stats,
                                       bool trainOnPrompt)
{
    std::vector<SftExample> out;
    out.reserve(records.size());
    const bool eos = formatter.appendsEos() && tokenizer.eosId() >= 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        ChatTemplate::Split split;
        try {
            split = formatter.render(records[i]);
        } catch (const Error &e) {
            throw Error(e.message(), {{}, 0, 0, static_cast<std::int64_t>(i), {}});
        }
        std::vector<std::int32_t> prompt = tokenizer.encode(split.prompt, true);
        std::vector<std::int32_t> response = tokenizer.encode(split.response, false);
        if (eos)
            response.push_back(tokenizer.eosId());
        if (static_cast<std::int64_t>(prompt.size()) >= maxLength || response.empty()) {
            ++stats.dropped;
            continue;
        }
        SftExample ex;
        const auto room = static_cast<std::size_t>(maxLength) - prompt.size();
        if (response.size() > room) {
            response.resize(room);
            ex.truncated = true;
            ++stats.truncated;
        }
        ex.promptLength = trainOnPrompt ? 0 : static_cast<std::int32_t>(prompt.size());
        ex.ids = std::move(prompt);
        ex.ids.insert(ex.ids.end(), response.begin(), response.end());
        stats.tokens += static_cast<std::int64_t>(ex.ids.size());
        stats.responseTokens += static_cast<std::int64_t>(ex.ids.size()) - ex.promptLength;
        out.push_back(std::move(ex));
    }
    stats.examples = static_cast<std::int64_t>(out.size());
    return out;
}

std::vector<std::int32_t> shuffledOrder(std::int32_t n, std::uint64_t seed)
{
    const std::vector<std::int64_t> idx = shuffledIndices(n, seed);
    return std::vector<std::int32_t>(idx.begin(), idx.end());
}

std::vector<StepPlan> planSteps(const std::vector<SftExample> &examples, const BatchPlanOptions &o)
{
    if (examples.empty())
        throw Error("no training examples left after tokenization (every prompt is longer than max_length?)");
    if (o.batchSize < 1 || o.gradAccumulation < 1)
        throw Error("batch size and gradient accumulation must be at least 1");
    std::vector<StepPlan> steps;
    const auto n = static_cast<std::int32_t>(examples.size());
    for (std::int32_t epoch = 0;; ++epoch) {
        if (o.maxSteps <= 0 && epoch >= o.epochs)
            break;
        if (o.maxSteps > 0 && static_cast<std::int64_t>(steps.size()) >= o.maxSteps)
            break;
        const std::vector<std::int32_t> order = shuffledOrder(n, o.seed ^ (0xA24BAED4963EE407ull * (epoch + 1)));
        std::vector<Row> rows;
        for (const std::int32_t idx : order) {
            const auto len = static_cast<std::int64_t>(examples[static_cast<std::size_t>(idx)].ids.size());
            if (o.packing && !rows.empty() && rows.back().length + len <= o.maxLength) {
                rows.back().examples.push_back(idx);
                rows.back().length += len;
            } else {
                rows.push_back(Row{{idx}, len});
            }
        }
        const std::size_t perStep = static_cast<std::size_t>(o.batchSize) * static_cast<std::size_t>(o.gradAccumulation);
        for (std::size_t start = 0; start < rows.size(); start += perStep) {
            StepPlan step;
            step.epoch = epoch;
            const std::size_t end = std::min(rows.size(), start + perStep);
            for (std::size_t m = start; m < end; m += static_cast<std::size_t>(o.batchSize))
                step.microBatches.emplace_back(rows.begin() + static_cast<std::ptrdiff_t>(m),
                                               rows.begin() + static_cast<std::ptrdiff_t>(std::min(end, m + static_cast<std::size_t>(o.batchSize))));
            steps.push_back(std::move(step));
            if (o.maxSteps > 0 && static_cast<std::int64_t>(steps.size()) >= o.maxSteps)
                break;
        }
    }
    return steps;
}

} // namespace sft::finetune
