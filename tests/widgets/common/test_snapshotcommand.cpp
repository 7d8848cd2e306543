// The generic undo command and pushOrApply(): undo/redo apply the old/new
// value through the setter; a run of edits with one merge key is one step
// (and no step when it comes back to the old value); edits with different
// keys or no key stay separate; without a stack the edit is applied at once.

#include <QTest>
#include <QUndoStack>

#include "common/snapshotcommand.h"
#include "common/workspacecommand.h"

class TestSnapshotCommand : public QObject
{
    Q_OBJECT

    QString m_value;
    QString m_language = QStringLiteral("en");

    void edit(QUndoStack *stack, const QString &to, const QString &key = {})
    {
        pushOrApply(stack, new SnapshotCommand<QString>(UndoMergeTemplate, [this](const QString &v) { m_value = v; },
                                                        m_value, to, [this]() -> QString { return m_language + QStringLiteral(" edit"); },
                                                        key));
    }

private Q_SLOTS:
    void init() { m_value = QStringLiteral("a"); }

    void undoRedo()
    {
        QUndoStack stack;
        edit(&stack, QStringLiteral("b"));
        edit(&stack, QStringLiteral("c"));
        QCOMPARE(m_value, QStringLiteral("c"));
        QCOMPARE(stack.count(), 2);  // no key: never merged
        stack.undo();
        QCOMPARE(m_value, QStringLiteral("b"));
        stack.undo();
        QCOMPARE(m_value, QStringLiteral("a"));
        stack.redo();
        stack.redo();
        QCOMPARE(m_value, QStringLiteral("c"));
    }

    void typingBurstMerges()
    {
        QUndoStack stack;
        edit(&stack, QStringLiteral("ab"), QStringLiteral("field 1"));
        edit(&stack, QStringLiteral("abc"), QStringLiteral("field 1"));
        edit(&stack, QStringLiteral("abcd"), QStringLiteral("field 1"));
        QCOMPARE(stack.count(), 1);
        edit(&stack, QStringLiteral("x"), QStringLiteral("field 2"));  // another field: its own step
        QCOMPARE(stack.count(), 2);
        stack.undo();
        QCOMPARE(m_value, QStringLiteral("abcd"));
        stack.undo();
        QCOMPARE(m_value, QStringLiteral("a"));
    }

    void backToTheOldValueLeavesNoStep()
    {
        QUndoStack stack;
        edit(&stack, QStringLiteral("ab"), QStringLiteral("k"));
        edit(&stack, QStringLiteral("a"), QStringLiteral("k"));
        QCOMPARE(m_value, QStringLiteral("a"));
        QCOMPARE(stack.count(), 0);
    }

    void textFollowsTheLanguage()
    {
        // Edit > Undo shows the step in the language of the moment, not the one it was made in.
        QUndoStack stack;
        edit(&stack, QStringLiteral("b"));
        QCOMPARE(stack.text(0), QStringLiteral("en edit"));
        m_language = QStringLiteral("zh_CN");
        retranslateUndoStack(&stack);
        QCOMPARE(stack.text(0), QStringLiteral("zh_CN edit"));
        QCOMPARE(stack.undoText(), QStringLiteral("zh_CN edit"));
    }

    void withoutAStack()
    {
        edit(nullptr, QStringLiteral("z"));
        QCOMPARE(m_value, QStringLiteral("z"));
    }
};

QTEST_MAIN(TestSnapshotCommand)
#include "test_snapshotcommand.moc"
