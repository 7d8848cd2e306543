#include "workspace/demo.h"

#include <QFile>
#include <QFileInfo>

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

} // namespace sft
