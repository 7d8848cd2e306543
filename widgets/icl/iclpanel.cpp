#include "icl/iclpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

#include "common/panelutil.h"
#include "icl/accuracyplot.h"
#include "common/modelfolderrow.h"
#include "core/error.h"
#include "prompt/template.h"
#include "scoring/icl_demos.h"
#include "scoring/icl_prompt.h"
#include "scoring/scoring_data.h"
#include "common/snapshotcommand.h"
#include "workspace/promptstore.h"
#include "workspace/qtstrings.h"
#include "common/saveditems.h"
#include "common/workerrun.h"
#include "workspace/workerprocess.h"
#include "workspace/workspace.h"

namespace {

const int InputRole = Qt::UserRole;
const int OutputRole = Qt::UserRole + 1;

QJsonObject demo(const QString &input, const QString &output, bool enabled = true)
{
    return {{QStringLiteral("input"), input}, {QStringLiteral("output"), output}, {QStringLiteral("enabled"), enabled}};
}

QJsonObject defaultState()
{
    return {{QStringLiteral("format"), QStringLiteral("Input: [X]\nOutput: [Z]")},
            {QStringLiteral("separator"), QStringLiteral("\n\n")},
            {QStringLiteral("header"), QString()},
            {QStringLiteral("demos"),
             QJsonArray{demo(QStringLiteral("这部电影太精彩了，演员都很出色。"), QStringLiteral("正面")),
                        demo(QStringLiteral("服务很差，等了一个小时还没上菜。"), QStringLiteral("负面")),
                        demo(QStringLiteral("还行吧，没什么特别的。"), QStringLiteral("中立")),
                        demo(QStringLiteral("质量很好，物流也快，推荐购买。"), QStringLiteral("正面")),
                        demo(QStringLiteral("手机用了两天就坏了，太失望了。"), QStringLiteral("负面"))}}};
}

/** "\n" and "\t" typed as two characters in a one-line field. */
QString unescape(const QString &s)
{
    QString out;
    for (int i = 0; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size()) {
            const QChar c = s[i + 1];
            if (c == QLatin1Char('n')) { out += QLatin1Char('\n'); ++i; continue; }
            if (c == QLatin1Char('t')) { out += QLatin1Char('\t'); ++i; continue; }
            if (c == QLatin1Char('\\')) { out += QLatin1Char('\\'); ++i; continue; }
        }
        out += s[i];
    }
    return out;
}

QString escape(QString s)
{
    return s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\t'), QStringLiteral("\\t"));
}

QString itemText(const QString &input, const QString &output)
{
    return input.simplified() + QStringLiteral("  ⟶  ") + output.simplified();
}

} // namespace

namespace {

/** A demonstration set as saved, from the panel state {"format", "separator", "header", "demos"}, and back. */
sft::DemoSetEntry entryOf(const QString &name, const QJsonObject &s)
{
    sft::DemoSetEntry e;
    e.name = name;
    e.format = s.value(QStringLiteral("format")).toString();
    e.separator = s.value(QStringLiteral("separator")).toString();
    e.header = s.value(QStringLiteral("header")).toString();
    e.demos = s.value(QStringLiteral("demos")).toArray();
    return e;
}
QJsonObject stateOf(const sft::DemoSetEntry &e)
{
    return {{QStringLiteral("format"), e.format},
            {QStringLiteral("separator"), e.separator},
            {QStringLiteral("header"), e.header},
            {QStringLiteral("demos"), e.demos}};
}
} // namespace

