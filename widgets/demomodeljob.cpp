// The demo model job of the Prompt and In-context panels. Its texts keep the
// "PromptPanel" translation context they had in the panels.

#include "demomodeljob.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "job.h"
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

Job *createJob(QObject *context, const QString &dir, const QString &program, std::function<void()> onReady,
               std::function<void(const QString &)> onFailed)
{
    auto *job = new Job(QCoreApplication::translate("PromptPanel", "Create the demo model"),
                        [dir, program](const sft::ProgressFn &) {
                            sft::ensureDemoModel(dir, program);
                            return QCoreApplication::translate("PromptPanel", "demo model ready in %1").arg(dir);
                        });
    QObject::connect(job, &Job::finished, context, [onReady] { onReady(); });
    QObject::connect(job, &Job::failed, context, [onFailed](const QString &text) { onFailed(text); });
    QObject::connect(job, &Job::cancelled, context,
                     [onFailed] { onFailed(QCoreApplication::translate("PromptPanel", "cancelled")); });
    return job;
}

bool startJob(Job *job, QObject *owner, const std::function<bool(Job *)> &runner)
{
    if (runner)
        return runner(job);
    job->setParent(owner);
    QObject::connect(job, &Job::finished, job, &QObject::deleteLater);
    QObject::connect(job, &Job::failed, job, &QObject::deleteLater);
    QObject::connect(job, &Job::cancelled, job, &QObject::deleteLater);
    job->start();
    return true;
}

} // namespace demomodel
