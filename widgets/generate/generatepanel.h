#pragma once
// The Generate tab: the form (GenerateForm) on the left, the generation runs
// (GenerateRunList) above the live view of the selected run (GenerateView) on
// the right. This class only wires them: Start on the form starts a run in
// the list, the list's current run feeds the view and (its settings) the form, the histogram's threshold
// goes back to the form, and "Review in Curation" and the worker's writes
// into the workspace are passed up to the window.

#include <QWidget>

#include "common/job.h"

class GenerateForm;
class GenerateRunList;
class GenerateView;
class QUndoStack;
namespace sft { class Workspace; }

class GeneratePanel : public QWidget
{
    Q_OBJECT

public:
    explicit GeneratePanel(QWidget *parent = nullptr);
    ~GeneratePanel() override;

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setJobRunner(JobRunner runner);
    void setDemoModelDir(const QString &dir);
    /** The worker (default: sftbench-cli next to the app); tests give a fake one. */
    void setWorkerProgram(const QString &program);

    /** Start a run from the form: refused with a message while the form is invalid. */
    bool start();

    GenerateForm *form() const { return m_form; }
    GenerateRunList *runList() const { return m_runs; }
    GenerateView *view() const { return m_view; }

Q_SIGNALS:
    void message(const QString &text);
    /** A run's worker wrote records into the workspace from its own process (a run ended). */
    void workspaceWritten();
    /** Show this dataset's pending records in the Curation tab. */
    void reviewRequested(const QString &datasetName);

private:
    void showRun(const QString &runId);

    GenerateForm *m_form = nullptr;
    GenerateRunList *m_runs = nullptr;
    GenerateView *m_view = nullptr;
    sft::Workspace *m_workspace = nullptr;
    QString m_shown;
};