IclPanel::IclPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("iclPanel"));
    m_worker = new WorkerRun(this);  // its program is also the one the token count runs
    connect(m_worker, &WorkerRun::runningChanged, this, &IclPanel::setRunning);
    connect(m_worker, &WorkerRun::recordReceived, this, [this](const QJsonObject &record) {
        if (!m_parser.add(record)) {
            Q_EMIT message(m_parser.error());
            return;
        }
        m_plot->setResult(m_parser.result());  // live: each run's point as it arrives
        showProgress();
    });
    connect(m_worker, &WorkerRun::finished, this, &IclPanel::finishRun);
    m_tokenTimer = new QTimer(this);
    m_tokenTimer->setSingleShot(true);
    m_tokenTimer->setInterval(400);
    connect(m_tokenTimer, &QTimer::timeout, this, &IclPanel::countTokens);

    auto *editor = new QWidget(this);
    buildEditor(editor);
    auto *runBox = new QWidget(this);
    buildRun(runBox);
    // Under the preview's title: which demos the preview shows, as the run picks them.
    m_previewNote = new QLabel(m_previewBox);
    m_previewNote->setObjectName(QStringLiteral("previewNoteLabel"));
    m_previewNote->setWordWrap(true);
    if (auto *box = qobject_cast<QBoxLayout *>(m_previewBox->layout()))
        box->insertWidget(std::max(0, box->indexOf(m_preview)), m_previewNote);
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(editor);
    left->addWidget(m_previewBox);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(runBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    applyState(defaultState());
    retranslate();
    setRunning(false);
}

IclPanel::~IclPanel() = default;

void IclPanel::setJobRunner(JobRunner runner) { m_worker->setJobRunner(std::move(runner)); }

void IclPanel::setWorkerProgram(const QString &program) { m_worker->setProgram(program); }

