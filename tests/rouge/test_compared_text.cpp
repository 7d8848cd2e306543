// The compared text of a record (rouge/compared_text.h), which sftbench-cli
// dedup and the workspace's quality check share: every field of a single-turn
// record with and without input and of a conversation (its first turn, or the
// system message and every message), and the field names of the command line.

#include "data/record.h"
#include "rouge/compared_text.h"

#include <QtTest>

using namespace sft;
using sft::rouge::ComparedField;

class TestComparedText : public QObject
{
    Q_OBJECT

private slots:
    void singleTurn()
    {
        Record r;
        r.instruction = "Classify the sentiment.";
        r.input = "The food was cold.";
        r.output = "negative";
        r.system = "Answer in one word.";
        QCOMPARE(rouge::comparedText(r, ComparedField::Instruction), std::string("Classify the sentiment."));
        QCOMPARE(rouge::comparedText(r, ComparedField::Input), std::string("The food was cold."));
        // A newline, not a space: "sentiment." and "The" stay apart even without the full stop.
        QCOMPARE(rouge::comparedText(r, ComparedField::InstructionInput),
                 std::string("Classify the sentiment.\nThe food was cold."));
        QCOMPARE(rouge::comparedText(r, ComparedField::Output), std::string("negative"));
        QCOMPARE(rouge::comparedText(r, ComparedField::Conversation),
                 std::string("Answer in one word.\n\nClassify the sentiment.\n\nThe food was cold.\n\nnegative"));
        r.input.clear();
        QCOMPARE(rouge::comparedText(r, ComparedField::InstructionInput), std::string("Classify the sentiment."));
    }

    void conversation()
    {
        // The summary fields of a conversation hold its first user message and the reply to it.
        Record r;
        r.system = "You are terse.";
        r.turns = {{"user", "Plan a trip to Rome."}, {"assistant", "Day one: the Forum."},
                   {"user", "And day two?"}, {"assistant", "The Vatican."}};
        r.instruction = "Plan a trip to Rome.";
        r.output = "Day one: the Forum.";
        QCOMPARE(rouge::comparedText(r, ComparedField::Instruction), std::string("Plan a trip to Rome."));
        QCOMPARE(rouge::comparedText(r, ComparedField::InstructionInput), std::string("Plan a trip to Rome."));
        QCOMPARE(rouge::comparedText(r, ComparedField::Input), std::string());
        QCOMPARE(rouge::comparedText(r, ComparedField::Output), std::string("Day one: the Forum."));
        QCOMPARE(rouge::comparedText(r, ComparedField::Conversation),
                 std::string("You are terse.\n\nPlan a trip to Rome.\n\nDay one: the Forum.\n\nAnd day two?\n\nThe Vatican."));
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("field");   // -1: not a field
        QTest::newRow("instruction") << "instruction" << int(ComparedField::Instruction);
        QTest::newRow("input") << "input" << int(ComparedField::Input);
        QTest::newRow("output") << "output" << int(ComparedField::Output);
        QTest::newRow("instruction+input") << "instruction+input" << int(ComparedField::InstructionInput);
        QTest::newRow("first-turn") << "first-turn" << int(ComparedField::InstructionInput);
        QTest::newRow("conversation") << "conversation" << int(ComparedField::Conversation);
        QTest::newRow("title") << "title" << -1;
        QTest::newRow("case") << "Instruction" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(int, field);
        ComparedField f = ComparedField::Output;
        QCOMPARE(rouge::comparedFieldFromName(name.toStdString(), f), field >= 0);
        QCOMPARE(int(f), field >= 0 ? field : int(ComparedField::Output));   // untouched when unknown
    }
};

QTEST_GUILESS_MAIN(TestComparedText)
#include "test_compared_text.moc"
