#pragma once
// A record as a chat: the optional system message, then every user and
// assistant message as a bubble (turnbubble.h), each edited in place, and
// buttons that add a user or an assistant message at the end. The view only
// shows and reports: typing and the buttons come out as signals, and
// RecordEditor makes the undo steps. setConversation() reuses the bubbles
// and leaves a text that did not change (and its cursor) alone, so a step of
// a long conversation redraws only what it changed.

#include <QList>
#include <QWidget>

#include "workspace/workspace.h"

class GrowingTextEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QVBoxLayout;
class TurnBubble;

class ConversationView : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget *parent = nullptr);

    /** Show a system message and messages. */
    void setConversation(const QString &system, const QList<sft::ChatTurn> &turns);
    /** What the fields hold now (typing included). */
    QString system() const;
    QList<sft::ChatTurn> turns() const;
    int turnCount() const { return m_count; }

    TurnBubble *bubble(int index) const;
    QPlainTextEdit *systemEditor() const;
    QPushButton *addUserButton() const { return m_addUser; }
    QPushButton *addAssistantButton() const { return m_addAssistant; }
    /** Says when the roles do not take turns, or the last message is the user's. */
    QLabel *hintLabel() const { return m_hint; }
    QScrollArea *scrollArea() const { return m_scroll; }
    /** Give message index the focus, the cursor at the end of its text, and scroll it into view. */
    void focusTurn(int index);

Q_SIGNALS:
    void systemEdited();
    void turnEdited(int index);
    void addRequested(const QString &role);
    void changeRoleRequested(int index);
    void moveRequested(int index, int delta);
    void removeRequested(int index);
    /** The focus left one of the text fields (the editor saves what was typed). */
    void editingFinished();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void updateHint();
    TurnBubble *makeBubble();
    void watch(QPlainTextEdit *edit);
    void keepCursorVisible(QPlainTextEdit *edit);

    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_turnsLayout = nullptr;
    QLabel *m_systemLabel = nullptr;
    GrowingTextEdit *m_system = nullptr;
    QList<TurnBubble *> m_bubbles;  // the first m_count are shown; the rest wait, hidden, to be reused
    int m_count = 0;
    QLabel *m_hint = nullptr;
    QPushButton *m_addUser = nullptr, *m_addAssistant = nullptr;
    bool m_loading = false;
};