void IclPanel::buildEditor(QWidget *box)
{
    m_savedBar = new SavedItemBar(box);

    m_demosTitle = titleLabel(box);
    m_demos = new QListWidget(box);
    m_demos->setObjectName(QStringLiteral("demoList"));
    m_demos->setDragDropMode(QAbstractItemView::InternalMove);
    m_demos->setDefaultDropAction(Qt::MoveAction);
    m_demos->setSelectionMode(QAbstractItemView::SingleSelection);
    m_add = new QPushButton(box);
    m_addFromDataset = new QPushButton(box);
    m_remove = new QPushButton(box);
    auto *demoButtons = new QHBoxLayout;
    demoButtons->addWidget(m_add);
    demoButtons->addWidget(m_addFromDataset);
    demoButtons->addStretch(1);
    demoButtons->addWidget(m_remove);
    m_inputLabel = new QLabel(box);
    m_input = new QPlainTextEdit(box);
    m_input->setObjectName(QStringLiteral("demoInputEdit"));
    m_input->setUndoRedoEnabled(false);
    m_input->setMaximumHeight(48);
    m_outputLabel = new QLabel(box);
    m_output = new QPlainTextEdit(box);
    m_output->setObjectName(QStringLiteral("demoOutputEdit"));
    m_output->setUndoRedoEnabled(false);
    m_output->setMaximumHeight(34);

    m_formatLabel = new QLabel(box);
    m_format = new QPlainTextEdit(box);
    m_format->setObjectName(QStringLiteral("formatEdit"));
    m_format->setUndoRedoEnabled(false);
    m_format->setMaximumHeight(52);
    m_formatStatus = new QLabel(box);
    m_formatStatus->setObjectName(QStringLiteral("formatStatusLabel"));
    m_formatStatus->setWordWrap(true);
    m_separatorLabel = new QLabel(box);
    m_separator = new QLineEdit(box);
    m_separator->setObjectName(QStringLiteral("separatorEdit"));
    m_headerLabel = new QLabel(box);
    m_header = new QLineEdit(box);
    m_header->setObjectName(QStringLiteral("headerEdit"));

    auto *form = new QGridLayout;
    form->addWidget(m_inputLabel, 0, 0, Qt::AlignTop);
    form->addWidget(m_input, 0, 1);
    form->addWidget(m_outputLabel, 1, 0, Qt::AlignTop);
    form->addWidget(m_output, 1, 1);
    form->addWidget(m_formatLabel, 2, 0, Qt::AlignTop);
    form->addWidget(m_format, 2, 1);
    form->addWidget(m_formatStatus, 3, 1);
    form->addWidget(m_separatorLabel, 4, 0);
    form->addWidget(m_separator, 4, 1);
    form->addWidget(m_headerLabel, 5, 0);
    form->addWidget(m_header, 5, 1);
    form->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_savedBar);
    layout->addWidget(m_demosTitle);
    layout->addWidget(m_demos, 1);
    layout->addLayout(demoButtons);
    layout->addLayout(form);

    connect(m_demos->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_applying)
            readList([this] { return tr("Reorder demonstrations"); });
    });
    connect(m_demos, &QListWidget::itemChanged, this, [this] {
        if (!m_applying)
            readList([this] { return tr("Enable or disable a demonstration"); });
    });
    connect(m_demos, &QListWidget::currentRowChanged, this, &IclPanel::showCurrentDemo);
    auto editDemoField = [this](const QString &field, QPlainTextEdit *edit) {
        if (m_applying)
            return;
        const int row = m_demos->currentRow();
        QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
        if (row < 0 || row >= demos.size())
            return;
        QJsonObject d = demos.at(row).toObject();
        d[field] = edit->toPlainText();
        demos[row] = d;
        QJsonObject s = m_state;
        s[QStringLiteral("demos")] = demos;
        editState(s, [=] { return tr("Edit demonstration %1").arg(row + 1); }, field + QString::number(row));
    };
    connect(m_input, &QPlainTextEdit::textChanged, this, [=] { editDemoField(QStringLiteral("input"), m_input); });
    connect(m_output, &QPlainTextEdit::textChanged, this, [=] { editDemoField(QStringLiteral("output"), m_output); });
    connect(m_format, &QPlainTextEdit::textChanged, this, [this] {
        if (m_applying)
            return;
        QJsonObject s = m_state;
        s[QStringLiteral("format")] = m_format->toPlainText();
        editState(s, [=] { return tr("Edit demo format"); }, QStringLiteral("format"));
    });
    connect(m_separator, &QLineEdit::textEdited, this, [this] {
        QJsonObject s = m_state;
        s[QStringLiteral("separator")] = unescape(m_separator->text());
        editState(s, [=] { return tr("Edit separator"); }, QStringLiteral("separator"));
    });
    connect(m_header, &QLineEdit::textEdited, this, [this] {
        QJsonObject s = m_state;
        s[QStringLiteral("header")] = m_header->text();
        editState(s, [=] { return tr("Edit instruction header"); }, QStringLiteral("header"));
    });
    connect(m_add, &QPushButton::clicked, this, [this] { addDemo(QString(), QString()); });
    connect(m_addFromDataset, &QPushButton::clicked, this, [this] {
        if (!m_workspace || !m_datasetId)
            return;
        QList<sft::RecordData> records;
        if (!m_workspace->tryOrReport([&] { records = sft::promptstore::records(m_workspace->db(), m_datasetId, true, 8); }))
            return;  // reported; nothing escapes the slot
        QJsonObject s = m_state;
        QJsonArray demos = s.value(QStringLiteral("demos")).toArray();
        for (const auto &r : records)
            demos.push_back(demo(sft::promptstore::recordText(r), r.output));
        s[QStringLiteral("demos")] = demos;
        editState(s, [=] { return tr("Add demonstrations from the dataset"); });
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_demos->currentRow();
        QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
        if (row < 0 || row >= demos.size())
            return;
        demos.removeAt(row);
        QJsonObject s = m_state;
        s[QStringLiteral("demos")] = demos;
        editState(s, [=] { return tr("Remove demonstration %1").arg(row + 1); });
    });
    // Saved demonstration sets: the state is the panel's JSON state as it is.
    SavedItems::Kind kind;
    kind.names = [](QSqlDatabase db) {
        QStringList names;
        for (const auto &e : sft::promptstore::demoSets(db))
            names << e.name;
        return names;
    };
    kind.load = [](QSqlDatabase db, const QString &name) -> std::optional<QJsonObject> {
        for (const auto &e : sft::promptstore::demoSets(db))
            if (e.name == name)
                return stateOf(e);
        return std::nullopt;
    };
    kind.save = [](QSqlDatabase db, const QString &name, const QJsonObject &state) {
        sft::promptstore::saveDemoSet(db, entryOf(name, state));
    };
    kind.remove = [](QSqlDatabase db, const QString &name) { sft::promptstore::removeDemoSet(db, name); };
    kind.toFile = [](const QString &name, const QJsonObject &state) { return sft::promptstore::toJson(entryOf(name, state)); };
    kind.fromFile = [](const QJsonObject &file) {
        const sft::DemoSetEntry e = sft::promptstore::demoSetFromJson(file);
        return std::make_pair(e.name, stateOf(e));
    };
    m_saved = new SavedItems(m_savedBar, kind, [this] { return m_state; },
                             [this](const QJsonObject &state, const UndoText &step) { editState(state, step); }, this);
    connect(m_saved, &SavedItems::message, this, &IclPanel::message);
}

