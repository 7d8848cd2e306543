// EngineCompletion in process, as the local Self-Instruct backend uses it:
// complete() equals generate() with the same settings; chat() equals
// complete() of the template-rendered conversation; a raised cancel flag
// throws sft::Cancelled; prompts and max_tokens beyond the context are
// refused with the field named; concurrent callers get the serial results.

#include <QTemporaryDir>
#include <QtTest>

#include "core/progress.h"
#include "model/demo_model.h"
#include "openai/api_error.h"
#include "serve/engine_completion.h"

#include <thread>

namespace {
QString qs(const std::string &s) { return QString::fromStdString(s); }
}

class TestEngineCompletion : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<sft::serve::EngineCompletion> m_engine;

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
        sft::serve::EngineOptions eo;
        eo.modelDir = o.outDir;
        eo.device = "cpu";
        m_engine = std::make_unique<sft::serve::EngineCompletion>(eo);
        QCOMPARE(m_engine->contextLength(), std::int64_t(1024));
        QCOMPARE(qs(m_engine->chatTemplateName()), QStringLiteral("chatml"));
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
        QVERIFY(rendered.find("<|im_start|>assistant\n") != std::string::npos);
        QCOMPARE(qs(m_engine->chat(messages, request("ignored")).text), qs(m_engine->complete(request(rendered)).text));
        try {
            m_engine->renderChat({{"robot", "x"}});
            QFAIL("an unknown role must be refused");
        } catch (const sft::openai::ApiError &e) {
            QCOMPARE(e.status(), 400);
            QCOMPARE(qs(e.param()), QStringLiteral("messages"));
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
        const auto req = request("Tell me a story.");
        const std::string serial = m_engine->complete(req).text;
        std::vector<std::string> texts(4);
        std::vector<std::thread> threads;
        for (auto &t : texts)
            threads.emplace_back([&] { t = m_engine->complete(req).text; });
        for (auto &t : threads)
            t.join();
        for (const auto &t : texts)
            QCOMPARE(qs(t), qs(serial));
    }
};

QTEST_GUILESS_MAIN(TestEngineCompletion)
#include "test_engine_completion.moc"
