// The Context panel's model summary and theory pages driven by QTest
// (offscreen): a model folder typed into the model row is read torch-free
// (a Llama-3-style config with llama3 rope_scaling, a 12-head BLOOM config, a
// folder without config.json); the summary names the architecture, position
// scheme, window, theta, heads and scaling, follows the language, and the
// page of the model's own scheme is shown. The BLOOM-style demo model is
// written by the worker (a fake here) and chosen; the model cannot change
// while an experiment runs, and results go when it changes afterwards. The
// ALiBi page: one table row per head, BLOOM's extra slopes of 12 heads
// marked, the heatmap's cells equal to m·(j − i) computed here by hand and
// blank above the diagonal. The RoPE page: the angles of position m after
// interpolation follow m·L/L′·θ^(−2i/d) as the factor (or L′) changes, L′ never
// below L, the fold note true for every m, and the four scaling curves match
// values computed separately (python, transformers' formulas) pair by pair.

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

#include <cmath>

#include "common/modelfolderrow.h"
#include "context/alibiview.h"
#include "context/contextpanel.h"
#include "context/experimentsview.h"
#include "context/ropeview.h"
#include "model/model_config.h"
#include "qcustomplot.h"
#include "test_util.h"
#include "widget_test_util.h"

namespace {

using Type = sft::model::RopeScaling::Type;
using sfttest::PrefixTranslator;
using sfttest::changeLanguage;
constexpr double kTwoPi = 6.28318530717958647692;

bool writeConfig(const QString &dir, const QByteArray &json)
{
    QFile f(QDir(dir).filePath(QStringLiteral("config.json")));
    return f.open(QIODevice::WriteOnly) && f.write(json) == json.size();
}

/** Llama-3.2-1B's shape: GQA, rope_theta 500000, llama3 scaling from an 8192 window by 32. */
const QByteArray kLlamaConfig = R"({
  "model_type": "llama", "architectures": ["LlamaForCausalLM"],
  "vocab_size": 128256, "hidden_size": 2048, "intermediate_size": 8192,
  "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 64,
  "max_position_embeddings": 131072, "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
  "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                   "original_max_position_embeddings": 8192},
  "tie_word_embeddings": true, "torch_dtype": "bfloat16"
})";

/** bloom-560m's layout with 12 heads (not a power of two: 4 extra slopes). */
const QByteArray kBloomConfig = R"({
  "model_type": "bloom", "architectures": ["BloomForCausalLM"],
  "vocab_size": 250880, "n_embed": 768, "n_layer": 2, "n_head": 12,
  "layer_norm_epsilon": 1e-5, "apply_residual_connection_post_layernorm": false
})";

/** The values of a graph, by key order. */
QVector<double> values(const QCPGraph *graph)
{
    QVector<double> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out << it->value;
    return out;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

/** A small LLaMA config with a 256-token window. */
const QByteArray kSmallLlamaConfig =
    R"({"model_type":"llama","vocab_size":1000,"hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,)"
    R"("num_attention_heads":4,"num_key_value_heads":2,"max_position_embeddings":256,"rms_norm_eps":1e-6})";


/**
 * A fake sftbench-cli in dir that logs its arguments to dir/args.txt. init-model writes dir/bloom.json as
 * the config.json of its --out folder. perplexity prints a start (max_positions 256) and one length, waits
 * for dir/go, then prints done.
 */
QString fakeWorker(const QString &dir)
{
    QFile bloom(QDir(dir).filePath(QStringLiteral("bloom.json")));
    if (!bloom.open(QIODevice::WriteOnly) || bloom.write(kBloomConfig) != kBloomConfig.size())
        return {};
    bloom.close();
    const QString path = QDir(dir).filePath(QStringLiteral("fake-sftbench-cli"));
    return sfttest::writeShellScript(path, QStringLiteral(
                "d='%1'\n"
                "echo \"$@\" >> \"$d/args.txt\"\n"
                "case \"$1\" in\n"
                "init-model)\n"
                "  prev=; out=\n"
                "  for a in \"$@\"; do if [ \"$prev\" = --out ]; then out=\"$a\"; fi; prev=\"$a\"; done\n"
                "  mkdir -p \"$out\" && cp \"$d/bloom.json\" \"$out/config.json\"\n"
                "  ;;\n"
                "perplexity)\n"
                "  echo '{\"event\":\"start\",\"lengths\":[2],\"position_encoding\":\"rope\",\"max_positions\":256}'\n"
                "  echo '{\"event\":\"length\",\"length\":2,\"windows\":1,\"tokens\":1,\"nll\":1,\"perplexity\":2.7,"
                "\"position_bucket\":1,\"position_loss\":[null,1]}'\n"
                "  while [ ! -f \"$d/go\" ]; do sleep 0.05; done\n"
                "  echo '{\"event\":\"done\",\"seconds\":0.1}'\n"
                "  ;;\n"
                "esac\n"
                "exit 0\n")
                .arg(dir)
                .toUtf8());
}

