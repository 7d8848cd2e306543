#pragma once
// Splits a byte stream into JSON-lines records. The worker (sftbench-cli)
// prints one JSON object per line; reads arrive in arbitrary chunks, so the
// partial last line is kept until its newline comes. Lines that are not JSON
// objects are passed on as text (a worker's stray output is still shown).

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace sft {

class JsonLineBuffer
{
public:
    struct Line
    {
        QJsonObject object;   ///< the parsed object; empty when the line was not one
        QByteArray raw;       ///< the line without its newline
        bool isJson = false;
    };

    /** Append a chunk; returns every line it completed. */
    QList<Line> feed(const QByteArray &chunk);
    /** The incomplete last line (for end of stream). */
    QByteArray pending() const { return m_pending; }
    /** Flush the incomplete last line as a line of its own (at end of stream). */
    QList<Line> finish();

private:
    static Line parse(QByteArray raw);
    QByteArray m_pending;
};

} // namespace sft
