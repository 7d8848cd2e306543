#pragma once
// Import options, decided before anything is written: the format (the
// detected one, which can be overridden), a preview of the first records as
// that format reads them, and where they go: a new dataset (named after the
// file, with a warning when that name is taken) or the end of an existing one.
// The main window opens it without blocking (open()); tests set its widgets
// and read options().

#include <QDialog>

#include "workspace/importer.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTableWidget;
namespace sft { class Workspace; }

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(sft::Workspace *workspace, const QString &file, QWidget *parent = nullptr);

    QString file() const { return m_file; }
    sft::ImportOptions options() const;
    /** The format detectFormat() chose for the file. */
    sft::DatasetFormat detectedFormat() const { return m_detected; }
    /** Whether the preview read the file without an error (Import is disabled otherwise). */
    bool previewOk() const { return m_previewError.isEmpty(); }

    QComboBox *formatCombo() const { return m_format; }
    QTableWidget *previewTable() const { return m_preview; }
    QLabel *previewLabel() const { return m_previewLabel; }
    QLineEdit *nameField() const { return m_name; }
    QLabel *nameHint() const { return m_nameHint; }
    QRadioButton *newDatasetButton() const { return m_newDataset; }
    QRadioButton *appendButton() const { return m_append; }
    QComboBox *datasetCombo() const { return m_dataset; }
    QPushButton *importButton() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updatePreview();
    void updateTarget();
    QString formatText(sft::DatasetFormat format) const;

    sft::Workspace *m_workspace;
    QString m_file;
    sft::DatasetFormat m_detected = sft::DatasetFormat::Auto;
    QList<QPair<qint64, QString>> m_datasets;
    QString m_previewError;
    int m_previewRows = 0;
    bool m_previewWhole = false;
    QLabel *m_fileLabel = nullptr, *m_fileName = nullptr, *m_formatLabel = nullptr, *m_previewTitle = nullptr;
    QLabel *m_previewLabel = nullptr, *m_targetTitle = nullptr, *m_nameHint = nullptr;
    QComboBox *m_format = nullptr;
    QTableWidget *m_preview = nullptr;
    QRadioButton *m_newDataset = nullptr, *m_append = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_dataset = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
