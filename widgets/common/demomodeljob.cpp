// The demo model job of the Prompt and In-context panels. Its texts keep the
// "PromptPanel" translation context they had in the panels.

#include "common/demomodeljob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "common/job.h"
#include "workspace/demo.h"

namespace demomodel {

bool isDemoModel(const QString &modelDir, const QString &demoModelDir)
{
    return !demoModelDir.isEmpty() && QDir(modelDir) == QDir(demoModelDir);
}

bool needsCreating(const QString &modelDir, const QString &demoModelDir)
{
    return isDemoModel(modelDir, demoModelDir) && !QFileInfo::exists(QDir(modelDir).filePath(QStringLiteral("config.json")));
}

bool createAndStart(QObject *owner, const QString &dir, const QString &program, const std::function<bool(Job *)> &runner,
                    QPointer<Job> &job, const std::function<void(bool)> &setRunning, std::function<void()> onReady,
                    std::function<void(const QString &)> onFailed, const QStringList &extraArguments)
{
    const QString title = QCoreApplication::translate("PromptPanel", "Create the demo model");
    auto *created = new Job(title, [dir, program, extraArguments](const sft::ProgressFn &progress) {
        // A loaded machine can need minutes; Stop cancels it.
        sft::ensureDemoModel(dir, program, 600000, progress, extraArguments);
        return QCoreApplication::translate("PromptPanel", "demo model ready in %1").arg(dir);
    });
    // job is a member of owner: the connections end with owner, so the reference stays valid.
    QObject::connect(created, &Job::finished, owner, [&job, onReady] {
        job = nullptr;
        onReady();
    });
    QObject::connect(created, &Job::failed, owner, [&job, onFailed](const QString &text) {
        job = nullptr;
        onFailed(text);
    });
    QObject::connect(created, &Job::cancelled, owner, [&job, onFailed] {
        job = nullptr;
        onFailed(QCoreApplication::translate("PromptPanel", "cancelled"));
    });
    job = created;
    setRunning(true);
    const bool started = startJob(created, owner, runner);
    if (!started) {
        job = nullptr;
        setRunning(false);
    }
    return started;
}

} // namespace demomodel
