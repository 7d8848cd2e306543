#include "curation/curationpanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "curation/setflagcommand.h"
#include "common/setstatuscommand.h"
#include "workspace/workspace.h"

using sft::RecordStatus;

CurationPanel::CurationPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("curationPanel"));
    m_model = new RecordTableModel(this);

    // Filter bar.
    m_datasetLabel = new QLabel(this);
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_dataset->setMinimumContentsLength(14);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_tag = new QComboBox(this);
    m_tag->setObjectName(QStringLiteral("tagFilter"));
    m_rule = new QComboBox(this);
    m_rule->setObjectName(QStringLiteral("ruleFilter"));
    m_flagged = new QCheckBox(this);
    m_flagged->setObjectName(QStringLiteral("flaggedFilter"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_datasetLabel);
    bar->addWidget(m_dataset);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_tag);
    bar->addWidget(m_rule);
    bar->addWidget(m_flagged);
    bar->addWidget(m_count);

    // Table.
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("recordTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RecordTableModel::IdColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Fixed row heights: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RecordTableModel::IdColumn, 64);
    m_table->setColumnWidth(RecordTableModel::StatusColumn, 90);
    m_table->setColumnWidth(RecordTableModel::InstructionColumn, 300);
    m_table->setColumnWidth(RecordTableModel::InputColumn, 160);
    m_table->setColumnWidth(RecordTableModel::OutputColumn, 260);

    // Editor with the annotation buttons above it.
    m_editor = new RecordEditor(this);
    m_accept = makeAction(QKeySequence(Qt::CTRL | Qt::Key_Return), &CurationPanel::acceptSelected);
    m_reject = makeAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), &CurationPanel::askRejectReason);
    m_reset = makeAction(QKeySequence(Qt::CTRL | Qt::Key_0), &CurationPanel::resetSelected);
    m_flag = makeAction(QKeySequence(Qt::CTRL | Qt::Key_M), &CurationPanel::toggleFlagSelected);
    m_prev = makeAction(QKeySequence(Qt::ALT | Qt::Key_Up), &CurationPanel::goPrevious);
    m_next = makeAction(QKeySequence(Qt::ALT | Qt::Key_Down), &CurationPanel::goNext);
    m_nextPending = makeAction(QKeySequence(Qt::CTRL | Qt::Key_J), &CurationPanel::goNextPending);
    auto *buttons = new QGridLayout;
    const QList<QAction *> acts = annotationActions();
    for (int i = 0; i < acts.size(); ++i) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(acts[i]);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(b, i / 4, i % 4);
        m_buttons << b;
    }
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_editor, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({760, 520});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &CurationPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_tag, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_rule, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_flagged, &QCheckBox::toggled, this, &CurationPanel::applyFilter);
    connect(m_dataset, &QComboBox::activated, this, [this](int index) {
        setDataset(m_dataset->itemData(index).toLongLong());
    });
    connect(m_model, &RecordTableModel::loaded, this, &CurationPanel::onLoaded);
    connect(m_model, &RecordTableModel::loadFailed, this, &CurationPanel::message);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CurationPanel::onCurrentRowChanged);
    retranslate();
}

QAction *CurationPanel::makeAction(const QKeySequence &key, void (CurationPanel::*slot)())
{
    auto *a = new QAction(this);
    a->setShortcut(key);
    // Works while typing in the editor too, but not in other panels.
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
    connect(a, &QAction::triggered, this, slot);
    return a;
}

QList<QAction *> CurationPanel::annotationActions() const
{
    return {m_accept, m_reject, m_reset, m_flag, m_prev, m_next, m_nextPending};
}

void CurationPanel::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_undo = undoStack;
    m_datasetId = 0;
    m_model->setWorkspace(workspace);
    m_editor->setContext(workspace, undoStack);
    if (m_workspace) {
        connect(m_workspace, &sft::Workspace::datasetsChanged, this, &CurationPanel::reloadDatasets);
        reloadDatasets();
        if (m_dataset->count() > 0)
            setDataset(m_dataset->itemData(0).toLongLong());
    } else {
        m_dataset->clear();
    }
}

