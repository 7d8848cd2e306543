#pragma once
// The record editor beside the table. A single-turn record shows its
// instruction, input and output as fields; a conversation shows its system
// message and its messages as a chat (conversationview.h), where messages are
// edited in place, added, removed, moved and given the other role. A
// single-turn record can be shown as a chat too (a toggle; the choice stays
// for the next single-turn record) and becomes a conversation when a message
// is added ("Continue as conversation"). Tags and note are below either view.
// Typing is saved after a short pause (or when focus leaves) as an undoable
// SetFieldCommand or SetConversationCommand; each change of the messages is
// one undo step.

#include <QHash>
#include <QWidget>

#include "curation/setconversationcommand.h"
#include "workspace/workspace.h"

class ConversationView;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QUndoStack;

class RecordEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RecordEditor(QWidget *parent = nullptr);

    void setContext(sft::Workspace *workspace, QUndoStack *undoStack);
    /** Show record id (0 clears); pending edits of the previous record are saved first. */
    void setRecord(qint64 id);
    qint64 recordId() const { return m_id; }
    /** Read the shown record again (another program may have changed it); unchanged fields keep their cursor. */
    void refresh();
    /** Save any edit still waiting for its pause. */
    void commitPending();
    /** Whether typing waits to be saved (it becomes an undo step at commitPending()). */
    bool hasPendingEdit() const;

    /** A field of the Fields view (instruction, input, output) or tags / note. */
    QPlainTextEdit *editor(sft::RecordField field) const;
    /** The system message field of the Fields view (the chat has its own, conversationView()->systemEditor()). */
    QPlainTextEdit *systemEditor() const { return m_system; }
    ConversationView *conversationView() const { return m_view; }
    QToolButton *fieldsButton() const { return m_fieldsButton; }
    QToolButton *conversationButton() const { return m_chatButton; }
    QPushButton *continueButton() const { return m_continue; }

    /** Whether the record is shown as a chat (always, for a conversation). */
    bool isConversationShown() const { return m_chat; }
    /** Show a single-turn record as a chat (true) or as its fields; a conversation stays a chat. */
    void setConversationShown(bool chat);
    /** Focus where a new record is written: the instruction, or the first message in the chat. */
    void focusStart();

    // Changes of the messages, each one undo step (what the chat's buttons and shortcuts do).
    void addTurn(const QString &role);
    void removeTurn(int index);
    void moveTurn(int index, int delta);
    void changeRole(int index);
    /** Make a single-turn record a conversation: a new, empty user message after its output. */
    void continueAsConversation();

Q_SIGNALS:
    /** hasPendingEdit() may have changed. */
    void pendingEditChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void reload();
    void updateMode();
    void updateStatusLine(const sft::RecordData &r);
    void onRecordsChanged(const QList<qint64> &ids);
    void startSaveTimer();
    /** Push a change of the messages (typing saved first); then focus message focus. */
    void pushTurns(SetConversationCommand::Kind kind, int turn, QList<sft::ChatTurn> turns, int focus);
    /** Push cmd; false (and the command dropped) when the write failed. */
    bool push(QUndoCommand *cmd);
    bool hasUnsavedText() const;

    sft::Workspace *m_workspace = nullptr;
    QUndoStack *m_undo = nullptr;
    qint64 m_id = 0;
    QHash<int, QPlainTextEdit *> m_editors;
    QHash<int, QLabel *> m_labels;
    QHash<int, QString> m_saved;
    sft::RecordContent m_content;   // the shown record's content as saved
    QList<sft::ChatTurn> m_turns;   // its messages as the chat shows them (a single-turn record's reply, even empty)
    bool m_isConversation = false;  // the shown record has turns
    bool m_chat = false;            // shown as a chat
    bool m_preferChat = false;      // how single-turn records are shown (the last choice)
    bool m_committing = false;      // commitPending() is writing: one reload at its end
    QLabel *m_status = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_systemLabel = nullptr;
    QPlainTextEdit *m_system = nullptr;
    QToolButton *m_fieldsButton = nullptr, *m_chatButton = nullptr;
    QPushButton *m_continue = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_fieldsPage = nullptr;
    ConversationView *m_view = nullptr;
    QTimer *m_saveTimer = nullptr;
    bool m_loading = false;
};
