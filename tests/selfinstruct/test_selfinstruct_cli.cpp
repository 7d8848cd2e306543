// `sftbench-cli self-instruct` as the GUI runs it: a real SIGKILL mid-run and
// a resume that lands every kept task in the workspace exactly once, SIGTERM,
// a second worker on the same run, errors as JSON events; and the whole loop
// end to end against `sftbench-cli serve` on the demo model over HTTP and
// with the local backend (mechanics, not quality).

#include "selfinstruct/run.h"
#include "selfinstruct/run_config.h"
#include "selfinstruct/task_sampler.h"
#include "test_util.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

#include "scripted_endpoint.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using nlohmann::json;
using sfttest::ScriptedReply;
using sfttest::ScriptedRequest;
using sfttest::ScriptedServer;

namespace {

const std::string kSeeds = SFT_TEST_DATA_DIR "/loop_seeds.jsonl";

std::vector<json> readLines(const std::string &path)
{
    std::vector<json> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(json::parse(line, nullptr, false));
    return out;
}

std::vector<json> jsonLines(const QByteArray &text)
{
    std::vector<json> out;
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            out.push_back(json::parse(line.toStdString(), nullptr, false));
    return out;
}

std::string invent(std::uint64_t n)
{
    static const char *words[] = {"river", "market", "engine", "garden", "theory", "castle", "budget", "signal", "harbor",
                                  "forest", "ladder", "planet", "recipe", "ticket", "violin", "winter", "museum", "circuit"};
    sft::selfinstruct::SeededRandom rng(11, n);
    std::string s = "Describe";
    for (int i = 0; i < 7; ++i)
        s += std::string(" ") + (i % 3 == 1 ? "the" : words[rng.below(18)]);
    return s + " " + std::to_string(n) + ".";
}

ScriptedServer::Script pacedScript(std::atomic<std::uint64_t> &counter)
{
    return [&counter](const ScriptedRequest &r) {
        ScriptedReply rep;
        rep.delayMs = 15;   // paces the run so a kill lands in the middle
        if (r.kind == "instructions") {
            for (int i = 0; i < 4; ++i)
                rep.text += (i ? "\n" + std::to_string(9 + i) + ". " : " ") + invent(counter++);
        } else if (r.kind == "classify") {
            rep.text = " No";
        } else {
            rep.text = "Example 1\nInput: an input for " + r.task + "\nOutput: an answer\nExample 2\nInput: <noinput>\n"
                       "Output: another answer for " + r.task + "\n";
        }
        return rep;
    };
}

int countKept(const std::string &file)
{
    int n = 0;
    for (const json &c : readLines(file))
        n += c.is_object() && c.value("kept", false);
    return n;
}

} // namespace

class TestSelfInstructCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killAndResumeIntoWorkspace();
    void sigtermAndSecondWorker();
    void errorsAreEvents();
    void endToEndServeAndLocal();

private:
    QString file(const char *name) const { return m_tmp.filePath(QString::fromUtf8(name)); }
    std::string writeConfig(const char *name, const json &cfg) const
    {
        const std::string path = file(name).toStdString();
        std::ofstream(path) << cfg.dump(2);
        return path;
    }
    /** Runs the CLI to the end; stdout lines parsed. */
    std::vector<json> runCli(const QStringList &args, int *exitCode, QByteArray *err = nullptr, int timeoutMs = 240000)
    {
        QProcess p;
        p.start(sfttest::cliPath(), args);
        if (!p.waitForStarted(30000) || !p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            *exitCode = -1;
            return {};
        }
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        if (err)
            *err = p.readAllStandardError();
        return jsonLines(p.readAllStandardOutput());
    }
    /** Waits (without a deadline on the result, only an overall cap) until pred holds or the process ended. */
    static bool waitUntil(QProcess &p, const std::function<bool()> &pred)
    {
        for (int i = 0; i < 6000; ++i) {
            if (pred())
                return true;
            if (p.state() == QProcess::NotRunning)
                return pred();
            QThread::msleep(20);
        }
        return false;
    }

    QTemporaryDir m_tmp;
};

void TestSelfInstructCli::initTestCase()
{
    ::signal(SIGPIPE, SIG_IGN);
    if (!QFile::exists(sfttest::cliPath()))
        QSKIP("sftbench-cli is not built");
    QVERIFY(m_tmp.isValid());
}

