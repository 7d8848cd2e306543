// OpenAI request validation and response building (see protocol.h).

#include "openai/protocol.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <set>

using nlohmann::json;

namespace sft::openai {

namespace {

// Fields both endpoints share.
const std::vector<std::string> kCommon = {
    "model", "max_tokens", "temperature", "top_p", "top_k", "n", "stop", "seed", "stream", "stream_options",
    "presence_penalty", "frequency_penalty", "repetition_penalty", "logit_bias", "logprobs", "user",
    "ignore_eos"};

std::vector<std::string> withCommon(std::vector<std::string> own)
{
    own.insert(own.begin(), kCommon.begin(), kCommon.end());
    return own;
}

std::string typeName(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a number";
    default: return "an integer";
    }
}

ApiError wrongType(const std::string &param, const std::string &expected, const json &v)
{
    return ApiError::badField(param, "'" + param + "' must be " + expected + ", not " + typeName(v), "invalid_type");
}

ApiError unsupported(const std::string &param, const std::string &what)
{
    return ApiError::badField(param, what, "unsupported_value");
}

/** The object's value of key, or nullptr when absent or null. */
const json *field(const json &o, const char *key)
{
    const auto it = o.find(key);
    return it == o.end() || it->is_null() ? nullptr : &*it;
}

std::optional<double> number(const json &o, const char *key, double lo, double hi, bool loOpen)
{
    const json *v = field(o, key);
    if (!v)
        return std::nullopt;
    if (!v->is_number())
        throw wrongType(key, "a number", *v);
    const double x = v->get<double>();
    if (!std::isfinite(x) || x > hi || x < lo || (loOpen && x == lo)) {
        std::string range = (loOpen ? "greater than " : "at least ") + json(lo).dump();
        if (hi < std::numeric_limits<double>::max())
            range += " and at most " + json(hi).dump();
        throw ApiError::badField(key, "'" + std::string(key) + "' must be " + range + ", got " + v->dump());
    }
    return x;
}

std::optional<std::int64_t> integer(const json &o, const char *key)
{
    const json *v = field(o, key);
    if (!v)
        return std::nullopt;
    // 3.0 is an integer in JSON's number model; 3.5 is not.
    if (v->is_number_float()) {
        const double x = v->get<double>();
        if (std::isfinite(x) && std::floor(x) == x)
            return std::fabs(x) < 9.2e18 ? static_cast<std::int64_t>(x)
                   : x > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    }
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::numeric_limits<std::int64_t>::max();
    if (!v->is_number_integer())
        throw wrongType(key, "an integer", *v);
    return v->get<std::int64_t>();
}

std::optional<bool> boolean(const json &o, const char *key)
{
    const json *v = field(o, key);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean())
        throw wrongType(key, "a boolean", *v);
    return v->get<bool>();
}

json parseBody(std::string_view body)
{
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw ApiError(400, "a request body is required: send a JSON object (Content-Type: application/json)", {},
                       "invalid_json");
    json j;
    try {
        j = json::parse(body.begin(), body.end());
    } catch (const json::exception &e) {
        // nlohmann's message says where ("parse error at line 1, column 9: ...").
        std::string what = e.what();
        const auto colon = what.find("] ");
        throw ApiError(400, "the request body is not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)),
                       {}, "invalid_json");
    }
    if (!j.is_object())
        throw ApiError(400, "the request body must be a JSON object, not " + typeName(j), {}, "invalid_json");
    return j;
}

void rejectUnknown(const json &j, Endpoint endpoint)
{
    const auto &known = acceptedFields(endpoint);
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            throw ApiError::badField(it.key(), "unrecognized request argument supplied: '" + it.key() + "'",
                                     "unknown_parameter");
}

