#pragma once
// One message of a conversation as a chat bubble: the role, buttons to change
// it, move the message up or down or remove it, and the text, edited in
// place. User messages sit on the right and assistant messages on the left,
// each in its own colour taken from the palette (so both read in light and
// dark themes). The text field grows with its text, so a conversation scrolls
// as one page. The bubble edits nothing itself: it says what was asked
// (signals), and ConversationView / RecordEditor turn that into undo steps.

#include <QPlainTextEdit>
#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

/** A plain-text field as tall as its text (no scroll bar of its own). */
class GrowingTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit GrowingTextEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateHeight();
    int m_height = 0;
    int m_width = -1;
};

class TurnBubble : public QWidget
{
    Q_OBJECT

public:
    explicit TurnBubble(QWidget *parent = nullptr);

    /**
     * Show message index (0-based) of count, with role and text (set only when it differs, so the cursor
     * stays); canChangeRole / canRemove: whether that change leaves the conversation a user message.
     */
    void setTurn(int index, int count, const QString &role, const QString &text, bool canChangeRole, bool canRemove);
    int index() const { return m_index; }
    QString role() const { return m_role; }
    QString text() const;

    GrowingTextEdit *editor() const { return m_edit; }
    QLabel *roleLabel() const { return m_roleLabel; }
    QToolButton *roleButton() const { return m_roleButton; }
    QToolButton *upButton() const { return m_upButton; }
    QToolButton *downButton() const { return m_downButton; }
    QToolButton *removeButton() const { return m_removeButton; }
    void retranslate();

Q_SIGNALS:
    void textEdited(int index);
    void changeRoleRequested(int index);
    void moveRequested(int index, int delta);
    void removeRequested(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyRole();
    QColor fill() const;

    int m_index = -1, m_count = 0;
    QString m_role;
    bool m_loading = false;
    QLabel *m_roleLabel = nullptr;
    QToolButton *m_roleButton = nullptr, *m_upButton = nullptr, *m_downButton = nullptr, *m_removeButton = nullptr;
    QAction *m_roleAction = nullptr, *m_upAction = nullptr, *m_downAction = nullptr, *m_removeAction = nullptr;
    GrowingTextEdit *m_edit = nullptr;
};