QStringList argLines(const QString &dir)
{
    QFile f(QDir(dir).filePath(QStringLiteral("args.txt")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestContextPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void llamaModelSummaryAndRopePage();
    void bloomModelSummaryAndAlibiPage();
    void notAModelFolder();
    void summaryFollowsTheLanguage();
    void alibiDemoModelIsWrittenAndChosen();
    void modelStaysWhileAnExperimentRuns();
    void alibiSlopesOfTwelveHeads();
    void alibiHeatmapCells_data();
    void alibiHeatmapCells();
    void ropeAnglesFollowTheFactor();
    void ropeScalingCurves();
    void ropeTargetWindowNotBelowTraining();
    void ropeFoldNoteHoldsForEveryPosition();
    void ropeNotesStateTheNumbers();
};

void TestContextPanel::llamaModelSummaryAndRopePage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeConfig(dir.path(), kLlamaConfig));
    ContextPanel panel;
    panel.pages()->setCurrentIndex(ContextPanel::AlibiPage);
    auto *edit = panel.findChild<QLineEdit *>(QStringLiteral("modelEdit"));
    QVERIFY(edit);
    edit->setText(dir.path());  // as typed: read once the typing rests
    QTRY_VERIFY(panel.modelConfig());
    const QString summary = panel.summaryLabel()->text();
    QVERIFY2(summary.contains(QStringLiteral("LLaMA")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("RoPE")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("131072")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("rope_theta 500000")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("32 heads (8 key/value), head dim 64")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("llama3, factor 32, original window 8192")), qPrintable(summary));
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::RopePage));
    QCOMPARE(panel.pages()->count(), 3);
    QCOMPARE(panel.pages()->tabText(ContextPanel::ExperimentsPage), QStringLiteral("Experiments"));
    QCOMPARE(panel.pages()->widget(ContextPanel::ExperimentsPage), static_cast<QWidget *>(panel.experimentsView()));
    QCOMPARE(panel.experimentsView()->modelDir(), dir.path());

    // The RoPE page starts from the model: its original window, its factor, its theta and head dim.
    RopeView *rope = panel.ropeView();
    QCOMPARE(rope->theta(), 500000.0);
    QCOMPARE(rope->headDim(), 64);
    QCOMPARE(rope->window(), 8192);
    QCOMPARE(rope->factor(), 32.0);
    QCOMPARE(rope->targetWindow(), 8192 * 32);
    // The ALiBi page is a teaching view for any model: it starts at the model's head count.
    QCOMPARE(panel.alibiView()->headCount(), 32);
}

void TestContextPanel::bloomModelSummaryAndAlibiPage()
{
    QTemporaryDir dir;
    QVERIFY(writeConfig(dir.path(), kBloomConfig));
    ContextPanel panel;
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::RopePage));
    panel.setModelDir(dir.path());
    QVERIFY2(panel.modelConfig(), qPrintable(panel.summaryLabel()->text()));
    const QString summary = panel.summaryLabel()->text();
    QVERIFY2(summary.contains(QStringLiteral("BLOOM")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("ALiBi")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("12 heads, head dim 64")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("window (seq_length, the training length; ALiBi has no hard limit): 2048")),
             qPrintable(summary));
    // 12 heads: the 8 geometric slopes of 8 heads, then BLOOM's 4 extra ones.
    QVERIFY2(summary.contains(QStringLiteral("ALiBi slopes 2^(−8h/8) for the first 8 heads, plus BLOOM's 4 extra slopes "
                                             "(12 heads is not a power of two)")),
             qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral("max_position_embeddings")), qPrintable(summary));
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::AlibiPage));
    QCOMPARE(panel.alibiView()->headCount(), 12);
    QCOMPARE(panel.alibiView()->slopeTable()->rowCount(), 12);

    // Back to a RoPE model: its page again.
    QTemporaryDir llama;
    QVERIFY(writeConfig(llama.path(), kLlamaConfig));
    panel.setModelDir(llama.path());
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::RopePage));
    // On the Experiments page a new model does not take the user away from it.
    panel.pages()->setCurrentIndex(ContextPanel::ExperimentsPage);
    panel.setModelDir(dir.path());
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::ExperimentsPage));
    QCOMPARE(panel.alibiView()->headCount(), 12);
}

