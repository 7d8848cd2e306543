// The install, checked from outside: `cmake --install build --prefix /usr` into
// a temporary DESTDIR, then every file of the layout, the desktop entry, the
// AppStream metainfo and the MIME type through the Debian tools that read
// them, and the installed programs run from there: sftbench-cli help,
// `sftbench --version` without a display (it must find the installed
// translations and worker, not the build tree's), and the GUI offscreen on a
// workspace named as its argument, as a file manager starts it. HOME and the
// XDG folders point into the temporary folder, so the user's settings and
// data are never touched.

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QUrl>
#include <QXmlStreamReader>
#include <QtTest>

#include "install_util.h"
#include "test_util.h"

using sfttest::ProgramRun;
using sfttest::runProgram;

namespace {

/** A path with symbolic links resolved, so paths printed by the programs compare equal. */
QString canonical(const QString &path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(path) : c;
}

/** The value of a "Name value" line of `sftbench --version` (empty when there is none). */
QString reportValue(const QStringList &lines, const QString &name)
{
    for (const QString &line : lines)
        if (line.startsWith(name + QLatin1Char(' ')))
            return line.mid(name.size() + 1).trimmed();
    return QString();
}

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;    // DESTDIR
    QString m_prefix;  // DESTDIR + /usr
    QString m_home;    // HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and the programs' working folder below it

    QString installed(const QString &relative) const { return m_prefix + QLatin1Char('/') + relative; }
    QString share(const QString &relative) const
    {
        return installed(QStringLiteral(SFT_INSTALL_DATADIR "/") + relative);
    }
    QString bin(const QString &name) const { return installed(QStringLiteral(SFT_INSTALL_BINDIR "/") + name); }

    /** The environment of an installed program: no display, and the temporary HOME and XDG folders. */
    QProcessEnvironment isolatedEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SFTBENCH_CLI"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("HOME"), m_home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home + QStringLiteral("/cache"));
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString base = canonical(m_dir.path());
        m_root = base + QStringLiteral("/root");
        m_prefix = m_root + QStringLiteral("/usr");
        m_home = base + QStringLiteral("/home");
        QVERIFY(QDir().mkpath(m_home + QStringLiteral("/work")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DESTDIR"), m_root);
        const ProgramRun r = runProgram(QStringLiteral(SFT_CMAKE_COMMAND),
                                        // Every install rule is in the default component; naming it makes
                                        // cmake write install_manifest_Unspecified.txt, leaving the
                                        // install_manifest.txt of a user's own `cmake --install` alone.
                                        {QStringLiteral("--install"), QStringLiteral(SFT_BINARY_DIR),
                                         QStringLiteral("--prefix"), QStringLiteral("/usr"),
                                         QStringLiteral("--component"), QStringLiteral("Unspecified")},
                                        300000, env);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
    }

    void layout_data()
    {
        QTest::addColumn<QString>("relative");
        for (const QString &f : sfttest::installLayout())
            QTest::newRow(qPrintable(f)) << f;
    }
    void layout()
    {
        QFETCH(QString, relative);
        const QFileInfo info(installed(relative));
        QVERIFY2(info.isFile(), qPrintable(info.filePath() + QStringLiteral(" is missing")));
        QVERIFY(info.size() > 0);
        if (relative.startsWith(QStringLiteral(SFT_INSTALL_BINDIR "/")))
            QVERIFY(info.isExecutable());
    }

    // Only the programs and share/: no headers, static libraries or test executables.
    void nothingButProgramsAndData()
    {
        QStringList stray;
        QDirIterator it(m_prefix, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString rel = QDir(m_prefix).relativeFilePath(it.next());
            const bool inBin = rel.startsWith(QStringLiteral(SFT_INSTALL_BINDIR "/"));
            if ((!inBin && !rel.startsWith(QStringLiteral(SFT_INSTALL_DATADIR "/"))) || rel.endsWith(QLatin1String(".a")) ||
                rel.endsWith(QLatin1String(".h")) || (inBin && !rel.contains(QLatin1String("sftbench"))))
                stray << rel;
        }
        QVERIFY2(stray.isEmpty(), qPrintable(stray.join(QLatin1Char('\n'))));
        QCOMPARE(QDir(m_root).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("usr")});
    }

