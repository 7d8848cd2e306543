// The conversation editor driven by QTest (offscreen): a conversation shows as
// chat bubbles (user and assistant apart, readable in a light and a dark
// palette); typing in a message is one undo step per burst; adding, removing,
// moving a message and changing its role are one step each, by button and by
// shortcut, and undo restores the record exactly (a record that became
// single-turn, a single-turn record's input kept apart), each undo and redo
// one write; the system message saved with field edits keeps them;
// "Continue as conversation"; the Turns column and the turns filter; search finds any
// turn; a 50-turn conversation of long messages.

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "curation/conversationview.h"
#include "curation/curationpanel.h"
#include "curation/recordeditor.h"
#include "curation/recordtablemodel.h"
#include "curation/setconversationcommand.h"
#include "curation/turnbubble.h"
#include "data/conversation.h"
#include "widget_test_util.h"
#include "workspace/searchindex.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

ChatMessage user(const std::string &text) { return {"user", text}; }
ChatMessage assistant(const std::string &text) { return {"assistant", text}; }

QList<ChatTurn> chat(std::initializer_list<std::pair<const char *, const char *>> messages)
{
    QList<ChatTurn> out;
    for (const auto &[role, text] : messages)
        out.push_back({QString::fromUtf8(role), QString::fromUtf8(text)});
    return out;
}

// WCAG contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    auto lum = [](const QColor &c) {
        auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestConversationEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QUndoStack *m_undo = nullptr;
    CurationPanel *m_panel = nullptr;
    qint64 m_dataset = 0;
    qint64 m_single = 0;   // single-turn, with an input
    qint64 m_chat = 0;     // 2 turns, with a system message
    qint64 m_long = 0;     // 3 turns, "zebra" in the last
    qint64 m_plain = 0;    // single-turn, no input
    QList<ChatTurn> m_chatTurns;

    RecordEditor *editor() const { return m_panel->editor(); }
    ConversationView *view() const { return m_panel->editor()->conversationView(); }
    QPlainTextEdit *turnText(int i) const { return view()->bubble(i)->editor(); }
    void select(qint64 id)
    {
        const int row = m_panel->model()->rowOf(id);
        QVERIFY(row >= 0);
        m_panel->selectRow(row);
        QCOMPARE(editor()->recordId(), id);
    }
    QList<ChatTurn> storedTurns(qint64 id) { return m_ws->record(id)->turns; }