void TestContextPanel::notAModelFolder()
{
    QTemporaryDir dir;
    ContextPanel panel;
    panel.setModelDir(dir.path());
    QVERIFY(!panel.modelConfig());
    QVERIFY2(panel.summaryLabel()->text().contains(QStringLiteral("not a model folder")),
             qPrintable(panel.summaryLabel()->text()));
    // A config.json that is not a model's: the parser's reason is shown.
    QVERIFY(writeConfig(dir.path(), R"({"model_type": "gpt2"})"));
    panel.readModel();
    QVERIFY(!panel.modelConfig());
    QVERIFY2(panel.summaryLabel()->text().contains(QStringLiteral("gpt2")), qPrintable(panel.summaryLabel()->text()));
    // The pages still work.
    panel.alibiView()->setHeadCount(5);
    QCOMPARE(panel.alibiView()->slopeTable()->rowCount(), 5);
}

void TestContextPanel::summaryFollowsTheLanguage()
{
    QTemporaryDir dir;
    ContextPanel panel;
    panel.setModelDir(dir.path());
    QVERIFY2(panel.summaryLabel()->text().contains(QLatin1String("is not a model folder")),
             qPrintable(panel.summaryLabel()->text()));
    PrefixTranslator translator;
    QCoreApplication::installTranslator(&translator);
    changeLanguage(&panel);
    // The reason is kept, not its text: it is written again in the new language.
    QVERIFY2(panel.summaryLabel()->text().startsWith(QStringLiteral("‹")), qPrintable(panel.summaryLabel()->text()));
    QVERIFY(writeConfig(dir.path(), R"({"model_type": "gpt2"})"));
    panel.readModel();
    QVERIFY2(panel.summaryLabel()->text().startsWith(QStringLiteral("‹Cannot read")), qPrintable(panel.summaryLabel()->text()));
    QCoreApplication::removeTranslator(&translator);
    changeLanguage(&panel);
    QVERIFY2(panel.summaryLabel()->text().startsWith(QStringLiteral("Cannot read")), qPrintable(panel.summaryLabel()->text()));
    // A model's summary too.
    QVERIFY(writeConfig(dir.path(), kBloomConfig));
    panel.readModel();
    QVERIFY(panel.modelConfig());
    QCoreApplication::installTranslator(&translator);
    changeLanguage(&panel);
    QVERIFY2(panel.summaryLabel()->text().startsWith(QStringLiteral("‹")), qPrintable(panel.summaryLabel()->text()));
    QVERIFY2(panel.summaryLabel()->text().contains(QStringLiteral("‹ALiBi slopes")), qPrintable(panel.summaryLabel()->text()));
    QCoreApplication::removeTranslator(&translator);
}

