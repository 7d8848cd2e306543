#pragma once
// Completions on the project's own engine: a Hugging Face model folder (and
// optionally a fine-tuning run's result on it) with its tokenizer, its
// generation_config.json defaults, its end-of-sequence ids and its chat
// template. `sftbench-cli generate`, `sftbench-cli serve` and the local
// backend of the Self-Instruct loop all generate through this class, so the
// same prompt, settings and seed give the same text in each.
//
// One model, many callers: generation is serialised by a mutex (the model and
// its KV cache are not shared between threads), and a caller's cancel flag
// stops its generation between tokens. Torch-free header.

#include "model/model_config.h"
#include "openai/completion.h"
#include "tokenizer/chat_template.h"
#include "tokenizer/model_chat_template.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sft::serve {

/** What to load. */
struct EngineOptions
{
    std::string modelDir;        ///< config.json, *.safetensors, tokenizer.json
    std::string adapter;         ///< a fine-tuning run folder (its final/ or a checkpoint); "" = the model as it is
    std::string device = "auto"; ///< auto | cpu | cuda | cuda:N
    std::string dtype = "auto";  ///< auto | fp32 | bf16 | fp16
    /**
     * Inference-time RoPE scaling in place of config.json's (and a run's rope factor): unset = as
     * they say; type None = no scaling at all (model::LoadOptions::ropeScaling).
     */
    std::optional<model::RopeScaling> ropeScaling;
};

/**
 * Sampling settings of one generation. Unset fields take the model's
 * generation_config.json values as transformers does (temperature, top_k and
 * top_p only when it says do_sample; else greedy), and 128 new tokens when it
 * names no max_new_tokens.
 */
struct GenerateSettings
{
    std::optional<std::int64_t> maxTokens;
    std::optional<double> temperature;       ///< 0 = greedy
    std::optional<double> topP;              ///< 1 = off
    std::optional<std::int64_t> topK;        ///< 0 = off
    std::optional<double> repetitionPenalty; ///< 1 = off
    std::uint64_t seed = 0;
    std::vector<std::string> stop;           ///< the text is cut before the first one
    bool ignoreEos = false;                  ///< keep generating past end-of-sequence tokens
};

/** What one generation produced. */
struct GenerateOutput
{
    std::string text;
    std::string finishReason;   ///< "eos" | "stop" | "length" | "cancelled"
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    std::vector<std::int64_t> tokens; ///< the generated ids (stop-string tokens included, end-of-sequence excluded)
    double promptSeconds = 0;   ///< the prompt's forward pass
    double decodeSeconds = 0;   ///< the generated tokens
    double waitSeconds = 0;     ///< time spent waiting for other callers' generations
};

/** A loaded model as a completion backend. */
class EngineCompletion : public openai::CompletionBackend
{
public:
    /** Load the model, its tokenizer and (with options.adapter) the run's result. Throws sft::Error. */
    explicit EngineCompletion(const EngineOptions &options);
    ~EngineCompletion() override;

    /**
     * CompletionBackend: the raw prompt continued with every setting of the
     * request. Throws openai::ApiError (400) when the prompt does not fit the
     * context (see fitToContext), sft::Cancelled when cancel became true.
     */
    openai::CompletionResult complete(const openai::CompletionRequest &request,
                                      const std::atomic<bool> *cancel = nullptr) override;
    /** complete() of a conversation rendered with renderChat() and tokenized with encodeChat(). */
    openai::CompletionResult chat(const std::vector<ChatMessage> &messages, const openai::CompletionRequest &request,
                                  const std::atomic<bool> *cancel = nullptr);
    std::string describe() const override;

    /** Token ids generation continues: encode(prompt, true), or the BOS alone for an empty prompt. Throws sft::Error. */
    std::vector<std::int64_t> encode(const std::string &prompt) const;
    /**
     * The same with or without the tokenizer's special tokens: text a Jinja
     * chat template rendered already holds them (bos_token), and transformers
     * tokenizes it without; an empty prompt still starts with the BOS.
     */
    std::vector<std::int64_t> encode(const std::string &prompt, bool addSpecialTokens) const;
    /** Ids of a renderChat() text: without special tokens for the model's Jinja template, else encode(). */
    std::vector<std::int64_t> encodeChat(const std::string &rendered) const;
    /**
     * The conversation as the chat template writes it, ending with the opening
     * of the assistant's turn. The template: the adapter run's fixed prompt
     * format when it trained with one; else the model's own Jinja
     * chat_template (chat_template.jinja or tokenizer_config.json), rendered as
     * transformers does; else, when that template does not parse, the fixed
     * format recognised in it. Throws openai::ApiError 400 (param "messages")
     * when the model has no template or the template refuses the conversation.
     */
    std::string renderChat(const std::vector<ChatMessage> &messages) const;
    /** "chat" for the model's own Jinja template, a fixed format's name ("chatml", ...), or "" without one. */
    std::string chatTemplateName() const;

    /** maxTokens with the generation_config default applied. */
    std::int64_t resolvedMaxTokens(const GenerateSettings &settings) const;
    /**
     * The server's context rule: max_tokens above the context length is refused
     * (400, param "max_tokens"), so is a prompt that fills the context (400,
     * param promptParam); otherwise the tokens that fit after the prompt
     * (at most maxTokens), which is where generation stops with "length".
     */
    std::int64_t fitToContext(std::int64_t promptTokens, std::int64_t maxTokens, const std::string &promptParam) const;
    /**
     * fitToContext() for a request: a refused max_tokens is named by maxTokensParam
     * ("max_tokens" or "max_completion_tokens") and quoted as the request wrote it
     * (maxTokensText, e.g. "1e30", rather than the clamped integer) when that is not empty.
     */
    std::int64_t fitToContext(std::int64_t promptTokens, std::int64_t maxTokens, const std::string &promptParam,
                              const std::string &maxTokensParam, const std::string &maxTokensText) const;

    /**
     * Generate after ids (from encode()). onText receives text as it becomes
     * final and returns false to stop. cancel (when given) and shouldStop
     * (when given; e.g. "has the client hung up?") are asked before the
     * prompt's forward pass and before every decode step, whether or not the
     * step emits text, so they stop a generation within one token; shouldStop
     * must therefore be cheap. Each of the three ends the generation with
     * finishReason "cancelled". Waits while another caller generates.
     */
    GenerateOutput generate(const std::vector<std::int64_t> &ids, const GenerateSettings &settings,
                            const std::function<bool(const std::string &)> &onText = {},
                            const std::atomic<bool> *cancel = nullptr,
                            const std::function<bool()> &shouldStop = {});

    /** max_position_embeddings of the model (with the run's RoPE scaling). */
    std::int64_t contextLength() const;
    /** The loaded model's configuration, with the RoPE scaling it runs with. */
    const model::ModelConfig &modelConfig() const;
    std::string device() const;       ///< "cpu", "cuda:0"
    std::string dtype() const;        ///< "fp32" | "bf16" | "fp16"
    /** The adapter run's prompt_format ("" without an adapter). */
    std::string adapterPromptFormat() const;
    const EngineOptions &options() const;

private:
    openai::CompletionResult completeIds(const std::vector<std::int64_t> &ids, const openai::CompletionRequest &request,
                                         const std::atomic<bool> *cancel, std::chrono::steady_clock::time_point t0);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sft::serve
