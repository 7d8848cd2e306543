// The Experiments view of the Context panel (the parser and the CSV alone are
// test_contextoutput), driven through a fake worker that speaks the protocol
// of `sftbench-cli perplexity` / `passkey`: one graph per configuration with the worker's points,
// passkey accuracy by length and the heatmap's cells, the exact CSV, PNG and
// PDF files, the worker arguments of each configuration (a training run gives
// --adapter on its base model, a scaling gives --rope-scaling), RoPE scaling
// refused for an ALiBi model, Stop, a failing worker and one that stops
// without its "done" line, the model kept with the results (a model chosen
// during a run waits, another one afterwards clears them), default lengths
// from the model's window, the empty page, the settings checked before a run;
// and, when this build's worker has the commands, one run against the real
// worker on the demo model.

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>

#include "context/contextoutput.h"
#include "context/experimentsview.h"
#include "context/plotutil.h"
#include "model/model_config.h"
#include "qcustomplot.h"
#include "test_util.h"
#include "widget_test_util.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using sft::Workspace;
using sfttest::kTinyLlamaConfig;
using sfttest::readFile;
using sfttest::writeFile;

namespace {

const char kBloomConfig[] =
    "{\"model_type\":\"bloom\",\"vocab_size\":1000,\"hidden_size\":64,\"n_layer\":2,\"n_head\":4,"
    "\"layer_norm_epsilon\":1e-5,\"seq_length\":512,\"torch_dtype\":\"float32\"}";

QByteArray num(double v)
{
    return QByteArray::number(v, 'g', 10);
}

/** What a perplexity run of one configuration prints: lengths 2 and 4, two windows each. */
QByteArray perplexityOutput(double nll2, double ppl2, double loss2, double nll4, double ppl4, QVector<double> loss4)
{
    QByteArray out = "{\"event\":\"start\",\"model\":\"M\",\"adapter\":null,\"text_tokens\":40,\"lengths\":[2,4],\"stride\":2,"
                     "\"position_encoding\":\"rope\",\"max_positions\":256,\"rope_scaling\":null}\n";
    auto length = [&](int l, double nll, double ppl, const QByteArray &loss) {
        for (int w = 1; w <= 2; ++w)
            out += "{\"event\":\"progress\",\"length\":" + QByteArray::number(l) + ",\"window\":" + QByteArray::number(w)
                + ",\"windows\":2}\n";
        out += "{\"event\":\"length\",\"length\":" + QByteArray::number(l) + ",\"windows\":2,\"tokens\":"
            + QByteArray::number(2 * (l - 1)) + ",\"nll\":" + num(nll) + ",\"perplexity\":" + num(ppl)
            + ",\"position_bucket\":1,\"position_loss\":[" + loss + "],\"seconds\":0.01}\n";
    };
    length(2, nll2, ppl2, "null," + num(loss2));
    length(4, nll4, ppl4, "null," + num(loss4[0]) + ',' + num(loss4[1]) + ',' + num(loss4[2]));
    out += "{\"event\":\"done\",\"seconds\":0.05}\n";
    return out;
}

/** What a passkey run prints: lengths 16, 32 × depths 0, 1, two trials; correct[i] per cell in that order. */
QByteArray passkeyOutput(const QVector<int> &correct)
{
    QByteArray out = "{\"event\":\"start\",\"lengths\":[16,32],\"depths\":[0,1],\"trials\":2,\"seed\":7,"
                     "\"max_positions\":256,\"rope_scaling\":null}\n";
    int i = 0, total = 0;
    for (int l : {16, 32})
        for (double d : {0.0, 1.0}) {
            const int c = correct[i++];
            const QByteArray where = "\"length\":" + QByteArray::number(l) + ",\"depth\":" + num(d);
            for (int t = 0; t < 2; ++t)
                out += "{\"event\":\"trial\"," + where + ",\"trial\":" + QByteArray::number(t)
                    + ",\"key\":\"12345\",\"answer\":\"" + (t < c ? " 12345." : " 999") + "\",\"correct\":"
                    + (t < c ? "true" : "false") + ",\"prompt_tokens\":" + QByteArray::number(l) + "}\n";
            out += "{\"event\":\"cell\"," + where + ",\"correct\":" + QByteArray::number(c) + ",\"trials\":2,\"accuracy\":"
                + num(c / 2.0) + "}\n";
            total += c;
        }
    out += "{\"event\":\"done\",\"accuracy\":" + num(total / 8.0) + ",\"seconds\":0.1}\n";
    return out;
}

/**
 * A fake sftbench-cli in dir: appends its arguments to dir/args.txt, copies the --text file to
 * dir/last-text.txt, and prints dir/<command>-<key>.jsonl, key = run (--adapter), scaled
 * (--rope-scaling) or base. With dir/fail-<command>-<key> it prints that file to stderr and exits 1;
 * with dir/hold-<command>-<key> it then waits for dir/go, and on SIGTERM prints the stopped event.
 */
QString fakeWorker(const QString &dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("fake-sftbench-cli"));
    return sfttest::writeShellScript(path, QStringLiteral(
                                   "d='%1'\n"
                                   "trap 'echo \"{\\\"event\\\":\\\"stopped\\\"}\"; exit 0' TERM\n"
                                   "echo \"$@\" >> \"$d/args.txt\"\n"
                                   "cmd=\"$1\"\n"
                                   "key=base\n"
                                   "case \"$*\" in *--adapter*) key=run ;; *--rope-scaling*) key=scaled ;; esac\n"
                                   "prev=\n"
                                   "for a in \"$@\"; do\n"
                                   "  if [ \"$prev\" = --text ]; then cp \"$a\" \"$d/last-text.txt\"; fi\n"
                                   "  prev=\"$a\"\n"
                                   "done\n"
                                   "if [ -f \"$d/fail-$cmd-$key\" ]; then cat \"$d/fail-$cmd-$key\" >&2; exit 1; fi\n"
                                   "cat \"$d/$cmd-$key.jsonl\"\n"
                                   "if [ -f \"$d/hold-$cmd-$key\" ]; then\n"
                                   "  while [ ! -f \"$d/go\" ]; do sleep 0.05; done\n"
                                   "fi\n"
                                   "exit 0\n")
                        .arg(dir)
                        .toUtf8());
}

