// Import benchmark: parse + insert of an Alpaca JSON file into a fresh
// workspace, repeated; prints each run and the median. See README.md.
//   build/bench/import/bench_import [FILE] [RUNS]

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "workspace/importer.h"
#include "workspace/workspace.h"

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString file = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(SFT_SHARED_DATA_DIR "/alpaca_en_52k.json");
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    std::vector<double> totals;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("bench.sftws"));
        sft::Workspace::open(ws);  // schema creation is not part of the import
        QElapsedTimer t;
        t.start();
        sft::ImportOptions opts;
        opts.file = file;
        const auto r = sft::importFile(ws, opts);
        const double total = t.nsecsElapsed() / 1e9;
        totals.push_back(total);
        std::printf("run %d: %lld records, parse %.3f s, insert %.3f s, total %.3f s\n", i + 1,
                    static_cast<long long>(r.records), r.parseSeconds, r.insertSeconds, total);
    }
    std::sort(totals.begin(), totals.end());
    std::printf("median total: %.3f s (min %.3f s) over %d runs\n", totals[totals.size() / 2], totals.front(), runs);
    return 0;
}
