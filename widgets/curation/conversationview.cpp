#include "curation/conversationview.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include "common/panelutil.h"
#include "curation/turnbubble.h"

using sft::ChatTurn;

ConversationView::ConversationView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("conversationView"));
    m_content = new QWidget;
    m_content->setObjectName(QStringLiteral("conversationContent"));
    m_systemLabel = new QLabel(m_content);
    m_system = new GrowingTextEdit(m_content);
    m_system->setObjectName(QStringLiteral("systemMessage"));
    m_system->setFrameShape(QFrame::StyledPanel);
    m_system->setTabChangesFocus(true);
    m_system->setUndoRedoEnabled(false);
    m_systemLabel->setBuddy(m_system);
    watch(m_system);
    connect(m_system, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            Q_EMIT systemEdited();
    });

    m_turnsLayout = new QVBoxLayout;
    m_turnsLayout->setContentsMargins(0, 0, 0, 0);
    m_turnsLayout->setSpacing(8);
    m_hint = new QLabel(m_content);
    m_hint->setObjectName(QStringLiteral("conversationHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    QFont italic = m_hint->font();
    italic.setItalic(true);
    m_hint->setFont(italic);
    m_hint->hide();
    m_addUser = new QPushButton(m_content);
    m_addUser->setObjectName(QStringLiteral("addUserMessage"));
    m_addAssistant = new QPushButton(m_content);
    m_addAssistant->setObjectName(QStringLiteral("addAssistantMessage"));
    connect(m_addUser, &QPushButton::clicked, this, [this] { Q_EMIT addRequested(ChatTurn::kUser); });
    connect(m_addAssistant, &QPushButton::clicked, this, [this] { Q_EMIT addRequested(ChatTurn::kAssistant); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_addAssistant);
    buttons->addWidget(m_addUser);

    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_systemLabel);
    layout->addWidget(m_system);
    layout->addSpacing(6);
    layout->addLayout(m_turnsLayout);
    layout->addWidget(m_hint);
    layout->addLayout(buttons);
    layout->addStretch(1);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("conversationScroll"));
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
    retranslate();
}

TurnBubble *ConversationView::bubble(int index) const
{
    return index >= 0 && index < m_count ? m_bubbles[index] : nullptr;
}

QPlainTextEdit *ConversationView::systemEditor() const
{
    return m_system;
}

TurnBubble *ConversationView::makeBubble()
{
    auto *b = new TurnBubble(m_content);
    watch(b->editor());
    connect(b, &TurnBubble::textEdited, this, [this](int index) {
        if (!m_loading)
            Q_EMIT turnEdited(index);
    });
    connect(b, &TurnBubble::changeRoleRequested, this, &ConversationView::changeRoleRequested);
    connect(b, &TurnBubble::moveRequested, this, &ConversationView::moveRequested);
    connect(b, &TurnBubble::removeRequested, this, &ConversationView::removeRequested);
    return b;
}

void ConversationView::watch(QPlainTextEdit *edit)
{
    edit->installEventFilter(this);
    connect(edit, &QPlainTextEdit::cursorPositionChanged, this, [this, edit] {
        if (edit->hasFocus())
            keepCursorVisible(edit);
    });
}

void ConversationView::keepCursorVisible(QPlainTextEdit *edit)
{
    // The fields have no scroll bar of their own: the page scrolls to the cursor.
    const QRect cursor = edit->cursorRect();
    const QPoint at = edit->viewport()->mapTo(m_content, cursor.center());
    m_scroll->ensureVisible(at.x(), at.y(), 8, cursor.height());
}

void ConversationView::setConversation(const QString &system, const QList<sft::ChatTurn> &turns)
{
    m_loading = true;
    if (m_system->toPlainText() != system)
        m_system->setPlainText(system);
    int users = 0;
    for (const sft::ChatTurn &t : turns)
        users += t.role == ChatTurn::kUser;
    const int n = int(turns.size());
    while (m_bubbles.size() < n) {
        TurnBubble *b = makeBubble();
        m_turnsLayout->addWidget(b);
        m_bubbles.push_back(b);
    }
    for (int i = 0; i < n; ++i) {
        // A change that takes the last user message away is refused here rather than by the workspace.
        const bool lastUser = turns[i].role == ChatTurn::kUser && users == 1;
        m_bubbles[i]->setTurn(i, n, turns[i].role, turns[i].content, !lastUser, n > 1 && !lastUser);
        m_bubbles[i]->show();
    }
    for (int i = n; i < m_count; ++i) {
        // Kept for the next conversation, without the text (a long one costs memory and layout).
        m_bubbles[i]->hide();
        m_bubbles[i]->setTurn(i, n, ChatTurn::kUser, QString(), false, false);
    }
    m_count = n;
    m_loading = false;
    updateHint();
}

QString ConversationView::system() const
{
    return m_system->toPlainText();
}

QList<sft::ChatTurn> ConversationView::turns() const
{
    QList<sft::ChatTurn> out;
    out.reserve(m_count);
    for (int i = 0; i < m_count; ++i)
        out.push_back({m_bubbles[i]->role(), m_bubbles[i]->text()});
    return out;
}

void ConversationView::focusTurn(int index)
{
    TurnBubble *b = bubble(index);
    if (!b)
        return;
    b->editor()->setFocus(Qt::OtherFocusReason);
    b->editor()->moveCursor(QTextCursor::End);
    // A bubble shown just now has its place only once the layout ran.
    m_content->layout()->activate();
    m_scroll->ensureWidgetVisible(b, 0, 8);
}

void ConversationView::updateHint()
{
    QString hint;
    for (int i = 1; i < m_count && hint.isEmpty(); ++i) {
        if (m_bubbles[i]->role() == m_bubbles[i - 1]->role())
            hint = m_bubbles[i]->role() == ChatTurn::kUser
                       ? tr("Messages %1 and %2 are both the user's: many chat templates need user and assistant "
                            "messages to take turns.")
                             .arg(i)
                             .arg(i + 1)
                       : tr("Messages %1 and %2 are both the assistant's: many chat templates need user and "
                            "assistant messages to take turns.")
                             .arg(i)
                             .arg(i + 1);
    }
    if (hint.isEmpty() && m_count > 0 && m_bubbles[m_count - 1]->role() == ChatTurn::kUser)
        hint = tr("The conversation ends with a user message: training learns only from assistant messages.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

bool ConversationView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut)
        Q_EMIT editingFinished();
    if (leaveUndoToWindow(event))
        return true;
    return QWidget::eventFilter(watched, event);
}

void ConversationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConversationView::retranslate()
{
    m_systemLabel->setText(tr("S&ystem message"));
    m_system->setPlaceholderText(tr("Optional: how the assistant should behave in this conversation"));
    m_system->setToolTip(tr("The system message comes before the first user message; leave it empty for none"));
    m_addUser->setText(tr("Add &user message"));
    m_addUser->setToolTip(tr("Add a user message at the end of the conversation"));
    m_addAssistant->setText(tr("Add &assistant message"));
    m_addAssistant->setToolTip(tr("Add an assistant message at the end of the conversation"));
    updateHint();
}
