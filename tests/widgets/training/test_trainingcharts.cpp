// TrainingCharts driven by QTest (offscreen): point counts per metric, NaN
// skipped for one metric only, the debiased EMA against values computed by
// hand, truncation of a resumed run (smoothing recomputed), independent runs
// with one legend entry each, the shared step axis, follow mode, the replot
// throttle, and PNG / PDF export.

#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

#include "qcustomplot.h"
#include "training/trainingcharts.h"

using Metric = TrainingCharts::Metric;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

QCustomPlot *plotOf(TrainingCharts &charts)
{
    return charts.findChild<QCustomPlot *>();
}

} // namespace

class TestTrainingCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendIncreasesCounts();
    void nonFiniteSkippedPerMetric();
    void smoothingIsDebiasedEma();
    void truncateAfterDropsTailAndResmooths();
    void runsAreIndependent();
    void legendHasOneEntryPerRun();
    void exportPngAndPdf();
    void exportRejectsUnknownExtension();
    void stepAxisIsLinked();
    void followAndResetView();
    void replotIsThrottled();
    void smallPanelsHaveShortSparseLabels();
};

void TestTrainingCharts::appendIncreasesCounts()
{
    TrainingCharts charts;
    charts.addRun(QStringLiteral("a"), QStringLiteral("run a"));
    charts.addRun(QStringLiteral("a"), QStringLiteral("again")); // no-op
    QCOMPARE(charts.runs(), QStringList{QStringLiteral("a")});
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 0);
    QVERIFY(std::isnan(charts.lastValue(QStringLiteral("a"), Metric::Loss)));
    for (int s = 1; s <= 10; ++s)
        charts.appendStep(QStringLiteral("a"), s, 3.0 - 0.1 * s, 1e-4 * s, 0.5 + s, 1000 + s);
    charts.appendEval(QStringLiteral("a"), 5, 2.7);
    charts.appendEval(QStringLiteral("a"), 10, 2.3);
    for (Metric m : {Metric::Loss, Metric::SmoothedLoss, Metric::LearningRate, Metric::GradNorm,
                     Metric::TokensPerSecond})
        QCOMPARE(charts.pointCount(QStringLiteral("a"), m), 10);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::EvalLoss), 2);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::Loss), 2.0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::LearningRate), 1e-3);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::GradNorm), 10.5);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::TokensPerSecond), 1010.0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::EvalLoss), 2.3);
    // Unknown run: ignored, nothing created.
    charts.appendStep(QStringLiteral("nope"), 1, 1, 1, 1, 1);
    QCOMPARE(charts.pointCount(QStringLiteral("nope"), Metric::Loss), 0);
    QCOMPARE(charts.runs().size(), 1);
}

void TestTrainingCharts::nonFiniteSkippedPerMetric()
{
    TrainingCharts charts;
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    charts.appendStep(QStringLiteral("a"), 1, 2.0, 1e-4, 1.0, 500);
    charts.appendStep(QStringLiteral("a"), 2, kNaN, 2e-4, kInf, 600);
    charts.appendStep(QStringLiteral("a"), 3, 1.5, kNaN, 0.8, -kInf);
    charts.appendEval(QStringLiteral("a"), 3, kNaN);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::SmoothedLoss), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::LearningRate), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::GradNorm), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::TokensPerSecond), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::EvalLoss), 0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::LearningRate), 2e-4);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::TokensPerSecond), 600.0);
    QVERIFY(std::isfinite(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss)));
}

void TestTrainingCharts::smoothingIsDebiasedEma()
{
    // w = 0.5 over 4, 2, 1 by hand:
    //   n=1: last = 0.5*0 + 0.5*4 = 2,   debias = 1 - 0.5   = 0.5   -> 4
    //   n=2: last = 0.5*2 + 0.5*2 = 2,   debias = 1 - 0.25  = 0.75  -> 8/3
    //   n=3: last = 0.5*2 + 0.5*1 = 1.5, debias = 1 - 0.125 = 0.875 -> 12/7
    TrainingCharts charts;
    QSignalSpy spy(&charts, &TrainingCharts::smoothingChanged);
    QCOMPARE(charts.smoothing(), 0.6);
    charts.setSmoothing(0.5);
    QCOMPARE(spy.size(), 1);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    charts.appendStep(QStringLiteral("a"), 0, 4, kNaN, kNaN, kNaN);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 4.0);
    charts.appendStep(QStringLiteral("a"), 1, 2, kNaN, kNaN, kNaN);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 8.0 / 3.0);
    charts.appendStep(QStringLiteral("a"), 2, 1, kNaN, kNaN, kNaN);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 12.0 / 7.0);

    // Recomputed on a new weight: 0 is the raw series, back to 0.5 is the same EMA again.
    charts.setSmoothing(0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 1.0);
    charts.setSmoothing(0.5);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 12.0 / 7.0);

    // w = 0.9 over 1, 0 (recomputed from the stored raw points after setSmoothing):
    //   n=1: last = 0.1, debias = 0.1 -> 1;  n=2: last = 0.09, debias = 0.19 -> 9/19
    TrainingCharts other;
    other.addRun(QStringLiteral("b"), QStringLiteral("b"));
    other.appendStep(QStringLiteral("b"), 10, 1, kNaN, kNaN, kNaN);
    other.appendStep(QStringLiteral("b"), 20, 0, kNaN, kNaN, kNaN);
    other.setSmoothing(0.9);
    QCOMPARE(other.lastValue(QStringLiteral("b"), Metric::SmoothedLoss), 0.09 / 0.19);

    // Clamped to 0 .. 0.99.
    charts.setSmoothing(5);
    QCOMPARE(charts.smoothing(), 0.99);
    charts.setSmoothing(-1);
    QCOMPARE(charts.smoothing(), 0.0);
}

