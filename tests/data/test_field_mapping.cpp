// Field mappings: parsing "instruction=question,..." and reading the shapes of
// real open data sets through one (Dolly, FLAN, Firefly, COIG-CQIA, BELLE,
// nested fields, CSV), with errors that name the record and the mapped field.

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/error.h"
#include "data/conversation.h"
#include "data/formats.h"

using namespace sft;

namespace {

std::string fixture(const char *name)
{
    return std::string(SFT_TEST_DATA_DIR "/") + name;
}

std::string writeFile(const QTemporaryDir &dir, const QString &name, const std::string &content)
{
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

std::vector<Record> readMapped(const std::string &path, const std::string &spec)
{
    ReadOptions options;
    options.mapping = FieldMapping::parse(spec);
    return readDataset(path, options);
}

} // namespace

class TestFieldMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");  // toString() of the result
        QTest::newRow("dolly") << "input=context,output=response" << "input=context,output=response";
        QTest::newRow("spaces, order, case") << " Output = targets , instruction=inputs," << "instruction=inputs,output=targets";
        QTest::newRow("dotted") << "instruction=meta.question,output=answer.text" << "instruction=meta.question,output=answer.text";
        QTest::newRow("messages") << "messages=dialog,system=sys" << "system=sys,messages=dialog";
        QTest::newRow("conversations alias") << "conversations=turns" << "messages=turns";
        QTest::newRow("empty") << "" << "";
    }
    void parse()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        const FieldMapping m = FieldMapping::parse(spec.toStdString());
        QCOMPARE(QString::fromStdString(m.toString()), canonical);
        QCOMPARE(m.empty(), canonical.isEmpty());
        QCOMPARE(QString::fromStdString(FieldMapping::parse(m.toString()).toString()), canonical);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no =") << "instruction" << "field mapping \"instruction\": expected TARGET=FIELD";
        QTest::newRow("unknown target") << "input=context,answer=response" << "field mapping \"answer=response\": unknown target \"answer\"";
        QTest::newRow("no source") << "output=" << "field mapping \"output=\": no source field";
        QTest::newRow("twice") << "output=a,output=b" << "field mapping \"output=b\": output is mapped twice";
        QTest::newRow("messages and output") << "messages=m,output=x" << "field mapping \"messages=m,output=x\": messages reads whole conversations";
    }
    void parseErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        try {
            FieldMapping::parse(spec.toStdString());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected), e.what());
        }
    }

    void dolly()
    {
        const std::string path = fixture("dolly_sample.jsonl");
        QCOMPARE(detectFormat(path), DatasetFormat::Jsonl);
        const auto rs = readMapped(path, "input=context,output=response");
        QCOMPARE(rs.size(), std::size_t(4));
        QCOMPARE(rs[0].instruction, std::string("When was the Eiffel Tower finished?"));
        QVERIFY(rs[0].input.rfind("The Eiffel Tower was built", 0) == 0);
        QCOMPARE(rs[0].output, std::string("It was completed in March 1889."));
        QVERIFY(rs[1].input.empty());
        QCOMPARE(rs[3].source, path);
        // Without the mapping the file is refused where the first record lacks "output".
        try {
            readDataset(path);
            QFAIL("no error without a mapping");
        } catch (const Error &e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString::fromStdString(path) + QStringLiteral(":1: record 1, field \"output\": missing required field"));
        }
    }

    void flan()
    {
        const auto rs = readMapped(fixture("flan_sample.jsonl"), "instruction=inputs,output=targets");
        QCOMPARE(rs.size(), std::size_t(3));
        QVERIFY(rs[0].instruction.rfind("Premise: A man is playing a guitar", 0) == 0);
        QCOMPARE(rs[0].output, std::string("yes"));
        QCOMPARE(rs[1].output, std::string("Die Bibliothek öffnet um neun."));
        QVERIFY(rs[2].input.empty());
    }

    void firefly()
    {
        // "input" is read into the instruction, so it is not also read as the input.
        const auto rs = readMapped(fixture("firefly_sample.jsonl"), "instruction=input,output=target");
        QCOMPARE(rs.size(), std::size_t(3));
        QCOMPARE(rs[1].instruction, std::string("对联：春回大地千山秀"));
        QCOMPARE(rs[1].output, std::string("日照神州万木荣"));
        for (const auto &r : rs)
            QVERIFY(r.input.empty());
    }

    void ownFieldNames_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("secondInput");
        QTest::newRow("coig-cqia") << "coig_cqia_sample.jsonl" << 2 << QStringLiteral("3, 5, 7, 9");
        QTest::newRow("belle (JSON lines in .json)") << "belle_sample.json" << 2 << QStringLiteral("这事儿我办不了。");
    }
    void ownFieldNames()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(QString, secondInput);
        const std::string path = fixture(file.toUtf8().constData());
        QCOMPARE(detectFormat(path), DatasetFormat::Jsonl);
        const auto plain = readDataset(path);
        QCOMPARE(int(plain.size()), records);
        QCOMPARE(QString::fromStdString(plain[1].input), secondInput);
        // The identity mapping reads the same.
        const auto mapped = readMapped(path, "instruction=instruction,input=input,output=output");
        QCOMPARE(mapped.size(), plain.size());
        QCOMPARE(mapped[1].output, plain[1].output);
    }

    void nestedFields()
    {
        const std::string path = fixture("nested_qa.json");
        QCOMPARE(detectFormat(path), DatasetFormat::AlpacaJson);
        const auto rs = readMapped(path, "instruction=meta.question,input=meta.context,output=answer.text");
        QCOMPARE(rs.size(), std::size_t(2));
        QCOMPARE(rs[0].input, std::string("in degrees Celsius"));
        QCOMPARE(rs[0].output, std::string("100 °C"));
        QVERIFY(rs[1].input.empty());
        QCOMPARE(rs[1].instruction, std::string("Name the longest river in Africa."));
    }

    void csv()
    {
        const std::string path = fixture("dolly_sample.csv");
        const auto rs = readMapped(path, "input=context,output=response");
        QCOMPARE(rs.size(), std::size_t(2));
        QCOMPARE(rs[0].input, std::string("It was completed in March 1889, for the World's Fair."));
        QCOMPARE(rs[1].output, std::string("Soft rain on the roof,\nthe whole street breathes again."));
        try {
            readMapped(path, "input=context,output=answer");
            QFAIL("no error for a missing column");
        } catch (const Error &e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString::fromStdString(path)
                         + QStringLiteral(":1, field \"answer\": the header row has no column \"answer\" (columns: "
                                          "instruction, context, response, category) for the field mapping output=answer"));
        }
    }

    // Input and system may be missing from some records (or, unmapped, from all); only a mapped one that no
    // record has is refused (see badRecords).
    void optionalFields()
    {
        QTemporaryDir dir;
        const auto jsonl = writeFile(dir, QStringLiteral("some.jsonl"),
                                     "{\"q\":\"1\",\"a\":\"x\"}\n{\"q\":\"2\",\"ctx\":\"c\",\"a\":\"y\",\"sys\":\"s\"}\n{\"q\":\"3\",\"a\":\"z\"}\n");
        const auto rs = readMapped(jsonl, "instruction=q,input=ctx,output=a,system=sys");
        QCOMPARE(rs.size(), std::size_t(3));
        QVERIFY(rs[0].input.empty() && rs[0].system.empty());
        QCOMPARE(rs[1].input, std::string("c"));
        QCOMPARE(rs[1].system, std::string("s"));
        // Present but null in every record: the field is there, only empty.
        const auto nulls = writeFile(dir, QStringLiteral("null.json"), R"([{"q":"1","a":"x","ctx":null}])");
        QCOMPARE(readMapped(nulls, "instruction=q,input=ctx,output=a").size(), std::size_t(1));
        // Not mapped: no input or system anywhere is fine.
        const auto plain = writeFile(dir, QStringLiteral("plain.jsonl"), "{\"instruction\":\"i\",\"output\":\"o\"}\n");
        QCOMPARE(readMapped(plain, "output=output").size(), std::size_t(1));
        const auto csv = writeFile(dir, QStringLiteral("plain.csv"), "question,answer\nq,a\n");
        const auto crs = readMapped(csv, "instruction=question,output=answer");
        QCOMPARE(crs.size(), std::size_t(1));
        QVERIFY(crs[0].input.empty());
    }

    void messagesTarget()
    {
        QTemporaryDir dir;
        const auto path = writeFile(dir, QStringLiteral("chat.jsonl"),
            R"({"id":1,"sys":"Be kind.","dialog":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":"bye"}]})" "\n"
            R"({"id":2,"dialog":[{"from":"human","value":"q"},{"from":"gpt","value":"a"}]})" "\n");
        const auto rs = readMapped(path, "messages=dialog,system=sys");
        QCOMPARE(rs.size(), std::size_t(2));
        QCOMPARE(rs[0].system, std::string("Be kind."));
        QCOMPARE(rs[0].turns.size(), std::size_t(3));
        QVERIFY(!isConversation(rs[1]));
        QCOMPARE(rs[1].output, std::string("a"));
    }

    void alpacaHistory()
    {
        // LLaMA-Factory's Alpaca "history": earlier exchanges before this one.
        QTemporaryDir dir;
        const auto path = writeFile(dir, QStringLiteral("h.json"),
            R"([{"instruction":"And in Spanish?","input":"","output":"Hola.","system":"Translate.","history":[["Say hello in French.","Bonjour."]]}])");
        const auto rs = readDataset(path);
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].system, std::string("Translate."));
        QCOMPARE(rs[0].turns.size(), std::size_t(4));
        QCOMPARE(rs[0].instruction, std::string("Say hello in French."));
        QCOMPARE(rs[0].turns[3].content, std::string("Hola."));
    }

    void detectedChatFormatWithMapping()
    {
        // The first line looks like OpenAI messages, but a mapping names other fields: read as JSONL.
        QTemporaryDir dir;
        const auto path = writeFile(dir, QStringLiteral("m.jsonl"), R"({"messages":"not a list","q":"x","a":"y"})" "\n");
        QCOMPARE(detectFormat(path), DatasetFormat::OpenAiMessages);
        ReadOptions options;
        options.mapping = FieldMapping::parse("instruction=q,output=a");
        QCOMPARE(detectFormat(path, options), DatasetFormat::Jsonl);
        options.format = DatasetFormat::UltraChat;
        QVERIFY_THROWS_EXCEPTION(Error, detectFormat(path, options));
        const auto rs = readMapped(path, "instruction=q,output=a");
        QCOMPARE(rs.size(), std::size_t(1));
        QCOMPARE(rs[0].output, std::string("y"));
    }

    void badRecords_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");  // after the path
        QTest::newRow("missing mapped output")
            << "a.jsonl" << QByteArray("{\"q\":\"1\",\"a\":\"x\"}\n\n{\"q\":\"2\",\"a\":\"y\"}\n{\"q\":\"3\",\"answer\":\"z\"}\n")
            << "instruction=q,output=a" << ":4: record 3, field \"a\": missing required field";
        QTest::newRow("missing mapped instruction")
            << "a.jsonl" << QByteArray("{\"inputs\":null,\"targets\":\"x\"}\n") << "instruction=inputs,output=targets"
            << ":1: record 1, field \"inputs\": missing required field";
        QTest::newRow("number")
            << "a.jsonl" << QByteArray("{\"q\":\"What is 6 times 7?\",\"a\":42}\n") << "instruction=q,output=a"
            << ":1: record 1, field \"a\": expected a string, found number";
        QTest::newRow("nested missing")
            << "a.json" << QByteArray("[\n{\"meta\":{\"q\":\"x\"},\"a\":\"y\"},\n{\"meta\":\"flat\",\"a\":\"y\"}\n]")
            << "instruction=meta.q,output=a" << ":3: record 2, field \"meta.q\": missing required field";
        QTest::newRow("input not a string")
            << "a.jsonl" << QByteArray("{\"q\":\"x\",\"ctx\":[\"a\"],\"a\":\"y\"}\n") << "instruction=q,input=ctx,output=a"
            << ":1: record 1, field \"ctx\": expected a string, found array";
        QTest::newRow("messages missing")
            << "a.jsonl" << QByteArray("{\"dialog\":[{\"role\":\"user\",\"content\":\"x\"}]}\n{\"id\":2}\n") << "messages=dialog"
            << ":2: record 2, field \"dialog\": missing required field";
        QTest::newRow("csv messages")
            << "a.csv" << QByteArray("q,a\nx,y\n") << "messages=q" << ":1, field \"q\": a CSV file holds no message lists";
        QTest::newRow("csv mapped input column missing")
            << "a.csv" << QByteArray("q,a\nx,y\n") << "instruction=q,input=ctx,output=a"
            << ":1, field \"ctx\": the header row has no column \"ctx\" (columns: q, a) for the field mapping input=ctx";
        QTest::newRow("csv mapped system column missing")
            << "a.csv" << QByteArray("instruction,output,System Prompt\nx,y,z\n") << "system=system_prompt"
            << ":1, field \"system_prompt\": the header row has no column \"system_prompt\" (columns: instruction, output, "
               "System Prompt) for the field mapping system=system_prompt";
        QTest::newRow("jsonl mapped input in no record")
            << "a.jsonl" << QByteArray("{\"q\":\"x\",\"context\":\"c\",\"a\":\"y\"}\n{\"q\":\"x2\",\"a\":\"y2\"}\n")
            << "instruction=q,input=ctx,output=a"
            << ", field \"ctx\": no record has the field \"ctx\" that the field mapping input=ctx reads";
        QTest::newRow("json mapped system in no record")
            << "a.json" << QByteArray("[{\"instruction\":\"x\",\"output\":\"y\",\"system\":\"s\"}]") << "system=meta.system"
            << ", field \"meta.system\": no record has the field \"meta.system\" that the field mapping system=meta.system reads";
        QTest::newRow("messages mapped system in no record")
            << "a.jsonl" << QByteArray("{\"dialog\":[{\"role\":\"user\",\"content\":\"x\"}],\"system\":\"s\"}\n")
            << "messages=dialog,system=sys"
            << ", field \"sys\": no record has the field \"sys\" that the field mapping system=sys reads";
        QTest::newRow("history pair")
            << "a.jsonl" << QByteArray("{\"instruction\":\"x\",\"output\":\"y\",\"history\":[[\"a\"]]}\n") << ""
            << ":1: record 1, field \"history[0]\": expected an [instruction, response] pair of strings";
    }
    void badRecords()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = writeFile(dir, name, content.toStdString());
        try {
            const auto rs = readMapped(path, spec.toStdString());
            QFAIL(qPrintable(QStringLiteral("no error; %1 records").arg(rs.size())));
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path) + expected), qPrintable(what));
        }
    }
};

QTEST_GUILESS_MAIN(TestFieldMapping)
#include "test_field_mapping.moc"