void parseCommon(const json &j, ServeRequest &r)
{
    if (const json *v = field(j, "model")) {
        if (!v->is_string())
            throw wrongType("model", "a string", *v);
        r.model = v->get<std::string>();
    }
    r.maxTokens = integer(j, "max_tokens");
    if (r.maxTokens)
        r.maxTokensText = j["max_tokens"].dump();
    if (r.maxTokens && *r.maxTokens < 1)
        throw ApiError::badField("max_tokens", "'max_tokens' must be at least 1, got " + std::to_string(*r.maxTokens));
    r.temperature = number(j, "temperature", 0.0, 2.0, false);
    r.topP = number(j, "top_p", 0.0, 1.0, true);
    if (auto k = integer(j, "top_k")) {
        if (*k < -1)
            throw ApiError::badField("top_k", "'top_k' must be -1 or 0 (off) or a positive integer, got " + std::to_string(*k));
        r.topK = std::max<std::int64_t>(0, *k);
    }
    r.repetitionPenalty = number(j, "repetition_penalty", 0.0, 1e9, true);
    if (auto n = integer(j, "n"); n && *n != 1)
        throw unsupported("n", "'n' must be 1: this server returns one choice per request, got " + std::to_string(*n));
    if (const json *v = field(j, "stop")) {
        if (v->is_string()) {
            r.stop.push_back(v->get<std::string>());
        } else if (v->is_array()) {
            for (std::size_t i = 0; i < v->size(); ++i) {
                const json &s = (*v)[i];
                if (!s.is_string())
                    throw wrongType("stop[" + std::to_string(i) + "]", "a string", s);
                r.stop.push_back(s.get<std::string>());
            }
        } else {
            throw wrongType("stop", "a string or an array of strings", *v);
        }
        if (r.stop.size() > kMaxStopStrings)
            throw ApiError::badField("stop", "'stop' takes at most " + std::to_string(kMaxStopStrings) + " strings, got "
                                                 + std::to_string(r.stop.size()));
        for (const auto &s : r.stop)
            if (s.empty())
                throw ApiError::badField("stop", "'stop' strings must not be empty");
    }
    if (auto seed = integer(j, "seed"))
        r.seed = static_cast<std::uint64_t>(*seed);
    r.stream = boolean(j, "stream").value_or(false);
    if (const json *v = field(j, "stream_options")) {
        if (!v->is_object())
            throw wrongType("stream_options", "an object", *v);
        if (!r.stream)
            throw ApiError::badField("stream_options", "'stream_options' is only allowed when 'stream' is true");
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (it.key() != "include_usage")
                throw ApiError::badField("stream_options." + it.key(),
                                         "unrecognized request argument supplied: 'stream_options." + it.key() + "'",
                                         "unknown_parameter");
            if (!it->is_null() && !it->is_boolean())
                throw wrongType("stream_options.include_usage", "a boolean", *it);
            r.includeUsage = it->is_boolean() && it->get<bool>();
        }
    }
    for (const char *key : {"presence_penalty", "frequency_penalty"})
        if (auto p = number(j, key, -2.0, 2.0, false); p && *p != 0.0)
            throw unsupported(key, "'" + std::string(key) + "' is not supported by this server (only 0); "
                                   "use 'repetition_penalty' instead");
    if (const json *v = field(j, "logit_bias")) {
        if (!v->is_object())
            throw wrongType("logit_bias", "an object", *v);
        if (!v->empty())
            throw unsupported("logit_bias", "'logit_bias' is not supported by this server");
    }
    if (const json *v = field(j, "logprobs"))
        if (!(v->is_boolean() && !v->get<bool>()) && !(v->is_number_integer() && v->get<std::int64_t>() == 0))
            throw unsupported("logprobs", "'logprobs' is not supported by this server");
    if (const json *v = field(j, "user")) {
        if (!v->is_string())
            throw wrongType("user", "a string", *v);
        r.user = v->get<std::string>();
    }
    r.ignoreEos = boolean(j, "ignore_eos").value_or(false);
}

std::string textContent(const json &content, const std::string &param)
{
    if (content.is_string())
        return content.get<std::string>();
    if (!content.is_array())
        throw wrongType(param, "a string or an array of text parts", content);
    std::string text;
    for (std::size_t i = 0; i < content.size(); ++i) {
        const json &part = content[i];
        const std::string p = param + "[" + std::to_string(i) + "]";
        if (!part.is_object())
            throw wrongType(p, "an object", part);
        const json *type = field(part, "type");
        if (!type || !type->is_string() || type->get<std::string>() != "text")
            throw unsupported(p + ".type", "'" + p + ".type' must be \"text\": only text content is supported");
        const json *t = field(part, "text");
        if (!t || !t->is_string())
            throw ApiError::badField(p + ".text", "'" + p + ".text' must be a string");
        text += t->get<std::string>();
    }
    return text;
}

} // namespace

const std::vector<std::string> &acceptedFields(Endpoint endpoint)
{
    static const std::vector<std::string> completions = withCommon({"prompt", "echo", "suffix", "best_of"});
    static const std::vector<std::string> chat =
        withCommon({"messages", "max_completion_tokens", "top_logprobs", "response_format", "tools", "tool_choice"});
    return endpoint == Endpoint::Completions ? completions : chat;
}

