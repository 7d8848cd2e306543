#pragma once
// A lazy table over a dataset that may hold millions of records. The filter's
// ordered id list is computed off the UI thread; rows are then read in pages
// of kPageSize by id, and only the pages the view shows are kept in memory.
// This keeps scrolling a 1,000,000-record dataset smooth (bench/workspace).

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QVector>

#include <memory>

#include "workspace/recordfilter.h"

namespace sft { class Workspace; }

class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /** Turns: a conversation's number of turns (user messages); 1 for a single-turn record. */
    enum Column {
        IdColumn,
        StatusColumn,
        TurnsColumn,
        InstructionColumn,
        InputColumn,
        OutputColumn,
        TagsColumn,
        ColumnCount
    };
    static constexpr int kPageSize = 256;
    static constexpr int kMaxPages = 64;

    explicit RecordTableModel(QObject *parent = nullptr);
    ~RecordTableModel() override;

    void setWorkspace(sft::Workspace *workspace);
    /** Start computing the rows for filter; loaded() follows. */
    void setFilter(const sft::RecordFilter &filter);
    /** Re-run the current filter (after an import or a batch change). */
    void refresh();
    /** No rows (no dataset shown); a load still running is dropped. */
    void clear();
    /** Headers and cells again in the current language. */
    void retranslate();
    const sft::RecordFilter &filter() const { return m_filter; }
    bool isLoading() const { return m_loading; }

    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;
    /** Row of the first pending record after row (wrapping), or -1. */
    int nextPendingRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void loaded(int rows, qint64 milliseconds);
    void loadFailed(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        int status = 0;
        int turns = 1;
        bool conversation = false;
        bool flagged = false;
        QString instruction, input, output, tags, reason, rule, reasonArgs;
    };
    const Row *rowData(int row) const;
    void onRecordsChanged(const QList<qint64> &ids);

    sft::Workspace *m_workspace = nullptr;
    sft::RecordFilter m_filter;
    QVector<qint64> m_ids;
    mutable QHash<int, QVector<Row>> m_pages;
    mutable QList<int> m_pageOrder;  // least recently used first
    quint64 m_generation = 0;
    bool m_loading = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};