void TestSelfInstructCli::killAndResumeIntoWorkspace()
{
    std::atomic<std::uint64_t> counter{0};
    ScriptedServer server(pacedScript(counter));
    const json cfg{{"backend", {{"kind", "openai"}, {"base_url", server.baseUrl()}, {"concurrency", 2}}},
                   {"seeds", kSeeds},
                   {"target", 24}};
    const std::string config = writeConfig("kill.json", cfg);
    const QString run = file("kill-run"), ws = file("kill.sftw");
    const std::string runDir = run.toStdString();
    const QStringList args{QStringLiteral("self-instruct"), QStringLiteral("--run"), run, QStringLiteral("--workspace"), ws,
                           QStringLiteral("--dataset"), QStringLiteral("generated"), QStringLiteral("--json")};

    QProcess p;
    p.start(sfttest::cliPath(), QStringList(args) << QStringLiteral("--config") << QString::fromStdString(config));
    QVERIFY(p.waitForStarted(30000));
    QVERIFY(waitUntil(p, [&] { return countKept(runDir + "/candidates.jsonl") >= 6; }));
    QVERIFY2(p.state() == QProcess::Running, "the run ended before it could be killed");
    p.kill();   // SIGKILL: no bookkeeping at all
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    const int keptBefore = countKept(runDir + "/candidates.jsonl");
    QVERIFY(keptBefore < 24);

    // The two windows a kill can hit, made certain: (a) records inserted, landed.jsonl line not
    // written; (b) candidates.jsonl written, records not inserted.
    const std::string ledger = runDir + "/landed.jsonl";
    std::vector<json> landed = readLines(ledger);
    QVERIFY(landed.size() >= 2);
    const std::int64_t removedId = landed.front()["candidate"].get<std::int64_t>();
    landed.erase(landed.begin());   // (b), with its records deleted below
    landed.pop_back();              // (a)
    {
        std::ofstream out(ledger, std::ios::trunc);
        for (const json &l : landed)
            out << l.dump() << '\n';
    }
    const std::string prefix = "self-instruct:" + sft::selfinstruct::runName(runDir) + "#";
    {
        auto w = sft::Workspace::open(ws, sft::Workspace::OpenMode::MustExist);
        QSqlQuery q(w->db());
        q.prepare(QStringLiteral("SELECT id FROM records WHERE source = ?"));
        q.addBindValue(sft::qs(prefix + std::to_string(removedId)));
        QVERIFY(q.exec());
        QList<qint64> ids;
        while (q.next())
            ids << q.value(0).toLongLong();
        QVERIFY(!ids.isEmpty());
        w->deleteRecords(ids);
    }

    int code = 0;
    const auto events = runCli(args, &code);
    QCOMPARE(code, 0);
    QVERIFY(!events.empty());
    QCOMPARE(events.front()["event"].get<std::string>(), std::string("start"));
    QVERIFY(events.front()["resumed"].get<bool>());
    QCOMPARE(events.back()["event"].get<std::string>(), std::string("done"));
    QCOMPARE(events.back()["reason"].get<std::string>(), std::string("target"));

    // Every kept task is in the dataset exactly once (one pending record per instance), nothing else is.
    std::map<std::string, std::size_t> expected;
    std::set<std::int64_t> candidateIds;
    for (const json &c : readLines(runDir + "/candidates.jsonl")) {
        QVERIFY(candidateIds.insert(c["id"].get<std::int64_t>()).second);
        if (c["kept"].get<bool>())
            expected[prefix + std::to_string(c["id"].get<std::int64_t>())] = c["instances"].size();
    }
    QCOMPARE(expected.size(), std::size_t(24));
    auto w = sft::Workspace::open(ws, sft::Workspace::OpenMode::MustExist);
    const auto sets = w->datasets();
    QCOMPARE(sets.size(), qsizetype(1));
    QSqlQuery q(w->db());
    q.prepare(QStringLiteral("SELECT source, status, instruction, input, output FROM records WHERE dataset_id = ?"));
    q.addBindValue(sets.front().id);
    QVERIFY(q.exec());
    std::map<std::string, std::size_t> found;
    std::set<std::string> rows;
    while (q.next()) {
        ++found[sft::ss(q.value(0).toString())];
        QCOMPARE(q.value(1).toInt(), 0);   // pending
        QVERIFY(rows.insert(sft::ss(q.value(2).toString() + QChar(1) + q.value(3).toString() + QChar(1) + q.value(4).toString())).second);
    }
    QVERIFY(found == expected);
    QCOMPARE(sets.front().pending, qint64(rows.size()));
}

