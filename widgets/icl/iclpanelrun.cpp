// IclPanel, second half: the preview and run column (demo selection, the
// assembled prompt, run options) and running `sftbench-cli icl` with the
// demonstrations, the test records and the labels written to a temporary
// folder; its JSON lines go through IclOutputParser into the accuracy plot
// and the progress bar (one line per run, out of plannedRuns()).

#include "icl/iclpanel.h"

#include "common/panelutil.h"
#include "common/modelfolderrow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QVBoxLayout>

#include "icl/accuracyplot.h"
#include "common/workerrun.h"
#include "scoring/scoring_data.h"
#include "workspace/promptstore.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

void IclPanel::buildRun(QWidget *box)
{
    m_selectionLabel = new QLabel(box);
    m_selection = new QComboBox(box);
    m_selection->setObjectName(QStringLiteral("selectionCombo"));
    m_selection->addItem(QString(), QStringLiteral("manual"));
    m_selection->addItem(QString(), QStringLiteral("random"));
    m_selection->addItem(QString(), QStringLiteral("rouge"));
    m_seedLabel = new QLabel(box);
    m_seed = new QSpinBox(box);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(0, 1000000);
    m_previewKLabel = new QLabel(box);
    m_previewK = new QSpinBox(box);
    m_previewK->setObjectName(QStringLiteral("previewKSpin"));
    m_previewK->setRange(0, 64);
    m_previewK->setValue(4);
    m_testInputLabel = new QLabel(box);
    m_testInput = new QLineEdit(box);
    m_testInput->setObjectName(QStringLiteral("testInputEdit"));
    auto *selRow = new QHBoxLayout;
    selRow->addWidget(m_selectionLabel);
    selRow->addWidget(m_selection, 1);
    selRow->addWidget(m_seedLabel);
    selRow->addWidget(m_seed);
    selRow->addWidget(m_previewKLabel);
    selRow->addWidget(m_previewK);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testInputLabel);
    testRow->addWidget(m_testInput, 1);

    m_previewTitle = titleLabel(box);
    m_preview = new QPlainTextEdit(box);
    m_preview->setObjectName(QStringLiteral("promptPreview"));
    m_preview->setReadOnly(true);
    m_tokens = new QLabel(box);
    m_tokens->setObjectName(QStringLiteral("tokenLabel"));
    m_labelsNote = new QLabel(box);
    m_labelsNote->setObjectName(QStringLiteral("labelsNote"));
    m_labelsNote->setWordWrap(true);

    m_runTitle = titleLabel(box);
    m_ksLabel = new QLabel(box);
    m_ks = new QLineEdit(QStringLiteral("0,1,2,4"), box);
    m_ks->setObjectName(QStringLiteral("kEdit"));
    m_ordersLabel = new QLabel(box);
    m_orders = new QSpinBox(box);
    m_orders->setObjectName(QStringLiteral("ordersSpin"));
    m_orders->setRange(1, 100);
    m_orders->setValue(3);
    m_limitLabel = new QLabel(box);
    m_limit = new QSpinBox(box);
    m_limit->setObjectName(QStringLiteral("limitSpin"));
    m_limit->setRange(1, 100000);
    m_limit->setValue(50);
    m_calibrate = new QCheckBox(box);
    m_calibrate->setObjectName(QStringLiteral("calibrateCheck"));
    m_modelRow = new ModelFolderRow(box);
    m_run = new QPushButton(box);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_modelRow->addTrailingWidget(m_run);
    auto *runForm = new QGridLayout;
    runForm->addWidget(m_ksLabel, 0, 0);
    runForm->addWidget(m_ks, 0, 1);
    runForm->addWidget(m_ordersLabel, 0, 2);
    runForm->addWidget(m_orders, 0, 3);
    runForm->addWidget(m_limitLabel, 1, 0);
    runForm->addWidget(m_limit, 1, 1);
    runForm->addWidget(m_calibrate, 1, 2, 1, 2);
    runForm->setColumnStretch(1, 1);

    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide();
    m_plot = new AccuracyPlot(box);
    m_results = new QTableWidget(0, 6, box);
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_results->setMaximumHeight(150);

    auto *top = new QWidget(box);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(selRow);
    topLayout->addLayout(testRow);
    topLayout->addWidget(m_previewTitle);
    topLayout->addWidget(m_preview, 1);
    topLayout->addWidget(m_tokens);
    topLayout->addWidget(m_labelsNote);
    auto *bottom = new QWidget(box);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_runTitle);
    bottomLayout->addLayout(runForm);
    bottomLayout->addWidget(m_modelRow);
    bottomLayout->addWidget(m_modelRow->note());
    bottomLayout->addWidget(m_progress);
    bottomLayout->addWidget(m_summary);
    bottomLayout->addWidget(m_plot, 1);
    bottomLayout->addWidget(m_results);
    m_previewBox = top;  // the constructor puts it under the demonstrations
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bottom);

    connect(m_selection, &QComboBox::currentIndexChanged, this, &IclPanel::updatePreview);
    connect(m_seed, &QSpinBox::valueChanged, this, &IclPanel::updatePreview);
    connect(m_previewK, &QSpinBox::valueChanged, this, &IclPanel::updatePreview);
    connect(m_testInput, &QLineEdit::textChanged, this, &IclPanel::updatePreview);
    connect(m_modelRow, &ModelFolderRow::modelDirChanged, this, [this] {
        m_exact = -1;
        updateTokenLabel();
        m_tokenTimer->start();
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (isRunning())
            stop();
        else
            run();
    });
}

