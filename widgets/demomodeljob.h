#pragma once
// Creating the demo model before a run: the Prompt and In-context panels
// both default to a tiny demo model folder that is only written (by
// sftbench-cli, in a background Job) the first time a run needs it.

#include <QString>

#include <functional>

class Job;
class QObject;

namespace demomodel {

/** True when modelDir is the demo model folder (demoModelDir, not empty). */
bool isDemoModel(const QString &modelDir, const QString &demoModelDir);
/** True when modelDir is the demo model folder and it has no config.json yet. */
bool needsCreating(const QString &modelDir, const QString &demoModelDir);
/** A Job that writes the demo model into dir with program; onReady runs when it is done, onFailed with the
 *  message when it fails or is cancelled (both on the GUI thread, while context lives). */
Job *createJob(QObject *context, const QString &dir, const QString &program, std::function<void()> onReady,
               std::function<void(const QString &)> onFailed);
/** Starts job through runner, or, without one, as a child of owner that deletes itself when it ends.
 *  False when the runner refused it. */
bool startJob(Job *job, QObject *owner, const std::function<bool(Job *)> &runner);

} // namespace demomodel