void TestSelfInstructCli::sigtermAndSecondWorker()
{
    std::atomic<std::uint64_t> counter{100000};
    ScriptedServer server(pacedScript(counter));
    const json cfg{{"backend", {{"kind", "openai"}, {"base_url", server.baseUrl()}, {"concurrency", 2}}},
                   {"seeds", kSeeds},
                   {"target", 500}};
    const std::string config = writeConfig("term.json", cfg);
    const QString run = file("term-run");
    const std::string runDir = run.toStdString();
    QProcess p;
    p.start(sfttest::cliPath(), {QStringLiteral("self-instruct"), QStringLiteral("--run"), run, QStringLiteral("--config"),
                                 QString::fromStdString(config), QStringLiteral("--json")});
    QVERIFY(p.waitForStarted(30000));
    QVERIFY(waitUntil(p, [&] { return readLines(runDir + "/candidates.jsonl").size() >= 3; }));
    QVERIFY(std::filesystem::exists(runDir + "/worker.pid"));

    // A second worker on the same run is refused while the first lives.
    int code = 0;
    QByteArray err;
    const auto second = runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), run, QStringLiteral("--json")}, &code, &err);
    QCOMPARE(code, 1);
    QVERIFY2(err.contains("another worker"), err.constData());
    QVERIFY(!second.empty() && second.back()["event"] == "error");

    p.terminate();   // SIGTERM
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const auto events = jsonLines(p.readAllStandardOutput());
    QCOMPARE(events.back()["event"].get<std::string>(), std::string("done"));
    QCOMPARE(events.back()["reason"].get<std::string>(), std::string("stopped"));
    QVERIFY(!std::filesystem::exists(runDir + "/worker.pid"));
    // Every line of the files is whole.
    for (const char *f : {"/events.jsonl", "/requests.jsonl", "/candidates.jsonl"})
        for (const json &l : readLines(runDir + f))
            QVERIFY(l.is_object());
}

void TestSelfInstructCli::errorsAreEvents()
{
    const std::string config = writeConfig("bad.json", json{{"seeds", kSeeds}, {"sampling", {{"temperature", 9}}}});
    int code = 0;
    const auto events = runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), file("bad-run"),
                                QStringLiteral("--config"), QString::fromStdString(config), QStringLiteral("--json")},
                               &code);
    QCOMPARE(code, 1);
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0]["event"].get<std::string>(), std::string("error"));
    QVERIFY(events[0]["message"].get<std::string>().find("sampling.temperature") != std::string::npos);

    // Nothing listens there: the connection error is retried, then reported.
    const std::string unreachable = writeConfig(
        "unreachable.json", json{{"seeds", kSeeds},
                                 {"backend", {{"base_url", "http://127.0.0.1:9/v1"}, {"max_retries", 1}, {"timeout_s", 5}}}});
    const auto ev2 = runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), file("unreachable-run"),
                             QStringLiteral("--config"), QString::fromStdString(unreachable), QStringLiteral("--json")},
                            &code);
    QCOMPARE(code, 1);
    std::set<std::string> names;
    for (const json &e : ev2)
        names.insert(e.value("event", std::string()));
    QVERIFY(names.count("retry"));
    QCOMPARE(ev2.back()["event"].get<std::string>(), std::string("error"));
}

