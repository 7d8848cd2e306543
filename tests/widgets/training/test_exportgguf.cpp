// Training ▸ Run… ▸ Export GGUF…, the dialog: its defaults and the worker
// arguments each choice gives, the file name following the type until edited
// (a relative one taken beside the run), validation of the file, the base model
// checked by the exporter's own check, no adapter for a full run and no q8_0
// adapter, the size estimates, the llama.cpp and Ollama commands for each
// prompt format, the language.

#include "exportgguf_test_util.h"

#include "training/exportggufdialog.h"
#include "training/runlist.h"
#ifdef SFT_HAVE_GGUF
#include "tokenizer/chat_template.h"
#endif

using namespace exportggufdialogtest;
using sfttest::cliPath;

class TestExportGguf : public QObject, public Fixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpFixture()); }

    void defaultsAndArguments()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120000-lora"), QStringLiteral("lora"), m_model);
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        dialog.show();
        const QString beside = QFileInfo(dir).absolutePath();
        // f16, the whole model, "<run id>-f16.gguf" beside the run folder.
        QCOMPARE(dialog.typeName(), QStringLiteral("f16"));
        QCOMPARE(dialog.typeCombo()->count(), 4);
        QVERIFY(dialog.mergedRadio()->isChecked());
        QVERIFY(dialog.adapterRadio()->isEnabled());
        QVERIFY(!dialog.adapterOnly());
        const QString f16 = QDir(beside).filePath(QStringLiteral("20240101-120000-lora-f16.gguf"));
        QCOMPARE(dialog.fileEdit()->text(), f16);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QVERIFY(dialog.exportButton()->isEnabled());
        QCOMPARE(dialog.arguments(),
                 (QStringList{QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), QDir(dir).absolutePath(),
                              QStringLiteral("--out"), f16, QStringLiteral("--type"), QStringLiteral("f16"),
                              QStringLiteral("--json")}));
        QString how = dialog.howToRunEdit()->toPlainText();
        QVERIFY2(how.startsWith(QStringLiteral("cd %1\n").arg(beside)), qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("\nllama-completion -m 20240101-120000-lora-f16.gguf -no-cnv -p $'")),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("prompt format (alpaca)")), qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("FROM ./20240101-120000-lora-f16.gguf\n")), qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("ollama create my-tiny-run -f Modelfile")), qPrintable(how));
        QVERIFY(!how.contains(QStringLiteral("--lora")));
        QVERIFY(dialog.howToRunEdit()->isReadOnly());

        // The name follows the type.
        dialog.typeCombo()->setCurrentIndex(dialog.typeCombo()->findData(QStringLiteral("q8_0")));
        const QString q8 = QDir(beside).filePath(QStringLiteral("20240101-120000-lora-q8_0.gguf"));
        QCOMPARE(dialog.outFile(), q8);
        QCOMPARE(dialog.arguments().mid(3, 4),
                 (QStringList{QStringLiteral("--out"), q8, QStringLiteral("--type"), QStringLiteral("q8_0")}));

        // The adapter alone: q8_0 is not offered (f16 instead), --adapter, the name says lora,
        // and the commands apply it on the base model's GGUF.
        dialog.adapterRadio()->click();
        QVERIFY(dialog.adapterOnly());
        QCOMPARE(dialog.typeName(), QStringLiteral("f16"));
        auto *items = qobject_cast<QStandardItemModel *>(dialog.typeCombo()->model());
        QVERIFY(items);
        QVERIFY(!items->item(dialog.typeCombo()->findData(QStringLiteral("q8_0")))->isEnabled());
        QVERIFY(items->item(dialog.typeCombo()->findData(QStringLiteral("bf16")))->isEnabled());
        const QString lora = QDir(beside).filePath(QStringLiteral("20240101-120000-lora-lora-f16.gguf"));
        QCOMPARE(dialog.outFile(), lora);
        QCOMPARE(dialog.arguments(),
                 (QStringList{QStringLiteral("export-gguf"), QStringLiteral("--run-dir"), QDir(dir).absolutePath(),
                              QStringLiteral("--out"), lora, QStringLiteral("--type"), QStringLiteral("f16"),
                              QStringLiteral("--adapter"), QStringLiteral("--json")}));
        how = dialog.howToRunEdit()->toPlainText();
        QVERIFY2(how.contains(QStringLiteral("\nllama-completion -m tiny-model-f16.gguf --lora 20240101-120000-lora-lora-f16.gguf "
                                             "-no-cnv -p ")),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("export-gguf --model %1 --out tiny-model-f16.gguf --type f16").arg(m_model)),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("FROM ./tiny-model-f16.gguf\nADAPTER ./20240101-120000-lora-lora-f16.gguf\n"
                                             "TEMPLATE \"\"\"{{ .Prompt }}\"\"\"\n")),
                 qPrintable(how));
        QVERIFY(dialog.whatNoteLabel()->isVisibleTo(&dialog));

        // An edited name stays when the type changes; the commands follow it.
        const QString mine = m_dir.filePath(QStringLiteral("my adapter.gguf"));
        retype(dialog.fileEdit(), mine);
        QCOMPARE(dialog.outFile(), mine);
        dialog.setTypeName(QStringLiteral("bf16"));
        QCOMPARE(dialog.outFile(), mine);
        QCOMPARE(dialog.arguments().mid(4, 3), (QStringList{mine, QStringLiteral("--type"), QStringLiteral("bf16")}));
        QVERIFY2(dialog.howToRunEdit()->toPlainText().contains(QStringLiteral("--lora 'my adapter.gguf' -no-cnv -p")),
                 qPrintable(dialog.howToRunEdit()->toPlainText()));
        QVERIFY(dialog.howToRunEdit()->toPlainText().contains(QStringLiteral("--out tiny-model-bf16.gguf --type bf16")));
        QVERIFY(dialog.howToRunEdit()->toPlainText().contains(QStringLiteral("ADAPTER ./my adapter.gguf")));

        // Back to the whole model: every type is offered again.
        dialog.mergedRadio()->click();
        QVERIFY(!dialog.adapterOnly());
        QVERIFY(items->item(dialog.typeCombo()->findData(QStringLiteral("q8_0")))->isEnabled());
        QVERIFY(!dialog.arguments().contains(QStringLiteral("--adapter")));

        // Export accepts the dialog.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.exportButton()->click();
        QCOMPARE(accepted.size(), 1);

        if (qEnvironmentVariableIsSet("SFT_EXPORTGGUF_SHOT")) {
            const QString shotFile = qEnvironmentVariable("SFT_EXPORTGGUF_SHOT");
            const auto named = [&](const char *suffix) {
                return QString(shotFile).replace(QStringLiteral(".png"), QString::fromUtf8(suffix));
            };
            ExportGgufDialog shot;
            shot.setRun(dir, config(dir));
            shot.show();
            QVERIFY(QTest::qWaitForWindowExposed(&shot));
            shot.grab().save(shotFile);
            shot.typeCombo()->showPopup();
            shot.typeCombo()->view()->window()->grab().save(named("-types.png"));
            shot.typeCombo()->hidePopup();
            shot.adapterRadio()->click();
            shot.grab().save(named("-adapter.png"));
            const QString chatml = writeRun(QStringLiteral("20240101-115900-chatml"), QStringLiteral("lora"), m_model,
                                            QStringLiteral("chatml"));
            ExportGgufDialog other;
            other.setRun(chatml, config(chatml));
            other.show();
            QVERIFY(QTest::qWaitForWindowExposed(&other));
            other.grab().save(named("-chatml.png"));
            const QString neox = writeRun(QStringLiteral("20240101-115800-neox"), QStringLiteral("lora"),
                                          patchedModel(QStringLiteral("shot-neox"),
                                                       {{QStringLiteral("model_type"), QStringLiteral("gpt_neox")}}));
            ExportGgufDialog refused;
            refused.setRun(neox, config(neox));
            refused.show();
            QVERIFY(QTest::qWaitForWindowExposed(&refused));
            refused.grab().save(named("-refused.png"));
        }
    }

    void howToRunFollowsThePromptFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("llama");       // the llama.cpp command, F the file
        QTest::addColumn<QString>("modelfile");   // what follows FROM in the Modelfile
        QTest::newRow("chat") << "chat" << "llama-cli -m F" << "";
        QTest::newRow("chatml") << "chatml" << "llama-cli -m F --no-jinja --chat-template chatml"
                                << "TEMPLATE \"\"\"{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n"
                                   "{{ end }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n<|im_start|>assistant\n"
                                   "{{ .Response }}<|im_end|>\n\"\"\"\nPARAMETER stop \"<|im_end|>\"\n";
        QTest::newRow("llama3") << "llama3" << "llama-cli -m F --no-jinja --chat-template llama3"
                                << "TEMPLATE \"\"\"{{ if .System }}<|start_header_id|>system<|end_header_id|>\n\n"
                                   "{{ .System }}<|eot_id|>{{ end }}<|start_header_id|>user<|end_header_id|>\n\n"
                                   "{{ .Prompt }}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
                                   "{{ .Response }}<|eot_id|>\"\"\"\nPARAMETER stop \"<|eot_id|>\"\n";
        QTest::newRow("llama2") << "llama2" << "llama-cli -m F --no-jinja --chat-template llama2"
                                << "TEMPLATE \"\"\"[INST] {{ if .System }}<<SYS>>\n{{ .System }}\n<</SYS>>\n\n"
                                   "{{ end }}{{ .Prompt }} [/INST]\"\"\"\n";
        QTest::newRow("alpaca") << "alpaca"
                                << "llama-completion -m F -no-cnv -p $'Below is an instruction that describes a task. "
                                   "Write a response that appropriately completes the request.\\n\\n### Instruction:\\n"
                                   "YOUR INSTRUCTION\\n\\n### Response:\\n'"
                                << "TEMPLATE \"\"\"{{ .Prompt }}\"\"\"\n";
        QTest::newRow("text") << "text" << "llama-completion -m F -no-cnv -p 'The beginning of a text to continue…'"
                              << "TEMPLATE \"\"\"{{ .Prompt }}\"\"\"\n";
    }

    void howToRunFollowsThePromptFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, llama);
        QFETCH(QString, modelfile);
        const QString id = QStringLiteral("20240101-121000-") + format;
        const QString dir = writeRun(id, QStringLiteral("lora"), m_model, format);
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        const QString file = id + QStringLiteral("-f16.gguf");
        QString how = dialog.howToRunEdit()->toPlainText();
        QVERIFY2(how.contains(QLatin1Char('\n') + QString(llama).replace(QStringLiteral(" F"), QLatin1Char(' ') + file)
                              + QLatin1Char('\n')),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("\nFROM ./%1\n%2# then:\n").arg(file, modelfile)), qPrintable(how));
        // Conversation mode is llama-completion's: llama-cli has no -cnv and always chats.
        QVERIFY2(!how.contains(QRegularExpression(QStringLiteral("(^|\\s)-cnv(\\s|$)"))), qPrintable(how));
        QVERIFY(!how.contains(QStringLiteral("llama-completion")) || how.contains(QStringLiteral("llama-completion -m ")));
        // The adapter on the base model's GGUF: the same command with --lora, the same template.
        dialog.setAdapterOnly(true);
        how = dialog.howToRunEdit()->toPlainText();
        const QString adapterFile = id + QStringLiteral("-lora-f16.gguf");
        QVERIFY2(how.contains(QLatin1Char('\n')
                              + QString(llama).replace(QStringLiteral(" F"), QStringLiteral(" tiny-model-f16.gguf --lora ")
                                                                                   + adapterFile)
                              + QLatin1Char('\n')),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("\nADAPTER ./%1\n%2# then:\n").arg(adapterFile, modelfile)), qPrintable(how));
