// Parsers of model output: tables of {continuation, expected} for numbered
// instruction lists (numbering variants, full-width digits, Chinese labels,
// cut-off lists, renumbering, trailing junk), yes/no answers, input-first and
// output-first instances and Alpaca-style batches; plus random bytes through
// every parser (no crash, valid UTF-8 out, nothing read past the text).

#include "selfinstruct/parse.h"
#include "core/utf8.h"

#include <QtTest>

#include <random>
#include <string>

using namespace sft::selfinstruct;

namespace {

QStringList toList(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &s : items)
        out << QString::fromStdString(s);
    return out;
}

/** Instances as "input => output". */
QStringList toList(const std::vector<Instance> &instances)
{
    QStringList out;
    for (const Instance &i : instances)
        out << QString::fromStdString(i.input + " => " + i.output);
    return out;
}

/** Tasks as "instruction | input => output". */
QStringList toList(const std::vector<BatchTask> &tasks)
{
    QStringList out;
    for (const BatchTask &t : tasks)
        out << QString::fromStdString(t.instruction + " | " + t.instance.input + " => " + t.instance.output);
    return out;
}

QString u(const char *utf8) { return QString::fromUtf8(utf8); }

} // namespace

class TestParse : public QObject
{
    Q_OBJECT

private slots:
    void numberedInstructions_data();
    void numberedInstructions();
    void chatInstructions_data();
    void chatInstructions();
    void isClassification_data();
    void isClassification();
    void inputFirst_data();
    void inputFirst();
    void outputFirst_data();
    void outputFirst();
    void batchTasks_data();
    void batchTasks();
    void neverReadsPastTheText();
    void randomBytes();
};

