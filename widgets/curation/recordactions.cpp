#include "curation/recordactions.h"

#include <QAction>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QPointer>
#include <QTableView>
#include <QUndoStack>

#include "common/snapshotcommand.h"
#include "curation/curationpanel.h"
#include "curation/importcommand.h"
#include "curation/recordeditor.h"
#include "curation/recordscommand.h"
#include "curation/recordtablemodel.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

namespace {
// The source of records made by hand (the editor shows it as "manual" in the current language).
const char *const kManualSource = "manual";
}

RecordActions::RecordActions(CurationPanel *panel) : QObject(panel), m_panel(panel)
{
    // New dataset and New record work from anywhere in the window (a click in the Datasets dock moves the
    // focus out of the panel); Duplicate wherever the panel has the focus; Delete only in the table, where
    // the key does not delete text.
    m_newDataset = makeAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), Qt::WindowShortcut,
                              &RecordActions::askNewDataset);
    m_newDataset->setObjectName(QStringLiteral("newDatasetAction"));
    m_newRecord = makeAction(QKeySequence::New, Qt::WindowShortcut, nullptr);
    m_newRecord->setObjectName(QStringLiteral("newRecordAction"));
    connect(m_newRecord, &QAction::triggered, this, [this] { newRecord(); });
    m_duplicate = makeAction(QKeySequence(Qt::CTRL | Qt::Key_D), Qt::WidgetWithChildrenShortcut, nullptr);
    m_duplicate->setObjectName(QStringLiteral("duplicateRecordAction"));
    connect(m_duplicate, &QAction::triggered, this, [this] { duplicateSelected(); });
    m_delete = new QAction(this);
    m_delete->setObjectName(QStringLiteral("deleteRecordAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
    m_panel->table()->addAction(m_delete);
    connect(m_delete, &QAction::triggered, this, &RecordActions::deleteSelected);
    m_reload = makeAction(QKeySequence::Refresh, Qt::WindowShortcut, nullptr);
    m_reload->setObjectName(QStringLiteral("reloadAction"));
    connect(m_reload, &QAction::triggered, m_panel, &CurationPanel::reload);

    connect(m_panel->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecordActions::updateState);
    connect(m_panel->model(), &QAbstractItemModel::modelReset, this, &RecordActions::updateState);
    retranslate();
    updateState();
}

QAction *RecordActions::makeAction(const QKeySequence &key, Qt::ShortcutContext context, void (RecordActions::*slot)())
{
    auto *a = new QAction(this);
    a->setShortcut(key);
    a->setShortcutContext(context);
    m_panel->addAction(a);
    if (slot)
        connect(a, &QAction::triggered, this, slot);
    return a;
}

void RecordActions::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    m_workspace = workspace;
    m_undo = undoStack;
    if (m_nameDialog)
        m_nameDialog->reject();  // a name asked for the previous workspace
    updateState();
}

void RecordActions::updateState()
{
    const bool dataset = m_workspace && m_panel->datasetId();
    // hasSelection(), not the ids: selecting a million rows must not list them on every change.
    const bool selected = dataset && m_panel->table()->selectionModel()->hasSelection();
    m_newDataset->setEnabled(m_workspace);
    m_newRecord->setEnabled(dataset);
    m_duplicate->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_reload->setEnabled(m_workspace);
}

QString RecordActions::datasetName(qint64 id) const
{
    std::optional<sft::DatasetInfo> info;
    m_workspace->tryOrReport([&] { info = m_workspace->dataset(id); });
    return info ? info->name : QString();
}

void RecordActions::askNewDataset()
{
    if (!m_workspace)
        return;
    if (!m_nameDialog) {
        // open(), not exec(): window-modal without a nested event loop.
        m_nameDialog = new QInputDialog(m_panel);
        m_nameDialog->setObjectName(QStringLiteral("newDatasetDialog"));
        m_nameDialog->setInputMode(QInputDialog::TextInput);
        connect(m_nameDialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
            if (text.trimmed().isEmpty())
                Q_EMIT message(tr("A dataset needs a name; none was created."));
            else
                createDataset(text.trimmed());
        });
    }
    m_nameDialog->setWindowTitle(tr("New dataset"));
    m_nameDialog->setLabelText(tr("Name of the new, empty dataset:"));
    QString suggestion = tr("dataset");
    m_workspace->tryOrReport([&] { suggestion = m_workspace->uniqueDatasetName(suggestion); });
    m_nameDialog->setTextValue(suggestion);
    m_nameDialog->open();
}

qint64 RecordActions::createDataset(const QString &name)
{
    if (!m_workspace)
        return 0;
    m_panel->editor()->commitPending();
    sft::ImportResult created;
    created.createdDataset = true;
    if (!m_workspace->tryOrReport([&] {
            created.datasetId = m_workspace->createDataset(name);
            created.datasetName = m_workspace->dataset(created.datasetId)->name;
        }))
        return 0;
    auto *command = new ImportCommand(m_workspace, created);
    command->setNotice([self = QPointer<RecordActions>(this)](const QString &text) {
        if (self)
            Q_EMIT self->message(text);
    });
    pushOrApply(m_undo, command);
    m_panel->setDataset(created.datasetId);
    Q_EMIT message(tr("Created dataset “%1”. Press %2 to add a record.")
                       .arg(created.datasetName, m_newRecord->shortcut().toString(QKeySequence::NativeText)));
    return created.datasetId;
}