void TestTrainingCharts::truncateAfterDropsTailAndResmooths()
{
    TrainingCharts charts;
    charts.setSmoothing(0.5);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    const double losses[] = {4, 2, 1, 8, 8};
    for (int s = 1; s <= 5; ++s)
        charts.appendStep(QStringLiteral("a"), s, losses[s - 1], 0.1 * s, s, 100 * s);
    charts.appendEval(QStringLiteral("a"), 2, 3.0);
    charts.appendEval(QStringLiteral("a"), 4, 5.0);
    QVERIFY(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss) > 5);

    charts.truncateAfter(QStringLiteral("a"), 3); // keeps step 3 itself
    for (Metric m : {Metric::Loss, Metric::SmoothedLoss, Metric::LearningRate, Metric::GradNorm,
                     Metric::TokensPerSecond})
        QCOMPARE(charts.pointCount(QStringLiteral("a"), m), 3);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::EvalLoss), 1);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::Loss), 1.0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::EvalLoss), 3.0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::TokensPerSecond), 300.0);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 12.0 / 7.0);

    // The resumed run continues the recomputed EMA: n=4, last = 0.5*1.5 + 0.5*0 = 0.75,
    // debias = 1 - 0.0625 = 0.9375 -> 0.8.
    charts.appendStep(QStringLiteral("a"), 4, 0, kNaN, kNaN, kNaN);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 4);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 0.8);

    // An out-of-order step lands in place and the EMA is recomputed in step order:
    // raw 4, 2, 1, 0 with 4 inserted at step 0.5 -> EMA over 4, 4, 2, 1, 0.
    charts.appendStep(QStringLiteral("a"), 0.5, 4, kNaN, kNaN, kNaN);
    double last = 0, expected = 0;
    int n = 0;
    for (double v : {4.0, 4.0, 2.0, 1.0, 0.0}) {
        last = last * 0.5 + 0.5 * v;
        ++n;
        expected = last / (1 - std::pow(0.5, n));
    }
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), expected);
}

void TestTrainingCharts::runsAreIndependent()
{
    TrainingCharts charts;
    charts.setSmoothing(0.5);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    charts.addRun(QStringLiteral("b"), QStringLiteral("b"));
    QCOMPARE(charts.runs(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    for (int s = 1; s <= 6; ++s) {
        charts.appendStep(QStringLiteral("a"), s, 10, 1, 1, 1);
        if (s % 2 == 0)
            charts.appendStep(QStringLiteral("b"), s, 2, 2, 2, 2);
    }
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 6);
    QCOMPARE(charts.pointCount(QStringLiteral("b"), Metric::Loss), 3);
    QCOMPARE(charts.lastValue(QStringLiteral("a"), Metric::SmoothedLoss), 10.0);
    QCOMPARE(charts.lastValue(QStringLiteral("b"), Metric::SmoothedLoss), 2.0);

    charts.truncateAfter(QStringLiteral("a"), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 2);
    QCOMPARE(charts.pointCount(QStringLiteral("b"), Metric::Loss), 3);

    charts.removeRun(QStringLiteral("a"));
    QCOMPARE(charts.runs(), QStringList{QStringLiteral("b")});
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 0);
    QCOMPARE(charts.pointCount(QStringLiteral("b"), Metric::TokensPerSecond), 3);
    QCOMPARE(plotOf(charts)->graphCount(), 6); // six graphs per run

    charts.clear();
    QVERIFY(charts.runs().isEmpty());
    QCOMPARE(plotOf(charts)->graphCount(), 0);
}

