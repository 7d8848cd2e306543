// The main window: importing in the background (and a bad file showing where
// it is wrong while importing nothing), undo through the Edit menu's stack,
// and switching the interface language at run time.

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "curation/curationpanel.h"
#include "common/job.h"
#include "common/languagemanager.h"
#include "mainwindow.h"
#include "curation/recordtablemodel.h"
#include "workspace/workspace.h"

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
        Job *job = w.importDataset(QStringLiteral(SFT_SHARED_DATA_DIR "/alpaca_en_52k.json"));
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
        QString shown;
        // The error box is modal (a nested event loop): poll for it, read it, close it.
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&shown, &poll] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->text();
                poll.stop();
                box->accept();
            }
        });
        poll.start();
        Job *job = w.importDataset(bad.fileName());
        QVERIFY(job);
        QTRY_VERIFY(!w.currentJob());
        QTRY_VERIFY(!shown.isEmpty());
        QVERIFY2(shown.contains(QStringLiteral("bad.json:3: record 2, field \"instruction\": expected a string")),
                 qPrintable(shown));
        QCOMPARE(w.workspace()->datasets().size(), 0);
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

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
