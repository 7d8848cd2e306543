// The Debian package, checked from outside: `cpack -G DEB` into a temporary
// folder, then its control fields (Depends: what dpkg-shlibdeps found plus
// what is loaded at run time without being linked), its file list (the
// install layout under /usr and nothing else), stripped binaries, and that
// apt resolves its dependencies on this system.

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "install_util.h"
#include "test_util.h"

using sfttest::ProgramRun;
using sfttest::runProgram;

namespace {

/** The package names a Depends field allows, alternatives included, without versions. */
QStringList dependencyNames(const QString &depends)
{
    QStringList names;
    for (const QString &group : depends.split(QLatin1Char(','), Qt::SkipEmptyParts))
        for (QString alt : group.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            alt = alt.trimmed();
            names << alt.left(alt.indexOf(QLatin1Char(' '))).left(alt.indexOf(QLatin1Char('('))).trimmed();
        }
    return names;
}

/** The control fields of a .deb (continuation lines of a multi-line field are dropped). */
QHash<QString, QString> parseControlFields(const QByteArray &dpkgDebF)
{
    QHash<QString, QString> fields;
    for (const QString &line : QString::fromUtf8(dpkgDebF).split(QLatin1Char('\n'))) {
        const int colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0 && !line.startsWith(QLatin1Char(' ')))
            fields.insert(line.left(colon), line.mid(colon + 1).trimmed());
    }
    return fields;
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_deb;
    QString m_dpkgDeb;
    QHash<QString, QString> m_fields;
    QStringList m_files;  // "./usr/bin/sftbench", ... (folders end in '/')

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SFT_REQUIRE_TOOL(dpkgDeb, "dpkg-deb", "dpkg");
        SFT_REQUIRE_TOOL(shlibdeps, "dpkg-shlibdeps", "dpkg-dev");
        m_dpkgDeb = dpkgDeb;
        const ProgramRun arch = runProgram(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")});
        QCOMPARE(arch.exitCode, 0);

        const ProgramRun r = runProgram(QStringLiteral(SFT_CPACK_COMMAND),
                                        {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                                         QStringLiteral(SFT_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"),
                                         m_dir.path()},
                                        600000, QProcessEnvironment::systemEnvironment(), m_dir.path());
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        // DEB-DEFAULT: name_version_architecture.deb
        const QString name = QStringLiteral("sftbench_" SFT_PROJECT_VERSION "_") + QString::fromUtf8(arch.out).trimmed() +
                             QStringLiteral(".deb");
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*.deb")}), QStringList{name});
        m_deb = m_dir.filePath(name);

        const ProgramRun f = runProgram(m_dpkgDeb, {QStringLiteral("-f"), m_deb});
        QVERIFY2(f.exitCode == 0, f.describe().constData());
        m_fields = parseControlFields(f.out);
        const ProgramRun c = runProgram(m_dpkgDeb, {QStringLiteral("-c"), m_deb});
        QVERIFY2(c.exitCode == 0, c.describe().constData());
        for (const QString &line : QString::fromUtf8(c.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            m_files << line.section(QLatin1Char(' '), -1);  // the last column is the path (no spaces in ours)
    }

    void controlFields()
    {
        QCOMPARE(m_fields.value(QStringLiteral("Package")), QStringLiteral("sftbench"));
        QCOMPARE(m_fields.value(QStringLiteral("Version")), QStringLiteral(SFT_PROJECT_VERSION));
        const ProgramRun arch = runProgram(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")});
        QCOMPARE(m_fields.value(QStringLiteral("Architecture")), QString::fromUtf8(arch.out).trimmed());
        QCOMPARE(m_fields.value(QStringLiteral("Section")), QStringLiteral("science"));
        QVERIFY(m_fields.value(QStringLiteral("Maintainer")).contains(QLatin1Char('<')));
        QVERIFY(m_fields.value(QStringLiteral("Homepage")).startsWith(QLatin1String("https://")));
        QVERIFY(!m_fields.value(QStringLiteral("Description")).isEmpty());
        QVERIFY(m_fields.value(QStringLiteral("Installed-Size")).toLongLong() > 0);
    }

    // Linked libraries (dpkg-shlibdeps) and what Qt and LibTorch load at run time.
    void depends_data()
    {
        QTest::addColumn<QString>("pattern");
#ifdef SFT_INSTALL_WITH_TORCH
        QTest::newRow("LibTorch") << QStringLiteral("^libtorch[0-9.]+$");
#endif
        QTest::newRow("Qt Widgets") << QStringLiteral("^libqt6widgets6$");
        QTest::newRow("Qt Sql") << QStringLiteral("^libqt6sql6$");
        QTest::newRow("QCustomPlot") << QStringLiteral("^libqcustomplot2\\.1-qt6$");
        QTest::newRow("SQLite driver") << QStringLiteral("^libqt6sql6-sqlite$");
        QTest::newRow("platform plugins") << QStringLiteral("^qt6-qpa-plugins$");
        QTest::newRow("OpenBLAS") << QStringLiteral("^libopenblas0-pthread$");
        QTest::newRow("CJK font") << QStringLiteral("^fonts-(wqy-microhei|noto-cjk)$");
    }
    void depends()
    {
        QFETCH(QString, pattern);
        const QString depends = m_fields.value(QStringLiteral("Depends"));
        QVERIFY2(!dependencyNames(depends).filter(QRegularExpression(pattern)).isEmpty(), qPrintable(depends));
    }

    void files_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &f : sfttest::installLayout())
            QTest::newRow(qPrintable(f)) << QStringLiteral("./usr/") + f;
    }
    void files()
    {
        QFETCH(QString, path);
        QVERIFY2(m_files.contains(path), qPrintable(m_files.join(QLatin1Char('\n'))));
    }

    // Debian policy: the copyright file is /usr/share/doc/<package>/copyright.
    void debianCopyright()
    {
        QVERIFY2(m_files.contains(QStringLiteral("./usr/share/doc/sftbench/copyright")),
                 qPrintable(m_files.filter(QStringLiteral("/doc/")).join(QLatin1Char('\n'))));
    }

    void onlyProgramsAndData()
    {
        QStringList stray;
        for (const QString &f : m_files) {
            const bool folder = f.endsWith(QLatin1Char('/'));
            if (!f.startsWith(QLatin1String("./usr/")) && f != QLatin1String("./"))
                stray << f;
            else if (f.startsWith(QLatin1String("./usr/include/")) || f.startsWith(QLatin1String("./usr/lib")) ||
                     f.endsWith(QLatin1String(".a")) || f.endsWith(QLatin1String(".h")))
                stray << f;
            else if (!folder && f.startsWith(QLatin1String("./usr/bin/")) && !f.contains(QLatin1String("sftbench")))
                stray << f;
        }
        QVERIFY2(stray.isEmpty(), qPrintable(stray.join(QLatin1Char('\n'))));
    }

    // The build's binaries carry debug information; the packed ones do not.
    void binariesStripped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("sftbench") << QStringLiteral("sftbench");
        QTest::newRow("sftbench-cli") << QStringLiteral("sftbench-cli");
    }
    void binariesStripped()
    {
        QFETCH(QString, name);
        const QString root = m_dir.filePath(QStringLiteral("extracted"));
        if (!QFileInfo::exists(root)) {
            const ProgramRun x = runProgram(m_dpkgDeb, {QStringLiteral("-x"), m_deb, root});
            QVERIFY2(x.exitCode == 0, x.describe().constData());
        }
        const QFileInfo packed(root + QStringLiteral("/usr/bin/") + name);
        const QFileInfo built(QStringLiteral(SFT_BINARY_DIR "/app/") + name);
        QVERIFY(packed.isFile() && packed.isExecutable());
        QVERIFY2(packed.size() < built.size(),
                 qPrintable(QStringLiteral("%1 packed, %2 built").arg(packed.size()).arg(built.size())));

        SFT_REQUIRE_TOOL(file, "file", "file");
        const ProgramRun r = runProgram(file, {QStringLiteral("-b"), packed.filePath()});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.all().contains(QLatin1String("ELF")), r.describe().constData());
        QVERIFY2(r.all().contains(QLatin1String(", stripped")), r.describe().constData());
        QVERIFY2(!r.all().contains(QLatin1String("debug_info")), r.describe().constData());
    }

    // Every dependency resolves against this system's package lists.
    void aptResolvesDependencies()
    {
        const QStringList lists =
            QDir(QStringLiteral("/var/lib/apt/lists")).entryList({QStringLiteral("*_Packages*")}, QDir::Files);
        if (lists.isEmpty())
            QSKIP("no package lists in /var/lib/apt/lists (run apt-get update)");
        SFT_REQUIRE_TOOL(aptGet, "apt-get", "apt");
        const ProgramRun r = runProgram(aptGet, {QStringLiteral("install"), QStringLiteral("--simulate"),
                                                 QStringLiteral("--no-install-recommends"), m_deb},
                                        300000);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.all().contains(QLatin1String("sftbench")), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "test_package.moc"
