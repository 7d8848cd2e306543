// JSON-lines from a worker: chunks split anywhere (inside a line, inside a
// UTF-8 character), CRLF, non-JSON lines, a last line without newline; the
// worker process wrapper's success, failure, crash and timeout paths.

#include <QSignalSpy>
#include <QtTest>

#include "workspace/jsonlinebuffer.h"
#include "workspace/workerprocess.h"

using sft::JsonLineBuffer;
using sft::WorkerProcess;

class TestJsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAnywhere()
    {
        const QByteArray stream = "{\"step\":1,\"loss\":2.5}\r\nplain text\n{\"msg\":\"损失下降\"}\n{\"step\":2}";
        // Feed the same stream in every possible two-chunk split.
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            JsonLineBuffer b;
            QList<JsonLineBuffer::Line> lines = b.feed(stream.left(cut));
            lines += b.feed(stream.mid(cut));
            QCOMPARE(lines.size(), 3);
            QCOMPARE(b.pending(), QByteArray("{\"step\":2}"));
            lines += b.finish();
            QCOMPARE(lines.size(), 4);
            QVERIFY(lines[0].isJson);
            QCOMPARE(lines[0].object.value(QStringLiteral("loss")).toDouble(), 2.5);
            QVERIFY(!lines[1].isJson);
            QCOMPARE(lines[1].raw, QByteArray("plain text"));
            QCOMPARE(lines[2].object.value(QStringLiteral("msg")).toString(), QStringLiteral("损失下降"));
            QCOMPARE(lines[3].object.value(QStringLiteral("step")).toInt(), 2);
        }
    }

    void nonObjectJsonIsText()
    {
        JsonLineBuffer b;
        const auto lines = b.feed("[1,2]\n42\n");
        QCOMPARE(lines.size(), 2);
        QVERIFY(!lines[0].isJson);
        QVERIFY(!lines[1].isJson);
    }

    void workerSuccess()
    {
        WorkerProcess w;
        QSignalSpy records(&w, &WorkerProcess::recordReceived);
        QSignalSpy text(&w, &WorkerProcess::textReceived);
        QSignalSpy done(&w, &WorkerProcess::finished);
        QSignalSpy failed(&w, &WorkerProcess::failed);
        // Output arrives in pieces, with a pause inside a line.
        w.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), QStringLiteral("printf '{\"a\":'; sleep 0.2; printf '1}\\nhello\\n{\"b\":2}'")});
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(0).toInt(), 0);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(records.count(), 2);
        QCOMPARE(records[0].at(0).toJsonObject().value(QStringLiteral("a")).toInt(), 1);
        QCOMPARE(records[1].at(0).toJsonObject().value(QStringLiteral("b")).toInt(), 2);
        QCOMPARE(text.count(), 1);
    }

    void workerFailure()
    {
        WorkerProcess w;
        QSignalSpy failed(&w, &WorkerProcess::failed);
        QSignalSpy done(&w, &WorkerProcess::finished);
        w.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo 'error: model.safetensors: bad header' >&2; exit 1")});
        QVERIFY(done.wait(10000));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("error: model.safetensors: bad header"));
    }

    void workerMissing()
    {
        WorkerProcess w;
        QSignalSpy failed(&w, &WorkerProcess::failed);
        w.start(QStringLiteral("/nonexistent/sftbench-cli"), {});
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().at(0).toString().startsWith(QStringLiteral("Cannot start /nonexistent/sftbench-cli")));
    }

    void workerTimeout()
    {
        WorkerProcess w;
        QSignalSpy failed(&w, &WorkerProcess::failed);
        QSignalSpy done(&w, &WorkerProcess::finished);
        w.start(QStringLiteral("/bin/sleep"), {QStringLiteral("30")}, 300);
        QVERIFY(done.wait(10000));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("did not finish in time")));
        QVERIFY(!w.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "test_jsonlines.moc"
