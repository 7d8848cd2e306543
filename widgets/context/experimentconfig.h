#pragma once
// What the Experiments view compares: a list of model configurations, each
// the base model, the base model with an inference-time RoPE scaling
// (--rope-scaling TYPE --rope-factor S), or a fine-tuning run of the workspace
// (--adapter RUNDIR, on the base model the run trained). A RoPE scaling has
// no meaning for an ALiBi model (its positions are a distance penalty, not a
// rotation), so on one such entries are shown disabled and skipped.

#include <QAbstractListModel>
#include <QString>
#include <QStringList>
#include <QVector>

struct ExperimentConfig
{
    enum class Kind { Base, Scaled, Run };
    Kind kind = Kind::Base;
    /** Scaled: the worker's --rope-scaling name (linear, dynamic, yarn, llama3) and --rope-factor. */
    QString scaling = QStringLiteral("linear");
    double factor = 2.0;
    /** Run: its folder, its name (the folder name), its method, the base model it trained and its rope_factor. */
    QString runDir, runName, runMethod, runBaseModel;
    double runRopeFactor = 1.0;

    bool operator==(const ExperimentConfig &o) const;
};

/** A training run of the workspace that can be measured (it has final weights or a checkpoint). */
struct TrainedRun
{
    QString dir, name, method, baseModel;  ///< baseModel absolute (resolved against the run folder); may be empty
    double ropeFactor = 1.0;
};

/** The measurable runs under runsRoot (sft::runs::runsRoot of the workspace), oldest first. */
QVector<TrainedRun> trainedRuns(const QString &runsRoot);

class ExperimentConfigModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit ExperimentConfigModel(QObject *parent = nullptr);

    static ExperimentConfig base();
    static ExperimentConfig scaled(const QString &type, double factor);
    static ExperimentConfig run(const TrainedRun &run);

    /** The names the add row offers: "linear (position interpolation)", "dynamic NTK", "YaRN", "llama3". */
    static QString scalingTitle(const QString &type);
    /** The same names in labels and legends: "linear", "dynamic NTK", "YaRN", "llama3". */
    static QString scalingName(const QString &type);
    static QStringList scalingTypes();
    /** A configuration's name in charts, lists and the CSV. */
    static QString label(const ExperimentConfig &config);
    /** Why it runs as it does (the worker options) or why it cannot run. */
    static QString explanation(const ExperimentConfig &config, bool alibi);
    /** Scaling cannot apply to ALiBi models. */
    static bool isRunnable(const ExperimentConfig &config, bool alibi);
    /**
     * The model options of the worker for config: --model (the run's base model for a run, else
     * modelDir), --adapter, --rope-scaling / --rope-factor.
     */
    static QStringList modelArguments(const ExperimentConfig &config, const QString &modelDir);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const QVector<ExperimentConfig> &configs() const { return m_configs; }
    const ExperimentConfig &config(int row) const { return m_configs.at(row); }
    void setConfigs(const QVector<ExperimentConfig> &configs);
    /** Adds config unless the same one is listed; returns its row. */
    int add(const ExperimentConfig &config);
    void remove(int row);

    void setAlibi(bool alibi);
    bool isAlibi() const { return m_alibi; }
    bool isRunnable(int row) const { return isRunnable(m_configs.at(row), m_alibi); }
    /** Labels changed with the language. */
    void retranslate();

private:
    QVector<ExperimentConfig> m_configs;
    bool m_alibi = false;
};
