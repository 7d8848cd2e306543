#pragma once
// Export options: format, accepted-only, train/validation split with a seed,
// and the output file. Conversations are written by ShareGPT, OpenAI
// messages, JSON Lines and Alpaca JSON; CSV has no place for them, so with
// the workspace at hand the dialog refuses CSV for a dataset that holds any
// (the export would fail on the first one).

#include <QDialog>

#include "workspace/exporter.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
namespace sft { class Workspace; }

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(qint64 datasetId, const QString &datasetName, QWidget *parent = nullptr);
    /** With the workspace: CSV is refused when the records to export include conversations. */
    ExportDialog(sft::Workspace *workspace, qint64 datasetId, const QString &datasetName, QWidget *parent = nullptr);
    sft::ExportOptions options() const;

    QComboBox *formatCombo() const { return m_format; }
    QCheckBox *acceptedOnlyBox() const { return m_acceptedOnly; }
    QLabel *hintLabel() const { return m_hint; }
    QPushButton *exportButton() const { return m_exportButton; }

private:
    void browse();
    void updateHint();
    /** Conversations among the records the export would write (counted once per choice of records). */
    qint64 conversations();

    sft::Workspace *m_workspace = nullptr;
    qint64 m_datasetId;
    qint64 m_conversations[2] = {-1, -1};  // [acceptedOnly]: counted when CSV is chosen; -1 = not yet
    QComboBox *m_format = nullptr;
    QCheckBox *m_acceptedOnly = nullptr;
    QDoubleSpinBox *m_validation = nullptr;
    QSpinBox *m_seed = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_exportButton = nullptr;
};