void IclPanel::retranslate()
{
    m_savedBar->retranslate(tr("demonstration set name"), tr("Export demonstrations"), tr("Import demonstrations"));
    m_saved->setTexts({tr("demonstrations %1"), tr("Saved demonstration set \"%1\"."),
                       tr("Exported the demonstrations to %1."), tr("Load demonstration set \"%1\""),
                       tr("Import demonstration set \"%1\""), tr("Cannot import %1: %2")});
    m_demosTitle->setText(tr("Demonstrations (drag to reorder, check to use)"));
    m_add->setText(tr("Add"));
    m_addFromDataset->setText(tr("Add accepted records"));
    m_remove->setText(tr("Remove"));
    m_inputLabel->setText(tr("Input:"));
    m_outputLabel->setText(tr("Output:"));
    m_formatLabel->setText(tr("Demo format:"));
    m_separatorLabel->setText(tr("Separator:"));
    m_separator->setToolTip(tr("Written between demonstrations; type \\n for a line break."));
    m_headerLabel->setText(tr("Instruction header:"));
    m_header->setPlaceholderText(tr("optional, e.g. Classify the sentiment of each input."));
    m_selectionLabel->setText(tr("Select demos:"));
    m_selection->setItemText(0, tr("manual (checked, in list order)"));
    m_selection->setItemText(1, tr("random, with seed"));
    m_selection->setItemText(2, tr("nearest by ROUGE-L"));
    m_seedLabel->setText(tr("Seed:"));
    m_previewKLabel->setText(tr("k:"));
    m_testInputLabel->setText(tr("Test input:"));
    m_previewTitle->setText(tr("Assembled prompt"));
    m_runTitle->setText(tr("Run on the dataset"));
    m_ksLabel->setText(tr("k values:"));
    m_ordersLabel->setText(tr("Orders per k:"));
    m_limitLabel->setText(tr("Test records:"));
    m_calibrate->setText(tr("Contextual calibration"));
    m_modelRow->retranslate(QString(),
                            tr("This is the demo model: tiny and only briefly pre-trained, so its accuracy "
                               "is meaningless, but every step runs. It is created on the first run."));
    m_results->setHorizontalHeaderLabels({tr("k"), tr("Mean"), tr("Min"), tr("Max"), tr("Std"), tr("Runs")});
    // What every number or choice does, where the user looks for it.
    m_savedBar->combo()->setToolTip(tr("Saved demonstration sets of this workspace: choose one to load it "
                                       "(demonstrations, format, separator and header)."));
    m_selection->setToolTip(tr("How a run picks the k demonstrations for each test record: the checked ones in "
                               "list order, k at random (the same for every test record, from the seed), or the k "
                               "nearest to the test record by ROUGE-L. The other orders shuffle them."));
    m_seed->setToolTip(tr("Seed of the random demonstration choice and of the shuffled orders: the same seed gives "
                          "the same demonstrations and orders."));
    m_previewK->setToolTip(tr("How many demonstrations the assembled prompt below shows (preview only; the run "
                              "uses the k values)."));
    m_orders->setToolTip(tr("How many demonstration orders each k > 0 runs with (k = 0 runs once): the spread "
                            "over orders shows how order-sensitive the model is. Runs in all: one per k = 0 plus "
                            "this many per other k value."));
    m_limit->setToolTip(tr("Test on at most this many records of the dataset (the first ones). Only those whose "
                           "output is one of the labels count in the accuracy."));
    m_calibrate->setToolTip(tr("Contextual calibration: divide each label's probability by the probability the "
                               "model gives it for content-free inputs (N/A, \"\", [MASK]) with the same "
                               "demonstrations, then renormalize."));
    m_progress->setFormat(tr("%v / %m runs"));
    setRunning(isRunning());
    updatePreview();
    m_summary->setText(summaryText());
}

void IclPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_summary)
        retranslate();
    QWidget::changeEvent(event);
}

