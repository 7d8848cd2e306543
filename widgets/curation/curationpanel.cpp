#include "curation/curationpanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "common/rejectiontext.h"
#include "common/setstatuscommand.h"
#include "common/statustext.h"
#include "curation/recordactions.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "curation/setflagcommand.h"
#include "workspace/workspace.h"

using sft::RecordStatus;

namespace {
constexpr int TotalRole = Qt::UserRole + 1;  // a dataset's record count, in the dataset combo
constexpr int MinTurnsRole = Qt::UserRole + 2, MaxTurnsRole = Qt::UserRole + 3;  // the turns filter's bounds
}

CurationPanel::CurationPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("curationPanel"));
    m_model = new RecordTableModel(this);

    // Filter bar.
    m_datasetLabel = new QLabel(this);
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_dataset->setMinimumContentsLength(14);
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_datasetLabel->setBuddy(m_dataset);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_tag = new QComboBox(this);
    m_tag->setObjectName(QStringLiteral("tagFilter"));
    m_rule = new QComboBox(this);
    m_rule->setObjectName(QStringLiteral("ruleFilter"));
    m_turns = new QComboBox(this);
    m_turns->setObjectName(QStringLiteral("turnsFilter"));
    // {min, max} turns; 0 = no bound.
    for (const auto &[min, max] : {std::pair{0, 0}, std::pair{0, 1}, std::pair{2, 0}, std::pair{3, 0}}) {
        m_turns->addItem(QString());
        m_turns->setItemData(m_turns->count() - 1, min, MinTurnsRole);
        m_turns->setItemData(m_turns->count() - 1, max, MaxTurnsRole);
    }
    m_flagged = new QCheckBox(this);
    m_flagged->setObjectName(QStringLiteral("flaggedFilter"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_datasetLabel);
    bar->addWidget(m_dataset);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_turns);
    bar->addWidget(m_tag);
    bar->addWidget(m_rule);
    bar->addWidget(m_flagged);
    bar->addWidget(m_count);

    // Annotation actions, as a tool bar across the panel (it folds into a » menu when narrow).
    m_accept = makeAction(QKeySequence(Qt::CTRL | Qt::Key_Return), &CurationPanel::acceptSelected);
    m_reject = makeAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return), &CurationPanel::askRejectReason);
    m_reset = makeAction(QKeySequence(Qt::CTRL | Qt::Key_0), &CurationPanel::resetSelected);
    m_flag = makeAction(QKeySequence(Qt::CTRL | Qt::Key_M), &CurationPanel::toggleFlagSelected);
    m_prev = makeAction(QKeySequence(Qt::ALT | Qt::Key_Up), &CurationPanel::goPrevious);
    m_next = makeAction(QKeySequence(Qt::ALT | Qt::Key_Down), &CurationPanel::goNext);
    m_nextPending = makeAction(QKeySequence(Qt::CTRL | Qt::Key_J), &CurationPanel::goNextPending);
    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("annotationBar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolbar->addActions({m_accept, m_reject, m_reset, m_flag});
    m_toolbar->addSeparator();
    m_toolbar->addActions({m_prev, m_next, m_nextPending});
    for (QAction *a : annotationActions())
        if (auto *b = qobject_cast<QToolButton *>(m_toolbar->widgetForAction(a)))
            b->setAutoRaise(false);  // buttons that look like buttons

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
    m_table->horizontalHeader()->setMinimumSectionSize(40);
    m_table->viewport()->installEventFilter(this);
    // Columns share the table's width (fitColumns) until the user drags one: a resize with a
    // mouse button down (the header also resizes sections itself, e.g. on a model reset).
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        if (!m_fitting && QGuiApplication::mouseButtons() != Qt::NoButton)
            m_userSizedColumns = true;
    });

    // The editor beside the table; dragging the handle to the right hides it.
    m_editor = new RecordEditor(this);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("curationSplitter"));
    m_split->addWidget(m_table);
    m_split->addWidget(m_editor);
    m_split->setCollapsible(0, false);
    m_split->setCollapsible(1, true);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({760, 420});

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(bar);
    contentLayout->addWidget(m_toolbar);
    contentLayout->addWidget(m_split, 1);

    // What a workspace without datasets shows.
    m_empty = new QWidget(this);
    m_empty->setObjectName(QStringLiteral("curationEmptyState"));
    m_emptyLabel = new QLabel(m_empty);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    QFont big = m_emptyLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_emptyLabel->setFont(big);
    m_emptyImport = new QPushButton(m_empty);
    m_emptyImport->setObjectName(QStringLiteral("emptyImport"));
    m_emptyNew = new QPushButton(m_empty);
    m_emptyNew->setObjectName(QStringLiteral("emptyNewDataset"));
    auto *emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch();
    emptyButtons->addWidget(m_emptyImport);
    emptyButtons->addWidget(m_emptyNew);
    emptyButtons->addStretch();
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addStretch(2);
    emptyLayout->addWidget(m_emptyLabel);
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addStretch(3);
    connect(m_emptyImport, &QPushButton::clicked, this, &CurationPanel::importRequested);
    connect(m_emptyNew, &QPushButton::clicked, this, &CurationPanel::newDatasetRequested);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(content);
    m_pages->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &CurationPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_tag, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_turns, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_rule, &QComboBox::currentIndexChanged, this, &CurationPanel::applyFilter);
    connect(m_flagged, &QCheckBox::toggled, this, &CurationPanel::applyFilter);
    connect(m_dataset, &QComboBox::activated, this, [this](int index) {
        setDataset(m_dataset->itemData(index).toLongLong());
    });
    connect(m_model, &RecordTableModel::loaded, this, &CurationPanel::onLoaded);
    connect(m_model, &RecordTableModel::loadFailed, this, &CurationPanel::message);
    // The editor follows the selection: clicking empty space (no row selected) empties it.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CurationPanel::syncEditor);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CurationPanel::syncEditor);

    // Records made by hand: their buttons go beside the dataset they add to (the annotation bar below
    // has no room left for them at 1400 pixels); the shortcuts are in the tooltips and the Record menu.
    m_records = new RecordActions(this);
    connect(m_records, &RecordActions::message, this, &CurationPanel::message);
    auto *recordBar = new QToolBar(this);
    recordBar->setObjectName(QStringLiteral("recordBar"));
    recordBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    recordBar->addActions(m_records->recordActions());
    for (QAction *a : m_records->recordActions())
        if (auto *b = qobject_cast<QToolButton *>(recordBar->widgetForAction(a)))
            b->setAutoRaise(false);
    bar->insertWidget(bar->indexOf(m_dataset) + 1, recordBar);
    retranslate();
    updateState();
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
    m_datasetTotal = -1;
    m_rows = -1;
    m_revealId = 0;
    m_model->setWorkspace(workspace);
    m_editor->setContext(workspace, undoStack);
    m_records->setContext(workspace, undoStack);
    {
        const QSignalBlocker block(m_dataset);
        m_dataset->clear();
    }
    if (m_workspace) {
        connect(m_workspace, &sft::Workspace::datasetsChanged, this, &CurationPanel::reloadDatasets);
        reloadDatasets();
        if (m_dataset->count() > 0)
            setDataset(m_dataset->itemData(0).toLongLong());
    }
    reloadFacets();
    updateState();
}

