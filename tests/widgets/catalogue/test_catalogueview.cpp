// The Catalogue window: the bundled catalogue is embedded and listed; the
// language / licence / method / turns filters narrow the rows; the details
// show the summary in the interface language and follow a live switch; and
// "Import a downloaded copy…" opens the import dialog preset with the entry
// the file dialog was opened for (format, mapping, name, source
// "catalogue:dolly-15k"), whose Import is the main window's undoable import;
// an OpenAssistant entry gets the dialog's paths and language choices; with
// no workspace open the button is disabled. Dialogs are driven without
// waiting on them.

#include <QtTest>

#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoStack>

#include "catalogue/cataloguemodel.h"
#include "catalogue/catalogueview.h"
#include "common/importdialog.h"
#include "common/job.h"
#include "common/languagemanager.h"
#include "mainwindow.h"
#include "workspace/importer.h"
#include "workspace/recordfilter.h"
#include "workspace/workspace.h"

namespace {

/** Four entries that differ in language, licence, method and turns. */
sft::Catalogue fixtureCatalogue()
{
    return sft::readCatalogue(SFT_TEST_DATA_DIR "/catalogue_fixture.json");
}

/** The ids of the rows the view shows, in order. */
QStringList shownIds(CatalogueView &view)
{
    QStringList ids;
    for (int row = 0; row < view.filter()->rowCount(); ++row) {
        const QModelIndex source = view.filter()->mapToSource(view.filter()->index(row, 0));
        ids << QString::fromStdString(view.model()->entry(source)->id);
    }
    ids.sort();
    return ids;
}

/** "a b c" -> {"a", "b", "c"}. */
QStringList list(const char *words)
{
    return QString::fromLatin1(words).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

void choose(QComboBox *box, const QVariant &data)
{
    const int i = box->findData(data);
    QVERIFY2(i >= 0, qPrintable(data.toString()));
    box->setCurrentIndex(i);
}

} // namespace

class TestCatalogueView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SFTWorkbenchTest"));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        qRegisterMetaType<sft::ImportOptions>();  // for QSignalSpy on importRequested
    }

    void bundledCatalogueIsEmbedded()
    {
        CatalogueView view;
        QVERIFY(view.model()->rowCount() >= 20);
        QVERIFY(view.currentEntry());  // the first row is selected and described
        QVERIFY(!view.details()->toPlainText().isEmpty());
        // Chinese only: every row left has zh among its languages, and there are several.
        choose(view.languageFilter(), QStringLiteral("zh"));
        QVERIFY(view.filter()->rowCount() >= 5);
        QVERIFY(view.filter()->rowCount() < view.model()->rowCount());
        for (int row = 0; row < view.filter()->rowCount(); ++row) {
            const auto *e = view.model()->entry(view.filter()->mapToSource(view.filter()->index(row, 0)));
            QVERIFY2(e->hasLanguage("zh"), e->id.c_str());
        }
    }

    void filtersNarrowRows()
    {
        CatalogueView view(fixtureCatalogue(), nullptr);
        QCOMPARE(shownIds(view), list("a b c d"));

        choose(view.languageFilter(), QStringLiteral("zh"));
        QCOMPARE(shownIds(view), list("b c"));
        choose(view.turnsFilter(), int(CatalogueFilter::Turns::Multi));
        QCOMPARE(shownIds(view), list("c"));
        choose(view.languageFilter(), QString());
        QCOMPARE(shownIds(view), list("c d"));
        choose(view.turnsFilter(), int(CatalogueFilter::Turns::Single));
        QCOMPARE(shownIds(view), list("a b"));
        choose(view.turnsFilter(), int(CatalogueFilter::Turns::Any));

        choose(view.licenceFilter(), QStringLiteral("Apache-2.0"));
        QCOMPARE(shownIds(view), list("b d"));
        choose(view.methodFilter(), QStringLiteral("converted-nlp-tasks"));
        QCOMPARE(shownIds(view), list("d"));
        // The details follow: the only row left is the one described.
        QCOMPARE(QString::fromStdString(view.currentEntry()->id), QStringLiteral("d"));
        QVERIFY(view.details()->toPlainText().contains(QStringLiteral("English summary of d.")));

        choose(view.licenceFilter(), QStringLiteral("MIT"));
        QCOMPARE(shownIds(view), QStringList());
        QVERIFY(!view.currentEntry());
        QVERIFY(!view.importButton()->isEnabled());

        // Selecting an entry hidden by the filters clears them.
        QVERIFY(view.selectEntry(QStringLiteral("b")));
        QCOMPARE(shownIds(view), list("a b c d"));
        QCOMPARE(QString::fromStdString(view.currentEntry()->id), QStringLiteral("b"));
        QVERIFY(!view.selectEntry(QStringLiteral("nope")));
    }

    void summaryFollowsTheLanguage()
    {
        CatalogueView view(fixtureCatalogue(), nullptr);
        QVERIFY(view.selectEntry(QStringLiteral("c")));
        QVERIFY(view.details()->toPlainText().contains(QStringLiteral("English summary of c.")));
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("zh_CN")));
        QVERIFY(view.details()->toPlainText().contains(QStringLiteral("c 的中文简介。")));
        QVERIFY(!view.details()->toPlainText().contains(QStringLiteral("English summary")));
        // The selection and the filters survive the switch (the combos are refilled).
        QCOMPARE(QString::fromStdString(view.currentEntry()->id), QStringLiteral("c"));
        QCOMPARE(view.languageFilter()->count(), 3);
        QVERIFY(LanguageManager::instance()->setLanguage(QStringLiteral("en")));
        QVERIFY(view.details()->toPlainText().contains(QStringLiteral("English summary of c.")));
    }

    void importOptionsCarryTheEntry()
    {
        CatalogueView view;
        QVERIFY(view.selectEntry(QStringLiteral("firefly-1.1m")));
        const sft::ImportOptions o = view.importOptions(QStringLiteral("/tmp/x.jsonl"));
        QCOMPARE(o.format, sft::DatasetFormat::Jsonl);
        QCOMPARE(o.mapping.instruction, std::string("input"));
        QCOMPARE(o.mapping.output, std::string("target"));
        QCOMPARE(o.source, QStringLiteral("catalogue:firefly-1.1m"));
        // A Parquet download is refused with a message, and nothing is requested.
        QVERIFY(view.selectEntry(QStringLiteral("ultrachat-200k")));
        QSignalSpy requested(&view, &CatalogueView::importRequested);
        QVERIFY(!view.importFile(QStringLiteral("/tmp/train_sft.parquet")));
        QCOMPARE(requested.size(), 0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("catalogueMessage"))->text().contains(QStringLiteral("JSONL")));
    }

    void menuOpensTheCatalogue()
    {
        MainWindow w;
        QAction *action = w.findChild<QAction *>(QStringLiteral("catalogueAction"));
        QVERIFY(action);
        QVERIFY(action->text().contains(QStringLiteral("Catalogue")));
        action->trigger();
        auto *view = w.findChild<CatalogueView *>();
        QVERIFY(view);
        QVERIFY(view->isVisible());
        QVERIFY(view->isWindow());
        QVERIFY(!view->isModal());
        action->trigger();  // the same window again, not a second one
        QCOMPARE(w.findChildren<CatalogueView *>().size(), 1);
    }

    void importDollyCopy()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("catalogue.sftws"))));
        CatalogueView *view = w.showCatalogue();
        QVERIFY(view->selectEntry(QStringLiteral("dolly-15k")));

        // The file dialog does not block; while it is open another row is chosen, and the file picked is
        // still imported as the entry the dialog was opened for.
        view->chooseFile();
        QFileDialog *dialog = view->fileDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal());
        QVERIFY(dialog->windowModality() == Qt::NonModal);
        QVERIFY(view->selectEntry(QStringLiteral("firefly-1.1m")));
        const QString fixture = QStringLiteral(SFT_TEST_DATA_DIR "/dolly_tiny.jsonl");
        QSignalSpy requested(view, &CatalogueView::importRequested);
        Q_EMIT dialog->fileSelected(fixture);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().value<sft::ImportOptions>().source, QStringLiteral("catalogue:dolly-15k"));

        // The import dialog, preset with the entry and not blocking: the preview reads the file with its mapping.
        auto *import = view->findChild<ImportDialog *>();
        QVERIFY(import);
        QVERIFY(import->isVisible());
        QCOMPARE(import->file(), fixture);
        QCOMPARE(sft::DatasetFormat(import->formatCombo()->currentData().toInt()), sft::DatasetFormat::Jsonl);
        QCOMPARE(import->mappingCombo(ImportDialog::Input)->currentData().toString(), QStringLiteral("context"));
        QCOMPARE(import->mappingCombo(ImportDialog::Output)->currentData().toString(), QStringLiteral("response"));
        QVERIFY(import->mappingSection()->isVisible());
        QVERIFY(import->previewOk());
        QCOMPARE(import->previewTable()->rowCount(), 3);
        QCOMPARE(import->sourceLabel()->text(), QStringLiteral("catalogue:dolly-15k"));
        QVERIFY(import->sourceLabel()->isVisible());
        QCOMPARE(import->nameField()->text(), QStringLiteral("databricks-dolly-15k"));
        QCOMPARE(import->options().source, QStringLiteral("catalogue:dolly-15k"));
        QVERIFY(!w.currentJob());  // nothing imported before Import
        QVERIFY(import->importButton()->isEnabled());
        import->importButton()->click();
        Job *job = w.currentJob();
        QVERIFY(job);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(20000));

        const QList<sft::DatasetInfo> sets = w.workspace()->datasets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets.first().name, QStringLiteral("databricks-dolly-15k"));
        sft::RecordFilter filter;
        filter.datasetId = sets.first().id;
        const QVector<qint64> ids = sft::queryRecordIds(w.workspace()->db(), filter);
        QCOMPARE(ids.size(), 3);
        const auto first = w.workspace()->record(ids[0]);
        QVERIFY(first);
        QCOMPARE(first->instruction, QStringLiteral("When did Virgin Australia start operating?"));
        QCOMPARE(first->input, QStringLiteral("Virgin Australia commenced services on 31 August 2000 as Virgin Blue."));
        QCOMPARE(first->output, QStringLiteral("Virgin Australia started on 31 August 2000."));
        const auto second = w.workspace()->record(ids[1]);
        QCOMPARE(second->input, QString());
        const auto third = w.workspace()->record(ids[2]);
        QCOMPARE(third->input, QStringLiteral("今天天气很好。"));
        for (qint64 id : ids)
            QCOMPARE(w.workspace()->record(id)->source, QStringLiteral("catalogue:dolly-15k"));

        // One undo step, the same as File ▸ Import: undoing it takes the dataset away.
        QCOMPARE(w.undoStack()->count(), 1);
        w.undo();
        QTRY_COMPARE(w.workspace()->datasets().size(), 0);
    }

    // An OpenAssistant entry: the dialog offers the best-ranked path or every path, and a language.
    void importOasstCopyWithItsChoices()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("oasst.sftws"))));
        CatalogueView *view = w.showCatalogue();
        QVERIFY(view->selectEntry(QStringLiteral("oasst1")));
        QVERIFY(view->importFile(QStringLiteral(SFT_TEST_DATA_DIR "/../../data/data/oasst_messages_sample.jsonl")));
        auto *import = view->findChild<ImportDialog *>();
        QVERIFY(import);
        QCOMPARE(sft::DatasetFormat(import->formatCombo()->currentData().toInt()), sft::DatasetFormat::Oasst);
        QVERIFY(import->oasstPathsCombo()->isVisible());
        QVERIFY(import->languageCombo()->isVisible());
        QVERIFY(!import->mappingButton()->isVisible());
        import->languageCombo()->setEditText(QStringLiteral("zh"));
        QVERIFY(import->previewOk());
        QCOMPARE(import->previewTable()->rowCount(), 1);  // the best-ranked path of the one Chinese tree
        import->oasstPathsCombo()->setCurrentIndex(import->oasstPathsCombo()->findData(int(sft::OasstPaths::All)));
        const int paths = import->previewTable()->rowCount();
        QVERIFY2(paths > 1, qPrintable(QString::number(paths)));
        const sft::ImportOptions o = import->options();
        QCOMPARE(o.oasstPaths, sft::OasstPaths::All);
        QCOMPARE(o.language, QStringLiteral("zh"));
        QCOMPARE(o.source, QStringLiteral("catalogue:oasst1"));
        import->importButton()->click();
        Job *job = w.currentJob();
        QVERIFY(job);
        QSignalSpy done(job, &Job::finished);
        QVERIFY(done.wait(20000));
        const QList<sft::DatasetInfo> sets = w.workspace()->datasets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets.first().total, qint64(paths));
        sft::RecordFilter filter;
        filter.datasetId = sets.first().id;
        for (qint64 id : sft::queryRecordIds(w.workspace()->db(), filter))
            QCOMPARE(w.workspace()->record(id)->source, QStringLiteral("catalogue:oasst1"));
    }

    // No workspace to import into: the button is disabled and says why; nothing opens.
    void noWorkspaceNoImport()
    {
        MainWindow w;
        CatalogueView *view = w.showCatalogue();
        QVERIFY(view->selectEntry(QStringLiteral("dolly-15k")));
        QVERIFY(view->currentEntry());
        QVERIFY(!view->importButton()->isEnabled());
        QVERIFY(view->importButton()->toolTip().contains(QStringLiteral("workspace")));
        QSignalSpy requested(view, &CatalogueView::importRequested);
        QVERIFY(!view->importFile(QStringLiteral(SFT_TEST_DATA_DIR "/dolly_tiny.jsonl")));
        QCOMPARE(requested.size(), 0);
        const QLabel *message = view->findChild<QLabel *>(QStringLiteral("catalogueMessage"));
        QVERIFY(message->text().contains(QStringLiteral("workspace")));
        view->chooseFile();
        QVERIFY(!view->fileDialog());
        QVERIFY(!w.findChild<ImportDialog *>());
        // Without the catalogue's guard the main window says so instead of doing nothing.
        QSignalSpy errors(&w, &MainWindow::errorOccurred);
        QVERIFY(!w.showCatalogueImport(view->importOptions(QStringLiteral(SFT_TEST_DATA_DIR "/dolly_tiny.jsonl"))));
        QCOMPARE(errors.size(), 1);
        // A workspace opened: the button is enabled.
        QVERIFY(w.openWorkspace(m_dir.filePath(QStringLiteral("later.sftws"))));
        QVERIFY(view->importButton()->isEnabled());
        QVERIFY(!view->importButton()->toolTip().contains(QStringLiteral("first")));
    }
};

QTEST_MAIN(TestCatalogueView)
#include "test_catalogueview.moc"
