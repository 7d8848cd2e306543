#include "context/experimentconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QPalette>

#include <cmath>

#include "context/plotutil.h"
#include "workspace/trainingrun.h"

bool ExperimentConfig::operator==(const ExperimentConfig &o) const
{
    if (kind != o.kind)
        return false;
    switch (kind) {
    case Kind::Base: return true;
    case Kind::Scaled: return scaling == o.scaling && std::abs(factor - o.factor) < 1e-9;
    case Kind::Run: return QDir::cleanPath(runDir) == QDir::cleanPath(o.runDir);
    }
    return false;
}

QVector<TrainedRun> trainedRuns(const QString &runsRoot)
{
    QVector<TrainedRun> out;
    if (runsRoot.isEmpty())
        return out;
    for (const QString &dir : sft::runs::runDirs(runsRoot)) {
        // The worker loads a run's final weights, else its newest checkpoint: a run with neither has nothing to measure.
        const QDir run(dir);
        bool trained = QFileInfo::exists(run.filePath(QStringLiteral("final/train_config.json")));
        if (!trained) {
            const QDir checkpoints(run.filePath(QStringLiteral("checkpoints")));
            for (const QString &name : checkpoints.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                trained = trained || QFileInfo::exists(checkpoints.filePath(name + QStringLiteral("/state.json")));
        }
        if (!trained)
            continue;
        const QJsonObject config = sft::runs::readConfig(dir);
        TrainedRun r;
        r.dir = dir;
        r.name = QFileInfo(dir).fileName();
        r.method = config.value(QStringLiteral("method")).toString();
        const QString base = config.value(QStringLiteral("base_model")).toString();
        if (!base.isEmpty())
            r.baseModel = QDir::cleanPath(run.absoluteFilePath(base));
        r.ropeFactor = config.value(QStringLiteral("rope_factor")).toDouble(1.0);
        out << r;
    }
    return out;
}

ExperimentConfigModel::ExperimentConfigModel(QObject *parent) : QAbstractListModel(parent) {}

ExperimentConfig ExperimentConfigModel::base()
{
    return {};
}

ExperimentConfig ExperimentConfigModel::scaled(const QString &type, double factor)
{
    ExperimentConfig c;
    c.kind = ExperimentConfig::Kind::Scaled;
    c.scaling = type;
    c.factor = factor;
    return c;
}

ExperimentConfig ExperimentConfigModel::run(const TrainedRun &run)
{
    ExperimentConfig c;
    c.kind = ExperimentConfig::Kind::Run;
    c.runDir = run.dir;
    c.runName = run.name;
    c.runMethod = run.method;
    c.runBaseModel = run.baseModel;
    c.runRopeFactor = run.ropeFactor;
    return c;
}

QStringList ExperimentConfigModel::scalingTypes()
{
    return {QStringLiteral("linear"), QStringLiteral("dynamic"), QStringLiteral("yarn"), QStringLiteral("llama3")};
}

QString ExperimentConfigModel::scalingTitle(const QString &type)
{
    if (type == QLatin1String("linear"))
        return tr("linear (position interpolation)");
    if (type == QLatin1String("dynamic"))
        return tr("dynamic NTK");
    if (type == QLatin1String("yarn"))
        return tr("YaRN");
    if (type == QLatin1String("llama3"))
        return tr("llama3");
    return type;
}

QString ExperimentConfigModel::scalingName(const QString &type)
{
    // The combo's titles without their explanation, so a chart's legend names what the combo offered.
    if (type == QLatin1String("linear"))
        return tr("linear");
    return scalingTitle(type);
}

QString ExperimentConfigModel::label(const ExperimentConfig &c)
{
    switch (c.kind) {
    case ExperimentConfig::Kind::Base:
        return tr("Base model");
    case ExperimentConfig::Kind::Scaled:
        //: %1: scaling name (linear, dynamic NTK, YaRN, llama3), %2: factor
        return tr("Base + %1 ×%2").arg(scalingName(c.scaling), contextplot::num(c.factor, 4));
    case ExperimentConfig::Kind::Run:
        if (c.runRopeFactor > 1.0)
            //: %1: run name, %2: the rope_factor it trained with
            return tr("Run %1 (RoPE ×%2)").arg(c.runName, contextplot::num(c.runRopeFactor, 4));
        return tr("Run %1").arg(c.runName);
    }
    return {};
}

QString ExperimentConfigModel::explanation(const ExperimentConfig &c, bool alibi)
{
    switch (c.kind) {
    case ExperimentConfig::Kind::Base:
        return tr("The model as its config.json describes it.");
    case ExperimentConfig::Kind::Scaled:
        if (alibi)
            return tr("This model uses ALiBi: positions enter attention as a distance penalty, not as rotations, so "
                      "there is no RoPE to scale. ALiBi extrapolates to longer inputs without it. Skipped.");
        return tr("The base model with its RoPE frequencies rescaled at inference time (%1, factor %2; "
                  "--rope-scaling %3 --rope-factor %2, which replaces any rope_scaling of its config.json), "
                  "without any training.")
            .arg(scalingTitle(c.scaling), contextplot::num(c.factor, 4), c.scaling);
    case ExperimentConfig::Kind::Run: {
        QString text = tr("The fine-tuning run %1 (%2) on its base model %3 (--adapter).")
                           .arg(c.runName, c.runMethod, c.runBaseModel.isEmpty() ? tr("(this model)") : c.runBaseModel);
        if (c.runRopeFactor > 1.0)
            text += QLatin1Char(' ')
                + tr("It trained with position interpolation ×%1, which it keeps here.")
                      .arg(contextplot::num(c.runRopeFactor, 4));
        return text;
    }
    }
    return {};
}

bool ExperimentConfigModel::isRunnable(const ExperimentConfig &config, bool alibi)
{
    return !(alibi && config.kind == ExperimentConfig::Kind::Scaled);
}

QStringList ExperimentConfigModel::modelArguments(const ExperimentConfig &c, const QString &modelDir)
{
    switch (c.kind) {
    case ExperimentConfig::Kind::Base:
        return {QStringLiteral("--model"), modelDir};
    case ExperimentConfig::Kind::Scaled:
        return {QStringLiteral("--model"), modelDir, QStringLiteral("--rope-scaling"), c.scaling,
                QStringLiteral("--rope-factor"), QString::number(c.factor, 'g', 10)};
    case ExperimentConfig::Kind::Run:
        // A run is measured on the model it trained, which may be another than the panel's.
        return {QStringLiteral("--model"), c.runBaseModel.isEmpty() ? modelDir : c.runBaseModel,
                QStringLiteral("--adapter"), c.runDir};
    }
    return {};
}

int ExperimentConfigModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_configs.size());
}

