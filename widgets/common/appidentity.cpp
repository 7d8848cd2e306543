#include "common/appidentity.h"

#include <QGuiApplication>

#include "buildinfo.h"

namespace sft {

namespace {

// The sizes resources/CMakeLists.txt renders from icons/sftbench.svg and embeds.
constexpr int kIconSizes[] = {SFTBENCH_BUILD_ICON_SIZES};

} // namespace

QString applicationId()
{
    return QStringLiteral(SFTBENCH_BUILD_APP_ID);
}

QIcon applicationIcon()
{
    // Every size is a file of its own, drawn for that size, so the window
    // manager, the task bar and the About box each get a sharp picture.
    QIcon icon;
    for (const int size : kIconSizes) {
        icon.addFile(QStringLiteral(":/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(applicationId()),
                     QSize(size, size));
    }
    return icon;
}

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SFTWorkbench"));
    QCoreApplication::setApplicationName(QStringLiteral("sftbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SFTBENCH_BUILD_VERSION));
    // A command-line run has only a QCoreApplication: no windows, no icon.
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr) {
        // The desktop entry the windows belong to (Wayland app_id, the shell's
        // icon and name), and the icon of every window without its own.
        QGuiApplication::setDesktopFileName(applicationId());
        QGuiApplication::setWindowIcon(applicationIcon());
    }
}

} // namespace sft
