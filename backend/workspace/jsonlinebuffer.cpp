#include "workspace/jsonlinebuffer.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace sft {

JsonLineBuffer::Line JsonLineBuffer::parse(QByteArray raw)
{
    if (raw.endsWith('\r'))
        raw.chop(1);
    Line line;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    line.isJson = error.error == QJsonParseError::NoError && doc.isObject();
    if (line.isJson)
        line.object = doc.object();
    line.raw = std::move(raw);
    return line;
}

QList<JsonLineBuffer::Line> JsonLineBuffer::feed(const QByteArray &chunk)
{
    QList<Line> lines;
    m_pending += chunk;
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_pending.indexOf('\n', start);
        if (nl < 0)
            break;
        lines.push_back(parse(m_pending.mid(start, nl - start)));
        start = nl + 1;
    }
    m_pending.remove(0, start);
    return lines;
}

QList<JsonLineBuffer::Line> JsonLineBuffer::finish()
{
    QList<Line> lines;
    if (!m_pending.isEmpty())
        lines.push_back(parse(m_pending));
    m_pending.clear();
    return lines;
}

} // namespace sft
