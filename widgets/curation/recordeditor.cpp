#include "curation/recordeditor.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "common/panelutil.h"
#include "common/rejectiontext.h"
#include "common/statustext.h"
#include "curation/conversationview.h"
#include "curation/setfieldcommand.h"
#include "curation/turnbubble.h"

using sft::RecordField;

namespace {
const RecordField kFields[] = {RecordField::Instruction, RecordField::Input, RecordField::Output, RecordField::Tags,
                               RecordField::Note};
// Fields of the Fields view: a single-turn record's content, not a conversation's.
bool isContentField(RecordField f)
{
    return f == RecordField::Instruction || f == RecordField::Input || f == RecordField::Output;
}
// The messages the chat shows: a single-turn record's reply is shown (and can be written) even while empty.
QList<sft::ChatTurn> shownTurns(const sft::RecordContent &c)
{
    QList<sft::ChatTurn> turns = c.messages();
    if (c.turns.isEmpty() && turns.size() == 1)
        turns.push_back({sft::ChatTurn::kAssistant, QString()});
    return turns;
}
} // namespace

RecordEditor::RecordEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLine"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    // Fields or chat.
    m_fieldsButton = new QToolButton(this);
    m_fieldsButton->setObjectName(QStringLiteral("showFields"));
    m_chatButton = new QToolButton(this);
    m_chatButton->setObjectName(QStringLiteral("showConversation"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *b : {m_fieldsButton, m_chatButton}) {
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        modes->addButton(b);
    }
    modes->setExclusive(true);
    connect(m_fieldsButton, &QToolButton::clicked, this, [this] { setConversationShown(false); });
    connect(m_chatButton, &QToolButton::clicked, this, [this] { setConversationShown(true); });
    auto *modeBar = new QHBoxLayout;
    modeBar->setSpacing(0);
    modeBar->addWidget(m_fieldsButton);
    modeBar->addWidget(m_chatButton);
    modeBar->addStretch(1);
    layout->addLayout(modeBar);

    auto makeEditor = [this](const QString &name) {
        auto *edit = new QPlainTextEdit(this);
        edit->setObjectName(name);
        edit->setTabChangesFocus(true);
        // One undo history, the window's: the field keeps none of its own, so an edit
        // is never both in the field's history and on the undo stack.
        edit->setUndoRedoEnabled(false);
        edit->installEventFilter(this);
        connect(edit, &QPlainTextEdit::textChanged, this, &RecordEditor::startSaveTimer);
        return edit;
    };

    // The Fields view: system message, instruction, input, output.
    m_fieldsPage = new QWidget(this);
    auto *fieldsLayout = new QVBoxLayout(m_fieldsPage);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    m_systemLabel = new QLabel(m_fieldsPage);
    m_system = makeEditor(QStringLiteral("fieldsSystem"));
    m_system->setMaximumHeight(fontMetrics().lineSpacing() * 2 + 14);  // mostly empty: little room
    m_systemLabel->setBuddy(m_system);
    fieldsLayout->addWidget(m_systemLabel);
    fieldsLayout->addWidget(m_system, 1);
    QList<QWidget *> below;
    for (RecordField f : kFields) {
        auto *label = new QLabel(this);
        QPlainTextEdit *edit = makeEditor(QStringLiteral("field%1").arg(int(f)));
        label->setBuddy(edit);
        m_editors.insert(int(f), edit);
        m_labels.insert(int(f), label);
        if (isContentField(f)) {
            fieldsLayout->addWidget(label);
            fieldsLayout->addWidget(edit, f == RecordField::Output ? 3 : 2);
        } else {
            edit->setMaximumHeight(48);
            below << label << edit;
        }
    }
    m_continue = new QPushButton(m_fieldsPage);
    m_continue->setObjectName(QStringLiteral("continueAsConversation"));
    connect(m_continue, &QPushButton::clicked, this, &RecordEditor::continueAsConversation);
    auto *continueRow = new QHBoxLayout;
    continueRow->addStretch(1);
    continueRow->addWidget(m_continue);
    fieldsLayout->addLayout(continueRow);

    // The chat view.
    m_view = new ConversationView(this);
    connect(m_view, &ConversationView::systemEdited, this, &RecordEditor::startSaveTimer);
    connect(m_view, &ConversationView::turnEdited, this, &RecordEditor::startSaveTimer);
    connect(m_view, &ConversationView::editingFinished, this, &RecordEditor::commitPending);
    connect(m_view, &ConversationView::addRequested, this, &RecordEditor::addTurn);
    connect(m_view, &ConversationView::removeRequested, this, &RecordEditor::removeTurn);
    connect(m_view, &ConversationView::moveRequested, this, &RecordEditor::moveTurn);
    connect(m_view, &ConversationView::changeRoleRequested, this, &RecordEditor::changeRole);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_fieldsPage);
    m_pages->addWidget(m_view);
    layout->addWidget(m_pages, 1);
    for (QWidget *w : std::as_const(below))
        layout->addWidget(w);

    m_meta = new QLabel(this);
    m_meta->setObjectName(QStringLiteral("metaLine"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_meta);
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(600);
    connect(m_saveTimer, &QTimer::timeout, this, &RecordEditor::commitPending);
    retranslate();
    updateMode();
    setEnabled(false);
}

