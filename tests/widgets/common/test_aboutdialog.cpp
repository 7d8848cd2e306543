// Help ▸ About and `sftbench --version`: the dialog asks a fake worker for its
// LibTorch without blocking ("checking…" until it answers, then workerAnswered
// once), says clearly when the worker is missing or fails, shows the Qt and
// SQLite versions and the licence, copies the same text `sftbench --version` prints, and retranslates;
// the installed-translations folder is found from the executable's folder;
// and the real `sftbench --version` answers with no display at all.

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "buildinfo.h"
#include "common/aboutdialog.h"
#include "common/languagemanager.h"
#include "common/versionreport.h"
#include "mainwindow.h"
#include "test_util.h"
#include "widget_test_util.h"
#include "workspace/versioninfo.h"

using sfttest::PrefixTranslator;

class TestAboutDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_fake;

    QString script(const QString &name, const QByteArray &body)
    {
        return sfttest::writeShellScript(m_dir.filePath(name), body);
    }

    static QString label(const AboutDialog &d, const char *name)
    {
        auto *l = d.findChild<QLabel *>(QLatin1String(name));
        return l ? l->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        m_fake = script(QStringLiteral("fake-worker"), "[ \"$1\" = --version ] || exit 9\n"
                                                       "echo 'sftbench-cli 0.1.0'\necho 'LibTorch 4.5.6, CPU only'\n");
    }

    void workerVersionShown()
    {
        AboutDialog d(m_fake);
        // Asked, not waited for: the answer comes through the event loop.
        QCOMPARE(d.torchLabel()->text(), QStringLiteral("checking…"));
        QVERIFY(d.versionsText().contains(QStringLiteral("LibTorch unknown (worker %1: still checking)\n").arg(m_fake)));
        QTRY_COMPARE(d.torchLabel()->text(), QStringLiteral("4.5.6"));
        QCOMPARE(label(d, "workerPath"), m_fake);
    }

    // workerAnswered comes once, after the label shows the answer.
    void answeredSignal()
    {
        AboutDialog d(m_fake);
        QSignalSpy spy(&d, &AboutDialog::workerAnswered);
        QString labelAtSignal;
        connect(&d, &AboutDialog::workerAnswered, this, [&] { labelAtSignal = d.torchLabel()->text(); });
        QCOMPARE(spy.count(), 0);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(labelAtSignal, QStringLiteral("4.5.6"));
        // Nothing more comes once the worker process is gone, nor on a language change.
        QTRY_COMPARE(d.findChild<QProcess *>()->state(), QProcess::NotRunning);
        sfttest::changeLanguage(&d);
        QCoreApplication::processEvents();
        QCOMPARE(spy.count(), 1);
    }

    // A worker that cannot be started is an answer too, delivered after the constructor returns.
    void answeredSignalOnFailure()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no-such-worker"));
        AboutDialog d(missing);
        QSignalSpy spy(&d, &AboutDialog::workerAnswered);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(d.torchLabel()->text(), QStringLiteral("unknown: the worker was not found"));
        AboutDialog crashed(script(QStringLiteral("crasher"), "kill -KILL $$\n"));
        QSignalSpy crashedSpy(&crashed, &AboutDialog::workerAnswered);
        QTRY_COMPARE(crashedSpy.count(), 1);
        QCOMPARE(crashed.torchLabel()->text(), QStringLiteral("unknown: the worker crashed"));
        QVERIFY2(crashed.versionsText().contains(QStringLiteral("LibTorch unknown (worker %1: crashed)\n")
                                                     .arg(crashed.workerProgram())),
                 qPrintable(crashed.versionsText()));
    }

    void missingWorker()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no-such-worker"));
        AboutDialog d(missing);
        QTRY_COMPARE(d.torchLabel()->text(), QStringLiteral("unknown: the worker was not found"));
        QVERIFY2(d.versionsText().contains(QStringLiteral("\nLibTorch unknown (worker %1: not found)\n").arg(missing)),
                 qPrintable(d.versionsText()));
    }

    void failingWorker()
    {
        AboutDialog d(script(QStringLiteral("exit-3"), "echo 'LibTorch 1.0.0'\nexit 3\n"));
        QTRY_COMPARE(d.torchLabel()->text(), QStringLiteral("unknown: the worker failed (exit code 3)"));
        AboutDialog old(script(QStringLiteral("old-worker"), "echo 'sftbench-cli 0.0.1'\n"));
        QTRY_COMPARE(old.torchLabel()->text(), QStringLiteral("unknown: the worker did not name its LibTorch version"));
    }

    void qtSqliteAndLicence()
    {
        AboutDialog d(m_fake);
        QCOMPARE(label(d, "qtVersion"),
                 QStringLiteral("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
        const QString sqlite = label(d, "sqliteVersion");
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(sqlite).hasMatch(), qPrintable(sqlite));
        QCOMPARE(sqlite, sft::sqliteVersion());
        const QString licence = label(d, "licence");
        QVERIFY2(licence.contains(QStringLiteral("GNU General Public License v3.0 or later")), qPrintable(licence));
        QVERIFY(licence.contains(QStringLiteral("GPL-3.0-or-later")));
        QVERIFY(licence.contains(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html")));
        QVERIFY(label(d, "homepage").contains(QStringLiteral(SFTBENCH_BUILD_HOMEPAGE)));
        QVERIFY(!d.windowTitle().isEmpty());
        QTRY_COMPARE(d.torchLabel()->text(), QStringLiteral("4.5.6"));  // let the worker end within the test
    }

    // Help ▸ About opens the dialog without blocking, asking the worker the application would
    // run, and shows what that worker answers; Help ▸ About Qt is there too, translated with
    // the rest of the window.
    void helpMenu()
    {
        MainWindow w;
        QAction *about = w.findChild<QAction *>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QCOMPARE(about->text(), QStringLiteral("&About SFT Workbench"));
        QMenu *helpMenu = w.menuBar()->actions().last()->menu();
        QVERIFY(helpMenu);
        const QList<QAction *> help = helpMenu->actions();
        QCOMPARE(help.size(), 2);
        QCOMPARE(help[0], about);
        QAction *aboutQt = help[1];
        QCOMPARE(aboutQt->text(), QStringLiteral("About &Qt"));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(aboutQt->text(), QStringLiteral("关于 Qt(&Q)"));
        QVERIFY(about->text() != QStringLiteral("&About SFT Workbench"));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        QCOMPARE(aboutQt->text(), QStringLiteral("About &Qt"));

        about->trigger();
        auto *d = w.findChild<AboutDialog *>();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QCOMPARE(d->workerProgram(), sft::WorkerProcess::defaultProgram());
        QCOMPARE(label(*d, "workerPath"), sft::WorkerProcess::defaultProgram());
        QSignalSpy answered(d, &AboutDialog::workerAnswered);
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 30000);
        // The same answer the blocking query of `sftbench --version` gets from that worker.
        QString why;
        const QString torch = sft::workerTorchVersion(d->workerProgram(), 30000, &why);
        if (torch.isEmpty()) {
            const QString shown = d->torchLabel()->text();
            QVERIFY2(shown.startsWith(QStringLiteral("unknown: ")), qPrintable(shown));
            QVERIFY2(d->versionsText().contains(
                         QStringLiteral("\nLibTorch unknown (worker %1: %2)\n").arg(d->workerProgram(), why)),
                     qPrintable(d->versionsText()));
        } else {
            QCOMPARE(d->torchLabel()->text(), torch);
        }
        d->close();
        QTRY_VERIFY(!w.findChild<AboutDialog *>());  // deleted on close
    }

    // What is copied is what `sftbench --version` prints, with the worker's answer.
    void copyVersions()
    {
        AboutDialog d(m_fake);
        QTRY_COMPARE(d.torchLabel()->text(), QStringLiteral("4.5.6"));
        QGuiApplication::clipboard()->clear();
        d.copyButton()->click();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(QStringLiteral("sftbench " SFTBENCH_BUILD_VERSION "\n")), qPrintable(copied));
        QVERIFY2(copied.contains(QStringLiteral("\nLibTorch 4.5.6 (worker %1)\n").arg(m_fake)), qPrintable(copied));
        QCOMPARE(copied, sft::versionReport(m_fake));
    }

    void retranslates()
    {
        AboutDialog d(QStringLiteral("/nonexistent/sftbench-cli"));
        QCOMPARE(d.windowTitle(), QStringLiteral("About SFT Workbench"));
        QTRY_VERIFY(d.torchLabel()->text().startsWith(QStringLiteral("unknown: ")));
        PrefixTranslator translator;
        QCoreApplication::installTranslator(&translator);
        sfttest::changeLanguage(&d);
        QCOMPARE(d.windowTitle(), QStringLiteral("‹About SFT Workbench"));
        QCOMPARE(d.copyButton()->text(), QStringLiteral("‹&Copy versions"));
        QCOMPARE(d.torchLabel()->text(), QStringLiteral("‹unknown: the worker was not found"));
        QVERIFY(label(d, "licence").startsWith(QStringLiteral("‹<a href=")));
        // The copied text stays English, for bug reports.
        QVERIFY(d.versionsText().contains(QStringLiteral("LibTorch unknown (worker /nonexistent/sftbench-cli: not found)")));
        QCoreApplication::removeTranslator(&translator);
        sfttest::changeLanguage(&d);
        QCOMPARE(d.windowTitle(), QStringLiteral("About SFT Workbench"));

        // The real catalogue: loaded from the binary in a build tree, and named in the dialog.
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(LanguageManager::instance()->translationFile(), QStringLiteral(":/i18n/sftbench_zh_CN.qm"));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        QCOMPARE(LanguageManager::instance()->translationFile(), QStringLiteral(":/i18n/sftbench_en.qm"));
        QCOMPARE(label(d, "translationsSource"), QStringLiteral("built into the application"));
    }

    // <prefix>/bin/sftbench finds <prefix>/share/sftbench/translations once it holds the catalogues.
    void translationsDirFor()
    {
        if (QLatin1String(SFTBENCH_BUILD_BIN_TO_DATADIR) != QLatin1String("../share"))
            QSKIP("configured with another bin/share layout than <prefix>/bin and <prefix>/share");
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString bin = tmp.filePath(QStringLiteral("usr/bin"));
        const QString dir = tmp.filePath(QStringLiteral("usr/share/sftbench/translations"));
        QVERIFY(QDir().mkpath(bin));
        QCOMPARE(LanguageManager::translationsDirFor(bin), QString());  // no folder
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(LanguageManager::translationsDirFor(bin), QString());  // an empty folder
        QFile english(dir + QStringLiteral("/sftbench_en.qm"));
        QVERIFY(english.open(QIODevice::WriteOnly));
        english.close();
        QCOMPARE(LanguageManager::translationsDirFor(bin), QString());  // English alone is plural forms only
        QFile chinese(dir + QStringLiteral("/sftbench_zh_CN.qm"));
        QVERIFY(chinese.open(QIODevice::WriteOnly));
        chinese.close();
        QCOMPARE(LanguageManager::translationsDirFor(bin), dir);
        QCOMPARE(LanguageManager::translationsDirFor(bin + QStringLiteral("/")), dir);
        QCOMPARE(LanguageManager::translationsDirFor(tmp.filePath(QStringLiteral("usr/lib"))), dir);
        QCOMPARE(LanguageManager::translationsDirFor(tmp.path()), QString());
        // This test's executable lies in the build tree, with no share/ folder above it: its
        // catalogues are the ones compiled in (the retranslates test sees ":/i18n/...").
        QCOMPARE(LanguageManager::translationsDir(), QString());
    }

    // `sftbench --version` needs no display: no QT_QPA_PLATFORM, no X11 or Wayland to connect to.
    void versionWithoutDisplay()
    {
        const QString exe = QStringLiteral(SFT_BINARY_DIR "/app/sftbench");
        if (!QFileInfo::exists(exe))
            QSKIP("sftbench is not built");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QLatin1String(name));
        const sfttest::ProgramRun p = sfttest::runProgram(exe, {QStringLiteral("--version")}, 60000, env);
        QVERIFY2(p.finished && p.exitCode == 0, p.describe().constData());  // -2 would be a crash
        const QString out = QString::fromUtf8(p.out);
        const QStringList lines = out.split(QLatin1Char('\n'));
        QVERIFY2(lines.size() == 7 && lines.last().isEmpty(), qPrintable(out));  // six lines, each ending in \n
        QCOMPARE(lines[0], QStringLiteral("sftbench " SFTBENCH_BUILD_VERSION));
        QVERIFY(QRegularExpression(QStringLiteral("^sftbench \\d+\\.\\d+\\.\\d+$")).match(lines[0]).hasMatch());
        QCOMPARE(lines[1], QStringLiteral("Qt %1 (built with " QT_VERSION_STR ")").arg(QString::fromLatin1(qVersion())));
        QCOMPARE(lines[2], QStringLiteral("SQLite ") + sft::sqliteVersion());
        // The worker beside the executable, asked for its LibTorch.
        const QString worker = QFileInfo(QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli")).canonicalFilePath();
        QString error;
        const QString torch = sft::workerTorchVersion(worker, 60000, &error);
        QVERIFY2(!torch.isEmpty(), qPrintable(error));
        QCOMPARE(lines[3], QStringLiteral("LibTorch %1 (worker %2)").arg(torch, worker));
        QCOMPARE(lines[4], QStringLiteral("Translations built-in"));  // a build tree has no share/ beside bin
        QCOMPARE(lines[5], QStringLiteral("Licence GPL-3.0-or-later"));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "test_aboutdialog.moc"
