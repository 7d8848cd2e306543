#pragma once
// The Prompt design panel: a template editor with [X] / [Z] / named
// slots, syntax-checked as it is typed; a live preview of f_fill(x, z) on a
// record of the current dataset with [Z] highlighted; the answer space and
// verbalizer (labels with several answers each); scoring options and the
// model folder. "Run" scores the dataset with `sftbench-cli score` and shows
// accuracy and macro-F1 with their base (the records with a gold label) and
// what was left out and why, the confusion heatmap, per-example label
// probabilities with every candidate answer's score, and a table that keeps
// the results of every template tried (with the options that change the
// numbers), side by side.

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

#include "common/job.h"
#include "common/retranslatablecommand.h"
#include "common/saveditembar.h"
#include "workspace/scoreoutput.h"

class ConfusionHeatmap;
class ModelFolderRow;
class QCheckBox;
class QComboBox;
class QCPBars;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class SavedItems;
class WorkerRun;
class QTextBrowser;
class QUndoStack;
namespace sft { class Workspace; }

class PromptPanel : public QWidget
{
    Q_OBJECT

public:
    using JobRunner = ::JobRunner;

    explicit PromptPanel(QWidget *parent = nullptr);
    ~PromptPanel() override;

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    void setJobRunner(JobRunner runner);
    void setDataset(qint64 datasetId);
    qint64 datasetId() const { return m_datasetId; }
    /** The demo model folder: the default model, and the one the panel creates on first run. */
    void setDemoModelDir(const QString &dir);
    void setModelDir(const QString &dir);
    QString modelDir() const;
    /** The worker program (default: sftbench-cli next to the app). */
    void setWorkerProgram(const QString &program);

    QString templateText() const { return m_templateText; }
    /** {"labels": [{"name", "answers": [...]}]}, as in the worker's answers file. */
    QJsonObject answers() const { return m_answers; }
    QJsonObject options() const { return m_options; }
    /** Undoable changes (what typing and the table do). */
    void editTemplate(const QString &text);
    void editAnswers(const QJsonObject &answers);
    void editOptions(const QJsonObject &options);

    /** The template's first problem, empty when it is valid. */
    QString templateError() const { return m_templateError; }
    QString verbalizerError() const { return m_verbalizerError; }
    QString previewText() const;
    QString previewHtml() const;

    /** Save the current template under name() in the workspace; false (and a message) on error. */
    bool save();
    /** Load a saved template (one undo step). */
    bool load(const QString &name);
    bool exportTo(const QString &path);
    bool importFrom(const QString &path);

    /** Score the dataset with the worker; false when it cannot start. */
    bool run();
    void stop();
    bool isRunning() const;
    /** Show a result as a run would (tests feed recorded worker lines). */
    void showResult(const sft::ScoreResult &result);
    const sft::ScoreResult &result() const { return m_result; }
    /** The arguments the worker gets for the current settings and files in dir. */
    QStringList workerArguments(const QString &dir) const;

