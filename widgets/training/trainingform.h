#pragma once
// The training form: one fine-tuning run's settings (model, data, prompt
// format, method — LoRA / adapter / prefix / full — and the optimiser), the
// field-level validation the worker also applies (TrainConfig::validate), a
// live estimate of trainable parameters, memory and context budget from the
// same torch-free plan the worker prints, and the exact command line Start
// runs. It starts nothing itself: Start emits startRequested(), "Run on a
// cluster…" clusterRequested().

#include <QHash>
#include <QWidget>

#include <memory>

#include "common/retranslatedtexts.h"

class ModelFolderRow;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTimer;
namespace sft { class Workspace; }
namespace sft::finetune { struct TrainConfig; }
namespace sft::model { struct ModelConfig; }

class TrainingForm : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingForm(QWidget *parent = nullptr);
    ~TrainingForm() override;

    /** The datasets offered are the workspace's (null: none). */
    void setWorkspace(sft::Workspace *workspace);
    void setDataset(qint64 datasetId);
    qint64 datasetId() const;
    /** 1: accepted and pending records (everything not rejected); 0: accepted only. */
    bool pendingToo() const;
    /** The demo model: the default model (with demo defaults), created on the first Start. */
    void setDemoModelDir(const QString &dir);
    QString demoModelDir() const;
    void setModelDir(const QString &dir);
    QString modelDir() const;
    /** Shown in the command line. */
    void setWorkerProgram(const QString &program);
    /** Where new runs go, for the command line ("RUNS" when empty). */
    void setRunsRoot(const QString &root);
    /** A run is being prepared (demo model, data export): Start waits. */
    void setPreparing(bool preparing);
    /** The model folder changed on disk (the demo model was just written): read it again. */
    void modelFolderChanged();

    /** The run the form describes (base_model = the model folder, data paths relative to the run folder). */
    sft::finetune::TrainConfig config() const;
    void setConfig(const sft::finetune::TrainConfig &config);
    /** Demo defaults for the demo model (a clearly falling curve in under a minute), else the protocol's. */
    void resetToDefaults();
    /**
     * The form's first invalid setting ("field: message"), empty when valid: the config's, else
     * the local processes' (several without torchrun on PATH).
     */
    QString formError() const { return m_formError; }
    /** The config's first invalid setting only: what a run prepared for a cluster needs. */
    QString configError() const { return m_configError; }
    /**
     * Worker processes on this machine (data parallel under torchrun when above 1). Not part of
     * the config: the result does not depend on it, only the speed and the memory per process.
     */
    int processes() const;
    void setProcesses(int processes);
    /** The command Start runs now, as shown (the run id is the one a start this second gets). */
    QString commandLine() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *datasetCombo() const { return m_dataset; }
    QComboBox *recordsCombo() const { return m_records; }
    QDoubleSpinBox *heldOutSpin() const { return m_heldOut; }
    QComboBox *methodCombo() const { return m_method; }
    QSpinBox *loraRankSpin() const { return m_loraRank; }
    QSpinBox *prefixTokensSpin() const { return m_prefixTokens; }
    QLineEdit *learningRateEdit() const { return m_learningRate; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QSpinBox *batchSizeSpin() const { return m_batch; }
    QSpinBox *processesSpin() const { return m_processes; }
    QLabel *estimateLabel() const { return m_estimate; }
    QLabel *formErrorLabel() const { return m_formErrorLabel; }
    QLineEdit *commandEdit() const { return m_command; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *clusterButton() const { return m_cluster; }

Q_SIGNALS:
    void startRequested();
    /** "Run on a cluster…": prepare a run without starting it, for the launch scripts. */
    void clusterRequested();
    /** The model folder field changed (Try the result uses it when no run is selected). */
    void modelDirChanged(const QString &dir);
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildModelBox();
    QWidget *buildMethodBox();
    QWidget *buildOptimBox();
    QLabel *addLabel(const char *source) { return m_texts.addLabel(source, this); }
    void addText(QObject *widget, const char *source) { m_texts.add(widget, source); }
    void retranslate();
    void refreshDatasets();
    void formChanged();
    void loadModelConfig();
    /** What identifies the model's config.json as read (path and modification time). */
    QString modelKey() const;
    /** The model's config.json appeared, changed or went away since it was read. */
    bool modelFolderMoved() const;
    void updateEstimate();
    void updateCommand();
    void updateStart();

    sft::Workspace *m_workspace = nullptr;
    QString m_program, m_runsRoot;
    QString m_formError, m_configError;
    bool m_applying = false;
    bool m_preparing = false;
    QString m_modelKey, m_modelError;   // the model's config.json, read again when it changes
    bool m_modelHasChatTemplate = false;  // for the "chat" prompt format (the worker renders and checks it)
    std::shared_ptr<sft::model::ModelConfig> m_modelConfig;
    RetranslatedTexts m_texts;
    QHash<QString, QWidget *> m_fieldWidgets;

    QLineEdit *m_name = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QComboBox *m_records = nullptr;
    QComboBox *m_dataset = nullptr, *m_promptFormat = nullptr, *m_method = nullptr, *m_loraInit = nullptr,
              *m_schedule = nullptr, *m_device = nullptr, *m_precision = nullptr;
    QDoubleSpinBox *m_heldOut = nullptr, *m_loraAlpha = nullptr, *m_loraDropout = nullptr, *m_ropeFactor = nullptr,
                   *m_warmup = nullptr, *m_weightDecay = nullptr, *m_maxGradNorm = nullptr;
    QSpinBox *m_maxLength = nullptr, *m_loraRank = nullptr, *m_bottleneck = nullptr, *m_prefixTokens = nullptr,
             *m_prefixHidden = nullptr, *m_epochs = nullptr, *m_maxSteps = nullptr, *m_batch = nullptr,
             *m_gradAccum = nullptr, *m_evalEvery = nullptr, *m_saveEvery = nullptr, *m_seed = nullptr,
             *m_processes = nullptr;
    QCheckBox *m_trainOnPrompt = nullptr;
    QComboBox *m_overflow = nullptr;   ///< conversation_overflow: truncate | split
    QCheckBox *m_packing = nullptr, *m_rslora = nullptr, *m_prefixProjection = nullptr, *m_gradCheckpointing = nullptr;
    QList<QCheckBox *> m_targets;
    QStackedWidget *m_methodStack = nullptr;
    QLineEdit *m_learningRate = nullptr, *m_command = nullptr;
    QLabel *m_prefixNote = nullptr, *m_estimate = nullptr, *m_formErrorLabel = nullptr;
    QPushButton *m_defaults = nullptr, *m_start = nullptr, *m_copy = nullptr, *m_cluster = nullptr;
    QTimer *m_countTimer = nullptr, *m_commandTimer = nullptr;
};