void CurationPanel::setDataset(qint64 datasetId)
{
    if (datasetId == m_datasetId)
        return;
    m_editor->setRecord(0);
    m_datasetId = datasetId;
    m_revealId = 0;
    m_rows = -1;
    const int index = m_dataset->findData(datasetId);
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
    m_datasetTotal = index >= 0 ? m_dataset->itemData(index, TotalRole).toLongLong() : -1;
    reloadFacets();
    if (m_datasetId)
        applyFilter();
    else
        m_model->clear();
    updateState();
    Q_EMIT datasetChanged(datasetId);
}

void CurationPanel::reloadDatasets()
{
    if (!m_workspace)
        return;
    QList<sft::DatasetInfo> sets;
    m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
    {
        const QSignalBlocker block(m_dataset);
        m_dataset->clear();
        // The name alone: a name may end in a number in brackets ("my_alpaca (2)") already.
        for (const auto &d : std::as_const(sets)) {
            m_dataset->addItem(d.name, d.id);
            m_dataset->setItemData(m_dataset->count() - 1, d.total, TotalRole);
            m_dataset->setItemData(m_dataset->count() - 1, tr("%n record(s)", nullptr, int(d.total)), Qt::ToolTipRole);
        }
    }
    const int index = m_dataset->findData(m_datasetId);
    if (index >= 0) {
        m_dataset->setCurrentIndex(index);
        // Records came or went (an append, or its undo): show them.
        const qint64 total = m_dataset->itemData(index, TotalRole).toLongLong();
        if (m_datasetTotal >= 0 && total != m_datasetTotal) {
            m_datasetTotal = total;
            const int row = m_table->currentIndex().row();
            reloadFacets();
            applyFilter();
            m_restoreRow = row;  // a deleted record's place goes to the one below it
        }
        m_datasetTotal = total;
    } else if (m_datasetId == 0 && m_dataset->count() > 0) {
        setDataset(m_dataset->itemData(0).toLongLong());  // the first dataset of a workspace that had none
    } else if (m_datasetId != 0) {
        // The dataset shown went away (deleted, or its import undone): show another, or nothing.
        m_datasetId = 0;
        if (m_dataset->count() > 0) {
            setDataset(m_dataset->itemData(0).toLongLong());
        } else {
            m_editor->setRecord(0);
            m_model->clear();
            m_rows = -1;
            reloadFacets();
            Q_EMIT datasetChanged(0);
        }
    }
    updateState();
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
    f.minTurns = m_turns->currentData(MinTurnsRole).toInt();
    f.maxTurns = m_turns->currentData(MaxTurnsRole).toInt();
    m_restoreId = currentRecordId();
    m_restoreRow = -1;
    m_rows = -1;
    updateCount();
    m_model->setFilter(f);
}

