// The inference-time RoPE options of sftbench-cli (--rope-scaling,
// --rope-factor, --original-max-position): every command that runs a model
// takes them; generate, logprobs, score and icl with yarn x2 run and give
// other tokens / log-probabilities than without; generate and serve report the
// scaling the model runs with (config.json's or the override); --rope-scaling
// none removes config.json's scaling; bad values stop with a clear message
// that names the command.

#include "model/language_model.h"
#include "model/causal_lm.h"

#include "test_util.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using nlohmann::json;

namespace {

json lastJsonLine(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? json() : json::parse(lines.last().toStdString());
}

bool copyFolder(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &f : QDir(from).entryList(QDir::Files))
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return false;
    return true;
}

} // namespace

class TestRopeCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model, m_alibi, m_scaled, m_input, m_answers, m_examples;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_model = m_tmp.filePath(QStringLiteral("model"));
        const sfttest::CliRun init = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        {
            // The demo model's 0.02-std weights make attention nearly uniform, where positions hardly
            // matter; weights of std 0.3 make the positional change visible in the tokens.
            sft::model::LoadOptions cpu;
            cpu.device = "cpu";
            cpu.dtype = "fp32";
            auto lm = sft::model::LanguageModel::load(m_model.toStdString(), cpu);
            torch::NoGradGuard noGrad;
            for (auto &p : lm->module()->parameters())
                if (p.dim() == 2)
                    p.mul_(15);
            lm->save(m_model.toStdString());
        }
        // The same model declared ALiBi (a LLaMA-family model with "position_embedding_type": "alibi").
        m_alibi = m_tmp.filePath(QStringLiteral("alibi"));
        QVERIFY(copyFolder(m_model, m_alibi));
        QFile cfg(m_alibi + QStringLiteral("/config.json"));
        QVERIFY(cfg.open(QIODevice::ReadOnly));
        json j = json::parse(cfg.readAll().toStdString());
        cfg.close();
        j["position_embedding_type"] = "alibi";
        QVERIFY(cfg.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cfg.write(QByteArray::fromStdString(j.dump()));
        cfg.close();
        // The same model with its own rope_scaling in config.json (yarn x2).
        m_scaled = m_tmp.filePath(QStringLiteral("scaled"));
        QVERIFY(copyFolder(m_model, m_scaled));
        QFile scaledCfg(m_scaled + QStringLiteral("/config.json"));
        QVERIFY(scaledCfg.open(QIODevice::ReadOnly));
        j = json::parse(scaledCfg.readAll().toStdString());
        scaledCfg.close();
        j["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 2.0}};
        QVERIFY(scaledCfg.open(QIODevice::WriteOnly | QIODevice::Truncate));
        scaledCfg.write(QByteArray::fromStdString(j.dump()));
        scaledCfg.close();

        m_answers = m_tmp.filePath(QStringLiteral("answers.json"));
        QFile answers(m_answers);
        QVERIFY(answers.open(QIODevice::WriteOnly));
        answers.write(R"({"labels": [{"name": "pos", "answers": [" good"]}, {"name": "neg", "answers": [" bad"]}]})");
        answers.close();
        m_examples = m_tmp.filePath(QStringLiteral("examples.jsonl"));
        QFile examples(m_examples);
        QVERIFY(examples.open(QIODevice::WriteOnly));
        examples.write(R"({"text": "I loved every minute of it.", "label": "pos"})" "\n"
                       R"({"text": "A dull and tiring film.", "label": "neg"})" "\n");
        examples.close();

        m_input = m_tmp.filePath(QStringLiteral("input.jsonl"));
        QFile in(m_input);
        QVERIFY(in.open(QIODevice::WriteOnly));
        in.write(R"({"prompt": "Give three tips for staying healthy.", "continuation": " Eat well and sleep."})" "\n");
    }

    void everyModelCommandTakesTheOptions_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"generate", "logprobs", "score", "icl", "serve"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }

    void everyModelCommandTakesTheOptions()
    {
        QFETCH(QString, command);
        const sfttest::CliRun r = sfttest::runCli({command, QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *o : {"--rope-scaling", "--rope-factor", "--original-max-position", "--device", "--dtype"})
            QVERIFY2(r.outText().contains(QLatin1String(o)), o);
    }

    void generateWithYarnDiffers()
    {
        const QStringList args = {QStringLiteral("generate"), QStringLiteral("--model"), m_model,
                                  QStringLiteral("--prompt"), QStringLiteral("Give three tips for staying healthy."),
                                  QStringLiteral("--max-new-tokens"), QStringLiteral("16"), QStringLiteral("--json"),
                                  QStringLiteral("--device"), QStringLiteral("cpu")};
        const sfttest::CliRun plain = sfttest::runCli(args);
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        const sfttest::CliRun yarn = sfttest::runCli(args + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("yarn"),
                                                                       QStringLiteral("--rope-factor"), QStringLiteral("2")});
        QVERIFY2(yarn.exitCode == 0, qPrintable(yarn.err));
        const json a = lastJsonLine(plain.out), b = lastJsonLine(yarn.out);
        QVERIFY(a["rope_scaling"].is_null());
        QCOMPARE(b["rope_scaling"]["type"].get<std::string>(), std::string("yarn"));
        QCOMPARE(b["rope_scaling"]["factor"].get<double>(), 2.0);
        QCOMPARE(b["rope_scaling"]["original_max_position"].get<int>(), 1024); // the model's own, the effective one
        QCOMPARE(a["generated_tokens"].get<int>(), 16);
        QVERIFY2(a["text"] != b["text"], a["text"].dump().c_str());
    }

    void logprobsWithYarnDiffer()
    {
        const QStringList args = {QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                                  QStringLiteral("--input"), m_input, QStringLiteral("--device"), QStringLiteral("cpu")};
        const sfttest::CliRun plain = sfttest::runCli(args);
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        const sfttest::CliRun yarn = sfttest::runCli(args + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("yarn"),
                                                                       QStringLiteral("--rope-factor"), QStringLiteral("2")});
        QVERIFY2(yarn.exitCode == 0, qPrintable(yarn.err));
        // The original length given explicitly as the model's own gives the same numbers.
        const sfttest::CliRun explicitOriginal = sfttest::runCli(
            args + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("yarn"), QStringLiteral("--rope-factor"),
                               QStringLiteral("2"), QStringLiteral("--original-max-position"), QStringLiteral("1024")});
        QVERIFY2(explicitOriginal.exitCode == 0, qPrintable(explicitOriginal.err));
        const json a = lastJsonLine(plain.out), b = lastJsonLine(yarn.out), c = lastJsonLine(explicitOriginal.out);
        QCOMPARE(a["tokens"], b["tokens"]);
        const double sa = a["sum"].get<double>(), sb = b["sum"].get<double>();
        qInfo("sum of logprobs: %.6f plain, %.6f yarn x2", sa, sb);
        QVERIFY(std::abs(sa - sb) > 1e-3);
        QCOMPARE(c["sum"].get<double>(), sb);
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<bool>("alibi");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        auto l = [](std::initializer_list<const char *> a) {
            QStringList s;
            for (const char *x : a)
                s << QString::fromLatin1(x);
            return s;
        };
        QTest::newRow("factor below 1") << false << l({"--rope-scaling", "yarn", "--rope-factor", "0.5"})
                                        << ": --rope-factor must be a finite number, at least 1";
        QTest::newRow("factor inf") << false << l({"--rope-scaling", "yarn", "--rope-factor", "inf"})
                                    << ": --rope-factor must be a finite number, at least 1";
        QTest::newRow("factor nan") << false << l({"--rope-scaling", "linear", "--rope-factor", "nan"})
                                    << ": --rope-factor must be a finite number, at least 1";
        QTest::newRow("factor too large") << false << l({"--rope-scaling", "linear", "--rope-factor", "4096"})
                                          << "at most 1024, got 4096";
        QTest::newRow("context too large")
            << false << l({"--rope-scaling", "linear", "--rope-factor", "1024", "--original-max-position", "9000000000000000"})
            << "too large a context";
        QTest::newRow("default") << false << l({"--rope-scaling", "default"})
                                 << "--rope-scaling: \"default\" is config.json's spelling; write none";
        QTest::newRow("factor with none") << false << l({"--rope-scaling", "none", "--rope-factor", "2"})
                                          << "--rope-factor does not apply to --rope-scaling none";
        QTest::newRow("unknown type") << false << l({"--rope-scaling", "ntk", "--rope-factor", "2"})
                                      << "unknown RoPE scaling \"ntk\" (none, linear, dynamic, yarn, llama3)";
        QTest::newRow("longrope") << false << l({"--rope-scaling", "longrope", "--rope-factor", "2"})
                                  << "unknown RoPE scaling \"longrope\"";
        QTest::newRow("factor without scaling") << false << l({"--rope-factor", "2"})
                                                << "--rope-factor needs --rope-scaling";
        QTest::newRow("original without scaling") << false << l({"--original-max-position", "512"})
                                                  << "--original-max-position needs --rope-scaling";
        QTest::newRow("scaling without factor") << false << l({"--rope-scaling", "dynamic"})
                                                << "--rope-scaling dynamic needs --rope-factor";
        QTest::newRow("factor not a number") << false << l({"--rope-scaling", "linear", "--rope-factor", "two"})
                                             << "--rope-factor expects a number";
        QTest::newRow("original zero") << false
                                       << l({"--rope-scaling", "linear", "--rope-factor", "2", "--original-max-position", "0"})
                                       << "--original-max-position must be a positive";
        QTest::newRow("alibi model") << true << l({"--rope-scaling", "yarn", "--rope-factor", "2"})
                                     << "needs a RoPE model; this one (llama) uses ALiBi";
    }

    void badValuesAreRefused()
    {
        QFETCH(bool, alibi);
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        for (const QString &command : {QStringLiteral("generate"), QStringLiteral("logprobs")}) {
            QStringList args = {command, QStringLiteral("--model"), alibi ? m_alibi : m_model,
                                QStringLiteral("--device"), QStringLiteral("cpu")};
            args += command == QLatin1String("generate")
                        ? QStringList{QStringLiteral("--prompt"), QStringLiteral("Hi"), QStringLiteral("--max-new-tokens"),
                                      QStringLiteral("1")}
                        : QStringList{QStringLiteral("--input"), m_input};
            const sfttest::CliRun r = sfttest::runCli(args + options);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(message), qPrintable(command + QStringLiteral(": ") + r.err));
            // Option errors name the command as the parser's own errors do; the model's refusal does not need to.
            if (!alibi)
                QVERIFY2(r.err.contains(command + QStringLiteral(": --")), qPrintable(r.err));
        }
    }

    void noneRemovesConfigScaling()
    {
        const QStringList plainArgs = {QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                                       QStringLiteral("--input"), m_input, QStringLiteral("--device"), QStringLiteral("cpu")};
        QStringList scaledArgs = plainArgs;
        scaledArgs[2] = m_scaled;
        const sfttest::CliRun plain = sfttest::runCli(plainArgs);
        const sfttest::CliRun kept = sfttest::runCli(scaledArgs);
        const sfttest::CliRun removed = sfttest::runCli(scaledArgs + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("none")});
        for (const auto *r : {&plain, &kept, &removed})
            QVERIFY2(r->exitCode == 0, qPrintable(r->err));
        const double sp = lastJsonLine(plain.out)["sum"].get<double>();
        QVERIFY(std::abs(lastJsonLine(kept.out)["sum"].get<double>() - sp) > 1e-3); // config.json's yarn applies
        QCOMPARE(lastJsonLine(removed.out)["sum"].get<double>(), sp);
    }

    void generateReportsConfigScaling()
    {
        // Without an override generate reports config.json's scaling, with the context it stretches;
        // with none, no scaling.
        const QStringList args = {QStringLiteral("generate"), QStringLiteral("--model"), m_scaled,
                                  QStringLiteral("--prompt"), QStringLiteral("Hello"), QStringLiteral("--max-new-tokens"),
                                  QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--device"), QStringLiteral("cpu")};
        const sfttest::CliRun r = sfttest::runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const json scaling = lastJsonLine(r.out)["rope_scaling"];
        QCOMPARE(scaling["type"].get<std::string>(), std::string("yarn"));
        QCOMPARE(scaling["factor"].get<double>(), 2.0);
        QCOMPARE(scaling["original_max_position"].get<int>(), 1024);
        const sfttest::CliRun none = sfttest::runCli(args + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("none")});
        QVERIFY2(none.exitCode == 0, qPrintable(none.err));
        QVERIFY(lastJsonLine(none.out)["rope_scaling"].is_null());
    }

    void serveReportsEffectiveScaling()
    {
        QProcess server;
        server.start(sfttest::cliPath(), {QStringLiteral("serve"), QStringLiteral("--model"), m_model, QStringLiteral("--port"),
                                          QStringLiteral("0"), QStringLiteral("--device"), QStringLiteral("cpu"),
                                          QStringLiteral("--rope-scaling"), QStringLiteral("dynamic"),
                                          QStringLiteral("--rope-factor"), QStringLiteral("2")});
        QVERIFY(server.waitForStarted(30000));
        json listening;
        QByteArray buffer;
        while (listening.is_null() && server.waitForReadyRead(120000)) {
            buffer += server.readAllStandardOutput();
            for (const QByteArray &l : buffer.split('\n')) {
                const json j = json::parse(l.toStdString(), nullptr, false);
                if (j.is_object() && j.value("event", "") == "listening")
                    listening = j;
            }
        }
        server.terminate();
        QVERIFY(server.waitForFinished(60000));
        QVERIFY2(listening.is_object(), server.readAllStandardError().constData());
        QCOMPARE(listening["rope_scaling"]["type"].get<std::string>(), std::string("dynamic"));
        QCOMPARE(listening["rope_scaling"]["original_max_position"].get<int>(), 1024);
        QCOMPARE(listening["context_length"].get<int>(), 2048);
    }

    void scoreAndIclRunWithScaling()
    {
        const QStringList score = {QStringLiteral("score"), QStringLiteral("--model"), m_model, QStringLiteral("--answers"),
                                   m_answers, QStringLiteral("--input"), m_examples, QStringLiteral("--template"),
                                   QStringLiteral("Review: [X]\\nSentiment:[Z]"), QStringLiteral("--device"),
                                   QStringLiteral("cpu")};
        const QStringList icl = {QStringLiteral("icl"), QStringLiteral("--model"), m_model, QStringLiteral("--answers"),
                                 m_answers, QStringLiteral("--demos"), m_examples, QStringLiteral("--test"), m_examples,
                                 QStringLiteral("--k"), QStringLiteral("1"), QStringLiteral("--orders"), QStringLiteral("1"),
                                 QStringLiteral("--details"), QStringLiteral("--device"), QStringLiteral("cpu")};
        const QStringList yarn = {QStringLiteral("--rope-scaling"), QStringLiteral("yarn"), QStringLiteral("--rope-factor"),
                                  QStringLiteral("2")};
        for (const QStringList &args : {score, icl}) {
            const sfttest::CliRun plain = sfttest::runCli(args);
            const sfttest::CliRun scaled = sfttest::runCli(args + yarn);
            QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
            QVERIFY2(scaled.exitCode == 0, qPrintable(scaled.err));
            // The first example's first answer: another log-probability under yarn x2.
            const json a = json::parse(plain.out.split('\n').first().toStdString());
            const json b = json::parse(scaled.out.split('\n').first().toStdString());
            const double la = a["answers"][0]["logprob"].get<double>(), lb = b["answers"][0]["logprob"].get<double>();
            QVERIFY2(std::abs(la - lb) > 1e-4, qPrintable(args.first() + QStringLiteral(": %1 vs %2").arg(la).arg(lb)));
            QVERIFY(lastJsonLine(scaled.out).contains("summary"));
        }
    }
};

QTEST_GUILESS_MAIN(TestRopeCli)
#include "test_rope_cli.moc"
