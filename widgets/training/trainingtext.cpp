#include "training/trainingtext.h"

#include <algorithm>
#include <cmath>

#include "common/panelutil.h"

namespace trainingtext {

QString groupDigits(qint64 n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return n < 0 ? QLatin1Char('-') + digits : digits;
}

QString compactCount(qint64 n)
{
    const double v = double(n);
    if (std::abs(v) >= 1e9)
        return QString::number(v / 1e9, 'f', 1) + QLatin1Char('B');
    if (std::abs(v) >= 1e6)
        return QString::number(v / 1e6, 'f', 1) + QLatin1Char('M');
    if (std::abs(v) >= 1e4)
        return QString::number(v / 1e3, 'f', 1) + QLatin1Char('K');
    return groupDigits(n);
}

QString formatDuration(double seconds)
{
    const qint64 s = std::max<qint64>(0, qint64(std::llround(seconds)));
    const QLatin1Char zero('0');
    if (s < 3600)
        return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, zero).arg(s % 60, 2, 10, zero);
}
QString shellQuote(const QString &arg)
{
    const QString s = cliEscape(arg);
    static const QString safe = QStringLiteral("@%+=:,./-_");
    bool plain = !s.isEmpty();
    for (const QChar c : s)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && !safe.contains(c))
            plain = false;
    if (plain)
        return s;
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

} // namespace trainingtext