void TestContextPanel::alibiDemoModelIsWrittenAndChosen()
{
    QTemporaryDir tmp;
    const QString fake = fakeWorker(tmp.path());
    QVERIFY(!fake.isEmpty());
    const QString demo = tmp.filePath(QStringLiteral("demo-model"));
    ContextPanel panel;
    panel.setWorkerProgram(fake);
    panel.setDemoModelDir(demo);
    QCOMPARE(panel.modelDir(), demo);
    QCOMPARE(panel.alibiDemoModelDir(), demo + QStringLiteral("-alibi"));
    QVERIFY(panel.summaryLabel()->text().startsWith(QLatin1String("No config.json yet")));
    QSignalSpy ready(&panel, &ContextPanel::demoModelReady);
    QVERIFY(panel.useDemoModel(ContextPanel::DemoModel::Alibi));
    QVERIFY(panel.isWritingDemoModel());
    QVERIFY(!panel.modelRow()->isEnabled());
    QVERIFY(panel.demoStatusLabel()->text().startsWith(QLatin1String("Writing the BLOOM-style (ALiBi) demo model")));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
    QVERIFY2(ready.at(0).at(0).toBool(), qPrintable(ready.at(0).at(1).toString()));
    // The demo model's own command, with the BLOOM layout.
    QCOMPARE(argLines(tmp.path()),
             QStringList{QStringLiteral("init-model --preset tiny --pretrain-steps 40 --out %1-alibi --position alibi").arg(demo)});
    QCOMPARE(panel.modelDir(), demo + QStringLiteral("-alibi"));
    QVERIFY(panel.modelConfig());
    QVERIFY(panel.modelRow()->isEnabled());
    QVERIFY(panel.demoStatusLabel()->isHidden());
    QCOMPARE(panel.pages()->currentIndex(), int(ContextPanel::AlibiPage));
    QVERIFY(panel.experimentsView()->isAlibiModel());
    auto *kinds = qobject_cast<QStandardItemModel *>(panel.experimentsView()->addKindCombo()->model());
    QVERIFY(!kinds->item(1)->isEnabled());  // no RoPE scaling on it
    // Written once: chosen again, it is only selected.
    panel.setModelDir(demo);
    QVERIFY(panel.useDemoModel(ContextPanel::DemoModel::Alibi));
    QCOMPARE(ready.count(), 2);
    QCOMPARE(argLines(tmp.path()).size(), 1);
    QCOMPARE(panel.modelDir(), demo + QStringLiteral("-alibi"));
    // And the LLaMA-style one back.
    panel.ropeDemoButton()->click();
    QCOMPARE(panel.modelDir(), demo);
    QVERIFY(!panel.experimentsView()->isAlibiModel());
}

void TestContextPanel::modelStaysWhileAnExperimentRuns()
{
    QTemporaryDir tmp;
    const QString fake = fakeWorker(tmp.path());
    const QString model = tmp.filePath(QStringLiteral("model")), bloom = tmp.filePath(QStringLiteral("bloom"));
    QVERIFY(QDir().mkpath(model) && QDir().mkpath(bloom));
    QVERIFY(writeConfig(model, kSmallLlamaConfig));
    QVERIFY(writeConfig(bloom, kBloomConfig));
    ContextPanel panel;
    panel.setWorkerProgram(fake);
    panel.setDemoModelDir(tmp.filePath(QStringLiteral("demo-model")));
    panel.setModelDir(model);
    ExperimentsView *view = panel.experimentsView();
    view->passkeyCheck()->setChecked(false);
    view->lengthsEdit()->setText(QStringLiteral("2"));
    view->configModel()->remove(1);
    QSignalSpy finished(view, &ExperimentsView::finished);
    QVERIFY(view->run());
    // No model change while it runs: the row (with the demo buttons) is disabled.
    QVERIFY(!panel.modelRow()->isEnabled());
    QVERIFY(!panel.alibiDemoButton()->isEnabled());
    QVERIFY(!panel.useDemoModel(ContextPanel::DemoModel::Alibi));
    QFile go(tmp.filePath(QStringLiteral("go")));
    QVERIFY(go.open(QIODevice::WriteOnly));
    go.close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(view->statusLabel()->text()));
    QVERIFY(panel.modelRow()->isEnabled());
    QCOMPARE(view->resultsLabel()->text(), QStringLiteral("Results for model (max_position_embeddings 256)"));
    QVERIFY(view->exportButton()->isEnabled());
    // Another model afterwards: the results of this one go (the charts would describe the wrong model).
    panel.setModelDir(bloom);
    QVERIFY(view->resultConfigs().isEmpty());
    QVERIFY(view->resultsLabel()->isHidden());
    QVERIFY(!view->exportButton()->isEnabled());
    QVERIFY(view->isAlibiModel());
}

