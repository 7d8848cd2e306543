#pragma once
// The Generate form: the model backend (a local model folder, or an
// OpenAI-compatible endpoint with its key, timeouts and a Test connection
// button), the seed set (a file or a dataset of the workspace), language and
// mode, target, threshold, budgets, sampling, the prompt templates and the
// dataset the kept tasks land in. It builds the worker's config (never with
// the key in it) and starts nothing itself: Start emits startRequested().
// Selecting a run in the list fills the form with that run's settings (so a
// new run with the same settings is one click, and Resume shows what it
// resumes) unless the user changed the form since it was last filled: those
// edits are kept and a "Load" button above the form offers the run instead.

#include <QJsonObject>
#include <QWidget>

#include <functional>

#include "common/retranslatedtexts.h"

class ConnectionTest;
class ModelFolderRow;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
namespace sft { class Workspace; }

class GenerateForm : public QWidget
{
    Q_OBJECT

public:
    /** The built-in templates of a language (name → text); empty when not known. */
    using DefaultPrompts = std::function<QJsonObject(const QString &language)>;

    explicit GenerateForm(QWidget *parent = nullptr);
    ~GenerateForm() override;

    /** The seed datasets offered are the workspace's (null: none). */
    void setWorkspace(sft::Workspace *workspace);
    void setDemoModelDir(const QString &dir);
    QString demoModelDir() const;
    void setDefaultPrompts(DefaultPrompts provider) { m_defaultPrompts = std::move(provider); }
    void setThreshold(double threshold);
    /** A run is being prepared (demo model, seed export): Start waits. */
    void setPreparing(bool preparing);

    /** The worker's config as the form describes it (seeds: seedFileName()). */
    QJsonObject config() const;
    /** The seed file: a file the user picked (empty with a dataset). */
    QString seedFile() const;
    /** The seed dataset of the workspace (0 with a file). */
    qint64 seedDataset() const;
    /** The name of the seed file in the run folder: "seeds.jsonl" (the worker normalises a file to it). */
    QString seedFileName() const;
    /** The target dataset's name; empty: "generated-<run id>". */
    QString datasetName() const;
    QString modelDir() const;
    /** The key is kept in the settings (true) or read from an environment variable (false). */
    bool keyFromSettings() const;
    /** The key typed in the form (settings mode). */
    QString apiKey() const;
    /** Templates edited away from the defaults. */
    QJsonObject promptEdits() const { return m_promptEdits; }
    void setPromptEdits(const QJsonObject &edits);
    /** The form's first problem, empty when it can start. */
    QString formError() const { return m_formError; }
    /** The field the worker's validator refused (its dotted path, e.g. "sampling.temperature"); empty if none. */
    QString formErrorField() const { return m_formErrorField; }
    /** The form's widget for a config field (dotted path; "prompts.x" is the templates button); null if none. */
    QWidget *fieldWidget(const QString &field) const;
    /** The widget marked as holding the refused value; null when none is. */
    QWidget *highlightedField() const { return m_highlighted; }
    /**
     * Fill the form with a run's settings: config is its config.json (else the request); the folder's
     * config.request.json gives the seed file as it was chosen and the edited templates, gui.json the
     * target dataset, where the key comes from and the seed dataset. The key itself is never in a run
     * folder: in settings mode it is the one stored for the endpoint, as when the URL is typed.
     */
    void loadRun(const QString &runDir, const QJsonObject &config);
    /** The run selected in the list (empty dir: none): loaded unless the form was edited since the last load. */
    void setSelectedRun(const QString &runDir, const QJsonObject &config);
    /** The form's settings are now those of this run (it was just started from them). */
    void setLoadedRun(const QString &runId);
    /** The user changed the form since it was created or last filled from a run. */
    bool isEdited() const { return m_edited; }
    /** The run whose settings the form was last filled with (or started); empty: none. */
    QString loadedRun() const { return m_loadedRun; }
    /** Remember the seed file (file seeds only) in the settings: the next form starts with it. */
    void rememberSeedFile() const;
    /** Test the endpoint (GET {base}/models); the result shows under the button. */
    void testConnection();
    void openPromptsDialog();