void CurationPanel::reload()
{
    if (!m_workspace)
        return;
    // A Generate run ends with a reload, maybe while someone types here: what was typed is saved, and the
    // record, the field with the focus and its cursor stay. The editor is never emptied (that would disable
    // it and send the focus elsewhere, maybe to the table, where Delete deletes records); the load selects
    // the current record again (applyFilter() keeps it).
    m_editor->commitPending();
    reloadDatasets();
    reloadFacets();
    if (m_datasetId)
        applyFilter();
    m_editor->refresh();  // another program may have changed the shown record too
}

void CurationPanel::revealRecord(qint64 id, bool focusInstruction)
{
    m_revealId = id;
    m_revealFocus = focusInstruction;
    m_revealCleared = false;
    if (m_model->isLoading())
        return;  // onLoaded() finishes it
    if (m_model->rowOf(id) >= 0)
        finishReveal();
    else
        applyFilter();
}

bool CurationPanel::finishReveal()
{
    const int row = m_model->rowOf(m_revealId);
    const bool filtered = !m_search->text().trimmed().isEmpty() || m_status->currentIndex() > 0
                          || m_turns->currentIndex() > 0 || m_tag->currentIndex() > 0 || m_rule->currentIndex() > 0
                          || m_flagged->isChecked();
    if (row < 0 && filtered && !m_revealCleared) {
        // The record just made is what the annotator wants to see, whatever the view showed before.
        m_revealCleared = true;
        Q_EMIT message(tr("The filters hid the record; they were cleared to show it."));
        clearFilters();
        return true;
    }
    m_revealId = 0;
    if (row < 0)
        return false;  // gone meanwhile: the usual selection
    selectRow(row);
    if (m_revealFocus)
        m_editor->focusStart();
    return true;
}

void CurationPanel::clearFilters()
{
    {
        const QSignalBlocker b1(m_search), b2(m_status), b3(m_tag), b4(m_rule), b5(m_flagged), b6(m_turns);
        m_search->clear();
        m_status->setCurrentIndex(0);
        m_turns->setCurrentIndex(0);
        m_tag->setCurrentIndex(0);
        m_rule->setCurrentIndex(0);
        m_flagged->setChecked(false);
    }
    m_searchTimer->stop();
    applyFilter();
}

void CurationPanel::onLoaded(int rows, qint64 ms)
{
    m_rows = rows;
    m_queryMs = ms;
    if (m_revealId && finishReveal()) {
        m_restoreRow = -1;
        updateState();
        Q_EMIT recordsLoaded(rows);
        return;
    }
    int row = m_restoreId ? m_model->rowOf(m_restoreId) : -1;
    if (row < 0 && m_restoreRow >= 0 && rows > 0)
        row = std::min(m_restoreRow, rows - 1);
    m_restoreRow = -1;
    if (row < 0 && rows > 0)
        row = 0;
    if (row >= 0)
        selectRow(row);
    else
        m_editor->setRecord(0);
    updateState();
    Q_EMIT recordsLoaded(rows);
}

