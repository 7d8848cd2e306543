// The OpenAI request parser and response builders of the server, without HTTP:
// every validation error with the field it names (param) and its code, the
// accepted forms of each field (null = absent, a prompt array of one, stop as
// a string or a list, text content parts, max_completion_tokens), and the
// exact shape of responses, stream chunks, the model list and error bodies.

#include <QtTest>

#include "openai/protocol.h"

#include <string>

using nlohmann::json;
using sft::openai::ApiError;
using sft::openai::Endpoint;

Q_DECLARE_METATYPE(std::string)

namespace {

QString qs(const std::string &s) { return QString::fromStdString(s); }

/** The error a body gets, or an ApiError with status 0 when it parses. */
ApiError errorOf(Endpoint endpoint, const std::string &body)
{
    try {
        if (endpoint == Endpoint::Completions)
            sft::openai::parseCompletionsRequest(body);
        else
            sft::openai::parseChatRequest(body);
    } catch (const ApiError &e) {
        return e;
    }
    return ApiError(0, "parsed");
}

std::string manyStops(int n)
{
    json a = json::array();
    for (int i = 0; i < n; ++i)
        a.push_back("s" + std::to_string(i));
    return a.dump();
}

} // namespace

class TestOpenAiProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejects_data()
    {
        QTest::addColumn<bool>("chat");
        QTest::addColumn<std::string>("body");
        QTest::addColumn<std::string>("param");
        QTest::addColumn<std::string>("code");
        auto row = [](const char *name, bool chat, const std::string &body, const std::string &param, const std::string &code) {
            QTest::newRow(name) << chat << body << param << code;
        };
        const std::string p = R"("prompt":"Hi",)";
        // The body itself.
        row("malformed JSON", false, R"({"prompt": )", "", "invalid_json");
        row("trailing garbage", false, R"({"prompt":"x"} x)", "", "invalid_json");
        row("not an object", false, "[1,2]", "", "invalid_json");
        row("invalid UTF-8", false, "{\"prompt\":\"\xff\"}", "", "invalid_json");
        row("empty body", false, "", "", "invalid_json");
        row("blank body", false, " \r\n", "", "invalid_json");
        row("empty chat body", true, "", "", "invalid_json");
        // Unknown fields are refused, naming the field.
        row("typo max_token", false, R"({"prompt":"x","max_token":5})", "max_token", "unknown_parameter");
        row("chat field on completions", false, R"({"prompt":"x","messages":[]})", "messages", "unknown_parameter");
        row("completions field on chat", true, R"({"messages":[{"role":"user","content":"x"}],"prompt":"x"})", "prompt", "unknown_parameter");
        row("unknown stream option", false, R"({"prompt":"x","stream":true,"stream_options":{"foo":1}})", "stream_options.foo", "unknown_parameter");
        row("unknown message field", true, R"({"messages":[{"role":"user","content":"x","tool_calls":[]}]})", "messages[0].tool_calls", "unknown_parameter");
        // prompt
        row("prompt missing", false, R"({"max_tokens":5})", "prompt", "missing_required_parameter");
        row("prompt null", false, R"({"prompt":null})", "prompt", "missing_required_parameter");
        row("prompt number", false, R"({"prompt":3})", "prompt", "invalid_type");
        row("prompt two strings", false, R"({"prompt":["a","b"]})", "prompt", "unsupported_value");
        row("prompt empty array", false, R"({"prompt":[]})", "prompt", "unsupported_value");
        row("prompt token ids", false, R"({"prompt":[[1,2]]})", "prompt", "unsupported_value");
        // model, user
        row("model number", false, "{" + p + R"("model":5})", "model", "invalid_type");
        row("user number", false, "{" + p + R"("user":5})", "user", "invalid_type");
        // max_tokens
        row("max_tokens 0", false, "{" + p + R"("max_tokens":0})", "max_tokens", "invalid_value");
        row("max_tokens negative", false, "{" + p + R"("max_tokens":-3})", "max_tokens", "invalid_value");
        row("max_tokens string", false, "{" + p + R"("max_tokens":"5"})", "max_tokens", "invalid_type");
        row("max_tokens fraction", false, "{" + p + R"("max_tokens":2.5})", "max_tokens", "invalid_type");
        row("max_completion_tokens 0", true, R"({"messages":[{"role":"user","content":"x"}],"max_completion_tokens":0})", "max_completion_tokens", "invalid_value");
        row("max tokens disagree", true, R"({"messages":[{"role":"user","content":"x"}],"max_tokens":5,"max_completion_tokens":6})", "max_completion_tokens", "invalid_value");
        // sampling
        row("temperature above 2", false, "{" + p + R"("temperature":2.5})", "temperature", "invalid_value");
        row("temperature negative", false, "{" + p + R"("temperature":-0.1})", "temperature", "invalid_value");
        row("temperature string", false, "{" + p + R"("temperature":"hot"})", "temperature", "invalid_type");
        row("top_p 0", false, "{" + p + R"("top_p":0})", "top_p", "invalid_value");
        row("top_p above 1", false, "{" + p + R"("top_p":1.5})", "top_p", "invalid_value");
        row("top_k -2", false, "{" + p + R"("top_k":-2})", "top_k", "invalid_value");
        row("top_k fraction", false, "{" + p + R"("top_k":1.5})", "top_k", "invalid_type");
        row("repetition_penalty 0", false, "{" + p + R"("repetition_penalty":0})", "repetition_penalty", "invalid_value");
        row("seed string", false, "{" + p + R"("seed":"x"})", "seed", "invalid_type");
        row("n 2", false, "{" + p + R"("n":2})", "n", "unsupported_value");
        row("n 2 chat", true, R"({"messages":[{"role":"user","content":"x"}],"n":2})", "n", "unsupported_value");
        row("best_of 3", false, "{" + p + R"("best_of":3})", "best_of", "unsupported_value");
        row("presence_penalty", false, "{" + p + R"("presence_penalty":0.5})", "presence_penalty", "unsupported_value");
        row("frequency_penalty out of range", false, "{" + p + R"("frequency_penalty":3})", "frequency_penalty", "invalid_value");
        row("logit_bias", false, "{" + p + R"("logit_bias":{"1":5}})", "logit_bias", "unsupported_value");
        row("logit_bias not object", false, "{" + p + R"("logit_bias":[1]})", "logit_bias", "invalid_type");
        row("logprobs", false, "{" + p + R"("logprobs":5})", "logprobs", "unsupported_value");
        row("logprobs chat", true, R"({"messages":[{"role":"user","content":"x"}],"logprobs":true})", "logprobs", "unsupported_value");
        row("top_logprobs", true, R"({"messages":[{"role":"user","content":"x"}],"top_logprobs":2})", "top_logprobs", "unsupported_value");
        row("echo", false, "{" + p + R"("echo":true})", "echo", "unsupported_value");
        row("suffix", false, "{" + p + R"("suffix":"end"})", "suffix", "unsupported_value");
        row("ignore_eos string", false, "{" + p + R"("ignore_eos":"no"})", "ignore_eos", "invalid_type");
        // stop
        row("stop number", false, "{" + p + R"("stop":5})", "stop", "invalid_type");
        row("stop empty string", false, "{" + p + R"("stop":""})", "stop", "invalid_value");
        row("stop empty in list", false, "{" + p + R"("stop":["a",""]})", "stop", "invalid_value");
        row("stop non-string in list", false, "{" + p + R"("stop":["a",1]})", "stop[1]", "invalid_type");
        row("stop too many", false, "{" + p + R"("stop":)" + manyStops(17) + "}", "stop", "invalid_value");
        // stream
        row("stream string", false, "{" + p + R"("stream":"yes"})", "stream", "invalid_type");
        row("stream_options without stream", false, "{" + p + R"("stream_options":{"include_usage":true}})", "stream_options", "invalid_value");
        row("include_usage string", false, "{" + p + R"("stream":true,"stream_options":{"include_usage":"y"}})", "stream_options.include_usage", "invalid_type");
        // messages
        row("messages missing", true, R"({"model":"m"})", "messages", "missing_required_parameter");
        row("messages object", true, R"({"messages":{}})", "messages", "invalid_type");
        row("messages empty", true, R"({"messages":[]})", "messages", "invalid_value");
        row("message not object", true, R"({"messages":["hi"]})", "messages[0]", "invalid_type");
        row("role missing", true, R"({"messages":[{"content":"x"}]})", "messages[0].role", "missing_required_parameter");
        row("role tool", true, R"({"messages":[{"role":"user","content":"x"},{"role":"tool","content":"y"}]})", "messages[1].role", "invalid_value");
        row("content missing", true, R"({"messages":[{"role":"user"}]})", "messages[0].content", "missing_required_parameter");
        row("content number", true, R"({"messages":[{"role":"user","content":5}]})", "messages[0].content", "invalid_type");
        row("image part", true, R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]})", "messages[0].content[0].type", "unsupported_value");
        row("text part without text", true, R"({"messages":[{"role":"user","content":[{"type":"text"}]}]})", "messages[0].content[0].text", "invalid_value");
        row("tools", true, R"({"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function"}]})", "tools", "unsupported_value");
        row("response_format json", true, R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}})", "response_format", "unsupported_value");
    }

    void rejects()
    {
        QFETCH(bool, chat);
        QFETCH(std::string, body);
        QFETCH(std::string, param);
        QFETCH(std::string, code);
        const ApiError e = errorOf(chat ? Endpoint::ChatCompletions : Endpoint::Completions, body);
        QCOMPARE(e.status(), 400);
        QCOMPARE(qs(e.param()), qs(param));
        QCOMPARE(qs(e.code()), qs(code));
        QCOMPARE(qs(e.type()), QStringLiteral("invalid_request_error"));
        QVERIFY(!e.message().empty());
        if (!param.empty() && code != "missing_required_parameter") // the message names the field for the user
            QVERIFY2(e.message().find(param.substr(0, param.find_first_of(".["))) != std::string::npos, e.what());
    }

    void completionsFields()
    {
        const auto r = sft::openai::parseCompletionsRequest(
            R"({"model":"demo","prompt":["Once"],"max_tokens":3.0,"temperature":0.5,"top_p":0.9,"top_k":-1,
                "repetition_penalty":1.1,"n":1,"best_of":1,"stop":"\n","seed":-1,"stream":true,
                "stream_options":{"include_usage":true},"presence_penalty":0,"frequency_penalty":0.0,
                "logit_bias":{},"logprobs":null,"echo":false,"suffix":"","user":"u1","ignore_eos":true})");
        QVERIFY(r.endpoint == Endpoint::Completions);
        QCOMPARE(qs(r.model), QStringLiteral("demo"));
        QCOMPARE(qs(r.prompt), QStringLiteral("Once"));
        QCOMPARE(r.maxTokens.value(), std::int64_t(3));
        QCOMPARE(r.temperature.value(), 0.5);
        QCOMPARE(r.topP.value(), 0.9);
        QCOMPARE(r.topK.value(), std::int64_t(0));
        QCOMPARE(r.repetitionPenalty.value(), 1.1);
        QCOMPARE(r.stop.size(), std::size_t(1));
        QCOMPARE(qs(r.stop[0]), QStringLiteral("\n"));
        QCOMPARE(r.seed.value(), std::numeric_limits<std::uint64_t>::max());
        QVERIFY(r.stream);
        QVERIFY(r.includeUsage);
        QVERIFY(r.ignoreEos);
        QCOMPARE(qs(r.user), QStringLiteral("u1"));
    }

    void nullMeansAbsent()
    {
        const auto r = sft::openai::parseCompletionsRequest(
            R"({"prompt":"x","model":null,"max_tokens":null,"temperature":null,"top_p":null,"top_k":null,"stop":null,
                "seed":null,"stream":null,"n":null,"user":null})");
        QVERIFY(!r.maxTokens && !r.temperature && !r.topP && !r.topK && !r.seed && !r.repetitionPenalty);
        QVERIFY(r.stop.empty());
        QVERIFY(!r.stream);
        QVERIFY(r.model.empty());
        // Defaults of a bare request are "not given" too: the server fills them from generation_config.
        const auto bare = sft::openai::parseCompletionsRequest(R"({"prompt":""})");
        QVERIFY(!bare.maxTokens && !bare.temperature);
        QVERIFY(bare.prompt.empty());
    }

    void chatFields()
    {
        const auto r = sft::openai::parseChatRequest(
            R"({"messages":[{"role":"developer","content":"Be brief."},
                            {"role":"user","name":"ann","content":[{"type":"text","text":"Hello, "},{"type":"text","text":"there"}]},
                            {"role":"assistant","content":"Hi."},{"role":"user","content":"Again"}],
                "max_completion_tokens":7,"stop":["a","b"],"tools":[],"tool_choice":"none",
                "response_format":{"type":"text"}})");
        QVERIFY(r.endpoint == Endpoint::ChatCompletions);
        QCOMPARE(r.messages.size(), std::size_t(4));
        QCOMPARE(qs(r.messages[0].role), QStringLiteral("system"));   // OpenAI's "developer" is the system message
        QCOMPARE(qs(r.messages[1].content), QStringLiteral("Hello, there"));
        QCOMPARE(qs(r.messages[2].role), QStringLiteral("assistant"));
        QCOMPARE(r.maxTokens.value(), std::int64_t(7));
        QCOMPARE(r.stop.size(), std::size_t(2));
        // max_tokens and max_completion_tokens may both be given when they agree.
        const auto both = sft::openai::parseChatRequest(
            R"({"messages":[{"role":"user","content":"x"}],"max_tokens":5,"max_completion_tokens":5})");
        QCOMPARE(both.maxTokens.value(), std::int64_t(5));
    }

    void hugeIntegersStayIntegers()
    {
        // A huge max_tokens parses (the server refuses it against the model's context, naming max_tokens).
        const auto r = sft::openai::parseCompletionsRequest(R"({"prompt":"x","max_tokens":1e30})");
        QCOMPARE(r.maxTokens.value(), std::numeric_limits<std::int64_t>::max());
        const auto u = sft::openai::parseCompletionsRequest(R"({"prompt":"x","max_tokens":18446744073709551615})");
        QCOMPARE(u.maxTokens.value(), std::numeric_limits<std::int64_t>::max());
        // The value as written travels along for the error message, with the field it came from.
        QCOMPARE(qs(r.maxTokensText), QStringLiteral("1e+30"));
        QCOMPARE(qs(r.maxTokensParam), QStringLiteral("max_tokens"));
        QCOMPARE(qs(u.maxTokensText), QStringLiteral("18446744073709551615"));
        const auto c = sft::openai::parseChatRequest(R"({"messages":[{"role":"user","content":"x"}],"max_completion_tokens":5e9})");
        QCOMPARE(c.maxTokens.value(), std::int64_t(5000000000));
        QCOMPARE(qs(c.maxTokensParam), QStringLiteral("max_completion_tokens"));
        QCOMPARE(qs(c.maxTokensText), QStringLiteral("5000000000.0"));
    }

    void emptyBodySaysABodyIsRequired()
    {
        const ApiError e = errorOf(Endpoint::Completions, "");
        QVERIFY2(e.message().find("body is required") != std::string::npos, e.what());
    }

    void acceptedFieldsAreDocumented()
    {
        // Every accepted field parses on its own with a neutral value, so the list and the parser agree.
        for (const auto endpoint : {Endpoint::Completions, Endpoint::ChatCompletions})
            for (const auto &f : sft::openai::acceptedFields(endpoint)) {
                if (f == "prompt" || f == "messages")   // required: null is "missing"
                    continue;
                json body = endpoint == Endpoint::Completions ? json{{"prompt", "x"}}
                                                              : json{{"messages", {{{"role", "user"}, {"content", "x"}}}}};
                body[f] = nullptr;
                const ApiError e = errorOf(endpoint, body.dump());
                QVERIFY2(e.status() == 0, qPrintable(qs(f + ": " + e.message())));
            }
    }

    void responses()
    {
        const sft::openai::ResponseInfo info{"cmpl-1", 1700000000, "demo"};
        const json c = sft::openai::responseJson(Endpoint::Completions, info, "abc", "length", {5, 3});
        QCOMPARE(qs(c["object"]), QStringLiteral("text_completion"));
        QCOMPARE(qs(c["id"]), QStringLiteral("cmpl-1"));
        QCOMPARE(c["created"].get<std::int64_t>(), std::int64_t(1700000000));
        QCOMPARE(qs(c["model"]), QStringLiteral("demo"));
        QCOMPARE(c["choices"].size(), std::size_t(1));
        QCOMPARE(c["choices"][0]["index"].get<int>(), 0);
        QCOMPARE(qs(c["choices"][0]["text"]), QStringLiteral("abc"));
        QCOMPARE(qs(c["choices"][0]["finish_reason"]), QStringLiteral("length"));
        QCOMPARE(c["usage"]["total_tokens"].get<int>(), 8);
        QCOMPARE(c["usage"]["prompt_tokens"].get<int>(), 5);
        QCOMPARE(c["usage"]["completion_tokens"].get<int>(), 3);

        const json chat = sft::openai::responseJson(Endpoint::ChatCompletions, info, "hi", "stop", {1, 1});
        QCOMPARE(qs(chat["object"]), QStringLiteral("chat.completion"));
        QCOMPARE(qs(chat["choices"][0]["message"]["role"]), QStringLiteral("assistant"));
        QCOMPARE(qs(chat["choices"][0]["message"]["content"]), QStringLiteral("hi"));

        QCOMPARE(qs(sft::openai::openAiFinishReason("eos")), QStringLiteral("stop"));
        QCOMPARE(qs(sft::openai::openAiFinishReason("stop")), QStringLiteral("stop"));
        QCOMPARE(qs(sft::openai::openAiFinishReason("length")), QStringLiteral("length"));

        QVERIFY(sft::openai::newResponseId(Endpoint::Completions).rfind("cmpl-", 0) == 0);
        QVERIFY(sft::openai::newResponseId(Endpoint::ChatCompletions).rfind("chatcmpl-", 0) == 0);
        QVERIFY(sft::openai::newResponseId(Endpoint::Completions) != sft::openai::newResponseId(Endpoint::Completions));
    }

    void chunks()
    {
        const sft::openai::ResponseInfo info{"chatcmpl-1", 1, "demo"};
        const json first = sft::openai::chunkJson(Endpoint::ChatCompletions, info, {}, {}, true);
        QCOMPARE(qs(first["object"]), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(qs(first["choices"][0]["delta"]["role"]), QStringLiteral("assistant"));
        QVERIFY(first["choices"][0]["finish_reason"].is_null());
        const json piece = sft::openai::chunkJson(Endpoint::ChatCompletions, info, "xy");
        QCOMPARE(qs(piece["choices"][0]["delta"]["content"]), QStringLiteral("xy"));
        QVERIFY(!piece["choices"][0]["delta"].contains("role"));
        const json last = sft::openai::chunkJson(Endpoint::ChatCompletions, info, {}, "stop");
        QVERIFY(last["choices"][0]["delta"].empty());
        QCOMPARE(qs(last["choices"][0]["finish_reason"]), QStringLiteral("stop"));

        const json text = sft::openai::chunkJson(Endpoint::Completions, info, "ab");
        QCOMPARE(qs(text["object"]), QStringLiteral("text_completion"));
        QCOMPARE(qs(text["choices"][0]["text"]), QStringLiteral("ab"));
        const json usage = sft::openai::usageChunkJson(Endpoint::Completions, info, {2, 4});
        QVERIFY(usage["choices"].empty());
        QCOMPARE(usage["usage"]["total_tokens"].get<int>(), 6);

        QCOMPARE(qs(sft::openai::sseEvent(json{{"a", 1}})), QStringLiteral("data: {\"a\":1}\n\n"));
        QCOMPARE(qs(sft::openai::sseDone()), QStringLiteral("data: [DONE]\n\n"));
        // Text that is not valid UTF-8 (a model can produce any bytes) never breaks the stream.
        QCOMPARE(qs(sft::openai::sseEvent(json{{"t", std::string("a\xff")}})), QStringLiteral("data: {\"t\":\"a\uFFFD\"}\n\n"));
    }

    void modelsAndErrors()
    {
        sft::openai::ModelEntry m;
        m.id = "demo";
        m.created = 7;
        m.maxModelLen = 1024;
        const json list = sft::openai::modelsJson({m});
        QCOMPARE(qs(list["object"]), QStringLiteral("list"));
        QCOMPARE(qs(list["data"][0]["id"]), QStringLiteral("demo"));
        QCOMPARE(qs(list["data"][0]["object"]), QStringLiteral("model"));
        QCOMPARE(qs(list["data"][0]["owned_by"]), QStringLiteral("sftbench"));
        QCOMPARE(list["data"][0]["max_model_len"].get<int>(), 1024);

        const json e = sft::openai::errorJson(ApiError::badField("max_tokens", "too many"));
        QCOMPARE(qs(e["error"]["message"]), QStringLiteral("too many"));
        QCOMPARE(qs(e["error"]["type"]), QStringLiteral("invalid_request_error"));
        QCOMPARE(qs(e["error"]["param"]), QStringLiteral("max_tokens"));
        QCOMPARE(qs(e["error"]["code"]), QStringLiteral("invalid_value"));
        const json auth = sft::openai::errorJson(ApiError(401, "no key"));
        QCOMPARE(qs(auth["error"]["type"]), QStringLiteral("authentication_error"));
        QVERIFY(auth["error"]["param"].is_null());
        QVERIFY(auth["error"]["code"].is_null());
        QCOMPARE(qs(sft::openai::errorJson(ApiError(503, "x"))["error"]["type"]), QStringLiteral("server_error"));
    }
};

QTEST_GUILESS_MAIN(TestOpenAiProtocol)
#include "test_openai_protocol.moc"
