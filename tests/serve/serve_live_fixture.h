#pragma once
// What the `sftbench-cli serve` live tests share: the tiny demo model, built
// once per executable and served on a free port with an API key (from
// SFTBENCH_API_KEY), the server's JSON-lines log read back, a cpp-httplib
// client and a raw socket to talk to it, `sftbench-cli generate --json` to
// compare against, and the check of an OpenAI-style error body. Each test
// executable derives its test class from ServeLiveFixture, which starts the
// server in initTestCase and kills it in cleanupTestCase.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "test_util.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

Q_DECLARE_METATYPE(std::string)

namespace sfttest {

using nlohmann::json;

const char *const kKey = "test-key-6b1f";
constexpr int kMaxBody = 65536;

inline QString qs(const std::string &s) { return QString::fromStdString(s); }

struct Reply
{
    int status = 0;     ///< 0: no answer (connection error)
    std::string contentType;
    std::string body;
    json json_;         ///< the body parsed when it is JSON
};

/** Run sftbench-cli; stdout, or a failed QVERIFY message in err. */
inline QByteArray runCli(const QStringList &args, QString *err)
{
    QProcess p;
    p.start(sfttest::cliPath(), args);
    if (!p.waitForFinished(240000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *err = QStringLiteral("sftbench-cli %1 failed: %2").arg(args.join(QLatin1Char(' ')),
                                                                 QString::fromUtf8(p.readAllStandardError()));
        return {};
    }
    return p.readAllStandardOutput();
}

/** The events of a server-sent event stream: the payloads of its "data: " lines. */
inline std::vector<std::string> sseEvents(const std::string &body, QString *problem)
{
    std::vector<std::string> events;
    std::size_t pos = 0;
    while (pos < body.size()) {
        const std::size_t end = body.find("\n\n", pos);
        if (end == std::string::npos) {
            *problem = QStringLiteral("an event without its blank line: ") + qs(body.substr(pos, 80));
            return events;
        }
        const std::string event = body.substr(pos, end - pos);
        if (event.rfind("data: ", 0) != 0 || event.find('\n') != std::string::npos) {
            *problem = QStringLiteral("not a single data line: ") + qs(event.substr(0, 80));
            return events;
        }
        events.push_back(event.substr(6));
        pos = end + 2;
    }
    return events;
}

class ServeLiveFixture : public QObject
{
    Q_OBJECT

protected:
    QTemporaryDir m_tmp;
    QString m_model;
    QProcess m_server;
    QString m_serverOut;
    int m_port = 0;

    /** Lines of a server's stdout so far (default: the main server's), parsed. */
    std::vector<json> serverEvents(const QString &file = {}) const
    {
        std::vector<json> out;
        QFile f(file.isEmpty() ? m_serverOut : file);
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                out.push_back(json::parse(line.toStdString(), nullptr, false));
        return out;
    }

    /** The first server event that satisfies pred, waiting up to two minutes for it to be written. */
    json waitForEvent(const std::function<bool(const json &)> &pred, QProcess *server = nullptr, const QString &file = {})
    {
        for (int i = 0; i < 2400; ++i) {
            for (const json &e : serverEvents(file))
                if (e.is_object() && pred(e))
                    return e;
            if ((server ? server : &m_server)->state() == QProcess::NotRunning)
                break;
            QThread::msleep(50);
        }
        return json();
    }

    httplib::Client client(int port = 0) const
    {
        httplib::Client c("127.0.0.1", port ? port : m_port);
        c.set_read_timeout(240, 0);
        c.set_write_timeout(60, 0);
        return c;
    }

    static Reply toReply(const httplib::Result &r)
    {
        Reply out;
        if (!r)
            return out;
        out.status = r->status;
        out.contentType = r->get_header_value("Content-Type");
        out.body = r->body;
        out.json_ = json::parse(r->body, nullptr, false);
        return out;
    }

    Reply post(const std::string &path, const std::string &body, const char *key = kKey, int port = 0,
               const char *contentType = "application/json") const
    {
        auto c = client(port);
        httplib::Headers headers;
        if (key)
            headers.emplace("Authorization", std::string("Bearer ") + key);
        return toReply(c.Post(path.c_str(), headers, body, contentType));
    }

    /** The environment for a server: the test's own, with SFTBENCH_API_KEY = key ("" = removed). */
    static QProcessEnvironment serverEnvironment(const QString &key)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("SFTBENCH_API_KEY"));
        if (!key.isEmpty())
            env.insert(QStringLiteral("SFTBENCH_API_KEY"), key);
        return env;
    }

