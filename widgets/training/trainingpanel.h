#pragma once
// The Training tab: the form (TrainingForm) on the left, the runs (RunList)
// on the right with their charts, the config comparison and Try the result
// (TryResult) below. This class only wires them together: Start on the form
// starts a run in the list ("Run on a cluster…" prepares one for the launch
// scripts), the selected run is the one Try uses, and the list's "preparing"
// state holds the form's Start button.

#include <QWidget>

#include "common/job.h"

class QTabWidget;
class QUndoStack;
class RunList;
class TrainingForm;
class TryResult;
namespace sft { class Workspace; }

class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    /** The workspace whose datasets are offered and whose runs are listed (null detaches; workers go on). */
    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setJobRunner(JobRunner runner);
    void setDataset(qint64 datasetId);
    /** The demo model: the default model (with demo defaults), created on the first Start. */
    void setDemoModelDir(const QString &dir);
    /** The worker (default: sftbench-cli next to the app); tests give a fake one. */
    void setWorkerProgram(const QString &program);

    /** Start a run from the form: refused with a message while the form is invalid. */
    bool start();
    /**
     * Prepare a run from the form as start() does but start nothing: the run is selected and its
     * Export launch script dialog opened (refused while the form's config is invalid).
     */
    bool prepareForCluster();

    TrainingForm *form() const { return m_form; }
    RunList *runList() const { return m_runs; }
    TryResult *tryResult() const { return m_try; }
    QTabWidget *resultTabs() const { return m_tabs; }

Q_SIGNALS:
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showRunInTry(const QString &runId);
    bool startFromForm(bool launch);

    sft::Workspace *m_workspace = nullptr;
    TrainingForm *m_form = nullptr;
    RunList *m_runs = nullptr;
    TryResult *m_try = nullptr;
    QTabWidget *m_tabs = nullptr;
};
