// The main window: importing in the background (the hand-written sample, and
// in realDataImportInBackground the 52K file, see shared_data.h), errors (a bad
// or missing file, a workspace that cannot be opened, a second job) reported by
// errorOccurred and a message box that does not block, undo through the Edit
// menu's stack, and switching the interface language at run time. The import
// dialog (format, preview, name, append) driven without blocking; import and
// dataset deletion as undo steps; Edit ▸ Undo showing the dataset it changes;
// every label, undo text and rejection reason following a language switch
// (en → zh_CN → en); Ctrl+Z in a record field; --help without a display.

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "common/importdialog.h"
#include "common/rejectiontext.h"
#include "common/setstatuscommand.h"
#include "curation/curationpanel.h"
#include "curation/datasetlist.h"
#include "curation/recordeditor.h"
#include "common/job.h"
#include "common/languagemanager.h"
#include "mainwindow.h"
#include "curation/recordtablemodel.h"
#include "shared_data.h"
#include "workspace/settings.h"
#include "workspace/demo.h"
#include "workspace/qualityrun.h"
#include "workspace/workspace.h"

#include <memory>

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    /** A fresh copy of the demo workspace (38 records: 34 single-turn, 4 conversations, some accepted, one rejected). */
    QString demoWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo%1.sftws").arg(++m_files));
        sft::ensureDemoWorkspace(path);
        return path;
    }

    QString statusLine(MainWindow &w)
    {
        return w.curationPanel()->editor()->findChild<QLabel *>(QStringLiteral("statusLine"))->text();
    }

    /** Waits for the import the dialog's Import button starts. */
    static bool finishJob(MainWindow &w)
    {
        Job *job = w.currentJob();
        if (!job)
            return false;
        QSignalSpy done(job, &Job::finished);
        return done.wait(20000);
    }

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

    // File ▸ Open recent on a workspace deleted since: reported, not created again, and gone from the menu.
    void missingRecentWorkspaceIsReportedAndDropped()
    {
        const QString kept = m_dir.filePath(QStringLiteral("kept.sftws"));
        const QString gone = m_dir.filePath(QStringLiteral("gone/gone.sftws"));
        sft::AppSettings::recentWorkspaces().set({gone, kept});
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(kept));
        auto recentAction = [&w](const QString &path) -> QAction * {
            for (QAction *a : w.findChildren<QAction *>())
                if (a->text() == path)
                    return a;
            return nullptr;
        };
        QAction *open = recentAction(gone);
        QVERIFY(open);
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        open->trigger();
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("no such workspace")),
                 qPrintable(errors.first().first().toString()));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("gone"))));
        QCOMPARE(w.workspace()->path(), kept);
        QVERIFY(!sft::AppSettings::recentWorkspaces().get().contains(gone));
        QTRY_VERIFY(!recentAction(gone));
        QVERIFY(recentAction(kept));
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

    // The import dialog decides before anything is written; a re-import offers the existing dataset;
    // import and append are undo steps that take exactly their records back.
    void importDialogAndUndo()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("import.sftws"))));
        const QString file = m_dir.filePath(QStringLiteral("my_alpaca.json"));
        QFile::remove(file);
        QVERIFY(QFile::copy(sfttest::fixtureFile(QStringLiteral("alpaca_en_sample.json")), file));
        CurationPanel *panel = w.curationPanel();
        QVERIFY(panel->isEmptyStateShown());

        ImportDialog *d = w.showImportDialog(file);
        QVERIFY(d);
        QVERIFY(d->isVisible());  // open(), not exec(): this test goes on
        QCOMPARE(d->detectedFormat(), sft::DatasetFormat::AlpacaJson);
        QCOMPARE(d->formatCombo()->currentData().toInt(), int(sft::DatasetFormat::AlpacaJson));
        QVERIFY(d->formatCombo()->currentText().contains(QStringLiteral("detected")));
        QCOMPARE(d->previewTable()->rowCount(), 12);
        QCOMPARE(d->previewTable()->item(0, 0)->text(), QStringLiteral("Suggest three ways to save water at home."));
        QCOMPARE(d->nameField()->text(), QStringLiteral("my_alpaca"));
        QVERIFY(d->nameHint()->isHidden());
        QVERIFY(!d->appendButton()->isEnabled());  // nothing to append to yet
        // Another format: the preview says why it cannot read the file, and Import is off.
        d->formatCombo()->setCurrentIndex(d->formatCombo()->findData(int(sft::DatasetFormat::Csv)));
        QVERIFY(!d->previewOk());
        QCOMPARE(d->previewTable()->rowCount(), 0);
        QVERIFY2(d->previewLabel()->text().contains(QStringLiteral("my_alpaca.json")), qPrintable(d->previewLabel()->text()));
        QVERIFY(!d->importButton()->isEnabled());
        d->formatCombo()->setCurrentIndex(d->formatCombo()->findData(int(sft::DatasetFormat::AlpacaJson)));
        QVERIFY(d->importButton()->isEnabled());
        d->importButton()->click();
        QVERIFY(finishJob(w));
        QCOMPARE(w.workspace()->datasets().size(), 1);
        const sft::DatasetInfo first = w.workspace()->datasets().first();
        QCOMPARE(first.name, QStringLiteral("my_alpaca"));
        QCOMPARE(first.total, 12);
        QCOMPARE(panel->datasetId(), first.id);
        QTRY_COMPARE(panel->model()->rowCount(), 12);
        QCOMPARE(w.undoStack()->count(), 1);
        QVERIFY2(w.undoAction()->text().contains(QStringLiteral("my_alpaca")), qPrintable(w.undoAction()->text()));

        // The same file again: the dialog says the name is taken and offers that dataset to append to.
        d = w.showImportDialog(file);
        QVERIFY(d->nameHint()->isVisible());
        QVERIFY2(d->nameHint()->text().contains(QStringLiteral("“my_alpaca (2)”")), qPrintable(d->nameHint()->text()));
        QVERIFY(d->appendButton()->isEnabled());
        QCOMPARE(d->datasetCombo()->currentText(), QStringLiteral("my_alpaca"));
        QCOMPARE(d->options().datasetId, qint64(0));
        d->appendButton()->setChecked(true);
        QCOMPARE(d->options().datasetId, first.id);
        d->importButton()->click();
        QVERIFY(finishJob(w));
        QCOMPARE(w.workspace()->datasets().size(), 1);
        QCOMPARE(w.workspace()->dataset(first.id)->total, 24);
        QTRY_COMPARE(panel->model()->rowCount(), 24);

        // Undo the append: the 12 records of the first import stay as they were.
        w.undo();
        QCOMPARE(w.workspace()->dataset(first.id)->total, 12);
        QTRY_COMPARE(panel->model()->rowCount(), 12);
        w.redo();
        QCOMPARE(w.workspace()->dataset(first.id)->total, 24);
        QTRY_COMPARE(panel->model()->rowCount(), 24);
        // Undo both: no dataset left, the empty state again; redo brings the first import back.
        w.undo();
        w.undo();
        QVERIFY(w.workspace()->datasets().isEmpty());
        QVERIFY(panel->isEmptyStateShown());
        QVERIFY(panel->countLabel()->text().isEmpty());
        w.redo();
        QCOMPARE(w.workspace()->datasets().size(), 1);
        QCOMPARE(w.workspace()->datasets().first().name, QStringLiteral("my_alpaca"));
        QCOMPARE(w.workspace()->datasets().first().total, 12);
        QTRY_COMPARE(panel->model()->rowCount(), 12);
    }

    // Deleting a dataset is an undo step: undo brings it back with its records and their curation state.
    // Opening another workspace empties the trash for good.
    void deleteDatasetIsUndoable()
    {
        MainWindow w;
        w.show();
        const QString path = demoWorkspace();
        QVERIFY(w.openWorkspace(path));
        const sft::DatasetInfo demo = w.workspace()->datasets().first();
        QTRY_COMPARE(w.curationPanel()->model()->rowCount(), 38);
        w.datasetList()->deleteDataset(demo.id);
        QVERIFY(w.workspace()->datasets().isEmpty());
        QVERIFY(w.curationPanel()->isEmptyStateShown());
        QCOMPARE(w.undoAction()->text(), QStringLiteral("&Undo Delete dataset “demo”"));
        w.undo();
        const auto back = w.workspace()->dataset(demo.id);
        QVERIFY(back);
        QCOMPARE(back->name, QStringLiteral("demo"));
        QCOMPARE(back->total, demo.total);
        QCOMPARE(back->accepted, demo.accepted);
        QCOMPARE(back->rejected, demo.rejected);
        QCOMPARE(back->flagged, demo.flagged);
        QCOMPARE(w.curationPanel()->datasetId(), demo.id);
        QTRY_COMPARE(w.curationPanel()->model()->rowCount(), 38);
        w.redo();
        QVERIFY(w.workspace()->datasets().isEmpty());
        // Another workspace: the deleted dataset is gone from the file for good.
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("other.sftws"))));
        auto again = sft::Workspace::open(path);
        QSqlQuery q(again->db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM datasets")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM records")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // Edit ▸ Undo names the dataset a step changes and shows it before undoing.
    void undoShowsTheDatasetItChanges()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("two.sftws"))));
        const qint64 a = w.createDataset(QStringLiteral("alpha"));
        const qint64 b = w.createDataset(QStringLiteral("beta"));
        QVERIFY(a && b);
        sft::Record r;
        r.instruction = "Say hi";
        r.output = "hi";
        const qint64 recA = w.workspace()->addRecord(a, r);
        w.workspace()->addRecord(b, r);
        CurationPanel *panel = w.curationPanel();
        panel->setDataset(a);
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QTRY_COMPARE(panel->currentRecordId(), recA);
        panel->acceptSelected();
        QCOMPARE(w.workspace()->record(recA)->status, sft::RecordStatus::Accepted);
        panel->setDataset(b);
        QCOMPARE(w.undoAction()->text(),
                 QStringLiteral("&Undo Mark record %1 accepted in “alpha”").arg(recA));
        w.undo();
        QCOMPARE(panel->datasetId(), a);
        QCOMPARE(w.workspace()->record(recA)->status, sft::RecordStatus::Pending);
        panel->setDataset(b);
        w.redo();
        QCOMPARE(panel->datasetId(), a);
        QCOMPARE(w.workspace()->record(recA)->status, sft::RecordStatus::Accepted);
    }

    // en → zh_CN → en: the record counter, the Edit ▸ Undo text and rejection reasons (a rule's, from
    // its stored parameters, and a preset's) are rendered again in each language.
    void languageSwitchRerendersEverything()
    {
        MainWindow w;
        w.show();
        auto restore = qScopeGuard([] { LanguageManager::instance()->setLanguage(QStringLiteral("en")); });
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));  // English plural forms
        QVERIFY(w.openWorkspace(demoWorkspace()));
        sft::Workspace *ws = w.workspace();
        CurationPanel *panel = w.curationPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 38);
        // A quality run whose length rule rejects every English record; its reasons keep their parameters.
        sft::QualityOptions o;
        o.workspacePath = ws->path();
        o.datasetId = panel->datasetId();
        o.dedup = false;
        o.rules = sft::rouge::filterRulesFromJson(nlohmann::json::parse(R"({"length": {"min_words": 60}})"));
        const sft::QualityResult result = sft::runQuality(o);
        qint64 ruleId = 0;
        for (const auto &rej : result.rejections)
            if (rej.rule == QLatin1String("length") && rej.args.contains(QLatin1String("words"))) {
                ruleId = rej.id;
                break;
            }
        QVERIFY(ruleId);
        w.undoStack()->push(new SetStatusCommand(ws, result.statusChange(), QStringLiteral("quality check")));
        const auto ruled = ws->record(ruleId);
        QVERIFY(!ruled->reasonArgs.isEmpty());
        QVERIFY2(ruled->reason.startsWith(QStringLiteral("instruction has ")), qPrintable(ruled->reason));
        // A preset reason, and an accept as the newest undo step.
        const qint64 presetId = panel->model()->idAt(4);
        const RejectionText::Stored low = RejectionText::fromDialog(QStringLiteral("low quality"));
        ws->setStatus({presetId}, sft::RecordStatus::Rejected, low.reason, {}, low.args);
        const qint64 acceptId = panel->model()->idAt(5);
        panel->selectRow(5);
        panel->acceptSelected();
        QCOMPARE(ws->record(acceptId)->status, sft::RecordStatus::Accepted);
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("38 records"));
        const QString undoEn = QStringLiteral("&Undo Mark record %1 accepted in “demo”").arg(acceptId);
        QCOMPARE(w.undoAction()->text(), undoEn);

        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("38 条记录"));
        QTRY_VERIFY2(w.undoAction()->text().contains(QStringLiteral("将记录 %1 标为已接受").arg(acceptId)),
                     qPrintable(w.undoAction()->text()));  // rebuilt once every panel has the new language
        panel->selectRow(panel->model()->rowOf(ruleId));
        QVERIFY2(statusLine(w).contains(QStringLiteral("指令")), qPrintable(statusLine(w)));
        QVERIFY2(!statusLine(w).contains(QStringLiteral("instruction")), qPrintable(statusLine(w)));
        const QModelIndex ruleCell = panel->model()->index(panel->model()->rowOf(ruleId), RecordTableModel::StatusColumn);
        QVERIFY(panel->model()->data(ruleCell, Qt::ToolTipRole).toString().contains(QStringLiteral("指令")));
        QCOMPARE(panel->model()->data(ruleCell).toString(), QStringLiteral("已拒绝"));
        panel->selectRow(panel->model()->rowOf(presetId));
        QVERIFY2(statusLine(w).contains(QStringLiteral("质量低")), qPrintable(statusLine(w)));
        QCOMPARE(panel->model()->headerData(RecordTableModel::InstructionColumn, Qt::Horizontal).toString(),
                 QStringLiteral("指令"));

        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("38 records"));
        QTRY_COMPARE(w.undoAction()->text(), undoEn);
        QVERIFY2(statusLine(w).contains(QStringLiteral("low quality")), qPrintable(statusLine(w)));
        panel->selectRow(panel->model()->rowOf(ruleId));
        QVERIFY2(statusLine(w).contains(QStringLiteral("instruction has ")), qPrintable(statusLine(w)));
        QCOMPARE(panel->model()->data(ruleCell).toString(), QStringLiteral("rejected"));
        w.undo();
        QCOMPARE(w.undoAction()->text(), QStringLiteral("&Undo quality check in “demo”"));
        // One record: the singular.
        panel->searchField()->setText(QStringLiteral("haiku"));
        QTRY_COMPARE(panel->countLabel()->text(), QStringLiteral("1 record"));
    }

    // Ctrl+Z in a record field is Edit ▸ Undo: the typing becomes a step and is undone at once; the
    // field has no history of its own that the stack would not know about.
    void ctrlZInFieldUndoesTheStep()
    {
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openWorkspace(demoWorkspace()));
        CurationPanel *panel = w.curationPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 38);
        panel->selectRow(8);
        const qint64 id = panel->model()->idAt(8);
        QPlainTextEdit *output = panel->editor()->editor(sft::RecordField::Output);
        const QString before = output->toPlainText();
        output->setFocus();
        output->moveCursor(QTextCursor::End);
        QTest::keyClicks(output, QStringLiteral(" more"));
        QVERIFY(w.undoAction()->isEnabled());  // the typing, not yet a step, is what Undo takes back
        QCOMPARE(w.undoAction()->text(), QStringLiteral("&Undo typing"));
        const QKeyCombination undo = QKeySequence(QKeySequence::Undo)[0];
        QTest::keyClick(output, undo.key(), undo.keyboardModifiers());
        QCOMPARE(output->toPlainText(), before);
        QCOMPARE(w.workspace()->record(id)->output, before);
        QVERIFY(!w.undoStack()->canUndo());
        QVERIFY(w.undoStack()->canRedo());
        QVERIFY(!w.undoAction()->isEnabled());
        const QKeyCombination redo = QKeySequence(QKeySequence::Redo)[0];
        QTest::keyClick(output, redo.key(), redo.keyboardModifiers());
        QCOMPARE(w.workspace()->record(id)->output, before + QStringLiteral(" more"));
        QCOMPARE(output->toPlainText(), before + QStringLiteral(" more"));
    }

    // --help and --version answer without a display: with no display to connect to, a QApplication
    // would abort.
    void helpWithoutDisplay()
    {
        const QString exe = QStringLiteral(SFT_BINARY_DIR "/app/sftbench");
        if (!QFileInfo::exists(exe))
            QSKIP("sftbench is not built");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        for (const QString &arg : {QStringLiteral("--help"), QStringLiteral("--version")}) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(exe, {arg});
            QVERIFY(p.waitForFinished(20000));
            const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromLocal8Bit(p.readAllStandardError())));
            QVERIFY2(out.contains(arg == QLatin1String("--help") ? QStringLiteral("--workspace") : QStringLiteral("sftbench")),
                     qPrintable(out));
        }
    }
};

SFT_REALDATA_MAIN(TestMainWindow, "alpaca_en_52k.json")
#include "test_mainwindow.moc"