void TestParse::numberedInstructions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("first");
    QTest::addColumn<bool>("cutOff");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<int>("droppedCutOff");
    QTest::addColumn<int>("droppedMalformed");
    const QStringList abc{u("Write a poem."), u("Summarize the text."), u("Translate it to French.")};
    QTest::newRow("canonical") << u(" Write a poem.\n10. Summarize the text.\n11. Translate it to French.") << 9
                               << false << abc << 0 << 0;
    QTest::newRow("canonical stop newline") << u(" Write a poem.\n10. Summarize the text.\n11. Translate it to French.\n")
                                            << 9 << false << abc << 0 << 0;
    QTest::newRow("cut off") << u(" Write a poem.\n10. Summarize the text.\n11. Translate it to Fr") << 9 << true
                             << abc.mid(0, 2) << 1 << 0;
    QTest::newRow("cut off empty last") << u(" Write a poem.\n10. Summarize the text.\n11.") << 9 << true
                                        << abc.mid(0, 2) << 0 << 0;
    QTest::newRow("close paren") << u(" Write a poem.\n10) Summarize the text.\n11) Translate it to French.") << 9
                                 << false << abc << 0 << 0;
    QTest::newRow("parentheses") << u(" Write a poem.\n(10) Summarize the text.\n(11) Translate it to French.") << 9
                                 << false << abc << 0 << 0;
    QTest::newRow("colon") << u(" Write a poem.\n10: Summarize the text.\n11 : Translate it to French.") << 9 << false
                           << abc << 0 << 0;
    QTest::newRow("ideographic comma") << u(" Write a poem.\n10、Summarize the text.\n11、Translate it to French.")
                                       << 9 << false << abc << 0 << 0;
    QTest::newRow("full-width digits") << u(" Write a poem.\n１０．Summarize the text.\n１１） Translate it to French.")
                                       << 9 << false << abc << 0 << 0;
    QTest::newRow("full-width parentheses") << u(" Write a poem.\n（10）Summarize the text.\n（１１）Translate it to French.")
                                            << 9 << false << abc << 0 << 0;
    QTest::newRow("task labels") << u(" Write a poem.\nTask 10: Summarize the text.\ntask 11. Translate it to French.")
                                 << 9 << false << abc << 0 << 0;
    QTest::newRow("instruction labels") << u(" Instruction: Write a poem.\n10. Instruction: Summarize the text.\n"
                                             "11. Instruction: Translate it to French.")
                                        << 9 << false << abc << 0 << 0;
    QTest::newRow("markdown") << u(" Write a poem.\n**10.** Summarize the text.\n**11. Translate it to French.**") << 9
                              << false << abc << 0 << 0;
    QTest::newRow("blank lines") << u(" Write a poem.\n\n10. Summarize the text.\n\n\n11. Translate it to French.\n\n")
                                 << 9 << false << abc << 0 << 0;
    QTest::newRow("crlf") << u(" Write a poem.\r\n10. Summarize the text.\r\n11. Translate it to French.\r\n") << 9
                          << false << abc << 0 << 0;
    QTest::newRow("repeats the prompt's number") << u("9. Write a poem.\n10. Summarize the text.\n11. Translate it to French.")
                                                 << 9 << false << abc << 0 << 0;
    QTest::newRow("empty first item") << u("\n10. Summarize the text.\n11. Translate it to French.") << 9 << false
                                      << abc.mid(1) << 0 << 0;
    QTest::newRow("first number elsewhere") << u(" Write a poem.\n2. Summarize the text.\n3. Translate it to French.")
                                            << 1 << false << abc << 0 << 0;
    QTest::newRow("renumbered list stops") << u(" Write a poem.\n10. Summarize the text.\n1. Translate it to French.\n2. More.")
                                           << 9 << false << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("renumbered, cut off") << u(" Write a poem.\n10. Summarize the text.\n1. Translate it to Fr") << 9
                                         << true << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("skipped number stops") << u(" Write a poem.\n10. Summarize the text.\n12. Translate it to French.")
                                          << 9 << false << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("trailing junk") << u(" Write a poem.\n10. Summarize the text.\n\nI hope these tasks help!") << 9
                                   << false << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("trailing junk, cut off") << u(" Write a poem.\n10. Summarize the text.\n\nI hope these tasks he")
                                            << 9 << true << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("separator then junk") << u(" Write a poem.\n10. Summarize the text.\n###\nOutput: something") << 9
                                         << false << abc.mid(0, 2) << 0 << 1;
    QTest::newRow("multi-line item") << u(" Translate the sentence:\nI like tea.\n10. Summarize the text.") << 9 << false
                                     << QStringList{u("Translate the sentence: I like tea."), u("Summarize the text.")}
                                     << 0 << 0;
    QTest::newRow("decimals are not numbers") << u(" Convert 1.5 litres\n2.5 more litres\n10. Next.") << 9 << false
                                              << QStringList{u("Convert 1.5 litres 2.5 more litres"), u("Next.")} << 0
                                              << 0;
    QTest::newRow("cjk") << u("写一首关于夏天的诗。\n10. 总结下面的文章。\n11、把句子翻译成英文。") << 9 << false
                         << QStringList{u("写一首关于夏天的诗。"), u("总结下面的文章。"), u("把句子翻译成英文。")} << 0 << 0;
    QTest::newRow("cjk task labels") << u("写一首诗。\n任务10：总结文章。\n任务 11: 翻译句子。\n指令12：给出同义词。") << 9
                                     << false
                                     << QStringList{u("写一首诗。"), u("总结文章。"), u("翻译句子。"), u("给出同义词。")}
                                     << 0 << 0;
    QTest::newRow("cjk full-width, cut off") << u("写一首诗。\n１０．总结文章。\n１１．翻译") << 9 << true
                                             << QStringList{u("写一首诗。"), u("总结文章。")} << 1 << 0;
    QTest::newRow("full-width spaces") << u("\u3000写一首诗。\u3000\n\u300010. 总结文章。") << 9 << false
                                       << QStringList{u("写一首诗。"), u("总结文章。")} << 0 << 0;
    QTest::newRow("garbage") << u("\n\nlorem ipsum\n\n$$$ %%%") << 9 << false << QStringList{} << 0 << 2;
    QTest::newRow("empty") << QString() << 9 << false << QStringList{} << 0 << 0;
    QTest::newRow("empty, cut off") << QString() << 9 << true << QStringList{} << 0 << 0;
    QTest::newRow("only cut-off item") << u(" Write a po") << 9 << true << QStringList{} << 1 << 0;
}

