#pragma once
// The Experiments part of the Context panel: the user lists configurations
// to compare (the base model, the base with an inference-time RoPE scaling,
// fine-tuning runs of the workspace), sets the text and lengths of the
// perplexity measurement and the lengths, depths and trials of passkey
// retrieval, and runs both in the worker for every configuration in turn
// (an ExperimentRun). The results are drawn overlaid (ExperimentCharts) and
// exported as PNG / PDF charts and one CSV of the numbers.
//
// The panel owns the model choice: it reads config.json once and hands the
// model here with setModel(). A run describes the model it started on (its
// folder and window are kept with the results); a different model chosen
// afterwards clears them, and one chosen during a run waits for its end.

#include <QPointer>
#include <QWidget>

#include <functional>

#include "common/job.h"
#include "context/contextoutput.h"
#include "context/experimentcharts.h"
#include "context/experimentconfig.h"
#include "context/experimentrun.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;
namespace sft {
class Workspace;
namespace model { struct ModelConfig; }
}

class ExperimentsView : public QWidget
{
    Q_OBJECT

public:
    explicit ExperimentsView(QWidget *parent = nullptr);
    ~ExperimentsView() override;

    /**
     * The model the configurations run on and what its config.json says (null: unknown, e.g. the demo
     * model before it is written). During a run it is taken when the run ends.
     */
    void setModel(const QString &dir, const sft::model::ModelConfig *config);
    QString modelDir() const { return m_model.dir; }
    void setDemoModelDir(const QString &dir);
    /** The worker (sftbench-cli). */
    void setProgram(const QString &program);
    QString program() const;
    void setJobRunner(JobRunner runner);
    /** Where the training runs are listed from (null: none). */
    void setWorkspace(sft::Workspace *workspace);

    /** Whether the model uses ALiBi (from its config.json; false when unknown). */
    bool isAlibiModel() const { return m_model.alibi; }
    /** The model's max_position_embeddings; 0 when unknown. */
    int modelMaxPositions() const { return m_model.maxPositions; }

    /** The perplexity window lengths offered for a model trained on `window` tokens: L/4, L/2, L, 2L. */
    static QString defaultLengths(int window);
    /** The passkey prompt lengths offered: L/2, L, 2L, none under the ~115 tokens a prompt needs. */
    static QString defaultPasskeyLengths(int window);

    /** Add a configuration from the add row's current choice; false when it is not possible (scaling on ALiBi). */
    bool addCurrentChoice();
    /** Add config to the list (scaling on an ALiBi model is refused); returns its row or -1. */
    int addConfig(const ExperimentConfig &config);
    /** List the workspace's trained runs again. */
    void refreshRuns();

    /** Start the comparison (false with the reason in the status line), or stop the running one. */
    bool run();
    void stop();
    bool isRunning() const;

    /** The configurations of the last run, in the order of the results below. */
    const QVector<ExperimentConfig> &resultConfigs() const { return m_resultConfigs; }
    /** The model folder and window the last run measured (empty / 0 without results). */
    QString resultModelDir() const { return m_resultModelDir; }
    int resultMaxPositions() const { return m_resultMaxPositions; }
    /** Whether any result holds a number (a measured length or passkey cell). */
    bool hasNumbers() const;
    /** Forget the last run's results (charts emptied, export disabled). */
    void clearResults();
    QStringList resultLabels() const;
    const QVector<PerplexityResult> &perplexityResults() const { return m_perplexity; }
    const QVector<PasskeyResult> &passkeyResults() const { return m_passkey; }

    /** The numbers of the last run as CSV (contextCsv). */
    QString csv() const;
    /** Write the CSV to path; false (and the status line says why) when it could not be written. */
    bool exportCsv(const QString &path);
    /** Save a chart as PNG or PDF (by the suffix of path). */
    bool exportChart(ExperimentCharts::Chart chart, const QString &path);

