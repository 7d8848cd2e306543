// Tests of `sftbench-cli export-gguf --run-dir` on runs trained here from the
// demo model (with a chat_template.jinja beside its tokenizer): a LoRA run
// merged while its weights are read (the same tensors as the engine's merge
// exported, within fp32 rounding, and no merged folder ever written), as its
// adapter, from a checkpoint; a full fine-tuning run merged by the engine into
// a temporary folder; SIGTERM midway leaving nothing behind. Files are parsed
// with the reader of gguf_export_fixtures.h.

#include "gguf_export_fixtures.h"
#include "test_util.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <signal.h>
#include <sys/wait.h>

using ggufx::compare;
using ggufx::filesIn;
using ggufx::llamaSourceRow;
using ggufx::source;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> events;
    for (const QByteArray &line : out.split('\n'))
        if (!line.trimmed().isEmpty())
            events << QJsonDocument::fromJson(line).object();
    return events;
}

const char *const kTemplate = "{{ 'the template of chat_template.jinja' }}";

} // namespace

class TestGgufExportRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model, m_lora, m_full;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    /** A run of method on the demo model: 2 steps, a checkpoint at step 2. */
    QString train(const QString &name, const QJsonObject &extra)
    {
        QJsonObject cfg{{QStringLiteral("base_model"), m_model}, {QStringLiteral("train_data"), path(QStringLiteral("data.json"))},
                        {QStringLiteral("learning_rate"), 5e-2}, {QStringLiteral("max_steps"), 2}, {QStringLiteral("batch_size"), 2},
                        {QStringLiteral("eval_every"), 0}, {QStringLiteral("save_every"), 2}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            cfg[it.key()] = it.value();
        const QString run = sfttest::writeRunConfig(path(name), cfg);
        const auto r = sfttest::runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), run, QStringLiteral("--quiet")});
        if (r.exitCode != 0)
            QTest::qFail(qPrintable(r.err), __FILE__, __LINE__);
        return run;
    }

    /** export-gguf ARGS with the test signal hook set (at tensor `at`, signal "TERM" or "STOP"). */
    static void startExport(QProcess &p, const QStringList &args, int at, const QString &signal)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SFTBENCH_TEST_SIGNAL_AT_TENSOR"), QString::number(at));
        env.insert(QStringLiteral("SFTBENCH_TEST_SIGNAL"), signal);
        p.setProcessEnvironment(env);
        p.start(sfttest::cliPath(), QStringList{QStringLiteral("export-gguf")} + args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (!ggufx::cliExports())
            return;
        m_model = path(QStringLiteral("model"));
        const auto r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        ggufx::writeText(m_model + QStringLiteral("/chat_template.jinja"), kTemplate);
        sfttest::writeSingleTurnDemoData(path(QStringLiteral("data.json")));
        m_lora = train(QStringLiteral("lora"), QJsonObject{
            {QStringLiteral("method"), QStringLiteral("lora")},
            {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 4}, {QStringLiteral("alpha"), 8}, {QStringLiteral("rslora"), true},
                                                 {QStringLiteral("target_modules"), QJsonArray{QStringLiteral("q_proj"), QStringLiteral("k_proj"),
                                                                                               QStringLiteral("v_proj"), QStringLiteral("o_proj")}}}}});
        m_full = train(QStringLiteral("full"), QJsonObject{{QStringLiteral("method"), QStringLiteral("full")},
                                                           {QStringLiteral("learning_rate"), 1e-3}});
    }

    void init()
    {
        if (!ggufx::cliExports())
            QSKIP("sftbench-cli is not built with init-model, train and export-gguf");
    }

    void loraRunMerged()
    {
        const QString outDir = path(QStringLiteral("lora_out")), merged = outDir + QStringLiteral("/merged.gguf");
        QVERIFY(QDir().mkpath(outDir));
        const auto r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora, QStringLiteral("--out"), merged,
                                        QStringLiteral("--type"), QStringLiteral("f32"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> events = jsonLines(r.out);
        QVERIFY(events.size() == 3 + 39);
        QCOMPARE(events[0].value(QStringLiteral("event")).toString(), QStringLiteral("started"));
        QCOMPARE(events[0].value(QStringLiteral("type")).toString(), QStringLiteral("f32"));
        QCOMPARE(events[0].value(QStringLiteral("adapter")).toBool(true), false);
        QCOMPARE(events[1].value(QStringLiteral("stage")).toString(), QStringLiteral("merge"));
        QCOMPARE(events[2].value(QStringLiteral("stage")).toString(), QStringLiteral("write"));
        QCOMPARE(events[40].value(QStringLiteral("index")).toInt(), 38);
        QCOMPARE(events[40].value(QStringLiteral("count")).toInt(), 39);
        const QJsonObject done = events.last();
        QCOMPARE(done.value(QStringLiteral("event")).toString(), QStringLiteral("done"));
        QCOMPARE(done.value(QStringLiteral("architecture")).toString(), QStringLiteral("llama"));
        QCOMPARE(done.value(QStringLiteral("tokenizer_model")).toString(), QStringLiteral("gpt2"));
        QCOMPARE(done.value(QStringLiteral("tokenizer_pre")).toString(), QStringLiteral("qwen2"));
        QCOMPARE(done.value(QStringLiteral("tensors")).toInt(), 39);
        QCOMPARE(qint64(done.value(QStringLiteral("bytes")).toDouble()), QFileInfo(merged).size());
        QVERIFY(done.value(QStringLiteral("kept_f16")).toArray().isEmpty());
        QCOMPARE(filesIn(outDir), QStringList{QStringLiteral("merged.gguf")});
        const ggufx::File g = ggufx::read(merged);
        KEY(g, "general.name", 8, 0, "lora");
        KEY(g, "tokenizer.chat_template", 8, 0, kTemplate);   // chat_template.jinja, as the engine reads it
        const QString st = m_model + QStringLiteral("/model.safetensors");
        const auto permuted = [](std::size_t row) { return llamaSourceRow(row, 32); };
        SAME(g, "output.weight", source(st, "lm_head.weight"));
        SAME(g, "blk.0.ffn_up.weight", source(st, "model.layers.0.mlp.up_proj.weight"));
        QVERIFY(!compare(g, "blk.0.attn_q.weight", source(st, "model.layers.0.self_attn.q_proj.weight"), permuted).isEmpty());
    }

    void streamedMergeMatchesMergeRun()
    {
        // The engine's merge (a model folder in fp32) exported, against the merge made while writing
        const QString folder = path(QStringLiteral("engine_merge")), fromFolder = path(QStringLiteral("engine_merge.gguf"));
        const QString streamed = path(QStringLiteral("streamed.gguf"));
        auto r = sfttest::runCli({QStringLiteral("merge"), QStringLiteral("--run-dir"), m_lora, QStringLiteral("--out"), folder,
                                  QStringLiteral("--dtype"), QStringLiteral("fp32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(folder + QStringLiteral("/chat_template.jinja")));   // the merged folder keeps the template
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), folder, QStringLiteral("--out"), fromFolder,
                             QStringLiteral("--type"), QStringLiteral("f32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora, QStringLiteral("--out"), streamed,
                             QStringLiteral("--type"), QStringLiteral("f32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const ggufx::File a = ggufx::read(fromFolder), b = ggufx::read(streamed);
        QCOMPARE(b.tensors.size(), a.tensors.size());
        for (const auto &t : a.tensors) {
            const auto want = a.values(t);
            SAME(b, t.name, want, {}, ggufx::fp32Tolerance(want));
        }
        // the adapted ones really carry the update: attn_q (permuted) and attn_v differ from the base
        const QString st = m_model + QStringLiteral("/model.safetensors");
        const auto permuted = [](std::size_t row) { return llamaSourceRow(row, 32); };
        const auto q = source(st, "model.layers.1.self_attn.q_proj.weight"), v = source(st, "model.layers.1.self_attn.v_proj.weight");
        QVERIFY(!compare(b, "blk.1.attn_q.weight", q, permuted, ggufx::fp32Tolerance(q)).isEmpty());
        QVERIFY(!compare(b, "blk.1.attn_v.weight", v, {}, ggufx::fp32Tolerance(v)).isEmpty());
        for (const char *key : {"llama.context_length", "llama.rope.freq_base", "tokenizer.ggml.eos_token_id"})
            QCOMPARE(b.at(key).num, a.at(key).num);
        QCOMPARE(b.at("tokenizer.chat_template").str, a.at("tokenizer.chat_template").str);
    }

    void streamedMergeWritesNoFolder()
    {
        // Paused at tensor 5 (SIGSTOP from the test hook): only the .part file is beside the output, no
        // merged model; then SIGTERM: it stops, removing the .part file.
        const QString outDir = path(QStringLiteral("paused")), out = outDir + QStringLiteral("/paused.gguf");
        QVERIFY(QDir().mkpath(outDir));
        QProcess p;
        startExport(p, {QStringLiteral("--run-dir"), m_lora, QStringLiteral("--out"), out, QStringLiteral("--json")}, 5,
                    QStringLiteral("STOP"));
        QVERIFY(p.waitForStarted());
        QByteArray seen;
        while (!seen.contains("\"index\":5,")) {
            QVERIFY2(p.state() == QProcess::Running && p.waitForReadyRead(120000),
                     qPrintable(QString::fromUtf8(seen + p.readAllStandardError())));
            seen += p.readAllStandardOutput();
        }
        // the line comes just before the hook stops the process: wait until it has (without reaping it)
        siginfo_t info{};
        QCOMPARE(::waitid(P_PID, id_t(p.processId()), &info, WSTOPPED | WEXITED | WNOWAIT), 0);
        QCOMPARE(info.si_code, CLD_STOPPED);
        QCOMPARE(filesIn(outDir), QStringList{QStringLiteral("paused.gguf.part")});
        QVERIFY(seen.contains("\"stage\":\"merge\""));
        ::kill(pid_t(p.processId()), SIGTERM);
        ::kill(pid_t(p.processId()), SIGCONT);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("stopped")), qPrintable(err));
        QVERIFY(!QString::fromUtf8(seen + p.readAllStandardOutput()).contains(QStringLiteral("\"done\"")));
        QCOMPARE(filesIn(outDir), QStringList());
    }

    void loraRunAdapter()
    {
        const QString outDir = path(QStringLiteral("adapter_out")), adapter = outDir + QStringLiteral("/adapter.gguf");
        QVERIFY(QDir().mkpath(outDir));
        auto r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora, QStringLiteral("--adapter"),
                                  QStringLiteral("--out"), adapter, QStringLiteral("--type"), QStringLiteral("f32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.outText().contains(QStringLiteral("LoRA adapter, 32 tensors")), qPrintable(r.outText()));
        const ggufx::File a = ggufx::read(adapter);
        KEY(a, "general.architecture", 8, 0, "llama");
        KEY(a, "general.type", 8, 0, "adapter");
        KEY(a, "adapter.type", 8, 0, "lora");
        KEY(a, "adapter.lora.alpha", 6, 16);   // rsLoRA alpha / sqrt(r) = llama.cpp's alpha' / r with alpha' = 8 · sqrt(4)
        QCOMPARE(a.tensors.size(), std::size_t(4 * 4 * 2));
        QCOMPARE(a.tensor("blk.0.attn_q.weight.lora_a")->dims, (std::vector<std::uint64_t>{128, 4}));
        QCOMPARE(a.tensor("blk.0.attn_q.weight.lora_b")->dims, (std::vector<std::uint64_t>{4, 128}));
        QCOMPARE(a.tensor("blk.3.attn_k.weight.lora_b")->dims, (std::vector<std::uint64_t>{4, 64}));
        QCOMPARE(a.tensor("blk.1.attn_output.weight.lora_a")->dims, (std::vector<std::uint64_t>{128, 4}));
        const QString ast = m_lora + QStringLiteral("/adapter/adapter_model.safetensors");
        const std::string peft = "base_model.model.model.layers.";
        const auto permuted = [](std::size_t row) { return llamaSourceRow(row, 32); };
        SAME(a, "blk.0.attn_q.weight.lora_a", source(ast, peft + "0.self_attn.q_proj.lora_A.weight"));
        SAME(a, "blk.0.attn_q.weight.lora_b", source(ast, peft + "0.self_attn.q_proj.lora_B.weight"), permuted);
        SAME(a, "blk.2.attn_k.weight.lora_b", source(ast, peft + "2.self_attn.k_proj.lora_B.weight"), permuted);
        SAME(a, "blk.2.attn_v.weight.lora_b", source(ast, peft + "2.self_attn.v_proj.lora_B.weight"));
        QVERIFY(!compare(a, "blk.0.attn_q.weight.lora_b", source(ast, peft + "0.self_attn.q_proj.lora_B.weight")).isEmpty());

        // from a checkpoint the adapter is saved from the trained weights first: the same tensors
        const QString fromCheckpoint = outDir + QStringLiteral("/checkpoint.gguf");
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora + QStringLiteral("/checkpoints/step-00000002"),
                             QStringLiteral("--adapter"), QStringLiteral("--out"), fromCheckpoint, QStringLiteral("--type"), QStringLiteral("f32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const ggufx::File c = ggufx::read(fromCheckpoint);
        QCOMPARE(c.tensors.size(), a.tensors.size());
        for (const auto &t : a.tensors)
            SAME(c, t.name, a.values(t));
        // and merged from the checkpoint: the saved adapter merged while writing, the same as the finished run's
        const QString mergedCheckpoint = outDir + QStringLiteral("/checkpoint-merged.gguf");
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora + QStringLiteral("/checkpoints/step-00000002"),
                             QStringLiteral("--out"), mergedCheckpoint, QStringLiteral("--type"), QStringLiteral("f32"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> events = jsonLines(r.out);
        QVERIFY(events.size() > 3);
        QCOMPARE(events[1].value(QStringLiteral("stage")).toString(), QStringLiteral("adapter"));
        QCOMPARE(events[2].value(QStringLiteral("stage")).toString(), QStringLiteral("merge"));
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_lora, QStringLiteral("--adapter"),
                             QStringLiteral("--out"), outDir + QStringLiteral("/q8.gguf"), QStringLiteral("--type"), QStringLiteral("q8_0")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(filesIn(outDir), (QStringList{QStringLiteral("adapter.gguf"), QStringLiteral("checkpoint-merged.gguf"),
                                               QStringLiteral("checkpoint.gguf")}));
    }

    void fullRunMerged()
    {
        const QString outDir = path(QStringLiteral("full_out")), out = outDir + QStringLiteral("/full.gguf");
        QVERIFY(QDir().mkpath(outDir));
        const auto r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), m_full, QStringLiteral("--out"), out,
                                        QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> events = jsonLines(r.out);
        QVERIFY(events.size() == 3 + 39);
        QCOMPARE(events[1].value(QStringLiteral("stage")).toString(), QStringLiteral("merge"));
        QCOMPARE(filesIn(outDir), QStringList{QStringLiteral("full.gguf")});   // the merged folder is gone
        const ggufx::File g = ggufx::read(out);
        KEY(g, "general.file_type", 4, 1);
        KEY(g, "tokenizer.chat_template", 8, 0, kTemplate);   // the engine's merge kept chat_template.jinja
        // the trained weights (final/), not the base model's
        const QString trained = m_full + QStringLiteral("/final/model.safetensors"), st = m_model + QStringLiteral("/model.safetensors");
        const auto permuted = [](std::size_t row) { return llamaSourceRow(row, 32); };
        SAME(g, "blk.2.attn_q.weight", source(trained, "model.layers.2.self_attn.q_proj.weight"), permuted, ggufx::halfTolerance);
        SAME(g, "blk.0.ffn_down.weight", source(trained, "model.layers.0.mlp.down_proj.weight"), {}, ggufx::halfTolerance);
        QVERIFY(!compare(g, "blk.0.ffn_down.weight", source(st, "model.layers.0.mlp.down_proj.weight"), {}, ggufx::halfTolerance).isEmpty());
    }

    void fullRunStopped()
    {
        // SIGTERM before tensor 3, after the engine merged into a temporary folder: "stopped", exit 1, and
        // neither the .part file nor the merged folder is left
        const QString outDir = path(QStringLiteral("stopped")), out = outDir + QStringLiteral("/stopped.gguf");
        QVERIFY(QDir().mkpath(outDir));
        QProcess p;
        startExport(p, {QStringLiteral("--run-dir"), m_full, QStringLiteral("--out"), out, QStringLiteral("--json")}, 3,
                    QStringLiteral("TERM"));
        QVERIFY(p.waitForFinished(240000));
        const QByteArray stdoutText = p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("error: stopped")), qPrintable(err));
        QVERIFY(stdoutText.contains("\"stage\":\"merge\""));
        QVERIFY(stdoutText.contains("\"index\":3,"));
        QVERIFY(!stdoutText.contains("\"index\":4,"));
        QCOMPARE(filesIn(outDir), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestGgufExportRun)
#include "test_gguf_export_run.moc"
