// PromptPanel, second half: running `sftbench-cli score` (input files in a
// temporary folder, the worker's JSON lines through ScoreOutputParser) and
// showing the result: summary (what accuracy covers, what was left out and
// why), confusion heatmap, per-example label probabilities and answer
// scores, and the template comparison table.

#include "prompt/promptpanel.h"

#include "common/modelfolderrow.h"
#include "common/panelutil.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QHash>
#include <QTableWidget>

#include "prompt/confusionheatmap.h"
#include "common/workerrun.h"
#include "prompt/template.h"
#include "qcustomplot.h"
#include "scoring/scoring_data.h"
#include "workspace/qtstrings.h"
#include "workspace/promptstore.h"
#include "workspace/workspace.h"

#include <algorithm>

namespace {

QString percent(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QStringLiteral("—");
}

/** Answer -> label name, from a verbalizer as {"labels": [{"name", "answers"}]}. */
QHash<QString, QString> labelOfAnswer(const QJsonObject &answers)
{
    QHash<QString, QString> out;
    for (const QJsonValue &l : answers.value(QStringLiteral("labels")).toArray())
        for (const QJsonValue &a : l.toObject().value(QStringLiteral("answers")).toArray())
            out.insert(a.toString(), l.toObject().value(QStringLiteral("name")).toString());
    return out;
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
    m_runInputs = RunInputs();
    Q_EMIT message(tr("Scoring with %1…").arg(QFileInfo(modelDir()).fileName()));
    WorkerRun::Options options;
    options.modelDir = modelDir();
    options.demoModelDir = m_modelRow->demoModelDir();
    options.scratch = true;
    return m_worker->start([this](const QString &dir) { return writeInputs(dir); }, options);
}

QStringList PromptPanel::writeInputs(const QString &dir)
{
    RunInputs in;
    in.templateText = m_templateText;
    in.answers = m_answers;
    in.options = m_options;
    sft::promptstore::writeJsonFile(QDir(dir).filePath(QStringLiteral("answers.json")), m_answers);
    QFile input(QDir(dir).filePath(QStringLiteral("input.jsonl")));
    if (!input.open(QIODevice::WriteOnly))
        throw std::runtime_error(tr("cannot write the input file").toStdString());
    const auto records = sft::promptstore::records(m_workspace->db(), m_datasetId,
                                                   m_options.value(QStringLiteral("accepted_only")).toBool(),
                                                   m_options.value(QStringLiteral("limit")).toInt(200));
    in.read = int(records.size());
    // The worker's own reader decides which outputs are gold labels (a label name, an answer, or a name
    // up to case and spaces); it refuses any other gold label, so those records go without one.
    const sft::prompt::Verbalizer verbalizer = sft::scoring::parseVerbalizer(
        QJsonDocument(m_answers).toJson(QJsonDocument::Compact).toStdString(), "answers.json");
    const bool usesInput = sft::prompt::Template::parse(sft::ss(m_templateText)).hasInputSlot();
    for (const sft::RecordData &r : records) {
        const QString text = sft::promptstore::recordText(r);
        if (usesInput && text.trimmed().isEmpty()) {
            ++in.emptyText;  // nothing to put in [X]: its score would say nothing about the record
            continue;
        }
        const QString output = r.output.trimmed();
        const bool gold = !output.isEmpty() && sft::scoring::matchLabel(verbalizer, sft::ss(output)) >= 0;
        if (output.isEmpty()) {
            ++in.noOutput;
        } else if (!gold) {
            ++in.notALabel;
            if (in.notALabelSamples.size() < 3 && !in.notALabelSamples.contains(output.left(30)))
                in.notALabelSamples << output.left(30);
        }
        QJsonObject o{{QStringLiteral("text"), text},
                      {QStringLiteral("label"), gold ? QJsonValue(output) : QJsonValue()},
                      {QStringLiteral("instruction"), r.instruction},
                      {QStringLiteral("input"), r.input},
                      {QStringLiteral("output"), r.output},
                      {QStringLiteral("id"), r.id}};
        input.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        in.recordIds.push_back(r.id);
    }
    if (in.recordIds.isEmpty())
        throw std::runtime_error(
            (in.read == 0 ? tr("The dataset has no records to score.")
                          : tr("None of the %n record(s) read has a text to put in [X].", nullptr, in.read))
                .toStdString());
    in.valid = true;
    m_runInputs = in;
    return workerArguments(dir);
}

void PromptPanel::stop() { m_worker->stop(); }

void PromptPanel::finishRun(bool ok, const QString &error)
{
    if (ok) {
        m_result = m_parser.result();
        m_resultInputs = m_runInputs;
        updateResultView();
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
    m_resultInputs = RunInputs();  // not from a run of this panel: only what the worker's lines say
    updateResultView();
}

QString PromptPanel::summaryText() const
{
    const sft::ScoreResult &r = m_result;
    if (!r.hasSummary)
        return tr("%n example(s) scored (no summary).", nullptr, int(r.examples.size()));
    QStringList lines;
    // The numbers first, with their base: only records with a gold label count in them.
    if (r.accuracy)
        lines << tr("Accuracy %1 · macro-F1 %2 over the %n record(s) with a gold label.", nullptr, r.withGold)
                     .arg(percent(r.accuracy), percent(r.macroF1));
    else
        lines << tr("No accuracy: none of the scored records has a gold label (an output that is one of the "
                    "labels or answers).");
    lines << tr("%n record(s) scored in %1 s.", nullptr, r.count).arg(r.seconds, 0, 'f', 1);
    const int withoutGold = r.count - r.withGold;
    const RunInputs &in = m_resultInputs;
    if (withoutGold > 0) {
        QStringList why;
        if (in.valid && in.notALabel + in.noOutput == withoutGold) {
            if (in.notALabel > 0) {
                QStringList quoted;
                for (const QString &o : in.notALabelSamples)
                    quoted << QStringLiteral("“%1”").arg(o);
                why << tr("%n whose output is not one of the labels or answers (%1)", nullptr, in.notALabel)
                           .arg(quoted.join(QStringLiteral(", ")));
            }
            if (in.noOutput > 0)
                why << tr("%n with an empty output", nullptr, in.noOutput);
        }
        lines << (why.isEmpty()
                      ? tr("%n record(s) without a gold label: scored, but not in accuracy or macro-F1.", nullptr,
                           withoutGold)
                      : tr("%n record(s) without a gold label, scored but not in accuracy or macro-F1: %1.",
                           nullptr, withoutGold)
                            .arg(why.join(QStringLiteral("; "))));
    }
    if (in.valid && in.emptyText > 0)
        lines << tr("%n record(s) skipped (not scored): no text for [X] (empty instruction and input).", nullptr,
                    in.emptyText);
    if (in.valid)
        lines << tr("%n record(s) read (%1, at most %2).", nullptr, in.read)
                     .arg(in.options.value(QStringLiteral("accepted_only")).toBool() ? tr("accepted only") : tr("all"))
                     .arg(in.options.value(QStringLiteral("limit")).toInt(200));
    return lines.join(QLatin1Char('\n'));
}

void PromptPanel::updateResultView()
{
    const sft::ScoreResult &result = m_result;
    m_summary->setText(summaryText());
    m_heatmap->setMatrix(result.labels, result.confusion);
    m_examples->setRowCount(int(result.examples.size()));
    for (int i = 0; i < result.examples.size(); ++i) {
        const sft::ScoredExample &e = result.examples[i];
        // The record's ID, as the rest of the app shows it (the worker only knows its line in the input).
        auto *id = new QTableWidgetItem;
        if (m_resultInputs.valid && e.index >= 0 && e.index < m_resultInputs.recordIds.size())
            id->setData(Qt::DisplayRole, m_resultInputs.recordIds[e.index]);
        else
            id->setText(QStringLiteral("—"));
        m_examples->setItem(i, 0, id);
        m_examples->setItem(i, 1, new QTableWidgetItem(e.gold.value_or(QString())));
        auto *pred = new QTableWidgetItem(e.predicted);
        if (e.correct)
            pred->setForeground(*e.correct ? QColor(27, 122, 27) : QColor(176, 0, 32));
        m_examples->setItem(i, 2, pred);
        m_examples->setItem(i, 3, new QTableWidgetItem(e.text.simplified()));
    }
    if (!result.examples.isEmpty()) {
        const int row = std::clamp(m_examples->currentRow(), 0, int(result.examples.size()) - 1);
        m_examples->setCurrentCell(row, 0);
        showExample(row);
    } else {
        showExample(-1);
    }
}

void PromptPanel::showExample(int row)
{
    QVector<double> keys, values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    m_answerScores->setRowCount(0);
    if (row >= 0 && row < m_result.examples.size()) {
        const sft::ScoredExample &e = m_result.examples[row];
        for (int i = 0; i < e.labels.size(); ++i) {
            keys.push_back(i);
            values.push_back(i < e.labelProbs.size() ? e.labelProbs[i] : 0);
            ticker->addTick(i, e.labels[i]);
        }
        // Each label's answers under it, best first; the best is the one that decides the label under "max".
        const QHash<QString, QString> labelOf =
            labelOfAnswer(m_resultInputs.valid ? m_resultInputs.answers : m_answers);
        QStringList order = e.labels;
        for (const auto &a : e.answers)
            if (!order.contains(labelOf.value(a.answer)))
                order << labelOf.value(a.answer);
        auto number = [](double v, int decimals) {
            auto *item = new QTableWidgetItem(QString::number(v, 'f', decimals));
            item->setData(Qt::UserRole, v);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        for (const QString &label : std::as_const(order)) {
            QList<sft::ScoredExample::Answer> answers;
            for (const auto &a : e.answers)
                if (labelOf.value(a.answer) == label)
                    answers << a;
            std::stable_sort(answers.begin(), answers.end(), [](const auto &a, const auto &b) { return a.score > b.score; });
            for (int j = 0; j < answers.size(); ++j) {
                const auto &a = answers[j];
                const int r = m_answerScores->rowCount();
                m_answerScores->insertRow(r);
                QList<QTableWidgetItem *> items{new QTableWidgetItem(label), new QTableWidgetItem(a.answer),
                                                number(a.score, 3), number(a.logprob, 3), number(a.tokens, 0)};
                for (int c = 0; c < items.size(); ++c) {
                    if (j == 0 && answers.size() > 1) {
                        QFont f = items[c]->font();
                        f.setBold(true);
                        items[c]->setFont(f);
                        items[c]->setToolTip(tr("The best-scoring answer of %1").arg(label));
                    }
                    m_answerScores->setItem(r, c, items[c]);
                }
            }
        }
    }
    m_scoreBars->setData(keys, values, true);
    m_scorePlot->xAxis->setTicker(ticker);
    m_scorePlot->xAxis->setRange(-0.6, std::max(0.6, keys.size() - 0.4));
    m_scorePlot->replot(QCustomPlot::rpQueuedReplot);
}

void PromptPanel::addComparison()
{
    // One row per run, with everything that changes its numbers besides the template.
    const RunInputs &in = m_resultInputs;
    const bool sorting = m_compare->isSortingEnabled();
    m_compare->setSortingEnabled(false);
    const int row = m_compare->rowCount();
    m_compare->insertRow(row);
    m_compare->setItem(row, 0, new QTableWidgetItem(QString(in.templateText).replace(QLatin1Char('\n'), QStringLiteral("⏎"))));
    auto option = [](const QString &text, const QVariant &value) {
        auto *item = new QTableWidgetItem(text);
        item->setData(Qt::UserRole, value);
        return item;
    };
    const bool calibrate = in.options.value(QStringLiteral("calibrate")).toBool();
    const QString normalize = in.options.value(QStringLiteral("normalize")).toString(QStringLiteral("sum"));
    const QString aggregate = in.options.value(QStringLiteral("aggregate")).toString(QStringLiteral("max"));
    m_compare->setItem(row, 1, option(calibrate ? tr("on") : tr("off"), calibrate));
    const int n = m_normalize->findData(normalize), a = m_aggregate->findData(aggregate);
    m_compare->setItem(row, 2, option(n >= 0 ? m_normalize->itemText(n) : normalize, normalize));
    m_compare->setItem(row, 3, option(a >= 0 ? m_aggregate->itemText(a) : aggregate, aggregate));
    auto *records = option(tr("%1 / %2 (%3)")
                               .arg(m_result.withGold)
                               .arg(m_result.count)
                               .arg(in.options.value(QStringLiteral("accepted_only")).toBool() ? tr("accepted only")
                                                                                                 : tr("all")),
                           m_result.withGold);
    records->setToolTip(tr("Records with a gold label (the base of accuracy and macro-F1) / records scored"));
    m_compare->setItem(row, 4, records);
    auto number = [](const std::optional<double> &v) {
        auto *item = new QTableWidgetItem;
        if (v)
            item->setData(Qt::DisplayRole, std::round(*v * 1000) / 1000);
        else
            item->setText(QStringLiteral("—"));
        return item;
    };
    m_compare->setItem(row, 5, number(m_result.accuracy));
    m_compare->setItem(row, 6, number(m_result.macroF1));
    m_compare->setSortingEnabled(sorting);
}