void TestParse::numberedInstructions()
{
    QFETCH(QString, text);
    QFETCH(int, first);
    QFETCH(bool, cutOff);
    QFETCH(QStringList, items);
    QFETCH(int, droppedCutOff);
    QFETCH(int, droppedMalformed);
    const std::string bytes = text.toStdString();
    const ParsedList list = parseNumberedInstructions(bytes, first, cutOff);
    QCOMPARE(toList(list.items), items);
    QCOMPARE(list.droppedCutOff, droppedCutOff);
    QCOMPARE(list.droppedMalformed, droppedMalformed);
}

void TestParse::chatInstructions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("first");
    QTest::addColumn<bool>("cutOff");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<int>("droppedCutOff");
    const QStringList abc{u("Write a poem."), u("Summarize the text."), u("Translate it to French.")};
    QTest::newRow("preamble, list at next") << u("Here are some new tasks:\n9. Write a poem.\n10. Summarize the text.\n"
                                                 "11. Translate it to French.")
                                            << 9 << false << abc << 0;
    QTest::newRow("preamble and blank line") << u("Sure! Here are 3 new tasks:\n\n9. Write a poem.\n10. Summarize the "
                                                  "text.\n11. Translate it to French.\n")
                                             << 9 << false << abc << 0;
    QTest::newRow("restart at 1") << u("Here are some new tasks:\n1. Write a poem.\n2. Summarize the text.\n3. Translate "
                                       "it to French.")
                                  << 9 << false << abc << 0;
    QTest::newRow("no preamble, restart at 1") << u("1. Write a poem.\n2. Summarize the text.\n3. Translate it to French.")
                                               << 9 << false << abc << 0;
    QTest::newRow("markdown bold") << u("**New tasks**\n\n**9.** Write a poem.\n**10. Summarize the text.**\n"
                                        "11. **Translate it to French.**")
                                   << 9 << false << abc << 0;
    QTest::newRow("heading preamble") << u("### New tasks\n1. Write a poem.\n2. Summarize the text.\n3. Translate it to "
                                           "French.")
                                      << 9 << false << abc << 0;
    QTest::newRow("trailing chatter") << u("Here you go:\n9. Write a poem.\n10. Summarize the text.\n11. Translate it "
                                           "to French.\n\nThese tasks cover writing, summarizing and translation. Let "
                                           "me know if you need more!")
                                      << 9 << false << abc << 0;
    QTest::newRow("cut off after preamble") << u("Here are some new tasks:\n1. Write a poem.\n2. Summarize the text.\n"
                                                 "3. Translate it to French.\n4. Describe the hist")
                                            << 9 << true << abc << 1;
    QTest::newRow("numbers in the preamble are not a list") << u("I wrote 8 tasks, 2 of them short:\n9. Write a poem.\n"
                                                                 "10. Summarize the text.\n11. Translate it to French.")
                                                            << 9 << false << abc << 0;
    QTest::newRow("cjk") << u("以下是新的任务：\n1. 写一首诗。\n2. 总结这段文字。") << 9 << false
                         << QStringList{u("写一首诗。"), u("总结这段文字。")} << 0;
    QTest::newRow("no list") << u("I'm sorry, I can't help with that.") << 9 << false << QStringList{} << 0;
    QTest::newRow("empty") << QString() << 9 << false << QStringList{} << 0;
}

void TestParse::chatInstructions()
{
    QFETCH(QString, text);
    QFETCH(int, first);
    QFETCH(bool, cutOff);
    QFETCH(QStringList, items);
    QFETCH(int, droppedCutOff);
    const std::string t = text.toStdString();
    const ParsedList r = parseChatInstructions(t, first, cutOff);
    QCOMPARE(toList(r.items), items);
    QCOMPARE(r.droppedCutOff, droppedCutOff);
}

