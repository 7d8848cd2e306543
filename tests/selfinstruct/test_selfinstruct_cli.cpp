// `sftbench-cli self-instruct` as the GUI runs it: a real SIGKILL mid-run and
// a resume that lands every kept task in the workspace exactly once, SIGTERM,
// a second worker on the same run, errors as JSON events; and the whole loop
// end to end, from an empty run folder, against `sftbench-cli serve` over HTTP
// (stopped by SIGTERM and resumed) and with the local backend, on a tiny demo
// model pre-trained on the loop's prompt format: instruction lists, the
// classification and instance requests, the filters and the decisions all
// come from the model (mechanics, not quality).

#include "selfinstruct/prompts.h"
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
#include <iterator>
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

// ---- a tiny model that has learnt the loop's own prompt format ----
// The untrained demo model never writes a numbered list, so the end-to-end case pre-trains one briefly on
// texts made up from templates (verbs x objects) in exactly the shape the loop asks for: lists of
// "N. <instruction>", "Is it classification? Yes|No", "Example N / Input / Output" and
// "Class label / Input" blocks. The loop runs with short templates of the same structure (the built-in
// ones would not fit the pre-training rows of 256 tokens).

const json kTinyPrompts{
    {"instructions", "Tasks:\n{instructions}\n{next}."},
    {"classify", "Which tasks are classification tasks?\n\n{examples}Task: {task}\nIs it classification?"},
    {"input_first", "Instances of tasks.\n\n{examples}Task: {task}\n"},
    {"output_first", "Class labels of tasks.\n\n{examples}Task: {task}\n"}};

const char *const kObjects[] = {"river",  "market", "engine", "garden",  "castle", "budget", "signal",   "harbor",
                                "forest", "ladder", "planet", "recipe",  "ticket", "violin", "winter",   "museum",
                                "bridge", "library", "island", "kitchen", "festival", "village", "robot", "desert"};
// Free-text tasks (the last two are caught by the keyword and length rules).
const char *const kFreeTasks[] = {"Write a short poem about the {o}.",  "Explain how a {o} changes over time.",
                                  "List three facts about the {o}.",    "Describe the {o} in one sentence.",
                                  "Suggest a good name for a new {o}.", "Give two tips for visiting the {o}.",
                                  "Summarize a story about the {o}.",   "Tell a joke about the {o}.",
                                  "Compare a {o} with a {p}.",          "Plan a day trip to the {o}.",
                                  "Rewrite this sentence about the {o} in plain words.",
                                  "Why do people enjoy the {o}?",       "Draw a picture of the {o}.",
                                  "Name a {o}."};
struct ClassTask
{
    const char *text;
    const char *labels[2];
};
const ClassTask kClassTasks[] = {{"Is this review of the {o} positive or negative?", {"Positive", "Negative"}},
                                 {"Classify the {o} as old or new.", {"Old", "New"}},
                                 {"Decide whether the {o} is safe or unsafe.", {"Safe", "Unsafe"}},
                                 {"Does the sentence about the {o} state a fact or an opinion?", {"Fact", "Opinion"}}};

class TaskMaker
{
public:
    explicit TaskMaker(std::uint64_t stream) : m_rng(2024, stream) {}

    /**
     * A task from the first freeTemplates / classTemplates templates; classification when cls is 1,
     * free text when 0, either (three in ten classification) when -1.
     */
    sft::selfinstruct::ExampleTask task(int cls = -1, std::size_t freeTemplates = std::size(kFreeTasks),
                                        std::size_t classTemplates = std::size(kClassTasks))
    {
        sft::selfinstruct::ExampleTask t;
        t.isClassification = cls < 0 ? m_rng.uniform() < 0.3 : cls == 1;
        const std::string o = object(), p = object();
        if (t.isClassification) {
            const ClassTask &c = kClassTasks[m_rng.below(classTemplates)];
            t.instruction = sft::selfinstruct::fillTemplate(c.text, {{"o", o}});
            for (const char *label : c.labels)
                t.instances.push_back({"The " + object() + " by the " + object() + ".", label});
        } else {
            t.instruction = sft::selfinstruct::fillTemplate(kFreeTasks[m_rng.below(freeTemplates)], {{"o", o}, {"p", p}});
            const int n = 1 + int(m_rng.below(2));
            for (int i = 0; i < n; ++i)
                t.instances.push_back(instance());
        }
        return t;
    }

private:
    std::string object() { return kObjects[m_rng.below(std::size(kObjects))]; }
    sft::selfinstruct::Instance instance()
    {
        static const char *const adjectives[] = {"quiet", "large", "bright", "old", "busy", "calm", "green", "cold"};
        const std::string o = object();
        if (m_rng.uniform() < 0.5)
            return {"", "The " + o + " is " + adjectives[m_rng.below(4)] + " and " + adjectives[4 + m_rng.below(4)] + "."};
        return {"A " + o + " near the " + object() + ".", "It is a " + o + " that people like to see."};
    }

