// sftbench-cli add as a script would run it: the new record's id on stdout (or
// JSON), the record as stored, a dataset created on request, clear errors that
// change nothing, and a run that waits for another writer (the GUI in the middle
// of an edit) instead of failing.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_util.h"
#include "workspace/workspace.h"
#include "write_lock.h"

using namespace sft;

namespace {
struct Run
{
    int code;
    QString out, err;
};

QStringList addArgs(const QString &ws, const QStringList &more)
{
    return QStringList{QStringLiteral("add"), QStringLiteral("--workspace"), ws} + more;
}

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(sfttest::cliPath(), args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

class TestCliAdd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    /** A workspace with one empty dataset "notes". */
    QString workspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("w%1.sftws").arg(++m_n));
        Workspace::open(path)->createDataset(QStringLiteral("notes"));
        return path;
    }

private Q_SLOTS:
    void addsARecord()
    {
        const QString ws = workspace();
        const Run r = cli(addArgs(ws, {QStringLiteral("--dataset"), QStringLiteral("notes"), QStringLiteral("--instruction"),
                                       QStringLiteral("把这句话翻译成英文。"), QStringLiteral("--input"),
                                       QStringLiteral("你好"), QStringLiteral("--output"), QStringLiteral("Hello")}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        bool ok = false;
        const qint64 id = r.out.trimmed().toLongLong(&ok);
        QVERIFY2(ok && id > 0, qPrintable(r.out));  // the id alone: id=$(sftbench-cli add ...)
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        const auto rec = w->record(id);
        QVERIFY(rec);
        QCOMPARE(rec->instruction, QStringLiteral("把这句话翻译成英文。"));
        QCOMPARE(rec->input, QStringLiteral("你好"));
        QCOMPARE(rec->output, QStringLiteral("Hello"));
        QCOMPARE(rec->status, RecordStatus::Pending);
        QCOMPARE(rec->source, QStringLiteral("manual"));
        QCOMPARE(w->datasets().first().total, 1);
        QCOMPARE(w->datasets().first().pending, 1);
    }

    void jsonAndStatus()
    {
        const QString ws = workspace();
        const Run r = cli(addArgs(ws, {QStringLiteral("--dataset"), QStringLiteral("notes"), QStringLiteral("--instruction"),
                                       QStringLiteral("Name a prime."), QStringLiteral("--output"), QStringLiteral("7"),
                                       QStringLiteral("--status"), QStringLiteral("rejected"), QStringLiteral("--reason"),
                                       QStringLiteral("too easy"), QStringLiteral("--json")}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("dataset")).toString(), QStringLiteral("notes"));
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(o.value(QStringLiteral("created_dataset")).toBool(), false);
        const qint64 id = o.value(QStringLiteral("id")).toInteger();
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        QCOMPARE(o.value(QStringLiteral("dataset_id")).toInteger(), w->datasets().first().id);
        QCOMPARE(w->record(id)->status, RecordStatus::Rejected);
        QCOMPARE(w->record(id)->reason, QStringLiteral("too easy"));
        QCOMPARE(w->datasets().first().rejected, 1);
    }

    void createsTheDatasetOnRequest()
    {
        const QString ws = m_dir.filePath(QStringLiteral("new%1.sftws").arg(++m_n));  // no file yet either
        QStringList args = {QStringLiteral("--dataset"), QStringLiteral("hand-made"), QStringLiteral("--instruction"),
                            QStringLiteral("Say hi."), QStringLiteral("--create-dataset"), QStringLiteral("--json")};
        // --create-dataset alone does not make a workspace: the path may be mistyped.
        Run r = cli(addArgs(ws, args));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no such workspace")) && r.err.contains(QStringLiteral("--create-workspace")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(ws));
        args << QStringLiteral("--create-workspace");
        r = cli(addArgs(ws, args));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("created_dataset")).toBool(), true);
        // Again: the same dataset, not "hand-made (2)".
        r = cli(addArgs(ws, args));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("created_dataset")).toBool(), false);
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        QCOMPARE(w->datasets().size(), 1);
        QCOMPARE(w->datasets().first().name, QStringLiteral("hand-made"));
        QCOMPARE(w->datasets().first().total, 2);
    }

    // Surrounding spaces are ignored when looking a dataset up, as when one is created: " notes " is
    // "notes", with or without --create-dataset (which must not make a second "notes").
    void datasetNameIsTrimmed_data()
    {
        QTest::addColumn<bool>("create");
        QTest::newRow("look-up") << false;
        QTest::newRow("create-dataset") << true;
    }
    void datasetNameIsTrimmed()
    {
        QFETCH(bool, create);
        const QString ws = workspace();
        QStringList args = {QStringLiteral("--dataset"), QStringLiteral("  notes "), QStringLiteral("--instruction"),
                            QStringLiteral("x"), QStringLiteral("--json")};
        if (create)
            args << QStringLiteral("--create-dataset");
        const Run r = cli(addArgs(ws, args));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("created_dataset")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("dataset")).toString(), QStringLiteral("notes"));
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        QCOMPARE(w->datasets().size(), 1);
        QCOMPARE(w->datasets().first().total, 1);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString i = QStringLiteral("--instruction"), d = QStringLiteral("--dataset");
        QTest::newRow("unknown dataset") << QStringList{d, QStringLiteral("drafts"), i, QStringLiteral("x")}
                                         << R"(no dataset "drafts" in )";
        QTest::newRow("how to create it") << QStringList{d, QStringLiteral("drafts"), i, QStringLiteral("x")}
                                          << "add --create-dataset to create it";
        QTest::newRow("lists what there is") << QStringList{d, QStringLiteral("drafts"), i, QStringLiteral("x")}
                                             << R"((datasets: "notes"))";
        QTest::newRow("empty instruction") << QStringList{d, QStringLiteral("notes"), i, QStringLiteral("  \n")}
                                           << "--instruction is empty";
        QTest::newRow("no instruction") << QStringList{d, QStringLiteral("notes")} << "--instruction";
        QTest::newRow("bad status") << QStringList{d, QStringLiteral("notes"), i, QStringLiteral("x"),
                                                   QStringLiteral("--status"), QStringLiteral("done")}
                                    << R"(unknown status "done")";
        QTest::newRow("reason without rejected") << QStringList{d, QStringLiteral("notes"), i, QStringLiteral("x"),
                                                                QStringLiteral("--reason"), QStringLiteral("r")}
                                                 << "--reason is for --status rejected";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const QString ws = workspace();
        const Run r = cli(addArgs(ws, args));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        auto w = Workspace::open(ws, Workspace::OpenMode::MustExist);
        QCOMPARE(w->datasets().size(), 1);  // nothing created
        QCOMPARE(w->datasets().first().total, 0);
    }

    void missingWorkspaceIsNotCreated()
    {
        const QString ws = m_dir.filePath(QStringLiteral("missing.sftws"));
        const Run r = cli(addArgs(ws, {QStringLiteral("--dataset"), QStringLiteral("d"), QStringLiteral("--instruction"),
                                       QStringLiteral("x")}));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no such workspace")), qPrintable(r.err));
        QVERIFY(!QFile::exists(ws));
    }

    // The GUI has the workspace open (a connection of this process) and is in the middle of a write: the
    // add waits for it, then lands; the open workspace reads the new record without reopening.
    void waitsForTheGuiWriter()
    {
        const QString ws = workspace();
        auto gui = Workspace::open(ws, Workspace::OpenMode::MustExist);
        const qint64 notes = gui->datasets().first().id;
        auto lock = std::make_unique<sfttest::WriteLock>(ws);
        QProcess p;
        p.start(sfttest::cliPath(), addArgs(ws, {QStringLiteral("--dataset"), QStringLiteral("notes"),
                                                 QStringLiteral("--instruction"), QStringLiteral("Wait your turn.")}));
        QVERIFY(p.waitForStarted());
        // It says that it waits, and waits: the record is not there until the lock is given back.
        QByteArray err;
        p.setReadChannel(QProcess::StandardError);
        while (!err.contains("waiting for the write lock") && p.waitForReadyRead(60000))
            err += p.readAllStandardError();
        QVERIFY2(err.contains("waiting for the write lock"), err.constData());
        QCOMPARE(p.state(), QProcess::Running);
        QCOMPARE(gui->dataset(notes)->total, 0);
        lock.reset();
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const qint64 id = QString::fromUtf8(p.readAllStandardOutput()).trimmed().toLongLong();
        QCOMPARE(gui->record(id)->instruction, QStringLiteral("Wait your turn."));
        // Without another writer it says nothing on stderr.
        const Run quiet = cli(addArgs(ws, {QStringLiteral("--dataset"), QStringLiteral("notes"),
                                           QStringLiteral("--instruction"), QStringLiteral("No queue.")}));
        QVERIFY2(quiet.code == 0, qPrintable(quiet.err));
        QVERIFY2(quiet.err.isEmpty(), qPrintable(quiet.err));
        QCOMPARE(gui->record(id)->datasetId, notes);
        QCOMPARE(gui->dataset(notes)->total, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliAdd)
#include "test_cli_add.moc"
