#pragma once
// "Export GGUF": a fine-tuning run written as one GGUF file for llama.cpp and
// Ollama by `sftbench-cli export-gguf`. The user picks the file, the weight
// type (f16, f32, bf16, q8_0; each with what it means and the file size
// estimated from the base model's parameter count) and what to write: the
// whole model (LoRA folded into the base weights, or the fully fine-tuned
// weights as they are) or, for a LoRA run, the adapter alone, which
// llama.cpp applies on top of the base model's own GGUF. A read-only pane
// shows how to run the result with llama-cli and with an Ollama Modelfile,
// following the choices. The base model is checked with the exporter's own
// check first (a model the worker would refuse is an error here). The dialog
// only collects the choices; RunList runs the worker with arguments().

#include <QDialog>
#include <QJsonObject>

#include "common/retranslatedtexts.h"

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

class ExportGgufDialog : public QDialog
{
    Q_OBJECT

public:
    /** The weight types in the order the combo lists them (f16 first: the default). */
    static QStringList typeNames();
    /** Bytes one weight takes in a file of type (q8_0: 34 bytes per block of 32); 0 for an unknown type. */
    static double bytesPerWeight(const QString &type);
    /** The worker's arguments for an export of runDir (the --json lines are what RunList reads). */
    static QStringList exportArguments(const QString &runDir, const QString &outFile, const QString &type, bool adapter);

    explicit ExportGgufDialog(QWidget *parent = nullptr);
    ~ExportGgufDialog() override;

    /**
     * The run to export: its folder and config.json (method, base_model resolved against the run
     * folder, LoRA settings, prompt format). Sets the default file, "<run id>-<type>.gguf" beside the
     * run folder ("<run id>-lora-<type>.gguf" for the adapter), reads the base model's
     * config.json for the size estimates and checks that the exporter can write the base model.
     */
    void setRun(const QString &runDir, const QJsonObject &config);

    QString runDir() const { return m_runDir; }
    /** The file typed, cleaned; a relative name is taken in the run's parent folder (where the default goes). */
    QString outFile() const;
    /** "f16", "f32", "bf16" or "q8_0". */
    QString typeName() const;
    void setTypeName(const QString &type);
    /** The LoRA adapter alone (only for a LoRA run, whatever the radio's enabled state) instead of the whole model. */
    bool adapterOnly() const;
    void setAdapterOnly(bool adapter);
    /** exportArguments() for the current choices. */
    QStringList arguments() const;

    /**
     * Estimated size of the file for type with the current choice of what to write (weights at
     * type, plus the tokenizer's size for a whole model); -1 when the base model cannot be read.
     */
    qint64 estimatedBytes(const QString &type) const;
    /** The base model's parameters (-1 when its config.json cannot be read), and the LoRA's (0 without). */
    qint64 baseParameters() const { return m_baseParameters; }
    qint64 loraParameters() const { return m_loraParameters; }

    /** Why the choices cannot be exported (translated), empty when they can. */
    QString errorText() const { return m_error; }
    /** The field marked as invalid, or null. */
    QWidget *invalidWidget() const;
    /** The llama-cli and Ollama commands for the current choices. */
    QString howToRunText() const;

    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *browseButton() const { return m_browse; }
    QComboBox *typeCombo() const { return m_type; }
    QRadioButton *mergedRadio() const { return m_merged; }
    QRadioButton *adapterRadio() const { return m_adapter; }
    QLabel *typeDescriptionLabel() const { return m_typeDescription; }
    QLabel *whatNoteLabel() const { return m_whatNote; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QLabel *noteLabel() const { return m_note; }
    QPlainTextEdit *howToRunEdit() const { return m_howTo; }
    QPushButton *exportButton() const { return m_export; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void addText(QObject *widget, const char *source) { m_texts.add(widget, source); }
    void retranslate();
    /** Texts of the combo's items (description and size) and of the "what" choices. */
    void updateChoiceTexts();
    /** Validation, the note, the default file name and the how-to text. */
    void refresh();
    /** The default file for the current type and choice of what to write. */
    QString defaultFile() const;
    void browse();
    /** One line for the combo's item, and the longer one under it. */
    QString shortDescription(const QString &type) const;
    QString typeDescription(const QString &type) const;
    QString sizeText(qint64 bytes) const;
    bool isLora() const;
    /** The llama.cpp lines: a comment and the command for the run's prompt format; modelArgs is "-m FILE ...". */
    QStringList llamaCppLines(const QString &modelArgs) const;

    RetranslatedTexts m_texts;
    QString m_runDir, m_runId, m_runName, m_method, m_baseModel, m_promptFormat, m_error;
    /** Why the exporter refuses the base model (its own message, in English); empty when it does not. */
    QString m_modelRefusal;
    qint64 m_baseParameters = -1, m_loraParameters = 0, m_tokenizerBytes = 0;
    bool m_fileEdited = false;   ///< the file name no longer follows the type
    bool m_settingFile = false;

    QLineEdit *m_file = nullptr;
    QPushButton *m_browse = nullptr, *m_export = nullptr;
    QComboBox *m_type = nullptr;
    QLabel *m_typeDescription = nullptr, *m_whatNote = nullptr, *m_errorLabel = nullptr, *m_note = nullptr;
    QRadioButton *m_merged = nullptr, *m_adapter = nullptr;
    QButtonGroup *m_what = nullptr;
    QPlainTextEdit *m_howTo = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
