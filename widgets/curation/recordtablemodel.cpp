#include "curation/recordtablemodel.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSqlQuery>
#include <QThreadPool>

#include "common/rejectiontext.h"
#include "common/statustext.h"
#include "workspace/connection.h"
#include "workspace/workspace.h"

namespace {

// One line of at most n characters for a table cell.
QString cell(const QString &text, int n = 160)
{
    QString s = text.left(n);
    s.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    if (text.size() > n)
        s += QStringLiteral("…");
    return s;
}

} // namespace

RecordTableModel::RecordTableModel(QObject *parent) : QAbstractTableModel(parent) {}

RecordTableModel::~RecordTableModel()
{
    if (m_cancel)
        *m_cancel = true;
}

void RecordTableModel::setWorkspace(sft::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    // A query of the previous workspace still running must not fill this one.
    if (m_cancel)
        *m_cancel = true;
    ++m_generation;
    m_loading = false;
    beginResetModel();
    m_workspace = workspace;
    m_ids.clear();
    m_pages.clear();
    m_pageOrder.clear();
    endResetModel();
    if (m_workspace)
        connect(m_workspace, &sft::Workspace::recordsChanged, this, &RecordTableModel::onRecordsChanged);
}

void RecordTableModel::setFilter(const sft::RecordFilter &filter)
{
    m_filter = filter;
    refresh();
}

void RecordTableModel::refresh()
{
    if (!m_workspace)
        return;
    if (m_cancel)
        *m_cancel = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_loading = true;
    const QString path = m_workspace->path();
    const sft::RecordFilter filter = m_filter;
    auto cancel = m_cancel;
    QPointer<RecordTableModel> self(this);
    QThreadPool::globalInstance()->start([self, path, filter, cancel, generation] {
        QElapsedTimer timer;
        timer.start();
        QVector<qint64> ids;
        QString error;
        try {
            sft::ScopedConnection conn(path);
            ids = sft::queryRecordIds(conn.db(), filter, cancel.get());
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        const qint64 ms = timer.elapsed();
        if (*cancel)
            return;
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, ids = std::move(ids), error, ms, generation] {
            if (!self || generation != self->m_generation)
                return;
            self->m_loading = false;
            if (!error.isEmpty()) {
                Q_EMIT self->loadFailed(error);
                return;
            }
            self->beginResetModel();
            self->m_ids = ids;
            self->m_pages.clear();
            self->m_pageOrder.clear();
            self->endResetModel();
            Q_EMIT self->loaded(int(self->m_ids.size()), ms);
        });
    });
}

void RecordTableModel::clear()
{
    if (m_cancel)
        *m_cancel = true;
    ++m_generation;
    m_loading = false;
    beginResetModel();
    m_ids.clear();
    m_pages.clear();
    m_pageOrder.clear();
    endResetModel();
}

void RecordTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 RecordTableModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids[row] : 0;
}

int RecordTableModel::rowOf(qint64 id) const
{
    return int(m_ids.indexOf(id));
}