    QComboBox *backendCombo() const { return m_backend; }
    ModelFolderRow *modelRow() const { return m_modelRow; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QComboBox *modelNameCombo() const { return m_modelName; }
    QComboBox *apiCombo() const { return m_api; }
    QComboBox *keyModeCombo() const { return m_keyMode; }
    QLineEdit *apiKeyEdit() const { return m_apiKey; }
    QLineEdit *keyEnvEdit() const { return m_keyEnv; }
    QSpinBox *timeoutSpin() const { return m_timeout; }
    QSpinBox *concurrencySpin() const { return m_concurrency; }
    QSpinBox *retriesSpin() const { return m_retries; }
    QPushButton *testButton() const { return m_test; }
    QLabel *testResultLabel() const { return m_testResult; }
    QComboBox *seedCombo() const { return m_seedSource; }
    QLineEdit *seedFileEdit() const { return m_seedFile; }
    QComboBox *languageCombo() const { return m_language; }
    QComboBox *modeCombo() const { return m_mode; }
    QSpinBox *targetSpin() const { return m_target; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    QSpinBox *maxRequestsSpin() const { return m_maxRequests; }
    QSpinBox *maxTokensSpin() const { return m_maxTokens; }
    QSpinBox *seedSpin() const { return m_seed; }
    QDoubleSpinBox *temperatureSpin() const { return m_temperature; }
    QDoubleSpinBox *topPSpin() const { return m_topP; }
    QSpinBox *sampleTokensSpin() const { return m_sampleTokens; }
    QLineEdit *datasetNameEdit() const { return m_datasetName; }
    QPushButton *promptsButton() const { return m_prompts; }
    QPushButton *startButton() const { return m_start; }
    QLabel *formErrorLabel() const { return m_formErrorLabel; }
    QLabel *runSourceLabel() const { return m_runSource; }
    QPushButton *loadRunButton() const { return m_loadRun; }
    ConnectionTest *connectionTest() const { return m_connection; }

Q_SIGNALS:
    void startRequested();
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildBackendBox();
    QWidget *buildSeedBox();
    QWidget *buildRunBox();
    QLabel *addLabel(const char *source) { return m_texts.addLabel(source); }
    void addText(QObject *widget, const char *source) { m_texts.add(widget, source); }
    void retranslate();
    void refreshDatasets();
    void formChanged();
    /** A change by the user (not by loadRun): the selected run no longer replaces the form. */
    void markEdited();
    void updateRunRow();
    void chooseSeedFile();
    void showTestResult(bool ok, const QStringList &models, const QString &error);
    QString keyForTest() const;
    /** The translated label of a config field's widget, without its colon; empty when none. */
    QString fieldLabel(const QString &field) const;
    void highlight(QWidget *widget);

    sft::Workspace *m_workspace = nullptr;
    DefaultPrompts m_defaultPrompts;
    QJsonObject m_promptEdits;
    QString m_formError, m_formErrorField;
    QWidget *m_highlighted = nullptr;
    bool m_preparing = false;
    bool m_filling = false, m_edited = false;
    QString m_loadedRun, m_selectedDir;
    QJsonObject m_selectedConfig;
    RetranslatedTexts m_texts;

    QComboBox *m_backend = nullptr, *m_modelName = nullptr, *m_api = nullptr, *m_keyMode = nullptr,
              *m_device = nullptr, *m_seedSource = nullptr, *m_language = nullptr, *m_mode = nullptr;
    QStackedWidget *m_backendStack = nullptr, *m_keyStack = nullptr;
    ModelFolderRow *m_modelRow = nullptr;
    QLineEdit *m_baseUrl = nullptr, *m_apiKey = nullptr, *m_keyEnv = nullptr, *m_seedFile = nullptr,
              *m_datasetName = nullptr;
    QSpinBox *m_timeout = nullptr, *m_concurrency = nullptr, *m_retries = nullptr, *m_target = nullptr,
             *m_maxRequests = nullptr, *m_maxTokens = nullptr, *m_seed = nullptr, *m_sampleTokens = nullptr;
    QDoubleSpinBox *m_threshold = nullptr, *m_temperature = nullptr, *m_topP = nullptr;
    QPushButton *m_test = nullptr, *m_browseSeeds = nullptr, *m_prompts = nullptr, *m_start = nullptr,
                *m_loadRun = nullptr;
    QLabel *m_testResult = nullptr, *m_promptsLabel = nullptr, *m_formErrorLabel = nullptr, *m_runSource = nullptr;
    QWidget *m_runRow = nullptr;
    ConnectionTest *m_connection = nullptr;
};