void CurationPanel::setDataset(qint64 datasetId)
{
    if (datasetId == m_datasetId)
        return;
    m_editor->setRecord(0);
    m_datasetId = datasetId;
    const int index = m_dataset->findData(datasetId);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
    reloadFacets();
    applyFilter();
    Q_EMIT datasetChanged(datasetId);
}

void CurationPanel::reloadDatasets()
{
    if (!m_workspace)
        return;
    const QSignalBlocker block(m_dataset);
    m_dataset->clear();
    QList<sft::DatasetInfo> sets;
    m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
    for (const auto &d : std::as_const(sets))
        m_dataset->addItem(tr("%1 (%2)").arg(d.name).arg(d.total), d.id);
    const int index = m_dataset->findData(m_datasetId);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
    else if (m_datasetId != 0) {
        m_datasetId = 0;
        if (m_dataset->count() > 0)
            setDataset(m_dataset->itemData(0).toLongLong());
    }
}

void CurationPanel::reloadFacets()
{
    const QString tag = m_tag->currentData().toString();
    const QString rule = m_rule->currentData().toString();
    const QSignalBlocker b1(m_tag), b2(m_rule);
    m_tag->clear();
    m_tag->addItem(tr("All tags"), QString());
    m_rule->clear();
    m_rule->addItem(tr("Any rule"), QString());
    if (m_workspace && m_datasetId) {
        QStringList tags, rules;
        m_workspace->tryOrReport([&] {
            tags = m_workspace->tags(m_datasetId);
            rules = m_workspace->rules(m_datasetId);
        });
        for (const QString &t : std::as_const(tags))
            m_tag->addItem(t, t);
        for (const QString &r : std::as_const(rules))
            m_rule->addItem(r, r);
    }
    m_tag->setCurrentIndex(std::max(0, m_tag->findData(tag)));
    m_rule->setCurrentIndex(std::max(0, m_rule->findData(rule)));
}

void CurationPanel::applyFilter()
{
    if (!m_workspace || !m_datasetId)
        return;
    sft::RecordFilter f = m_model->filter();
    f.datasetId = m_datasetId;
    f.statusMask = m_status->currentData().toInt();
    f.flaggedOnly = m_flagged->isChecked();
    f.tag = m_tag->currentData().toString();
    f.rule = m_rule->currentData().toString();
    f.search = m_search->text().trimmed();
    m_restoreId = currentRecordId();
    m_count->setText(tr("Loading…"));
    m_model->setFilter(f);
}

void CurationPanel::onLoaded(int rows, qint64 ms)
{
    m_count->setText(tr("%n record(s)", nullptr, rows));
    m_count->setToolTip(tr("Query took %1 ms").arg(ms));
    int row = m_restoreId ? m_model->rowOf(m_restoreId) : -1;
    if (row < 0 && rows > 0)
        row = 0;
    if (row >= 0)
        selectRow(row);
    else
        m_editor->setRecord(0);
    Q_EMIT recordsLoaded(rows);
}

qint64 CurationPanel::currentRecordId() const
{
    return m_model->idAt(m_table->currentIndex().row());
}

QList<qint64> CurationPanel::selectedRecordIds() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int r : rows)
        ids << m_model->idAt(r);
    if (ids.isEmpty() && currentRecordId())
        ids << currentRecordId();
    return ids;
}

void CurationPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row, RecordTableModel::IdColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void CurationPanel::onCurrentRowChanged()
{
    m_editor->setRecord(currentRecordId());
}

void CurationPanel::acceptSelected()
{
    const QList<qint64> ids = selectedRecordIds();
    if (ids.isEmpty() || !m_undo)
        return;
    m_editor->commitPending();
    const int last = m_model->rowOf(ids.last());
    const quint64 errors = m_workspace->errorCount();
    m_undo->push(new SetStatusCommand(m_workspace, ids, RecordStatus::Accepted));
    if (m_workspace->errorCount() == errors)  // on a failure (reported already) stay on the record
        selectRow(last + 1);
}