void RecordEditor::setContext(sft::Workspace *workspace, QUndoStack *undoStack)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_undo = undoStack;
    m_id = 0;
    if (m_workspace)
        connect(m_workspace, &sft::Workspace::recordsChanged, this, &RecordEditor::onRecordsChanged);
    reload();
}

QPlainTextEdit *RecordEditor::editor(RecordField field) const
{
    return m_editors.value(int(field));
}

void RecordEditor::startSaveTimer()
{
    if (m_loading)
        return;
    const bool was = m_saveTimer->isActive();
    m_saveTimer->start();
    if (!was)
        Q_EMIT pendingEditChanged();
}

void RecordEditor::setRecord(qint64 id)
{
    if (id == m_id)
        return;
    commitPending();
    m_id = id;
    m_chat = m_preferChat;
    reload();
}

bool RecordEditor::hasUnsavedText() const
{
    for (RecordField f : kFields)
        if (m_editors.value(int(f))->toPlainText() != m_saved.value(int(f)))
            return true;
    if (m_system->toPlainText() != m_content.system || m_view->system() != m_content.system)
        return true;
    return m_chat && m_view->turns() != m_turns;
}

void RecordEditor::refresh()
{
    commitPending();
    if (hasUnsavedText())
        return;  // not saved (reported already): the typed text stays on screen for the next try
    reload();
}

bool RecordEditor::hasPendingEdit() const
{
    return m_saveTimer->isActive();
}

bool RecordEditor::push(QUndoCommand *cmd)
{
    const quint64 errors = m_workspace->errorCount();
    m_undo->push(cmd);
    return m_workspace->errorCount() == errors;
}

void RecordEditor::commitPending()
{
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        Q_EMIT pendingEditChanged();
    }
    if (!m_workspace || !m_undo || m_id == 0)
        return;
    // Each change is its own step; the record is read again once, at the end.
    m_committing = true;
    bool pushed = false, failed = false;
    for (RecordField f : kFields) {
        if (isContentField(f) && (m_chat || m_isConversation))
            continue;  // the chat shows them
        const QString text = m_editors.value(int(f))->toPlainText();
        if (text != m_saved.value(int(f))) {
            const QString old = m_saved.value(int(f));
            m_saved.insert(int(f), text);
            pushed = true;
            // Not saved (reported already): keep the text on screen and try again at the next commit.
            if (!push(new SetFieldCommand(m_workspace, m_id, f, old, text))) {
                m_saved.insert(int(f), old);
                failed = true;
            }
        }
    }
    const QString system = m_chat ? m_view->system() : m_system->toPlainText();
    if (system != m_content.system) {
        pushed = true;
        // Built from the record as stored now, not from m_content: the field edits just pushed are in it
        // (m_content is read again only at the end), and the step changes nothing but the system message.
        std::optional<sft::RecordData> r;
        if (m_workspace->tryOrReport([&] { r = m_workspace->record(m_id); }) && r) {
            const sft::RecordContent now = sft::RecordContent::of(*r);
            const sft::RecordContent next = now.withSystem(system);
            if (push(new SetConversationCommand(m_workspace, m_id, SetConversationCommand::EditSystem, -1, now, next)))
                m_content = next;
            else
                failed = true;
        } else {
            failed = true;
        }
    }
    if (m_chat) {
        const QList<sft::ChatTurn> shown = m_view->turns();
        for (int i = 0; i < shown.size() && i < m_turns.size(); ++i) {
            if (shown[i].content == m_turns[i].content)
                continue;
            QList<sft::ChatTurn> turns = m_turns;
            turns[i].content = shown[i].content;
            pushed = true;
            std::optional<sft::RecordContent> next;
            if (m_workspace->tryOrReport([&] { next = m_content.withTurns(turns); })
                && push(new SetConversationCommand(m_workspace, m_id, SetConversationCommand::EditTurn, i, m_content,
                                                   *next))) {
                m_content = *next;
                m_turns = turns;
            } else {
                failed = true;
            }
        }
    }
    m_committing = false;
    if (pushed && !failed)
        reload();
}