void TestSelfInstructCli::endToEndServeAndLocal()
{
#ifndef SFT_TEST_HAVE_SERVE
    QSKIP("sftbench-cli has no model engine / server in this build");
#else
    const QString model = file("demo");
    int code = 0;
    QByteArray err;
    runCli({QStringLiteral("init-model"), QStringLiteral("--out"), model}, &code, &err);
    QVERIFY2(code == 0, err.constData());

    QProcess server;
    const QString serverOut = file("serve.jsonl");
    server.setStandardOutputFile(serverOut);
    server.setStandardErrorFile(file("serve.err"));
    server.start(sfttest::cliPath(), {QStringLiteral("serve"), QStringLiteral("--model"), model, QStringLiteral("--port"),
                                      QStringLiteral("0")});
    QVERIFY(server.waitForStarted(30000));
    json listening;
    QVERIFY(waitUntil(server, [&] {
        for (const json &e : readLines(serverOut.toStdString()))
            if (e.is_object() && e.value("event", std::string()) == "listening")
                listening = e;
        return listening.is_object();
    }));
    const int port = listening["port"].get<int>();

    // Small prompts and answers: the demo model's context is short and its output noise.
    json cfg{{"seeds", kSeeds},
             {"target", 3},
             {"max_requests", 8},
             {"stop_after_empty_requests", 3},
             {"seed_tasks_per_prompt", 3},
             {"generated_tasks_per_prompt", 1},
             {"classify_positive", 2},
             {"classify_negative", 2},
             {"instance_examples", 1},
             {"sampling", {{"temperature", 0.7}, {"top_p", 0.9}, {"max_tokens", 24}}}};
    // The demo model's noise seldom reads as a numbered list, so each run starts from a folder whose
    // first request already brought two instructions (as a resumed run does): their classification and
    // instance requests then go to the model too.
    auto runWith = [&](const json &backend, const char *name, std::vector<json> *events) -> std::vector<json> {
        json c = cfg;
        c["backend"] = backend;
        const std::string dir = file(name).toStdString();
        sft::selfinstruct::prepareRunFolder(dir, writeConfig((std::string(name) + ".json").c_str(), c));
        const json first{{"id", 0}, {"kind", "instructions"}, {"prompt", "(written by the test)"}, {"text", ""},
                         {"finish_reason", "stop"}, {"usage", {{"prompt_tokens", 0}, {"completion_tokens", 0}}},
                         {"attempts", 1}, {"seconds", 0}, {"fresh", 2},
                         {"candidates", {{{"id", 0}, {"instruction", "Describe a quiet morning in a small fishing village."}},
                                         {{"id", 1}, {"instruction", "Is the following headline about sports, politics or science?"}}}}};
        std::ofstream(dir + "/requests.jsonl") << first.dump() << '\n';
        int rc = 0;
        QByteArray stderrText;
        *events = runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), QString::fromStdString(dir),
                          QStringLiteral("--json")},
                         &rc, &stderrText);
        if (rc != 0)
            qWarning("%s", stderrText.constData());
        return rc == 0 ? readLines(dir + "/requests.jsonl") : std::vector<json>();
    };
    auto checkRun = [](const std::vector<json> &requests, const std::vector<json> &events, const std::string &dir) {
        QVERIFY(requests.size() >= 5);   // the seeded line, classify and instances for both, more instructions
        std::set<std::string> kinds;
        for (std::size_t i = 1; i < requests.size(); ++i) {
            kinds.insert(requests[i]["kind"].get<std::string>());
            QVERIFY(requests[i]["usage"]["prompt_tokens"].get<int>() > 0);
            QVERIFY(requests[i]["usage"]["completion_tokens"].get<int>() > 0);
        }
        QVERIFY(kinds.count("classify") && kinds.count("instances") && kinds.count("instructions"));
        QCOMPARE(events.front()["event"].get<std::string>(), std::string("start"));
        QVERIFY(events.front()["resumed"].get<bool>());
        QCOMPARE(events.back()["event"].get<std::string>(), std::string("done"));
        const auto cands = readLines(dir + "/candidates.jsonl");
        QVERIFY(cands.size() >= 2);
        QCOMPARE(cands[0]["id"].get<int>(), 0);
        QCOMPARE(cands[1]["id"].get<int>(), 1);
    };

    std::vector<json> remoteEvents, localEvents;
    const auto remote = runWith({{"kind", "openai"}, {"base_url", "http://127.0.0.1:" + std::to_string(port) + "/v1"},
                                 {"concurrency", 2}},
                                "e2e-remote", &remoteEvents);
    server.terminate();
    server.waitForFinished(60000);
    checkRun(remote, remoteEvents, file("e2e-remote").toStdString());
    if (QTest::currentTestFailed())
        return;

    const auto local = runWith({{"kind", "local"}, {"model", model.toStdString()}, {"device", "cpu"}}, "e2e-local", &localEvents);
    checkRun(local, localEvents, file("e2e-local").toStdString());
    if (QTest::currentTestFailed())
        return;
    // Request 1 (the classification of candidate 0: same prompt, same seed, greedy) reads the same
    // over HTTP and in process.
    QCOMPARE(remote[1]["kind"].get<std::string>(), std::string("classify"));
    QCOMPARE(local[1]["kind"].get<std::string>(), std::string("classify"));
    QVERIFY(local[1]["prompt"] == remote[1]["prompt"]);
    QVERIFY2(local[1]["text"] == remote[1]["text"], local[1]["text"].dump().c_str());
#endif
}

QTEST_GUILESS_MAIN(TestSelfInstructCli)
#include "test_selfinstruct_cli.moc"