private Q_SLOTS:
    void init()
    {
        const QString path = m_dir.filePath(QStringLiteral("c%1.sftws").arg(QDateTime::currentMSecsSinceEpoch()));
        m_ws = Workspace::open(path);
        m_dataset = m_ws->createDataset(QStringLiteral("chats"));
        Record single;
        single.instruction = "Translate to French.";
        single.input = "Good morning";
        single.output = "Bonjour";
        Record conv;
        conv.system = "You are terse.";
        setTurns(conv, {user("Hi"), assistant("Hello."), user("What is 2+2?"), assistant("4.")});
        Record three;
        setTurns(three, {user("a"), assistant("b"), user("c"), assistant("d"), user("a zebra?"), assistant("f")});
        Record plain;
        plain.instruction = "Name a colour.";
        plain.output = "Blue.";
        const QList<qint64> ids = m_ws->addRecords(m_dataset, {single, conv, three, plain});
        m_single = ids[0];
        m_chat = ids[1];
        m_long = ids[2];
        m_plain = ids[3];
        m_chatTurns = chat({{"user", "Hi"}, {"assistant", "Hello."}, {"user", "What is 2+2?"}, {"assistant", "4."}});
        QCOMPARE(m_ws->record(m_chat)->turns, m_chatTurns);

        m_undo = new QUndoStack;
        m_panel = new CurationPanel;
        m_panel->resize(1300, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel));
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel));
        m_panel->setContext(m_ws.get(), m_undo);
        QTRY_COMPARE(m_panel->model()->rowCount(), 4);
        QTRY_COMPARE(m_panel->table()->currentIndex().row(), 0);
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
        m_ws.reset();
    }

    // A conversation is always a chat: the system message, then bubbles, user on the right.
    void conversationShownAsChat()
    {
        select(m_chat);
        QVERIFY(editor()->isConversationShown());
        QVERIFY(!editor()->fieldsButton()->isEnabled());
        QCOMPARE(view()->turnCount(), 4);
        QCOMPARE(view()->systemEditor()->toPlainText(), QStringLiteral("You are terse."));
        QCOMPARE(view()->turns(), m_chatTurns);
        QCOMPARE(view()->bubble(0)->role(), QStringLiteral("user"));
        QVERIFY(view()->bubble(0)->roleLabel()->text().contains(QStringLiteral("User")));
        QVERIFY(view()->bubble(1)->roleLabel()->text().contains(QStringLiteral("Assistant")));
        // User messages stand in from the left, assistant messages from the right.
        const auto left = [this](int i) { return turnText(i)->mapTo(view(), QPoint(0, 0)).x(); };
        const auto right = [this](int i) { return turnText(i)->mapTo(view(), QPoint(turnText(i)->width(), 0)).x(); };
        QVERIFY(left(0) > left(1) + 20);
        QVERIFY(right(1) < right(0) - 20);
        QVERIFY(turnText(0)->palette().color(QPalette::Base) != turnText(1)->palette().color(QPalette::Base));
        // Two user messages: either may go.
        QVERIFY(view()->bubble(0)->removeButton()->isEnabled());
        QVERIFY(!view()->bubble(0)->upButton()->isEnabled());
        QVERIFY(!view()->bubble(3)->downButton()->isEnabled());
        QVERIFY(view()->hintLabel()->isHidden());  // takes turns, ends with the assistant
        // A single-turn record shows its fields by default.
        select(m_single);
        QVERIFY(!editor()->isConversationShown());
        QVERIFY(editor()->fieldsButton()->isEnabled());
        QCOMPARE(editor()->editor(RecordField::Input)->toPlainText(), QStringLiteral("Good morning"));
    }

    void typingInAMessageIsOneStep()
    {
        select(m_chat);
        QPlainTextEdit *text = turnText(3);
        text->setFocus();
        text->moveCursor(QTextCursor::End);
        QTest::keyClicks(text, QStringLiteral(" Four"));
        QVERIFY(editor()->hasPendingEdit());
        editor()->commitPending();
        QTest::keyClicks(text, QStringLiteral("!"));
        editor()->commitPending();
        QCOMPARE(storedTurns(m_chat)[3].content, QStringLiteral("4. Four!"));
        QCOMPARE(m_undo->count(), 1);  // one burst, one step
        QVERIFY2(m_undo->undoText().contains(QStringLiteral("message 4")), qPrintable(m_undo->undoText()));
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QCOMPARE(turnText(3)->toPlainText(), QStringLiteral("4."));  // the view follows
        m_undo->redo();
        QCOMPARE(storedTurns(m_chat)[3].content, QStringLiteral("4. Four!"));
        // Another message is another step; typing back to where it began leaves none.
        QPlainTextEdit *first = turnText(0);
        first->setFocus();
        first->moveCursor(QTextCursor::End);
        QTest::keyClicks(first, QStringLiteral("x"));
        editor()->commitPending();
        QCOMPARE(m_undo->count(), 2);
        QTest::keyClick(first, Qt::Key_Backspace);
        editor()->commitPending();
        QCOMPARE(m_undo->count(), 1);
        QCOMPARE(storedTurns(m_chat)[0].content, QStringLiteral("Hi"));
        // The system message, too.
        view()->systemEditor()->setFocus();
        view()->systemEditor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(view()->systemEditor(), QStringLiteral(" Very."));
        editor()->commitPending();
        QCOMPARE(m_ws->record(m_chat)->system, QStringLiteral("You are terse. Very."));
        m_undo->undo();
        QCOMPARE(m_ws->record(m_chat)->system, QStringLiteral("You are terse."));
        QCOMPARE(view()->systemEditor()->toPlainText(), QStringLiteral("You are terse."));
    }

    void addRemoveMoveAndChangeRoleWithUndo()
    {
        select(m_chat);
        // Add a user message: the new bubble has the focus; what is typed goes into it.
        view()->addUserButton()->click();
        QCOMPARE(view()->turnCount(), 5);
        QCOMPARE(storedTurns(m_chat).size(), 5);
        QCOMPARE(storedTurns(m_chat)[4], (ChatTurn{QStringLiteral("user"), QString()}));
        QCOMPARE(QApplication::focusWidget(), turnText(4));
        QVERIFY(view()->hintLabel()->isVisible());  // ends with the user
        QTest::keyClicks(turnText(4), QStringLiteral("Thanks"));
        editor()->commitPending();
        QCOMPARE(storedTurns(m_chat)[4].content, QStringLiteral("Thanks"));
        QCOMPARE(m_ws->record(m_chat)->turnCount, 3);
        m_undo->undo();  // the typing
        QCOMPARE(storedTurns(m_chat)[4].content, QString());
        m_undo->undo();  // the new message
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QCOMPARE(view()->turnCount(), 4);
        m_undo->redo();
        m_undo->redo();
        QCOMPARE(storedTurns(m_chat)[4].content, QStringLiteral("Thanks"));
        view()->addAssistantButton()->click();
        QCOMPARE(storedTurns(m_chat)[5].role, QStringLiteral("assistant"));
        m_undo->undo();
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);

        // Move message 4 up: one step.
        const int steps = m_undo->index();
        view()->bubble(3)->upButton()->click();
        QCOMPARE(storedTurns(m_chat), chat({{"user", "Hi"}, {"assistant", "Hello."}, {"assistant", "4."}, {"user", "What is 2+2?"}}));
        QCOMPARE(view()->turns(), storedTurns(m_chat));
        QCOMPARE(m_undo->index(), steps + 1);
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        view()->bubble(0)->downButton()->click();
        QCOMPARE(storedTurns(m_chat)[1].content, QStringLiteral("Hi"));
        m_undo->undo();

        // Change the role of message 3.
        view()->bubble(2)->roleButton()->click();
        QCOMPARE(storedTurns(m_chat)[2].role, QStringLiteral("assistant"));
        QCOMPARE(view()->bubble(2)->role(), QStringLiteral("assistant"));
        QCOMPARE(m_ws->record(m_chat)->turnCount, 1);
        QVERIFY(view()->hintLabel()->isVisible());  // three assistant messages in a row
        // Message 1 is now the only user message: it can be neither removed nor the assistant's.
        QVERIFY(!view()->bubble(0)->removeButton()->isEnabled());
        QVERIFY(!view()->bubble(0)->roleButton()->isEnabled());
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QVERIFY(view()->bubble(0)->removeButton()->isEnabled());

        // Remove message 2.
        view()->bubble(1)->removeButton()->click();
        QCOMPARE(storedTurns(m_chat), chat({{"user", "Hi"}, {"user", "What is 2+2?"}, {"assistant", "4."}}));
        QCOMPARE(view()->turnCount(), 3);
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QCOMPARE(view()->turnCount(), 4);
        m_undo->redo();
        QCOMPARE(view()->turnCount(), 3);
    }

    void shortcutsPerMessage()
    {
        select(m_chat);
        turnText(3)->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), turnText(3));
        QTest::keyClick(turnText(3), Qt::Key_Up, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(storedTurns(m_chat)[2].content, QStringLiteral("4."));
        QCOMPARE(QApplication::focusWidget(), turnText(2));  // the focus moves with the message
        QTest::keyClick(turnText(2), Qt::Key_Down, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QTest::keyClick(turnText(3), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(storedTurns(m_chat)[3].role, QStringLiteral("user"));
        QTest::keyClick(turnText(3), Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(storedTurns(m_chat).size(), 3);
        QCOMPARE(m_undo->count(), 4);
        while (m_undo->canUndo())
            m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
    }

    // A conversation cut back to [user, assistant] is stored single-turn; undo brings every message back.
    void becomingSingleTurnAndBack()
    {
        select(m_chat);
        view()->bubble(3)->removeButton()->click();
        view()->bubble(2)->removeButton()->click();
        auto r = m_ws->record(m_chat);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->instruction, QStringLiteral("Hi"));
        QCOMPARE(r->output, QStringLiteral("Hello."));
        QCOMPARE(r->system, QStringLiteral("You are terse."));
        QCOMPARE(r->turnCount, 1);
        QVERIFY(editor()->isConversationShown());  // still the chat the user works in
        QCOMPARE(view()->turnCount(), 2);
        QVERIFY(editor()->fieldsButton()->isEnabled());
        m_undo->undo();
        m_undo->undo();
        QCOMPARE(storedTurns(m_chat), m_chatTurns);
        QCOMPARE(m_ws->record(m_chat)->system, QStringLiteral("You are terse."));
        QVERIFY(!editor()->fieldsButton()->isEnabled());
    }

    // A single-turn record with an input becomes a conversation; undo gives back instruction and input apart.
    void continueAsConversation()
    {
        select(m_single);
        QVERIFY(editor()->continueButton()->isVisible());
        editor()->continueButton()->click();
        QVERIFY(editor()->isConversationShown());
        QCOMPARE(storedTurns(m_single),
                 chat({{"user", "Translate to French.\n\nGood morning"}, {"assistant", "Bonjour"}, {"user", ""}}));
        QCOMPARE(QApplication::focusWidget(), turnText(2));
        QTest::keyClicks(turnText(2), QStringLiteral("And good night?"));
        editor()->commitPending();
        QCOMPARE(m_ws->record(m_single)->turnCount, 2);
        m_undo->undo();
        m_undo->undo();
        const auto r = m_ws->record(m_single);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->instruction, QStringLiteral("Translate to French."));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        QCOMPARE(r->output, QStringLiteral("Bonjour"));
        m_undo->redo();
        m_undo->redo();
        QCOMPARE(storedTurns(m_single)[2].content, QStringLiteral("And good night?"));
    }

    // Edits of a single-turn record as a chat (or of its system message) keep its input apart.
    void singleTurnAsChatKeepsItsFields()
    {
        select(m_single);
        QPlainTextEdit *system = editor()->systemEditor();
        system->setFocus();
        QTest::keyClicks(system, QStringLiteral("Be polite."));
        editor()->commitPending();
        auto r = m_ws->record(m_single);
        QCOMPARE(r->system, QStringLiteral("Be polite."));
        QCOMPARE(r->instruction, QStringLiteral("Translate to French."));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        m_undo->undo();
        QCOMPARE(m_ws->record(m_single)->system, QString());
        QCOMPARE(m_ws->record(m_single)->input, QStringLiteral("Good morning"));

        editor()->conversationButton()->click();
        QVERIFY(editor()->isConversationShown());
        QCOMPARE(view()->turnCount(), 2);
        QCOMPARE(turnText(0)->toPlainText(), QStringLiteral("Translate to French.\n\nGood morning"));
        // The only user message stays.
        QVERIFY(!view()->bubble(0)->removeButton()->isEnabled());
        turnText(1)->setFocus();
        turnText(1)->moveCursor(QTextCursor::End);
        QTest::keyClicks(turnText(1), QStringLiteral(" !"));
        editor()->commitPending();
        r = m_ws->record(m_single);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->output, QStringLiteral("Bonjour !"));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        // Editing the user message joins instruction and input (a chat has one user message); undo splits them again.
        turnText(0)->setFocus();
        turnText(0)->moveCursor(QTextCursor::End);
        QTest::keyClicks(turnText(0), QStringLiteral("!"));
        editor()->commitPending();
        QCOMPARE(m_ws->record(m_single)->instruction, QStringLiteral("Translate to French.\n\nGood morning!"));
        QCOMPARE(m_ws->record(m_single)->input, QString());
        m_undo->undo();
        QCOMPARE(m_ws->record(m_single)->instruction, QStringLiteral("Translate to French."));
        QCOMPARE(m_ws->record(m_single)->input, QStringLiteral("Good morning"));
        // The choice of view stays for the next single-turn record, and Fields goes back.
        select(m_plain);
        QVERIFY(editor()->isConversationShown());
        editor()->fieldsButton()->click();
        QVERIFY(!editor()->isConversationShown());
        QCOMPARE(editor()->editor(RecordField::Instruction)->toPlainText(), QStringLiteral("Name a colour."));
    }

    void turnsColumnSortAndFilter()
    {
        RecordTableModel *model = m_panel->model();
        auto turnsOf = [model](qint64 id) {
            return model->data(model->index(model->rowOf(id), RecordTableModel::TurnsColumn)).toInt();
        };
        QCOMPARE(turnsOf(m_single), 1);
        QCOMPARE(turnsOf(m_chat), 2);
        QCOMPARE(turnsOf(m_long), 3);
        QCOMPARE(model->headerData(RecordTableModel::TurnsColumn, Qt::Horizontal).toString(), QStringLiteral("Turns"));
        // A conversation's row shows its first exchange.
        QCOMPARE(model->data(model->index(model->rowOf(m_chat), RecordTableModel::InstructionColumn)).toString(),
                 QStringLiteral("Hi"));
        QCOMPARE(model->data(model->index(model->rowOf(m_chat), RecordTableModel::OutputColumn)).toString(),
                 QStringLiteral("Hello."));
        m_panel->table()->sortByColumn(RecordTableModel::TurnsColumn, Qt::DescendingOrder);
        QTRY_COMPARE(model->idAt(0), m_long);
        QCOMPARE(model->idAt(1), m_chat);
        m_panel->table()->sortByColumn(RecordTableModel::IdColumn, Qt::AscendingOrder);
        QTRY_COMPARE(model->idAt(0), m_single);

        QComboBox *turns = m_panel->turnsFilter();
        QCOMPARE(turns->count(), 4);
        turns->setCurrentIndex(2);  // multi-turn
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(QSet<qint64>({model->idAt(0), model->idAt(1)}), QSet<qint64>({m_chat, m_long}));
        turns->setCurrentIndex(3);  // 3+
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->idAt(0), m_long);
        turns->setCurrentIndex(1);  // single-turn
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(QSet<qint64>({model->idAt(0), model->idAt(1)}), QSet<qint64>({m_single, m_plain}));
        // A record that becomes multi-turn leaves the single-turn view at the next load.
        select(m_plain);
        editor()->continueButton()->click();
        QCOMPARE(m_ws->record(m_plain)->turnCount, 2);
        QCOMPARE(model->data(model->index(model->rowOf(m_plain), RecordTableModel::TurnsColumn)).toInt(), 2);
        turns->setCurrentIndex(0);
        QTRY_COMPARE(model->rowCount(), 4);
    }

    // Search looks in every message, indexed or not yet, and in what was typed a moment ago.
    void searchFindsEveryTurn()
    {
        // The rows after the search has run (the field waits for a pause in typing).
        auto search = [this](const QString &text) {
            QSignalSpy loaded(m_panel->model(), &RecordTableModel::loaded);
            m_panel->searchField()->setText(text);
            if (!loaded.wait(10000))
                return QList<qint64>{-1};
            QList<qint64> ids;
            for (int row = 0; row < m_panel->model()->rowCount(); ++row)
                ids << m_panel->model()->idAt(row);
            return ids;
        };
        QCOMPARE(search(QStringLiteral("zebra")), QList<qint64>{m_long});  // not indexed yet: scanned
        QCOMPARE(search(QString()).size(), 4);
        QVERIFY(updateSearchIndex(m_ws->path()) > 0);
        QCOMPARE(search(QStringLiteral("zebra")), QList<qint64>{m_long});  // from the index
        QCOMPARE(search(QStringLiteral("terse")), QList<qint64>{m_chat});  // a system message
        QCOMPARE(search(QStringLiteral("2+2")), QList<qint64>{m_chat});    // a later turn
        // An edited message is found by its new text, and no longer by the old.
        QCOMPARE(search(QString()).size(), 4);
        select(m_chat);
        turnText(3)->setFocus();
        turnText(3)->moveCursor(QTextCursor::End);
        QTest::keyClicks(turnText(3), QStringLiteral(" okapi"));
        editor()->commitPending();
        QCOMPARE(search(QStringLiteral("okapi")), QList<qint64>{m_chat});
        select(m_chat);
        view()->bubble(2)->removeButton()->click();
        QCOMPARE(search(QStringLiteral("2+2")), QList<qint64>{});
    }

    // Fifty turns of long messages: shown, scrolled, edited at the end, and another record shown after.
    void largeConversation()
    {
        Record big;
        const std::string paragraph(600, 'x');
        for (int i = 0; i < 50; ++i) {
            std::string text;
            for (int p = 0; p < 6; ++p)
                text += "Turn " + std::to_string(i) + " paragraph " + std::to_string(p) + ": " + paragraph + "\n";
            big.turns.push_back(user("Question " + std::to_string(i) + "?"));
            big.turns.push_back(assistant(text));
        }
        setTurns(big, big.turns);
        const qint64 id = m_ws->addRecord(m_dataset, big);
        m_panel->reload();
        QTRY_COMPARE(m_panel->model()->rowCount(), 5);
        select(id);
        QCOMPARE(view()->turnCount(), 100);
        QCOMPARE(m_panel->model()->data(m_panel->model()->index(m_panel->model()->rowOf(id), RecordTableModel::TurnsColumn)).toInt(), 50);
        // Every bubble is as tall as its text: no message scrolls on its own.
        QTRY_VERIFY(turnText(99)->height() > turnText(98)->height() * 3);
        // The last message, edited: the page scrolls to it.
        view()->focusTurn(99);
        QTRY_VERIFY(view()->scrollArea()->verticalScrollBar()->value() > 0);
        QTest::keyClicks(turnText(99), QStringLiteral("END"));
        editor()->commitPending();
        QVERIFY(QString::fromStdString(big.turns[99].content + "END") == storedTurns(id)[99].content);
        m_undo->undo();
        QCOMPARE(storedTurns(id)[99].content, QString::fromStdString(big.turns[99].content));
        // A short conversation after it reuses the bubbles; the rest are hidden and emptied.
        select(m_chat);
        QCOMPARE(view()->turnCount(), 4);
        QCOMPARE(view()->turns(), m_chatTurns);
    }

    // Both roles keep the text readable on their bubble, in a light and in a dark palette.
    void readableInLightAndDarkPalettes()
    {
        select(m_chat);
        const QPalette original = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb5));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        for (const QPalette &p : {original, dark}) {
            QApplication::setPalette(p);
            QCoreApplication::processEvents();
            for (int i = 0; i < 2; ++i) {
                const QPalette ep = turnText(i)->palette();
                const double c = contrast(ep.color(QPalette::Base), ep.color(QPalette::Text));
                QVERIFY2(c >= 7.0, qPrintable(QStringLiteral("message %1: contrast %2").arg(i).arg(c)));
            }
            QVERIFY(turnText(0)->palette().color(QPalette::Base) != turnText(1)->palette().color(QPalette::Base));
        }
        // Dark really reached the bubbles.
        QVERIFY(turnText(1)->palette().color(QPalette::Base).lightness() < 80);
        QApplication::setPalette(original);
    }

    // Undo and redo of a content step are one write each (one recordsChanged): a conversation that was a
    // single-turn record with an input gets its instruction and input back in the same write.
    void undoAndRedoAreOneWrite()
    {
        select(m_single);
        editor()->continueButton()->click();
        QCOMPARE(storedTurns(m_single).size(), 3);
        QSignalSpy changed(m_ws.get(), &Workspace::recordsChanged);
        m_undo->undo();
        QCOMPARE(changed.size(), 1);
        auto r = m_ws->record(m_single);
        QVERIFY(r->turns.isEmpty());
        QCOMPARE(r->instruction, QStringLiteral("Translate to French."));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        QCOMPARE(r->output, QStringLiteral("Bonjour"));
        m_undo->redo();
        QCOMPARE(changed.size(), 2);
        QCOMPARE(storedTurns(m_single).size(), 3);
        QVERIFY(m_ws->record(m_single)->input.isEmpty());
        // The command holds the contents as the workspace's rules shaped them.
        const auto *cmd = static_cast<const SetConversationCommand *>(m_undo->command(m_undo->index() - 1));
        QVERIFY(cmd->oldContent().turns.isEmpty());
        QCOMPARE(cmd->oldContent().input, QStringLiteral("Good morning"));
        QCOMPARE(cmd->newContent(), RecordContent::of(*m_ws->record(m_single)));
    }

    // The system message and a field typed in the Fields view before one save: each is its own step, and
    // the system step writes the system message only (not the field's text as it was before).
    void systemStepKeepsFieldEdits()
    {
        select(m_single);
        QVERIFY(!editor()->isConversationShown());
        editor()->editor(RecordField::Instruction)->setPlainText(QStringLiteral("Translate to German."));
        editor()->editor(RecordField::Output)->setPlainText(QStringLiteral("Guten Morgen"));
        editor()->systemEditor()->setPlainText(QStringLiteral("Be polite."));
        QVERIFY(editor()->hasPendingEdit());
        editor()->commitPending();
        auto r = m_ws->record(m_single);
        QCOMPARE(r->instruction, QStringLiteral("Translate to German."));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        QCOMPARE(r->output, QStringLiteral("Guten Morgen"));
        QCOMPARE(r->system, QStringLiteral("Be polite."));
        QCOMPARE(m_undo->count(), 3);
        m_undo->undo();  // the system message only
        r = m_ws->record(m_single);
        QVERIFY(r->system.isEmpty());
        QCOMPARE(r->instruction, QStringLiteral("Translate to German."));
        QCOMPARE(r->output, QStringLiteral("Guten Morgen"));
        m_undo->undo();
        m_undo->undo();
        r = m_ws->record(m_single);
        QCOMPARE(r->instruction, QStringLiteral("Translate to French."));
        QCOMPARE(r->output, QStringLiteral("Bonjour"));
        QCOMPARE(r->input, QStringLiteral("Good morning"));
        while (m_undo->canRedo())
            m_undo->redo();
        r = m_ws->record(m_single);
        QCOMPARE(r->instruction, QStringLiteral("Translate to German."));
        QCOMPARE(r->system, QStringLiteral("Be polite."));
    }

    // A write that fails (the record deleted meanwhile) is reported once and leaves no step.
    void failedWriteIsReported()
    {
        const RecordContent content = RecordContent::of(*m_ws->record(m_plain));
        m_ws->deleteRecords({m_plain});
        QSignalSpy errors(m_ws.get(), &Workspace::errorOccurred);
        const int steps = m_undo->count();
        m_undo->push(new SetConversationCommand(m_ws.get(), m_plain, SetConversationCommand::EditSystem, -1, content,
                                                content.withSystem(QStringLiteral("S"))));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(m_undo->count(), steps);
    }
};

QTEST_MAIN(TestConversationEditor)
#include "test_conversationeditor.moc"
