#pragma once
// "Try the result": the same prompt through the base model and through the
// selected run's trained result, side by side (`sftbench-cli generate`, with
// `--adapter` for the trained side; both see the prompt wrapped in the run's
// prompt format). The result can be the run's latest, final/, best/ or any
// checkpoint. Without a selected run it generates with the form's model.

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class WorkerRun;

class TryResult : public QWidget
{
    Q_OBJECT

public:
    explicit TryResult(QWidget *parent = nullptr);
    ~TryResult() override;

    void setWorkerProgram(const QString &program);
    /** The run to try (id empty: none, the fallback model is used). */
    void setRun(const QString &id, const QString &dir, const QJsonObject &config);
    /** The model generated with when no run is selected (created first when it is the missing demo model). */
    void setFallbackModel(const QString &modelDir, const QString &demoModelDir = {});
    /** Read the run's results again (final/, best/, checkpoints/) into the result picker. */
    void refreshResults();

    /** Generate (false when a generation is going or there is no prompt). */
    bool generate();
    void stop();
    /** The arguments of the trained side (with a run) or of the only side (without one). */
    QStringList generateArguments() const;
    /** The arguments of the base-model side: the run's base model, the prompt in the run's format. */
    QStringList baseArguments() const;
    bool isGenerating() const;

    QPlainTextEdit *tryPromptEdit() const { return m_prompt; }
    /** The trained side (or the only one). */
    QPlainTextEdit *tryOutputEdit() const { return m_trainedOut; }
    QPlainTextEdit *baseOutputEdit() const { return m_baseOut; }
    /** Generate with the base model too, beside the trained result. */
    QCheckBox *compareCheck() const { return m_compare; }
    /** Latest / final / best / a checkpoint; the item data is what --adapter gets. */
    QComboBox *resultCombo() const { return m_result; }
    QPushButton *generateButton() const { return m_generate; }

Q_SIGNALS:
    void generateEnded(bool ok);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Side;
    void retranslate();
    void updateState();
    void startNext();
    void sideFinished(bool ok, const QString &error);
    Side *current() const;

    WorkerRun *m_worker = nullptr;
    QString m_runId, m_runDir, m_fallbackModel, m_demoModelDir;
    QJsonObject m_runConfig;
    QList<Side *> m_queue;       // sides still to generate, in order
    bool m_allOk = true;
    bool m_stopRequested = false;
    QPlainTextEdit *m_prompt = nullptr, *m_baseOut = nullptr, *m_trainedOut = nullptr;
    QCheckBox *m_compare = nullptr;
    QComboBox *m_result = nullptr;
    QSpinBox *m_maxNewTokens = nullptr;
    QPushButton *m_generate = nullptr;
    QLabel *m_note = nullptr, *m_promptLabel = nullptr, *m_maxTokensLabel = nullptr, *m_resultLabel = nullptr,
           *m_baseTitle = nullptr, *m_trainedTitle = nullptr;
    QWidget *m_basePane = nullptr;
    Side *m_base = nullptr, *m_trained = nullptr;
};