    sft::selfinstruct::SeededRandom m_rng;
};

/** What the model should write after each prompt kind, in the labels the parsers read. */
std::string inputFirstAnswer(const sft::selfinstruct::ExampleTask &t)
{
    std::string s;
    for (std::size_t i = 0; i < t.instances.size(); ++i)
        s += "Example " + std::to_string(i + 1) + "\nInput: " + (t.instances[i].input.empty() ? "<noinput>" : t.instances[i].input)
             + "\nOutput: " + t.instances[i].output + "\n";
    return s;
}

std::string outputFirstAnswer(const sft::selfinstruct::ExampleTask &t)
{
    std::string s;
    for (const auto &in : t.instances)
        s += "Class label: " + in.output + "\nInput: " + in.input + "\n";
    return s;
}

/**
 * Writes the pre-training corpus (one text per JSONL record, each a whole prompt of the loop with its
 * answer, built by the loop's own prompt builders) and a seed file whose tasks use only a few of the
 * templates, so that the model can write instructions that are new to the pool.
 */
void writeTinyCorpus(const std::string &corpusPath, const std::string &seedsPath, int documents)
{
    using namespace sft::selfinstruct;
    const PromptSet prompts = promptsFromJson(kTinyPrompts, "en");
    TaskMaker make(1);
    std::ofstream corpus(corpusPath);
    for (int k = 0; k < documents; ++k) {
        std::string doc;
        switch (k % 10) {
        case 0: case 1: case 2: case 3: case 4: {   // a list of 8: 4 shown, 4 continued
            std::vector<std::string> shown;
            for (int i = 0; i < 4; ++i)
                shown.push_back(make.task().instruction);
            doc = instructionsPrompt(prompts, shown);
            for (int n = 5; n <= 8; ++n)
                doc += (n == 5 ? std::string(" ") : "\n" + std::to_string(n) + ". ") + make.task().instruction;
            break;
        }
        case 5: case 6: {
            std::vector<ExampleTask> examples;
            for (int i = 0; i < 4; ++i)
                examples.push_back(make.task());
            const ExampleTask t = make.task(k % 20 < 10 ? 1 : 0);
            doc = classifyPrompt(prompts, examples, t.instruction) + " " + (t.isClassification ? "Yes" : "No");
            break;
        }
        case 7: case 8: {
            ExampleTask example = make.task(0);
            example.instances.resize(1);
            const ExampleTask t = make.task(0);
            doc = inputFirstPrompt(prompts, {example}, t.instruction) + inputFirstAnswer(t);
            break;
        }
        default: {
            const ExampleTask t = make.task(1);
            doc = outputFirstPrompt(prompts, {make.task(1)}, t.instruction) + outputFirstAnswer(t);
            break;
        }
        }
        corpus << json{{"instruction", doc}, {"input", ""}, {"output", ""}}.dump() << '\n';
    }

    TaskMaker seedMaker(2);
    std::ofstream seeds(seedsPath);
    std::set<std::string> seen;
    for (int n = 0; n < 10;) {
        const ExampleTask t = seedMaker.task(n % 3 == 0 ? 1 : 0, 4, 2);
        if (!seen.insert(t.instruction).second)
            continue;
        json instances = json::array();
        for (const auto &in : t.instances)
            instances.push_back(json{{"input", in.input}, {"output", in.output}});
        seeds << json{{"id", "seed_task_" + std::to_string(n)}, {"name", "task_" + std::to_string(n)},
                      {"instruction", t.instruction}, {"instances", instances}, {"is_classification", t.isClassification}}
                     .dump()
              << '\n';
        ++n;
    }
}

