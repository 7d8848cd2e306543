#include "workspace/settings.h"

#include <QStandardPaths>

namespace sft {

void AppSettings::addRecentWorkspace(const QString &path)
{
    QStringList list = recentWorkspaces().get();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > 10)
        list.removeLast();
    recentWorkspaces().set(list);
}

QString AppSettings::defaultWorkspacePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/default.sftws");
}

} // namespace sft