bool CurationPanel::isEmptyStateShown() const
{
    return m_pages->currentWidget() == m_empty;
}

void CurationPanel::updateState()
{
    const bool anyDataset = m_workspace && m_dataset->count() > 0;
    m_pages->setCurrentWidget(anyDataset ? m_pages->widget(0) : m_empty);
    const bool rows = anyDataset && m_datasetId && m_model->rowCount() > 0;
    for (QAction *a : annotationActions())
        a->setEnabled(rows);
    m_dataset->setEnabled(anyDataset);
    for (QWidget *w : std::initializer_list<QWidget *>{m_search, m_status, m_turns, m_tag, m_rule, m_flagged})
        w->setEnabled(anyDataset && m_datasetId);
    m_records->updateState();
    updateCount();
}

void CurationPanel::updateCount()
{
    if (!m_workspace || !m_datasetId) {
        m_count->clear();
        m_count->setToolTip(QString());
    } else if (m_rows < 0) {
        m_count->setText(tr("Loading…"));
        m_count->setToolTip(QString());
    } else {
        m_count->setText(tr("%n record(s)", nullptr, m_rows));
        m_count->setToolTip(tr("Query took %1 ms").arg(m_queryMs));
    }
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
        if (const qint64 id = m_model->idAt(r))
            ids << id;
    return ids;
}

void CurationPanel::syncEditor()
{
    // The current row when it is selected, else the first selected row, else none.
    const QItemSelectionModel *sm = m_table->selectionModel();
    const QModelIndex current = m_table->currentIndex();
    qint64 id = 0;
    if (current.isValid() && sm->isRowSelected(current.row(), QModelIndex())) {
        id = m_model->idAt(current.row());
    } else {
        int top = -1;
        for (const QItemSelectionRange &range : sm->selection())
            if (top < 0 || range.top() < top)
                top = range.top();
        id = m_model->idAt(top);
    }
    m_editor->setRecord(id);
}

void CurationPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row, RecordTableModel::IdColumn);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

bool CurationPanel::refuseWithoutSelection(const QList<qint64> &ids)
{
    if (!ids.isEmpty())
        return false;
    Q_EMIT message(tr("No record is selected: click a row first, or press Alt+Down to select the next one."));
    return true;
}

void CurationPanel::acceptSelected()
{
    if (!m_workspace || !m_undo)
        return;
    const QList<qint64> ids = selectedRecordIds();
    if (refuseWithoutSelection(ids))
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
    if (!m_workspace || !m_undo || refuseWithoutSelection(selectedRecordIds()))
        return;
    if (!m_rejectDialog) {
        // open(), not exec(): window-modal without a nested event loop.
        m_rejectDialog = new QInputDialog(this);
        m_rejectDialog->setObjectName(QStringLiteral("rejectDialog"));
        m_rejectDialog->setComboBoxEditable(true);
        connect(m_rejectDialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
            const RejectionText::Stored stored = RejectionText::fromDialog(text);
            if (!stored.reason.isEmpty())
                rejectSelected(stored.reason, stored.args);
        });
    }
    m_rejectDialog->setWindowTitle(tr("Reject"));
    m_rejectDialog->setLabelText(tr("Reason for rejecting:"));
    const QStringList presets = RejectionText::presetTexts();
    m_rejectDialog->setComboBoxItems(presets);
    m_rejectDialog->setTextValue(presets.first());
    if (auto *combo = m_rejectDialog->findChild<QComboBox *>())
        combo->setToolTip(tr("Pick a reason or type your own; it is stored with the rejected records"));
    m_rejectDialog->open();
}

void CurationPanel::rejectSelected(const QString &reason, const QString &reasonArgs)
{
    if (!m_workspace || !m_undo)
        return;
    const QList<qint64> ids = selectedRecordIds();
    if (refuseWithoutSelection(ids))
        return;
    m_editor->commitPending();
    const int last = m_model->rowOf(ids.last());
    const quint64 errors = m_workspace->errorCount();
    m_undo->push(new SetStatusCommand(m_workspace, ids, RecordStatus::Rejected, reason, {}, nullptr, reasonArgs));
    if (m_workspace->errorCount() == errors)
        selectRow(last + 1);
}

void CurationPanel::resetSelected()
{
    if (!m_workspace || !m_undo)
        return;
    const QList<qint64> ids = selectedRecordIds();
    if (!refuseWithoutSelection(ids))
        m_undo->push(new SetStatusCommand(m_workspace, ids, RecordStatus::Pending));
}

