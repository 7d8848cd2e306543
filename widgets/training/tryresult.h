#pragma once
// "Try the result": generation with the selected run's base model and its
// trained result (`sftbench-cli generate --adapter RUN`, the prompt wrapped
// in the run's prompt format), or with the base model alone for comparison,
// streamed from the worker's JSON lines. Without a selected run it generates
// with the form's model.

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
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
    /** The model generated with when no run is selected. */
    void setFallbackModel(const QString &modelDir);

    /** Generate (false when a generation is going or there is no prompt). */
    bool generate();
    void stop();
    /** The arguments generate() gives the worker. */
    QStringList generateArguments() const;
    bool isGenerating() const;

    QPlainTextEdit *tryPromptEdit() const { return m_prompt; }
    QPlainTextEdit *tryOutputEdit() const { return m_output; }
    QCheckBox *withAdapterCheck() const { return m_withAdapter; }
    QPushButton *generateButton() const { return m_generate; }

Q_SIGNALS:
    void generateEnded(bool ok);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateState();
    void finished(bool ok, const QString &error);

    WorkerRun *m_worker = nullptr;
    QString m_runId, m_runDir, m_fallbackModel;
    QJsonObject m_runConfig;
    QPlainTextEdit *m_prompt = nullptr, *m_output = nullptr;
    QCheckBox *m_withAdapter = nullptr;
    QSpinBox *m_maxNewTokens = nullptr;
    QPushButton *m_generate = nullptr;
    QLabel *m_note = nullptr, *m_promptLabel = nullptr, *m_maxTokensLabel = nullptr;
};
