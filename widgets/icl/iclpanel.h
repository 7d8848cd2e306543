#pragma once
// The In-context learning panel: demonstrations as editable records
// (drag to reorder, check to enable), a demo format with [X] / [Z], a
// separator and an instruction header; the assembled prompt for a test input
// with its token count against the model's context window (an estimate "≈"
// until `sftbench-cli tokenize` answers); demo selection (manual, random with
// a seed, ROUGE-L nearest neighbours); and runs of `sftbench-cli icl` with
// 0..k demonstrations over several orders, plotted as accuracy against k with
// the spread over orders and every run's point. While it runs the panel shows
// runs done out of the runs planned; its summary says how many test records
// were usable (a gold label among the labels) out of those read.

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

#include "common/job.h"
#include "common/retranslatablecommand.h"
#include "common/saveditembar.h"
#include "workspace/icloutput.h"

class AccuracyPlot;
class ModelFolderRow;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTemporaryDir;
class SavedItems;
class WorkerRun;
class QTimer;
class QUndoStack;
namespace sft { class Workspace; class WorkerProcess; }

class IclPanel : public QWidget
{
    Q_OBJECT

public:
    using JobRunner = ::JobRunner;
    enum class Selection { Manual, Random, Rouge };

    explicit IclPanel(QWidget *parent = nullptr);
    ~IclPanel() override;

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setJobRunner(JobRunner runner);
    void setDataset(qint64 datasetId);
    void setDemoModelDir(const QString &dir);
    void setModelDir(const QString &dir);
    QString modelDir() const;
    void setWorkerProgram(const QString &program);

    /** {"format", "separator", "header", "demos": [{"input", "output", "enabled"}]} */
    QJsonObject state() const { return m_state; }
    /** Undoable change of the whole demonstration set (what every edit in the panel does). */
    void editState(const QJsonObject &state, const UndoText &text, const QString &mergeKey = {});
    void addDemo(const QString &input, const QString &output);
    void setDemoEnabled(int index, bool enabled);
    void moveDemo(int from, int to);

    /**
     * What a run does for one test input at k demonstrations, in its first
     * order: the worker's own demo choice (sft::scoring::iclDemos) and prompt
     * assembly (IclPromptBuilder) on the same demos file, labels and options
     * the run gets. k is capped at the number of checked demonstrations.
     */
    struct PreviewDemos
    {
        int k = 0;             ///< the k shown
        QList<int> demos;      ///< indices into the demos (all, not only the checked), in prompt order
        QString prompt;        ///< header, demonstrations and the test input up to [Z]
        QString error;         ///< why the run could not build this prompt ("" = none)
    };
    PreviewDemos previewDemos(const QString &testInput, int k) const;
    /** Indices (into the demos) that the prompt for testInput uses, in prompt order. */
    QList<int> selectedDemos(const QString &testInput, int k) const;
    /** header, demonstrations and the test input, as the model sees it (the answer left out). */
    QString assemblePrompt(const QString &testInput, int k) const;
    /** The run's demos file (demos.jsonl): the checked demonstrations in list order, {"text", "label"} lines. */
    QByteArray demosFile() const;
    /** Index into the demos of each line of demosFile(). */
    QList<int> checkedDemos() const;
    QString previewText() const;
    QString tokenText() const;
    /** A quick token estimate for text: one per CJK character, one per four other characters. */
    static int estimateTokens(const QString &text);
    /** The labels the run uses: the distinct outputs of the enabled demonstrations, {"labels": [...]}. */
    QJsonObject answers() const;

    bool save();
    bool load(const QString &name);
    bool exportTo(const QString &path);
    bool importFrom(const QString &path);

    bool run();
    void stop();
    bool isRunning() const;
    void showResult(const sft::IclResult &result);
    const sft::IclResult &result() const { return m_result; }
    QStringList workerArguments(const QString &dir) const;
    /**
     * How many runs the worker makes with the current options: per k value,
     * one run for k = 0 and "Orders per k" runs otherwise; 0 when the k
     * values do not parse.
     */
    int plannedRuns() const;

