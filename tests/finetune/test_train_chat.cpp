// Training on conversations with the model's own chat template, end to end:
// the demo model's tokenizer_config.json carries a ChatML Jinja template;
// `sftbench-cli train` with prompt_format "chat" on held-back multi-turn
// conversations with system messages gives the first step's loss of an
// independent python3-torch reference (tests/finetune/reference_sft_chat.py:
// ChatML written from the published strings, masks found by tokenizing the
// text up to each reply's start and end, only the assistant replies and their
// <|im_end|> counted, not the newline after it); the plan counts
// conversations, turns dropped, split records and records the format refuses
// (left out; the run fails only when none is left); `generate` renders its
// prompt with the same template.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_util.h"

#include <cmath>

namespace {

const QString kCli = QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli");
const QString kChats = QStringLiteral(SFT_SOURCE_DIR "/tests/finetune/data/held_back_chat.jsonl");

using Run = sfttest::CliRun;

Run cli(const QStringList &args) { return sfttest::runCli(args); }

QList<QJsonObject> events(const QString &runDir, const QString &kind) { return sfttest::runEvents(runDir, kind); }

} // namespace

class TestTrainChat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model;

    QString makeRun(const QString &name, const QJsonObject &patch)
    {
        QJsonObject cfg{{QStringLiteral("base_model"), m_model},
                        {QStringLiteral("train_data"), kChats},
                        {QStringLiteral("prompt_format"), QStringLiteral("chat")},
                        {QStringLiteral("method"), QStringLiteral("full")},
                        {QStringLiteral("max_steps"), 1},
                        {QStringLiteral("batch_size"), 64},
                        {QStringLiteral("eval_fraction"), 0},
                        {QStringLiteral("save_every"), 0},
                        {QStringLiteral("device"), QStringLiteral("cpu")},
                        {QStringLiteral("precision"), QStringLiteral("fp32")}};
        for (auto it = patch.begin(); it != patch.end(); ++it)
            cfg[it.key()] = it.value();
        return sfttest::writeRunConfig(m_tmp.filePath(name), cfg);
    }

    QJsonObject dryRunPlan(const QString &dir)
    {
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--dry-run")});
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(kCli))
            QSKIP("sftbench-cli is not built");
        m_model = m_tmp.filePath(QStringLiteral("model"));
        const Run r = cli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile config(m_model + QStringLiteral("/tokenizer_config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QString tmpl = QJsonDocument::fromJson(config.readAll()).object().value(QStringLiteral("chat_template")).toString();
        QVERIFY2(tmpl.contains(QStringLiteral("<|im_start|>")) && tmpl.contains(QStringLiteral("add_generation_prompt")),
                 qPrintable(tmpl));
    }

    void firstLossMatchesPython()
    {
        const QString dir = makeRun(QStringLiteral("chat"), {});
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto plan = events(dir, QStringLiteral("plan"));
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].value(QStringLiteral("train_examples")).toInt(), 6);
        QCOMPARE(plan[0].value(QStringLiteral("conversations")).toInt(), 6);
        const auto steps = events(dir, QStringLiteral("step"));
        QVERIFY(!steps.isEmpty());

        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(SFT_SOURCE_DIR "/tests/finetune/reference_sft_chat.py"), kCli, m_model, kChats,
                  dir + QStringLiteral("/reference.json")});
        if (!py.waitForStarted(10000))
            QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(240000));
        const QByteArray err = py.readAllStandardError();
        if (py.exitCode() != 0 && err.contains("No module named 'torch'"))
            QSKIP("/usr/bin/python3 has no torch");
        QVERIFY2(py.exitCode() == 0, err.constData());
        QFile f(dir + QStringLiteral("/reference.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject ref = QJsonDocument::fromJson(f.readAll()).object();
        // The same tokens count: every reply and its end marker, nothing else.
        QCOMPARE(steps[0].value(QStringLiteral("target_tokens")).toInt(), ref.value(QStringLiteral("targets")).toInt());
        QCOMPARE(plan[0].value(QStringLiteral("train_tokens")).toInt(), ref.value(QStringLiteral("tokens")).toInt());
        const double ours = steps[0].value(QStringLiteral("loss")).toDouble();
        const double theirs = ref.value(QStringLiteral("loss")).toDouble();
        qInfo("first loss %.10g, python %.10g; %d target tokens of %d", ours, theirs,
              ref.value(QStringLiteral("targets")).toInt(), ref.value(QStringLiteral("tokens")).toInt());
        QVERIFY2(std::abs(ours - theirs) <= 1e-5 * std::abs(theirs),
                 qPrintable(QStringLiteral("%1 vs python %2").arg(ours, 0, 'g', 10).arg(theirs, 0, 'g', 10)));
    }

    void planCountsOverflow()
    {
        // Room for about one turn: truncate drops turns from the end, split makes more examples.
        const QJsonObject small{{QStringLiteral("max_length"), 40}};
        QJsonObject split = small;
        split.insert(QStringLiteral("conversation_overflow"), QStringLiteral("split"));
        const QJsonObject truncated = dryRunPlan(makeRun(QStringLiteral("truncate"), small));
        const QJsonObject splitted = dryRunPlan(makeRun(QStringLiteral("split"), split));
        QCOMPARE(truncated.value(QStringLiteral("event")).toString(), QStringLiteral("plan"));
        QCOMPARE(splitted.value(QStringLiteral("event")).toString(), QStringLiteral("plan"));
        QVERIFY(truncated.value(QStringLiteral("turns_dropped")).toInt() > 0);
        QCOMPARE(truncated.value(QStringLiteral("split_records")).toInt(), 0);
        QVERIFY(splitted.value(QStringLiteral("split_records")).toInt() > 0);
        QVERIFY(splitted.value(QStringLiteral("train_examples")).toInt() > truncated.value(QStringLiteral("train_examples")).toInt());
        // A bad value names its key.
        QJsonObject bad = small;
        bad.insert(QStringLiteral("conversation_overflow"), QStringLiteral("wrap"));
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), makeRun(QStringLiteral("bad"), bad),
                           QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("conversation_overflow")), qPrintable(r.err));
    }

    void refusedRecordsAreSkipped()
    {
        // Alpaca cannot hold the demo set's 4 conversations: they are left out and counted, the 34 others train.
        const QJsonObject alpaca{{QStringLiteral("prompt_format"), QStringLiteral("alpaca")},
                                 {QStringLiteral("train_data"), QStringLiteral(SFT_SOURCE_DIR "/resources/demo/demo_dataset.json")}};
        const QJsonObject plan = dryRunPlan(makeRun(QStringLiteral("mixed"), alpaca));
        QCOMPARE(plan.value(QStringLiteral("event")).toString(), QStringLiteral("plan"));
        QCOMPARE(plan.value(QStringLiteral("skipped_records")).toInt(), 4);
        QCOMPARE(plan.value(QStringLiteral("train_examples")).toInt(), 34);
        const QString why = plan.value(QStringLiteral("skipped_error")).toString();
        QVERIFY2(why.contains(QStringLiteral("Alpaca")) && why.contains(QStringLiteral("record ")), qPrintable(why));
        // Only conversations: nothing is left, and the run fails with the first record's error.
        QJsonObject only = alpaca;
        only.insert(QStringLiteral("train_data"), kChats);
        const Run r = cli({QStringLiteral("train"), QStringLiteral("--run-dir"), makeRun(QStringLiteral("none left"), only),
                           QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("record 1")) && r.err.contains(QStringLiteral("Alpaca")), qPrintable(r.err));
    }

    void generateRendersWithTheTemplate()
    {
        // The prompt generate feeds is the template's rendering of [user] with the generation prompt.
        const QString texts = m_tmp.filePath(QStringLiteral("prompt.jsonl"));
        QFile t(texts);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(QJsonDocument(QJsonObject{{QStringLiteral("text"),
                                           QStringLiteral("<|im_start|>user\nSay hi.<|im_end|>\n<|im_start|>assistant\n")}})
                    .toJson(QJsonDocument::Compact) + '\n');
        t.close();
        const Run tok = cli({QStringLiteral("tokenize"), QStringLiteral("--model"), m_model, QStringLiteral("--input"), texts});
        QVERIFY2(tok.exitCode == 0, qPrintable(tok.err));
        const int expected = QJsonDocument::fromJson(tok.out.trimmed()).array().size();
        QVERIFY(expected > 5);
        const Run g = cli({QStringLiteral("generate"), QStringLiteral("--model"), m_model, QStringLiteral("--prompt-format"),
                           QStringLiteral("chat"), QStringLiteral("--prompt"), QStringLiteral("Say hi."),
                           QStringLiteral("--max-new-tokens"), QStringLiteral("2"), QStringLiteral("--json"),
                           QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(g.exitCode == 0, qPrintable(g.err));
        const QJsonObject done = QJsonDocument::fromJson(g.out.trimmed().split('\n').last()).object();
        QCOMPARE(done.value(QStringLiteral("prompt_tokens")).toInt(), expected);
    }
};

QTEST_GUILESS_MAIN(TestTrainChat)
#include "test_train_chat.moc"