void TestParse::isClassification_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("yes");
    QTest::newRow("Yes") << u("Yes") << true;
    QTest::newRow("space yes dot") << u(" yes.") << true;
    QTest::newRow("YES") << u("YES\n") << true;
    QTest::newRow("yes comma") << u("Yes, it is a classification task.") << true;
    QTest::newRow("answer label") << u("Answer: Yes") << true;
    QTest::newRow("bold") << u("**Yes**") << true;
    QTest::newRow("quoted") << u("\"yes\"") << true;
    QTest::newRow("No") << u("No") << false;
    QTest::newRow("no dot") << u(" no.") << false;
    QTest::newRow("yesterday") << u("Yesterday") << false;
    QTest::newRow("shi") << u("是") << true;
    QTest::newRow("shi de") << u("是的。") << true;
    QTest::newRow("answer zh") << u("答：是") << true;
    QTest::newRow("fou") << u("否") << false;
    QTest::newRow("bu shi") << u("不是") << false;
    QTest::newRow("shi fou") << u("是否") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("garbage") << u("\x01\x02 ??") << false;
}

void TestParse::isClassification()
{
    QFETCH(QString, answer);
    QFETCH(bool, yes);
    QCOMPARE(parseIsClassification(answer.toStdString()), yes);
}

void TestParse::inputFirst_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("cutOff");
    QTest::addColumn<QStringList>("instances");
    const QString canonical = u("Example 1\nInput: I love it.\nOutput: positive\n\nExample 2\nInput: <noinput>\n"
                                "Output: A sunny day.");
    QTest::newRow("canonical") << canonical << false
                               << QStringList{u("I love it. => positive"), u(" => A sunny day.")};
    QTest::newRow("canonical, cut off") << canonical << true << QStringList{u("I love it. => positive")};
    QTest::newRow("no headers") << u("Input: a\nOutput: b\nInput: c\nOutput: d") << false
                                << QStringList{u("a => b"), u("c => d")};
    QTest::newRow("none inputs") << u("Input: None\nOutput: b\n\nInput: N/A\nOutput: d\nInput: no input\nOutput: e")
                                 << false << QStringList{u(" => b"), u(" => d"), u(" => e")};
    QTest::newRow("output only") << u("Example 1\nOutput: Just text.") << false << QStringList{u(" => Just text.")};
    QTest::newRow("multi-line values") << u("Input:\nline one\nline two\nOutput: first\n\nsecond paragraph\n") << false
                                       << QStringList{u("line one\nline two => first\n\nsecond paragraph")};
    QTest::newRow("input without output dropped") << u("Input: a\nExample 2\nInput: c\nOutput: d") << false
                                                  << QStringList{u("c => d")};
    QTest::newRow("incomplete last, cut off") << u("Input: a\nOutput: b\n\nExample 2\nInput: c") << true
                                              << QStringList{u("a => b")};
    QTest::newRow("prompt ended at Input") << u(" a\nOutput: b\n\nExample 2\nInput: c\nOutput: d") << false
                                           << QStringList{u("a => b"), u("c => d")};
    QTest::newRow("new task stops") << u("Input: a\nOutput: b\n\nTask: Write a poem.\nInput: c\nOutput: d") << false
                                    << QStringList{u("a => b")};
    QTest::newRow("markdown") << u("**Example 1**\n**Input:** a\n**Output:** b") << false << QStringList{u("a => b")};
    QTest::newRow("empty output dropped") << u("Input: a\nOutput:\n\nInput: c\nOutput: d") << false
                                          << QStringList{u("c => d")};
    QTest::newRow("cjk") << u("示例 1\n输入：你好\n输出：hello\n\n示例 2\n输入：<无输入>\n输出：世界") << false
                         << QStringList{u("你好 => hello"), u(" => 世界")};
    QTest::newRow("cjk ascii colon") << u("例子1\n输入: 无\n输出: 好的\n示例２\n输入:（无）\n输出:是") << false
                                     << QStringList{u(" => 好的"), u(" => 是")};
    QTest::newRow("cjk cut off") << u("输入：你好\n输出：hello\n\n输入：再见\n输出：goo") << true
                                 << QStringList{u("你好 => hello")};
    QTest::newRow("garbage") << u("%%%\x01 lorem") << false << QStringList{};
    QTest::newRow("empty") << QString() << true << QStringList{};
}

