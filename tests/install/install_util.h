#pragma once
// What the install and package tests share: the install layout (relative to
// the prefix) and the rule for the Debian tools they call: a missing tool
// fails the test under CI (the environment variable CI is set) and skips it
// elsewhere, naming the Debian package that provides it.

#include <QByteArray>
#include <QList>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

#include "test_util.h"  // runProgram

namespace sfttest {

/** Where a missing tool is only a skip: anywhere but CI. */
inline bool toolsRequired()
{
    return qEnvironmentVariableIsSet("CI");
}

// Looks up tool on PATH into var; when it is missing, fails (CI) or skips, naming package.
#define SFT_REQUIRE_TOOL(var, tool, package)                                                          \
    const QString var = QStandardPaths::findExecutable(QStringLiteral(tool));                         \
    do {                                                                                              \
        if (var.isEmpty()) {                                                                          \
            if (sfttest::toolsRequired())                                                             \
                QFAIL(tool " is not installed (Debian package " package "; CI is set, so it must be)"); \
            QSKIP(tool " is not installed: apt install " package);                                    \
        }                                                                                             \
    } while (false)

/** The desktop identity the file names are built from. */
inline QString appId()
{
    return QStringLiteral(SFT_APP_ID);
}

/** The icon's PNG sizes (square), drawn by the project: resources/CMakeLists.txt's SFT_ICON_SIZES. */
inline QList<int> iconSizes()
{
    return {SFT_ICON_SIZES};
}

/** Every file an install must contain, relative to the prefix (no leading slash). */
inline QStringList installLayout()
{
    const QString bin = QStringLiteral(SFT_INSTALL_BINDIR "/");
    const QString share = QStringLiteral(SFT_INSTALL_DATADIR "/");
    const QString doc = QStringLiteral(SFT_INSTALL_DOCDIR "/");
    QStringList files{
        bin + QStringLiteral("sftbench"),
        bin + QStringLiteral("sftbench-cli"),
        share + QStringLiteral("applications/") + appId() + QStringLiteral(".desktop"),
        share + QStringLiteral("metainfo/") + appId() + QStringLiteral(".metainfo.xml"),
        share + QStringLiteral("icons/hicolor/scalable/apps/") + appId() + QStringLiteral(".svg"),
        share + QStringLiteral("mime/packages/") + appId() + QStringLiteral(".xml"),
        share + QStringLiteral("sftbench/translations/sftbench_en.qm"),
        share + QStringLiteral("sftbench/translations/sftbench_zh_CN.qm"),
        doc + QStringLiteral("README.md"),
        doc + QStringLiteral("LICENSE"),
        doc + QStringLiteral("copyright"),
    };
    for (int s : iconSizes())
        files << share + QStringLiteral("icons/hicolor/%1x%1/apps/").arg(s) + appId() + QStringLiteral(".png");
    return files;
}

} // namespace sfttest
