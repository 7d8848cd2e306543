// ExperimentsView, second half: a comparison run. Every runnable
// configuration gets a perplexity step and a passkey step (those asked for);
// ExperimentRun runs them one after the other and the parsed results go into
// one result per configuration, the charts and the progress line.

#include "context/experimentsview.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace {

/** A comma-separated list split on ',' and on the full-width '，' that Chinese input methods type. */
QStringList listItems(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[,\\x{FF0C}]")), Qt::SkipEmptyParts);
}

/** "512, 128,256,128" -> 128, 256, 512 (sorted, each once); false when one is not an integer of at least minimum. */
bool parseLengths(const QString &text, int minimum, QVector<int> &out)
{
    out.clear();
    for (const QString &part : listItems(text)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v < minimum)
            return false;
        out << v;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return !out.isEmpty();
}

/** Depths typed in percent ("0, 25%, 100") -> the worker's fractions 0..1, sorted, each once. */
bool parseDepths(const QString &text, QVector<double> &out)
{
    out.clear();
    for (QString part : listItems(text)) {
        part = part.trimmed();
        if (part.endsWith(QLatin1Char('%')) || part.endsWith(QChar(0xFF05)))   // '%' or the full-width '％'
            part.chop(1);
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !(v >= 0.0 && v <= 100.0))
            return false;
        out << v / 100.0;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return !out.isEmpty();
}

template <typename T>
QString joined(const QVector<T> &values)
{
    QStringList parts;
    for (T v : values)
        parts << QString::number(v);
    return parts.join(QLatin1Char(','));
}

} // namespace

bool ExperimentsView::isRunning() const
{
    return m_run->isRunning();
}

void ExperimentsView::stop()
{
    m_run->stop();
}

QStringList ExperimentsView::resultLabels() const
{
    QStringList labels;
    for (const ExperimentConfig &c : m_resultConfigs)
        labels << ExperimentConfigModel::label(c);
    return labels;
}

QString ExperimentsView::csv() const
{
    return contextCsv(resultLabels(), m_perplexity, m_passkey);
}

bool ExperimentsView::buildSteps(const QVector<ExperimentConfig> &configs, QVector<ExperimentRun::Step> &steps,
                                 QString &error) const
{
    steps.clear();
    QStringList perplexityArgs, passkeyArgs;
    QByteArray text;
    if (m_doPerplexity->isChecked()) {
        QVector<int> lengths;
        if (!parseLengths(m_lengths->text(), 2, lengths)) {
            error = tr("Lengths: give window lengths of at least 2 tokens, separated by commas.");
            return false;
        }
        // A stride past a window's end would leave tokens between windows unscored.
        if (m_strideCheck->isChecked() && m_stride->value() > lengths.first()) {
            error = tr("Stride: %1 tokens is longer than the shortest window (%2 tokens); choose at most %2, or "
                       "untick Stride.")
                        .arg(m_stride->value())
                        .arg(lengths.first());
            return false;
        }
        perplexityArgs << QStringLiteral("--lengths") << joined(lengths);
        if (m_strideCheck->isChecked())
            perplexityArgs << QStringLiteral("--stride") << QString::number(m_stride->value());
        if (m_maxWindows->value() > 0)
            perplexityArgs << QStringLiteral("--max-windows") << QString::number(m_maxWindows->value());
        const QString file = m_textFile->text().trimmed();
        if (file.isEmpty()) {
            text = ExperimentRun::demoText();
            if (text.isEmpty()) {
                error = tr("This build has no demo texts: choose a text file.");
                return false;
            }
        } else if (!QFileInfo(file).isFile()) {
            error = tr("The text file %1 does not exist.").arg(QDir::toNativeSeparators(file));
            return false;
        } else {
            perplexityArgs << QStringLiteral("--text") << QFileInfo(file).absoluteFilePath();
        }
    }
    if (m_doPasskey->isChecked()) {
        QVector<int> lengths;
        QVector<double> depths;
        if (!parseLengths(m_keyLengths->text(), 16, lengths)) {
            error = tr("Passkey lengths: give prompt lengths of at least 16 tokens, separated by commas.");
            return false;
        }
        if (!parseDepths(m_depths->text(), depths)) {
            error = tr("Depths: give percentages from 0 (start) to 100 (end), separated by commas.");
            return false;
        }
        passkeyArgs << QStringLiteral("--lengths") << joined(lengths) << QStringLiteral("--depths") << joined(depths)
                    << QStringLiteral("--trials") << QString::number(m_trials->value()) << QStringLiteral("--seed")
                    << QString::number(m_seed->value());
    }
    for (int i = 0; i < configs.size(); ++i) {
        const QStringList model = ExperimentConfigModel::modelArguments(configs[i], m_model.dir);
        const QString modelDir = model.value(1);
        // One step a measure: its command, the configuration's model options, the measure's options.
        const auto addStep = [&](ContextOutputParser::Kind kind, const QString &command, const QStringList &args,
                                 const QByteArray &stepText) {
            ExperimentRun::Step s;
            s.config = i;
            s.kind = kind;
            s.args = QStringList{command} + model + args;
            s.modelDir = modelDir;
            s.text = stepText;
            steps << s;
        };
        if (m_doPerplexity->isChecked())
            addStep(ContextOutputParser::Kind::Perplexity, QStringLiteral("perplexity"), perplexityArgs, text);
        if (m_doPasskey->isChecked())
            addStep(ContextOutputParser::Kind::Passkey, QStringLiteral("passkey"), passkeyArgs, QByteArray());
    }
    if (steps.isEmpty()) {
        error = tr("Nothing to run: tick perplexity or passkey retrieval.");
        return false;
    }
    return true;
}