QVariant ExperimentConfigModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_configs.size())
        return {};
    const ExperimentConfig &c = m_configs.at(index.row());
    const bool runnable = isRunnable(c, m_alibi);
    if (role == Qt::DisplayRole)
        return runnable ? label(c) : tr("%1 (not for ALiBi models)").arg(label(c));
    if (role == Qt::ToolTipRole)
        return explanation(c, m_alibi);
    // Greyed rather than disabled: a disabled row could not be selected, so not removed either.
    if (role == Qt::ForegroundRole && !runnable)
        return QPalette().brush(QPalette::Disabled, QPalette::Text);
    return {};
}

Qt::ItemFlags ExperimentConfigModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_configs.size())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

void ExperimentConfigModel::setConfigs(const QVector<ExperimentConfig> &configs)
{
    beginResetModel();
    m_configs = configs;
    endResetModel();
}

int ExperimentConfigModel::add(const ExperimentConfig &config)
{
    const int existing = int(m_configs.indexOf(config));
    if (existing >= 0)
        return existing;
    const int row = int(m_configs.size());
    beginInsertRows({}, row, row);
    m_configs << config;
    endInsertRows();
    return row;
}

void ExperimentConfigModel::remove(int row)
{
    if (row < 0 || row >= m_configs.size())
        return;
    beginRemoveRows({}, row, row);
    m_configs.remove(row);
    endRemoveRows();
}

void ExperimentConfigModel::setAlibi(bool alibi)
{
    if (m_alibi == alibi)
        return;
    m_alibi = alibi;
    retranslate();
}

void ExperimentConfigModel::retranslate()
{
    if (!m_configs.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_configs.size()) - 1));
}
