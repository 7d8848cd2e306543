// loadModelTokenizer, the one loader of a model folder's tokenizer: the
// tokenizer_config.json's bos / eos tokens and add_bos_token / add_eos_token
// (replacing the tokenizer.json post-processor as transformers does, in both
// directions), a bos_token of null with add_bos_token (no BOS), bad fields and
// a missing tokenizer.json; the trainer's tokenization (encodeExamples) on a
// loaded tokenizer; and, when this build has the model commands, that
// generate, logprobs, score / icl (answer search) and training agree on BOS
// for the same prompt: on the demo model with its own config (no BOS) and with
// a config that sets bos_token and add_bos_token (BOS first everywhere).

#include "test_util.h"
#include "core/error.h"
#include "data/record.h"
#include "finetune/sft_dataset.h"
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using nlohmann::json;

using sfttest::cliPath;

namespace {


void writeText(const QString &path, const std::string &text)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text.data(), qint64(text.size()));
}

std::string readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll().toStdString();
}

/** A tokenizer.json with <s> and </s>, optionally with a post-processor that puts <s> first (Llama-2 style). */
std::string tokenizerJson(bool bosPostProcessor)
{
    json j = json::parse(sft::trainByteLevelBpe({"hello world, hello there", "the world is wide", "你好世界"}, 300,
                                                {"<s>", "</s>", "<|endoftext|>"}));
    if (bosPostProcessor) {
        std::int64_t bos = -1;
        for (const json &t : j["added_tokens"])
            if (t["content"] == "<s>")
                bos = t["id"].get<std::int64_t>();
        j["post_processor"] = {{"type", "TemplateProcessing"},
                               {"single", json::array({{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                                       {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
                               {"pair", json::array({{{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
                               {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {bos}}, {"tokens", {"<s>"}}}}}}};
    }
    return j.dump();
}

struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QString err;
};

CliRun cli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    CliRun r;
    if (!p.waitForFinished(240000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QJsonDocument d = QJsonDocument::fromJson(line);
        if (d.isObject())
            r.lines << d.object();
    }
    return r;
}

} // namespace

class TestModelTokenizer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_cases = 0;

    /** A model folder (tokenizer files only) with the given tokenizer_config.json ("" = none). */
    QString folder(const QString &name, bool bosPostProcessor, const std::string &config)
    {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir);
        writeText(dir + QStringLiteral("/tokenizer.json"), tokenizerJson(bosPostProcessor));
        if (!config.empty())
            writeText(dir + QStringLiteral("/tokenizer_config.json"), config);
        return dir;
    }

private Q_SLOTS:
    void specialTokens_data()
    {
        QTest::addColumn<bool>("postProcessor");
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("bosFirst");
        QTest::addColumn<bool>("eosLast");
        QTest::newRow("no config, no post-processor") << false << QString() << false << false;
        QTest::newRow("no config, post-processor") << true << QString() << true << false;
        QTest::newRow("config without add_*: post-processor") << true << R"({"bos_token": "<s>"})" << true << false;
        QTest::newRow("add_bos_token adds") << false << R"({"bos_token": "<s>", "add_bos_token": true})" << true
                                            << false;
        QTest::newRow("add_bos_token false removes")
            << true << R"({"bos_token": "<s>", "add_bos_token": false})" << false << false;
        QTest::newRow("add_eos_token") << false << R"({"bos_token": "<s>", "eos_token": "</s>", "add_eos_token": true})"
                                       << false << true;
        QTest::newRow("bos as an AddedToken object")
            << false << R"({"bos_token": {"content": "<s>", "__type": "AddedToken"}, "add_bos_token": true})" << true
            << false;
    }
    void specialTokens()
    {
        QFETCH(bool, postProcessor);
        QFETCH(QString, config);
        QFETCH(bool, bosFirst);
        QFETCH(bool, eosLast);
        const QString dir = folder(QStringLiteral("case%1").arg(++m_cases), postProcessor, config.toStdString());
        const sft::ModelTokenizer m = sft::loadModelTokenizer(dir.toStdString());
        QCOMPARE(m.hasConfig, !config.isEmpty());
        const std::int32_t bos = m.tokenizer.tokenToId("<s>"), eos = m.tokenizer.tokenToId("</s>");
        QVERIFY(bos >= 0 && eos >= 0);
        QCOMPARE(m.tokenizer.bosId(), bos);  // named by the config, else guessed from "<s>"
        const std::vector<std::int32_t> plain = m.tokenizer.encode("hello world", false);
        std::vector<std::int32_t> expected = plain;
        if (bosFirst)
            expected.insert(expected.begin(), bos);
        if (eosLast)
            expected.push_back(eos);
        QCOMPARE(m.tokenizer.encode("hello world", true), expected);
        // The trainer's tokenization of a record: the prompt starts as encode(prompt, true) does.
        sft::Record r;
        r.instruction = "hello";
        r.output = "world";
        sft::finetune::EncodeStats stats;
        const auto examples = sft::finetune::encodeExamples(
            {r}, m.tokenizer, sft::finetune::PromptFormatter("alpaca", dir.toStdString()), 512, stats);
        QCOMPARE(examples.size(), std::size_t(1));
        QCOMPARE(examples[0].ids.front() == bos, bosFirst);
    }

    void nullBosWithAddBos()
    {
        // bos_token null: there is no BOS to add (transformers silently adds none), and none is guessed.
        const QString dir = folder(QStringLiteral("nullbos"), false,
                                   R"({"bos_token": null, "eos_token": "</s>", "add_bos_token": true})");
        const sft::ModelTokenizer m = sft::loadModelTokenizer(dir.toStdString());
        QCOMPARE(m.tokenizer.bosId(), -1);
        QCOMPARE(m.config.addBosToken, std::optional<bool>(true));
        QCOMPARE(m.tokenizer.encode("hello", true), m.tokenizer.encode("hello", false));
    }

    void errors()
    {
        try {
            sft::loadModelTokenizer(m_tmp.filePath(QStringLiteral("nowhere")).toStdString(), "base_model");
            QFAIL("no error for a folder without tokenizer.json");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("base_model"));
            QVERIFY(QString::fromStdString(e.message()).contains(QStringLiteral("tokenizer.json")));
        }
        const QString bad = folder(QStringLiteral("bad"), false, R"({"add_bos_token": "yes"})");
        try {
            sft::loadModelTokenizer(bad.toStdString());
            QFAIL("no error for add_bos_token \"yes\"");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("add_bos_token"));
        }
        const QString unknown = folder(QStringLiteral("unknown"), false, R"({"bos_token": "<nope>"})");
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::loadModelTokenizer(unknown.toStdString()));
    }

    void commandsAgreeOnBos()
    {
        QProcess probe;
        probe.start(cliPath(), {QStringLiteral("icl"), QStringLiteral("--help")});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            QSKIP("this build has no model commands (sftbench-cli generate / logprobs / score / icl)");
        const QString plain = m_tmp.filePath(QStringLiteral("tiny"));
        const CliRun init = cli({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                                 QStringLiteral("--out"), plain});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        // The same model with a config that asks for BOS (<|endoftext|>, which the demo tokenizer has).
        const QString withBos = m_tmp.filePath(QStringLiteral("tiny-bos"));
        QDir().mkpath(withBos);
        for (const QString &f : QDir(plain).entryList(QDir::Files))
            QVERIFY(QFile::copy(plain + QLatin1Char('/') + f, withBos + QLatin1Char('/') + f));
        json config = json::parse(readText(withBos + QStringLiteral("/tokenizer_config.json")));
        QCOMPARE(config.value("add_bos_token", true), false);  // the demo model's own config: no BOS
        config["bos_token"] = "<|endoftext|>";
        config["add_bos_token"] = true;
        QFile::remove(withBos + QStringLiteral("/tokenizer_config.json"));
        writeText(withBos + QStringLiteral("/tokenizer_config.json"), config.dump(2));

        const std::string prompt = "Input: 这部电影很好看\nOutput:";
        writeText(m_tmp.filePath(QStringLiteral("logprobs.jsonl")),
                  json({{"prompt", prompt}, {"continuation", " 正面"}}).dump() + "\n");
        writeText(m_tmp.filePath(QStringLiteral("answers.json")),
                  R"({"labels": [{"name": "正面", "answers": ["正面"]}, {"name": "负面", "answers": ["负面"]}]})");
        writeText(m_tmp.filePath(QStringLiteral("test.jsonl")), "{\"text\": \"这部电影很好看\", \"label\": \"正面\"}\n");

        for (const bool bos : {false, true}) {
            const QString dir = bos ? withBos : plain;
            const sft::ModelTokenizer m = sft::loadModelTokenizer(dir.toStdString());
            const std::int32_t bosId = m.tokenizer.tokenToId("<|endoftext|>");
            QCOMPARE(m.tokenizer.bosId(), bos ? bosId : -1);
            const qint64 n = qint64(m.tokenizer.encode(prompt, false).size());
            const qint64 expected = n + (bos ? 1 : 0);

            // generate: the prompt's tokens as the model sees them.
            const CliRun gen = cli({QStringLiteral("generate"), QStringLiteral("--model"), dir, QStringLiteral("--prompt"),
                                    QString::fromStdString(prompt), QStringLiteral("--max-new-tokens"), QStringLiteral("1"),
                                    QStringLiteral("--json"), QStringLiteral("--device"), QStringLiteral("cpu")});
            QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
            QVERIFY(!gen.lines.isEmpty());
            QCOMPARE(gen.lines.last().value(QStringLiteral("prompt_tokens")).toInteger(), expected);

            // logprobs
            const CliRun lp = cli({QStringLiteral("logprobs"), QStringLiteral("--model"), dir, QStringLiteral("--input"),
                                   m_tmp.filePath(QStringLiteral("logprobs.jsonl")), QStringLiteral("--device"),
                                   QStringLiteral("cpu")});
            QVERIFY2(lp.exitCode == 0, qPrintable(lp.err));
            QCOMPARE(lp.lines.size(), 1);
            QCOMPARE(lp.lines[0].value(QStringLiteral("prompt_tokens")).toInteger(), expected);

            // answer search (icl with k = 0 scores "[prompt] 正面" and "[prompt] 负面" with the scorer's encoding)
            const CliRun icl = cli({QStringLiteral("icl"), QStringLiteral("--model"), dir, QStringLiteral("--demos"),
                                    m_tmp.filePath(QStringLiteral("test.jsonl")), QStringLiteral("--test"),
                                    m_tmp.filePath(QStringLiteral("test.jsonl")), QStringLiteral("--answers"),
                                    m_tmp.filePath(QStringLiteral("answers.json")), QStringLiteral("--k"),
                                    QStringLiteral("0"), QStringLiteral("--format"),
                                    QStringLiteral("Input: [X]\\nOutput: [Z]"), QStringLiteral("--device"),
                                    QStringLiteral("cpu")});
            QVERIFY2(icl.exitCode == 0, qPrintable(icl.err));
            qint64 longest = 0;
            for (const char *answer : {"正面", "负面"})
                longest = std::max(longest, qint64(m.tokenizer.encode(prompt + " " + answer, false).size()));
            QVERIFY(!icl.lines.isEmpty());
            QCOMPARE(icl.lines.first().value(QStringLiteral("prompt_tokens_max")).toInteger(),
                     longest + (bos ? 1 : 0));

            // score: a template with nothing before [Z] needs a BOS to score the answer after.
            const CliRun score = cli({QStringLiteral("score"), QStringLiteral("--model"), dir, QStringLiteral("--template"),
                                      QStringLiteral("[Z]"), QStringLiteral("--answers"),
                                      m_tmp.filePath(QStringLiteral("answers.json")), QStringLiteral("--input"),
                                      m_tmp.filePath(QStringLiteral("test.jsonl")), QStringLiteral("--device"),
                                      QStringLiteral("cpu")});
            QVERIFY2((score.exitCode == 0) == bos, qPrintable(score.err));
            if (!bos)
                QVERIFY2(score.err.contains(QStringLiteral("adds no BOS token")), qPrintable(score.err));

            // training: encodeExamples on the same loader's tokenizer.
            sft::Record r;
            r.instruction = "这部电影很好看";
            r.output = "正面";
            sft::finetune::EncodeStats stats;
            const auto examples = sft::finetune::encodeExamples(
                {r}, m.tokenizer, sft::finetune::PromptFormatter("text", dir.toStdString()), 512, stats);
            QCOMPARE(examples.size(), std::size_t(1));
            QCOMPARE(examples[0].ids.front() == bosId, bos);
        }
    }
};

QTEST_MAIN(TestModelTokenizer)
#include "test_model_tokenizer.moc"
