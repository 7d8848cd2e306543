#pragma once
// The model-folder row shared by the Prompt and In-context panels: "Model
// folder:", the path, Browse…, room for the panel's Run button, and a note
// (placed by the panel) that warns when the untrained demo model is chosen.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

class ModelFolderRow : public QWidget
{
    Q_OBJECT

public:
    explicit ModelFolderRow(QWidget *parent = nullptr);

    QString modelDir() const;
    void setModelDir(const QString &dir);
    /** The demo model's folder; it becomes the model too while none other was chosen. */
    void setDemoModelDir(const QString &dir);
    QString demoModelDir() const { return m_demoModelDir; }

    /** Appends a widget (the panel's Run button) to the row. */
    void addTrailingWidget(QWidget *widget);
    /** The demo-model warning; the panel places it in its layout. */
    QLabel *note() const { return m_note; }
    /** Sets the texts; the panel gives its placeholder and its demo-model warning. */
    void retranslate(const QString &placeholder, const QString &demoNote);

Q_SIGNALS:
    void modelDirChanged();

private:
    void updateNote();

    QString m_demoModelDir, m_demoNote;
    QLabel *m_label = nullptr, *m_note = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
};