void TestParse::inputFirst()
{
    QFETCH(QString, text);
    QFETCH(bool, cutOff);
    QFETCH(QStringList, instances);
    QCOMPARE(toList(parseInputFirstInstances(text.toStdString(), cutOff)), instances);
}

void TestParse::outputFirst_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("cutOff");
    QTest::addColumn<QStringList>("instances");
    const QString canonical = u("Class label: Positive\nInput: I love it.\n\nClass label: Negative\nInput: I hate it.");
    QTest::newRow("canonical") << canonical << false
                               << QStringList{u("I love it. => Positive"), u("I hate it. => Negative")};
    QTest::newRow("canonical, cut off") << canonical << true << QStringList{u("I love it. => Positive")};
    QTest::newRow("several inputs per label") << u("Class label: Yes\nInput: a\nInput: b\nClass label: No\nInput: c")
                                              << false << QStringList{u("a => Yes"), u("b => Yes"), u("c => No")};
    QTest::newRow("unlabelled inputs") << u("Class label: Yes\nThe sky is blue.\n\nClass label: No\nGrass is red.\n")
                                       << false << QStringList{u("The sky is blue. => Yes"), u("Grass is red. => No")};
    QTest::newRow("unlabelled, cut off") << u("Class label: Yes\nThe sky is blue.\n\nClass label: No\nGrass is r")
                                         << true << QStringList{u("The sky is blue. => Yes")};
    // A label with no input is a label-only instance, as in the paper.
    QTest::newRow("label without input kept") << u("Class label: A\n\nClass label: B\nInput: x") << false
                                              << QStringList{u(" => A"), u("x => B")};
    QTest::newRow("no-input marker kept label-only") << u("Class label: A\n<noinput>\nClass label: B\nInput: None\n"
                                                          "Class label: C\nInput: y")
                                                     << false << QStringList{u(" => A"), u(" => B"), u("y => C")};
    QTest::newRow("label-only last, cut off") << u("Class label: A\nInput: x\nClass label: Neg") << true
                                              << QStringList{u("x => A")};
    QTest::newRow("label-only last, complete") << u("Class label: A\nInput: x\nClass label: Negative\n") << false
                                               << QStringList{u("x => A"), u(" => Negative")};
    QTest::newRow("label with inputs is not label-only") << u("Class label: A\nInput: x\nInput: <noinput>") << false
                                                         << QStringList{u("x => A")};
    QTest::newRow("cjk label-only") << u("类别：正面\n类别：负面\n输入：太差了。") << false
                                    << QStringList{u(" => 正面"), u("太差了。 => 负面")};
    QTest::newRow("prompt ended at Class label") << u(" Positive\nInput: good\n\nClass label: Negative\nInput: bad")
                                                 << false << QStringList{u("good => Positive"), u("bad => Negative")};
    QTest::newRow("example headers") << u("Example 1\nClass label: A\nInput: x\nExample 2\nClass label: B\nInput: y")
                                     << false << QStringList{u("x => A"), u("y => B")};
    QTest::newRow("new task stops") << u("Class label: A\nInput: x\n\nInstruction: Another task\nClass label: B\nInput: y")
                                    << true << QStringList{u("x => A")};
    QTest::newRow("cjk") << u("类别：正面\n输入：我很喜欢。\n\n类别:负面\n输入:太差了。") << false
                         << QStringList{u("我很喜欢。 => 正面"), u("太差了。 => 负面")};
    QTest::newRow("cjk label word") << u("类别标签：是\n输入：天是蓝的。") << false << QStringList{u("天是蓝的。 => 是")};
    QTest::newRow("garbage") << u("\x01\x02\x03") << false << QStringList{};
    QTest::newRow("empty") << QString() << false << QStringList{};
}