    void docs()
    {
        const QString doc = installed(QStringLiteral(SFT_INSTALL_DOCDIR "/"));
        QVERIFY(sfttest::readFile(doc + QStringLiteral("LICENSE")).contains("GNU GENERAL PUBLIC LICENSE\n                       Version 3"));
        const QByteArray copyright = sfttest::readFile(doc + QStringLiteral("copyright"));
        QVERIFY(copyright.startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
        QVERIFY(copyright.contains("\nUpstream-Name: sftbench\n"));
        QVERIFY(copyright.contains("\nFiles: *\n"));
        QVERIFY(copyright.contains("\nLicense: GPL-3+\n"));
        QVERIFY(copyright.contains("/usr/share/common-licenses/GPL-3"));
        QVERIFY(!QString::fromUtf8(copyright).contains(QRegularExpression(QStringLiteral("@[A-Z_]+@"))));  // every @VARIABLE@ filled in
        QCOMPARE(sfttest::readFile(doc + QStringLiteral("README.md")),
                 sfttest::readFile(QStringLiteral(SFT_SOURCE_DIR "/README.md")));
    }

    void pngIcons_data()
    {
        QTest::addColumn<int>("size");
        for (int s : sfttest::iconSizes())
            QTest::newRow(qPrintable(QString::number(s))) << s;
    }
    void pngIcons()
    {
        QFETCH(int, size);
        const QString path = share(QStringLiteral("icons/hicolor/%1x%1/apps/").arg(size) + sfttest::appId() +
                                   QStringLiteral(".png"));
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage image = reader.read();
        QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
    }

    void svgIcon()
    {
        const QString path = share(QStringLiteral("icons/hicolor/scalable/apps/") + sfttest::appId() + QStringLiteral(".svg"));
        QXmlStreamReader xml(sfttest::readFile(path));
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name().toString(), QStringLiteral("svg"));
        QCOMPARE(xml.namespaceUri().toString(), QStringLiteral("http://www.w3.org/2000/svg"));
        QVERIFY(xml.attributes().hasAttribute(QStringLiteral("viewBox")));
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // Rendered as the desktop would, where Qt's SVG image plugin is installed.
        if (QImageReader::supportedImageFormats().contains("svg")) {
            QImageReader reader(path);
            reader.setScaledSize(QSize(64, 64));
            QVERIFY2(!reader.read().isNull(), qPrintable(reader.errorString()));
        }
    }

    // The entry is installed as it is in the source tree (test_desktopfiles checks its keys),
    // and the freedesktop validator accepts it without a warning.
    void desktopEntryValidates()
    {
        const QString path = share(QStringLiteral("applications/") + sfttest::appId() + QStringLiteral(".desktop"));
        const QByteArray installedEntry = sfttest::readFile(path);
        QVERIFY2(!installedEntry.isEmpty(), qPrintable(path));
        const QString source = QStringLiteral(SFT_SOURCE_DIR "/resources/desktop/") + sfttest::appId() +
                               QStringLiteral(".desktop");
        QCOMPARE(installedEntry, sfttest::readFile(source));

        SFT_REQUIRE_TOOL(validate, "desktop-file-validate", "desktop-file-utils");
        const ProgramRun r = runProgram(validate, {path});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(!r.all().contains(QLatin1String("error"), Qt::CaseInsensitive), r.describe().constData());
        QVERIFY2(!r.all().contains(QLatin1String("warning"), Qt::CaseInsensitive), r.describe().constData());
    }