    QPlainTextEdit *templateEdit() const { return m_template; }
    QLabel *templateStatusLabel() const { return m_templateStatus; }
    QTableWidget *verbalizerTable() const { return m_verbalizer; }
    QLabel *verbalizerStatusLabel() const { return m_verbalizerStatus; }
    QSpinBox *previewRecordSpin() const { return m_previewRecord; }
    QLineEdit *nameEdit() const { return m_savedBar->nameEdit(); }
    QComboBox *savedCombo() const { return m_savedBar->combo(); }
    QLabel *modelNoteLabel() const;
    QLabel *summaryLabel() const { return m_summary; }
    ConfusionHeatmap *heatmap() const { return m_heatmap; }
    /** Columns: record ID, gold, predicted, text. */
    QTableWidget *examplesTable() const { return m_examples; }
    /** The selected example's candidate answers: label, answer, score, log-prob, tokens. */
    QTableWidget *answersTable() const { return m_answerScores; }
    QCustomPlot *scorePlot() const { return m_scorePlot; }
    QCPBars *scoreBars() const { return m_scoreBars; }
    /** Columns: template, calibration, answer score, label score, records, accuracy, macro-F1. */
    QTableWidget *compareTable() const { return m_compare; }
    QPushButton *runButton() const { return m_run; }

Q_SIGNALS:
    void runEnded(bool ok);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    /**
     * What one run was given: the settings it ran with and what happened to
     * each record read from the dataset (scored with or without a gold label,
     * or skipped), so the result can say what its numbers cover.
     */
    struct RunInputs
    {
        bool valid = false;
        QString templateText;
        QJsonObject answers, options;
        int read = 0;                ///< records read from the dataset (scope and limit applied)
        int emptyText = 0;           ///< skipped: no text for [X]
        int noOutput = 0;            ///< scored without a gold label: empty output
        int notALabel = 0;           ///< scored without a gold label: the output is no label or answer
        QStringList notALabelSamples;///< a few of those outputs, to show
        QVector<qint64> recordIds;   ///< record ID of each input line the worker got (its "index")
    };

    void retranslate();
    void buildEditor(QWidget *box);
    void buildResults(QWidget *box);
    void applyTemplate(const QString &text);
    void applySettings(const QJsonObject &state);
    QJsonObject settingsState() const { return {{QStringLiteral("answers"), m_answers}, {QStringLiteral("options"), m_options}}; }
    void pushSettings(const QJsonObject &newState, const UndoText &text);
    void validate();
    void updatePreview();
    void applySaved(const QJsonObject &state, const UndoText &step);
    void readVerbalizerTable();
    void readOptionWidgets();
    /** Writes the worker's input files into dir; returns its arguments (throws on failure). */
    QStringList writeInputs(const QString &dir);
    void finishRun(bool ok, const QString &error);
    void updateResultView();
    QString summaryText() const;
    void showExample(int row);
    void addComparison();
    void setRunning(bool running);

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_datasetId = 0;
    QString m_templateText;
    QJsonObject m_answers, m_options;
    QString m_templateError, m_templateWarning, m_verbalizerError;
    bool m_applying = false;

    WorkerRun *m_worker = nullptr;
    sft::ScoreOutputParser m_parser;
    RunInputs m_runInputs;     ///< the run going on (filled when its input files are written)
    sft::ScoreResult m_result;
    RunInputs m_resultInputs;  ///< what m_result's run was given (invalid for a result shown from outside)

    SavedItemBar *m_savedBar = nullptr;
    SavedItems *m_saved = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QLabel *m_templateTitle = nullptr, *m_templateStatus = nullptr,
           *m_verbalizerTitle = nullptr, *m_verbalizerStatus = nullptr, *m_normalizeLabel = nullptr,
           *m_aggregateLabel = nullptr, *m_scopeLabel = nullptr, *m_limitLabel = nullptr,
           *m_previewTitle = nullptr, *m_previewRecordLabel = nullptr,
           *m_resultsTitle = nullptr, *m_summary = nullptr;
    QComboBox *m_normalize = nullptr, *m_aggregate = nullptr, *m_scope = nullptr;
    QPushButton *m_addLabel = nullptr, *m_removeLabel = nullptr, *m_run = nullptr,
                *m_clearCompare = nullptr;
    QPlainTextEdit *m_template = nullptr;
    QTableWidget *m_verbalizer = nullptr;
    QCheckBox *m_calibrate = nullptr;
    QSpinBox *m_limit = nullptr, *m_previewRecord = nullptr;
    QTextBrowser *m_preview = nullptr;
    QTabWidget *m_resultTabs = nullptr;
    ConfusionHeatmap *m_heatmap = nullptr;
    QTableWidget *m_examples = nullptr, *m_answerScores = nullptr;
    QCustomPlot *m_scorePlot = nullptr;
    QCPBars *m_scoreBars = nullptr;
    QTableWidget *m_compare = nullptr;
};
