// PromptPanel, second half: running `sftbench-cli score` (input files in a
// temporary folder, the worker's JSON lines through ScoreOutputParser) and
// showing the result: summary, confusion heatmap, per-example label scores
// and the template comparison table.

#include "prompt/promptpanel.h"

#include "common/modelfolderrow.h"
#include "common/panelutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>

#include "prompt/confusionheatmap.h"
#include "common/workerrun.h"
#include "qcustomplot.h"
#include "workspace/promptstore.h"
#include "workspace/workspace.h"

namespace {

QString percent(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QStringLiteral("—");
}

} // namespace

QStringList PromptPanel::workerArguments(const QString &dir) const
{
    QStringList args{QStringLiteral("score"),
                     QStringLiteral("--model"), modelDir(),
                     QStringLiteral("--template"), cliEscape(m_templateText),
                     QStringLiteral("--answers"), QDir(dir).filePath(QStringLiteral("answers.json")),
                     QStringLiteral("--input"), QDir(dir).filePath(QStringLiteral("input.jsonl")),
                     QStringLiteral("--normalize"), m_options.value(QStringLiteral("normalize")).toString(QStringLiteral("sum")),
                     QStringLiteral("--aggregate"), m_options.value(QStringLiteral("aggregate")).toString(QStringLiteral("max")),
                     QStringLiteral("--label-field"), QStringLiteral("label"),
                     QStringLiteral("--text-field"), QStringLiteral("text")};
    if (m_options.value(QStringLiteral("calibrate")).toBool())
        args << QStringLiteral("--calibrate");
    return args;
}

bool PromptPanel::isRunning() const { return m_worker->isRunning(); }

bool PromptPanel::run()
{
    if (isRunning())
        return false;
    validate();
    if (!m_templateError.isEmpty() || !m_verbalizerError.isEmpty()) {
        Q_EMIT message(tr("Fix the template or the verbalizer first: %1")
                           .arg(m_templateError.isEmpty() ? m_verbalizerError : m_templateError));
        return false;
    }
    if (!m_workspace || !m_datasetId) {
        Q_EMIT message(tr("Choose a dataset to score."));
        return false;
    }
    if (modelDir().isEmpty()) {
        Q_EMIT message(tr("Choose a model folder."));
        return false;
    }
    m_parser = sft::ScoreOutputParser();
    m_runTemplate = m_templateText;
    Q_EMIT message(tr("Scoring with %1…").arg(QFileInfo(modelDir()).fileName()));
    WorkerRun::Options options;
    options.modelDir = modelDir();
    options.demoModelDir = m_modelRow->demoModelDir();
    options.scratch = true;
    return m_worker->start([this](const QString &dir) { return writeInputs(dir); }, options);
}

QStringList PromptPanel::writeInputs(const QString &dir)
{
    QJsonObject answers = m_answers;
    sft::promptstore::writeJsonFile(QDir(dir).filePath(QStringLiteral("answers.json")), answers);
    QFile input(QDir(dir).filePath(QStringLiteral("input.jsonl")));
    if (!input.open(QIODevice::WriteOnly))
        throw std::runtime_error(tr("cannot write the input file").toStdString());
    const auto records = sft::promptstore::records(m_workspace->db(), m_datasetId,
                                                   m_options.value(QStringLiteral("accepted_only")).toBool(),
                                                   m_options.value(QStringLiteral("limit")).toInt(200));
    if (records.isEmpty())
        throw std::runtime_error(tr("The dataset has no records to score.").toStdString());
    // A record's output is its gold label only when it names a label or one of its answers
    // (the worker refuses other gold labels); other records are scored without one.
    QSet<QString> known;
    for (const QJsonValue &l : m_answers.value(QStringLiteral("labels")).toArray()) {
        known.insert(l.toObject().value(QStringLiteral("name")).toString().trimmed().toLower());
        for (const QJsonValue &z : l.toObject().value(QStringLiteral("answers")).toArray())
            known.insert(z.toString().trimmed().toLower());
    }
    for (const sft::RecordData &r : records) {
        const QString gold = known.contains(r.output.trimmed().toLower()) ? r.output.trimmed() : QString();
        QJsonObject o{{QStringLiteral("text"), sft::promptstore::recordText(r)},
                      {QStringLiteral("label"), gold.isEmpty() ? QJsonValue() : QJsonValue(gold)},
                      {QStringLiteral("instruction"), r.instruction},
                      {QStringLiteral("input"), r.input},
                      {QStringLiteral("output"), r.output},
                      {QStringLiteral("id"), r.id}};
        input.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    }
    return workerArguments(dir);
}