void CurationPanel::askRejectReason()
{
    if (selectedRecordIds().isEmpty())
        return;
    const QStringList reasons{tr("low quality"), tr("wrong or incomplete answer"), tr("near duplicate"),
                              tr("unsafe or harmful"), tr("off-topic"), tr("formatting problem")};
    bool ok = false;
    const QString reason = QInputDialog::getItem(this, tr("Reject"), tr("Reason for rejecting:"), reasons, 0, true, &ok);
    if (ok)
        rejectSelected(reason.trimmed());
}

void CurationPanel::rejectSelected(const QString &reason)
{
    const QList<qint64> ids = selectedRecordIds();
    if (ids.isEmpty() || !m_undo)
        return;
    m_editor->commitPending();
    const int last = m_model->rowOf(ids.last());
    const quint64 errors = m_workspace->errorCount();
    m_undo->push(new SetStatusCommand(m_workspace, ids, RecordStatus::Rejected, reason));
    if (m_workspace->errorCount() == errors)
        selectRow(last + 1);
}

void CurationPanel::resetSelected()
{
    const QList<qint64> ids = selectedRecordIds();
    if (!ids.isEmpty() && m_undo)
        m_undo->push(new SetStatusCommand(m_workspace, ids, RecordStatus::Pending));
}

void CurationPanel::toggleFlagSelected()
{
    const QList<qint64> ids = selectedRecordIds();
    if (ids.isEmpty() || !m_undo)
        return;
    std::optional<sft::RecordData> first;
    if (!m_workspace->tryOrReport([&] { first = m_workspace->record(ids.first()); }))
        return;
    m_undo->push(new SetFlagCommand(m_workspace, ids, !(first && first->flagged)));
}

void CurationPanel::goNext()
{
    selectRow(m_table->currentIndex().row() + 1);
}

void CurationPanel::goPrevious()
{
    selectRow(std::max(0, m_table->currentIndex().row() - 1));
}

void CurationPanel::goNextPending()
{
    const int row = m_model->nextPendingRow(m_table->currentIndex().row());
    if (row >= 0)
        selectRow(row);
    else
        Q_EMIT message(tr("No pending records left in this view."));
}

void CurationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CurationPanel::retranslate()
{
    m_datasetLabel->setText(tr("Dataset:"));
    m_search->setPlaceholderText(tr("Search instruction, input and output…"));
    {
        const int current = m_status->currentIndex();
        const QSignalBlocker block(m_status);
        m_status->clear();
        m_status->addItem(tr("All statuses"), 0);
        m_status->addItem(tr("Pending"), 1 << int(RecordStatus::Pending));
        m_status->addItem(tr("Accepted"), 1 << int(RecordStatus::Accepted));
        m_status->addItem(tr("Rejected"), 1 << int(RecordStatus::Rejected));
        m_status->setCurrentIndex(std::max(0, current));
    }
    if (m_tag->count() > 0)
        m_tag->setItemText(0, tr("All tags"));
    if (m_rule->count() > 0)
        m_rule->setItemText(0, tr("Any rule"));
    m_flagged->setText(tr("Flagged only"));
    m_accept->setText(tr("Accept && next"));
    m_reject->setText(tr("Reject…"));
    m_reset->setText(tr("Back to pending"));
    m_flag->setText(tr("Flag"));
    m_prev->setText(tr("Previous"));
    m_next->setText(tr("Next"));
    m_nextPending->setText(tr("Next pending"));
    for (QToolButton *b : m_buttons) {
        QAction *a = b->defaultAction();
        const QString key = a->shortcut().toString(QKeySequence::NativeText);
        a->setToolTip(tr("%1 (%2)").arg(a->text().remove(QLatin1Char('&')), key));
        // The shortcut is part of the button's label so annotators see it.
        b->setText(QStringLiteral("%1  [%2]").arg(a->text(), key));
    }
    if (m_workspace)
        reloadDatasets();
}