    void metainfoValidates()
    {
        const QString path = share(QStringLiteral("metainfo/") + sfttest::appId() + QStringLiteral(".metainfo.xml"));
        const QString text = QString::fromUtf8(sfttest::readFile(path));
        QVERIFY(text.contains(QStringLiteral("<id>") + sfttest::appId() + QStringLiteral("</id>")));
        QVERIFY(text.contains(QStringLiteral(">") + sfttest::appId() + QStringLiteral(".desktop</launchable>")));
        QVERIFY(text.contains(QStringLiteral("<project_license>GPL-3.0-or-later</project_license>")));
        QVERIFY(text.contains(QStringLiteral("<screenshot")));
        QVERIFY(!text.contains(QRegularExpression(QStringLiteral("@[A-Z_]+@"))));  // every @VARIABLE@ filled in

        SFT_REQUIRE_TOOL(appstreamcli, "appstreamcli", "appstream");
        const ProgramRun r = runProgram(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"), path});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
    }

    // The installed MIME package, compiled the way shared-mime-info's trigger does it.
    void mimeTypeForWorkspaces()
    {
        SFT_REQUIRE_TOOL(update, "update-mime-database", "shared-mime-info");
        // A data folder of its own, named as XDG_DATA_HOME so that the tool has no reason to warn.
        const QString data = m_home + QStringLiteral("/mimedata");
        const QString mime = data + QStringLiteral("/mime");
        QVERIFY(QDir().mkpath(mime + QStringLiteral("/packages")));
        const QString name = sfttest::appId() + QStringLiteral(".xml");
        QVERIFY(QFile::copy(share(QStringLiteral("mime/packages/") + name), mime + QStringLiteral("/packages/") + name));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), data);
        const ProgramRun r = runProgram(update, {mime}, 60000, env);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.err.isEmpty(), r.describe().constData());  // it warns on stderr about a malformed package

        const QString type = QStringLiteral(SFT_MIME_TYPE);
        const QStringList globs = QString::fromUtf8(sfttest::readFile(mime + QStringLiteral("/globs2"))).split(QLatin1Char('\n'));
        QVERIFY2(globs.filter(QRegularExpression(QStringLiteral("^\\d+:") + QRegularExpression::escape(type) +
                                                 QStringLiteral(":\\*\\.sftws$")))
                         .size() == 1,
                 qPrintable(globs.join(QLatin1Char('\n'))));
        QVERIFY(QString::fromUtf8(sfttest::readFile(mime + QStringLiteral("/subclasses")))
                    .contains(type + QStringLiteral(" application/vnd.sqlite3")));
        QVERIFY(QString::fromUtf8(sfttest::readFile(mime + QStringLiteral("/icons")))
                    .contains(type + QLatin1Char(':') + sfttest::appId()));
        // English and Chinese comments in the compiled type.
        const QByteArray compiled = sfttest::readFile(mime + QLatin1Char('/') + type + QStringLiteral(".xml"));
        QVERIFY2(compiled.contains("<comment>") && compiled.contains("xml:lang=\"zh_CN\""), compiled.constData());
    }

    void cliHelp()
    {
        const ProgramRun r = runProgram(bin(QStringLiteral("sftbench-cli")), {QStringLiteral("help")}, 60000,
                                        isolatedEnvironment(), m_home + QStringLiteral("/work"));
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QString out = QString::fromUtf8(r.out);
#ifdef SFT_INSTALL_WITH_TORCH
        const auto commands = {"import", "stats", "train", "export-gguf"};
#else
        const auto commands = {"import", "stats"};
#endif
        for (const char *command : commands)
            QVERIFY2(out.contains(QRegularExpression(QStringLiteral("^  %1 ").arg(QLatin1String(command)),
                                                     QRegularExpression::MultilineOption)),
                     qPrintable(out));
    }

    void cliVersion()
    {
        const ProgramRun r = runProgram(bin(QStringLiteral("sftbench-cli")), {QStringLiteral("--version")}, 60000,
                                        isolatedEnvironment(), m_home + QStringLiteral("/work"));
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("sftbench-cli " SFT_PROJECT_VERSION));
        QVERIFY2(lines.value(1).startsWith(QLatin1String("LibTorch ")), r.describe().constData());
    }

    // No display at all: the report needs only a QCoreApplication, and it names
    // the installed translations and worker (found from the program's own folder).
    void versionWithoutDisplay()
    {
        const ProgramRun r = runProgram(bin(QStringLiteral("sftbench")), {QStringLiteral("--version")}, 60000,
                                        isolatedEnvironment(), m_home + QStringLiteral("/work"));
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("sftbench " SFT_PROJECT_VERSION));
        QVERIFY2(reportValue(lines, QStringLiteral("Qt")).startsWith(QLatin1String("6.")), r.describe().constData());
        QVERIFY2(reportValue(lines, QStringLiteral("SQLite")).startsWith(QLatin1String("3.")), r.describe().constData());
        QCOMPARE(canonical(reportValue(lines, QStringLiteral("Translations"))),
                 canonical(share(QStringLiteral("sftbench/translations"))));
        const QString libtorch = reportValue(lines, QStringLiteral("LibTorch"));
        QVERIFY2(libtorch.contains(bin(QStringLiteral("sftbench-cli"))), r.describe().constData());
        QCOMPARE(reportValue(lines, QStringLiteral("Licence")), QStringLiteral("GPL-3.0-or-later"));
    }

    // What a double-click on a .sftws file does: `sftbench FILE`. The workspace
    // opens (it becomes the most recent one in the settings, and no demo
    // workspace is made) and the window draws in Chinese from the installed files.
    void guiOpensWorkspaceArgument()
    {
        const QString work = m_home + QStringLiteral("/work");
        const QString ws = work + QStringLiteral("/w.sftws");
        const QString shot = work + QStringLiteral("/shot.png");
        const QProcessEnvironment env = isolatedEnvironment();
        const ProgramRun add = runProgram(
            bin(QStringLiteral("sftbench-cli")),
            {QStringLiteral("add"), QStringLiteral("--workspace"), ws, QStringLiteral("--create-workspace"),
             QStringLiteral("--dataset"), QStringLiteral("installed"), QStringLiteral("--create-dataset"),
             QStringLiteral("--instruction"), QStringLiteral("把这句话翻译成英文：你好，世界。"),
             QStringLiteral("--output"), QStringLiteral("Hello, world.")},
            60000, env, work);
        QVERIFY2(add.exitCode == 0, add.describe().constData());
        QVERIFY(QFileInfo(ws).isFile());

        const ProgramRun r = runProgram(bin(QStringLiteral("sftbench")),
                                        {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--lang"),
                                         QStringLiteral("zh_CN"), QStringLiteral("--screenshot"), shot, ws},
                                        180000, env, work);
        QVERIFY2(r.exitCode == 0, r.describe().constData());

        const QImage image(shot);
        QVERIFY2(!image.isNull(), r.describe().constData());
        QVERIFY2(image.width() >= 800 && image.height() >= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height() && colours.size() < 64; y += 7)
            for (int x = 0; x < image.width() && colours.size() < 64; x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() >= 16, "the screenshot is (nearly) one flat colour");

        // The settings went to the temporary XDG_CONFIG_HOME, listing the workspace first.
        QStringList withRecent;
        QStringList recent;
        QDirIterator it(m_home + QStringLiteral("/config"), {QStringLiteral("*.conf")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString conf = it.next();
            const QSettings settings(conf, QSettings::IniFormat);
            if (settings.contains(QStringLiteral("workspace/recent"))) {
                withRecent << conf;
                recent = settings.value(QStringLiteral("workspace/recent")).toStringList();
            }
        }
        QCOMPARE(withRecent.size(), 1);
        QVERIFY2(!recent.isEmpty(), qPrintable(withRecent.first()));
        QCOMPARE(canonical(recent.first()), canonical(ws));
        QVERIFY(!QFileInfo::exists(m_home + QStringLiteral("/data/SFTWorkbench/sftbench/demo.sftws")));
    }

    // A file: URL (as a file manager passes it) of a workspace that is not there: nothing is created there;
    // the window opens the most recent workspace (or the demo one) instead.
    void installedGuiNeverCreatesAMissingWorkspace()
    {
        const QString work = m_home + QStringLiteral("/work");
        const QString missing = work + QStringLiteral("/no such/typo.sftws");
        const QString shot = work + QStringLiteral("/missing.png");
        const ProgramRun r = runProgram(bin(QStringLiteral("sftbench")),
                                        {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--screenshot"),
                                         shot, QUrl::fromLocalFile(missing).toString(QUrl::FullyEncoded)},
                                        180000, isolatedEnvironment(), work);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(QFileInfo(shot).isFile(), r.describe().constData());
        QVERIFY(!QFileInfo::exists(work + QStringLiteral("/no such")));
    }
};

QTEST_MAIN(TestInstall)
#include "test_install.moc"