void CurationPanel::toggleFlagSelected()
{
    if (!m_workspace || !m_undo)
        return;
    const QList<qint64> ids = selectedRecordIds();
    if (refuseWithoutSelection(ids))
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

void CurationPanel::fitColumns()
{
    if (m_userSizedColumns)
        return;
    const QFontMetrics fm = m_table->fontMetrics();
    auto header = [this, &fm](int column) {
        return fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 28;
    };
    const int idWidth = std::max(header(RecordTableModel::IdColumn), fm.horizontalAdvance(QStringLiteral("0000000")) + 12);
    int statusWidth = header(RecordTableModel::StatusColumn);
    for (RecordStatus s : {RecordStatus::Pending, RecordStatus::Accepted, RecordStatus::Rejected})
        statusWidth = std::max(statusWidth, fm.horizontalAdvance(StatusText::name(s) + QStringLiteral(" ⚑")) + 16);
    const int tagsWidth = std::max(header(RecordTableModel::TagsColumn), 70);
    const int turnsWidth = std::max(header(RecordTableModel::TurnsColumn), fm.horizontalAdvance(QStringLiteral("000")) + 12);
    const int width = m_table->viewport()->width();
    const int fixed = idWidth + statusWidth + turnsWidth;
    const int text = std::max(240, width - fixed - tagsWidth);
    m_fitting = true;
    m_table->setColumnWidth(RecordTableModel::IdColumn, idWidth);
    m_table->setColumnWidth(RecordTableModel::StatusColumn, statusWidth);
    m_table->setColumnWidth(RecordTableModel::TurnsColumn, turnsWidth);
    m_table->setColumnWidth(RecordTableModel::InstructionColumn, text * 2 / 5);
    m_table->setColumnWidth(RecordTableModel::InputColumn, text / 5);
    m_table->setColumnWidth(RecordTableModel::OutputColumn, text - text * 2 / 5 - text / 5);
    m_table->setColumnWidth(RecordTableModel::TagsColumn, std::max(tagsWidth, width - fixed - text));
    m_fitting = false;
}

bool CurationPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
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
    m_dataset->setToolTip(tr("The dataset shown in the table"));
    m_search->setPlaceholderText(tr("Search all text…"));
    m_search->setToolTip(tr("Show only records that contain this text: in the instruction, input or output, the "
                            "system message or any message of a conversation"));
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
    m_status->setToolTip(tr("Show only records with this status"));
    m_turns->setItemText(0, tr("Any length"));
    m_turns->setItemText(1, tr("Single-turn"));
    m_turns->setItemText(2, tr("Multi-turn"));
    m_turns->setItemText(3, tr("3+ turns"));
    m_turns->setToolTip(tr("Show only records with this many turns (a turn is a user message and its reply)"));
    if (m_tag->count() > 0)
        m_tag->setItemText(0, tr("All tags"));
    m_tag->setToolTip(tr("Show only records with this tag"));
    if (m_rule->count() > 0)
        m_rule->setItemText(0, tr("Any rule"));
    m_rule->setToolTip(tr("Show only records that this quality rule rejected"));
    m_flagged->setText(tr("Flagged only"));
    m_flagged->setToolTip(tr("Show only records flagged (Ctrl+M) to look at again"));
    m_accept->setText(tr("Accept && next"));
    m_reject->setText(tr("Reject…"));
    m_reset->setText(tr("Back to pending"));
    m_flag->setText(tr("Flag"));
    m_prev->setText(tr("Previous"));
    m_next->setText(tr("Next"));
    m_nextPending->setText(tr("Next pending"));
    for (QAction *a : annotationActions()) {
        const QString key = a->shortcut().toString(QKeySequence::NativeText);
        a->setToolTip(tr("%1 (%2)").arg(a->text().replace(QStringLiteral("&&"), QStringLiteral("&")), key));
        // The shortcut is part of the button's label so annotators see it.
        a->setIconText(QStringLiteral("%1  [%2]").arg(a->text(), key));
    }
    m_records->retranslate();
    m_emptyLabel->setText(tr("Import a file or create a dataset to start."));
    m_emptyImport->setText(tr("&Import a file…"));
    m_emptyNew->setText(tr("&New empty dataset…"));
    m_model->retranslate();
    updateCount();
    fitColumns();
    if (m_workspace)
        reloadDatasets();
}
