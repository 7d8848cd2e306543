#include "curation/datasetlist.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "common/snapshotcommand.h"
#include "curation/deletedatasetcommand.h"
#include "workspace/workspace.h"

DatasetList::DatasetList(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("datasetTree"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    // The name takes what the counts leave and is elided; nothing to scroll sideways to.
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setMinimumSectionSize(24);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(RecordsColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(PendingColumn, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        m_current = item->data(0, Qt::UserRole).toLongLong();
        Q_EMIT datasetActivated(m_current);
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &DatasetList::showMenu);
    auto *remove = new QAction(this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_tree->addAction(remove);
    connect(remove, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_tree->currentItem())
            deleteDataset(item->data(0, Qt::UserRole).toLongLong());
    });
    retranslate();
}

void DatasetList::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_undo = undoStack;
    if (m_workspace)
        connect(m_workspace, &sft::Workspace::datasetsChanged, this, &DatasetList::reload);
    reload();
}

void DatasetList::setCurrentDataset(qint64 id)
{
    m_current = id;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toLongLong() == id)
            m_tree->setCurrentItem(item);
    }
}

void DatasetList::reload()
{
    m_tree->clear();
    if (!m_workspace)
        return;
    QList<sft::DatasetInfo> sets;
    m_workspace->tryOrReport([&] { sets = m_workspace->datasets(); });
    for (const auto &d : std::as_const(sets)) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(NameColumn, d.name);
        item->setText(RecordsColumn, QLocale().toString(d.total));
        item->setText(PendingColumn, QLocale().toString(d.pending));
        for (int c = RecordsColumn; c < ColumnCount; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        const QString tip = tr("%1: %n record(s) — %2 pending, %3 accepted, %4 rejected", nullptr, int(d.total))
                                .arg(d.name, QLocale().toString(d.pending), QLocale().toString(d.accepted),
                                     QLocale().toString(d.rejected));
        for (int c = 0; c < ColumnCount; ++c)
            item->setToolTip(c, tip);
        item->setData(0, Qt::UserRole, d.id);
    }
    setCurrentDataset(m_current);
}

void DatasetList::deleteDataset(qint64 id)
{
    if (!m_workspace)
        return;
    std::optional<sft::DatasetInfo> info;
    if (!m_workspace->tryOrReport([&] { info = m_workspace->dataset(id); }) || !info)
        return;
    pushOrApply(m_undo, new DeleteDatasetCommand(m_workspace, id, info->name));
}

void DatasetList::showMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = m_tree->itemAt(pos);
    if (!item || !m_workspace)
        return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    QMenu menu(this);
    QAction *rename = menu.addAction(tr("Rename…"));
    // Deleting is an undo step (Edit ▸ Undo brings the dataset back): no question asked.
    QAction *remove = menu.addAction(tr("Delete"));
    QAction *chosen = menu.exec(m_tree->viewport()->mapToGlobal(pos));
    if (chosen == rename) {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename dataset"), tr("New name:"), QLineEdit::Normal,
                                                   item->text(NameColumn), &ok);
        if (ok && !name.trimmed().isEmpty())
            m_workspace->tryOrReport([&] { m_workspace->renameDataset(id, name); });
    } else if (chosen == remove) {
        deleteDataset(id);
    }
}

void DatasetList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DatasetList::retranslate()
{
    m_tree->setHeaderLabels({tr("Dataset"), tr("Records"), tr("Pending")});
    m_tree->headerItem()->setToolTip(RecordsColumn, tr("Records in the dataset"));
    m_tree->headerItem()->setToolTip(PendingColumn, tr("Records not yet accepted or rejected"));
    reload();
}
