#include "workspace/demo.h"

#include <QFile>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#include "core/error.h"
#include "data/formats.h"
#include "workspace/importer.h"
#include "workspace/qtstrings.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

namespace sft {

QByteArray demoDatasetJson()
{
    QFile f(QStringLiteral(":/demo/demo_dataset.json"));
    if (!f.open(QIODevice::ReadOnly))
        throw Error("the demo dataset resource is missing from this build");
    return f.readAll();
}

QString ensureDemoWorkspace(const QString &path)
{
    if (QFileInfo::exists(path))
        return path;
    const QByteArray json = demoDatasetJson();
    std::vector<Record> records =
        parseDataset(std::string(json.constData(), std::size_t(json.size())), DatasetFormat::AlpacaJson, "demo");
    // Pre-curate a few so the panel shows every state on first start.
    for (std::size_t i = 0; i < records.size(); ++i) {
        Record &r = records[i];
        r.source = "demo";
        const bool zh = !r.instruction.empty() && static_cast<unsigned char>(r.instruction[0]) >= 0x80;
        r.tags.push_back(zh ? "zh" : "en");
        if (i < 4 || i == 17 || i == 18)
            r.status = RecordStatus::Accepted;
        if (r.output.empty()) {
            r.status = RecordStatus::Rejected;
            r.reason = "empty output";
        }
        if (i == 6)
            r.flagged = true;
    }
    auto ws = Workspace::open(path);
    ImportOptions opts;
    opts.datasetName = QStringLiteral("demo");
    importRecords(ws->path(), records, opts);
    updateSearchIndex(ws->path());
    return path;
}

QString demoModelDir(const QString &workspacePath)
{
    return QFileInfo(workspacePath).absoluteDir().filePath(QStringLiteral("demo-model"));
}

QString ensureDemoModel(const QString &dir, const QString &program, int timeoutMs, const ProgressFn &progress,
                        const QStringList &extraArguments)
{
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))))
        return dir;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    // Briefly pre-trained on the demo texts, so fine-tuning it shows a real loss curve.
    p.start(program, QStringList{QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                                 QStringLiteral("--pretrain-steps"), QStringLiteral("40"), QStringLiteral("--out"), dir}
                         + extraArguments);
    if (!p.waitForStarted(10000))
        throw Error("cannot start " + ss(program) + ": " + ss(p.errorString()));
    // Waited for in short slices, so a cancel (Stop in a panel) ends it within a tenth of a second.
    QElapsedTimer waited;
    waited.start();
    while (!p.waitForFinished(100)) {
        const bool cancelled = progress && !progress(0, 0);
        if (cancelled || waited.elapsed() > timeoutMs) {
            p.kill();
            p.waitForFinished(3000);
            QDir(dir).removeRecursively();  // no half-written model is taken for a finished one later
            if (cancelled)
                throw Cancelled();
            throw Error("creating the demo model timed out");
        }
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw Error("creating the demo model failed: " + ss(QString::fromUtf8(p.readAllStandardError()).trimmed()));
    return dir;
}

} // namespace sft