QJsonObject IclPanel::answers() const
{
    QStringList seen;
    QJsonArray labels;
    for (const QJsonValue &v : m_state.value(QStringLiteral("demos")).toArray()) {
        const QJsonObject d = v.toObject();
        const QString out = d.value(QStringLiteral("output")).toString().trimmed();
        if (!d.value(QStringLiteral("enabled")).toBool(true) || out.isEmpty() || seen.contains(out))
            continue;
        seen << out;
        labels.push_back(QJsonObject{{QStringLiteral("name"), out}, {QStringLiteral("answers"), QJsonArray{out}}});
    }
    return {{QStringLiteral("labels"), labels}};
}

QStringList IclPanel::workerArguments(const QString &dir) const
{
    const QString mode = m_selection->currentData().toString();
    QStringList args{QStringLiteral("icl"),
                     QStringLiteral("--model"), modelDir(),
                     QStringLiteral("--demos"), QDir(dir).filePath(QStringLiteral("demos.jsonl")),
                     QStringLiteral("--test"), QDir(dir).filePath(QStringLiteral("test.jsonl")),
                     QStringLiteral("--answers"), QDir(dir).filePath(QStringLiteral("answers.json")),
                     QStringLiteral("--format"), cliEscape(m_state.value(QStringLiteral("format")).toString()),
                     QStringLiteral("--separator"), cliEscape(m_state.value(QStringLiteral("separator")).toString()),
                     QStringLiteral("--header"), cliEscape(m_state.value(QStringLiteral("header")).toString()),
                     QStringLiteral("--k"), m_ks->text().remove(QLatin1Char(' ')),
                     QStringLiteral("--orders"), QString::number(m_orders->value()),
                     QStringLiteral("--select"), mode,
                     QStringLiteral("--seed"), QString::number(m_seed->value())};
    if (mode == QLatin1String("manual")) {
        // The demos file holds the checked demonstrations in list order.
        QStringList indices;
        int n = 0;
        for (const QJsonValue &v : m_state.value(QStringLiteral("demos")).toArray())
            if (v.toObject().value(QStringLiteral("enabled")).toBool(true))
                indices << QString::number(n++);
        args << QStringLiteral("--demo-indices") << indices.join(QLatin1Char(','));
    }
    if (m_calibrate->isChecked())
        args << QStringLiteral("--calibrate");
    return args;
}

int IclPanel::plannedRuns() const
{
    // As sft::scoring::runIcl loops: k = 0 has one order, every other k "orders" of them.
    static const QRegularExpression kList(QStringLiteral("^\\s*\\d+(\\s*,\\s*\\d+)*\\s*$"));
    if (!kList.match(m_ks->text()).hasMatch())
        return 0;
    int runs = 0;
    for (const QString &k : m_ks->text().split(QLatin1Char(',')))
        runs += k.trimmed().toInt() == 0 ? 1 : m_orders->value();
    return runs;
}

