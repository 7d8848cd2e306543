#pragma once
// The Datasets dock: every dataset of the workspace with its counts by status;
// choosing one shows it in the curation panel; rename and delete by context menu.

#include <QWidget>

class QTreeWidget;
namespace sft { class Workspace; }

class DatasetList : public QWidget
{
    Q_OBJECT

public:
    explicit DatasetList(QWidget *parent = nullptr);
    void setWorkspace(sft::Workspace *workspace);
    void setCurrentDataset(qint64 id);

Q_SIGNALS:
    void datasetActivated(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showMenu(const QPoint &pos);
    void retranslate();

    sft::Workspace *m_workspace = nullptr;
    QTreeWidget *m_tree = nullptr;
    qint64 m_current = 0;
};
