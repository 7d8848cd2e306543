#pragma once
// Who the application is to the desktop: organisation and application names,
// version, the desktop entry it belongs to (so the shell and a Wayland
// compositor show its icon and name) and the window icon.

#include <QIcon>
#include <QString>

namespace sft {

/** The desktop identity: the .desktop, AppStream and icon name (reverse DNS). */
QString applicationId();

/** The application icon from the PNG sizes compiled into the binary (16 to 512 pixels). */
QIcon applicationIcon();

/**
 * Sets the organisation and application names and the version; with a
 * QGuiApplication also the desktop file name and the window icon. Call it
 * right after constructing the application object.
 */
void applyApplicationIdentity();

} // namespace sft