bool IclPanel::isRunning() const { return m_worker->isRunning(); }

bool IclPanel::run()
{
    if (isRunning())
        return false;
    updatePreview();
    QString problem = m_formatError;
    static const QRegularExpression kList(QStringLiteral("^\\s*\\d+(\\s*,\\s*\\d+)*\\s*$"));
    if (problem.isEmpty() && !kList.match(m_ks->text()).hasMatch())
        problem = tr("k values must be a list of numbers such as 0,1,2,4.");
    if (problem.isEmpty() && answers().value(QStringLiteral("labels")).toArray().size() < 2)
        problem = tr("Check demonstrations with at least two different outputs (they are the labels).");
    if (problem.isEmpty() && (!m_workspace || !m_datasetId))
        problem = tr("Choose a dataset to test on.");
    if (problem.isEmpty() && modelDir().isEmpty())
        problem = tr("Choose a model folder.");
    if (!problem.isEmpty()) {
        Q_EMIT message(problem);
        return false;
    }
    m_parser = sft::IclOutputParser();
    m_runInputs = TestInputs();
    m_progress->setRange(0, std::max(1, plannedRuns()));
    m_progress->setValue(0);
    WorkerRun::Options options;
    options.modelDir = modelDir();
    options.demoModelDir = m_modelRow->demoModelDir();
    options.scratch = true;
    return m_worker->start([this](const QString &dir) { return writeInputs(dir); }, options);
}

