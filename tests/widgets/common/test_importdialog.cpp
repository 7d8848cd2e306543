// The import dialog's field mapping and OpenAssistant options, and the export
// dialog's new formats, driven through their widgets (no modal wait): a
// Dolly-like file's fields are listed, mapped (guessed, then chosen by hand),
// previewed as they will import, refused with the line and field while the
// mapping does not fit, and imported with the mapped fields; FLAN-like JSON
// and CSV with a header; the OpenAssistant choices reach ImportOptions; CSV
// export is refused for a dataset with conversations.

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "common/exportdialog.h"
#include "common/importdialog.h"
#include "data/conversation.h"
#include "workspace/importer.h"
#include "workspace/workspace.h"

using namespace sft;

class TestImportDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(text);
        return path;
    }
    static QString cell(const ImportDialog &d, int row, int column)
    {
        const QTableWidgetItem *item = d.previewTable()->item(row, column);
        return item ? item->text() : QString();
    }
    static QString data(const QComboBox *combo) { return combo->currentData().toString(); }

private Q_SLOTS:
    void init()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("w%1.sftws").arg(QDateTime::currentMSecsSinceEpoch())));
    }
    void cleanup() { m_ws.reset(); }

    void dollyLikeFileIsMappedPreviewedAndImported()
    {
        const QString file = write(QStringLiteral("dolly.jsonl"),
                                   R"({"instruction": "When did Virgin Australia start operating?", "context": "Virgin Australia commenced services on 31 August 2000.", "response": "On 31 August 2000.", "category": "closed_qa"}
{"instruction": "Which is a species of fish?", "context": "", "response": "Tope.", "category": "classification"}
{"instruction": "Why can camels survive long without water?", "context": "", "response": "They store fat in their humps.", "category": "open_qa"}
)");
        ImportDialog d(m_ws.get(), file);
        QCOMPARE(d.detectedFormat(), DatasetFormat::Jsonl);
        QCOMPARE(d.sourceFields().fields, QStringList({QStringLiteral("instruction"), QStringLiteral("context"),
                                                       QStringLiteral("response"), QStringLiteral("category")}));
        // No "output": the usual names do not read it, so the mapping is guessed from the field names, shown, and kept
        // because it reads the file.
        QVERIFY(d.mappingButton()->isChecked());
        QVERIFY(d.mappingNote()->text().contains(QStringLiteral("Guessed")));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Instruction)), QString());
        QCOMPARE(data(d.mappingCombo(ImportDialog::Input)), QStringLiteral("context"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Output)), QStringLiteral("response"));
        QVERIFY(d.previewOk());
        QVERIFY(d.importButton()->isEnabled());
        QCOMPARE(d.previewTable()->rowCount(), 3);
        QCOMPARE(cell(d, 0, 1), QStringLiteral("Virgin Australia commenced services on 31 August 2000."));
        QCOMPARE(cell(d, 0, 2), QStringLiteral("On 31 August 2000."));
        // Every field found is offered for every target.
        QComboBox *output = d.mappingCombo(ImportDialog::Output);
        QCOMPARE(output->count(), 5);
        QCOMPARE(output->itemData(4).toString(), QStringLiteral("category"));

        // A mapping that does not fit: the usual "output" is missing. The preview says where, Import is off.
        QVERIFY(d.setMapping(ImportDialog::Output, QString()));
        QVERIFY(!d.previewOk());
        QCOMPARE(d.previewTable()->rowCount(), 0);
        QVERIFY(!d.importButton()->isEnabled());
        const QString error = d.previewLabel()->text();
        QVERIFY2(error.contains(QStringLiteral("dolly.jsonl:1")) && error.contains(QStringLiteral("output")), qPrintable(error));
        QVERIFY(d.mappingNote()->isHidden());  // the guess is gone once the mapping is changed by hand

        // Chosen by hand: output from category (any field may be chosen), then back to response.
        QVERIFY(d.setMapping(ImportDialog::Output, QStringLiteral("category")));
        QVERIFY(d.previewOk());
        QCOMPARE(cell(d, 1, 2), QStringLiteral("classification"));
        QVERIFY(d.setMapping(ImportDialog::Output, QStringLiteral("response")));
        QVERIFY(d.importButton()->isEnabled());
        QVERIFY(!d.setMapping(ImportDialog::Output, QStringLiteral("no_such_field")));

        const ImportOptions o = d.options();
        QCOMPARE(o.mapping.input, std::string("context"));
        QCOMPARE(o.mapping.output, std::string("response"));
        QVERIFY(o.mapping.instruction.empty());
        const ImportResult r = importFile(m_ws->path(), o);
        QCOMPARE(r.records, 3);
        const auto first = m_ws->record(r.firstRecordId);
        QCOMPARE(first->instruction, QStringLiteral("When did Virgin Australia start operating?"));
        QCOMPARE(first->input, QStringLiteral("Virgin Australia commenced services on 31 August 2000."));
        QCOMPARE(first->output, QStringLiteral("On 31 August 2000."));
        QCOMPARE(m_ws->record(r.lastRecordId)->output, QStringLiteral("They store fat in their humps."));
    }

    // FLAN's inputs / targets in a JSON array; the mapping is only offered for the formats that take one.
    void flanLikeJsonArray()
    {
        const QString file = write(QStringLiteral("flan.json"),
                                   R"([{"inputs": "Premise: A man sleeps. Hypothesis: A man rests. Entailment?", "targets": "yes", "task": "anli"},
 {"inputs": "Translate to German: cat", "targets": "Katze", "task": "wmt", "meta": {"source": "wmt16"}}])");
        ImportDialog d(m_ws.get(), file);
        QCOMPARE(d.detectedFormat(), DatasetFormat::AlpacaJson);
        QVERIFY(d.sourceFields().fields.contains(QStringLiteral("meta.source")));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Instruction)), QStringLiteral("inputs"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Output)), QStringLiteral("targets"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Input)), QString());  // not "inputs" twice
        QVERIFY(d.previewOk());
        QCOMPARE(cell(d, 1, 0), QStringLiteral("Translate to German: cat"));
        QCOMPARE(cell(d, 1, 2), QStringLiteral("Katze"));
        // A nested field works as a source too (an input may be absent: the first record has none).
        QVERIFY(d.setMapping(ImportDialog::Input, QStringLiteral("meta.source")));
        QVERIFY(d.previewOk());
        QCOMPARE(cell(d, 0, 1), QString());
        QCOMPARE(cell(d, 1, 1), QStringLiteral("wmt16"));
    }

    // Presets (what the catalogue opens it with): format, mapping over the guess, name, and a source shown as a
    // label that reaches the options.
    void presetsFromTheCatalogue()
    {
        const QString file = write(QStringLiteral("natinst.jsonl"),
                                   R"({"definition": "Answer the question.", "inputs": "2+2?", "targets": "4"}
{"definition": "Translate to French.", "inputs": "cat", "targets": "chat"}
)");
        ImportDialog d(m_ws.get(), file);
        QVERIFY(d.sourceLabel()->isHidden());
        QCOMPARE(d.options().source, QString());
        // What a guess makes of it: "inputs" as the instruction.
        QCOMPARE(data(d.mappingCombo(ImportDialog::Instruction)), QStringLiteral("inputs"));

        d.setFormat(DatasetFormat::Jsonl);
        d.setFieldMapping(FieldMapping::parse("instruction=definition,input=inputs,output=targets"));
        d.setDatasetName(QStringLiteral("Super-NaturalInstructions"));
        d.setSource(QStringLiteral("catalogue:super-natural-instructions"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Instruction)), QStringLiteral("definition"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Input)), QStringLiteral("inputs"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Output)), QStringLiteral("targets"));
        QVERIFY(d.mappingButton()->isChecked());
        QVERIFY(d.mappingNote()->isHidden());  // not a guess
        QVERIFY(d.previewOk());
        QCOMPARE(cell(d, 1, 0), QStringLiteral("Translate to French."));
        QCOMPARE(cell(d, 1, 1), QStringLiteral("cat"));
        QVERIFY(!d.sourceLabel()->isHidden());
        QCOMPARE(d.sourceLabel()->text(), QStringLiteral("catalogue:super-natural-instructions"));
        const ImportOptions o = d.options();
        QCOMPARE(o.source, QStringLiteral("catalogue:super-natural-instructions"));
        QCOMPARE(o.datasetName, QStringLiteral("Super-NaturalInstructions"));
        QCOMPARE(o.mapping.toString(), std::string("instruction=definition,input=inputs,output=targets"));
        const ImportResult r = importFile(m_ws->path(), o);
        QCOMPARE(r.records, 2);
        QCOMPARE(m_ws->record(r.lastRecordId)->source, QStringLiteral("catalogue:super-natural-instructions"));
        QCOMPARE(m_ws->record(r.lastRecordId)->input, QStringLiteral("cat"));

        // A field the first records do not show is still offered, and the preview says whether it reads.
        d.setFieldMapping(FieldMapping::parse("instruction=definition,input=context,output=targets"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Input)), QStringLiteral("context"));
    }

    void csvHeaderMapping()
    {
        const QString file = write(QStringLiteral("qa.csv"), "question,answer,system_prompt\n"
                                                             "\"What is 1+1?\",2,Be brief.\n"
                                                             "Capital of France?,Paris,Be brief.\n");
        ImportDialog d(m_ws.get(), file);
        QCOMPARE(d.detectedFormat(), DatasetFormat::Csv);
        QCOMPARE(d.sourceFields().fields,
                 QStringList({QStringLiteral("question"), QStringLiteral("answer"), QStringLiteral("system_prompt")}));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Instruction)), QStringLiteral("question"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::Output)), QStringLiteral("answer"));
        QCOMPARE(data(d.mappingCombo(ImportDialog::System)), QStringLiteral("system_prompt"));
        QVERIFY(d.previewOk());
        QCOMPARE(d.previewTable()->rowCount(), 2);
        QCOMPARE(cell(d, 1, 0), QStringLiteral("Capital of France?"));
        QCOMPARE(cell(d, 1, 3), QStringLiteral("Be brief."));  // the system message column, shown
        QVERIFY(!d.previewTable()->isColumnHidden(3));
        const ImportResult r = importFile(m_ws->path(), d.options());
        QCOMPARE(m_ws->record(r.lastRecordId)->system, QStringLiteral("Be brief."));
        QCOMPARE(m_ws->record(r.lastRecordId)->output, QStringLiteral("Paris"));
    }

    // An OpenAssistant tree: the mapping gives way to the path and language choices, which reach the options.
    void oasstOptions()
    {
        const QString file = write(QStringLiteral("oasst.trees.jsonl"),
                                   R"({"message_tree_id": "t1", "tree_state": "ready_for_export", "prompt": {"message_id": "p1", "text": "What is a llama?", "role": "prompter", "lang": "en", "replies": [{"message_id": "a1", "text": "A South American camelid.", "role": "assistant", "lang": "en", "rank": 0, "replies": []}, {"message_id": "a2", "text": "An animal.", "role": "assistant", "lang": "en", "rank": 1, "replies": []}]}}
{"message_tree_id": "t2", "tree_state": "ready_for_export", "prompt": {"message_id": "p2", "text": "Was ist ein Lama?", "role": "prompter", "lang": "de", "replies": [{"message_id": "b1", "text": "Ein Kamel aus Südamerika.", "role": "assistant", "lang": "de", "rank": 0, "replies": []}]}}
)");
        ImportDialog d(m_ws.get(), file);
        d.formatCombo()->setCurrentIndex(d.formatCombo()->findData(int(DatasetFormat::Oasst)));
        QVERIFY(!d.oasstPathsCombo()->isHidden());
        QVERIFY(!d.languageCombo()->isHidden());
        QVERIFY(d.mappingButton()->isHidden());
        QVERIFY(d.mappingSection()->isHidden());
        QVERIFY(d.options().mapping.empty());
        QCOMPARE(d.sourceFields().languages, QStringList({QStringLiteral("de"), QStringLiteral("en")}));
        QCOMPARE(d.languageCombo()->count(), 3);  // every language, de, en
        QVERIFY(d.previewOk());
        QCOMPARE(d.previewTable()->rowCount(), 2);  // the best path of each tree
        QCOMPARE(d.options().oasstPaths, OasstPaths::Best);
        QCOMPARE(d.options().language, QString());

        d.oasstPathsCombo()->setCurrentIndex(d.oasstPathsCombo()->findData(int(OasstPaths::All)));
        QCOMPARE(d.options().oasstPaths, OasstPaths::All);
        QCOMPARE(d.previewTable()->rowCount(), 3);
        d.languageCombo()->setEditText(QStringLiteral("en"));
        QCOMPARE(d.options().language, QStringLiteral("en"));
        QCOMPARE(d.previewTable()->rowCount(), 2);
        QCOMPARE(cell(d, 1, 2), QStringLiteral("An animal."));
        const ImportResult r = importFile(m_ws->path(), d.options());
        QCOMPARE(r.records, 2);
        d.languageCombo()->setCurrentIndex(0);
        QCOMPARE(d.options().language, QString());
        // Back to JSON Lines: the OpenAssistant choices go, the mapping returns.
        d.formatCombo()->setCurrentIndex(d.formatCombo()->findData(int(DatasetFormat::Jsonl)));
        QVERIFY(d.oasstPathsCombo()->isHidden());
        QVERIFY(d.languageCombo()->isHidden());
        QVERIFY(!d.mappingButton()->isHidden());
        QCOMPARE(d.options().language, QString());
    }

    // Every format the readers know is offered.
    void everyFormatOffered()
    {
        const QString file = write(QStringLiteral("x.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
                                                              "{\"role\": \"assistant\", \"content\": \"Hello\"}, "
                                                              "{\"role\": \"user\", \"content\": \"Bye\"}, "
                                                              "{\"role\": \"assistant\", \"content\": \"Ciao\"}]}\n");
        ImportDialog d(m_ws.get(), file);
        for (DatasetFormat f : {DatasetFormat::AlpacaJson, DatasetFormat::ShareGpt, DatasetFormat::OpenAiMessages,
                                DatasetFormat::Oasst, DatasetFormat::UltraChat, DatasetFormat::Jsonl, DatasetFormat::Csv,
                                DatasetFormat::SeedTasks})
            QVERIFY(d.formatCombo()->findData(int(f)) >= 0);
        d.formatCombo()->setCurrentIndex(d.formatCombo()->findData(int(DatasetFormat::OpenAiMessages)));
        QVERIFY(d.previewOk());
        QCOMPARE(d.previewTable()->rowCount(), 1);
        QCOMPARE(cell(d, 0, 4), QStringLiteral("2"));  // turns
        QCOMPARE(cell(d, 0, 0), QStringLiteral("Hi"));
    }

    void exportRefusesCsvForConversations()
    {
        const qint64 set = m_ws->createDataset(QStringLiteral("mixed"));
        Record single;
        single.instruction = "Q";
        single.output = "A";
        single.status = RecordStatus::Accepted;
        Record conv;
        setTurns(conv, {{"user", "a"}, {"assistant", "b"}, {"user", "c"}, {"assistant", "d"}});
        m_ws->addRecords(set, {single, conv});
        ExportDialog d(m_ws.get(), set, QStringLiteral("mixed"));
        QComboBox *format = d.formatCombo();
        QVERIFY(format->findData(QStringLiteral("openai")) >= 0);
        QVERIFY(format->findData(QStringLiteral("sharegpt")) >= 0);
        format->setCurrentIndex(format->findData(QStringLiteral("csv")));
        // Only accepted records: the conversation is pending, so CSV is fine.
        QVERIFY(d.acceptedOnlyBox()->isChecked());
        QVERIFY(d.exportButton()->isEnabled());
        d.acceptedOnlyBox()->setChecked(false);
        QVERIFY(!d.exportButton()->isEnabled());
        QVERIFY2(d.hintLabel()->text().contains(QStringLiteral("conversation")), qPrintable(d.hintLabel()->text()));
        format->setCurrentIndex(format->findData(QStringLiteral("openai")));
        QVERIFY(d.exportButton()->isEnabled());
        QVERIFY(d.options().path.endsWith(QLatin1String(".jsonl")));
        QCOMPARE(d.options().format, DatasetFormat::OpenAiMessages);
        format->setCurrentIndex(format->findData(QStringLiteral("sharegpt")));
        QCOMPARE(d.options().format, DatasetFormat::ShareGpt);
        QVERIFY(d.options().path.endsWith(QLatin1String(".json")));
        // Without the workspace (as before) nothing is counted.
        ExportDialog plain(set, QStringLiteral("mixed"));
        plain.formatCombo()->setCurrentIndex(plain.formatCombo()->findData(QStringLiteral("csv")));
        QVERIFY(plain.exportButton()->isEnabled());
    }

    // A field holding a message list makes each record a conversation.
    void messageListField()
    {
        const QString file = write(QStringLiteral("dialogs.jsonl"),
                                   R"({"id": 1, "dialog": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Bye"}, {"role": "assistant", "content": "Ciao"}]}
)");
        ImportDialog d(m_ws.get(), file);
        QCOMPARE(d.sourceFields().listFields, QStringList{QStringLiteral("dialog")});
        QVERIFY(!d.previewOk());  // no instruction / output fields
        QVERIFY(!d.mappingCombo(ImportDialog::Messages)->isHidden());
        QVERIFY(d.setMapping(ImportDialog::Messages, QStringLiteral("dialog")));
        QVERIFY(d.previewOk());
        QVERIFY(!d.mappingCombo(ImportDialog::Output)->isEnabled());
        QCOMPARE(cell(d, 0, 0), QStringLiteral("Hi"));
        QCOMPARE(cell(d, 0, 4), QStringLiteral("2"));
        QCOMPARE(d.options().mapping.messages, std::string("dialog"));
        const ImportResult r = importFile(m_ws->path(), d.options());
        QCOMPARE(m_ws->record(r.firstRecordId)->turns.size(), 4);
    }

    // Every choice explains itself.
    void tooltips()
    {
        const QString file = write(QStringLiteral("t.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\", \"turns\": []}\n");
        ImportDialog d(m_ws.get(), file);
        for (QComboBox *c : d.findChildren<QComboBox *>())
            QVERIFY2(!c->toolTip().isEmpty(), qPrintable(c->objectName()));
        QVERIFY(!d.mappingButton()->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestImportDialog)
#include "test_importdialog.moc"
