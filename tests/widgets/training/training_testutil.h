#pragma once
// What the Training panel's tests share.

#include <QString>

#include "training/trainingform.h"
#include "training/trainingpanel.h"
#include "workspace/workspace.h"

namespace sfttest {

/** A Training panel on ws that starts worker, with model in the form; large enough for the whole form. */
inline TrainingPanel *newTrainingPanel(const QString &worker, const QString &model, sft::Workspace *ws)
{
    auto *panel = new TrainingPanel;
    panel->setWorkerProgram(worker);
    panel->form()->setModelDir(model);
    panel->setContext(ws, nullptr);
    panel->resize(1300, 850);
    return panel;
}

} // namespace sfttest
