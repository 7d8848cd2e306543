#include "curation/turnbubble.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

#include "workspace/workspace.h"

using sft::ChatTurn;

namespace {

// How far a bubble stands in from the side it does not sit on.
constexpr int kIndent = 56;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

GrowingTextEdit::GrowingTextEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QPlainTextEdit::textChanged, this, &GrowingTextEdit::updateHeight);
    updateHeight();
}

QSize GrowingTextEdit::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), m_height};
}

QSize GrowingTextEdit::minimumSizeHint() const
{
    return {QPlainTextEdit::minimumSizeHint().width(), m_height};
}

void GrowingTextEdit::updateHeight()
{
    // The laid-out height of every block (the document lays a block out when asked, and keeps it), at the
    // width the field has now; blocks already laid out cost nothing.
    QTextDocument *doc = document();
    QAbstractTextDocumentLayout *layout = doc->documentLayout();
    qreal h = 0;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        h += layout->blockBoundingRect(b).height();
    const QMargins m = contentsMargins();
    const int minimum = fontMetrics().lineSpacing();
    const int height = int(std::ceil(std::max<qreal>(h, minimum) + 2 * doc->documentMargin())) + m.top() + m.bottom();
    if (height != m_height) {
        m_height = height;
        updateGeometry();
    }
}

void GrowingTextEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    if (width() != m_width) {
        m_width = width();
        updateHeight();  // the text wraps at the new width
    }
    // As tall as its text: nothing to scroll (typing may have scrolled before the field grew).
    if (height() >= m_height)
        verticalScrollBar()->setValue(0);
}

TurnBubble::TurnBubble(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("turnBubble"));
    m_roleLabel = new QLabel(this);
    m_roleLabel->setObjectName(QStringLiteral("turnRole"));
    QFont bold = m_roleLabel->font();
    bold.setBold(true);
    m_roleLabel->setFont(bold);

    auto makeAction = [this](QAction *&action, QToolButton *&button, const QKeySequence &key, auto onTrigger) {
        action = new QAction(this);
        action->setShortcut(key);
        // Only while this message (its text field) has the focus.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, onTrigger);
        button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);  // a click keeps the focus (and the cursor) in the text
    };
    makeAction(m_roleAction, m_roleButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
               [this] { Q_EMIT changeRoleRequested(m_index); });
    makeAction(m_upAction, m_upButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up),
               [this] { Q_EMIT moveRequested(m_index, -1); });
    makeAction(m_downAction, m_downButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down),
               [this] { Q_EMIT moveRequested(m_index, 1); });
    makeAction(m_removeAction, m_removeButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
               [this] { Q_EMIT removeRequested(m_index); });
    m_roleButton->setObjectName(QStringLiteral("turnChangeRole"));
    m_upButton->setObjectName(QStringLiteral("turnUp"));
    m_downButton->setObjectName(QStringLiteral("turnDown"));
    m_removeButton->setObjectName(QStringLiteral("turnRemove"));

    m_edit = new GrowingTextEdit(this);
    m_edit->setObjectName(QStringLiteral("turnText"));
    m_edit->setTabChangesFocus(true);
    // One undo history, the window's (as the record editor's fields).
    m_edit->setUndoRedoEnabled(false);
    m_edit->installEventFilter(this);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            Q_EMIT textEdited(m_index);
    });

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->setSpacing(2);
    header->addWidget(m_roleLabel);
    header->addStretch(1);
    header->addWidget(m_roleButton);
    header->addWidget(m_upButton);
    header->addWidget(m_downButton);
    header->addWidget(m_removeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_edit);
    retranslate();
}

QString TurnBubble::text() const
{
    return m_edit->toPlainText();
}

