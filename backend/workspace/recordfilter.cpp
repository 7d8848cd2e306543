#include "workspace/recordfilter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "core/error.h"
#include "workspace/qtstrings.h"

namespace sft {

bool RecordFilter::operator==(const RecordFilter &o) const
{
    return datasetId == o.datasetId && statusMask == o.statusMask && flaggedOnly == o.flaggedOnly && tag == o.tag
           && rule == o.rule && search == o.search && minTurns == o.minTurns && maxTurns == o.maxTurns
           && sortColumn == o.sortColumn && descending == o.descending;
}

namespace {

QString orderBy(RecordColumn c)
{
    switch (c) {
    case RecordColumn::Status: return QStringLiteral("status");
    case RecordColumn::Instruction: return QStringLiteral("instruction");
    case RecordColumn::Input: return QStringLiteral("input");
    case RecordColumn::Output: return QStringLiteral("output");
    case RecordColumn::Tags: return QStringLiteral("tags");
    case RecordColumn::Modified: return QStringLiteral("modified");
    case RecordColumn::Turns: return QStringLiteral("turn_count");
    default: return QStringLiteral("id");
    }
}

// LIKE pattern for a literal substring.
QString likePattern(QString term)
{
    term.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    term.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    term.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + term + QLatin1Char('%');
}

} // namespace

QVector<qint64> queryRecordIds(QSqlDatabase db, const RecordFilter &f, const std::atomic<bool> *cancel)
{
    QStringList where{QStringLiteral("dataset_id = ?")};
    QVariantList binds{f.datasetId};
    if (f.statusMask != 0 && f.statusMask != 7) {
        QStringList statuses;
        for (int s = 0; s < 3; ++s)
            if (f.statusMask & (1 << s))
                statuses << QString::number(s);
        where << QStringLiteral("status IN (%1)").arg(statuses.join(QLatin1Char(',')));
    }
    if (f.flaggedOnly)
        where << QStringLiteral("flagged = 1");
    if (!f.tag.isEmpty()) {
        where << QStringLiteral("tags LIKE ? ESCAPE '\\'");
        binds << likePattern(QLatin1Char(',') + f.tag + QLatin1Char(','));
    }
    if (!f.rule.isEmpty()) {
        where << QStringLiteral("rule = ?");
        binds << f.rule;
    }
    if (f.minTurns > 0) {
        where << QStringLiteral("turn_count >= ?");
        binds << f.minTurns;
    }
    if (f.maxTurns > 0) {
        where << QStringLiteral("turn_count <= ?");
        binds << f.maxTurns;
    }
    const QStringList terms = f.search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!terms.isEmpty()) {
        // The trigram index answers terms of 3+ characters for rows it covers;
        // short terms, and rows added since the index was last brought up to
        // date, fall back to a LIKE scan.
        qint64 upto = 0;
        {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'fts_upto'"));
            if (q.next())
                upto = q.value(0).toLongLong();
        }
        QStringList ftsTerms;
        for (const QString &t : terms) {
            if (t.size() >= 3) {
                QString quoted = t;
                quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
                ftsTerms << QLatin1Char('"') + quoted + QLatin1Char('"');
            }
        }
        // The LIKE scan reads the same text the index holds: the summary fields, the system message and
        // the content of every message (not the JSON around it, so "role" matches no conversation).
        QStringList likeAll;
        for (qsizetype i = 0; i < terms.size(); ++i)
            likeAll << QStringLiteral("(instruction LIKE ? ESCAPE '\\' OR input LIKE ? ESCAPE '\\'"
                                      " OR output LIKE ? ESCAPE '\\' OR system LIKE ? ESCAPE '\\'"
                                      " OR (turns != '' AND EXISTS(SELECT 1 FROM json_each(nullif(records.turns, '')) AS m"
                                      " WHERE json_extract(m.value, '$.content') LIKE ? ESCAPE '\\')))");
        const QString like = likeAll.join(QStringLiteral(" AND "));
        if (ftsTerms.size() == terms.size() && upto > 0) {
            where << QStringLiteral("((id <= ? AND id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?))"
                                    " OR (id > ? AND %1))").arg(like);
            binds << upto << ftsTerms.join(QStringLiteral(" AND ")) << upto;
        } else {
            where << QStringLiteral("(%1)").arg(like);
        }
        for (const QString &t : terms) {
            const QString p = likePattern(t);
            binds << p << p << p << p << p;
        }
    }
    QString sql = QStringLiteral("SELECT id FROM records WHERE ") + where.join(QStringLiteral(" AND "))
                  + QStringLiteral(" ORDER BY ") + orderBy(f.sortColumn)
                  + (f.descending ? QStringLiteral(" DESC") : QString());
    if (f.sortColumn != RecordColumn::Id)
        sql += QStringLiteral(", id");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        throw Error("record query failed: " + ss(q.lastError().text()));
    QVector<qint64> ids;
    while (q.next()) {
        ids.push_back(q.value(0).toLongLong());
        if ((ids.size() & 0xFFFF) == 0 && cancel && cancel->load())
            return {};
    }
    return ids;
}

} // namespace sft