void IclPanel::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    stop();
    m_workspace = workspace;
    m_undo = undoStack;
    m_datasetId = 0;
    m_firstRecord.clear();
    m_saved->setWorkspace(workspace);
    updatePreview();
}

void IclPanel::setDataset(qint64 datasetId)
{
    m_datasetId = datasetId;
    m_firstRecord.clear();
    if (m_workspace && datasetId) {
        try {
            const auto records = sft::promptstore::records(m_workspace->db(), datasetId, false, 1);
            if (!records.isEmpty())
                m_firstRecord = sft::promptstore::recordText(records.first());
        } catch (const std::exception &e) {
            Q_EMIT message(QString::fromUtf8(e.what()));
        }
    }
    m_testInput->setPlaceholderText(m_firstRecord.isEmpty() ? tr("type a test input")
                                                            : m_firstRecord.simplified().left(80));
    updatePreview();
}

void IclPanel::setDemoModelDir(const QString &dir) { m_modelRow->setDemoModelDir(dir); }
QLabel *IclPanel::modelNoteLabel() const { return m_modelRow->note(); }
void IclPanel::setModelDir(const QString &dir) { m_modelRow->setModelDir(dir); }
QString IclPanel::modelDir() const { return m_modelRow->modelDir(); }

// ---- edits (undoable) ----

void IclPanel::editState(const QJsonObject &state, const UndoText &text, const QString &mergeKey)
{
    if (state == m_state)
        return;
    pushOrApply(m_undo, new SnapshotCommand<QJsonObject>(UndoMergeDemos, [this](const QJsonObject &s) { applyState(s); },
                                                         m_state, state, text, mergeKey));
}

void IclPanel::addDemo(const QString &input, const QString &output)
{
    QJsonObject s = m_state;
    QJsonArray demos = s.value(QStringLiteral("demos")).toArray();
    demos.push_back(demo(input, output));
    s[QStringLiteral("demos")] = demos;
    editState(s, [=] { return tr("Add demonstration"); });
    m_demos->setCurrentRow(m_demos->count() - 1);
}

void IclPanel::setDemoEnabled(int index, bool enabled)
{
    QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
    if (index < 0 || index >= demos.size())
        return;
    QJsonObject d = demos.at(index).toObject();
    d[QStringLiteral("enabled")] = enabled;
    demos[index] = d;
    QJsonObject s = m_state;
    s[QStringLiteral("demos")] = demos;
    editState(s, [=] {
        return enabled ? tr("Use demonstration %1").arg(index + 1) : tr("Leave out demonstration %1").arg(index + 1);
    });
}

void IclPanel::moveDemo(int from, int to)
{
    QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
    if (from < 0 || to < 0 || from >= demos.size() || to >= demos.size() || from == to)
        return;
    const QJsonValue v = demos.at(from);
    demos.removeAt(from);
    demos.insert(to, v);
    QJsonObject s = m_state;
    s[QStringLiteral("demos")] = demos;
    editState(s, [=] { return tr("Reorder demonstrations"); });
}

void IclPanel::readList(const UndoText &text)
{
    QJsonArray demos;
    for (int i = 0; i < m_demos->count(); ++i) {
        const QListWidgetItem *item = m_demos->item(i);
        demos.push_back(demo(item->data(InputRole).toString(), item->data(OutputRole).toString(),
                             item->checkState() == Qt::Checked));
    }
    QJsonObject s = m_state;
    s[QStringLiteral("demos")] = demos;
    // A drag has already moved the row: apply the state after the view settles.
    QTimer::singleShot(0, this, [this, s, text] { editState(s, text); });
}

void IclPanel::applyState(const QJsonObject &state)
{
    m_state = state;
    m_applying = true;
    const QJsonArray demos = state.value(QStringLiteral("demos")).toArray();
    const int current = m_demos->currentRow();
    m_demos->clear();
    for (const QJsonValue &v : demos) {
        const QJsonObject d = v.toObject();
        const QString in = d.value(QStringLiteral("input")).toString(), out = d.value(QStringLiteral("output")).toString();
        auto *item = new QListWidgetItem(itemText(in, out), m_demos);
        item->setData(InputRole, in);
        item->setData(OutputRole, out);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
        item->setCheckState(d.value(QStringLiteral("enabled")).toBool(true) ? Qt::Checked : Qt::Unchecked);
    }
    if (m_demos->count())
        m_demos->setCurrentRow(std::clamp(current, 0, m_demos->count() - 1));
    const QString format = state.value(QStringLiteral("format")).toString();
    if (m_format->toPlainText() != format)
        m_format->setPlainText(format);
    const QString sep = state.value(QStringLiteral("separator")).toString();
    if (unescape(m_separator->text()) != sep)
        m_separator->setText(escape(sep));
    const QString header = state.value(QStringLiteral("header")).toString();
    if (m_header->text() != header)
        m_header->setText(header);
    m_applying = false;
    showCurrentDemo();
    updatePreview();
}

