#include "quality/referencepoolcombo.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>

#include "workspace/workspace.h"

ReferencePoolCombo::ReferencePoolCombo(QWidget *parent) : QComboBox(parent)
{
    setObjectName(QStringLiteral("poolCombo"));
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(16);
    connect(this, &QComboBox::currentIndexChanged, this, &ReferencePoolCombo::indexChanged);
    refill();
}

void ReferencePoolCombo::setContext(sft::Workspace *workspace, qint64 checkedDataset)
{
    if (workspace != m_workspace) {
        disconnect(m_datasetsConnection);
        m_datasetsConnection = workspace ? connect(workspace, &sft::Workspace::datasetsChanged, this,
                                                   &ReferencePoolCombo::refill)
                                         : QMetaObject::Connection();
    }
    m_workspace = workspace;
    m_checkedDataset = checkedDataset;
    refill();
}

void ReferencePoolCombo::refill()
{
    const int kind = count() > 0 ? itemData(m_inUse).toInt() : int(NoPool);
    const QVariant value = count() > 0 ? itemData(m_inUse, ValueRole) : QVariant();
    QList<sft::DatasetInfo> datasets;
    if (m_workspace)
        m_workspace->tryOrReport([&] { datasets = m_workspace->datasets(); });
    {
        const QSignalBlocker block(this);
        clear();
        addItem(QString(), int(NoPool));
        for (const sft::DatasetInfo &d : std::as_const(datasets)) {
            if (d.id == m_checkedDataset)
                continue;  // a dataset is not its own pool
            addItem(d.name, int(PoolDataset));
            setItemData(count() - 1, d.id, ValueRole);
        }
        if (!m_file.isEmpty()) {
            addItem(QString(), int(PoolFile));
            setItemData(count() - 1, m_file, ValueRole);
            setItemData(count() - 1, m_file, Qt::ToolTipRole);
        }
        addItem(QString(), int(ChooseFile));
        int index = 0;
        for (int i = 0; i < count(); ++i)
            if (itemData(i).toInt() == kind && (kind == PoolFile || itemData(i, ValueRole) == value))
                index = i;  // the one file item stays chosen when it names another file
        setCurrentIndex(index);
        m_inUse = index;
    }
    retranslate();
    if (itemData(m_inUse).toInt() != kind)
        Q_EMIT poolChanged();  // the pool dataset went away (or became the checked one)
}

void ReferencePoolCombo::indexChanged(int index)
{
    if (itemData(index).toInt() == ChooseFile) {
        // Not a choice of its own: back to the pool in use until a file is accepted.
        {
            const QSignalBlocker block(this);
            setCurrentIndex(m_inUse);
        }
        chooseFile();
        return;
    }
    m_inUse = index;
    Q_EMIT poolChanged();
}

void ReferencePoolCombo::chooseFile()
{
    // Window-modal but not blocking: the file is taken when the dialog says so.
    auto *dialog = new QFileDialog(this, tr("Reference pool"), m_file.isEmpty() ? QString() : QFileInfo(m_file).absolutePath(),
                                   tr("Datasets (*.json *.jsonl *.csv);;All files (*)"));
    dialog->setObjectName(QStringLiteral("poolFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &ReferencePoolCombo::setPoolFile);
    dialog->open();
}

void ReferencePoolCombo::setPoolFile(const QString &path)
{
    if (path.isEmpty())
        return;
    m_file = path;
    refill();
    for (int i = 0; i < count(); ++i) {
        if (itemData(i).toInt() != PoolFile)
            continue;
        if (currentIndex() == i)
            Q_EMIT poolChanged();  // another file in place of the chosen one
        else
            setCurrentIndex(i);  // poolChanged through indexChanged
    }
}

void ReferencePoolCombo::setPoolDataset(qint64 datasetId)
{
    int index = 0;
    for (int i = 0; i < count(); ++i)
        if (datasetId != 0 && itemData(i).toInt() == PoolDataset && itemData(i, ValueRole).toLongLong() == datasetId)
            index = i;
    setCurrentIndex(index);
}

qint64 ReferencePoolCombo::poolDatasetId() const
{
    return itemData(m_inUse).toInt() == PoolDataset ? itemData(m_inUse, ValueRole).toLongLong() : 0;
}

QString ReferencePoolCombo::poolFile() const
{
    return itemData(m_inUse).toInt() == PoolFile ? itemData(m_inUse, ValueRole).toString() : QString();
}

void ReferencePoolCombo::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QComboBox::changeEvent(event);
}

void ReferencePoolCombo::retranslate()
{
    setToolTip(tr("A reference pool for the near-duplicate filter, such as the seed tasks or an earlier dataset: each "
                  "record is also compared with the pool's records, which are never rejected (the Self-Instruct "
                  "rule)."));
    for (int i = 0; i < count(); ++i) {
        switch (itemData(i).toInt()) {
        case NoPool:
            setItemText(i, tr("Nothing (only earlier records of this dataset)"));
            break;
        case PoolFile:
            setItemText(i, tr("File: %1").arg(QFileInfo(itemData(i, ValueRole).toString()).fileName()));
            break;
        case ChooseFile:
            setItemText(i, tr("A file…"));
            break;
        default:
            break;
        }
    }
}
