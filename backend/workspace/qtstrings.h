#pragma once
// Conversions between the engine's UTF-8 std::string and QString.

#include <QString>

#include <string>

namespace sft {

// Never a null QString: QtSql binds a null QString as SQL NULL.
inline QString qs(const std::string &s)
{
    return s.empty() ? QStringLiteral("") : QString::fromUtf8(s.data(), qsizetype(s.size()));
}
/** s, or an empty non-null string (QtSql binds null as SQL NULL). */
inline QString nonNull(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }
inline std::string ss(const QString &s) { const QByteArray b = s.toUtf8(); return std::string(b.constData(), std::size_t(b.size())); }

} // namespace sft