void TestParse::outputFirst()
{
    QFETCH(QString, text);
    QFETCH(bool, cutOff);
    QFETCH(QStringList, instances);
    QCOMPARE(toList(parseOutputFirstInstances(text.toStdString(), cutOff)), instances);
}

void TestParse::batchTasks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("first");
    QTest::addColumn<bool>("cutOff");
    QTest::addColumn<QStringList>("tasks");
    const QString canonical = u("Task 1\nInstruction: Write a poem.\nInput: <noinput>\nOutput: Roses are red.\n\n"
                                "Task 2\nInstruction: Translate to French.\nInput: Hello\nOutput: Bonjour");
    const QStringList both{u("Write a poem. |  => Roses are red."), u("Translate to French. | Hello => Bonjour")};
    QTest::newRow("canonical") << canonical << 1 << false << both;
    QTest::newRow("canonical, cut off") << canonical << 1 << true << both.mid(0, 1);
    QTest::newRow("numbered fields") << u("1. Instruction: Write a poem.\n1. Input:\n<noinput>\n1. Output:\nRoses are red.\n"
                                          "###\n2. Instruction: Translate to French.\n2. Input:\nHello\n2. Output:\nBonjour")
                                     << 1 << false << both;
    QTest::newRow("no headers") << u("Instruction: Write a poem.\nOutput: Roses are red.\nInstruction: Translate to "
                                     "French.\nInput: Hello\nOutput: Bonjour")
                                << 1 << false << both;
    QTest::newRow("prompt ended at Instruction")
        << u(" Write a poem.\nInput: <noinput>\nOutput: Roses are red.\n\nTask 4\nInstruction: Translate to French.\n"
             "Input: Hello\nOutput: Bonjour")
        << 3 << false << both;
    QTest::newRow("header with the instruction") << u("Task 5: Write a poem.\nOutput: Roses are red.\n"
                                                      "Task 6: Translate to French.\nInput: Hello\nOutput: Bonjour")
                                                 << 5 << false << both;
    QTest::newRow("renumbered stops") << u("Task 1\nInstruction: Write a poem.\nOutput: Roses are red.\n\nTask 1\n"
                                           "Instruction: Again.\nOutput: x")
                                      << 1 << false << both.mid(0, 1);
    QTest::newRow("wrong first number") << canonical << 7 << false << QStringList{};
    QTest::newRow("missing output dropped") << u("Task 1\nInstruction: Write a poem.\nInput: x\n\nTask 2\n"
                                                 "Instruction: Translate to French.\nInput: Hello\nOutput: Bonjour")
                                            << 1 << false << both.mid(1);
    QTest::newRow("cjk") << u("任务 1\n指令：写一首诗。\n输入：无\n输出：床前明月光。\n\n任务２\n指令:翻译成英文。\n输入:你好\n输出:Hello")
                         << 1 << false
                         << QStringList{u("写一首诗。 |  => 床前明月光。"), u("翻译成英文。 | 你好 => Hello")};
    QTest::newRow("cjk cut off") << u("任务 1\n指令：写一首诗。\n输入：<无输入>\n输出：床前明月光。\n任务 2\n指令：翻译") << 1
                                 << true << QStringList{u("写一首诗。 |  => 床前明月光。")};
    QTest::newRow("garbage") << u("\x01\xe4\xb8 Task") << 1 << false << QStringList{};
    QTest::newRow("empty") << QString() << 1 << true << QStringList{};
}

void TestParse::batchTasks()
{
    QFETCH(QString, text);
    QFETCH(int, first);
    QFETCH(bool, cutOff);
    QFETCH(QStringList, tasks);
    QCOMPARE(toList(parseBatchTasks(text.toStdString(), first, cutOff)), tasks);
}

