#include "curation/datasetlist.h"

#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "workspace/workspace.h"

DatasetList::DatasetList(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("datasetTree"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(5);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        m_current = item->data(0, Qt::UserRole).toLongLong();
        Q_EMIT datasetActivated(m_current);
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &DatasetList::showMenu);
    retranslate();
}

void DatasetList::setWorkspace(sft::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
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
        item->setText(0, d.name);
        item->setText(1, QLocale().toString(d.total));
        item->setText(2, QLocale().toString(d.pending));
        item->setText(3, QLocale().toString(d.accepted));
        item->setText(4, QLocale().toString(d.rejected));
        for (int c = 1; c < 5; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, Qt::UserRole, d.id);
    }
    setCurrentDataset(m_current);
}

void DatasetList::showMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = m_tree->itemAt(pos);
    if (!item || !m_workspace)
        return;
    const qint64 id = item->data(0, Qt::UserRole).toLongLong();
    QMenu menu(this);
    QAction *rename = menu.addAction(tr("Rename…"));
    QAction *remove = menu.addAction(tr("Delete…"));
    QAction *chosen = menu.exec(m_tree->viewport()->mapToGlobal(pos));
    if (chosen == rename) {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename dataset"), tr("New name:"), QLineEdit::Normal,
                                                   item->text(0), &ok);
        if (ok && !name.trimmed().isEmpty())
            m_workspace->tryOrReport([&] { m_workspace->renameDataset(id, name); });
    } else if (chosen == remove) {
        // Deleting a dataset is the one change that cannot be undone: ask.
        if (QMessageBox::question(this, tr("Delete dataset"),
                                  tr("Delete the dataset \"%1\" and its %2 records? This cannot be undone.")
                                      .arg(item->text(0), item->text(1)))
            == QMessageBox::Yes)
            m_workspace->tryOrReport([&] { m_workspace->deleteDataset(id); });
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
    m_tree->setHeaderLabels({tr("Dataset"), tr("Records"), tr("Pending"), tr("Accepted"), tr("Rejected")});
    reload();
}
