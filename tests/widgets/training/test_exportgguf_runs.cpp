// Training ▸ Run… ▸ Export GGUF…, the Run menu: the action enabled like Merge
// and never for a run still training, a run being merged or exported kept from
// Delete and Resume, one worker at a time, Stop of an export (a fake worker that
// ignores SIGTERM leaves a .part that is removed), the end message; then a real
// export of a tiny finished LoRA run through the dialog and the worker (whole
// model f16, the adapter alone as f32, a refused q8_0 adapter).

#include "exportgguf_test_util.h"

#include "training/exportggufdialog.h"
#include "training/runlist.h"

using namespace exportggufdialogtest;
using sfttest::cliPath;

class TestExportGgufRuns : public QObject, public Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpFixture()); }

    void actionEnabledLikeMerge()
    {
        RunList list;
        list.setWorkerProgram(cliPath());
        list.setWorkspace(m_ws.get());
        const QString id = QStringLiteral("20240101-120500-weights");
        const QString dir = writeRun(id, QStringLiteral("lora"), m_model);
        const QString prefixId = QStringLiteral("20240101-120600-prefix");
        writeRun(prefixId, QStringLiteral("prefix"), m_model);
        list.rescan();
        list.selectRun(id);
        QCOMPARE(list.currentRunId(), id);
        QVERIFY(!list.canExportGguf(id));   // no weights yet
        QVERIFY(!list.exportGgufAction()->isEnabled());
        QVERIFY(!list.exportGguf(id, m_dir.filePath(QStringLiteral("x.gguf")), QStringLiteral("f16"), false));
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("final/train_config.json")), "{}");
        QVERIFY(list.canExportGguf(id));
        list.selectRun(prefixId);
        list.selectRun(id);   // the actions follow the selection
        QVERIFY(list.exportGgufAction()->isEnabled());
        QCOMPARE(list.exportGgufAction()->objectName(), QStringLiteral("exportGgufAction"));
        sfttest::writeFile(QDir(runsRoot()).filePath(prefixId + QStringLiteral("/final/train_config.json")), "{}");
        QVERIFY(!list.canExportGguf(prefixId));   // a prefix has nothing to fold in
        // The dialog opens on the selected run without blocking.
        ExportGgufDialog *dialog = list.showExportGgufDialog(id);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->runDir(), QDir(dir).absolutePath());
        dialog->close();
    }

    void notWhileTheRunTrains()
    {
        QTemporaryDir tmp;
        const QString fake = fakeWorker(tmp.path());
        QVERIFY(!fake.isEmpty());
        const QString id = QStringLiteral("20240101-120700-live");
        const QString dir = writeRun(id, QStringLiteral("lora"), m_model);
        // A live worker of this run (its command line names the worker and the run) with a checkpoint.
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("events.jsonl")),
                           "{\"event\":\"started\",\"pid\":1}\n"
                           "{\"event\":\"checkpoint\",\"step\":1,\"path\":\"checkpoints/step-00000001\"}\n");
        QProcess trainer;
        trainer.start(QStringLiteral("/bin/sh"), {fake, QStringLiteral("train"), QStringLiteral("--run-dir"), dir});
        QVERIFY(trainer.waitForStarted());
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("worker.pid")), QByteArray::number(trainer.processId()) + "\n");
        RunList list;
        list.setWorkerProgram(fake);
        list.setWorkspace(m_ws.get());
        list.rescan();
        list.selectRun(id);
        QCOMPARE(int(list.runStatus(id)), int(sft::RunStatus::Running));
        // Its weights are still being written: neither exported nor merged.
        QVERIFY(!list.canExportGguf(id));
        QVERIFY(!list.exportGgufAction()->isEnabled());
        QVERIFY(!list.exportGguf(id, m_dir.filePath(QStringLiteral("live.gguf")), QStringLiteral("f16"), false));
        QVERIFY(!list.canMerge(id));
        trainer.kill();
        QVERIFY(trainer.waitForFinished());
        // Gone: interrupted, with a checkpoint to export.
        QTRY_VERIFY_WITH_TIMEOUT(list.runStatus(id) != sft::RunStatus::Running, 30000);
        QVERIFY(list.canExportGguf(id));
        QVERIFY(list.canMerge(id));
    }

    void busyRunAndStop()
    {
        QTemporaryDir tmp;
        const QString fake = fakeWorker(tmp.path());
        QVERIFY(!fake.isEmpty());
        const QString id = QStringLiteral("20240101-120800-busy");
        const QString dir = writeStoppedRun(id);
        RunList list;
        list.setWorkerProgram(fake);
        list.setWorkspace(m_ws.get());
        list.rescan();
        list.selectRun(id);
        QCOMPARE(int(list.runStatus(id)), int(sft::RunStatus::Stopped));
        QVERIFY(list.resumeButton()->isEnabled());
        QVERIFY(list.canExportGguf(id) && list.canMerge(id));
        QSignalSpy ended(&list, &RunList::exportGgufEnded);
        QSignalSpy messages(&list, &RunList::message);

        // A merge: the run is kept, and no export starts beside it.
        QSignalSpy merged(&list, &RunList::mergeEnded);
        QVERIFY(list.mergeRun(id, tmp.filePath(QStringLiteral("merged"))));
        QVERIFY(list.isRunBusy(id));
        QVERIFY(!list.resumeButton()->isEnabled());
        QVERIFY(!list.resume());
        QVERIFY(!list.deleteRun(id));
        QVERIFY(!list.canExportGguf(id));
        QVERIFY(!list.exportGgufAction()->isEnabled());
        QVERIFY(!list.exportGguf(id, tmp.filePath(QStringLiteral("no.gguf")), QStringLiteral("f16"), false));
        sfttest::writeFile(tmp.filePath(QStringLiteral("go")), "");
        QVERIFY(merged.wait(30000));
        QVERIFY2(merged.at(0).at(0).toBool(), qPrintable(merged.at(0).at(1).toString()));
        QVERIFY(!list.isRunBusy(id));
        QVERIFY(list.resumeButton()->isEnabled());

        // An export that only ends when killed: the run is kept, no merge starts, and the menu entry stops it.
        sfttest::writeFile(tmp.filePath(QStringLiteral("hang")), "");
        const QString out = tmp.filePath(QStringLiteral("busy.gguf"));
        QVERIFY(list.exportGguf(id, out, QStringLiteral("f16"), false));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out + QStringLiteral(".part")), 30000);
        QVERIFY(list.isRunBusy(id));
        QVERIFY(!list.resumeButton()->isEnabled());
        QVERIFY(!list.resume());
        QVERIFY(!list.deleteRun(id));
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))));
        QVERIFY(!list.canMerge(id));
        QVERIFY(!list.mergeRun(id, tmp.filePath(QStringLiteral("merged2"))));
        QVERIFY(!list.canExportGguf(id));
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Stop the GGUF export"));
        QVERIFY(list.exportGgufAction()->isEnabled());
        list.exportGgufAction()->trigger();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.size(), 1);
        QVERIFY(!ended.at(0).at(0).toBool());
        QVERIFY(!QFileInfo::exists(out + QStringLiteral(".part")));   // killed after the grace: removed here
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(messages.last().at(0).toString(), QStringLiteral("GGUF export stopped."));
        QVERIFY(!list.isRunBusy(id));
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Export GGUF…"));
        QVERIFY(list.exportGgufAction()->isEnabled());
        QVERIFY(list.resumeButton()->isEnabled());

        // An export that ends: what the worker wants known joins the message, each through its own pattern.
        QFile::remove(tmp.filePath(QStringLiteral("hang")));
        PrefixTranslator translator;
        QCoreApplication::installTranslator(&translator);
        QVERIFY(list.exportGguf(id, out, QStringLiteral("q8_0"), false));
        QVERIFY(ended.wait(30000));
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(ended.at(1).at(0).toBool(), qPrintable(ended.at(1).at(1).toString()));
        QCOMPARE(messages.last().at(0).toString(),
                 QStringLiteral("‹‹‹GGUF written to %1 (%2) · ‹2 weight(s) kept f16 (rows not a multiple of q8_0's "
                                "block of 32) · warning: w1")
                     .arg(QDir::toNativeSeparators(out), QLocale().formattedDataSize(4, 1)));

        // Done: the run can go.
        QVERIFY(list.deleteRun(id));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void realExportThroughTheWorker()
    {
        if (!workerHas(QStringLiteral("train")) || !workerHas(QStringLiteral("export-gguf")))
            QSKIP("this build's sftbench-cli has no train or export-gguf");
        // A tiny model and a finished two-step LoRA run in the workspace's runs folder.
        const QString model = m_dir.filePath(QStringLiteral("demo-model"));
        auto r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), model,
                                  QStringLiteral("--pretrain-steps"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString data = m_dir.filePath(QStringLiteral("single_turn.json"));
        sfttest::writeSingleTurnDemoData(data);
        const QString id = QStringLiteral("20240102-090000-real");
        const QString dir = sfttest::writeRunConfig(
            QDir(runsRoot()).filePath(id),
            {{QStringLiteral("base_model"), model}, {QStringLiteral("train_data"), data},
             {QStringLiteral("method"), QStringLiteral("lora")}, {QStringLiteral("max_steps"), 2},
             {QStringLiteral("batch_size"), 2}, {QStringLiteral("eval_every"), 0}, {QStringLiteral("save_every"), 0}});
        r = sfttest::runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), dir, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        RunList list;
        list.setWorkerProgram(cliPath());
        list.setWorkspace(m_ws.get());
        list.rescan();
        list.selectRun(id);
        QCOMPARE(list.currentRunId(), id);
        QVERIFY(list.canExportGguf(id));
        QVERIFY(list.exportGgufAction()->isEnabled());

        // Through the dialog: f16, the whole model, Export.
        QSignalSpy ended(&list, &RunList::exportGgufEnded);
        QSignalSpy messages(&list, &RunList::message);
        const QSet<QString> before = listing(runsRoot());
        ExportGgufDialog *dialog = list.showExportGgufDialog(id);
        QVERIFY(dialog);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QCOMPARE(dialog->typeName(), QStringLiteral("f16"));
        const QString file = dialog->outFile();
        QCOMPARE(file, QDir(runsRoot()).filePath(id + QStringLiteral("-f16.gguf")));
        dialog->exportButton()->click();
        QVERIFY(list.isExportingGguf());
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Stop the GGUF export"));   // one export at a time
        QVERIFY(!list.canExportGguf(id));
        QVERIFY(ended.wait(240000));
        QCOMPARE(ended.size(), 1);
        QVERIFY2(ended.at(0).at(0).toBool(), qPrintable(ended.at(0).at(1).toString()));
        QCOMPARE(ended.at(0).at(1).toString(), file);
        QVERIFY(!list.isExportingGguf());
        QVERIFY(list.exportGgufAction()->isEnabled());
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Export GGUF…"));
        const QByteArray head = sfttest::readFile(file).left(8);
        QCOMPARE(head.left(4), QByteArray("GGUF"));
        QCOMPARE(qFromLittleEndian<quint32>(head.constData() + 4), quint32(3));
        QStringList said;
        for (const QList<QVariant> &m : std::as_const(messages))
            said << m.at(0).toString();
        QVERIFY2(said.contains(QStringLiteral("Merging the run into its base model…")), qPrintable(said.join(u'\n')));
        QVERIFY2(!said.filter(QRegularExpression(QStringLiteral("^Exporting GGUF: tensor [1-9][0-9]* of [1-9][0-9]*$"))).isEmpty(),
                 qPrintable(said.join(u'\n')));
        QVERIFY2(said.last().startsWith(QStringLiteral("GGUF written to %1 (").arg(file)), qPrintable(said.last()));
        // Only the file is new beside the run: no temporary folder or partial file is left.
        QCOMPARE(listing(runsRoot()), QSet<QString>(before) << QFileInfo(file).fileName());

        // The adapter alone as f32, through the dialog: the choices reach the worker.
        dialog = list.showExportGgufDialog(id);
        QVERIFY(dialog);
        dialog->setAdapterOnly(true);
        dialog->setTypeName(QStringLiteral("f32"));
        const QString adapterFile = dialog->outFile();
        QCOMPARE(adapterFile, QDir(runsRoot()).filePath(id + QStringLiteral("-lora-f32.gguf")));
        dialog->exportButton()->click();
        QVERIFY(ended.wait(240000));
        QVERIFY2(ended.at(1).at(0).toBool(), qPrintable(ended.at(1).at(1).toString()));
        QCOMPARE(ended.at(1).at(1).toString(), adapterFile);
        QVERIFY(QFileInfo(adapterFile).size() < QFileInfo(file).size());