void TestContextPanel::alibiSlopesOfTwelveHeads()
{
    AlibiView view;
    view.setHeadCount(12);
    QTableWidget *table = view.slopeTable();
    QCOMPARE(table->rowCount(), 12);
    // p = 8: 2^-1 … 2^-8 for heads 1..8, then odd powers of 2^(-4/8): 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
    const double expected[] = {0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625,
                               std::pow(2.0, -0.5), std::pow(2.0, -1.5), std::pow(2.0, -2.5), std::pow(2.0, -3.5)};
    for (int row = 0; row < 12; ++row) {
        const double slope = table->item(row, AlibiView::SlopeColumn)->data(Qt::UserRole).toDouble();
        QVERIFY2(near(slope, expected[row]), qPrintable(QString::number(row)));
        QCOMPARE(table->item(row, AlibiView::KindColumn)->data(AlibiView::ExtraRole).toBool(), row >= 8);
        QCOMPARE(table->item(row, AlibiView::HeadColumn)->text(), QString::number(row + 1));
    }
    QCOMPARE(table->item(9, AlibiView::PowerColumn)->text(), QStringLiteral("2^-1.5"));
    QCOMPARE(table->item(2, AlibiView::PowerColumn)->text(), QStringLiteral("2^-3"));
    QVERIFY(view.noteLabel()->text().contains(QStringLiteral("the first 4 of them")));
    // A power of two has no extras, and the note gives a of a^n = 256.
    view.setHeadCount(16);
    QCOMPARE(table->rowCount(), 16);
    for (int row = 0; row < 16; ++row)
        QVERIFY(!table->item(row, AlibiView::KindColumn)->data(AlibiView::ExtraRole).toBool());
    QVERIFY2(view.noteLabel()->text().contains(QStringLiteral("a = 1.41421")), qPrintable(view.noteLabel()->text()));
    // Choosing a row shows that head.
    table->setCurrentCell(4, 0);
    QCOMPARE(view.selectedHead(), 5);
}

void TestContextPanel::alibiHeatmapCells_data()
{
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("head");
    QTest::addColumn<int>("length");
    QTest::addColumn<double>("slope");
    QTest::newRow("8 heads, head 3") << 8 << 3 << 8 << 0.125;
    QTest::newRow("12 heads, extra head 9") << 12 << 9 << 10 << std::pow(2.0, -0.5);
    QTest::newRow("1 head, length 64") << 1 << 1 << 64 << 1.0 / 256;
}

void TestContextPanel::alibiHeatmapCells()
{
    QFETCH(int, heads);
    QFETCH(int, head);
    QFETCH(int, length);
    QFETCH(double, slope);
    AlibiView view;
    view.setHeadCount(heads);
    view.setSelectedHead(head);
    view.setLength(length);
    QCOMPARE(view.colorMap()->data()->keySize(), length);
    QCOMPARE(view.colorMap()->data()->valueSize(), length);
    for (int i = 0; i < length; ++i)
        for (int j = 0; j < length; ++j) {
            const double cell = view.biasCell(i, j);
            if (j > i)
                QVERIFY2(std::isnan(cell), qPrintable(QStringLiteral("%1,%2").arg(i).arg(j)));
            else
                QVERIFY2(near(cell, slope * (j - i)), qPrintable(QStringLiteral("%1,%2: %3").arg(i).arg(j).arg(cell)));
        }
}

void TestContextPanel::ropeAnglesFollowTheFactor()
{
    RopeView view;
    view.setModel(10000, 128, 2048, sft::model::RopeScaling());
    view.setPosition(6000);
    const auto check = [&view](double L, double target) {
        const QVector<double> before = values(view.angleGraph(RopeView::AngleCurve::Before));
        const QVector<double> after = values(view.angleGraph(RopeView::AngleCurve::After));
        const QVector<double> trained = values(view.angleGraph(RopeView::AngleCurve::TrainedMax));
        QCOMPARE(after.size(), 64);
        QCOMPARE(before.size(), 64);
        for (int i = 0; i < 64; ++i) {
            const double inv = std::pow(10000.0, -2.0 * i / 128);
            QVERIFY2(near(before[i], 6000 * inv), qPrintable(QString::number(i)));
            QVERIFY2(near(after[i], 6000 * L / target * inv), qPrintable(QString::number(i)));
            QVERIFY2(near(trained[i], (L - 1) * inv), qPrintable(QString::number(i)));
        }
    };
    view.factorSpin()->setValue(4);
    QCOMPARE(view.targetSpin()->value(), 8192);
    check(2048, 8192);
    QVERIFY2(view.foldLabel()->text().contains(QStringLiteral("1500")), qPrintable(view.foldLabel()->text()));
    view.factorSpin()->setValue(2);
    QCOMPARE(view.targetSpin()->value(), 4096);
    check(2048, 4096);
    // L′ typed: the factor follows and the angles use L/L′ exactly.
    view.targetSpin()->setValue(3000);
    QCOMPARE(view.factor(), 3000.0 / 2048);
    check(2048, 3000);
    // A new training window keeps the factor.
    view.windowSpin()->setValue(1000);
    QCOMPARE(view.targetSpin()->value(), int(std::lround(1000 * 3000.0 / 2048)));
    check(1000, view.targetSpin()->value());
}

