#pragma once
// Creating the demo model before a run: the Prompt and In-context panels
// both default to a tiny demo model folder that is only written (by
// sftbench-cli, in a background Job) the first time a run needs it.

#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

class Job;
class QObject;

namespace demomodel {

/** True when modelDir is the demo model folder (demoModelDir, not empty). */
bool isDemoModel(const QString &modelDir, const QString &demoModelDir);
/** True when modelDir is the demo model folder and it has no config.json yet. */
bool needsCreating(const QString &modelDir, const QString &demoModelDir);
/**
 * Writes the demo model into dir with program in a background Job. job holds it while it runs;
 * setRunning(true) is called before it starts. When it ends job is cleared, then onReady runs, or
 * onFailed with the message when it failed or was cancelled (on the GUI thread, while owner lives).
 * The job goes to runner, or without one runs as a child of owner that deletes itself when it ends.
 * False (job cleared, setRunning(false)) when the runner refused it. extraArguments go to init-model
 * (`--position alibi` writes the BLOOM-style demo model).
 */
bool createAndStart(QObject *owner, const QString &dir, const QString &program, const std::function<bool(Job *)> &runner,
                    QPointer<Job> &job, const std::function<void(bool)> &setRunning, std::function<void()> onReady,
                    std::function<void(const QString &)> onFailed, const QStringList &extraArguments = {});

} // namespace demomodel
