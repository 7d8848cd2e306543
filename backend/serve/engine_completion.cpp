// The engine as a completion backend (see engine_completion.h): settings
// resolved against generation_config.json the way `generate` always did,
// eos ids, the tokenizer's vocabulary limit, streaming decode, stop strings.

#include "serve/engine_completion.h"

#include "core/error.h"
#include "core/progress.h"
#include "model/language_model.h"
#include "openai/api_error.h"
#include "tokenizer/model_tokenizer.h"
#ifdef SFT_SERVE_HAVE_FINETUNE
#include "finetune/trainer.h"
#endif

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::serve {

namespace {

/** generation_config.json of the folder, or an empty object. */
json generationConfig(const std::string &dir)
{
    const fs::path path = fs::path(dir) / "generation_config.json";
    std::ifstream in(path);
    if (!in)
        return json::object();
    try {
        json j = json::parse(in);
        return j.is_object() ? j : json::object();
    } catch (const json::exception &e) {
        throw Error(std::string("invalid JSON: ") + e.what(), {path.string(), 0, 0, -1, {}});
    }
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

struct EngineCompletion::Private
{
    EngineOptions options;
    std::unique_ptr<model::LanguageModel> lm;
    Tokenizer tokenizer;
    json gen;
    std::string promptFormat;            // the adapter run's
    std::optional<ModelChatTemplate> modelChat;   // the model's own template
    std::optional<ChatTemplate> chat;    // else a fixed format
    std::string chatError;               // why chat is not available
    std::mutex mutex;                    // one generation at a time

    double genNumber(const char *key, double fallback) const
    {
        const auto it = gen.find(key);
        return it != gen.end() && it->is_number() ? it->get<double>() : fallback;
    }
};

EngineCompletion::EngineCompletion(const EngineOptions &options) : d(std::make_unique<Private>())
{
    d->options = options;
    if (options.modelDir.empty())
        throw Error("a model folder is needed");
    model::LoadOptions load;
    load.device = options.device;
    load.dtype = options.dtype;
    load.ropeScaling = options.ropeScaling;
    if (!options.adapter.empty()) {
#ifdef SFT_SERVE_HAVE_FINETUNE
        auto run = finetune::loadRunModel(options.adapter, load);
        d->lm = std::move(run.model);
        d->promptFormat = run.config.promptFormat;
#else
        throw Error("this build has no fine-tuning engine: --adapter is not available");
#endif
    }
    d->gen = generationConfig(options.modelDir);
    d->tokenizer = loadModelTokenizer(options.modelDir).tokenizer;
    if (!d->lm)
        d->lm = model::LanguageModel::load(options.modelDir, load);

    // The chat template: the run's fixed format when it trained on one, else the model's own Jinja
    // template; a fixed format recognised in a template that does not parse is the last resort.
    try {
        if (!d->promptFormat.empty() && d->promptFormat != "text" && d->promptFormat != "chat")
            d->chat = ChatTemplate::byName(d->promptFormat);
    } catch (const Error &e) {
        d->chatError = e.what();
    }
    if (!d->chat && d->chatError.empty()) {
        try {
            d->modelChat = ModelChatTemplate::fromModelDir(options.modelDir);
            if (!d->modelChat)
                d->chatError = "the model folder has no chat_template (tokenizer_config.json, chat_template.jinja)";
        } catch (const Error &e) {
            d->chatError = e.what();
            try {
                const fs::path config = fs::path(options.modelDir) / "tokenizer_config.json";
                d->chat = ChatTemplate::fromConfigFile(config.string());
            } catch (const Error &) {
            }
        }
    }
}

EngineCompletion::~EngineCompletion() = default;

const EngineOptions &EngineCompletion::options() const { return d->options; }
std::int64_t EngineCompletion::contextLength() const { return d->lm->config().maxPositions; }
const model::ModelConfig &EngineCompletion::modelConfig() const { return d->lm->config(); }
std::string EngineCompletion::device() const { return d->lm->device(); }
std::string EngineCompletion::dtype() const { return d->lm->dtype(); }
std::string EngineCompletion::adapterPromptFormat() const { return d->promptFormat; }
std::string EngineCompletion::chatTemplateName() const
{
    return d->modelChat ? std::string("chat") : d->chat ? d->chat->name() : std::string();
}

std::string EngineCompletion::describe() const
{
    std::string s = "local model " + d->options.modelDir;
    if (!d->options.adapter.empty())
        s += " with run " + d->options.adapter;
    return s;
}

std::vector<std::int64_t> EngineCompletion::encode(const std::string &prompt) const
{
    return encode(prompt, true);
}

std::vector<std::int64_t> EngineCompletion::encodeChat(const std::string &rendered) const
{
    return encode(rendered, !d->modelChat);
}

std::vector<std::int64_t> EngineCompletion::encode(const std::string &prompt, bool addSpecialTokens) const
{
    const auto ids32 = d->tokenizer.encode(prompt, addSpecialTokens);
    std::vector<std::int64_t> ids(ids32.begin(), ids32.end());
    if (ids.empty() && d->tokenizer.bosId() >= 0)
        ids.push_back(d->tokenizer.bosId());
    if (ids.empty())
        throw Error("the prompt is empty and the tokenizer has no beginning-of-sequence token");
    return ids;
}

std::string EngineCompletion::renderChat(const std::vector<ChatMessage> &messages) const
{
    if (d->modelChat) {
        try {
            return d->modelChat->render(messages, true);
        } catch (const Error &e) {
            throw openai::ApiError(400, "the model's chat template cannot render these messages: " + e.message(),
                                   "messages", "invalid_messages");
        }
    }
    if (!d->chat)
        throw openai::ApiError(400, "this model has no chat template the server can render (" + d->chatError
                                        + "); use /v1/completions with a prompt you format yourself",
                               "messages", "chat_template_unavailable");
    try {
        return d->chat->render(messages, true);
    } catch (const Error &e) {
        throw openai::ApiError(400, "the " + d->chat->name() + " chat template cannot render these messages: "
                                        + e.message(), "messages", "invalid_messages");
    }
}

std::int64_t EngineCompletion::resolvedMaxTokens(const GenerateSettings &s) const
{
    return s.maxTokens ? *s.maxTokens : static_cast<std::int64_t>(d->genNumber("max_new_tokens", 128));
}

std::int64_t EngineCompletion::fitToContext(std::int64_t promptTokens, std::int64_t maxTokens,
                                            const std::string &promptParam) const
{
    return fitToContext(promptTokens, maxTokens, promptParam, "max_tokens", {});
}

std::int64_t EngineCompletion::fitToContext(std::int64_t promptTokens, std::int64_t maxTokens,
                                            const std::string &promptParam, const std::string &maxTokensParam,
                                            const std::string &maxTokensText) const
{
    const std::int64_t ctx = contextLength();
    if (maxTokens > ctx)
        throw openai::ApiError::badField(maxTokensParam, "'" + maxTokensParam + "' is "
                                                             + (maxTokensText.empty() ? std::to_string(maxTokens) : maxTokensText)
                                                             + ", more than this model's context of "
                                                             + std::to_string(ctx) + " tokens", "context_length_exceeded");
    if (promptTokens >= ctx)
        throw openai::ApiError::badField(promptParam, "the prompt is " + std::to_string(promptTokens)
                                                          + " tokens; this model's context is " + std::to_string(ctx)
                                                          + " tokens", "context_length_exceeded");
    return std::min(maxTokens, ctx - promptTokens);
}

GenerateOutput EngineCompletion::generate(const std::vector<std::int64_t> &ids, const GenerateSettings &s,
                                          const std::function<bool(const std::string &)> &onText,
                                          const std::atomic<bool> *cancel, const std::function<bool()> &shouldStop)
{
    model::GenerationOptions o;
    const bool sampleByDefault = d->gen.value("do_sample", false);
    o.maxNewTokens = resolvedMaxTokens(s);
    o.sampling.temperature = s.temperature ? *s.temperature : sampleByDefault ? d->genNumber("temperature", 1.0) : 0.0;
    o.sampling.topK = s.topK ? *s.topK : sampleByDefault ? static_cast<std::int64_t>(d->genNumber("top_k", 0)) : 0;
    o.sampling.topP = s.topP ? *s.topP : sampleByDefault ? d->genNumber("top_p", 1.0) : 1.0;
    o.sampling.repetitionPenalty = s.repetitionPenalty ? *s.repetitionPenalty : d->genNumber("repetition_penalty", 1.0);
    o.seed = s.seed;
    o.stop = s.stop;
    if (s.ignoreEos) {
        o.eosTokenIds = {-1};   // no id is -1: nothing ends the generation but its length or a stop string
    } else if (const auto it = d->gen.find("eos_token_id"); it != d->gen.end()) {
        if (it->is_number_integer())
            o.eosTokenIds.push_back(it->get<std::int64_t>());
        else if (it->is_array())
            for (const auto &e : *it)
                if (e.is_number_integer())
                    o.eosTokenIds.push_back(e.get<std::int64_t>());
    }
    if (o.maxNewTokens < 0)
        throw Error("max new tokens must be >= 0");
    if (d->tokenizer.vocabSize() < static_cast<std::size_t>(d->lm->config().vocabSize))
        o.vocabLimit = static_cast<std::int64_t>(d->tokenizer.vocabSize());
    const Tokenizer &tokenizer = d->tokenizer;
    o.decode = [&tokenizer](const std::vector<std::int64_t> &t) {
        return tokenizer.decode(std::vector<std::int32_t>(t.begin(), t.end()));
    };
    auto stopNow = [&] { return (cancel && cancel->load()) || (shouldStop && shouldStop()); };
    o.onText = [&](const std::string &piece) { return !onText || onText(piece); };
    o.shouldStop = stopNow;   // before every decode step, not only when text comes out

    GenerateOutput out;
    const auto t0 = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(d->mutex);
    out.waitSeconds = secondsSince(t0);
    out.promptTokens = static_cast<std::int64_t>(ids.size());
    if (stopNow()) {   // e.g. the client gave up while another caller generated
        out.finishReason = "cancelled";
        return out;
    }
    const auto r = d->lm->generate(ids, o);
    out.text = r.text;
    out.finishReason = r.finishReason;
    out.completionTokens = static_cast<std::int64_t>(r.tokens.size());
    out.tokens = r.tokens;
    out.promptSeconds = r.promptSeconds;
    out.decodeSeconds = r.decodeSeconds;
    return out;
}

openai::CompletionResult EngineCompletion::complete(const openai::CompletionRequest &request,
                                                    const std::atomic<bool> *cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    return completeIds(encode(request.prompt), request, cancel, t0);
}

openai::CompletionResult EngineCompletion::completeIds(const std::vector<std::int64_t> &ids,
                                                       const openai::CompletionRequest &request,
                                                       const std::atomic<bool> *cancel,
                                                       std::chrono::steady_clock::time_point t0)
{
    GenerateSettings s;
    s.maxTokens = fitToContext(static_cast<std::int64_t>(ids.size()), request.maxTokens, "prompt");
    s.temperature = request.temperature;
    s.topP = request.topP;
    s.seed = request.seed;
    s.stop = request.stop;
    const GenerateOutput g = generate(ids, s, {}, cancel);
    if (g.finishReason == "cancelled")
        throw Cancelled();
    openai::CompletionResult r;
    r.text = g.text;
    r.finishReason = g.finishReason == "length" ? "length" : "stop";   // eos and stop strings are both "stop"
    r.promptTokens = g.promptTokens;
    r.completionTokens = g.completionTokens;
    r.seconds = secondsSince(t0);
    return r;
}

openai::CompletionResult EngineCompletion::chat(const std::vector<ChatMessage> &messages,
                                                const openai::CompletionRequest &request, const std::atomic<bool> *cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    return completeIds(encodeChat(renderChat(messages)), request, cancel, t0);
}

} // namespace sft::serve