bool ExperimentsView::run()
{
    if (isRunning())
        return false;
    auto fail = [this](const QString &reason) {
        setStatus([reason] { return reason; }, true);
        return false;
    };
    if (m_model.dir.isEmpty())
        return fail(tr("Choose a model first."));
    QVector<ExperimentConfig> configs;
    for (int row = 0; row < m_configs->rowCount(); ++row)
        if (m_configs->isRunnable(row))
            configs << m_configs->config(row);
    if (configs.isEmpty())
        return fail(m_configs->rowCount() > 0 ? tr("None of the configurations applies to this model.")
                                              : tr("Add a configuration to measure."));
    QVector<ExperimentRun::Step> steps;
    QString error;
    if (!buildSteps(configs, steps, error))
        return fail(error);

    // The results describe this model, whatever is chosen while they are measured.
    m_resultConfigs = configs;
    m_resultModelDir = m_model.dir;
    m_resultMaxPositions = m_model.maxPositions;
    m_perplexity = QVector<PerplexityResult>(configs.size());
    m_passkey = QVector<PasskeyResult>(configs.size());
    m_charts->setConfigurations(resultLabels());
    m_charts->setMaxPositions(m_resultMaxPositions);
    updateResultsLabel();
    m_progress->setValue(0);
    setStatus([this] { return progressText(); });
    return m_run->start(steps);
}

QString ExperimentsView::progressText() const
{
    const int index = m_run->stepIndex();
    if (index < 0 || index >= m_run->stepCount())
        return {};
    const ExperimentRun::Step &step = m_run->step(index);
    const QString label = ExperimentConfigModel::label(m_resultConfigs.value(step.config));
    QString detail;
    if (step.kind == ContextOutputParser::Kind::Perplexity) {
        const PerplexityResult &r = m_run->parser().perplexity();
        if (!r.started)
            detail = tr("loading the model…");
        else if (r.progressLength > 0 && !r.find(r.progressLength))
            //: perplexity progress: window length, windows done, windows of that length
            detail = tr("length %1, window %2 of %3").arg(r.progressLength).arg(r.window).arg(r.windows);
        else
            detail = tr("%n length(s) measured", nullptr, int(r.lengths.size()));
        //: %1 step number, %2 steps, %3 configuration, %4 what is happening
        return tr("Step %1 of %2 · perplexity · %3: %4").arg(index + 1).arg(m_run->stepCount()).arg(label, detail);
    }
    const PasskeyResult &r = m_run->parser().passkey();
    if (!r.started)
        detail = tr("loading the model…");
    else
        detail = tr("trial %1 of %2").arg(r.trialsDone).arg(qint64(r.lengths.size()) * r.depths.size() * r.trials);
    return tr("Step %1 of %2 · passkey · %3: %4").arg(index + 1).arg(m_run->stepCount()).arg(label, detail);
}

void ExperimentsView::onRecord(int index, ContextOutputParser::Event event)
{
    const ExperimentRun::Step &step = m_run->step(index);
    if (step.config < 0 || step.config >= m_resultConfigs.size())
        return;
    int workerMax = 0;
    if (step.kind == ContextOutputParser::Kind::Perplexity) {
        m_perplexity[step.config] = m_run->parser().perplexity();
        workerMax = m_perplexity[step.config].maxPositions;
        if (event != ContextOutputParser::Event::Progress)
            m_charts->perplexityChanged(step.config);
    } else {
        m_passkey[step.config] = m_run->parser().passkey();
        workerMax = m_passkey[step.config].maxPositions;
        if (event != ContextOutputParser::Event::Trial)
            m_charts->passkeyChanged(step.config);
    }
    // The model's own context, when its config.json could not be read before (the demo model just written).
    if (event == ContextOutputParser::Event::Start && m_resultMaxPositions == 0 && workerMax > 0
        && m_resultConfigs[step.config].kind == ExperimentConfig::Kind::Base) {
        m_resultMaxPositions = workerMax;
        m_charts->setMaxPositions(workerMax);
        updateResultsLabel();
    }
    if (event == ContextOutputParser::Event::Length || event == ContextOutputParser::Event::Cell)
        updateButtons();  // the first number enables Export
    m_progress->setValue(qRound(m_run->fraction() * 1000));
    setStatus([this] { return progressText(); });
}

void ExperimentsView::onFinished(bool ok, const QString &workerError)
{
    // The worker writes "error: <reason>"; the status line says "… failed: <reason>".
    QString error = workerError.trimmed();
    if (error.startsWith(QLatin1String("error: ")))
        error = error.mid(7);
    if (ok) {
        m_progress->setValue(1000);
        const int n = int(m_resultConfigs.size());
        setStatus([n] { return tr("Done: %n configuration(s) measured.", nullptr, n); });
    } else if (m_run->wasStopped()) {
        setStatus([] { return tr("Stopped."); });
    } else {
        const int index = m_run->stepIndex();
        const ExperimentRun::Step step = index >= 0 && index < m_run->stepCount() ? m_run->step(index) : ExperimentRun::Step();
        const ExperimentConfig config = m_resultConfigs.value(step.config);
        const bool perplexity = step.kind == ContextOutputParser::Kind::Perplexity;
        setStatus(
            [config, perplexity, error] {
                //: %1 configuration, %2 the worker's error
                return perplexity ? tr("Perplexity of “%1” failed: %2").arg(ExperimentConfigModel::label(config), error)
                                  : tr("Passkey of “%1” failed: %2").arg(ExperimentConfigModel::label(config), error);
            },
            true);
    }
    updateButtons();
    // A model chosen during the run (the panel's row is disabled then, so only from code) is taken now.
    if (m_hasPendingModel)
        applyModel(m_pendingModel);
    Q_EMIT finished(ok, error);
}
