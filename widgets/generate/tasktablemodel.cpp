#include "generate/tasktablemodel.h"

#include <QColor>
#include <QJsonDocument>

#include "common/rejectiontext.h"
#include "generate/generatestats.h"

TaskTableModel::TaskTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void TaskTableModel::setStats(const GenerateStats *stats)
{
    beginResetModel();
    m_stats = stats;
    m_rows = stats ? int(stats->tasks().size()) : 0;
    m_replacements = stats ? stats->replacements() : 0;
    endResetModel();
}

void TaskTableModel::sync()
{
    const int rows = m_stats ? int(m_stats->tasks().size()) : 0;
    if (!m_stats || rows < m_rows || m_stats->replacements() != m_replacements) {
        setStats(m_stats);  // a replaced task or a log read again: everything anew
        return;
    }
    if (rows == m_rows)
        return;
    beginInsertRows({}, m_rows, rows - 1);
    m_rows = rows;
    endInsertRows();
}

const GeneratedTask *TaskTableModel::task(int row) const
{
    return m_stats && row >= 0 && row < m_rows ? &m_stats->tasks().at(row) : nullptr;
}

int TaskTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows; }
int TaskTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TaskTableModel::data(const QModelIndex &index, int role) const
{
    const GeneratedTask *t = task(index.row());
    if (!t)
        return {};
    if (role == KeptRole)
        return t->kept ? 1 : 0;
    if (role == Qt::ForegroundRole && index.column() == DecisionColumn)
        return t->kept ? QColor(0x1b, 0x7a, 0x1b) : QColor(0xb0, 0x00, 0x20);
    if (role == Qt::TextAlignmentRole && (index.column() == RougeColumn || index.column() == InstancesColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    // The worker always writes reason_args ({} for a rule without parameters): passed as they are, so such a
    // rule's reason is rendered in the interface language too.
    const QString reason = t->kept ? QString()
                                   : RejectionText::render(t->rule, t->rule.isEmpty() ? QString()
                                                                   : QString::fromUtf8(QJsonDocument(t->reasonArgs).toJson(QJsonDocument::Compact)),
                                                           t->reason);
    if (role == Qt::ToolTipRole) {
        if (index.column() == InstructionColumn)
            return t->request >= 0 ? tr("%1\n(proposed by request %2)").arg(t->instruction).arg(t->request) : t->instruction;
        if (index.column() == RougeColumn && !t->nearest.isEmpty())
            return tr("Nearest in the pool: %1").arg(t->nearest);
        if (index.column() == ReasonColumn)
            return t->kept ? QString() : RejectionText::ruleName(t->rule) + QStringLiteral(": ") + reason;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case InstructionColumn: return QString(t->instruction).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case DecisionColumn: return t->kept ? tr("kept") : tr("rejected");
    case ReasonColumn:
        return t->kept ? QString() : (reason.isEmpty() ? RejectionText::ruleName(t->rule) : reason);
    case RougeColumn: return t->rougeBest >= 0 ? QString::number(t->rougeBest, 'f', 3) : QString();
    case ClassColumn: return t->classification ? tr("yes") : QString();
    case InstancesColumn:
        // A kept task's dropped instances are counted apart: "3 (+1 dropped)".
        if (!t->dropped.isEmpty())
            return tr("%1 (+%2 dropped)").arg(t->instances.size()).arg(t->dropped.size());
        return int(t->instances.size());
    }
    return {};
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case InstructionColumn: return tr("Instruction");
    case DecisionColumn: return tr("Decision");
    case ReasonColumn: return tr("Rule / reason");
    case RougeColumn: return tr("ROUGE-L");
    case ClassColumn: return tr("Classification");
    case InstancesColumn: return tr("Instances");
    }
    return {};
}
