#pragma once
// The Context panel: how a model handles positions and how far its window
// reaches. A model folder (or one of two demo models: the LLaMA-style one
// with RoPE, the BLOOM-style one with ALiBi) and a summary of its config
// (architecture, ALiBi or RoPE, window, rope_theta, heads, head dimension,
// rope scaling), read once, without LibTorch; then three pages: ALiBi and
// RoPE, teaching views that work for any model (the model only sets their
// starting values), and Experiments, which measures perplexity against length
// and passkey retrieval. The page of the model's own scheme is shown when a
// model is chosen (not while the user is on the Experiments page). While an
// experiment runs the model cannot change.

#include <QPointer>
#include <QWidget>

#include <memory>

#include "common/job.h"

class AlibiView;
class ExperimentsView;
class ModelFolderRow;
class QLabel;
class QPushButton;
class QTabWidget;
class QTimer;
class RopeView;
namespace sft {
class Workspace;
namespace model { struct ModelConfig; }
}

class ContextPanel : public QWidget
{
    Q_OBJECT

public:
    enum Page { AlibiPage, RopePage, ExperimentsPage };
    enum class DemoModel { Rope, Alibi };

    explicit ContextPanel(QWidget *parent = nullptr);
    ~ContextPanel() override;

    void setDemoModelDir(const QString &dir);
    /** The BLOOM-style (ALiBi) demo model's folder: the demo model's with "-alibi" appended. */
    QString alibiDemoModelDir() const;
    /** Choose the model folder and read it now (typed paths are read a moment after the last keystroke). */
    void setModelDir(const QString &dir);
    QString modelDir() const;
    /** The worker (sftbench-cli) the experiments run and the ALiBi demo model is written with. */
    void setWorkerProgram(const QString &program);
    void setJobRunner(JobRunner runner);
    /** Where the experiments' runs are listed; null detaches the panel before the workspace closes. */
    void setWorkspace(sft::Workspace *workspace);

    /**
     * Choose a demo model: the LLaMA-style one (written by the first experiment that runs on it) or the
     * BLOOM-style ALiBi one (written now when missing, then chosen; demoModelReady() says when). False
     * when it cannot be (no demo folder known, or the job could not start).
     */
    bool useDemoModel(DemoModel which);
    /** The ALiBi demo model is being written. */
    bool isWritingDemoModel() const { return m_demoJob != nullptr; }

    /** The config read from the model folder; null when the folder is not a model. */
    const sft::model::ModelConfig *modelConfig() const { return m_config.get(); }
    /** Read the model folder's config.json (on a change of folder and when the panel is shown without a model). */
    void readModel();

    QLabel *summaryLabel() const { return m_summary; }
    QLabel *demoStatusLabel() const { return m_demoStatus; }
    QPushButton *ropeDemoButton() const { return m_ropeDemo; }
    QPushButton *alibiDemoButton() const { return m_alibiDemo; }
    QTabWidget *pages() const { return m_pages; }
    AlibiView *alibiView() const { return m_alibi; }
    RopeView *ropeView() const { return m_rope; }
    ExperimentsView *experimentsView() const { return m_experiments; }
    ModelFolderRow *modelRow() const { return m_modelRow; }

Q_SIGNALS:
    /** The model folder was read again (modelConfig() may be null). */
    void modelChanged();
    /** Writing the ALiBi demo model ended: ok (it is the model now) or the reason. */
    void demoModelReady(bool ok, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    /** Why there is no config: kept as a reason so that its text follows the language. */
    enum class Problem { None, NoFolder, DemoNotWritten, NoConfig, Unreadable };

    void retranslate();
    QString summaryText() const;
    QString demoStatusText() const;
    void updateDemoControls();

    std::unique_ptr<sft::model::ModelConfig> m_config;
    Problem m_problem = Problem::None;
    QString m_problemDetail;  ///< the folder (NoConfig) or the parser's message (Unreadable)
    QString m_program;
    JobRunner m_runner;
    QPointer<Job> m_demoJob;
    QString m_demoError;      ///< why writing the ALiBi demo model failed last
    bool m_experimentRunning = false;
    QTimer *m_readTimer = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QLabel *m_demoLabel = nullptr, *m_demoStatus = nullptr;
    QPushButton *m_ropeDemo = nullptr, *m_alibiDemo = nullptr;
    QLabel *m_summaryTitle = nullptr, *m_summary = nullptr;
    QTabWidget *m_pages = nullptr;
    AlibiView *m_alibi = nullptr;
    RopeView *m_rope = nullptr;
    ExperimentsView *m_experiments = nullptr;
};