int RecordTableModel::nextPendingRow(int row) const
{
    if (!m_workspace || m_ids.isEmpty())
        return -1;
    // Ask the database in id batches rather than paging every row in.
    QSqlQuery q(m_workspace->db());
    const int n = int(m_ids.size());
    for (int start = 1; start <= n; start += 512) {
        QStringList ids;
        for (int k = start; k < start + 512 && k <= n; ++k)
            ids << QString::number(m_ids[(row + k) % n]);
        q.exec(QStringLiteral("SELECT id FROM records WHERE status = 0 AND id IN (%1)").arg(ids.join(QLatin1Char(','))));
        QSet<qint64> pending;
        while (q.next())
            pending.insert(q.value(0).toLongLong());
        if (pending.isEmpty())
            continue;
        for (int k = start; k < start + 512 && k <= n; ++k) {
            const int r = (row + k) % n;
            if (pending.contains(m_ids[r]))
                return r;
        }
    }
    return -1;
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const RecordTableModel::Row *RecordTableModel::rowData(int row) const
{
    if (!m_workspace || row < 0 || row >= m_ids.size())
        return nullptr;
    const int page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        const int first = page * kPageSize;
        const int last = std::min<int>(first + kPageSize, int(m_ids.size()));
        QStringList ids;
        for (int r = first; r < last; ++r)
            ids << QString::number(m_ids[r]);
        QSqlQuery q(m_workspace->db());
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT id, status, flagged, substr(instruction, 1, 400), substr(input, 1, 400),"
                              " substr(output, 1, 400), tags, reason, rule, reason_args, turn_count, turns <> ''"
                              " FROM records WHERE id IN (%1)")
                   .arg(ids.join(QLatin1Char(','))));
        QHash<qint64, Row> byId;
        while (q.next()) {
            Row r;
            r.id = q.value(0).toLongLong();
            r.status = q.value(1).toInt();
            r.flagged = q.value(2).toBool();
            r.instruction = cell(q.value(3).toString());
            r.input = cell(q.value(4).toString());
            r.output = cell(q.value(5).toString());
            r.tags = sft::Workspace::splitTags(q.value(6).toString()).join(QStringLiteral(", "));
            r.reason = q.value(7).toString();
            r.rule = q.value(8).toString();
            r.reasonArgs = q.value(9).toString();
            r.turns = q.value(10).toInt();
            r.conversation = q.value(11).toBool();
            byId.insert(r.id, r);
        }
        QVector<Row> rows;
        rows.reserve(last - first);
        for (int r = first; r < last; ++r)
            rows.push_back(byId.value(m_ids[r]));  // a deleted record shows as an empty row
        // Evict before inserting: removing from a QHash invalidates iterators.
        while (m_pageOrder.size() >= kMaxPages)
            m_pages.remove(m_pageOrder.takeFirst());
        it = m_pages.insert(page, rows);
        m_pageOrder.push_back(page);
    } else {
        m_pageOrder.removeOne(page);
        m_pageOrder.push_back(page);
    }
    return &(*it)[row - page * kPageSize];
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    const Row *r = rowData(index.row());
    if (!r)
        return {};
    const auto status = static_cast<sft::RecordStatus>(r->status);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return r->id;
        case StatusColumn: return QString(StatusText::name(status) + (r->flagged ? QStringLiteral(" ⚑") : QString()));
        case TurnsColumn: return r->turns;
        case InstructionColumn: return r->instruction;
        case InputColumn: return r->input;
        case OutputColumn: return r->output;
        case TagsColumn: return r->tags;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TurnsColumn)
            return int(Qt::AlignCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == TurnsColumn)
            return r->conversation ? tr("A conversation of %n turn(s) (a turn is a user message and its reply)", nullptr,
                                        r->turns)
                                   : tr("A single-turn record: instruction, input and output");
        if (index.column() == StatusColumn && status == sft::RecordStatus::Rejected && !r->reason.isEmpty())
            return tr("Rejected: %1").arg(RejectionText::render(r->rule, r->reasonArgs, r->reason));
        break;
    case Qt::BackgroundRole: {
        const QColor c = StatusText::background(status);
        if (c.isValid())
            return c;
        break;
    }
    case Qt::UserRole:
        return r->id;
    default:
        break;
    }
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::ToolTipRole && orientation == Qt::Horizontal && section == TurnsColumn)
        return tr("Turns of the conversation: user messages, each with its reply (1 for a single-turn record)");
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case IdColumn: return tr("ID");
    case StatusColumn: return tr("Status");
    case TurnsColumn: return tr("Turns");
    case InstructionColumn: return tr("Instruction");
    case InputColumn: return tr("Input");
    case OutputColumn: return tr("Output");
    case TagsColumn: return tr("Tags");
    }
    return {};
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    static const sft::RecordColumn map[] = {sft::RecordColumn::Id,     sft::RecordColumn::Status,
                                            sft::RecordColumn::Turns,  sft::RecordColumn::Instruction,
                                            sft::RecordColumn::Input,  sft::RecordColumn::Output,
                                            sft::RecordColumn::Tags};
    static_assert(sizeof(map) / sizeof(map[0]) == ColumnCount);
    if (column < 0 || column >= ColumnCount)
        return;
    sft::RecordFilter f = m_filter;
    f.sortColumn = map[column];
    f.descending = order == Qt::DescendingOrder;
    if (f != m_filter)
        setFilter(f);
}

void RecordTableModel::onRecordsChanged(const QList<qint64> &ids)
{
    if (m_ids.isEmpty())
        return;
    // Drop the cached pages; the view re-reads only what it shows.
    m_pages.clear();
    m_pageOrder.clear();
    if (ids.size() == 1) {
        const int row = rowOf(ids.first());
        if (row >= 0) {
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
