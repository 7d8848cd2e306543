#pragma once
// The OpenAI HTTP protocol as our server speaks it: parse and validate the
// bodies of POST /v1/completions and /v1/chat/completions, and build the
// responses, the server-sent event chunks of a streamed answer, the model
// list and the error bodies. Qt-free, torch-free, no HTTP: the server
// (backend/serve/server.h) moves the bytes.
//
// Validation is strict, as OpenAI's own API is: a field the server does not
// know is refused with 400, param = that field and code "unknown_parameter",
// rather than ignored, so a typo such as "max_token" never silently falls back
// to a default. Fields that are known but ask for something this server cannot
// do (n > 1, logprobs, tools, non-zero presence/frequency penalties, echo,
// suffix) are refused the same way (code "unsupported_value"). JSON null means
// "not given" for every optional field, as in OpenAI's API.

#include "openai/api_error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sft::openai {

enum class Endpoint { Completions, ChatCompletions };

/** One chat message: role "system" | "user" | "assistant", text content. */
struct Message
{
    std::string role;
    std::string content;
};

/**
 * A validated request. Sampling fields the request leaves out are unset: the
 * server fills them from the model's generation_config.json exactly as
 * `sftbench-cli generate` does, so the same request and seed give the same text.
 */
struct ServeRequest
{
    Endpoint endpoint = Endpoint::Completions;
    std::string model;                     ///< "" when not given
    std::string prompt;                    ///< completions: the one prompt
    std::vector<Message> messages;         ///< chat: the conversation (at least one message)
    std::optional<std::int64_t> maxTokens; ///< >= 1 (chat also reads max_completion_tokens); huge values clamp to INT64_MAX
    std::string maxTokensParam = "max_tokens"; ///< the field maxTokens came from
    std::string maxTokensText;             ///< maxTokens as the request wrote it ("1e30"), for error messages
    std::optional<double> temperature;     ///< [0, 2]; 0 = greedy
    std::optional<double> topP;            ///< (0, 1]
    std::optional<std::int64_t> topK;      ///< >= 0, 0 = off (vLLM's extension; -1 is read as 0)
    std::optional<double> repetitionPenalty; ///< > 0 (vLLM's extension)
    std::optional<std::uint64_t> seed;
    std::vector<std::string> stop;         ///< up to 16 non-empty strings
    bool stream = false;
    bool includeUsage = false;             ///< stream_options.include_usage: a last chunk with the usage
    bool ignoreEos = false;                ///< vLLM's extension: generate max_tokens tokens whatever comes
    std::string user;
};

/** Largest number of stop strings accepted (OpenAI allows 4, vLLM any; we stay generous but bounded). */
constexpr std::size_t kMaxStopStrings = 16;

/**
 * Parse a /v1/completions body; throws ApiError (400, param = the field) when it is not valid, and
 * (400, code "invalid_json") when it is empty, not JSON or not an object.
 */
ServeRequest parseCompletionsRequest(std::string_view body);
/** Parse a /v1/chat/completions body; throws ApiError (400, param = the field) when it is not valid. */
ServeRequest parseChatRequest(std::string_view body);

/** The fields parse*Request() accept for an endpoint (for documentation and tests). */
const std::vector<std::string> &acceptedFields(Endpoint endpoint);

/** The identity every response and chunk of one request repeats. */
struct ResponseInfo
{
    std::string id;          ///< "cmpl-…" or "chatcmpl-…"
    std::int64_t created = 0; ///< Unix seconds
    std::string model;
};

struct Usage
{
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
};

/** A new response id: prefix + 24 random hex digits. */
std::string newResponseId(Endpoint endpoint);
/** ResponseInfo with a new id, the current time and the model name. */
ResponseInfo newResponseInfo(Endpoint endpoint, const std::string &model);

/** The engine's finish reason ("eos", "stop", "length") as OpenAI's ("stop" | "length"). */
std::string openAiFinishReason(const std::string &engineReason);

nlohmann::json usageJson(const Usage &usage);
/** The whole answer: "text_completion" or "chat.completion" with one choice and the usage. */
nlohmann::json responseJson(Endpoint endpoint, const ResponseInfo &info, const std::string &text,
                            const std::string &finishReason, const Usage &usage);
/**
 * One chunk of a streamed answer: a piece of text (finishReason empty), or the
 * last chunk (empty text, the finish reason). Chat chunks carry a delta; the
 * first one (firstChat) says role "assistant".
 */
nlohmann::json chunkJson(Endpoint endpoint, const ResponseInfo &info, const std::string &text,
                         const std::string &finishReason = {}, bool firstChat = false);
/** The usage chunk of stream_options.include_usage (empty choices). */
nlohmann::json usageChunkJson(Endpoint endpoint, const ResponseInfo &info, const Usage &usage);

/** "data: <json>\n\n" (invalid UTF-8 in text becomes U+FFFD rather than throwing). */
std::string sseEvent(const nlohmann::json &payload);
/** "data: [DONE]\n\n", the end of every stream. */
std::string sseDone();

/** One entry of GET /v1/models. */
struct ModelEntry
{
    std::string id;
    std::int64_t created = 0;
    std::string ownedBy = "sftbench";
    std::int64_t maxModelLen = 0; ///< the context length (vLLM's max_model_len), 0 = not reported
};
nlohmann::json modelsJson(const std::vector<ModelEntry> &models);

/** {"error": {"message", "type", "param", "code"}} (param and code null when empty). */
nlohmann::json errorJson(const ApiError &error);

/** JSON text of j with invalid UTF-8 replaced, never throwing. */
std::string dumpJson(const nlohmann::json &j);

} // namespace sft::openai