void TestContextPanel::ropeScalingCurves()
{
    RopeView view;
    view.setModel(10000, 128, 2048, sft::model::RopeScaling());
    view.setFactor(4);
    QCOMPARE(view.variantPlot()->graphCount(), 5);
    const QVector<double> base = values(view.variantGraph(Type::None));
    QCOMPARE(base.size(), 64);
    QVERIFY(near(base[0], kTwoPi));
    for (Type t : {Type::Linear, Type::Dynamic, Type::Yarn, Type::Llama3}) {
        QCPGraph *g = view.variantGraph(t);
        QVERIFY(g);
        QVERIFY(!g->name().isEmpty());
        QVERIFY(view.variantPlot()->hasPlottable(g));
        QCOMPARE(g->dataCount(), 64);
    }
    const QVector<double> linear = values(view.variantGraph(Type::Linear));
    const QVector<double> dynamic = values(view.variantGraph(Type::Dynamic));
    const QVector<double> yarn = values(view.variantGraph(Type::Yarn));
    const QVector<double> llama3 = values(view.variantGraph(Type::Llama3));
    // Linear: every wavelength times s.
    for (int i = 0; i < 64; ++i)
        QVERIFY(near(linear[i], 4 * base[i]));
    // Dynamic NTK at L′ = 8192: base' = 10000·(4·8192/2048 − 3)^(128/126).
    const double dynTheta = 10000 * std::pow(4.0 * 8192 / 2048 - 3, 128.0 / 126);
    QVERIFY(near(dynamic[0], kTwoPi));
    QVERIFY(near(dynamic[63], kTwoPi * std::pow(dynTheta, 126.0 / 128)));
    // YaRN and llama3 keep the fastest pair and interpolate the slowest one.
    QVERIFY(near(yarn[0], base[0]));
    QVERIFY(near(yarn[63], 4 * base[63]));
    QVERIFY(near(llama3[0], base[0]));
    QVERIFY(near(llama3[63], 4 * base[63]));
    // The pairs in between, computed separately (python, transformers' formulas) for θ 10000, d 128, L 2048, s 4.
    // YaRN: correction dims 16.128 (β fast 32) and 40.210 (β slow 1), so low 16, high 41; ramp r = (i − 16) / 25;
    // inv_freq = inv/s·r + inv·(1 − r), so the wavelength is base / (r/4 + 1 − r).
    QVERIFY(near(yarn[16], base[16]));                  // r = 0
    QVERIFY(near(yarn[20], base[20] / 0.88));           // r = 0.16
    QVERIFY(near(yarn[28], 552.0773050087341));         // r = 0.48: base 353.329… / 0.64
    QVERIFY(near(yarn[28], base[28] / 0.64));
    QVERIFY(near(yarn[35], 2250.1497029472334));        // r = 0.76
    QVERIFY(near(yarn[40], 7096.134475568643));         // r = 0.96
    QVERIFY(near(yarn[41], 4 * base[41]));              // r = 1
    // llama3 (low 1, high 4): wavelengths between L/4 = 512 and L = 2048 (pairs 31..40) are blended with
    // sm = (L / wavelength − 1) / 3: wavelength / ((1 − sm)/s + sm); below unchanged, above times s.
    QVERIFY(near(llama3[30], base[30]));                // 471.17 < 512
    QVERIFY(near(llama3[31], 578.2155616233617));       // 544.10, sm = 0.92133
    QVERIFY(near(llama3[35], 1828.4781532832694));      // 967.56, sm = 0.37222
    QVERIFY(near(llama3[40], 7710.628438351062));       // 1986.92, sm = 0.010247
    QVERIFY(near(llama3[41], 4 * base[41]));            // 2294.46 > 2048
    // Changing the factor redraws them.
    view.setFactor(8);
    QVERIFY(near(values(view.variantGraph(Type::Linear))[10], 8 * base[10]));
}