void RecordEditor::pushTurns(SetConversationCommand::Kind kind, int turn, QList<sft::ChatTurn> turns, int focus)
{
    if (!m_workspace || !m_undo || m_id == 0)
        return;
    // The workspace's rules pick the shape (a bad list, e.g. without a user message, is reported).
    std::optional<sft::RecordContent> next;
    if (!m_workspace->tryOrReport([&] { next = m_content.withTurns(turns); }) || *next == m_content)
        return;
    if (!push(new SetConversationCommand(m_workspace, m_id, kind, turn, m_content, *next)))
        return;
    // The record was read again (recordsChanged); a record that became a conversation shows as a chat.
    if (!m_chat) {
        m_chat = true;
        reload();
    }
    m_view->focusTurn(focus);
}

void RecordEditor::addTurn(const QString &role)
{
    commitPending();
    QList<sft::ChatTurn> turns = m_turns;
    turns.push_back({role, QString()});
    pushTurns(SetConversationCommand::AddTurn, int(turns.size()) - 1, turns, int(turns.size()) - 1);
}

void RecordEditor::removeTurn(int index)
{
    commitPending();
    QList<sft::ChatTurn> turns = m_turns;
    if (index < 0 || index >= turns.size())
        return;
    turns.removeAt(index);
    pushTurns(SetConversationCommand::RemoveTurn, index, turns, std::min(index, int(turns.size()) - 1));
}

void RecordEditor::moveTurn(int index, int delta)
{
    commitPending();
    QList<sft::ChatTurn> turns = m_turns;
    const int to = index + delta;
    if (index < 0 || index >= turns.size() || to < 0 || to >= turns.size() || delta == 0)
        return;
    turns.swapItemsAt(index, to);
    pushTurns(delta < 0 ? SetConversationCommand::MoveTurnUp : SetConversationCommand::MoveTurnDown, index, turns, to);
}

void RecordEditor::changeRole(int index)
{
    commitPending();
    QList<sft::ChatTurn> turns = m_turns;
    if (index < 0 || index >= turns.size())
        return;
    turns[index].role = turns[index].role == sft::ChatTurn::kUser ? sft::ChatTurn::kAssistant : sft::ChatTurn::kUser;
    pushTurns(SetConversationCommand::ChangeRole, index, turns, index);
}

void RecordEditor::continueAsConversation()
{
    addTurn(sft::ChatTurn::kUser);
}

void RecordEditor::setConversationShown(bool chat)
{
    if (m_isConversation && !chat) {
        updateMode();  // a conversation has no fields view: the toggle goes back
        return;
    }
    commitPending();
    m_preferChat = chat;
    if (chat != m_chat) {
        m_chat = chat;
        reload();  // the other view shows what was saved
    }
    updateMode();
}

void RecordEditor::focusStart()
{
    if (m_chat)
        m_view->focusTurn(0);
    else
        m_editors.value(int(RecordField::Instruction))->setFocus(Qt::OtherFocusReason);
}

void RecordEditor::updateMode()
{
    m_pages->setCurrentWidget(m_chat ? static_cast<QWidget *>(m_view) : m_fieldsPage);
    m_fieldsButton->setChecked(!m_chat);
    m_chatButton->setChecked(m_chat);
    m_fieldsButton->setEnabled(!m_isConversation);
    m_fieldsButton->setToolTip(m_isConversation
                                   ? tr("This record is a conversation: its messages are edited in the chat view")
                                   : tr("Edit the record's instruction, input and output"));
}