QStringList IclPanel::writeInputs(const QString &dir)
{
    TestInputs in;
    in.plannedRuns = plannedRuns();
    const QJsonObject labels = answers();
    sft::promptstore::writeJsonFile(QDir(dir).filePath(QStringLiteral("answers.json")), labels);
    QFile demos(QDir(dir).filePath(QStringLiteral("demos.jsonl")));
    QFile test(QDir(dir).filePath(QStringLiteral("test.jsonl")));
    if (!demos.open(QIODevice::WriteOnly) || !test.open(QIODevice::WriteOnly))
        throw std::runtime_error(tr("cannot write the worker's input files").toStdString());
    demos.write(demosFile());  // the same lines the preview picks its demos from
    const auto records = sft::promptstore::records(m_workspace->db(), m_datasetId, false, m_limit->value());
    // The worker's own matching decides which outputs are gold labels; it refuses any other, so those
    // records are tested without one (scored, but in no accuracy).
    const sft::prompt::Verbalizer verbalizer = sft::scoring::parseVerbalizer(
        QJsonDocument(labels).toJson(QJsonDocument::Compact).toStdString(), "answers.json");
    in.read = int(records.size());
    for (const auto &r : records) {
        const QString output = r.output.trimmed();
        const bool gold = !output.isEmpty() && sft::scoring::matchLabel(verbalizer, sft::ss(output)) >= 0;
        if (gold) {
            ++in.withGold;
        } else if (output.isEmpty()) {
            ++in.noOutput;
        } else {
            ++in.notALabel;
            if (in.notALabelSamples.size() < 3 && !in.notALabelSamples.contains(output.left(30)))
                in.notALabelSamples << output.left(30);
        }
        const QJsonObject line{{QStringLiteral("text"), sft::promptstore::recordText(r)},
                               {QStringLiteral("label"), gold ? QJsonValue(output) : QJsonValue()}};
        test.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    in.valid = true;
    m_runInputs = in;
    m_progress->setRange(0, std::max(1, in.plannedRuns));
    showProgress();
    return workerArguments(dir);
}

void IclPanel::stop() { m_worker->stop(); }

void IclPanel::finishRun(bool ok, const QString &error)
{
    if (ok) {
        m_result = m_parser.result();
        m_resultInputs = m_runInputs;
        updateResultView();
        Q_EMIT message(tr("In-context run finished: %n run(s).", nullptr, int(m_result.runs.size())));
    } else {
        m_summary->setText(tr("The run failed: %1").arg(error));
        Q_EMIT message(tr("In-context run failed: %1").arg(error));
    }
    Q_EMIT runEnded(ok);
}

void IclPanel::setRunning(bool running)
{
    m_run->setText(running ? tr("Stop") : tr("Run"));
    m_progress->setVisible(running);
    if (running)
        showProgress();
}

QString IclPanel::usableText(const TestInputs &in, int read, int withGold) const
{
    if (read < 0 || withGold < 0)
        return QString();
    QStringList why;
    if (in.valid && in.read == read && in.withGold == withGold) {
        if (in.notALabel > 0) {
            QStringList quoted;
            for (const QString &o : in.notALabelSamples)
                quoted << QStringLiteral("“%1”").arg(o);
            why << tr("%n whose output is not one of the labels (%1)", nullptr, in.notALabel)
                       .arg(quoted.join(QStringLiteral(", ")));
        }
        if (in.noOutput > 0)
            why << tr("%n with an empty output", nullptr, in.noOutput);
    }
    QString text = tr("%1 of %n test record(s) usable (a gold label among the labels): every accuracy is over "
                      "these.", nullptr, read)
                       .arg(withGold);
    if (withGold == 0)
        text = tr("None of the %n test record(s) has a gold label among the labels, so there is no accuracy: "
                  "the labels are the outputs of the checked demonstrations.", nullptr, read);
    if (!why.isEmpty())
        text += QLatin1Char(' ') + tr("Not usable: %1.").arg(why.join(QStringLiteral("; ")));
    return text;
}

QString IclPanel::summaryText() const
{
    if (isRunning()) {
        const TestInputs &in = m_runInputs;
        QString text = tr("Running: %1 of %n run(s) done.", nullptr, in.valid ? in.plannedRuns : plannedRuns())
                           .arg(m_parser.result().runs.size());
        if (!m_parser.result().runs.isEmpty()) {
            const sft::IclRun &last = m_parser.result().runs.last();
            text += QLatin1Char(' ') + tr("Last: k = %1, order %2.").arg(last.k).arg(last.order + 1);
        }
        if (in.valid)
            text += QLatin1Char('\n') + usableText(in, in.read, in.withGold);
        return text;
    }
    const sft::IclResult &r = m_result;
    if (r.runs.isEmpty() && r.points.isEmpty() && !r.hasSummary)
        return tr("Each k runs with several demo orders: in-context learning is order-sensitive.");
    double spread = 0;
    for (const sft::IclPoint &p : r.points)
        if (p.measured)
            spread = std::max(spread, p.max - p.min);
    QStringList lines;
    lines << tr("%n run(s); the widest spread over demo orders at one k is %1.", nullptr, int(r.runs.size()))
                 .arg(spread, 0, 'f', 3);
    // The worker's counts when it gave them, else what this panel wrote.
    const int read = r.testCount >= 0 ? r.testCount : (m_resultInputs.valid ? m_resultInputs.read : -1);
    const int withGold = r.testWithGold >= 0 ? r.testWithGold : (m_resultInputs.valid ? m_resultInputs.withGold : -1);
    const QString usable = usableText(m_resultInputs, read, withGold);
    if (!usable.isEmpty())
        lines << usable;
    return lines.join(QLatin1Char('\n'));
}

void IclPanel::showProgress()
{
    m_progress->setValue(std::min(int(m_parser.result().runs.size()), m_progress->maximum()));
    m_summary->setText(summaryText());
}

void IclPanel::showResult(const sft::IclResult &result)
{
    m_result = result;
    m_resultInputs = TestInputs();  // not from a run of this panel: only what the worker's lines say
    updateResultView();
}

void IclPanel::updateResultView()
{
    const sft::IclResult &result = m_result;
    m_plot->setResult(result);
    m_results->setRowCount(int(result.points.size()));
    for (int i = 0; i < result.points.size(); ++i) {
        const sft::IclPoint &p = result.points[i];
        const QList<double> values{double(p.k), p.mean, p.min, p.max, p.std, double(p.runs)};
        for (int c = 0; c < values.size(); ++c) {
            auto *item = new QTableWidgetItem;
            if (c == 0 || c == 5)
                item->setData(Qt::DisplayRole, int(values[c]));
            else
                item->setText(p.measured ? QString::number(values[c], 'f', 3) : QStringLiteral("—"));
            m_results->setItem(i, c, item);
        }
    }
    m_summary->setText(summaryText());
}