void TestTrainingCharts::legendHasOneEntryPerRun()
{
    TrainingCharts charts;
    charts.addRun(QStringLiteral("a"), QStringLiteral("lora r=8"));
    charts.addRun(QStringLiteral("b"), QStringLiteral("lora r=16"));
    charts.addRun(QStringLiteral("c"), QStringLiteral("full"));
    QCustomPlot *plot = plotOf(charts);
    QVERIFY(plot);
    QCOMPARE(plot->legend->itemCount(), 3);
    QSet<QRgb> colours;
    for (int i = 0; i < 3; ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i));
        QVERIFY(item);
        colours.insert(item->plottable()->pen().color().rgb());
    }
    QCOMPARE(colours.size(), 3);
    QCOMPARE(qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(1))->plottable()->name(),
             QStringLiteral("lora r=16"));
    charts.removeRun(QStringLiteral("b"));
    QCOMPARE(plot->legend->itemCount(), 2);
}

void TestTrainingCharts::exportPngAndPdf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrainingCharts charts;
    charts.resize(900, 700);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    for (int s = 1; s <= 50; ++s)
        charts.appendStep(QStringLiteral("a"), s, 3.0 / s, 1e-4, 1, 1000);

    const QString png = dir.filePath(QStringLiteral("charts.png"));
    QVERIFY(charts.exportTo(png, 640, 480));
    QVERIFY(QFileInfo(png).size() > 0);
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(640, 480));

    const QString upper = dir.filePath(QStringLiteral("CHARTS.PNG"));
    QVERIFY(charts.exportTo(upper, 300, 200));
    QCOMPARE(QImage(upper).size(), QSize(300, 200));

    const QString pdf = dir.filePath(QStringLiteral("charts.pdf"));
    QVERIFY(charts.exportTo(pdf, 800, 600));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.size() > 100);
    QCOMPARE(f.read(4), QByteArray("%PDF"));
}

void TestTrainingCharts::exportRejectsUnknownExtension()
{
    QTemporaryDir dir;
    TrainingCharts charts;
    for (const char *name : {"charts.jpg", "charts.svg", "charts", "charts.png.txt"}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QVERIFY2(!charts.exportTo(path), name);
        QVERIFY2(!QFileInfo::exists(path), name);
    }
    QVERIFY(!charts.exportTo(dir.filePath(QStringLiteral("x.png")), 0, 100));
}

void TestTrainingCharts::stepAxisIsLinked()
{
    TrainingCharts charts;
    QCustomPlot *plot = plotOf(charts);
    const QList<QCPAxisRect *> rects = plot->axisRects();
    QCOMPARE(rects.size(), 4);
    QCOMPARE(rects[0]->axis(QCPAxis::atLeft)->label(), QStringLiteral("Loss"));
    QCOMPARE(rects[3]->axis(QCPAxis::atLeft)->label(), QStringLiteral("Tokens/s"));
    QCOMPARE(rects[3]->axis(QCPAxis::atBottom)->label(), QStringLiteral("Step"));

    rects[2]->axis(QCPAxis::atBottom)->setRange(120, 480);
    for (QCPAxisRect *r : rects) {
        QCOMPARE(r->axis(QCPAxis::atBottom)->range().lower, 120.0);
        QCOMPARE(r->axis(QCPAxis::atBottom)->range().upper, 480.0);
    }
    // A zoom on one panel (the wheel's scaleRange) moves all of them.
    rects[0]->axis(QCPAxis::atBottom)->scaleRange(0.5, 300);
    for (QCPAxisRect *r : rects) {
        QCOMPARE(r->axis(QCPAxis::atBottom)->range().lower, 210.0);
        QCOMPARE(r->axis(QCPAxis::atBottom)->range().upper, 390.0);
    }
    // Value axes stay independent.
    rects[1]->axis(QCPAxis::atLeft)->setRange(0, 1e-3);
    QVERIFY(rects[0]->axis(QCPAxis::atLeft)->range().upper != 1e-3);
    for (QCPAxisRect *r : rects)
        QVERIFY(r->rangeDrag() == Qt::Horizontal && r->rangeZoom() == Qt::Horizontal);
    QVERIFY(plot->interactions().testFlag(QCP::iRangeDrag));
    QVERIFY(plot->interactions().testFlag(QCP::iRangeZoom));
}