    ExperimentConfigModel *configModel() const { return m_configs; }
    ExperimentCharts *charts() const { return m_charts; }
    ExperimentRun *experimentRun() const { return m_run; }
    QListView *configList() const { return m_list; }
    QComboBox *addKindCombo() const { return m_addKind; }
    QComboBox *scalingCombo() const { return m_scaling; }
    QDoubleSpinBox *factorSpin() const { return m_factor; }
    QComboBox *runCombo() const { return m_runCombo; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *alibiNote() const { return m_alibiNote; }
    QLineEdit *textFileEdit() const { return m_textFile; }
    QLineEdit *lengthsEdit() const { return m_lengths; }
    QCheckBox *strideCheck() const { return m_strideCheck; }
    QSpinBox *strideSpin() const { return m_stride; }
    QSpinBox *maxWindowsSpin() const { return m_maxWindows; }
    QCheckBox *perplexityCheck() const { return m_doPerplexity; }
    QCheckBox *passkeyCheck() const { return m_doPasskey; }
    QLineEdit *passkeyLengthsEdit() const { return m_keyLengths; }
    QLineEdit *depthsEdit() const { return m_depths; }
    QSpinBox *trialsSpin() const { return m_trials; }
    QSpinBox *seedSpin() const { return m_seed; }
    QPushButton *runButton() const { return m_runButton; }
    QToolButton *exportButton() const { return m_export; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    /** "Results for <folder>" above the charts; hidden without results. */
    QLabel *resultsLabel() const { return m_resultsLabel; }

Q_SIGNALS:
    void runningChanged(bool running);
    /** A comparison ended: ok, or the reason. */
    void finished(bool ok, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    /** Runs trained in the Training tab since: listed when the page comes back. */
    void showEvent(QShowEvent *event) override;

private:
    enum class AddKind { Base, Scaled, Run };
    /** What this view needs of a model. */
    struct ModelInfo
    {
        QString dir;
        bool alibi = false;
        int maxPositions = 0;
    };

    QWidget *buildConfigurations();
    QWidget *buildSettings();
    void retranslate();
    void applyModel(const ModelInfo &model);
    void applyDefaultLengths(int window);
    void updateResultsLabel();
    QString noRunsText() const;
    void updateAddRow();
    void updateButtons();
    void setStatus(std::function<QString()> text, bool error = false);
    void browseTextFile();
    void saveDialog(const QString &filter, const QString &suffix, const std::function<void(const QString &)> &save);
    // experimentsviewrun.cpp
    /** The worker steps of a run of configs; false with the reason in error. */
    bool buildSteps(const QVector<ExperimentConfig> &configs, QVector<ExperimentRun::Step> &steps, QString &error) const;
    void onRecord(int step, ContextOutputParser::Event event);
    void onFinished(bool ok, const QString &error);
    QString progressText() const;

    ModelInfo m_model, m_pendingModel;
    bool m_hasPendingModel = false;
    QString m_demoModelDir;
    /** The length fields' texts as last filled in; a field still holding it follows the model's window. */
    QString m_lengthsDefault, m_keyLengthsDefault;
    QPointer<sft::Workspace> m_workspace;
    QVector<TrainedRun> m_trainedRuns;

    ExperimentConfigModel *m_configs = nullptr;
    ExperimentRun *m_run = nullptr;
    QVector<ExperimentConfig> m_resultConfigs;
    QString m_resultModelDir;
    int m_resultMaxPositions = 0;
    QVector<PerplexityResult> m_perplexity;
    QVector<PasskeyResult> m_passkey;
    std::function<QString()> m_statusText;

    QLabel *m_configTitle = nullptr, *m_settingsTitle = nullptr, *m_alibiNote = nullptr;
    QListView *m_list = nullptr;
    QComboBox *m_addKind = nullptr, *m_scaling = nullptr, *m_runCombo = nullptr;
    QDoubleSpinBox *m_factor = nullptr;
    QLabel *m_factorLabel = nullptr;
    QPushButton *m_add = nullptr, *m_remove = nullptr, *m_refreshRuns = nullptr;
    QLabel *m_textLabel = nullptr, *m_lengthsLabel = nullptr, *m_maxWindowsLabel = nullptr, *m_keyLengthsLabel = nullptr,
           *m_depthsLabel = nullptr, *m_trialsLabel = nullptr, *m_seedLabel = nullptr;
    QLineEdit *m_textFile = nullptr, *m_lengths = nullptr, *m_keyLengths = nullptr, *m_depths = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_strideCheck = nullptr, *m_doPerplexity = nullptr, *m_doPasskey = nullptr;
    QSpinBox *m_stride = nullptr, *m_maxWindows = nullptr, *m_trials = nullptr, *m_seed = nullptr;
    QPushButton *m_runButton = nullptr;
    QToolButton *m_export = nullptr;
    QMenu *m_exportMenu = nullptr;
    class QAction *m_pngAction = nullptr, *m_pdfAction = nullptr, *m_csvAction = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr, *m_resultsLabel = nullptr;
    ExperimentCharts *m_charts = nullptr;
};
