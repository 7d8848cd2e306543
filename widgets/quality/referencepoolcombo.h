#pragma once
// "Compare against" of the Quality panel: the reference pool for the
// near-duplicate filter. Nothing, another dataset of the workspace (the list
// follows the workspace's datasets, the checked one left out) or a dataset
// file picked in a file dialog that does not block ("A file…" opens it; the
// pool in use stays chosen until a file is accepted).

#include <QComboBox>
#include <QMetaObject>

namespace sft {
class Workspace;
}

class ReferencePoolCombo : public QComboBox
{
    Q_OBJECT

public:
    /** What an item stands for (its data); ValueRole holds the dataset id or the file path. */
    enum Kind { NoPool = 0, PoolDataset = 1, PoolFile = 2, ChooseFile = 3 };
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit ReferencePoolCombo(QWidget *parent = nullptr);

    /** The workspace whose datasets are offered, all but checkedDataset (the one being checked). */
    void setContext(sft::Workspace *workspace, qint64 checkedDataset);
    /** Use a dataset file as the pool (what the file dialog does when a file is accepted). */
    void setPoolFile(const QString &path);
    /** Use a dataset of the workspace as the pool; 0 (or one not offered): none. */
    void setPoolDataset(qint64 datasetId);

    /** The pool in use: a dataset's id (0 when none) or a file's path (empty when none). */
    qint64 poolDatasetId() const;
    QString poolFile() const;

Q_SIGNALS:
    /** The pool in use changed (not when "A file…" is only opened or cancelled). */
    void poolChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    /** The items: nothing, the other datasets, the chosen file, "A file…"; keeps the choice when it still exists. */
    void refill();
    void indexChanged(int index);
    void chooseFile();
    void retranslate();

    sft::Workspace *m_workspace = nullptr;
    qint64 m_checkedDataset = 0;
    /** The file chosen last (listed until another is chosen). */
    QString m_file;
    /** The item of the pool in use: the current one, except while "A file…" is being picked. */
    int m_inUse = 0;
    QMetaObject::Connection m_datasetsConnection;
};
