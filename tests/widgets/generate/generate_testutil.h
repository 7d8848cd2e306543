#pragma once
// What the Generate panel's tests share: a demo workspace in a temporary
// folder with its own settings, the FAKE worker (data/fake-selfinstruct.sh,
// a shell script that speaks the self-instruct protocol: it copies --config
// to config.json, writes worker.pid, appends start / request / candidate /
// progress / done events to events.jsonl, and on SIGTERM writes "done" with
// reason "stopped"), the fixture seeds, and helpers to fill the form and wait
// for a run's status.

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <csignal>

#include "common/modelfolderrow.h"
#include "common/rejectiontext.h"
#include "curation/curationpanel.h"
#include "generate/connectiontest.h"
#include "generate/generateform.h"
#include "generate/generatepanel.h"
#include "generate/generaterun.h"
#include "generate/generaterunlist.h"
#include "generate/generatestats.h"
#include "generate/generateview.h"
#include "generate/promptsdialog.h"
#include "generate/tasktablemodel.h"
#include "mainwindow.h"
#include "quality/qualitypanel.h"
#include "quality/similarityhistogram.h"
#include "test_util.h"
#include "workspace/demo.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

using namespace sft;

using namespace sft;

namespace generatetest {

using sfttest::readFile;
using sfttest::writeFile;

/** One candidate event line as the worker writes it. */
inline QJsonObject candidate(int id, const QString &instruction, bool kept, const QString &rule, double rouge, bool cls = false)
{
    return {{QStringLiteral("event"), QStringLiteral("candidate")}, {QStringLiteral("id"), id},
            {QStringLiteral("instruction"), instruction}, {QStringLiteral("kept"), kept},
            {QStringLiteral("rule"), rule}, {QStringLiteral("reason"), QStringLiteral("why")},
            {QStringLiteral("rouge_best"), rouge}, {QStringLiteral("is_classification"), cls},
            {QStringLiteral("instances"), QJsonArray{QJsonObject{{QStringLiteral("input"), QStringLiteral("i")},
                                                                 {QStringLiteral("output"), QStringLiteral("o")}}}}};
}

/** A one-shot HTTP server for Test connection: answers every request with status and body. */
class TinyHttpServer : public QTcpServer
{
public:
    int status = 200;
    QByteArray body;
    QByteArray lastRequest;

    TinyHttpServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    lastRequest += socket->readAll();
                    if (!lastRequest.contains("\r\n\r\n"))
                        return;
                    const QByteArray reason = status == 200 ? "OK" : "Error";
                    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};


/** The fixture of both Generate test files; setUp() / tearDown() from initTestCase / cleanupTestCase. */
class Fixture
{
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_worker, m_seeds, m_keyOut;

    GeneratePanel *newPanel()
    {
        auto *panel = new GeneratePanel;
        panel->setWorkerProgram(m_worker);
        panel->setContext(m_ws.get(), nullptr);
        panel->resize(1400, 900);
        return panel;
    }

    /** The form set to an endpoint with a key kept in the settings, and the fixture seeds. */
    void fillForm(GenerateForm *form, const QString &key)
    {
        form->backendCombo()->setCurrentIndex(form->backendCombo()->findData(QStringLiteral("openai")));
        form->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
        form->modelNameCombo()->setCurrentText(QStringLiteral("demo"));
        form->keyModeCombo()->setCurrentIndex(form->keyModeCombo()->findData(QStringLiteral("settings")));
        form->apiKeyEdit()->setText(key);
        form->seedCombo()->setCurrentIndex(0);
        form->seedFileEdit()->setText(m_seeds);
    }

    void waitForStatus(GeneratePanel *panel, const QString &id, RunStatus status)
    {
        QTRY_VERIFY_WITH_TIMEOUT(panel->runList()->runStatus(id) == status, 20000);
    }

    void setUp()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        m_ws = Workspace::open(ensureDemoWorkspace(m_dir.filePath(QStringLiteral("demo.sftws"))));
        // The file name must contain "sftbench-cli": the live-worker check looks for it.
        m_worker = m_dir.filePath(QStringLiteral("bin/fake-sftbench-cli-generate.sh"));
        writeFile(m_worker, readFile(QStringLiteral(SFT_TEST_DATA_DIR "/fake-selfinstruct.sh")));
        QFile::setPermissions(m_worker, QFile::permissions(m_worker) | QFileDevice::ExeOwner);
        m_seeds = QStringLiteral(SFT_TEST_DATA_DIR "/seed_tasks_small.jsonl");
        QVERIFY(QFileInfo::exists(m_seeds));
        m_keyOut = m_dir.filePath(QStringLiteral("key-seen-by-worker.txt"));
        qputenv("FAKE_KEY_OUT", m_keyOut.toUtf8());
        qunsetenv("SFTBENCH_API_KEY");
    }

    void tearDown()
    {
        // No fake worker outlives the test, even after a failed check.
        for (const QString &dir : runs::runDirs(generation::runsRoot(m_ws->path())))
            if (const qint64 pid = runs::workerPid(dir); runs::isWorkerAlive(pid))
                ::kill(pid_t(pid), SIGKILL);
    }
};

} // namespace generatetest
