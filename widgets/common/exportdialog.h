#pragma once
// Export options: format, accepted-only, train/validation split with a seed,
// and the output file.

#include <QDialog>

#include "workspace/exporter.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(qint64 datasetId, const QString &datasetName, QWidget *parent = nullptr);
    sft::ExportOptions options() const;

private:
    void browse();
    void updateHint();

    qint64 m_datasetId;
    QComboBox *m_format = nullptr;
    QCheckBox *m_acceptedOnly = nullptr;
    QDoubleSpinBox *m_validation = nullptr;
    QSpinBox *m_seed = nullptr;
    QLineEdit *m_path = nullptr;
    class QLabel *m_hint = nullptr;
};