void TestContextPanel::ropeTargetWindowNotBelowTraining()
{
    RopeView view;
    view.setModel(10000, 128, 2048, sft::model::RopeScaling());
    QCOMPARE(view.targetSpin()->minimum(), 2048);
    // L′ < L would be s < 1: refused, L′ stops at L.
    view.targetSpin()->setValue(1000);
    QCOMPARE(view.targetWindow(), 2048);
    QCOMPARE(view.factor(), 1.0);
    // A longer training window raises the floor with it.
    view.windowSpin()->setValue(4096);
    QCOMPARE(view.targetSpin()->minimum(), 4096);
    QCOMPARE(view.targetWindow(), 4096);
    view.factorSpin()->setValue(0.5);
    QVERIFY(view.factor() >= 1.0);
}

void TestContextPanel::ropeFoldNoteHoldsForEveryPosition()
{
    RopeView view;
    view.setModel(10000, 128, 2048, sft::model::RopeScaling());
    view.setFactor(4);  // L′ = 8192: m·L/L′ ≤ L − 1 = 2047 for m ≤ 8188
    view.setPosition(6000);
    QVERIFY2(view.foldLabel()->text().contains(QLatin1String("stays under the dashed one")), qPrintable(view.foldLabel()->text()));
    view.setPosition(8190);  // 2047.5: past the last trained position, inside L
    QVERIFY2(!view.foldLabel()->text().contains(QLatin1String("stays under")), qPrintable(view.foldLabel()->text()));
    QVERIFY2(view.foldLabel()->text().contains(QLatin1String("just above the dashed one")), qPrintable(view.foldLabel()->text()));
    // And the curve agrees: pair 0's interpolated angle is above its largest trained one.
    QVERIFY(values(view.angleGraph(RopeView::AngleCurve::After))[0] > values(view.angleGraph(RopeView::AngleCurve::TrainedMax))[0]);
    view.setPosition(9000);  // past L′
    QVERIFY2(view.foldLabel()->text().contains(QLatin1String("not inside the target window")),
             qPrintable(view.foldLabel()->text()));
}

void TestContextPanel::ropeNotesStateTheNumbers()
{
    RopeView view;
    view.setModel(10000, 128, 2048, sft::model::RopeScaling());
    view.setFactor(4);
    // YaRN: 0.1·ln 4 + 1 = 1.13863 on cos and sin, so 1.29648 on q·k.
    const QString note = view.variantNoteLabel()->text();
    QVERIFY2(note.contains(QStringLiteral("multiplies cos and sin by 1.139, so the attention logits q·k scale by its "
                                          "square, 1.296")),
             qPrintable(note));
    // llama3 with low_freq_factor 1: "above L", not "above L/1".
    QVERIFY2(note.contains(QStringLiteral("unchanged below L/4, divided by s above L, ramped")), qPrintable(note));
    sft::model::RopeScaling llama3;
    llama3.type = Type::Llama3;
    llama3.factor = 8;
    llama3.lowFreqFactor = 2;
    llama3.highFreqFactor = 8;
    llama3.originalMaxPositions = 8192;
    view.setModel(500000, 64, 131072, llama3);
    const QString note2 = view.variantNoteLabel()->text();
    QVERIFY2(note2.contains(QStringLiteral("unchanged below L/8, divided by s above L/2, ramped")), qPrintable(note2));
    // The ALiBi page names its source.
    AlibiView alibi;
    QVERIFY(alibi.noteLabel()->text().startsWith(QStringLiteral("The context-window chapter (Press et al.'s ALiBi) writes")));
}

QTEST_MAIN(TestContextPanel)
#include "test_contextpanel.moc"