void PromptPanel::stop() { m_worker->stop(); }

void PromptPanel::finishRun(bool ok, const QString &error)
{
    if (ok) {
        showResult(m_parser.result());
        addComparison();
        Q_EMIT message(tr("Scored %n example(s).", nullptr, int(m_result.examples.size())));
    } else {
        m_summary->setText(tr("The run failed: %1").arg(error));
        Q_EMIT message(tr("Scoring failed: %1").arg(error));
    }
    Q_EMIT runEnded(ok);
}

void PromptPanel::setRunning(bool running)
{
    m_run->setText(running ? tr("Stop") : tr("Run"));
}

void PromptPanel::showResult(const sft::ScoreResult &result)
{
    m_result = result;
    if (result.hasSummary)
        m_summary->setText(tr("Accuracy %1 · macro-F1 %2 · %3 example(s) · %4 s")
                               .arg(percent(result.accuracy), percent(result.macroF1))
                               .arg(result.count)
                               .arg(result.seconds, 0, 'f', 1));
    else
        m_summary->setText(tr("%n example(s) scored (no summary).", nullptr, int(result.examples.size())));
    m_heatmap->setMatrix(result.labels, result.confusion);
    m_examples->setRowCount(int(result.examples.size()));
    for (int i = 0; i < result.examples.size(); ++i) {
        const sft::ScoredExample &e = result.examples[i];
        auto *index = new QTableWidgetItem;
        index->setData(Qt::DisplayRole, e.index);
        m_examples->setItem(i, 0, index);
        m_examples->setItem(i, 1, new QTableWidgetItem(e.gold.value_or(QString())));
        auto *pred = new QTableWidgetItem(e.predicted);
        if (e.correct)
            pred->setForeground(*e.correct ? QColor(27, 122, 27) : QColor(176, 0, 32));
        m_examples->setItem(i, 2, pred);
        m_examples->setItem(i, 3, new QTableWidgetItem(e.text.simplified()));
    }
    if (!result.examples.isEmpty())
        m_examples->setCurrentCell(0, 0);
    else
        showExample(-1);
}

void PromptPanel::showExample(int row)
{
    QVector<double> keys, values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    if (row >= 0 && row < m_result.examples.size()) {
        const sft::ScoredExample &e = m_result.examples[row];
        for (int i = 0; i < e.labels.size(); ++i) {
            keys.push_back(i);
            values.push_back(i < e.labelProbs.size() ? e.labelProbs[i] : 0);
            ticker->addTick(i, e.labels[i]);
        }
    }
    m_scoreBars->setData(keys, values, true);
    m_scorePlot->xAxis->setTicker(ticker);
    m_scorePlot->xAxis->setRange(-0.6, std::max(0.6, keys.size() - 0.4));
    m_scorePlot->replot(QCustomPlot::rpQueuedReplot);
}

void PromptPanel::addComparison()
{
    const bool sorting = m_compare->isSortingEnabled();
    m_compare->setSortingEnabled(false);
    const int row = m_compare->rowCount();
    m_compare->insertRow(row);
    m_compare->setItem(row, 0, new QTableWidgetItem(QString(m_runTemplate).replace(QLatin1Char('\n'), QStringLiteral("⏎"))));
    auto number = [](const std::optional<double> &v) {
        auto *item = new QTableWidgetItem;
        if (v)
            item->setData(Qt::DisplayRole, std::round(*v * 1000) / 1000);
        else
            item->setText(QStringLiteral("—"));
        return item;
    };
    m_compare->setItem(row, 1, number(m_result.accuracy));
    m_compare->setItem(row, 2, number(m_result.macroF1));
    m_compare->setSortingEnabled(sorting);
}
