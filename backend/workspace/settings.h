#pragma once
// Typed application settings over QSettings (qBittorrent's SettingValue idea):
// one place names every key and its default.

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace sft {

/** A typed QSettings entry. */
template<typename T>
class SettingValue
{
public:
    SettingValue(QString key, T defaultValue) : m_key(std::move(key)), m_default(std::move(defaultValue)) {}
    T get() const { return QSettings().value(m_key, QVariant::fromValue(m_default)).template value<T>(); }
    void set(const T &value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }

private:
    QString m_key;
    T m_default;
};

/** Every setting the application keeps. */
struct AppSettings
{
    static SettingValue<QString> language() { return {QStringLiteral("ui/language"), QString()}; }
    static SettingValue<QStringList> recentWorkspaces() { return {QStringLiteral("workspace/recent"), {}}; }
    static SettingValue<QString> exportFormat() { return {QStringLiteral("export/format"), QStringLiteral("alpaca")}; }
    static SettingValue<double> validationFraction() { return {QStringLiteral("export/validationFraction"), 0.1}; }
    static SettingValue<int> splitSeed() { return {QStringLiteral("export/seed"), 42}; }
    static SettingValue<QByteArray> windowState() { return {QStringLiteral("ui/windowState"), {}}; }
    static SettingValue<QByteArray> windowGeometry() { return {QStringLiteral("ui/windowGeometry"), {}}; }

    /** Put path first in the recent list (at most 10). */
    static void addRecentWorkspace(const QString &path);
    /** The default workspace in the user's data directory. */
    static QString defaultWorkspacePath();
};

} // namespace sft
