// Records -> rendered conversations with assistant spans -> tokenized
// examples with target masks -> the run's schedule of micro-batches.

#include "finetune/sft_dataset.h"

#include "core/error.h"
#include "data/conversation.h"
#include "data/split.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

namespace sft::finetune {

namespace {

using Span = PromptFormatter::Span;

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

/** The template's eos token, then common end-of-turn tokens: what closes an assistant turn. */
template <class F>
void forEachEndMarker(const std::string &eos, F &&f)
{
    static const char *const kMarkers[] = {"<|im_end|>", "<|eot_id|>", "<|eom_id|>", "<end_of_turn>", "<|end|>",
                                           "</s>", "<|endoftext|>", "<|end_of_text|>", "<|END_OF_TURN_TOKEN|>",
                                           "<｜end▁of▁sentence｜>"};   // DeepSeek
    if (!eos.empty())
        f(std::string_view(eos));
    for (const char *m : kMarkers)
        f(std::string_view(m));
}

/**
 * Where an assistant turn's end marker ends, when one follows its content at
 * `at` (after spaces, as Llama-2's " </s>"). npos when none follows. The
 * newline templates write after the marker is not part of it: it belongs to
 * the next turn, as in transformers' {% generation %} blocks.
 */
std::size_t endMarkerEnd(const std::string &text, std::size_t at, const std::string &eos)
{
    std::size_t p = at;
    while (p < text.size() && text[p] == ' ')
        ++p;
    std::size_t end = std::string::npos;
    forEachEndMarker(eos, [&](std::string_view m) {
        if (end == std::string::npos && text.compare(p, m.size(), m) == 0)
            end = p + m.size();
    });
    return end;
}

/** The end of the first end marker that starts at or after `from`; npos when there is none. */
std::size_t firstEndMarkerEnd(const std::string &text, std::size_t from, const std::string &eos)
{
    std::size_t best = std::string::npos, end = std::string::npos;
    forEachEndMarker(eos, [&](std::string_view m) {
        const std::size_t p = text.find(m, from);
        if (p < best) {
            best = p;
            end = p + m.size();
        }
    });
    return end;
}

/**
 * The end of span [begin, end) without the whitespace after an end marker that
 * closes it (ChatML's "<|im_end|>\n", Gemma's "<end_of_turn>\n"): the model
 * learns the reply and the marker, not the separator before the next turn. A
 * span without a marker keeps its end.
 */
std::size_t withoutSeparator(const std::string &text, std::size_t begin, std::size_t end, const std::string &eos)
{
    std::size_t e = end;
    while (e > begin && (text[e - 1] == '\n' || text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t'))
        --e;
    if (e == end)
        return end;
    bool marker = false;
    forEachEndMarker(eos, [&](std::string_view m) {
        marker = marker || (e - begin >= m.size() && text.compare(e - m.size(), m.size(), m) == 0);
    });
    return marker ? e : end;
}

std::string trimmed(const std::string &s)
{
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") + 1 - b);
}

/** The record's texts joined by blank lines: plain language modelling. */
std::string plainTextOf(const Record &r)
{
    std::string s;
    auto add = [&](const std::string &part) {
        if (!part.empty())
            s += (s.empty() ? "" : "\n\n") + part;
    };
    add(r.system);
    if (isConversation(r)) {
        for (const ChatMessage &m : r.turns)
            add(m.content);
    } else {
        add(r.instruction);
        add(r.input);
        add(r.output);
    }
    return s;
}

/** A rendering tokenized: ids, targets, where the trained replies start and where each reply ends. */
struct Encoded
{
    std::vector<std::int32_t> ids;
    std::vector<std::uint8_t> targets;
    std::int64_t firstTarget = -1;         ///< first token of a trained reply (whatever trainOnPrompt says)
    std::vector<std::int64_t> spanEnds;    ///< per assistant span: the index after its last token (-1: no token)
};

/**
 * Tokenize a rendering once; a token is in a span when its bytes overlap it
 * (an empty token: when it lies inside). Spans before firstTrained are
 * context: they do not count (unless trainOnPrompt). The first token is
 * never a target: nothing before it predicts it (plain text's span starts at
 * 0, where the BOS lies).
 */
Encoded encodeRendering(const Tokenizer &tokenizer, const PromptFormatter &formatter,
                        const PromptFormatter::Rendering &r, std::size_t firstTrained, bool trainOnPrompt)
{
    const Tokenizer::Encoding e = tokenizer.encodeWithOffsets(r.text, formatter.addSpecialTokens());
    const std::vector<Span> &spans = r.assistantSpans;
    Encoded out;
    out.ids = e.ids;
    out.targets.assign(e.ids.size(), trainOnPrompt ? 1 : 0);
    if (!out.targets.empty())
        out.targets[0] = 0;
    out.spanEnds.assign(spans.size(), -1);
    std::size_t s = 0;
    for (std::size_t i = 0; i < e.ids.size(); ++i) {
        const Span o = e.offsets[i];
        while (s < spans.size() && spans[s].second <= o.first)
            ++s;
        if (s == spans.size())
            break;
        const bool inside = o.first == o.second ? o.first >= spans[s].first : o.second > spans[s].first;
        if (!inside)
            continue;
        out.spanEnds[s] = std::int64_t(i) + 1;
        if (s >= firstTrained && i > 0) {
            out.targets[i] = 1;
            if (out.firstTarget < 0)
                out.firstTarget = std::int64_t(i);
        }
    }
    // Alpaca and plain text hold one reply, at the end, without an end marker: eos follows it (or the
    // tokenizer's own eos, when it adds one, counts).
    if (formatter.appendsEos() && tokenizer.eosId() >= 0 && !spans.empty()) {
        const bool trained = spans.size() - 1 >= firstTrained;
        if (out.ids.empty() || out.ids.back() != tokenizer.eosId()) {
            out.ids.push_back(tokenizer.eosId());
            out.targets.push_back(trainOnPrompt || trained ? 1 : 0);
        } else if (trained) {
            out.targets.back() = 1;
        }
        if (trained && out.firstTarget < 0)
            out.firstTarget = std::int64_t(out.ids.size()) - 1;
        out.spanEnds.back() = std::int64_t(out.ids.size());
    }
    return out;
}

} // namespace

Overflow overflowFromName(const std::string &name)
{
    if (name == "truncate")
        return Overflow::Truncate;
    if (name == "split")
        return Overflow::Split;
    throw Error("unknown conversation overflow \"" + name + "\" (truncate, split)");
}

PromptFormatter::PromptFormatter(const std::string &name, const std::string &modelDir)
    : m_name(name), m_plainText(name == "text")
{
    if (m_plainText)
        return;
    if (name == "chat") {
        try {
            m_model = ModelChatTemplate::fromModelDir(modelDir);
        } catch (const Error &e) {
            Error::Location where = e.where();
            where.field = "prompt_format";
            throw Error(e.message(), where);
        }
        if (!m_model)
            throw Error("prompt format \"chat\" renders with the model's own chat template, and this model has none "
                        "(no chat_template in tokenizer_config.json, no chat_template.jinja); choose chatml, llama2, "
                        "llama3 or alpaca",
                        {modelDir, 0, 0, -1, "prompt_format"});
        return;
    }
    try {
        m_fixed = ChatTemplate::byName(name);
    } catch (const Error &e) {
        throw Error(e.message(), {{}, 0, 0, -1, "prompt_format"});
    }
}

std::string PromptFormatter::renderMessages(const std::vector<ChatMessage> &messages, bool addGenerationPrompt) const
{
    if (m_model)
        return m_model->render(messages, addGenerationPrompt);
    return m_fixed->render(messages, addGenerationPrompt);
}

std::vector<ChatMessage> PromptFormatter::messagesFor(const Record &r) const
{
    if (m_plainText)
        return {{"assistant", plainTextOf(r)}};
    std::vector<ChatMessage> messages;
    if (m_fixed && m_fixed->format() == ChatFormat::Alpaca) {
        if (isConversation(r))
            throw Error("the Alpaca format holds one instruction and its response, and this record is a conversation "
                        "of " + std::to_string(turnCount(r)) + " turns; train it with the model's chat template "
                        "(\"chat\") or chatml, llama2 or llama3");
        if (!r.system.empty())
            throw Error("the Alpaca format has no place for a system message, and this record has one; train it with "
                        "the model's chat template (\"chat\") or chatml, llama2 or llama3");
        messages.push_back({"user", r.instruction});
        if (!r.input.empty())
            messages.push_back({"input", r.input});
        messages.push_back({"assistant", r.output});
        return messages;
    }
    messages = messagesOf(r);
    if (!isConversation(r) && (messages.empty() || messages.back().role != "assistant"))
        messages.push_back({"assistant", r.output});   // an empty reply still teaches the end marker
    while (!messages.empty() && messages.back().role != "assistant")
        messages.pop_back();
    return messages;
}

PromptFormatter::Rendering PromptFormatter::renderConversation(const std::vector<ChatMessage> &messages) const
{
    Rendering r;
    if (m_plainText) {
        for (const ChatMessage &m : messages)
            r.text += (r.text.empty() ? "" : "\n\n") + m.content;
        r.assistantSpans.push_back({0, r.text.size()});
        return r;
    }
    r.text = renderMessages(messages, false);
    const std::string &text = r.text;
    const std::string eos = m_model ? m_model->eosToken() : std::string();
    // A prefix render that the template refuses (a partial conversation) or that is not a prefix of the
    // whole text is no help; nullopt then.
    auto prefixEnd = [&](std::size_t count, bool generationPrompt, std::size_t atLeast) -> std::optional<std::size_t> {
        try {
            const std::string part = renderMessages(
                std::vector<ChatMessage>(messages.begin(), messages.begin() + std::ptrdiff_t(count)), generationPrompt);
            if (part.size() >= atLeast && startsWith(text, part))
                return part.size();
        } catch (const Error &) {
        }
        return std::nullopt;
    };
    std::size_t from = 0;   // where the previous span ends
    for (std::size_t k = 0; k < messages.size(); ++k) {
        if (messages[k].role != "assistant")
            continue;
        std::optional<std::size_t> begin = prefixEnd(k, true, from), end;
        // The whole text is render(messages): the last message's end needs no render of its own.
        if (k + 1 == messages.size())
            end = text.size();
        else
            end = prefixEnd(k + 1, false, begin.value_or(from));
        // Where the reply may start when the generation prompt does not say (Mistral-Nemo moves the system
        // message into the last user turn; DeepSeek-R1 and QwQ open the reply with "<think>\n" only in the
        // generation prompt): after the conversation before it, else after the user message before it, so
        // that a reply quoting its context is not found inside the context.
        std::size_t lower = begin.value_or(from);
        if (!begin) {
            if (const auto head = prefixEnd(k, false, from)) {
                lower = *head;
            } else {
                for (std::size_t j = k; j-- > 0 && messages[j].role != "assistant";) {
                    if (messages[j].role == "system")
                        continue;
                    for (const std::string &c : {messages[j].content, trimmed(messages[j].content)}) {
                        const std::size_t at = c.empty() ? std::string::npos : text.find(c, from);
                        if (at != std::string::npos) {
                            lower = at + c.size();
                            break;
                        }
                    }
                    break;
                }
            }
        }
        // The content itself, found after that: it bounds the span when the prefix renders do not, and its
        // end marker ends the span even when a template adds more after the last turn (Llama-3's base
        // template writes the next assistant header whatever add_generation_prompt says). Templates often
        // trim the content, and reasoning templates (Qwen3, DeepSeek-R1, QwQ) keep only what follows
        // "</think>" in earlier turns.
        const std::string &content = messages[k].content;
        std::vector<std::string> candidates{content, trimmed(content)};
        const std::size_t think = content.rfind("</think>");
        if (think != std::string::npos)
            candidates.push_back(trimmed(content.substr(think + 8)));
        // With only the start known, the reply starts before the turn's end marker: text found after it
        // belongs to a later turn.
        const std::size_t startLimit = begin && !end ? firstEndMarkerEnd(text, *begin, eos) : std::string::npos;
        std::size_t at = std::string::npos, length = 0;
        for (const std::string &c : candidates) {
            if (c.empty() && !begin)
                continue;   // an empty reply can be anywhere
            const std::size_t p = text.find(c, lower);
            if (p != std::string::npos && (!end || p + c.size() <= *end)
                && (startLimit == std::string::npos || p < startLimit)) {
                at = p;
                length = c.size();
                break;
            }
        }
        if (at != std::string::npos) {
            if (!begin)
                begin = at;
            const std::size_t marker = endMarkerEnd(text, at + length, eos);
            if (marker != std::string::npos)
                end = end ? std::min(*end, marker) : marker;
            else if (!end)
                end = at + length;
        } else if (begin) {
            // Rewritten beyond recognition (the reasoning of an earlier turn dropped, say): the reply runs
            // from the generation prompt to the first end marker after it.
            const std::size_t marker = firstEndMarkerEnd(text, *begin, eos);
            if (marker != std::string::npos && (!end || marker <= *end))
                end = marker;
        }
        if (!begin || !end)
            throw Error("the chat template does not write assistant message " + std::to_string(k + 1) +
                        " as it is, so the tokens to learn cannot be found in the rendered text");
        r.assistantSpans.push_back({*begin, std::max(*begin, withoutSeparator(text, *begin, *end, eos))});
        from = std::max(*begin, *end);
    }
    return r;
}

std::string PromptFormatter::renderGenerationPrompt(const std::vector<ChatMessage> &messages) const
{
    if (m_plainText) {   // plain text: the text itself is what the model continues
        std::string s;
        for (const ChatMessage &m : messages)
            s += (s.empty() ? "" : "\n\n") + m.content;
        return s;
    }
    return renderMessages(messages, true);
}

std::string PromptFormatter::renderPrompt(const std::string &instruction, const std::string &input) const
{
    if (m_fixed && m_fixed->format() == ChatFormat::Alpaca) {
        std::vector<ChatMessage> messages{{"user", instruction}};
        if (!input.empty())
            messages.push_back({"input", input});
        return renderGenerationPrompt(messages);
    }
    return renderGenerationPrompt({{"user", input.empty() ? instruction : instruction + "\n\n" + input}});
}

std::vector<SftExample> encodeExamples(const std::vector<Record> &records, const Tokenizer &tokenizer,
                                       const PromptFormatter &formatter, std::int64_t maxLength, EncodeStats &stats,
                                       bool trainOnPrompt)
{
    EncodeOptions o;
    o.maxLength = maxLength;
    o.trainOnPrompt = trainOnPrompt;
    return encodeExamples(records, tokenizer, formatter, o, stats);
}

std::vector<SftExample> encodeExamples(const std::vector<Record> &records, const Tokenizer &tokenizer,
                                       const PromptFormatter &formatter, const EncodeOptions &options,
                                       EncodeStats &stats)
{
    std::vector<SftExample> out;
    out.reserve(records.size());
    const auto maxLength = static_cast<std::size_t>(std::max<std::int64_t>(1, options.maxLength));
    auto emit = [&](Encoded &&e, bool cut) {
        SftExample ex;
        ex.ids = std::move(e.ids);
        ex.targets = std::move(e.targets);
        if (cut) {
            ex.ids.resize(maxLength);
            ex.targets.resize(maxLength);
            ++stats.truncated;
        }
        ex.truncated = cut;
        stats.tokens += static_cast<std::int64_t>(ex.ids.size());
        stats.responseTokens += std::count(ex.targets.begin(), ex.targets.end(), std::uint8_t(1));
        out.push_back(std::move(ex));
    };
    std::optional<Error> firstSkipped;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::size_t mark = out.size();
        const EncodeStats before = stats;
        try {
            const std::vector<ChatMessage> messages = formatter.messagesFor(records[i]);
            std::vector<std::size_t> replies;   // message index of each assistant message
            for (std::size_t k = 0; k < messages.size(); ++k)
                if (messages[k].role == "assistant")
                    replies.push_back(k);
            const std::size_t n = replies.size();
            if (n == 0) {
                ++stats.dropped;
                continue;
            }
            if (n > 1)
                ++stats.conversations;
            const std::size_t lead = messages[0].role == "system" ? 1 : 0;
            // The system message and turns u..e (a turn: the messages up to and including a reply);
            // the replies of turns t..e are trained, those before are context.
            auto window = [&](std::size_t u, std::size_t e, std::size_t t) {
                std::vector<ChatMessage> part(messages.begin(), messages.begin() + std::ptrdiff_t(lead));
                const std::size_t from = u == 0 ? lead : replies[u - 1] + 1;
                part.insert(part.end(), messages.begin() + std::ptrdiff_t(from),
                            messages.begin() + std::ptrdiff_t(replies[e]) + 1);
                return encodeRendering(tokenizer, formatter, formatter.renderConversation(part), t - u,
                                       options.trainOnPrompt);
            };
            // A turn that alone does not fit: cut, or nothing to learn when its reply starts past the end.
            auto cutOrDrop = [&](Encoded &&e) {
                if (e.firstTarget < 0 || static_cast<std::size_t>(e.firstTarget) >= maxLength)
                    return false;
                emit(std::move(e), true);
                return true;
            };

            Encoded whole = window(0, n - 1, 0);
            if (whole.ids.size() <= maxLength) {
                if (whole.firstTarget < 0)
                    ++stats.dropped;
                else
                    emit(std::move(whole), false);
                continue;
            }
            if (options.overflow == Overflow::Truncate || n == 1) {
                // Replies whose last token fits in the whole text's tokens: a first guess, checked by rendering.
                std::size_t guess = 0;
                while (guess < n && whole.spanEnds[guess] >= 0
                       && static_cast<std::size_t>(whole.spanEnds[guess]) <= maxLength)
                    ++guess;
                bool done = false;
                for (std::size_t k = std::min(n - 1, guess + 1); k >= 1 && !done; --k) {
                    Encoded e = window(0, k - 1, 0);
                    if (e.ids.size() <= maxLength && e.firstTarget >= 0) {
                        emit(std::move(e), false);
                        stats.turnsDropped += static_cast<std::int64_t>(n - k);
                        done = true;
                    }
                }
                if (!done) {
                    if (cutOrDrop(n == 1 ? std::move(whole) : window(0, 0, 0)))
                        stats.turnsDropped += static_cast<std::int64_t>(n - 1);
                    else
                        ++stats.dropped;
                }
                continue;
            }
            // Split: windows of whole turns, in order, each with as much earlier context as fits.
            std::size_t made = 0, left = 0;
            for (std::size_t t = 0; t < n;) {
                Encoded w = window(t, t, t);
                if (w.ids.size() > maxLength) {
                    if (cutOrDrop(std::move(w)))
                        ++made;
                    else
                        ++left;
                    ++t;
                    continue;
                }
                std::size_t e = t;
                while (e + 1 < n) {
                    Encoded longer = window(t, e + 1, t);
                    if (longer.ids.size() > maxLength)
                        break;
                    w = std::move(longer);
                    ++e;
                }
                for (std::size_t u = t; u > 0; --u) {
                    Encoded wider = window(u - 1, e, t);
                    if (wider.ids.size() > maxLength)
                        break;
                    w = std::move(wider);
                }
                emit(std::move(w), false);
                ++made;
                t = e + 1;
            }
            if (made == 0)
                ++stats.dropped;   // the record as a whole, not its turns
            else
                stats.turnsDropped += static_cast<std::int64_t>(left);
            if (made > 1)
                ++stats.splitRecords;
        } catch (const Error &e) {
            // The format or the template refuses this record: leave it out (what it had made too), count it.
            out.resize(mark);
            stats = before;
            Error::Location where = e.where();
            where.record = i < options.recordNumbers.size() ? options.recordNumbers[i] : static_cast<std::int64_t>(i);
            if (!firstSkipped)
                firstSkipped = Error(e.message(), where);
            if (stats.skipped == 0)
                stats.firstSkipped = firstSkipped->what();
            ++stats.skipped;
        }
    }
    stats.examples = static_cast<std::int64_t>(out.size());
    if (out.empty() && firstSkipped)
        throw *firstSkipped;
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
