// UI-thread stall benchmark on a 1,000,000-record workspace: opens the
// curation panel on it and scrolls to random places, measuring the longest
// time the GUI thread was busy (a 1 ms watchdog timer records the largest gap
// between its ticks). See README.md. Goal: no stall over 50 ms.
//   QT_QPA_PLATFORM=offscreen build/bench/workspace/bench_scroll [WORKSPACE] [RECORDS]

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>

#include "curation/curationpanel.h"
#include "curation/recordtablemodel.h"
#include "workspace/importer.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

namespace {

// Records the longest gap between ticks of a 1 ms timer on the GUI thread.
struct Watchdog
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    Watchdog()
    {
        timer.setInterval(1);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
    }
    void reset() { clock.start(); last = 0; worst = 0; timer.start(); }
    double worstMs() const { return worst / 1e6; }
};

void build(const QString &path, qint64 target)
{
    auto records = sft::readDataset(SFT_SHARED_DATA_DIR "/alpaca_en_52k.json");
    auto ws = sft::Workspace::open(path);
    sft::ImportOptions opts;
    opts.datasetName = QStringLiteral("million");
    qint64 id = 0, have = 0;
    while (have < target) {
        if (qint64(records.size()) > target - have)
            records.resize(std::size_t(target - have));
        opts.datasetId = id;
        id = sft::importRecords(ws->path(), records, opts).datasetId;
        have += qint64(records.size());
        std::printf("\rbuilding: %lld records", static_cast<long long>(have));
        std::fflush(stdout);
    }
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/sftbench-1m.sftws");
    const qint64 records = argc > 2 ? QString::fromLocal8Bit(argv[2]).toLongLong() : 1000000;
    if (!QFileInfo::exists(path)) {
        QElapsedTimer t;
        t.start();
        build(path, records);
        std::printf("built %s in %.1f s\n", qPrintable(path), t.elapsed() / 1000.0);
    }
    auto ws = sft::Workspace::open(path);
    QUndoStack undo;
    CurationPanel panel;
    panel.resize(1300, 800);
    panel.show();

    Watchdog dog;
    QElapsedTimer open;
    open.start();
    dog.reset();
    panel.setContext(ws.get(), &undo);
    while (panel.model()->rowCount() == 0 || panel.model()->isLoading())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    std::printf("open: %d rows listed in %.0f ms; worst UI stall %.1f ms\n", panel.model()->rowCount(),
                double(open.elapsed()), dog.worstMs());

    // Scroll: 300 jumps to random places, one every 15 ms, each repainted.
    dog.reset();
    QScrollBar *bar = panel.table()->verticalScrollBar();
    double worstStep = 0;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer step;
        step.start();
        bar->setValue(int(QRandomGenerator::global()->bounded(bar->maximum() + 1)));
        panel.table()->viewport()->repaint();
        worstStep = std::max(worstStep, step.nsecsElapsed() / 1e6);
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 15)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    std::printf("scroll: 300 random jumps; worst jump+repaint %.1f ms; worst UI stall %.1f ms\n", worstStep,
                dog.worstMs());

    // Search and filter run off the UI thread: the stall stays small while they work.
    dog.reset();
    QElapsedTimer search;
    search.start();
    sft::RecordFilter f = panel.model()->filter();
    f.statusMask = 1 << int(sft::RecordStatus::Pending);
    f.sortColumn = sft::RecordColumn::Instruction;
    panel.model()->setFilter(f);
    while (panel.model()->isLoading())
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    std::printf("sort by instruction: %.0f ms in the background; worst UI stall %.1f ms\n",
                double(search.elapsed()), dog.worstMs());
    return 0;
}
