#pragma once
// The "saved item" row shared by the Prompt and In-context panels: a combo
// of the items saved in the workspace, the name to save under, and Save /
// Delete / Export… / Import… buttons. The bar only asks (file dialogs
// included) and reports by signals; the panel does the storing.

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

class SavedItemBar : public QWidget
{
    Q_OBJECT

public:
    explicit SavedItemBar(QWidget *parent = nullptr);

    QComboBox *combo() const { return m_saved; }
    QLineEdit *nameEdit() const { return m_name; }
    /** The name to save under, trimmed. */
    QString name() const;
    void setName(const QString &name);
    /** How many saved items the combo lists. */
    int count() const;
    /** Lists names, keeping the current item selected when it is still among them. */
    void setNames(const QStringList &names);
    /** Makes name the current item (none when it is not listed). */
    void select(const QString &name);
    /** Sets the texts; the panel gives the ones that name what it saves. */
    void retranslate(const QString &namePlaceholder, const QString &exportTitle, const QString &importTitle);

Q_SIGNALS:
    void saveClicked();
    /** Delete was clicked with a saved item chosen. */
    void deleteClicked(const QString &name);
    /** A saved item was chosen in the combo. */
    void loadRequested(const QString &name);
    /** The user chose a file to export to / import from. */
    void exportChosen(const QString &path);
    void importChosen(const QString &path);

private:
    QString m_exportTitle, m_importTitle;
    QLabel *m_savedLabel = nullptr, *m_nameLabel = nullptr;
    QComboBox *m_saved = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_save = nullptr, *m_delete = nullptr, *m_export = nullptr, *m_import = nullptr;
};
