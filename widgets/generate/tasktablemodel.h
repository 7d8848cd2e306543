#pragma once
// The generated tasks of a run as a table: instruction, kept or rejected, the
// rule and its reason (in the interface language), the highest ROUGE-L with
// the pool, classification, and the instance count. It reads the run's
// GenerateStats and appends only the rows that arrived since the last sync.

#include <QAbstractTableModel>

class GenerateStats;
struct GeneratedTask;

class TaskTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { InstructionColumn, DecisionColumn, ReasonColumn, RougeColumn, ClassColumn, InstancesColumn, ColumnCount };
    /** 1 for a kept task, 0 for a rejected one (the filter's role). */
    static constexpr int KeptRole = Qt::UserRole + 1;

    explicit TaskTableModel(QObject *parent = nullptr);

    /** Show these stats (null: none); the model keeps the pointer until the next call. */
    void setStats(const GenerateStats *stats);
    /** Take in the tasks added (or replaced) since the last call. */
    void sync();
    const GeneratedTask *task(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const GenerateStats *m_stats = nullptr;
    int m_rows = 0, m_replacements = 0;
};