void TurnBubble::setTurn(int index, int count, const QString &role, const QString &text, bool canChangeRole,
                         bool canRemove)
{
    const bool roleChanged = role != m_role;
    m_index = index;
    m_count = count;
    m_role = role;
    if (m_edit->toPlainText() != text) {
        m_loading = true;
        m_edit->setPlainText(text);
        m_loading = false;
    }
    m_upAction->setEnabled(index > 0);
    m_downAction->setEnabled(index + 1 < count);
    m_roleAction->setEnabled(canChangeRole);
    m_removeAction->setEnabled(canRemove);
    if (roleChanged)
        applyRole();
    retranslate();
}

QColor TurnBubble::fill() const
{
    // Tints of the text field's own background: a user message leans to the selection colour, an
    // assistant message to the text colour, so the text keeps its contrast in any palette.
    const QPalette p = palette();
    const QColor base = p.color(QPalette::Base);
    return m_role == ChatTurn::kUser ? mix(base, p.color(QPalette::Highlight), 0.16) : mix(base, p.color(QPalette::Text), 0.06);
}

void TurnBubble::applyRole()
{
    const bool user = m_role == ChatTurn::kUser;
    // User messages on the right, assistant messages on the left, as in a chat.
    const int pad = 8;
    layout()->setContentsMargins(user ? kIndent + pad : pad, 6, user ? pad : kIndent + pad, 8);
    QPalette p = m_edit->palette();
    p.setColor(QPalette::Base, fill());
    m_edit->setPalette(p);
    update();
}

void TurnBubble::paintEvent(QPaintEvent *)
{
    const bool user = m_role == ChatTurn::kUser;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(user ? kIndent + 0.5 : 0.5, 0.5, user ? -0.5 : -kIndent - 0.5, -0.5);
    QPainterPath path;
    path.addRoundedRect(r, 10, 10);
    const QPalette p = palette();
    const bool focused = m_edit->hasFocus();
    painter.setPen(QPen(focused ? p.color(QPalette::Highlight) : mix(p.color(QPalette::Base), p.color(QPalette::Text), 0.22),
                        focused ? 1.5 : 1.0));
    painter.fillPath(path, fill());
    painter.drawPath(path);
}

bool TurnBubble::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit) {
        if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
            update();  // the border shows which message has the focus
        if (event->type() == QEvent::ShortcutOverride) {
            // This message's shortcuts win over the text field's own use of the keys.
            const auto *key = static_cast<QKeyEvent *>(event);
            const QKeySequence pressed(key->keyCombination());
            for (const QAction *a : {m_roleAction, m_upAction, m_downAction, m_removeAction})
                if (a->shortcut() == pressed) {
                    event->ignore();
                    return true;
                }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TurnBubble::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange)
        applyRole();
    QWidget::changeEvent(event);
}

void TurnBubble::retranslate()
{
    const bool user = m_role == ChatTurn::kUser;
    m_roleLabel->setText(user ? tr("%1 · User").arg(m_index + 1) : tr("%1 · Assistant").arg(m_index + 1));
    m_edit->setPlaceholderText(user ? tr("What the user says") : tr("What the assistant answers"));
    const auto key = [](const QAction *a) { return a->shortcut().toString(QKeySequence::NativeText); };
    m_roleAction->setText(user ? tr("Make it an assistant message") : tr("Make it a user message"));
    m_roleAction->setIconText(QStringLiteral("⇄"));
    m_upAction->setText(tr("Move up"));
    m_upAction->setIconText(QStringLiteral("↑"));
    m_downAction->setText(tr("Move down"));
    m_downAction->setIconText(QStringLiteral("↓"));
    m_removeAction->setText(tr("Remove this message"));
    m_removeAction->setIconText(QStringLiteral("✕"));
    for (QAction *a : {m_roleAction, m_upAction, m_downAction, m_removeAction})
        a->setToolTip(tr("%1 (%2)").arg(a->text(), key(a)));
    if (!m_roleAction->isEnabled())
        m_roleAction->setToolTip(tr("A conversation needs a user message: this is the only one"));
    if (!m_removeAction->isEnabled())
        m_removeAction->setToolTip(m_count <= 1 ? tr("The only message of the conversation")
                                                : tr("A conversation needs a user message: this is the only one"));
}
