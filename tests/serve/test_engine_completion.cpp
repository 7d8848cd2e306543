// EngineCompletion in process, as the local Self-Instruct backend uses it:
// complete() equals generate() with the same settings; chat() equals
// complete() of the template-rendered conversation, rendered by the model's
// own Jinja chat_template (a template no fixed format could write, its
// bos_token, its raise_exception) and tokenized without adding special
// tokens; a template that does not parse falls back to the fixed format
// recognised in it, and a model without one refuses chat; a raised cancel flag
// throws sft::Cancelled; a stop condition is asked before every decode step;
// prompts and max_tokens beyond the context are refused with the field named;
// concurrent callers take turns (one generation's text never interleaves with
// another's) and get the serial results.

#include <QTemporaryDir>
#include <QtTest>

#include "core/progress.h"
#include "model/demo_model.h"
#include "openai/api_error.h"
#include "serve/engine_completion.h"
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>

namespace {
QString qs(const std::string &s) { return QString::fromStdString(s); }
}

class TestEngineCompletion : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<sft::serve::EngineCompletion> m_engine;
    std::string m_demo;

    /** An engine on a copy of the demo model whose tokenizer_config.json is patched. */
    std::unique_ptr<sft::serve::EngineCompletion> engineWith(const QString &name,
                                                             const std::function<void(nlohmann::json &)> &patch)
    {
        namespace fs = std::filesystem;
        const fs::path dir = m_tmp.filePath(name).toStdString();
        fs::create_directories(dir);
        for (const auto &entry : fs::directory_iterator(m_demo))
            if (entry.is_regular_file())
                fs::copy_file(entry.path(), dir / entry.path().filename(), fs::copy_options::overwrite_existing);
        nlohmann::json config = nlohmann::json::parse(std::ifstream(dir / "tokenizer_config.json"));
        patch(config);
        std::ofstream(dir / "tokenizer_config.json") << config.dump(2);
        sft::serve::EngineOptions eo;
        eo.modelDir = dir.string();
        eo.device = "cpu";
        return std::make_unique<sft::serve::EngineCompletion>(eo);
    }

    static sft::openai::CompletionRequest request(const std::string &prompt)
    {
        sft::openai::CompletionRequest r;
        r.prompt = prompt;
        r.maxTokens = 24;
        r.temperature = 0.8;
        r.topP = 0.9;
        r.seed = 5;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        sft::model::DemoModelOptions o;
        o.outDir = m_tmp.filePath(QStringLiteral("demo")).toStdString();
        sft::model::writeDemoModel(o);
        m_demo = o.outDir;
        sft::serve::EngineOptions eo;
        eo.modelDir = o.outDir;
        eo.device = "cpu";
        m_engine = std::make_unique<sft::serve::EngineCompletion>(eo);
        QCOMPARE(m_engine->contextLength(), std::int64_t(1024));
        QCOMPARE(qs(m_engine->chatTemplateName()), QStringLiteral("chat"));   // the model's own (ChatML) template
        QVERIFY(m_engine->describe().find(o.outDir) != std::string::npos);
    }

    void completeEqualsGenerate()
    {
        const auto req = request("Write a short poem.");
        const auto r = m_engine->complete(req);
        sft::serve::GenerateSettings s;
        s.maxTokens = req.maxTokens;
        s.temperature = req.temperature;
        s.topP = req.topP;
        s.seed = req.seed;
        std::string streamed;
        const auto ids = m_engine->encode(req.prompt);
        const auto g = m_engine->generate(ids, s, [&](const std::string &piece) {
            streamed += piece;
            return true;
        });
        QCOMPARE(qs(r.text), qs(g.text));
        QCOMPARE(qs(streamed), qs(g.text));   // the pieces add up to the text
        QCOMPARE(r.promptTokens, static_cast<std::int64_t>(ids.size()));
        QCOMPARE(r.completionTokens, g.completionTokens);
        QCOMPARE(qs(r.finishReason), qs(g.finishReason == "length" ? "length" : "stop"));
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.seconds > 0);
        // Another seed samples something else.
        auto other = req;
        other.seed = 6;
        QVERIFY(m_engine->complete(other).text != r.text);
    }

    void chatEqualsRenderedComplete()
    {
        const std::vector<sft::ChatMessage> messages = {{"system", "Be brief."}, {"user", "Name a fruit."}};
        const std::string rendered = m_engine->renderChat(messages);
        QCOMPARE(qs(rendered), QStringLiteral("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nName a fruit."
                                              "<|im_end|>\n<|im_start|>assistant\n"));
        QCOMPARE(qs(m_engine->chat(messages, request("ignored")).text), qs(m_engine->complete(request(rendered)).text));
        // The model's template decides which roles it takes: this one writes any role, as transformers would.
        QCOMPARE(qs(m_engine->renderChat({{"robot", "x"}})),
                 QStringLiteral("<|im_start|>robot\nx<|im_end|>\n<|im_start|>assistant\n"));
    }

    void chatUsesTheModelsJinjaTemplate()
    {
        // A template no fixed format writes: bos_token, a trimmed system line, upper-case roles, an error of its own.
        const std::string tmpl =
            "{{ bos_token }}{% if messages[-1]['role'] == 'assistant' %}{{ raise_exception('end with a user message') }}"
            "{% endif %}{% for m in messages %}{% if m['role'] == 'system' %}{{ '<<' + m['content'] | trim + '>>\n' }}"
            "{% else %}{{ m['role'] | upper + ': ' + m['content'] + '\n' }}{% endif %}{% endfor %}"
            "{% if add_generation_prompt %}{{ 'ASSISTANT:' }}{% endif %}";
        const auto engine = engineWith(QStringLiteral("jinja"), [&](nlohmann::json &config) {
            config["chat_template"] = tmpl;
            config["bos_token"] = "<|endoftext|>";
            config["add_bos_token"] = true;   // encode() adds a BOS; a rendered chat already has the template's
        });
        QCOMPARE(qs(engine->chatTemplateName()), QStringLiteral("chat"));
        const std::vector<sft::ChatMessage> messages = {{"system", "  Be brief. "}, {"user", "Name a fruit."}};
        const std::string rendered = engine->renderChat(messages);
        QCOMPARE(qs(rendered), QStringLiteral("<|endoftext|><<Be brief.>>\nUSER: Name a fruit.\nASSISTANT:"));
        const auto chatIds = engine->encodeChat(rendered);
        QCOMPARE(chatIds.size() + 1, engine->encode(rendered).size());   // no second BOS
        QCOMPARE(std::count(chatIds.begin(), chatIds.end(), chatIds.front()), std::ptrdiff_t(1));
        const auto r = engine->chat(messages, request("ignored"));
        QCOMPARE(r.promptTokens, std::int64_t(chatIds.size()));
        try {
            engine->renderChat({{"user", "Hi"}, {"assistant", "Hello"}});
            QFAIL("the template's raise_exception must refuse the conversation");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(e.status(), 400);
            QCOMPARE(qs(e.param()), QStringLiteral("messages"));
            QVERIFY2(e.message().find("end with a user message") != std::string::npos, e.what());
        }
    }

    void chatFallbacks()
    {
        // A template that does not parse, with ChatML's markers: the fixed ChatML format renders.
        const auto broken = engineWith(QStringLiteral("broken"), [](nlohmann::json &config) {
            config["chat_template"] = "{% for m in messages %}<|im_start|>{{ m['role'] }}<|im_end|>";
        });
        QCOMPARE(qs(broken->chatTemplateName()), QStringLiteral("chatml"));
        QCOMPARE(qs(broken->renderChat({{"user", "Hi"}})), QStringLiteral("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
        // No template at all: chat is refused with a 400 that says so.
        const auto none = engineWith(QStringLiteral("none"), [](nlohmann::json &config) { config.erase("chat_template"); });
        QCOMPARE(qs(none->chatTemplateName()), QString());
        try {
            none->renderChat({{"user", "Hi"}});
            QFAIL("a model without a chat template must refuse chat");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(e.status(), 400);
            QCOMPARE(qs(e.code()), QStringLiteral("chat_template_unavailable"));
        }
    }

    void cancelThrows()
    {
        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(sft::Cancelled, m_engine->complete(request("Hello"), &cancel));
        // onText returning false ends the generation as "cancelled" after the first piece.
        sft::serve::GenerateSettings s;
        s.maxTokens = 200;
        s.ignoreEos = true;
        int pieces = 0;
        const auto g = m_engine->generate(m_engine->encode("Hello"), s, [&](const std::string &) { return ++pieces < 1; });
        QCOMPARE(qs(g.finishReason), QStringLiteral("cancelled"));
        QCOMPARE(pieces, 1);
        QVERIFY(g.completionTokens < 200);
    }

    void shouldStopIsAskedEveryStep()
    {
        // Asked once before the prompt's forward pass and once before each decode step, whether or not
        // the step emits text; true ends the generation there.
        sft::serve::GenerateSettings s;
        s.maxTokens = 200;
        s.ignoreEos = true;
        int calls = 0;
        const auto g = m_engine->generate(m_engine->encode("Hello"), s, {}, nullptr, [&] { return ++calls > 6; });
        QCOMPARE(qs(g.finishReason), QStringLiteral("cancelled"));
        QCOMPARE(g.completionTokens, std::int64_t(5));
        QCOMPARE(calls, 7);
        // Stopped before the prompt is even run.
        const auto none = m_engine->generate(m_engine->encode("Hello"), s, {}, nullptr, [] { return true; });
        QCOMPARE(qs(none.finishReason), QStringLiteral("cancelled"));
        QCOMPARE(none.completionTokens, std::int64_t(0));
        // The cancel flag is asked as often: raised during the question before step 2 (after the flag
        // was read), it stops the generation before step 3.
        std::atomic<bool> cancel{false};
        calls = 0;
        const auto flagged = m_engine->generate(m_engine->encode("Hello"), s, {}, &cancel, [&] {
            if (++calls == 4)
                cancel = true;
            return false;
        });
        QCOMPARE(qs(flagged.finishReason), QStringLiteral("cancelled"));
        QCOMPARE(flagged.completionTokens, std::int64_t(3));
        QCOMPARE(calls, 4);
    }

    void contextLimits()
    {
        auto req = request("Hello");
        req.maxTokens = 5000;
        try {
            m_engine->complete(req);
            QFAIL("max_tokens beyond the context must be refused");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(e.status(), 400);
            QCOMPARE(qs(e.param()), QStringLiteral("max_tokens"));
        }
        std::string longPrompt;
        for (int i = 0; i < 1100; ++i)
            longPrompt += "cat ";
        try {
            m_engine->complete(request(longPrompt));
            QFAIL("a prompt that fills the context must be refused");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(qs(e.param()), QStringLiteral("prompt"));
        }
        // A prompt plus max_tokens over the context generates what fits, ending with "length".
        QCOMPARE(m_engine->fitToContext(1000, 100, "prompt"), std::int64_t(24));
        QCOMPARE(m_engine->fitToContext(10, 100, "prompt"), std::int64_t(100));
        // The request's own spelling of max_tokens and its field name, not the clamped integer.
        try {
            m_engine->fitToContext(5, std::numeric_limits<std::int64_t>::max(), "messages", "max_completion_tokens", "1e+30");
            QFAIL("max_tokens beyond the context must be refused");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(qs(e.param()), QStringLiteral("max_completion_tokens"));
            QVERIFY2(e.message().find("'max_completion_tokens' is 1e+30") != std::string::npos, e.what());
        }
        // ignore_eos: exactly max tokens.
        sft::serve::GenerateSettings s;
        s.maxTokens = 40;
        s.ignoreEos = true;
        s.temperature = 1.0;
        const auto g = m_engine->generate(m_engine->encode("Hi"), s);
        QCOMPARE(g.completionTokens, std::int64_t(40));
        QCOMPARE(qs(g.finishReason), QStringLiteral("length"));
    }

    void concurrentCallersAreSerialised()
    {
        // Four callers start together; each piece of text any of them receives is recorded in one
        // shared sequence. One generation at a time means each caller's pieces form one unbroken run
        // in it (without the engine's mutex the generations would run at once and interleave).
        sft::serve::GenerateSettings s;
        s.maxTokens = 48;
        s.ignoreEos = true;
        s.temperature = 0.8;
        s.seed = 5;
        const auto ids = m_engine->encode("Tell me a story.");
        const std::string serial = m_engine->generate(ids, s).text;
        constexpr int kCallers = 4;
        std::vector<std::string> texts(kCallers);
        std::vector<int> sequence;
        std::mutex sequenceMutex;
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int caller = 0; caller < kCallers; ++caller)
            threads.emplace_back([&, caller] {
                ++ready;
                while (ready < kCallers)
                    std::this_thread::yield();
                texts[caller] = m_engine->generate(ids, s, [&](const std::string &) {
                    std::lock_guard<std::mutex> lock(sequenceMutex);
                    sequence.push_back(caller);
                    return true;
                }).text;
            });
        for (auto &t : threads)
            t.join();
        int runs = 0;
        for (std::size_t i = 0; i < sequence.size(); ++i)
            if (i == 0 || sequence[i] != sequence[i - 1])
                ++runs;
        QVERIFY(sequence.size() >= std::size_t(kCallers) * 2);   // every caller got several pieces
        QCOMPARE(runs, kCallers);
        for (const auto &t : texts)
            QCOMPARE(qs(t), qs(serial));
    }
};

QTEST_GUILESS_MAIN(TestEngineCompletion)
#include "test_engine_completion.moc"