ServeRequest parseCompletionsRequest(std::string_view body)
{
    const json j = parseBody(body);
    rejectUnknown(j, Endpoint::Completions);
    ServeRequest r;
    r.endpoint = Endpoint::Completions;
    const json *prompt = field(j, "prompt");
    if (!prompt)
        throw ApiError::badField("prompt", "'prompt' is required", "missing_required_parameter");
    if (prompt->is_array()) {
        if (prompt->size() != 1)
            throw unsupported("prompt", "'prompt' must be a string or an array of exactly one string (this server "
                                        "answers one prompt per request), got an array of "
                                        + std::to_string(prompt->size()));
        if (!(*prompt)[0].is_string())
            throw unsupported("prompt", "'prompt' must be text: token-id prompts are not supported");
        r.prompt = (*prompt)[0].get<std::string>();
    } else if (prompt->is_string()) {
        r.prompt = prompt->get<std::string>();
    } else {
        throw wrongType("prompt", "a string or an array of one string", *prompt);
    }
    parseCommon(j, r);
    if (boolean(j, "echo").value_or(false))
        throw unsupported("echo", "'echo' is not supported by this server");
    if (const json *v = field(j, "suffix")) {
        if (!v->is_string())
            throw wrongType("suffix", "a string", *v);
        if (!v->get<std::string>().empty())
            throw unsupported("suffix", "'suffix' is not supported by this server");
    }
    if (auto b = integer(j, "best_of"); b && *b != 1)
        throw unsupported("best_of", "'best_of' must be 1, got " + std::to_string(*b));
    return r;
}

ServeRequest parseChatRequest(std::string_view body)
{
    const json j = parseBody(body);
    rejectUnknown(j, Endpoint::ChatCompletions);
    ServeRequest r;
    r.endpoint = Endpoint::ChatCompletions;
    const json *messages = field(j, "messages");
    if (!messages)
        throw ApiError::badField("messages", "'messages' is required", "missing_required_parameter");
    if (!messages->is_array())
        throw wrongType("messages", "an array", *messages);
    if (messages->empty())
        throw ApiError::badField("messages", "'messages' must contain at least one message");
    static const std::set<std::string> roles = {"system", "user", "assistant", "developer"};
    for (std::size_t i = 0; i < messages->size(); ++i) {
        const json &m = (*messages)[i];
        const std::string p = "messages[" + std::to_string(i) + "]";
        if (!m.is_object())
            throw wrongType(p, "an object", m);
        for (auto it = m.begin(); it != m.end(); ++it)
            if (it.key() != "role" && it.key() != "content" && it.key() != "name")
                throw ApiError::badField(p + "." + it.key(),
                                         "unrecognized request argument supplied: '" + p + "." + it.key()
                                             + "' (messages carry role, content and name; tool calls are not supported)",
                                         "unknown_parameter");
        const json *role = field(m, "role");
        if (!role)
            throw ApiError::badField(p + ".role", "every message needs a 'role'", "missing_required_parameter");
        if (!role->is_string())
            throw wrongType(p + ".role", "a string", *role);
        std::string name = role->get<std::string>();
        if (!roles.count(name))
            throw ApiError::badField(p + ".role", "'" + p + ".role' is '" + name
                                                      + "': only system, user and assistant messages are supported");
        if (name == "developer")   // OpenAI's newer name for the system message
            name = "system";
        const json *content = field(m, "content");
        if (!content)
            throw ApiError::badField(p + ".content", "every message needs a 'content'", "missing_required_parameter");
        if (const json *n = field(m, "name"); n && !n->is_string())
            throw wrongType(p + ".name", "a string", *n);
        r.messages.push_back({name, textContent(*content, p + ".content")});
    }
    parseCommon(j, r);
    if (auto m = integer(j, "max_completion_tokens")) {
        if (*m < 1)
            throw ApiError::badField("max_completion_tokens", "'max_completion_tokens' must be at least 1, got "
                                                                  + std::to_string(*m));
        if (r.maxTokens && *r.maxTokens != *m)
            throw ApiError::badField("max_completion_tokens",
                                     "'max_tokens' and 'max_completion_tokens' disagree; give one of them");
        if (!r.maxTokens) {
            r.maxTokensParam = "max_completion_tokens";
            r.maxTokensText = j["max_completion_tokens"].dump();
        }
        r.maxTokens = m;
    }
    if (field(j, "top_logprobs"))
        throw unsupported("top_logprobs", "'top_logprobs' is not supported by this server");
    for (const char *key : {"tools", "tool_choice"})
        if (const json *v = field(j, key); v && !(v->is_array() && v->empty()) && !(v->is_string() && v->get<std::string>() == "none"))
            throw unsupported(key, "'" + std::string(key) + "' is not supported: this server does not call tools");
    if (const json *v = field(j, "response_format")) {
        const json *type = v->is_object() ? field(*v, "type") : nullptr;
        if (!type || !type->is_string() || type->get<std::string>() != "text")
            throw unsupported("response_format", "only 'response_format' {\"type\": \"text\"} is supported");
    }
    return r;
}