void IclPanel::showCurrentDemo()
{
    if (m_applying)
        return;  // applyState rebuilds the list, then shows the current demonstration once
    const int row = m_demos->currentRow();
    const QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
    const bool valid = row >= 0 && row < demos.size();
    const QJsonObject d = valid ? demos.at(row).toObject() : QJsonObject();
    m_applying = true;
    if (m_input->toPlainText() != d.value(QStringLiteral("input")).toString())
        m_input->setPlainText(d.value(QStringLiteral("input")).toString());
    if (m_output->toPlainText() != d.value(QStringLiteral("output")).toString())
        m_output->setPlainText(d.value(QStringLiteral("output")).toString());
    m_applying = false;
    m_input->setEnabled(valid);
    m_output->setEnabled(valid);
}

// ---- selection, assembly, tokens ----

QString IclPanel::testInput() const
{
    return m_testInput && !m_testInput->text().isEmpty() ? m_testInput->text() : m_firstRecord;
}

namespace {

/**
 * The worker's options for `--select mode --seed seed` with this state, as
 * `sftbench-cli icl` reads them from workerArguments(): manual runs use every
 * line of the demos file in order (--demo-indices 0,1,...).
 */
sft::scoring::IclOptions runOptions(const QJsonObject &state, const QString &mode, int seed, std::size_t demos)
{
    sft::scoring::IclOptions o;
    o.format.format = sft::ss(state.value(QStringLiteral("format")).toString());
    o.format.separator = sft::ss(state.value(QStringLiteral("separator")).toString());
    o.format.header = sft::ss(state.value(QStringLiteral("header")).toString());
    if (!sft::scoring::demoSelectionFromName(sft::ss(mode), o.selection))
        o.selection = sft::scoring::DemoSelection::Manual;
    o.seed = static_cast<std::uint64_t>(seed);
    for (std::size_t i = 0; i < demos; ++i)
        o.manualIndices.push_back(i);
    return o;
}

} // namespace

QList<int> IclPanel::checkedDemos() const
{
    const QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
    QList<int> checked;
    for (int i = 0; i < demos.size(); ++i)
        if (demos.at(i).toObject().value(QStringLiteral("enabled")).toBool(true))
            checked.push_back(i);
    return checked;
}