void TestParse::neverReadsPastTheText()
{
    // The views end inside a larger buffer; nothing after the end may show up.
    const std::string buffer = "Input: a\nOutput: b10. SECRET\nOutput: SECRET";
    const std::string_view text(buffer.data(), buffer.find("10."));
    const auto instances = parseInputFirstInstances(text, false);
    QCOMPARE(toList(instances), QStringList{u("a => b")});
    const std::string list = " one\n10. two\n11. SECRET";
    const ParsedList parsed = parseNumberedInstructions(std::string_view(list.data(), list.find("11.")), 9, false);
    QCOMPARE(toList(parsed.items), (QStringList{u("one"), u("two")}));
    QVERIFY(!parseIsClassification(std::string_view("yesno", 2)));
    QVERIFY(parseIsClassification(std::string_view("yesterday", 3)));
    const std::string batch = "Task 1\nInstruction: x\nOutput: yz";
    QCOMPARE(toList(parseBatchTasks(std::string_view(batch.data(), batch.size() - 1), 1, false)),
             QStringList{u("x |  => y")});
    // Full-width digits and colons cut inside the character.
    const std::string zh = "1\xEF\xBC\x90\xEF\xBC\x9A";
    for (std::size_t n = 0; n <= zh.size(); ++n) {
        const std::string_view v(zh.data(), n);
        parseNumberedInstructions(v, 9, true);
        parseChatInstructions(v, 9, true);
        parseInputFirstInstances(v, true);
        parseOutputFirstInstances(v, false);
        parseBatchTasks(v, 1, false);
    }
}

void TestParse::randomBytes()
{
    // Random bytes, and random mixtures of the pieces the parsers look for.
    static const char *const pieces[] = {"\n", "\n\n", " ", "1.", "10.", "(3)", "Task 2", "Example 1", "Input:",
                                         "Output:", "Class label:", "Instruction:", "<noinput>", "###", "**",
                                         "\xEF\xBC\x91\xEF\xBC\x90", "\xEF\xBC\x9A", "\xE3\x80\x81", "\xE8\xBE\x93\xE5\x85\xA5",
                                         "\xE4\xBB\xBB\xE5\x8A\xA1", "word", "\xE4\xB8", "\xFF", "\r", "\xE3\x80\x80"};
    std::mt19937 rng(7);
    auto checkText = [](const std::string &s) {
        QVERIFY(sft::utf8::isValid(s));
    };
    for (int round = 0; round < 4000; ++round) {
        std::string text;
        const int n = int(rng() % 60);
        for (int i = 0; i < n; ++i) {
            if (round % 2 == 0)
                text += char(rng() % 256);
            else
                text += pieces[rng() % std::size(pieces)];
        }
        const bool cutOff = rng() % 2;
        const int first = int(rng() % 12) - 1;
        const ParsedList list = parseNumberedInstructions(text, first, cutOff);
        for (const std::string &item : list.items) {
            QVERIFY(!item.empty());
            checkText(item);
        }
        QVERIFY(list.droppedCutOff >= 0 && list.droppedCutOff <= 1);
        QVERIFY(list.droppedMalformed >= 0);
        parseIsClassification(text);
        for (const Instance &i : parseInputFirstInstances(text, cutOff)) {
            checkText(i.input);
            QVERIFY(!i.output.empty());
            checkText(i.output);
        }
        for (const std::string &item : parseChatInstructions(text, first, cutOff).items) {
            QVERIFY(!item.empty());
            checkText(item);
        }
        for (const Instance &i : parseOutputFirstInstances(text, cutOff)) {   // label-only instances have no input
            QVERIFY(!i.output.empty());
            checkText(i.input);
            checkText(i.output);
        }
        for (const BatchTask &t : parseBatchTasks(text, first, cutOff)) {
            QVERIFY(!t.instruction.empty());
            QVERIFY(!t.instance.output.empty());
            checkText(t.instruction);
            checkText(t.instance.input);
            checkText(t.instance.output);
        }
    }
}

QTEST_GUILESS_MAIN(TestParse)
#include "test_parse.moc"