/** Whitespace runs as one space: a parsed item joins the lines of a wrapped one. */
std::string squash(const std::string &s)
{
    std::string out;
    for (char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
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
    /** The checks of a finished run of the end-to-end case (seeds: the size of its seed pool). */
    void checkModelRun(const std::string &dir, std::size_t seeds);
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
    QVERIFY(events.size() > 2);
    // The worker claims the folder and says so before it loads the model, then the run starts.
    QCOMPARE(events[0]["event"].get<std::string>(), std::string("loading"));
    QCOMPARE(events[1]["event"].get<std::string>(), std::string("start"));
    QVERIFY(events[1]["resumed"].get<bool>());
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
    // ...and leaves the running worker's log alone (an "error" there would end the run in the GUI's eyes).
    for (const json &l : readLines(runDir + "/events.jsonl"))
        QVERIFY(l.value("event", std::string()) != "error");

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
#elif !defined(SFT_TEST_HAVE_PRETRAIN)
    QSKIP("sftbench-cli cannot pre-train a demo model in this build");
#else
    // A tiny model pre-trained for a few seconds on the loop's own prompt format (see writeTinyCorpus).
    const std::string corpus = file("tiny-corpus.jsonl").toStdString(), seeds = file("tiny-seeds.jsonl").toStdString();
    writeTinyCorpus(corpus, seeds, 400);
    const QString model = file("tiny");
    int code = 0;
    QByteArray err;
    runCli({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"), QStringLiteral("--corpus"),
            QString::fromStdString(corpus), QStringLiteral("--pretrain-steps"), QStringLiteral("150"),
            QStringLiteral("--out"), model},
           &code, &err);
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

    // Every request goes to the model, one at a time (so the run is the same in every session), sampled with
    // the run's seeds; no early end for "exhausted": the run ends by its target or its request budget.
    const json cfg{{"seeds", seeds},
                   {"target", 10},
                   {"max_requests", 40},
                   {"stop_after_empty_requests", 0},
                   {"seed_tasks_per_prompt", 3},
                   {"generated_tasks_per_prompt", 1},
                   {"instructions_per_request", 4},
                   {"classify_positive", 2},
                   {"classify_negative", 2},
                   {"instance_examples", 1},
                   {"sampling", {{"temperature", 0.7}, {"top_p", 0.5}, {"max_tokens", 64}}},
                   {"prompts", kTinyPrompts}};
    auto configFor = [&](const json &backend, const char *name) {
        json c = cfg;
        c["backend"] = backend;
        return QString::fromStdString(writeConfig(name, c));
    };

    // Over HTTP, from an empty run folder: stopped by SIGTERM after its third request, then resumed to the end.
    const QString remoteRun = file("e2e-remote");
    const std::string remoteDir = remoteRun.toStdString();
    {
        QProcess p;
        p.start(sfttest::cliPath(),
                {QStringLiteral("self-instruct"), QStringLiteral("--run"), remoteRun, QStringLiteral("--config"),
                 configFor({{"kind", "openai"}, {"base_url", "http://127.0.0.1:" + std::to_string(port) + "/v1"},
                            {"concurrency", 1}},
                           "e2e-remote.json"),
                 QStringLiteral("--json")});
        QVERIFY(p.waitForStarted(30000));
        QVERIFY(waitUntil(p, [&] { return readLines(remoteDir + "/requests.jsonl").size() >= 3; }));
        QVERIFY2(p.state() == QProcess::Running, "the run ended before it could be stopped");
        p.terminate();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const auto events = jsonLines(p.readAllStandardOutput());
        QVERIFY(events.size() > 2);
        QCOMPARE(events[0]["event"].get<std::string>(), std::string("loading"));
        QCOMPARE(events[1]["event"].get<std::string>(), std::string("start"));
        QVERIFY(!events[1]["resumed"].get<bool>());
        QCOMPARE(events.back()["event"].get<std::string>(), std::string("done"));
        QCOMPARE(events.back()["reason"].get<std::string>(), std::string("stopped"));
    }
    const std::size_t beforeResume = readLines(remoteDir + "/requests.jsonl").size();
    const auto resumed = runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), remoteRun, QStringLiteral("--json")},
                                &code, &err);
    server.terminate();
    server.waitForFinished(60000);
    QVERIFY2(code == 0, err.constData());
    QVERIFY(resumed.size() > 2);
    QCOMPARE(resumed[0]["event"].get<std::string>(), std::string("loading"));
    QCOMPARE(resumed[1]["event"].get<std::string>(), std::string("start"));
    QVERIFY(resumed[1]["resumed"].get<bool>());
    QVERIFY(readLines(remoteDir + "/requests.jsonl").size() > beforeResume);
    checkModelRun(remoteDir, 10);
    if (QTest::currentTestFailed())
        return;

    // In process, in one session.
    const QString localRun = file("e2e-local");
    const std::string localDir = localRun.toStdString();
    runCli({QStringLiteral("self-instruct"), QStringLiteral("--run"), localRun, QStringLiteral("--config"),
            configFor({{"kind", "local"}, {"model", model.toStdString()}, {"device", "cpu"}}, "e2e-local.json"),
            QStringLiteral("--json")},
           &code, &err);
    QVERIFY2(code == 0, err.constData());
    checkModelRun(localDir, 10);
    if (QTest::currentTestFailed())
        return;

    // The same engine, seeds and prompts over HTTP and in process: the same run, request for request, and the
    // stop and resume lost or repeated nothing.
    const auto remote = readLines(remoteDir + "/requests.jsonl"), local = readLines(localDir + "/requests.jsonl");
    QCOMPARE(remote.size(), local.size());
    for (std::size_t i = 0; i < remote.size(); ++i)
        for (const char *key : {"id", "kind", "candidate", "prompt", "text", "finish_reason"})
            QVERIFY2(remote[i].value(key, json()) == local[i].value(key, json()),
                     (std::to_string(i) + " " + key + ": " + remote[i].value(key, json()).dump() + " vs "
                      + local[i].value(key, json()).dump())
                         .c_str());
    const auto remoteCands = readLines(remoteDir + "/candidates.jsonl"), localCands = readLines(localDir + "/candidates.jsonl");
    QCOMPARE(remoteCands.size(), localCands.size());
    for (std::size_t i = 0; i < remoteCands.size(); ++i)
        for (const char *key : {"id", "instruction", "kept", "rule", "instances"})
            QVERIFY(remoteCands[i][key] == localCands[i][key]);
