// The main window: importing in the background (the hand-written sample, and
// in realDataImportInBackground the 52K file, see shared_data.h), errors (a bad
// or missing file, a workspace that cannot be opened, a second job) reported by
// errorOccurred and a message box that does not block, undo through the Edit
// menu's stack, and switching the interface language at run time.

#include <QApplication>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "curation/curationpanel.h"
#include "common/job.h"
#include "common/languagemanager.h"
#include "mainwindow.h"
#include "curation/recordtablemodel.h"
#include "shared_data.h"
#include "workspace/workspace.h"

#include <memory>

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SFTWorkbenchTest"));
    }

    void importInBackground()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("a.sftws"))));
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        Job *job = w.importDataset(sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json")));
        QVERIFY(job);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(w.workspace()->datasets().size(), 1);
        QTRY_COMPARE(w.curationPanel()->model()->rowCount(), 12);
        QCOMPARE(errors.size(), 0);
    }

    void realDataImportInBackground()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("real.sftws"))));
        Job *job = w.importDataset(sfttest::sharedFile(QStringLiteral("alpaca_en_52k.json")));
        QVERIFY(job);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(w.workspace()->datasets().size(), 1);
        QTRY_COMPARE(w.curationPanel()->model()->rowCount(), 52002);
    }

    void badImportShowsLocation()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("b.sftws"))));
        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("[\n {\"instruction\": \"ok\", \"output\": \"fine\"},\n {\"instruction\": 42, \"output\": \"x\"}\n]\n");
        bad.close();
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        Job *job = w.importDataset(bad.fileName());
        QVERIFY(job);
        QTRY_COMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("bad.json:3: record 2, field \"instruction\": expected a string")),
                 qPrintable(message));
        QVERIFY(!w.currentJob());
        QCOMPARE(w.workspace()->datasets().size(), 0);
        // The same message is on screen, in a box that did not block this test.
        auto *box = w.findChild<QMessageBox *>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), message);
        box->accept();
    }

    void missingFileReportsError()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("m.sftws"))));
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        const QString missing = m_dir.filePath(QStringLiteral("no-such-file.json"));
        Job *job = w.importDataset(missing);
        QVERIFY(job);
        QSignalSpy failed(job, &Job::failed);
        QVERIFY(failed.wait(20000));
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(missing), qPrintable(message));
        QCOMPARE(failed.first().first().toString(), message);
        QVERIFY(!w.currentJob());
        QCOMPARE(w.workspace()->datasets().size(), 0);
        auto *box = w.findChild<QMessageBox *>();
        QVERIFY(box);
        QCOMPARE(box->text(), message);
        QCOMPARE(box->icon(), QMessageBox::Critical);
        // Nothing waits on the box: the next import runs while it is still open.
        Job *next = w.importDataset(sfttest::fixtureFile(QStringLiteral("alpaca_zh_sample.json")));
        QVERIFY(next);
        QSignalSpy done(next, &Job::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(w.workspace()->datasets().size(), 1);
        QCOMPARE(errors.size(), 1);
        box->accept();
    }

    void openWorkspaceError()
    {
        MainWindow w;
        w.show();
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        // Not an SQLite file.
        QFile junk(m_dir.filePath(QStringLiteral("junk.sftws")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        QVERIFY(!w.openWorkspace(junk.fileName()));
        QCOMPARE(errors.size(), 1);
        QVERIFY(!errors.first().first().toString().isEmpty());
        QVERIFY(!w.workspace());
        QVERIFY(w.findChild<QMessageBox *>());
    }

    void secondJobRefused()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("busy.sftws"))));
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        // The first job runs until released, so the second surely finds it running.
        auto release = std::make_shared<QSemaphore>();
        auto *first = new Job(QStringLiteral("Hold"), [release](const sft::ProgressFn &) {
            release->acquire();
            return QStringLiteral("held");
        });
        auto unblock = qScopeGuard([release] { release->release(); });   // also when a check fails
        QSignalSpy done(first, &Job::finished);
        QVERIFY(w.runJob(first));
        QVERIFY(!w.runJob(new Job(QStringLiteral("Second"), [](const sft::ProgressFn &) { return QString(); })));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("Hold")),
                 qPrintable(errors.first().first().toString()));
        auto *box = w.findChild<QMessageBox *>();
        QVERIFY(box);
        QCOMPARE(box->icon(), QMessageBox::Information);
        unblock.dismiss();
        release->release();
        QVERIFY(done.wait(20000));
        QVERIFY(!w.currentJob());
    }

    void languageSwitch()
    {
        MainWindow w;
        w.show();
        auto *tabs = w.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Curation"));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(tabs->tabText(0), QStringLiteral("数据整理"));
        bool chineseButton = false;
        for (auto *b : w.curationPanel()->findChildren<QToolButton *>())
            chineseButton |= b->text().startsWith(QStringLiteral("接受"));
        QVERIFY(chineseButton);
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Curation"));
        QVERIFY(!LanguageManager::instance()->setLanguage(QStringLiteral("xx")));
    }
};

SFT_REALDATA_MAIN(TestMainWindow, "alpaca_en_52k.json")
#include "test_mainwindow.moc"