QVector<double> keys(QCPGraph *g)
{
    QVector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out << it->key;
    return out;
}

QVector<double> values(QCPGraph *g)
{
    QVector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out << it->value;
    return out;
}

QStringList argLines(const QString &dir)
{
    return QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("args.txt")))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/** Give view the model in dir as the panel does: its config.json read once (null when unreadable). */
void setModel(ExperimentsView &view, const QString &dir)
{
    try {
        const sft::model::ModelConfig config =
            sft::model::ModelConfig::fromFile(QDir(dir).filePath(QStringLiteral("config.json")).toStdString());
        view.setModel(dir, &config);
    } catch (const std::exception &) {
        view.setModel(dir, nullptr);
    }
}

/** Whether this build's worker has the context measurements. */
bool workerHasContextCommands()
{
    if (!QFileInfo::exists(sfttest::cliPath()))
        return false;
    const sfttest::CliRun r = sfttest::runCli({QStringLiteral("perplexity"), QStringLiteral("--help")}, 60000);
    return r.exitCode == 0 && r.outText().contains(QLatin1String("--lengths"));
}

} // namespace

class TestExperimentsView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<Workspace> m_ws;
    QString m_model, m_bloom, m_runDir, m_fakeDir, m_fake;

    void resetFake()
    {
        for (const QString &name : QDir(m_fakeDir).entryList(QDir::Files))
            if (name != QLatin1String("fake-sftbench-cli"))
                QFile::remove(QDir(m_fakeDir).filePath(name));
        const QString d = m_fakeDir + QLatin1Char('/');
        writeFile(d + QStringLiteral("perplexity-base.jsonl"), perplexityOutput(2, 7.5, 2, 3, 20, {2.5, 3, 3.5}));
        writeFile(d + QStringLiteral("perplexity-scaled.jsonl"), perplexityOutput(1.5, 4.5, 1.5, 2, 7.5, {1.75, 2, 2.25}));
        writeFile(d + QStringLiteral("perplexity-run.jsonl"), perplexityOutput(1, 2.75, 1, 1.25, 3.5, {1.25, 1.25, 1.25}));
        writeFile(d + QStringLiteral("passkey-base.jsonl"), passkeyOutput({2, 1, 0, 1}));
        writeFile(d + QStringLiteral("passkey-scaled.jsonl"), passkeyOutput({2, 2, 2, 1}));
        writeFile(d + QStringLiteral("passkey-run.jsonl"), passkeyOutput({2, 2, 2, 2}));
    }

    /** A view on the LLaMA test model with the fake worker and small settings. */
    std::unique_ptr<ExperimentsView> makeView()
    {
        auto view = std::make_unique<ExperimentsView>();
        view->setProgram(m_fake);
        view->setWorkspace(m_ws.get());
        setModel(*view, m_model);
        view->lengthsEdit()->setText(QStringLiteral("2,4"));
        view->strideCheck()->setChecked(true);
        view->strideSpin()->setValue(2);
        view->maxWindowsSpin()->setValue(3);
        view->passkeyLengthsEdit()->setText(QStringLiteral("16, 32"));
        view->depthsEdit()->setText(QStringLiteral("0,100"));
        view->trialsSpin()->setValue(2);
        view->seedSpin()->setValue(7);
        return view;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_model = m_tmp.filePath(QStringLiteral("model"));
        writeFile(QDir(m_model).filePath(QStringLiteral("config.json")), kTinyLlamaConfig);
        m_bloom = m_tmp.filePath(QStringLiteral("bloom"));
        writeFile(QDir(m_bloom).filePath(QStringLiteral("config.json")), kBloomConfig);
        m_ws = Workspace::open(m_tmp.filePath(QStringLiteral("w.sftws")));
        QVERIFY(m_ws);
        // A trained LoRA run of the workspace, on ../../model, with position interpolation ×2; and one never trained.
        const QString root = sft::runs::runsRoot(m_ws->path());
        m_runDir = QDir(root).filePath(QStringLiteral("20250101-120000-lora"));
        writeFile(QDir(m_runDir).filePath(QStringLiteral("config.json")),
                  R"({"base_model":"../../model","method":"lora","rope_factor":2})");
        writeFile(QDir(m_runDir).filePath(QStringLiteral("final/train_config.json")), "{}");
        writeFile(QDir(root).filePath(QStringLiteral("20250102-120000-full/config.json")),
                  R"({"base_model":"../../model","method":"full","rope_factor":1})");
        m_fakeDir = m_tmp.filePath(QStringLiteral("fake"));
        QDir().mkpath(m_fakeDir);
        m_fake = fakeWorker(m_fakeDir);
    }

    void runListEntryGivesAdapter()
    {
        auto view = makeView();
        // Only the trained run is listed; it shows the factor it trained with.
        QCOMPARE(view->runCombo()->count(), 1);
        QCOMPARE(view->runCombo()->itemData(0).toString(), m_runDir);
        QVERIFY(view->runCombo()->itemText(0).contains(QLatin1String("20250101-120000-lora")));
        QVERIFY(view->runCombo()->itemText(0).contains(QStringLiteral("×2")));
        view->addKindCombo()->setCurrentIndex(2);
        QVERIFY(view->addButton()->isEnabled());
        view->addButton()->click();
        QCOMPARE(view->configModel()->rowCount(), 3);
        const ExperimentConfig &run = view->configModel()->config(2);
        QCOMPARE(run.kind, ExperimentConfig::Kind::Run);
        QCOMPARE(run.runRopeFactor, 2.0);
        QCOMPARE(ExperimentConfigModel::modelArguments(run, QStringLiteral("/other")),
                 (QStringList{QStringLiteral("--model"), QDir::cleanPath(m_model), QStringLiteral("--adapter"), m_runDir}));
        // The same run twice is one entry.
        view->addButton()->click();
        QCOMPARE(view->configModel()->rowCount(), 3);
    }

    void runDrawsEveryConfiguration()
    {
        resetFake();
        auto view = makeView();
        view->addKindCombo()->setCurrentIndex(2);
        view->addButton()->click();
        QCOMPARE(view->configModel()->rowCount(), 3);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QVERIFY(view->isRunning());
        QCOMPARE(view->runButton()->text(), QStringLiteral("Stop"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(!view->isRunning());
        QCOMPARE(view->progressBar()->value(), 1000);
        // Tests install no English plural catalogue: the source text shows.
        QCOMPARE(view->statusLabel()->text(), QStringLiteral("Done: 3 configuration(s) measured."));

        // The worker's arguments, configuration after configuration, perplexity then passkey.
        const QStringList args = argLines(m_fakeDir);
        QCOMPARE(args.size(), 6);
        QVERIFY(args[0].startsWith(QStringLiteral("perplexity --model %1 --lengths 2,4 --stride 2 --max-windows 3 --text ").arg(m_model)));
        QCOMPARE(args[1], QStringLiteral("passkey --model %1 --lengths 16,32 --depths 0,1 --trials 2 --seed 7").arg(m_model));
        QVERIFY(args[2].startsWith(QStringLiteral("perplexity --model %1 --rope-scaling linear --rope-factor 2 --lengths 2,4").arg(m_model)));
        QCOMPARE(args[3], QStringLiteral("passkey --model %1 --rope-scaling linear --rope-factor 2 --lengths 16,32 --depths 0,1 --trials 2 --seed 7").arg(m_model));
        QVERIFY(args[4].startsWith(QStringLiteral("perplexity --model %1 --adapter %2 --lengths 2,4").arg(QDir::cleanPath(m_model), m_runDir)));
        QCOMPARE(args[5], QStringLiteral("passkey --model %1 --adapter %2 --lengths 16,32 --depths 0,1 --trials 2 --seed 7").arg(QDir::cleanPath(m_model), m_runDir));
        // No text file chosen: the demo texts went to the worker. Facts of resources/demo/demo_dataset.json
        // (counted by a separate script): 38 records, one paragraph each, 5692 bytes joined; its first
        // instruction and a line of its last (multi-turn) record.
        const QByteArray demo = readFile(QDir(m_fakeDir).filePath(QStringLiteral("last-text.txt")));
        QCOMPARE(demo.size(), 5692);
        QCOMPARE(demo.count("\n\n"), 37);
        QVERIFY(demo.startsWith("Give three tips for keeping a houseplant alive.\n"));
        QVERIFY(demo.contains(QStringLiteral("读完以后下一步学什么？").toUtf8()));

        // Perplexity against length: one graph per configuration, the worker's numbers.
        ExperimentCharts *charts = view->charts();
        QCOMPARE(charts->plot(ExperimentCharts::PerplexityChart)->graphCount(), 3);
        QCOMPARE(charts->perplexityGraph(0)->name(), QStringLiteral("Base model"));
        QCOMPARE(charts->perplexityGraph(1)->name(), QStringLiteral("Base + linear ×2"));
        QCOMPARE(charts->perplexityGraph(2)->name(), QStringLiteral("Run 20250101-120000-lora (RoPE ×2)"));
        for (int c = 0; c < 3; ++c)
            QCOMPARE(keys(charts->perplexityGraph(c)), (QVector<double>{2, 4}));
        QCOMPARE(values(charts->perplexityGraph(0)), (QVector<double>{7.5, 20}));
        QCOMPARE(values(charts->perplexityGraph(1)), (QVector<double>{4.5, 7.5}));
        QCOMPARE(values(charts->perplexityGraph(2)), (QVector<double>{2.75, 3.5}));
        // Loss by position: the longest length by default (position 0 predicts nothing), the other on request.
        QCOMPARE(charts->positionLength(), 4);
        QCOMPARE(keys(charts->positionGraph(0)), (QVector<double>{1, 2, 3}));
        QCOMPARE(values(charts->positionGraph(0)), (QVector<double>{2.5, 3, 3.5}));
        QCOMPARE(values(charts->positionGraph(2)), (QVector<double>{1.25, 1.25, 1.25}));
        // Length 4 is far from the model's 256 positions: the axis ends at the window, not at the line.
        QCOMPARE(charts->plot(ExperimentCharts::PositionChart)->xAxis->range().upper, 4.0);
        // Smoothing (for display): a moving average over one neighbour on each side; the CSV stays raw.
        charts->smoothCheck()->setChecked(true);
        QCOMPARE(values(charts->positionGraph(0)), (QVector<double>{2.75, 3, 3.25}));
        charts->smoothCheck()->setChecked(false);
        charts->setPositionLength(2);
        QCOMPARE(keys(charts->positionGraph(1)), (QVector<double>{1}));
        QCOMPARE(values(charts->positionGraph(1)), (QVector<double>{1.5}));
        // The trained context of the model (its config.json) as the vertical line, kept with the results.
        QCOMPARE(view->resultModelDir(), m_model);
        QCOMPARE(view->resultMaxPositions(), 256);
        QVERIFY(!view->resultsLabel()->isHidden());
        QCOMPARE(view->resultsLabel()->text(), QStringLiteral("Results for model (max_position_embeddings 256)"));
        QCPItemStraightLine *line = charts->maxPositionLine(ExperimentCharts::PositionChart);
        QVERIFY(line->visible());
        QCOMPARE(line->point1->coords().x(), 256.0);
        QCOMPARE(line->point2->coords().x(), 256.0);
        charts->logScaleCheck()->setChecked(true);
        QCOMPARE(charts->plot(ExperimentCharts::PerplexityChart)->yAxis->scaleType(), QCPAxis::stLogarithmic);

        // The passkey heatmap of each configuration: length columns × depth rows.
        QCOMPARE(charts->heatmapCombo()->count(), 3);
        charts->setHeatmapConfig(0);
        QCOMPARE(charts->heatmapLengths(), (QVector<int>{16, 32}));
        QCOMPARE(charts->heatmapDepths(), (QVector<double>{0, 1}));
        QCOMPARE(charts->heatmapCell(0, 0), 1.0);
        QCOMPARE(charts->heatmapCell(0, 1), 0.5);
        QCOMPARE(charts->heatmapCell(1, 0), 0.0);
        QCOMPARE(charts->heatmapCell(1, 1), 0.5);
        charts->setHeatmapConfig(1);
        QCOMPARE(charts->heatmapCell(1, 0), 1.0);
        QCOMPARE(charts->heatmapCell(1, 1), 0.5);
        charts->setHeatmapConfig(2);
        for (int x = 0; x < 2; ++x)
            for (int y = 0; y < 2; ++y)
                QCOMPARE(charts->heatmapCell(x, y), 1.0);
        QCOMPARE(contextplot::cellLabelCount(charts->plot(ExperimentCharts::PasskeyHeatmapChart)), 4);

        // Passkey by length, every configuration in one chart: the share of all trials at that length (both
        // depths pooled), in percent. Base: 16 → 3 of 4, 32 → 1 of 4; scaled: 4 of 4, 3 of 4; run: all.
        QCOMPARE(charts->plot(ExperimentCharts::PasskeyLengthChart)->graphCount(), 3);
        for (int c = 0; c < 3; ++c)
            QCOMPARE(keys(charts->passkeyLengthGraph(c)), (QVector<double>{16, 32}));
        QCOMPARE(values(charts->passkeyLengthGraph(0)), (QVector<double>{75, 25}));
        QCOMPARE(values(charts->passkeyLengthGraph(1)), (QVector<double>{100, 75}));
        QCOMPARE(values(charts->passkeyLengthGraph(2)), (QVector<double>{100, 100}));
        QCOMPARE(charts->passkeyLengthGraph(1)->name(), QStringLiteral("Base + linear ×2"));

        // The numbers, exactly.
        const QString csvPath = m_tmp.filePath(QStringLiteral("out/numbers.csv"));
        QDir().mkpath(QFileInfo(csvPath).path());
        QVERIFY(view->exportCsv(csvPath));
        const QString b = QStringLiteral("Base model"), s = QStringLiteral("Base + linear ×2"),
                      r = QStringLiteral("Run 20250101-120000-lora (RoPE ×2)");
        QString expected = QStringLiteral("configuration,measure,length,position,depth,nll,perplexity,loss,correct,trials,accuracy\n");
        expected += b + QStringLiteral(",perplexity,2,,,2,7.5,,,,\n") + b + QStringLiteral(",perplexity,4,,,3,20,,,,\n")
            + b + QStringLiteral(",position_loss,2,1,,,,2,,,\n") + b + QStringLiteral(",position_loss,4,1,,,,2.5,,,\n")
            + b + QStringLiteral(",position_loss,4,2,,,,3,,,\n") + b + QStringLiteral(",position_loss,4,3,,,,3.5,,,\n")
            + b + QStringLiteral(",passkey,16,,0,,,,2,2,1\n") + b + QStringLiteral(",passkey,16,,1,,,,1,2,0.5\n")
            + b + QStringLiteral(",passkey,32,,0,,,,0,2,0\n") + b + QStringLiteral(",passkey,32,,1,,,,1,2,0.5\n")
            + b + QStringLiteral(",passkey_length,16,,,,,,3,4,0.75\n") + b + QStringLiteral(",passkey_length,32,,,,,,1,4,0.25\n");
        expected += s + QStringLiteral(",perplexity,2,,,1.5,4.5,,,,\n") + s + QStringLiteral(",perplexity,4,,,2,7.5,,,,\n")
            + s + QStringLiteral(",position_loss,2,1,,,,1.5,,,\n") + s + QStringLiteral(",position_loss,4,1,,,,1.75,,,\n")
            + s + QStringLiteral(",position_loss,4,2,,,,2,,,\n") + s + QStringLiteral(",position_loss,4,3,,,,2.25,,,\n")
            + s + QStringLiteral(",passkey,16,,0,,,,2,2,1\n") + s + QStringLiteral(",passkey,16,,1,,,,2,2,1\n")
            + s + QStringLiteral(",passkey,32,,0,,,,2,2,1\n") + s + QStringLiteral(",passkey,32,,1,,,,1,2,0.5\n")
            + s + QStringLiteral(",passkey_length,16,,,,,,4,4,1\n") + s + QStringLiteral(",passkey_length,32,,,,,,3,4,0.75\n");
        expected += r + QStringLiteral(",perplexity,2,,,1,2.75,,,,\n") + r + QStringLiteral(",perplexity,4,,,1.25,3.5,,,,\n")
            + r + QStringLiteral(",position_loss,2,1,,,,1,,,\n") + r + QStringLiteral(",position_loss,4,1,,,,1.25,,,\n")
            + r + QStringLiteral(",position_loss,4,2,,,,1.25,,,\n") + r + QStringLiteral(",position_loss,4,3,,,,1.25,,,\n")
            + r + QStringLiteral(",passkey,16,,0,,,,2,2,1\n") + r + QStringLiteral(",passkey,16,,1,,,,2,2,1\n")
            + r + QStringLiteral(",passkey,32,,0,,,,2,2,1\n") + r + QStringLiteral(",passkey,32,,1,,,,2,2,1\n")
            + r + QStringLiteral(",passkey_length,16,,,,,,4,4,1\n") + r + QStringLiteral(",passkey_length,32,,,,,,4,4,1\n");
        QCOMPARE(QString::fromUtf8(readFile(csvPath)), expected);

        // The charts as PNG and PDF.
        for (auto chart : {ExperimentCharts::PerplexityChart, ExperimentCharts::PositionChart,
                           ExperimentCharts::PasskeyLengthChart, ExperimentCharts::PasskeyHeatmapChart}) {
            const QString png = m_tmp.filePath(QStringLiteral("out/chart%1.png").arg(int(chart)));
            const QString pdf = m_tmp.filePath(QStringLiteral("out/chart%1.pdf").arg(int(chart)));
            QVERIFY(view->exportChart(chart, png));
            QVERIFY(view->exportChart(chart, pdf));
            QVERIFY(readFile(png).startsWith("\x89PNG"));
            QVERIFY(readFile(png).size() > 1000);
            QVERIFY(readFile(pdf).startsWith("%PDF"));
            QVERIFY(readFile(pdf).size() > 1000);
        }
        QVERIFY(!view->exportCsv(m_tmp.filePath(QStringLiteral("missing-folder/x.csv"))));
        QVERIFY(view->statusLabel()->text().startsWith(QLatin1String("Could not write")));
    }

    void alibiModelRefusesScaling()
    {
        resetFake();
        auto view = makeView();
        QVERIFY(!view->isAlibiModel());
        QCOMPARE(view->modelMaxPositions(), 256);
        auto *kinds = qobject_cast<QStandardItemModel *>(view->addKindCombo()->model());
        QVERIFY(kinds->item(1)->isEnabled());
        view->addKindCombo()->setCurrentIndex(1);

        setModel(*view, m_bloom);
        QVERIFY(view->isAlibiModel());
        QCOMPARE(view->modelMaxPositions(), 512);
        QVERIFY(!kinds->item(1)->isEnabled());
        QCOMPARE(view->addKindCombo()->currentIndex(), 0);  // moved off the disabled choice
        QVERIFY(!view->factorSpin()->isEnabled());
        QVERIFY(!view->scalingCombo()->isEnabled());
        QVERIFY(!view->alibiNote()->isHidden());
        QVERIFY(view->alibiNote()->text().contains(QLatin1String("ALiBi")));
        QCOMPARE(view->addConfig(ExperimentConfigModel::scaled(QStringLiteral("yarn"), 4)), -1);
        // The listed scaling stays (to come back with a RoPE model) but is marked and skipped.
        QCOMPARE(view->configModel()->rowCount(), 2);
        QVERIFY(!view->configModel()->isRunnable(1));
        const QModelIndex scaled = view->configModel()->index(1);
        QVERIFY(scaled.data().toString().contains(QLatin1String("not for ALiBi")));
        QVERIFY(scaled.data(Qt::ToolTipRole).toString().contains(QLatin1String("ALiBi")));

        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const QStringList args = argLines(m_fakeDir);
        QCOMPARE(args.size(), 2);
        for (const QString &a : args)
            QVERIFY(!a.contains(QLatin1String("--rope-scaling")));
        QCOMPARE(view->resultConfigs().size(), 1);

        setModel(*view, m_model);
        QVERIFY(kinds->item(1)->isEnabled());
        QVERIFY(view->configModel()->isRunnable(1));
        QVERIFY(view->alibiNote()->isHidden());
    }

    void stopEndsTheQueue()
    {
        resetFake();
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("hold-perplexity-scaled")), "");
        auto view = makeView();
        view->passkeyCheck()->setChecked(false);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        // The scaled configuration's worker printed its lines and waits.
        QTRY_VERIFY_WITH_TIMEOUT(view->perplexityResults().value(1).done, 60000);
        QVERIFY(view->isRunning());
        view->runButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(view->statusLabel()->text(), QStringLiteral("Stopped."));
        QCOMPARE(argLines(m_fakeDir).size(), 2);
        QCOMPARE(view->perplexityResults().value(0).lengths.size(), 2);
        QCOMPARE(view->runButton()->text(), QStringLiteral("Run"));
    }

    void failingWorkerSaysWhy()
    {
        resetFake();
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("fail-perplexity-scaled")),
                  "error: length 4096 is longer than the text (420 tokens)\n");
        auto view = makeView();
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(argLines(m_fakeDir).size(), 3);  // base perplexity, base passkey, scaled perplexity; nothing after
        const QString status = view->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Base + linear ×2")), qPrintable(status));
        // The worker's "error: " is not repeated after "failed:".
        QVERIFY2(status.contains(QLatin1String("failed: length 4096 is longer than the text")), qPrintable(status));
        QVERIFY2(!status.contains(QLatin1String("error:")), qPrintable(status));

        // Settings the worker would refuse are caught before it starts.
        view->lengthsEdit()->setText(QStringLiteral("128,abc"));
        QVERIFY(!view->run());
        QVERIFY(view->statusLabel()->text().startsWith(QLatin1String("Lengths")));
        view->lengthsEdit()->setText(QStringLiteral("128"));
        view->depthsEdit()->setText(QStringLiteral("0,150"));
        QVERIFY(!view->run());
        QVERIFY(view->statusLabel()->text().startsWith(QLatin1String("Depths")));
        view->depthsEdit()->setText(QStringLiteral("0"));
        view->textFileEdit()->setText(m_tmp.filePath(QStringLiteral("no-such.txt")));
        QVERIFY(!view->run());
        QVERIFY(view->statusLabel()->text().contains(QLatin1String("does not exist")));
    }

    void retranslateKeepsResults()
    {
        resetFake();
        auto view = makeView();
        view->passkeyCheck()->setChecked(false);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(view.get(), &change);
        QCOMPARE(view->charts()->perplexityGraph(1)->name(), QStringLiteral("Base + linear ×2"));
        QCOMPARE(values(view->charts()->perplexityGraph(1)), (QVector<double>{4.5, 7.5}));
        QCOMPARE(view->statusLabel()->text(), QStringLiteral("Done: 2 configuration(s) measured."));
    }

    void workerStoppedFromOutsideFails()
    {
        // The scaled configuration's worker is stopped by someone else: it prints "stopped" and exits 0.
        resetFake();
        QByteArray lines = perplexityOutput(1.5, 4.5, 1.5, 2, 7.5, {1.75, 2, 2.25});
        lines.replace("{\"event\":\"done\",\"seconds\":0.05}\n", "{\"event\":\"stopped\"}\n");
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("perplexity-scaled.jsonl")), lines);
        auto view = makeView();
        view->passkeyCheck()->setChecked(false);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        const QString status = view->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Base + linear ×2")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("stopped from outside")), qPrintable(status));
        QVERIFY(!status.startsWith(QLatin1String("Done")));
        // A worker that prints nothing and exits 0 did not finish either.
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("perplexity-base.jsonl")), "");
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY2(view->statusLabel()->text().contains(QLatin1String("without reporting")),
                 qPrintable(view->statusLabel()->text()));
        QVERIFY(!view->exportButton()->isEnabled());  // nothing was measured
    }

    void modelStaysWithItsResults()
    {
        resetFake();
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("hold-perplexity-scaled")), "");
        auto view = makeView();
        view->passkeyCheck()->setChecked(false);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_VERIFY_WITH_TIMEOUT(view->perplexityResults().value(1).done, 60000);
        // Another model chosen during the run (by code: the panel's row is disabled) waits for its end.
        setModel(*view, m_bloom);
        QVERIFY(view->isRunning());
        QVERIFY(!view->isAlibiModel());
        QVERIFY(view->configModel()->isRunnable(1));
        QVERIFY(view->alibiNote()->isHidden());
        QCOMPARE(view->charts()->maxPositionLine(ExperimentCharts::PerplexityChart)->point1->coords().x(), 256.0);
        writeFile(QDir(m_fakeDir).filePath(QStringLiteral("go")), "");
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        // Then it is taken, and the results of the other model go.
        QVERIFY(view->isAlibiModel());
        QVERIFY(view->resultConfigs().isEmpty());
        QVERIFY(view->perplexityResults().isEmpty());
        QVERIFY(view->resultsLabel()->isHidden());
        QVERIFY(!view->exportButton()->isEnabled());
        QVERIFY(view->charts()->placeholder(ExperimentCharts::PerplexityChart)->visible());
        QCOMPARE(view->charts()->maxPositionLine(ExperimentCharts::PerplexityChart)->point1->coords().x(), 512.0);
        QVERIFY(view->statusLabel()->text().startsWith(QLatin1String("Press Run")));

        // The same model read again keeps them.
        QFile::remove(QDir(m_fakeDir).filePath(QStringLiteral("hold-perplexity-scaled")));
        setModel(*view, m_model);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        setModel(*view, m_model + QStringLiteral("/"));
        QCOMPARE(view->resultConfigs().size(), 2);
        QVERIFY(view->exportButton()->isEnabled());
        setModel(*view, m_bloom);
        QVERIFY(view->resultConfigs().isEmpty());
    }

    void defaultLengthsFollowTheModel()
    {
        ExperimentsView view;
        // Before a model is known: the demo model's window, 1024.
        QCOMPARE(view.lengthsEdit()->text(), QStringLiteral("256, 512, 1024, 2048"));
        QCOMPARE(view.passkeyLengthsEdit()->text(), QStringLiteral("512, 1024, 2048"));
        setModel(view, m_model);  // 256 positions; no passkey prompt under 128 tokens
        QCOMPARE(view.lengthsEdit()->text(), QStringLiteral("64, 128, 256, 512"));
        QCOMPARE(view.passkeyLengthsEdit()->text(), QStringLiteral("128, 256, 512"));
        setModel(view, m_bloom);  // seq_length 512
        QCOMPARE(view.lengthsEdit()->text(), QStringLiteral("128, 256, 512, 1024"));
        QCOMPARE(view.passkeyLengthsEdit()->text(), QStringLiteral("256, 512, 1024"));
        // A field the user changed stays.
        view.lengthsEdit()->setText(QStringLiteral("100, 200"));
        setModel(view, m_model);
        QCOMPARE(view.lengthsEdit()->text(), QStringLiteral("100, 200"));
        QCOMPARE(view.passkeyLengthsEdit()->text(), QStringLiteral("128, 256, 512"));
        QCOMPARE(ExperimentsView::defaultLengths(6), QStringLiteral("2, 3, 6, 12"));
    }

    void emptyPageExplainsItself()
    {
        ExperimentsView view;
        setModel(view, m_model);
        ExperimentCharts *charts = view.charts();
        for (int c = 0; c < ExperimentCharts::ChartCount; ++c) {
            const auto chart = ExperimentCharts::Chart(c);
            QVERIFY(!charts->hasData(chart));
            QVERIFY(charts->placeholder(chart)->visible());
            QVERIFY(charts->placeholder(chart)->text().startsWith(QLatin1String("No results yet")));
            QVERIFY(!charts->plot(chart)->legend->visible());
        }
        QVERIFY(view.statusLabel()->text().startsWith(QLatin1String("Press Run")));
        QVERIFY(!view.exportButton()->isEnabled());
        QVERIFY(view.resultsLabel()->isHidden());
        // The status line has a fixed height (three lines): a long error does not take the configuration list's room.
        QCOMPARE(view.statusLabel()->sizePolicy().verticalPolicy(), QSizePolicy::Fixed);
        QCOMPARE(view.statusLabel()->minimumHeight(), view.statusLabel()->maximumHeight());
        QVERIFY(view.statusLabel()->maximumHeight() >= 3 * view.statusLabel()->fontMetrics().lineSpacing());
    }

    void noTrainedRunsSaysHowToGetOne()
    {
        ExperimentsView view;
        setModel(view, m_model);
        view.setWorkspace(nullptr);
        view.addKindCombo()->setCurrentIndex(2);
        QCOMPARE(view.runCombo()->count(), 0);
        QVERIFY(view.runCombo()->placeholderText().startsWith(QLatin1String("No trained runs in this workspace")));
        QVERIFY(!view.addButton()->isEnabled());
        QVERIFY(view.addButton()->toolTip().contains(QLatin1String("Training tab")));
        view.setWorkspace(m_ws.get());
        QCOMPARE(view.runCombo()->count(), 1);
        QVERIFY(view.addButton()->isEnabled());
        QVERIFY(view.addButton()->toolTip().isEmpty());
    }

    void settingsAreCheckedAndTidied()
    {
        resetFake();
        auto view = makeView();
        // Lengths sorted and each once; depths typed in percent (with or without %) go as fractions; the
        // full-width comma and percent sign of Chinese input methods count as ',' and '%'.
        view->lengthsEdit()->setText(QStringLiteral("4\uFF0C 2,4"));
        view->depthsEdit()->setText(QStringLiteral("100\uFF05\uFF0C 0"));
        view->configModel()->remove(1);
        QSignalSpy finished(view.get(), &ExperimentsView::finished);
        QVERIFY(view->run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const QStringList args = argLines(m_fakeDir);
        QCOMPARE(args.size(), 2);
        QVERIFY2(args[0].contains(QLatin1String("--lengths 2,4 --stride 2")), qPrintable(args[0]));
        QVERIFY2(args[1].contains(QLatin1String("--depths 0,1 ")), qPrintable(args[1]));
        // A stride longer than the shortest window is caught here.
        view->strideSpin()->setValue(3);
        QVERIFY(!view->run());
        QVERIFY2(view->statusLabel()->text().startsWith(QLatin1String("Stride: 3 tokens is longer than the shortest "
                                                                      "window (2 tokens)")),
                 qPrintable(view->statusLabel()->text()));
        QCOMPARE(view->strideSpin()->suffix(), QStringLiteral(" tokens"));
        // Scaled configurations are named as the add row names them.
        QCOMPARE(ExperimentConfigModel::label(ExperimentConfigModel::scaled(QStringLiteral("yarn"), 4)),
                 QStringLiteral("Base + YaRN ×4"));
        QCOMPARE(ExperimentConfigModel::label(ExperimentConfigModel::scaled(QStringLiteral("llama3"), 8)),
                 QStringLiteral("Base + llama3 ×8"));
        QCOMPARE(ExperimentConfigModel::label(ExperimentConfigModel::scaled(QStringLiteral("dynamic"), 2)),
                 QStringLiteral("Base + dynamic NTK ×2"));
        QCOMPARE(view->scalingCombo()->itemText(3), QStringLiteral("llama3"));
        QVERIFY(view->scalingCombo()->toolTip().contains(QLatin1String("replaces the rope_scaling")));
        // The loss-by-position axis reaches the dashed line once the length comes near it.
        view->charts()->setPositionLength(4);
        view->charts()->setMaxPositions(5);
        QCOMPARE(view->charts()->plot(ExperimentCharts::PositionChart)->xAxis->range().upper, 5.25);
        view->charts()->setMaxPositions(20);
        QCOMPARE(view->charts()->plot(ExperimentCharts::PositionChart)->xAxis->range().upper, 4.0);
        const QVector<double> smooth = ExperimentCharts::movingAverage({std::nan(""), 1, 2, 6});
        QCOMPARE(smooth.size(), 4);
        QVERIFY(std::isnan(smooth[0]));
        QCOMPARE(smooth.mid(1), (QVector<double>{1.5, 3, 4}));
    }

    void realWorkerOnDemoModel()
    {
        if (!workerHasContextCommands())
            QSKIP("this build's sftbench-cli has no perplexity command");
        QTemporaryDir dir;
        const QString demo = dir.filePath(QStringLiteral("demo-model"));
        ExperimentsView view;
        view.setProgram(sfttest::cliPath());
        view.setDemoModelDir(demo);
        view.setModel(demo, nullptr);  // written by the view's first step
        view.lengthsEdit()->setText(QStringLiteral("32,64"));
        view.maxWindowsSpin()->setValue(2);
        view.passkeyLengthsEdit()->setText(QStringLiteral("128"));
        view.depthsEdit()->setText(QStringLiteral("0,100"));
        view.trialsSpin()->setValue(1);
        QSignalSpy finished(&view, &ExperimentsView::finished);
        QVERIFY(view.run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 280000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(view.statusLabel()->text()));
        QCOMPARE(view.resultConfigs().size(), 2);
        for (int c = 0; c < 2; ++c) {
            const PerplexityResult &p = view.perplexityResults()[c];
            QVERIFY(p.done);
            QCOMPARE(p.positionEncoding, QStringLiteral("rope"));
            QCOMPARE(p.lengths.size(), 2);
            QCOMPARE(p.lengths[1].length, 64);
            QVERIFY(p.lengths[1].perplexity > 1);
            QCOMPARE(p.lengths[1].positionLoss.size(), 64);
            const PasskeyResult &k = view.passkeyResults()[c];
            QVERIFY(k.done);
            QCOMPARE(k.cells.size(), 2);
            QCOMPARE(keys(view.charts()->perplexityGraph(c)), (QVector<double>{32, 64}));
        }
        // The scaled configuration reports its scaling back.
        QCOMPARE(view.perplexityResults()[1].ropeScaling.value(QStringLiteral("type")).toString(), QStringLiteral("linear"));
        QVERIFY(view.resultMaxPositions() > 0);  // from the worker: the demo model had no config.json before

        // A real fine-tuning run of a workspace (three LoRA steps with position interpolation ×2), measured
        // with --adapter: it keeps the factor it trained with.
        std::unique_ptr<Workspace> ws = Workspace::open(dir.filePath(QStringLiteral("r.sftws")));
        const QString run = QDir(sft::runs::runsRoot(ws->path())).filePath(QStringLiteral("20250101-000000-lora"));
        QByteArray records;
        for (int i = 0; i < 6; ++i)
            records += "{\"instruction\":\"Say hello to number " + QByteArray::number(i)
                + ".\",\"input\":\"\",\"output\":\"Hello, number " + QByteArray::number(i) + "!\"}\n";
        writeFile(QDir(run).filePath(QStringLiteral("data/train.jsonl")), records);
        writeFile(QDir(run).filePath(QStringLiteral("config.json")),
                  "{\"base_model\":\"" + demo.toUtf8()
                      + "\",\"train_data\":\"data/train.jsonl\",\"method\":\"lora\",\"max_steps\":3,\"rope_factor\":2,"
                        "\"max_length\":256,\"batch_size\":2,\"device\":\"cpu\",\"eval_fraction\":0,\"save_every\":0}");
        const sfttest::CliRun trained = sfttest::runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), run});
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        view.setWorkspace(ws.get());
        QCOMPARE(view.runCombo()->count(), 1);
        view.addKindCombo()->setCurrentIndex(2);
        view.addButton()->click();
        QCOMPARE(view.configModel()->rowCount(), 3);
        view.passkeyCheck()->setChecked(false);
        QVERIFY(view.run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 280000);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(view.statusLabel()->text()));
        const PerplexityResult &adapted = view.perplexityResults()[2];
        QVERIFY(adapted.done);
        QCOMPARE(adapted.ropeScaling.value(QStringLiteral("factor")).toDouble(), 2.0);
        QCOMPARE(keys(view.charts()->perplexityGraph(2)), (QVector<double>{32, 64}));
    }
};

QTEST_MAIN(TestExperimentsView)
#include "test_experimentsview.moc"