void TestTrainingCharts::followAndResetView()
{
    TrainingCharts charts;
    charts.resize(800, 700);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QVERIFY(charts.follow());
    QSignalSpy followSpy(&charts, &TrainingCharts::followChanged);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    for (int s = 0; s <= 200; ++s)
        charts.appendStep(QStringLiteral("a"), s, 5.0 - s * 0.01, 1e-4, 2, 1500);
    charts.replotNow();
    QCustomPlot *plot = plotOf(charts);
    const QList<QCPAxisRect *> rects = plot->axisRects();
    QCPRange x = rects[0]->axis(QCPAxis::atBottom)->range();
    QCOMPARE(x.lower, 0.0);
    QVERIFY(x.upper >= 200 && x.upper <= 210);
    QCPRange y = rects[0]->axis(QCPAxis::atLeft)->range();
    QVERIFY(y.lower <= 3.0 && y.upper >= 5.0 && y.upper < 6.0);

    // New data while following: the axes move along.
    for (int s = 201; s <= 400; ++s)
        charts.appendStep(QStringLiteral("a"), s, 7.0, 1e-4, 2, 1500);
    charts.replotNow();
    QVERIFY(rects[3]->axis(QCPAxis::atBottom)->range().upper >= 400);
    QVERIFY(rects[0]->axis(QCPAxis::atLeft)->range().upper >= 7.0);

    // A click in a plot (the start of a drag) hands the view to the user.
    QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, rects[0]->rect().center());
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, rects[0]->rect().center());
    QVERIFY(!charts.follow());
    QCOMPARE(followSpy.size(), 1);
    rects[0]->axis(QCPAxis::atBottom)->setRange(10, 20);
    for (int s = 401; s <= 500; ++s)
        charts.appendStep(QStringLiteral("a"), s, 1.0, 1e-4, 2, 1500);
    charts.replotNow();
    QCOMPARE(rects[0]->axis(QCPAxis::atBottom)->range().upper, 20.0); // not followed

    // Reset view (the button) fits everything again and follows.
    auto *reset = charts.findChild<QPushButton *>(QStringLiteral("resetViewButton"));
    QVERIFY(reset);
    reset->click();
    QVERIFY(charts.follow());
    QCOMPARE(followSpy.size(), 2);
    x = rects[1]->axis(QCPAxis::atBottom)->range();
    QVERIFY(x.lower <= 0 && x.upper >= 500);
    y = rects[0]->axis(QCPAxis::atLeft)->range();
    QVERIFY(y.lower <= 1.0 && y.upper >= 7.0);

    charts.setFollow(false);
    QVERIFY(!charts.follow());
}

void TestTrainingCharts::replotIsThrottled()
{
    TrainingCharts charts;
    charts.resize(800, 600);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    charts.replotNow();
    QCustomPlot *plot = plotOf(charts);
    QSignalSpy replots(plot, &QCustomPlot::afterReplot);
    charts.addRun(QStringLiteral("a"), QStringLiteral("a"));
    for (int s = 0; s < 1000; ++s)
        charts.appendStep(QStringLiteral("a"), s, 1, 1, 1, 1);
    QCOMPARE(replots.size(), 0); // nothing yet: a thousand points, no replot
    QTRY_VERIFY_WITH_TIMEOUT(replots.size() >= 1, 2000);
    QTest::qWait(300);
    QVERIFY2(replots.size() <= 2, qPrintable(QString::number(replots.size())));
    QVERIFY(plot->axisRect(0)->axis(QCPAxis::atBottom)->range().upper >= 999);
    QCOMPARE(charts.pointCount(QStringLiteral("a"), Metric::Loss), 1000); // every point kept
}

void TestTrainingCharts::smallPanelsHaveShortSparseLabels()
{
    // The demo run's curves: LR up to 5e-3, throughput around 11,000 tokens/s. In panels ~60 px high the
    // labels must neither run into each other nor read as digit soup.
    TrainingCharts charts;
    charts.resize(700, 500);
    charts.addRun(QStringLiteral("r"), QStringLiteral("r"));
    for (int step = 1; step <= 160; ++step)
        charts.appendStep(QStringLiteral("r"), step, 4.0 - step * 0.01, 5e-3 * (1.0 - step / 160.0), 1.0,
                          9000.0 + (step % 7) * 400.0);
    charts.resetView();
    charts.replotNow();
    QCustomPlot *plot = plotOf(charts);
    const QList<QCPAxisRect *> rects = plot->axisRects();
    const QVector<QString> lr = rects[1]->axis(QCPAxis::atLeft)->tickVectorLabels();
    const QVector<QString> tps = rects[3]->axis(QCPAxis::atLeft)->tickVectorLabels();
    QVERIFY2(lr.size() >= 2 && lr.size() <= 4, qPrintable(QStringList(lr.begin(), lr.end()).join(QLatin1Char(' '))));
    QVERIFY2(tps.size() >= 2 && tps.size() <= 4, qPrintable(QStringList(tps.begin(), tps.end()).join(QLatin1Char(' '))));
    for (const QString &label : tps)
        QVERIFY2(label.size() <= 4 && !label.contains(QLatin1Char(' ')), qPrintable(label));  // "10k", "9.5k"
    QVERIFY(tps.contains(QStringLiteral("10k")));
    for (const QString &label : lr)
        QVERIFY2(label == QLatin1String("0") || label.contains(QLatin1String("e-3")), qPrintable(label));
}

QTEST_MAIN(TestTrainingCharts)
#include "test_trainingcharts.moc"
