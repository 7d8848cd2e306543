#include "curation/recordeditor.h"

#include <QEvent>
#include <QKeyEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include "common/rejectiontext.h"
#include "common/statustext.h"
#include "curation/setfieldcommand.h"

using sft::RecordField;

namespace {
const RecordField kFields[] = {RecordField::Instruction, RecordField::Input, RecordField::Output, RecordField::Tags,
                               RecordField::Note};
}

RecordEditor::RecordEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLine"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    for (RecordField f : kFields) {
        auto *label = new QLabel(this);
        auto *edit = new QPlainTextEdit(this);
        edit->setObjectName(QStringLiteral("field%1").arg(int(f)));
        edit->setTabChangesFocus(true);
        // One undo history, the window's: the field keeps none of its own, so an edit
        // is never both in the field's history and on the undo stack.
        edit->setUndoRedoEnabled(false);
        edit->installEventFilter(this);
        const bool small = f == RecordField::Tags || f == RecordField::Note;
        edit->setMaximumHeight(small ? 48 : QWIDGETSIZE_MAX);
        label->setBuddy(edit);
        layout->addWidget(label);
        layout->addWidget(edit, small ? 0 : (f == RecordField::Output ? 3 : 2));
        m_editors.insert(int(f), edit);
        m_labels.insert(int(f), label);
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            if (m_loading)
                return;
            const bool was = m_saveTimer->isActive();
            m_saveTimer->start();
            if (!was)
                Q_EMIT pendingEditChanged();
        });
    }
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

void RecordEditor::setRecord(qint64 id)
{
    if (id == m_id)
        return;
    commitPending();
    m_id = id;
    reload();
}

void RecordEditor::refresh()
{
    commitPending();
    for (RecordField f : kFields)
        if (m_editors.value(int(f))->toPlainText() != m_saved.value(int(f)))
            return;  // not saved (reported already): the typed text stays on screen for the next try
    reload();
}

bool RecordEditor::hasPendingEdit() const
{
    return m_saveTimer->isActive();
}

void RecordEditor::commitPending()
{
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        Q_EMIT pendingEditChanged();
    }
    if (!m_workspace || !m_undo || m_id == 0)
        return;
    for (RecordField f : kFields) {
        const QString text = m_editors.value(int(f))->toPlainText();
        if (text != m_saved.value(int(f))) {
            const QString old = m_saved.value(int(f));
            m_saved.insert(int(f), text);
            const quint64 errors = m_workspace->errorCount();
            m_undo->push(new SetFieldCommand(m_workspace, m_id, f, old, text));
            // Not saved (reported already): keep the text on screen and try again at the next commit.
            if (m_workspace->errorCount() != errors)
                m_saved.insert(int(f), old);
        }
    }
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
    if (r)
        updateStatusLine(*r);
    else {
        m_status->setText(tr("No record selected."));
        m_meta->clear();
    }
    m_loading = false;
}

void RecordEditor::updateStatusLine(const sft::RecordData &r)
{
    QString s = tr("Record %1 · %2").arg(r.id).arg(StatusText::name(r.status));
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
    if (m_id != 0 && ids.contains(m_id)) {
        // An undo, a redo or a status change: show the stored state, but keep a
        // field the user is typing in untouched.
        m_loading = true;
        std::optional<sft::RecordData> r;
        m_workspace->tryOrReport([&] { r = m_workspace->record(m_id); });
        m_loading = false;
        if (!r)
            return;
        if (!m_saveTimer->isActive())
            reload();
        else
            updateStatusLine(*r);
    }
}

bool RecordEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut)
        commitPending();
    if (event->type() == QEvent::ShortcutOverride) {
        // Ctrl+Z / Ctrl+Shift+Z in a field: not the field's (it has no history), so the
        // window's Edit ▸ Undo / Redo shortcut takes it.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->ignore();
            return true;
        }
    }
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
    m_labels.value(int(RecordField::Instruction))->setText(tr("&Instruction"));
    m_labels.value(int(RecordField::Input))->setText(tr("I&nput"));
    m_labels.value(int(RecordField::Output))->setText(tr("&Output"));
    m_labels.value(int(RecordField::Tags))->setText(tr("Ta&gs (comma separated)"));
    m_labels.value(int(RecordField::Note))->setText(tr("Not&e"));
    // What goes where, shown while a field is empty (a record made by hand starts empty).
    m_editors.value(int(RecordField::Instruction))->setPlaceholderText(tr("What the model is asked to do"));
    m_editors.value(int(RecordField::Input))->setPlaceholderText(tr("Optional: the text the instruction is about"));
    m_editors.value(int(RecordField::Output))->setPlaceholderText(tr("The answer the model should learn to give"));
    if (m_workspace && m_id)
        reload();
    else
        m_status->setText(tr("No record selected."));
}