void RecordEditor::reload()
{
    m_loading = true;
    std::optional<sft::RecordData> r;
    if (m_workspace && m_id)
        m_workspace->tryOrReport([&] { r = m_workspace->record(m_id); });
    setEnabled(r.has_value());
    for (RecordField f : kFields) {
        QString text;
        if (r) {
            switch (f) {
            case RecordField::Instruction: text = r->instruction; break;
            case RecordField::Input: text = r->input; break;
            case RecordField::Output: text = r->output; break;
            case RecordField::Tags: text = r->tags.join(QStringLiteral(", ")); break;
            case RecordField::Note: text = r->note; break;
            }
        }
        m_saved.insert(int(f), text);
        QPlainTextEdit *edit = m_editors.value(int(f));
        if (edit->toPlainText() != text)
            edit->setPlainText(text);
    }
    m_content = r ? sft::RecordContent::of(*r) : sft::RecordContent();
    m_turns = r ? shownTurns(m_content) : QList<sft::ChatTurn>();
    m_isConversation = r && !r->turns.isEmpty();
    if (m_isConversation)
        m_chat = true;
    if (m_system->toPlainText() != m_content.system)
        m_system->setPlainText(m_content.system);
    // The chat of a record shown as fields is filled when it is shown (a long conversation costs).
    m_view->setConversation(m_content.system, m_chat ? m_turns : QList<sft::ChatTurn>());
    updateMode();
    if (r) {
        updateStatusLine(*r);
    } else {
        m_status->setText(tr("No record selected."));
        m_meta->clear();
    }
    m_loading = false;
}

void RecordEditor::updateStatusLine(const sft::RecordData &r)
{
    QString s = tr("Record %1 · %2").arg(r.id).arg(StatusText::name(r.status));
    if (!r.turns.isEmpty())
        s += tr(" · conversation of %n turn(s)", nullptr, r.turnCount);
    if (r.flagged)
        s += tr(" · flagged");
    if (r.status == sft::RecordStatus::Rejected && !r.reason.isEmpty()) {
        const QString reason = RejectionText::render(r.rule, r.reasonArgs, r.reason);
        s += r.rule.isEmpty() ? tr(" · reason: %1").arg(reason) : tr(" · rule %1: %2").arg(r.rule, reason);
    }
    m_status->setText(s);
    const QString stamp = QLocale().toString(r.modified, QLocale::ShortFormat);
    // Records made by hand store "manual" (or nothing, in older workspaces): shown in the current language.
    const bool manual = r.source.isEmpty() || r.source == QLatin1String("manual");
    m_meta->setText(tr("Source: %1 · modified %2").arg(manual ? tr("manual") : r.source, stamp));
}

void RecordEditor::onRecordsChanged(const QList<qint64> &ids)
{
    if (m_committing || m_id == 0 || !ids.contains(m_id))
        return;
    // An undo, a redo or a status change: show the stored state, but keep a
    // field the user is typing in untouched.
    if (!m_saveTimer->isActive()) {
        reload();
        return;
    }
    std::optional<sft::RecordData> r;
    m_workspace->tryOrReport([&] { r = m_workspace->record(m_id); });
    if (r)
        updateStatusLine(*r);
}

bool RecordEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut)
        commitPending();
    if (leaveUndoToWindow(event))
        return true;
    return QWidget::eventFilter(watched, event);
}

void RecordEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RecordEditor::retranslate()
{
    m_fieldsButton->setText(tr("Fields"));
    m_chatButton->setText(tr("Conversation"));
    m_chatButton->setToolTip(tr("Edit the record as a chat: the system message and the user and assistant messages"));
    m_systemLabel->setText(tr("S&ystem message"));
    m_system->setPlaceholderText(tr("Optional: how the assistant should behave"));
    m_labels.value(int(RecordField::Instruction))->setText(tr("&Instruction"));
    m_labels.value(int(RecordField::Input))->setText(tr("I&nput"));
    m_labels.value(int(RecordField::Output))->setText(tr("&Output"));
    m_labels.value(int(RecordField::Tags))->setText(tr("Ta&gs (comma separated)"));
    m_labels.value(int(RecordField::Note))->setText(tr("Not&e"));
    // What goes where, shown while a field is empty (a record made by hand starts empty).
    m_editors.value(int(RecordField::Instruction))->setPlaceholderText(tr("What the model is asked to do"));
    m_editors.value(int(RecordField::Input))->setPlaceholderText(tr("Optional: the text the instruction is about"));
    m_editors.value(int(RecordField::Output))->setPlaceholderText(tr("The answer the model should learn to give"));
    m_continue->setText(tr("Continue as conversation"));
    m_continue->setToolTip(tr("Add a user message after the output: the record becomes a conversation of several "
                              "turns, edited in the chat view"));
    updateMode();
    if (m_workspace && m_id)
        reload();
    else
        m_status->setText(tr("No record selected."));
}