#endif
}

void TestSelfInstructCli::checkModelRun(const std::string &dir, std::size_t seeds)
{
    const auto requests = readLines(dir + "/requests.jsonl");
    const auto candidates = readLines(dir + "/candidates.jsonl");
    const auto events = readLines(dir + "/events.jsonl");

    // Every request was answered by the model, once: ids 0..n-1 (one request in flight at a time).
    std::map<std::string, int> kinds;
    std::map<std::int64_t, std::string> parsed;   // candidate id -> instruction read from a list
    std::map<std::int64_t, bool> verdicts;         // candidate id -> the classification answer
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const json &r = requests[i];
        QVERIFY(r.is_object());
        QCOMPARE(r["id"].get<std::int64_t>(), std::int64_t(i));
        const std::string kind = r["kind"].get<std::string>();
        ++kinds[kind];
        QVERIFY(r["usage"]["prompt_tokens"].get<int>() > 0);
        QVERIFY(r["usage"]["completion_tokens"].get<int>() > 0);
        const std::string text = squash(r["text"].get<std::string>());
        if (kind == "instructions") {
            for (const json &c : r["candidates"]) {
                const std::string instruction = c["instruction"].get<std::string>();
                QVERIFY2(text.find(squash(instruction)) != std::string::npos, instruction.c_str());
                QVERIFY(parsed.emplace(c["id"].get<std::int64_t>(), instruction).second);
            }
        } else if (kind == "instances") {
            // After the classification, and routed by it: output-first for classification tasks.
            const auto verdict = verdicts.find(r["candidate"].get<std::int64_t>());
            QVERIFY(verdict != verdicts.end());
            const std::string head = kTinyPrompts[verdict->second ? "output_first" : "input_first"].get<std::string>();
            QVERIFY(r["prompt"].get<std::string>().rfind(head.substr(0, head.find('{')), 0) == 0);
            for (const json &in : r["instances"])
                QVERIFY2(text.find(squash(in["output"].get<std::string>())) != std::string::npos, text.c_str());
        } else {
            QCOMPARE(kind, std::string("classify"));
            QVERIFY(verdicts.emplace(r["candidate"].get<std::int64_t>(), r["is_classification"].get<bool>()).second);
        }
    }
    QVERIFY(kinds["instructions"] >= 2);
    QVERIFY(kinds["classify"] >= 1);
    QVERIFY(kinds["instances"] >= 1);
    QVERIFY(parsed.size() >= 4);

    // One "request" event per line of the log (a request abandoned by the stop has neither).
    std::map<std::string, int> requestEvents;
    for (const json &e : events)
        if (e.value("event", std::string()) == "request") {
            QVERIFY(e["ok"].get<bool>());
            QVERIFY(e["completion_tokens"].get<int>() > 0);
            ++requestEvents[e["kind"].get<std::string>()];
        }
    QVERIFY(requestEvents == kinds);

    // Each candidate read from the model is decided once: kept with instances, or rejected by a rule.
    std::set<std::int64_t> decided;
    std::int64_t kept = 0, classification = 0;
    json rejected = json::object();
    for (const json &c : candidates) {
        const std::int64_t id = c["id"].get<std::int64_t>();
        QVERIFY(decided.insert(id).second);
        QVERIFY(parsed.count(id));
        QCOMPARE(c["instruction"].get<std::string>(), parsed[id]);
        if (verdicts.count(id))
            QCOMPARE(c["is_classification"].get<bool>(), verdicts[id]);
        const std::string rule = c["rule"].get<std::string>();
        if (c["kept"].get<bool>()) {
            QVERIFY(rule.empty());
            QVERIFY(!c["instances"].empty());
            ++kept;
        } else {
            QVERIFY(!rule.empty());
            QVERIFY(!c["reason"].get<std::string>().empty());
            rejected[rule] = rejected.value(rule, 0) + 1;
        }
        classification += c["is_classification"].get<bool>();
    }
    QVERIFY(candidates.size() >= 3);

    // The last progress event counts what the files hold; the run ended by its target or its budget.
    json progress, done;
    for (const json &e : events) {
        if (e.value("event", std::string()) == "progress")
            progress = e;
        if (e.value("event", std::string()) == "done")
            done = e;
    }
    QVERIFY(progress.is_object() && done.is_object());
    QVERIFY(events.back() == done);
    QCOMPARE(progress["requests"].get<std::size_t>(), requests.size());
    QCOMPARE(progress["candidates"].get<std::size_t>(), candidates.size());
    QCOMPARE(progress["kept"].get<std::int64_t>(), kept);
    QCOMPARE(progress["classification"].get<std::int64_t>(), classification);
    QCOMPARE(progress["pool"].get<std::size_t>(), seeds + std::size_t(kept));
    QVERIFY2(progress["rejected"] == rejected, progress["rejected"].dump().c_str());
    const std::string reason = done["reason"].get<std::string>();
    QVERIFY2(reason == "target" || reason == "max_requests", reason.c_str());
    QCOMPARE(done["kept"].get<std::int64_t>(), kept);
    QCOMPARE(done["requests"].get<std::size_t>(), requests.size());
    if (reason == "target")
        QCOMPARE(kept, std::int64_t(10));
    else
        QCOMPARE(requests.size(), std::size_t(40));
}

QTEST_GUILESS_MAIN(TestSelfInstructCli)
#include "test_selfinstruct_cli.moc"
