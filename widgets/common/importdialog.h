#pragma once
// Import options, decided before anything is written: the format (the
// detected one, which can be overridden), a field mapping for files whose
// fields have other names (Dolly's context / response, FLAN's inputs /
// targets: a combo per record field listing the fields the file's first
// records use), the OpenAssistant choices (best-ranked path or every path, a
// language), a live preview of the first records as they will be imported
// (a reader's error shown with its line and field, and Import disabled while
// there is one), and where they go: a new dataset (named after the file, with
// a warning when that name is taken) or the end of an existing one.
// The main window opens it without blocking (open()); the catalogue's
// "Import a downloaded copy…" opens it preset (format, mapping, name, and the
// records' source, shown as a label). Tests set its widgets and read options().

#include <QDialog>

#include "common/sourcefields.h"
#include "workspace/importer.h"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTableWidget;
class QToolButton;
class QWidget;
namespace sft { class Workspace; }

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    /** The record fields a source field can be mapped to. */
    enum Target { Instruction, Input, Output, System, Messages, TargetCount };

    ImportDialog(sft::Workspace *workspace, const QString &file, QWidget *parent = nullptr);

    QString file() const { return m_file; }
    sft::ImportOptions options() const;
    /** The format detectFormat() chose for the file. */
    sft::DatasetFormat detectedFormat() const { return m_detected; }
    /** Whether the preview read the file without an error (Import is disabled otherwise). */
    bool previewOk() const { return m_previewError.isEmpty(); }
    /** The fields the first records of the file use (as the format being read sees them). */
    const SourceFields &sourceFields() const { return m_fields; }

    QComboBox *formatCombo() const { return m_format; }
    QTableWidget *previewTable() const { return m_preview; }
    QLabel *previewLabel() const { return m_previewLabel; }
    QLineEdit *nameField() const { return m_name; }
    QLabel *nameHint() const { return m_nameHint; }
    QRadioButton *newDatasetButton() const { return m_newDataset; }
    QRadioButton *appendButton() const { return m_append; }
    QComboBox *datasetCombo() const { return m_dataset; }
    QPushButton *importButton() const;
    /** Shows or hides the field mapping (only offered for Alpaca JSON, JSON Lines and CSV). */
    QToolButton *mappingButton() const { return m_mappingButton; }
    QWidget *mappingSection() const { return m_mappingBox; }
    /** The source field for target: item 0 is the usual name (no mapping), then the fields found. */
    QComboBox *mappingCombo(Target target) const { return m_mapping[target]; }
    /** Choose a source field for target by name (empty: the usual name); false when not offered. */
    bool setMapping(Target target, const QString &sourceField);
    /** OpenAssistant: the best-ranked path or every path (shown for that format only). */
    QComboBox *oasstPathsCombo() const { return m_oasstPaths; }
    /** Editable: item 0 is every language; any code can be typed. */
    QComboBox *languageCombo() const { return m_language; }
    QLabel *mappingNote() const { return m_mappingNote; }

    // Presets (the catalogue's entry); the user can still change format, mapping and name.
    /** Read the file as format (the detected one for Auto). */
    void setFormat(sft::DatasetFormat format);
    /**
     * Use this field mapping (for a mappable format; set the format first): a field the first records do
     * not show is offered all the same, and the preview says whether it reads the file.
     */
    void setFieldMapping(const sft::FieldMapping &mapping);
    /** The new dataset's name. */
    void setDatasetName(const QString &name);
    /** Every record's source (e.g. "catalogue:dolly-15k"), shown and not editable; empty: the file's name. */
    void setSource(const QString &source);
    QLabel *sourceLabel() const { return m_sourceValue; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void retranslateMapping();
    void onFormatChanged();
    void updatePreview();
    void updateTarget();
    void fillMappingCombos();
    bool guessMapping();
    sft::FieldMapping mapping() const;
    QString formatText(sft::DatasetFormat format) const;
    sft::DatasetFormat format() const;

    sft::Workspace *m_workspace;
    QString m_file;
    sft::DatasetFormat m_detected = sft::DatasetFormat::Auto;
    SourceFields m_fields;
    QList<QPair<qint64, QString>> m_datasets;
    QString m_previewError;
    int m_previewRows = 0;
    bool m_previewWhole = false;
    bool m_guessed = false;
    bool m_updating = false;
    QString m_source;
    QLabel *m_fileLabel = nullptr, *m_fileName = nullptr, *m_formatLabel = nullptr, *m_previewTitle = nullptr;
    QLabel *m_sourceTitle = nullptr, *m_sourceValue = nullptr;
    QLabel *m_previewLabel = nullptr, *m_targetTitle = nullptr, *m_nameHint = nullptr;
    QComboBox *m_format = nullptr;
    QToolButton *m_mappingButton = nullptr;
    QLabel *m_mappingSummary = nullptr;
    QWidget *m_mappingBox = nullptr;
    QLabel *m_fieldsFound = nullptr, *m_mappingNote = nullptr;
    QLabel *m_mappingLabels[TargetCount] = {};
    QComboBox *m_mapping[TargetCount] = {};
    QFormLayout *m_form = nullptr;
    QLabel *m_oasstPathsLabel = nullptr, *m_languageLabel = nullptr;
    QComboBox *m_oasstPaths = nullptr, *m_language = nullptr;
    QTableWidget *m_preview = nullptr;
    QRadioButton *m_newDataset = nullptr, *m_append = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_dataset = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