QByteArray IclPanel::demosFile() const
{
    const QJsonArray demos = m_state.value(QStringLiteral("demos")).toArray();
    QByteArray out;
    for (int i : checkedDemos()) {
        const QJsonObject d = demos.at(i).toObject();
        const QJsonObject line{{QStringLiteral("text"), d.value(QStringLiteral("input"))},
                               {QStringLiteral("label"), d.value(QStringLiteral("output"))}};
        out += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

IclPanel::PreviewDemos IclPanel::previewDemos(const QString &test, int k) const
{
    namespace sc = sft::scoring;
    PreviewDemos out;
    const QList<int> checked = checkedDemos();
    out.k = std::clamp(k, 0, int(checked.size()));
    const QString mode = m_selection ? m_selection->currentData().toString() : QStringLiteral("manual");
    const sc::IclOptions options = runOptions(m_state, mode, m_seed ? m_seed->value() : 0, std::size_t(checked.size()));
    const QJsonArray all = m_state.value(QStringLiteral("demos")).toArray();
    for (int i : checked)
        if (all.at(i).toObject().value(QStringLiteral("output")).toString().trimmed().isEmpty()) {
            // The worker would reject its empty label; say it in the panel's words.
            out.error = tr("demonstration %1 has no output (fill it in or uncheck it).").arg(i + 1);
            return out;
        }
    try {
        // The worker's readers on the files the run writes: the labels, the demos and one test line.
        const sft::prompt::Verbalizer verbalizer =
            sc::parseVerbalizer(QJsonDocument(answers()).toJson(QJsonDocument::Compact).toStdString(), "answers.json");
        std::vector<sc::Example> demos;
        try {
            demos = sc::parseExamples(demosFile().toStdString(), "demos.jsonl", verbalizer);
        } catch (const sft::Error &e) {
            const qint64 line = e.where().line;
            if (line < 1 || line > checked.size())
                throw;
            throw sft::Error(sft::ss(tr("demonstration %1: %2").arg(checked.at(int(line - 1)) + 1)
                                         .arg(QString::fromStdString(e.message()))));
        }
        const std::string testLine =
            QJsonDocument(QJsonObject{{QStringLiteral("text"), test}}).toJson(QJsonDocument::Compact).toStdString();
        const sc::Example testExample = sc::parseExamples(testLine, "test.jsonl", verbalizer).at(0);
        const std::vector<std::size_t> chosen = sc::iclDemos(options, demos, testExample, std::size_t(out.k), 0);
        std::vector<const sc::Example *> shown;
        for (std::size_t i : chosen) {
            out.demos.push_back(checked.at(int(i)));
            shown.push_back(&demos[i]);
        }
        const sc::IclPromptBuilder builder(options.format, verbalizer);
        out.prompt = sft::qs(builder.build(shown, testExample).prefix);
    } catch (const std::exception &e) {
        out.demos.clear();
        out.prompt.clear();
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

QList<int> IclPanel::selectedDemos(const QString &test, int k) const { return previewDemos(test, k).demos; }

QString IclPanel::assemblePrompt(const QString &test, int k) const { return previewDemos(test, k).prompt; }

int IclPanel::estimateTokens(const QString &text)
{
    int cjk = 0, other = 0;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if ((u >= 0x3000 && u <= 0x9fff) || (u >= 0xac00 && u <= 0xd7af) || (u >= 0xff00 && u <= 0xffef))
            ++cjk;
        else
            ++other;
    }
    return cjk + (other + 3) / 4;
}

void IclPanel::updatePreview()
{
    if (!m_preview || !m_previewNote)
        return;
    m_formatError.clear();
    try {
        const auto t = sft::prompt::Template::parse(sft::ss(m_state.value(QStringLiteral("format")).toString()));
        if (!t.hasInputSlot() || !t.hasAnswerSlot())
            m_formatError = tr("The demo format needs both [X] (the input) and [Z] (the output).");
        else if (!t.fieldSlots().empty())
            m_formatError = tr("The demo format can only use [X] and [Z], not [%1].").arg(sft::qs(t.fieldSlots().front()));
    } catch (const std::exception &e) {
        m_formatError = tr("Syntax error: %1").arg(QString::fromUtf8(e.what()));
    }
    m_formatStatus->setText(m_formatError.isEmpty() ? tr("Format OK.") : m_formatError);
    m_formatStatus->setStyleSheet(m_formatError.isEmpty() ? QStringLiteral("color: #1b7a1b;")
                                                          : QStringLiteral("color: #b00020;"));
    QStringList labels;
    for (const QJsonValue &v : answers().value(QStringLiteral("labels")).toArray())
        labels << v.toObject().value(QStringLiteral("name")).toString();
    m_labelsNote->setText(tr("Labels (the outputs of the checked demonstrations): %1")
                              .arg(labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", "))));
    if (!m_formatError.isEmpty()) {
        m_previewNote->clear();
        m_preview->setPlainText(QString());
        m_estimate = 0;
        m_exact = -1;
        updateTokenLabel();
        return;
    }
    const PreviewDemos p = previewDemos(testInput(), m_previewK->value());
    m_previewNote->setText(previewNote(p));
    m_previewNote->setStyleSheet(p.error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    const QString prompt = p.prompt;
    if (prompt != m_preview->toPlainText()) {
        m_preview->setPlainText(prompt);
        m_estimate = estimateTokens(prompt);
        m_exact = -1;
        m_tokenTimer->start();
    }
    updateTokenLabel();
}

QString IclPanel::previewNote(const PreviewDemos &p) const
{
    if (!p.error.isEmpty())
        return tr("A run cannot build this prompt: %1").arg(p.error);
    const QString mode = m_selection->currentData().toString();
    QString note;
    if (p.k == 0)
        note = tr("No demonstrations (k = 0): the test input alone.");
    else if (mode == QLatin1String("random"))
        note = tr("The run's demonstrations for k = %1 with seed %2, in its first order; they are the same for "
                  "every test record, and the run's other orders shuffle them.")
                   .arg(p.k)
                   .arg(m_seed->value());
    else if (mode == QLatin1String("rouge"))
        note = m_testInput->text().isEmpty()
                   ? tr("The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the "
                        "dataset's first record, the ones the run uses for it in its first order.",
                        nullptr, p.k)
                   : tr("The demonstrations differ per test record: these are the %n nearest by ROUGE-L to the "
                        "typed test input, the ones a run would use for it in its first order.",
                        nullptr, p.k);
    else
        note = tr("The first %n checked demonstration(s) in list order: the run's first order for every test "
                  "record; its other orders shuffle them.", nullptr, p.k);
    if (p.k < m_previewK->value())
        note += QLatin1Char(' ')
                + tr("Only %n demonstration(s) are checked, so a run with k = %1 fails.", nullptr, p.k)
                      .arg(m_previewK->value());
    return note;
}

QString IclPanel::previewText() const { return m_preview->toPlainText(); }
QString IclPanel::tokenText() const { return m_tokens->text(); }

int IclPanel::contextWindow() const
{
    QFile f(QDir(modelDir()).filePath(QStringLiteral("config.json")));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("max_position_embeddings")).toInt();
}

void IclPanel::updateTokenLabel()
{
    const int window = contextWindow();
    const int n = m_exact >= 0 ? m_exact : m_estimate;
    QString text = m_exact >= 0 ? tr("%n token(s)", nullptr, n) : tr("≈ %n token(s) (estimate)", nullptr, n);
    if (window > 0)
        text += tr(" of a %1-token context window").arg(window);
    m_tokens->setText(text);
    m_tokens->setStyleSheet(window > 0 && n > window ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

void IclPanel::countTokens()
{
    // The model folder's tokenizer as the scorer loads it (tokenizer_config.json included), with the special
    // tokens the model is fed, so the count includes a BOS exactly when the run's prompts have one.
    const QString model = modelDir();
    const QString prompt = m_preview->toPlainText();
    if (model.isEmpty() || !QFileInfo::exists(QDir(model).filePath(QStringLiteral("tokenizer.json"))) || prompt.isEmpty())
        return;
    if (m_tokenizer) {
        m_tokenizer->disconnect(this);
        m_tokenizer->stop(0);
        m_tokenizer->deleteLater();
        m_tokenizer = nullptr;
    }
    m_tokenDir = std::make_unique<QTemporaryDir>();
    const QString input = m_tokenDir->filePath(QStringLiteral("prompt.jsonl"));
    QFile f(input);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("text"), prompt}}).toJson(QJsonDocument::Compact) + '\n');
    f.close();
    m_tokenizer = new sft::WorkerProcess(this);
    connect(m_tokenizer, &sft::WorkerProcess::textReceived, this, [this, prompt](const QString &line) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
        if (!doc.isArray() || prompt != m_preview->toPlainText())
            return;
        m_exact = int(doc.array().size());
        updateTokenLabel();
        Q_EMIT tokensCounted(m_exact);
    });
    connect(m_tokenizer, &sft::WorkerProcess::finished, this, [this] {
        m_tokenizer->deleteLater();
        m_tokenizer = nullptr;
    });
    m_tokenizer->start(m_worker->program(), {QStringLiteral("tokenize"), QStringLiteral("--model"), model,
                                   QStringLiteral("--add-special-tokens"), QStringLiteral("--input"), input},
                       30000);
}

// ---- workspace and files ----


bool IclPanel::save() { return m_saved->save(); }
bool IclPanel::load(const QString &name) { return m_saved->load(name); }
bool IclPanel::exportTo(const QString &path) { return m_saved->exportTo(path); }
bool IclPanel::importFrom(const QString &path) { return m_saved->importFrom(path); }