qint64 RecordActions::newRecord()
{
    const qint64 dataset = m_panel->datasetId();
    if (!m_workspace || !dataset)
        return 0;
    m_panel->editor()->commitPending();  // typing in another record is the step before this one
    sft::Record r;
    r.source = kManualSource;
    QList<qint64> ids;
    if (!m_workspace->tryOrReport([&] { ids = m_workspace->addRecords(dataset, {r}); }))
        return 0;
    const QString name = datasetName(dataset);
    pushOrApply(m_undo, recordsCommand(RecordsCommand::New, dataset, name, ids));
    // From another tab (the shortcut works window-wide and the Record menu is always there) the record goes
    // to the dataset Curation shows, and the tab switches to it; the status bar says which dataset that is.
    const bool elsewhere = !m_panel->isVisible();
    if (elsewhere)
        Q_EMIT showRequested();
    m_panel->revealRecord(ids.first(), true);
    if (elsewhere)
        Q_EMIT message(tr("New record %1 added to “%2”, the dataset shown in Curation.").arg(ids.first()).arg(name));
    return ids.first();
}

RecordsCommand *RecordActions::recordsCommand(int kind, qint64 dataset, const QString &name, const QList<qint64> &ids)
{
    auto *command = new RecordsCommand(m_workspace, RecordsCommand::Kind(kind), dataset, name, ids);
    // An undone deletion or a redone new record selects what came back, not the row that took its place
    // (a second Delete would take that one); only while the panel still shows that dataset.
    command->setReveal([panel = QPointer<CurationPanel>(m_panel)](qint64 datasetId, qint64 recordId) {
        if (panel && panel->datasetId() == datasetId)
            panel->revealRecord(recordId, false);
    });
    return command;
}

QList<qint64> RecordActions::duplicateSelected()
{
    const qint64 dataset = m_panel->datasetId();
    if (!m_workspace || !dataset)
        return {};
    const QList<qint64> ids = m_panel->selectedRecordIds();
    if (ids.isEmpty()) {
        Q_EMIT message(tr("No record is selected: click a row first, or press Alt+Down to select the next one."));
        return {};
    }
    m_panel->editor()->commitPending();  // the copy takes what was typed
    QList<qint64> copies;
    if (!m_workspace->tryOrReport([&] { copies = m_workspace->duplicateRecords(ids, QString::fromLatin1(kManualSource)); }))
        return {};
    if (copies.isEmpty())
        return {};
    pushOrApply(m_undo, recordsCommand(RecordsCommand::Duplicate, dataset, datasetName(dataset), copies));
    // One copy is usually made to be changed: its instruction takes the focus.
    m_panel->revealRecord(copies.first(), copies.size() == 1);
    return copies;
}

void RecordActions::deleteSelected()
{
    const qint64 dataset = m_panel->datasetId();
    if (!m_workspace || !dataset)
        return;
    const QList<qint64> ids = m_panel->selectedRecordIds();
    if (ids.isEmpty()) {
        Q_EMIT message(tr("No record is selected: click a row first, or press Alt+Down to select the next one."));
        return;
    }
    m_panel->editor()->commitPending();  // undo brings the record back as it was typed
    const quint64 errors = m_workspace->errorCount();
    pushOrApply(m_undo, recordsCommand(RecordsCommand::Delete, dataset, datasetName(dataset), ids));
    if (m_workspace->errorCount() == errors)
        Q_EMIT message(tr("Deleted %n record(s); Edit ▸ Undo brings them back.", nullptr, int(ids.size())));
}

void RecordActions::retranslate()
{
    m_newDataset->setText(tr("New &dataset…"));
    m_newRecord->setText(tr("New record"));
    m_duplicate->setText(tr("Duplicate"));
    m_delete->setText(tr("Delete"));
    m_reload->setText(tr("Reload"));
    const auto key = [](const QAction *a) { return a->shortcut().toString(QKeySequence::NativeText); };
    m_newDataset->setToolTip(tr("Create an empty dataset to fill by hand (%1)").arg(key(m_newDataset)));
    m_newRecord->setToolTip(tr("Add an empty record to this dataset and type its instruction (%1)").arg(key(m_newRecord)));
    m_duplicate->setToolTip(tr("Copy the selected records as new pending records (%1)").arg(key(m_duplicate)));
    m_delete->setToolTip(tr("Delete the selected records; Edit ▸ Undo brings them back (%1)").arg(key(m_delete)));
    m_reload->setToolTip(
        tr("Read the workspace again, e.g. after sftbench-cli added records to it (%1)").arg(key(m_reload)));
}