std::string newResponseId(Endpoint endpoint)
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char hex[] = "0123456789abcdef";
    std::string id = endpoint == Endpoint::Completions ? "cmpl-" : "chatcmpl-";
    for (int i = 0; i < 24; ++i)
        id += hex[rng() & 15];
    return id;
}

ResponseInfo newResponseInfo(Endpoint endpoint, const std::string &model)
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return {newResponseId(endpoint), std::chrono::duration_cast<std::chrono::seconds>(now).count(), model};
}

std::string openAiFinishReason(const std::string &engineReason)
{
    return engineReason == "length" ? "length" : "stop";
}

json usageJson(const Usage &u)
{
    return {{"prompt_tokens", u.promptTokens},
            {"completion_tokens", u.completionTokens},
            {"total_tokens", u.promptTokens + u.completionTokens}};
}

json responseJson(Endpoint endpoint, const ResponseInfo &info, const std::string &text, const std::string &finishReason,
                  const Usage &usage)
{
    json choice = {{"index", 0}};
    if (endpoint == Endpoint::Completions) {
        choice["text"] = text;
        choice["logprobs"] = nullptr;
    } else {
        choice["message"] = {{"role", "assistant"}, {"content", text}};
        choice["logprobs"] = nullptr;
    }
    choice["finish_reason"] = finishReason;
    return {{"id", info.id},
            {"object", endpoint == Endpoint::Completions ? "text_completion" : "chat.completion"},
            {"created", info.created},
            {"model", info.model},
            {"choices", json::array({choice})},
            {"usage", usageJson(usage)}};
}

json chunkJson(Endpoint endpoint, const ResponseInfo &info, const std::string &text, const std::string &finishReason,
               bool firstChat)
{
    json choice = {{"index", 0}};
    if (endpoint == Endpoint::Completions) {
        choice["text"] = text;
        choice["logprobs"] = nullptr;
    } else {
        json delta = json::object();
        if (firstChat)
            delta["role"] = "assistant";
        if (!text.empty() || firstChat)
            delta["content"] = text;
        choice["delta"] = delta;
        choice["logprobs"] = nullptr;
    }
    choice["finish_reason"] = finishReason.empty() ? json(nullptr) : json(finishReason);
    return {{"id", info.id},
            {"object", endpoint == Endpoint::Completions ? "text_completion" : "chat.completion.chunk"},
            {"created", info.created},
            {"model", info.model},
            {"choices", json::array({choice})}};
}

json usageChunkJson(Endpoint endpoint, const ResponseInfo &info, const Usage &usage)
{
    return {{"id", info.id},
            {"object", endpoint == Endpoint::Completions ? "text_completion" : "chat.completion.chunk"},
            {"created", info.created},
            {"model", info.model},
            {"choices", json::array()},
            {"usage", usageJson(usage)}};
}

std::string dumpJson(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string sseEvent(const json &payload)
{
    return "data: " + dumpJson(payload) + "\n\n";
}

std::string sseDone()
{
    return "data: [DONE]\n\n";
}

json modelsJson(const std::vector<ModelEntry> &models)
{
    json data = json::array();
    for (const auto &m : models) {
        json e = {{"id", m.id}, {"object", "model"}, {"created", m.created}, {"owned_by", m.ownedBy}};
        if (m.maxModelLen > 0)
            e["max_model_len"] = m.maxModelLen;
        data.push_back(e);
    }
    return {{"object", "list"}, {"data", data}};
}

json errorJson(const ApiError &e)
{
    return {{"error",
             {{"message", e.message()},
              {"type", e.type()},
              {"param", e.param().empty() ? json(nullptr) : json(e.param())},
              {"code", e.code().empty() ? json(nullptr) : json(e.code())}}}};
}

} // namespace sft::openai