    QListWidget *demoList() const { return m_demos; }
    QPlainTextEdit *inputEdit() const { return m_input; }
    QPlainTextEdit *outputEdit() const { return m_output; }
    QPlainTextEdit *formatEdit() const { return m_format; }
    QLineEdit *separatorEdit() const { return m_separator; }
    QLineEdit *headerEdit() const { return m_header; }
    QComboBox *selectionCombo() const { return m_selection; }
    QSpinBox *seedSpin() const { return m_seed; }
    QSpinBox *previewKSpin() const { return m_previewK; }
    QLineEdit *testInputEdit() const { return m_testInput; }
    QLabel *tokenLabel() const { return m_tokens; }
    /** Says which demos the preview shows and whether they change from one test record to the next. */
    QLabel *previewNoteLabel() const { return m_previewNote; }
    QLabel *formatStatusLabel() const { return m_formatStatus; }
    QLineEdit *nameEdit() const { return m_savedBar->nameEdit(); }
    QLineEdit *kEdit() const { return m_ks; }
    AccuracyPlot *accuracyPlot() const { return m_plot; }
    QTableWidget *resultsTable() const { return m_results; }
    QSpinBox *ordersSpin() const { return m_orders; }
    QLabel *summaryLabel() const { return m_summary; }
    /** Runs done out of plannedRuns(), while a run goes on. */
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *modelNoteLabel() const;

Q_SIGNALS:
    void runEnded(bool ok);
    /** The worker counted the preview's tokens. */
    void tokensCounted(int tokens);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    /** What happened to the test records one run read (a gold label among the labels, or why not). */
    struct TestInputs
    {
        bool valid = false;
        int read = 0, withGold = 0;
        int noOutput = 0;             ///< no gold label: empty output
        int notALabel = 0;            ///< no gold label: the output is not one of the labels
        QStringList notALabelSamples; ///< a few of those outputs, to show
        int plannedRuns = 0;
    };

    void retranslate();
    void buildEditor(QWidget *box);
    void buildRun(QWidget *box);
    void applyState(const QJsonObject &state);
    void readList(const UndoText &text);
    void showCurrentDemo();
    void updatePreview();
    QString previewNote(const PreviewDemos &preview) const;
    void countTokens();
    void updateTokenLabel();
    QString testInput() const;
    int contextWindow() const;
    /** Writes the worker's input files into dir; returns its arguments (throws on failure). */
    QStringList writeInputs(const QString &dir);
    void finishRun(bool ok, const QString &error);
    void setRunning(bool running);
    /** "M of N test records usable …" for inputs and, when given, the worker's summary counts. */
    QString usableText(const TestInputs &inputs, int read, int withGold) const;
    QString summaryText() const;
    void showProgress();
    void updateResultView();

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_datasetId = 0;
    QJsonObject m_state;
    bool m_applying = false;
    QString m_formatError;
    QString m_firstRecord;

    int m_estimate = 0, m_exact = -1;
    QString m_countedPrompt;
    QTimer *m_tokenTimer = nullptr;
    sft::WorkerProcess *m_tokenizer = nullptr;
    std::unique_ptr<QTemporaryDir> m_tokenDir;

    WorkerRun *m_worker = nullptr;
    sft::IclOutputParser m_parser;
    TestInputs m_runInputs;     ///< the run going on (filled when its input files are written)
    sft::IclResult m_result;
    TestInputs m_resultInputs;  ///< what m_result's run read (invalid for a result shown from outside)

    SavedItemBar *m_savedBar = nullptr;
    SavedItems *m_saved = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QLabel *m_demosTitle = nullptr, *m_inputLabel = nullptr,
           *m_outputLabel = nullptr, *m_formatLabel = nullptr, *m_formatStatus = nullptr, *m_separatorLabel = nullptr,
           *m_headerLabel = nullptr, *m_selectionLabel = nullptr, *m_seedLabel = nullptr, *m_previewKLabel = nullptr,
           *m_testInputLabel = nullptr, *m_previewTitle = nullptr, *m_tokens = nullptr, *m_runTitle = nullptr,
           *m_ksLabel = nullptr, *m_ordersLabel = nullptr, *m_limitLabel = nullptr,
           *m_labelsNote = nullptr, *m_summary = nullptr, *m_previewNote = nullptr;
    QComboBox *m_selection = nullptr;
    QLineEdit *m_separator = nullptr, *m_header = nullptr, *m_testInput = nullptr, *m_ks = nullptr;
    QPushButton *m_add = nullptr,
                *m_addFromDataset = nullptr, *m_remove = nullptr, *m_run = nullptr;
    QListWidget *m_demos = nullptr;
    QPlainTextEdit *m_input = nullptr, *m_output = nullptr, *m_format = nullptr, *m_preview = nullptr;
    QSpinBox *m_seed = nullptr, *m_previewK = nullptr, *m_orders = nullptr, *m_limit = nullptr;
    QCheckBox *m_calibrate = nullptr;
    QWidget *m_previewBox = nullptr;
    AccuracyPlot *m_plot = nullptr;
    QTableWidget *m_results = nullptr;
    QProgressBar *m_progress = nullptr;
};