#ifdef SFT_HAVE_GGUF
        const ggufx::File adapter = ggufx::read(adapterFile);
        QCOMPARE(adapter.at("general.type").str, std::string("adapter"));
        QCOMPARE(adapter.at("adapter.type").str, std::string("lora"));
        QCOMPARE(adapter.at("general.file_type").num, 0.0);   // f32
        QVERIFY(!adapter.tensors.empty());
        for (const ggufx::Tensor &t : adapter.tensors)
            QCOMPARE(t.type, std::uint32_t(0));
#else
        QCOMPARE(sfttest::readFile(adapterFile).left(4), QByteArray("GGUF"));
#endif

        // Refused by the worker (an adapter is written as f32, f16 or bf16): the reason, and nothing written.
        const QString refused = m_dir.filePath(QStringLiteral("refused.gguf"));
        QVERIFY(list.exportGguf(id, refused, QStringLiteral("q8_0"), true));
        QVERIFY(ended.wait(240000));
        QVERIFY(!ended.at(2).at(0).toBool());
        const QString reason = ended.at(2).at(1).toString();
        QVERIFY2(reason.contains(QStringLiteral("--adapter")) && reason.contains(QStringLiteral("f16")), qPrintable(reason));
        QVERIFY2(!reason.startsWith(QStringLiteral("error:")), qPrintable(reason));
        QCOMPARE(messages.last().at(0).toString(), QStringLiteral("GGUF export failed: %1").arg(reason));
        QVERIFY(!QFileInfo::exists(refused));
    }
};

QTEST_MAIN(TestExportGgufRuns)
#include "test_exportgguf_runs.moc"