#ifdef SFT_HAVE_GGUF
        if (format == QLatin1String("alpaca")) {
            // The prompt is the engine's own Alpaca prompt.
            const std::string prompt =
                sft::ChatTemplate::byName("alpaca").render({{"user", "YOUR INSTRUCTION"}}, false);
            QVERIFY2(llama.contains(QString::fromStdString(prompt).replace(QLatin1Char('\n'), QStringLiteral("\\n"))),
                     prompt.c_str());
        }
#endif
    }

    void validation()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120100-check"), QStringLiteral("lora"), m_model);
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        dialog.show();
        QVERIFY(!dialog.invalidWidget());

        retype(dialog.fileEdit(), m_dir.filePath(QStringLiteral("model.bin")));
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY2(dialog.errorText().contains(QStringLiteral(".gguf")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.invalidWidget(), dialog.fileEdit());
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
        QCOMPARE(dialog.errorLabel()->text(), dialog.errorText());
        QVERIFY(dialog.fileEdit()->toolTip().contains(dialog.errorText()));
        // Export does nothing while the file is wrong.
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.exportButton()->click();
        QCOMPARE(accepted.size(), 0);

        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        retype(dialog.fileEdit(), QDir(missing).filePath(QStringLiteral("model.gguf")));
        QVERIFY2(dialog.errorText().contains(QDir::toNativeSeparators(missing)), qPrintable(dialog.errorText()));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("does not exist")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.invalidWidget(), dialog.fileEdit());
        QVERIFY(!dialog.exportButton()->isEnabled());

        retype(dialog.fileEdit(), QString());
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(!dialog.exportButton()->isEnabled());

        // A relative name is taken where the default file goes (beside the run), not in the working directory.
        retype(dialog.fileEdit(), QStringLiteral("relative.gguf"));
        QCOMPARE(dialog.outFile(), QDir(runsRoot()).filePath(QStringLiteral("relative.gguf")));
        QCOMPARE(dialog.arguments().at(4), QDir(runsRoot()).filePath(QStringLiteral("relative.gguf")));
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QVERIFY(dialog.howToRunEdit()->toPlainText().startsWith(QStringLiteral("cd %1\n").arg(runsRoot())));
        retype(dialog.fileEdit(), QStringLiteral("sub/relative.gguf"));
        QVERIFY2(dialog.errorText().contains(QDir::toNativeSeparators(QDir(runsRoot()).filePath(QStringLiteral("sub")))),
                 qPrintable(dialog.errorText()));

        // Fixed: the mark and the message go; an existing file is only noted.
        const QString existing = m_dir.filePath(QStringLiteral("there.GGUF"));
        sfttest::writeFile(existing, "old");
        retype(dialog.fileEdit(), existing);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QVERIFY(!dialog.invalidWidget());
        QVERIFY(dialog.exportButton()->isEnabled());
        QVERIFY(!dialog.errorLabel()->isVisibleTo(&dialog));
        QVERIFY(dialog.noteLabel()->isVisibleTo(&dialog));
        QVERIFY2(dialog.noteLabel()->text().contains(QStringLiteral("there.GGUF")), qPrintable(dialog.noteLabel()->text()));

        // The adapter cannot be q8_0, even when asked for past the combo.
        dialog.setAdapterOnly(true);
        dialog.setTypeName(QStringLiteral("q8_0"));
        QVERIFY2(dialog.typeName() != QLatin1String("q8_0") || !dialog.errorText().isEmpty(), qPrintable(dialog.typeName()));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("q8_0")), qPrintable(dialog.errorText()));
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.exportButton()->click();
        QCOMPARE(accepted.size(), 0);
        dialog.setTypeName(QStringLiteral("bf16"));
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    }

    void bothNotesShow()
    {
        // The run's config.json cannot be read for the adapter's size, and the file exists: both are said.
        const QString dir = writeRun(QStringLiteral("20240101-120150-notes"), QStringLiteral("lora"), m_model);
        const QJsonObject cfg = config(dir);
        QFile::remove(QDir(dir).filePath(QStringLiteral("config.json")));
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("config.json")), "{ not json");
        const QString existing = m_dir.filePath(QStringLiteral("both.gguf"));
        sfttest::writeFile(existing, "old");
        ExportGgufDialog dialog;
        dialog.setRun(dir, cfg);
        dialog.setAdapterOnly(true);
        retype(dialog.fileEdit(), existing);
        QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("f16")), qint64(-1));
        const QString note = dialog.noteLabel()->text();
        QVERIFY2(note.contains(QStringLiteral("both.gguf exists")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("no size estimate")), qPrintable(note));
    }

    void fullRunHasNoAdapter()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120200-full"), QStringLiteral("full"), m_model,
                                     QStringLiteral("chat"));
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        // A chat run chats in llama-cli with the chat template the file carries; Ollama uses it too.
        const QString how = dialog.howToRunEdit()->toPlainText();
        QVERIFY2(how.contains(QStringLiteral("\nllama-cli -m 20240101-120200-full-f16.gguf\n")), qPrintable(how));
        QVERIFY2(!how.contains(QStringLiteral("TEMPLATE")), qPrintable(how));
        QVERIFY(!dialog.adapterRadio()->isEnabled());
        QVERIFY(dialog.mergedRadio()->isChecked());
        dialog.setAdapterOnly(true);
        QVERIFY(!dialog.adapterOnly());
        QVERIFY(!dialog.arguments().contains(QStringLiteral("--adapter")));
        QVERIFY2(dialog.mergedRadio()->text().contains(QStringLiteral("as they are")), qPrintable(dialog.mergedRadio()->text()));
        QVERIFY(dialog.whatNoteLabel()->text().contains(QStringLiteral("Only a LoRA run")));
        QCOMPARE(dialog.loraParameters(), qint64(0));
        // Every type is offered for the whole model.
        auto *items = qobject_cast<QStandardItemModel *>(dialog.typeCombo()->model());
        for (int i = 0; i < items->rowCount(); ++i)
            QVERIFY(items->item(i)->isEnabled());
    }

    void adapterChoiceIgnoresADisabledAncestor()
    {
        // A disabled dialog (or parent) disables the radio: the choice is still the run's and the user's.
        const QString dir = writeRun(QStringLiteral("20240101-120250-disabled"), QStringLiteral("lora"), m_model);
        ExportGgufDialog dialog;
        dialog.setEnabled(false);
        dialog.setRun(dir, config(dir));
        QVERIFY(!dialog.adapterRadio()->isEnabled());
        dialog.setAdapterOnly(true);
        QVERIFY(dialog.adapterOnly());
        QVERIFY(dialog.arguments().contains(QStringLiteral("--adapter")));
        QVERIFY(dialog.outFile().endsWith(QStringLiteral("-lora-f16.gguf")));
        dialog.setAdapterOnly(false);
        QVERIFY(!dialog.adapterOnly());
    }

    void baseModelTheExporterRefuses()
    {
#ifndef SFT_HAVE_GGUF
        QSKIP("this build has no GGUF exporter");
#else
        const struct { const char *id; QJsonObject patch; const char *says; } cases[] = {
            {"20240101-120260-neox", {{QStringLiteral("model_type"), QStringLiteral("gpt_neox")}}, "gpt_neox"},
            {"20240101-120270-dynamic",
             {{QStringLiteral("rope_scaling"), QJsonObject{{QStringLiteral("type"), QStringLiteral("dynamic")},
                                                           {QStringLiteral("factor"), 2.0}}}},
             "dynamic"},
        };
        for (const auto &c : cases) {
            const QString id = QString::fromUtf8(c.id);
            const QString dir = writeRun(id, QStringLiteral("lora"), patchedModel(id + QStringLiteral("-model"), c.patch));
            ExportGgufDialog dialog;
            dialog.setRun(dir, config(dir));
            dialog.show();
            const QString error = dialog.errorText();
            QVERIFY2(error.startsWith(QStringLiteral("This model cannot be written as GGUF: ")), qPrintable(error));
            QVERIFY2(error.contains(QString::fromUtf8(c.says)), qPrintable(error));
            QVERIFY(!dialog.exportButton()->isEnabled());
            QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
            QVERIFY(!dialog.invalidWidget());   // not the file's fault
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.exportButton()->click();
            QCOMPARE(accepted.size(), 0);
        }
        // A base model that is not there at all.
        const QString lost = writeRun(QStringLiteral("20240101-120280-lost"), QStringLiteral("lora"),
                                      m_dir.filePath(QStringLiteral("nowhere")));
        ExportGgufDialog dialog;
        dialog.setRun(lost, config(lost));
        QVERIFY2(dialog.errorText().contains(m_dir.filePath(QStringLiteral("nowhere"))), qPrintable(dialog.errorText()));
        QVERIFY(!dialog.exportButton()->isEnabled());
#endif
    }

    void noBaseModelNamed()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120290-nobase"), QStringLiteral("lora"), QString());
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.setAdapterOnly(true);
        const QString how = dialog.howToRunEdit()->toPlainText();
        // A placeholder, never a file name starting with "-" that the commands would read as an option.
        QVERIFY2(how.contains(QStringLiteral("export-gguf --model BASE_MODEL --out BASE_MODEL-f16.gguf --type f16")),
                 qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral(" -m BASE_MODEL-f16.gguf --lora ")), qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("FROM ./BASE_MODEL-f16.gguf\n")), qPrintable(how));
        QVERIFY2(!how.contains(QRegularExpression(QStringLiteral("\\s-f16\\.gguf"))), qPrintable(how));
    }

    void sizeEstimateFollowsTheType()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120300-size"), QStringLiteral("lora"), m_model);
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        // The tiny llama: embeddings and lm_head 1000×64 each, per layer q 64×64, k and v 64×32, o 64×64,
        // gate / up / down 64×128, two norms of 64; two layers and the final norm.
        const qint64 params = 2 * 1000 * 64 + 2 * (4096 + 2048 + 2048 + 4096 + 3 * 8192 + 2 * 64) + 64;
        QCOMPARE(dialog.baseParameters(), params);
        QCOMPARE(dialog.baseParameters(), qint64(sft::model::ModelConfig::fromFile(
                                              QDir(m_model).filePath(QStringLiteral("config.json")).toStdString())
                                              .parameterCount()));
        // The whole model carries the tokenizer too.
        const qint64 tokenizer = QFileInfo(QDir(m_model).filePath(QStringLiteral("tokenizer.json"))).size();
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("f32")), params * 4 + tokenizer);
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("f16")), params * 2 + tokenizer);
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("bf16")), params * 2 + tokenizer);
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("q8_0")), qint64(std::llround(params * 34.0 / 32.0)) + tokenizer);
        // Each combo item says its own size; the description follows the selection.
        QStringList texts;
        for (int i = 0; i < dialog.typeCombo()->count(); ++i) {
            texts << dialog.typeCombo()->itemText(i);
            QVERIFY2(texts.last().startsWith(dialog.typeCombo()->itemData(i).toString() + QStringLiteral(" — ")),
                     qPrintable(texts.last()));
            QVERIFY2(texts.last().contains(QStringLiteral(" (about ")) && texts.last().endsWith(QLatin1Char(')')),
                     qPrintable(texts.last()));
            QVERIFY(!dialog.typeCombo()->itemData(i, Qt::ToolTipRole).toString().isEmpty());
        }
        QVERIFY2(texts[0] != texts[1] && texts[1] != texts[3] && texts[0] != texts[3], qPrintable(texts.join(u'|')));
        const QString f16Text = dialog.typeDescriptionLabel()->text();
        dialog.setTypeName(QStringLiteral("q8_0"));
        QVERIFY(dialog.typeDescriptionLabel()->text() != f16Text);
        QVERIFY(!dialog.typeDescriptionLabel()->text().isEmpty());
        // The adapter alone: r·(in+out) over q_proj (64→64) and v_proj (64→32) of both layers.
        dialog.setAdapterOnly(true);
        QCOMPARE(dialog.loraParameters(), qint64(4 * ((64 + 64) + (64 + 32)) * 2));
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("f16")), dialog.loraParameters() * 2);
        QCOMPARE(dialog.estimatedBytes(QStringLiteral("f32")), dialog.loraParameters() * 4);
        QVERIFY(dialog.typeCombo()->itemText(0) != texts[0]);

        // A base model that cannot be read: no size.
        const QString lost = writeRun(QStringLiteral("20240101-120400-lost"), QStringLiteral("lora"),
                                      m_dir.filePath(QStringLiteral("nowhere")));
        ExportGgufDialog other;
        other.setRun(lost, config(lost));
        QCOMPARE(other.baseParameters(), qint64(-1));
        QCOMPARE(other.estimatedBytes(QStringLiteral("f16")), qint64(-1));
        QVERIFY2(!other.typeCombo()->itemText(0).contains(QStringLiteral("about")), qPrintable(other.typeCombo()->itemText(0)));
        QVERIFY(other.typeCombo()->itemText(0).startsWith(QStringLiteral("f16 — ")));
    }

    void followsTheLanguage()
    {
        const QString dir = writeRun(QStringLiteral("20240101-120450-language"), QStringLiteral("lora"), m_model);
        ExportGgufDialog dialog;
        dialog.setRun(dir, config(dir));
        dialog.show();
        dialog.setAdapterOnly(true);
        dialog.setTypeName(QStringLiteral("bf16"));
        const QString mine = m_dir.filePath(QStringLiteral("language.bin"));
        retype(dialog.fileEdit(), mine);
        QVERIFY(!dialog.errorText().isEmpty());
        RunList list;
        list.setWorkspace(m_ws.get());
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Export GGUF…"));

        PrefixTranslator translator;
        QCoreApplication::installTranslator(&translator);
        changeLanguage(&dialog);
        changeLanguage(&list);
        QCOMPARE(dialog.exportButton()->text(), QStringLiteral("‹Export"));
        QVERIFY2(dialog.windowTitle().startsWith(QStringLiteral("‹Export GGUF: ")), qPrintable(dialog.windowTitle()));
        QVERIFY2(dialog.howToRunEdit()->toPlainText().contains(QStringLiteral("\n‹# The base model as GGUF, once:\n")),
                 qPrintable(dialog.howToRunEdit()->toPlainText()));
        for (int i = 0; i < dialog.typeCombo()->count(); ++i)
            QVERIFY2(dialog.typeCombo()->itemText(i).startsWith(QStringLiteral("‹")), qPrintable(dialog.typeCombo()->itemText(i)));
        QVERIFY2(dialog.errorLabel()->text().startsWith(QStringLiteral("‹Output file: ")), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("‹Export GGUF…"));
        // The choices stay.
        QCOMPARE(dialog.outFile(), mine);
        QCOMPARE(dialog.typeName(), QStringLiteral("bf16"));
        QVERIFY(dialog.adapterOnly());

        QCoreApplication::removeTranslator(&translator);
        changeLanguage(&dialog);
        changeLanguage(&list);
        QCOMPARE(dialog.exportButton()->text(), QStringLiteral("Export"));
        QVERIFY(dialog.typeCombo()->currentText().startsWith(QStringLiteral("bf16 — ")));
        QVERIFY(dialog.errorLabel()->text().startsWith(QStringLiteral("Output file: ")));
        QCOMPARE(list.exportGgufAction()->text(), QStringLiteral("Export GGUF…"));
    }
};

QTEST_MAIN(TestExportGguf)
#include "test_exportgguf.moc"