    /** Send bytes on a plain TCP connection to the server and read until it closes (for what httplib's client cannot send). */
    std::string rawExchange(const std::string &request) const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return "no socket";
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(m_port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval timeout{30, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string answer;
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0
            && ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
                answer.append(buf, static_cast<std::size_t>(n));
        }
        ::close(fd);
        return answer;
    }

    /** The request log line of the response id (waiting for it to be written). */
    json loggedRequest(const std::string &id)
    {
        return waitForEvent([&](const json &e) { return e.value("event", "") == "request" && e.value("id", "") == id; });
    }

    Reply get(const std::string &path, const char *key = kKey) const
    {
        auto c = client();
        httplib::Headers headers;
        if (key)
            headers.emplace("Authorization", std::string("Bearer ") + key);
        return toReply(c.Get(path.c_str(), headers));
    }

    /** `generate --json`'s final line for the prompt and the extra options. */
    json generate(const QString &prompt, const QStringList &options, QString *err)
    {
        QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), m_model, QStringLiteral("--prompt"),
                         prompt, QStringLiteral("--json")};
        args += options;
        const QByteArray out = runCli(args, err);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        return lines.isEmpty() ? json() : json::parse(lines.last().toStdString(), nullptr, false);
    }

    /** Check an error answer: status, JSON content type, the error object and its param / code. */
    static QString errorProblem(const Reply &r, int status, const std::string &param, const std::string &code)
    {
        if (r.status != status)
            return QStringLiteral("status %1 (expected %2): %3").arg(r.status).arg(status).arg(qs(r.body));
        if (r.contentType.rfind("application/json", 0) != 0)
            return QStringLiteral("content type ") + qs(r.contentType);
        const json &e = r.json_.is_object() ? r.json_.value("error", json()) : json();
        if (!e.is_object() || !e.value("message", json()).is_string() || !e.value("type", json()).is_string()
            || !e.contains("param") || !e.contains("code"))
            return QStringLiteral("not an OpenAI error body: ") + qs(r.body);
        const json expectedParam = param.empty() ? json(nullptr) : json(param);
        if (e["param"] != expectedParam)
            return QStringLiteral("param %1, expected %2").arg(qs(e["param"].dump()), qs(expectedParam.dump()));
        if (!code.empty() && e["code"] != json(code))
            return QStringLiteral("code %1, expected %2").arg(qs(e["code"].dump()), qs(code));
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        ::signal(SIGPIPE, SIG_IGN);
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        QVERIFY(m_tmp.isValid());
        m_model = m_tmp.filePath(QStringLiteral("demo"));
        QString err;
        runCli({QStringLiteral("init-model"), QStringLiteral("--out"), m_model}, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        m_serverOut = m_tmp.filePath(QStringLiteral("server.jsonl"));
        m_server.setStandardOutputFile(m_serverOut);
        m_server.setStandardErrorFile(m_tmp.filePath(QStringLiteral("server.err")));
        m_server.setProcessEnvironment(serverEnvironment(QString::fromLatin1(kKey)));   // the key, not on the command line
        m_server.start(sfttest::cliPath(), {QStringLiteral("serve"), QStringLiteral("--model"), m_model,
                                            QStringLiteral("--port"), QStringLiteral("0"),
                                            QStringLiteral("--served-model-name"), QStringLiteral("demo"),
                                            QStringLiteral("--max-body-bytes"), QString::number(kMaxBody)});
        QVERIFY(m_server.waitForStarted(30000));
        const json listening = waitForEvent([](const json &e) { return e.value("event", "") == "listening"; });
        QVERIFY2(listening.is_object(), "the server printed no listening line");
        QCOMPARE(qs(listening["host"]), QStringLiteral("127.0.0.1"));
        m_port = listening["port"].get<int>();
        QVERIFY(m_port > 0);
        QCOMPARE(listening["context_length"].get<int>(), 1024);
        QCOMPARE(qs(listening["chat_template"]), QStringLiteral("chat"));   // the model's own (ChatML) Jinja template
        QVERIFY(listening["api_key"].get<bool>());
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.kill();
            m_server.waitForFinished(10000);
        }
    }
};

} // namespace sfttest
