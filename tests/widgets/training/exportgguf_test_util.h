#pragma once
// What the Export GGUF tests share: a workspace with a tiny base model (a
// complete model folder where the GGUF exporter is built, so that the dialog's
// check of the base model passes; else its config.json), run folders written
// by hand, a fake worker, and a translator that marks what went through tr().

#include <QAction>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtEndian>
#include <QtTest>

#include "finetune/plan.h"
#include "finetune/train_config.h"
#include "model/model_config.h"
#include "test_util.h"
#include "widget_test_util.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"
#ifdef SFT_HAVE_GGUF
#include "../../gguf/gguf_export_fixtures.h"
#endif

namespace exportggufdialogtest {

using sfttest::PrefixTranslator;
using sfttest::changeLanguage;

/** Whether this build's worker has a subcommand (builds without LibTorch have no engine). */
inline bool workerHas(const QString &command)
{
    QProcess probe;
    probe.start(sfttest::cliPath(), {command, QStringLiteral("--help")});
    return probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

/** Replaces the line edit's text the way a user does (so the dialog sees an edit). */
inline void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    sfttest::typeText(edit, text);
}


/**
 * A fake sftbench-cli in dir. export-gguf: with dir/hang, writes "<out>.part" and sleeps ignoring
 * SIGTERM (only the kill after Stop's grace ends it); otherwise writes <out> and a "done" line with
 * two kept-f16 weights and a warning. merge: waits for dir/go. train: idles for 30 s (a live worker).
 */
inline QString fakeWorker(const QString &dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("fake-sftbench-cli"));
    return sfttest::writeShellScript(path, QStringLiteral(
                "d='%1'\n"
                "prev=; out=\n"
                "for a in \"$@\"; do if [ \"$prev\" = --out ]; then out=\"$a\"; fi; prev=\"$a\"; done\n"
                "case \"$1\" in\n"
                "export-gguf)\n"
                "  echo '{\"event\":\"started\"}'\n"
                "  if [ -f \"$d/hang\" ]; then\n"
                "    printf partial > \"$out.part\"\n"
                "    trap '' TERM\n"
                "    exec sleep 60\n"
                "  fi\n"
                "  printf GGUF > \"$out\"\n"
                "  echo \"{\\\"event\\\":\\\"done\\\",\\\"bytes\\\":4,\\\"kept_f16\\\":[\\\"a\\\",\\\"b\\\"],"
                "\\\"warnings\\\":[\\\"w1\\\"]}\"\n"
                "  ;;\n"
                "merge)\n"
                "  while [ ! -f \"$d/go\" ]; do sleep 0.05; done\n"
                "  mkdir -p \"$out\"\n"
                "  ;;\n"
                "train)\n"
                "  i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
                "  ;;\n"
                "esac\n"
                "exit 0\n")
                .arg(dir)
                .toUtf8());
}

inline QSet<QString> listing(const QString &dir)
{
    const QStringList names = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    return QSet<QString>(names.begin(), names.end());
}

/** The workspace, the tiny model and the run folders of a test class. */
class Fixture
{
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<sft::Workspace> m_ws;
    QString m_model;   ///< the tiny llama: a complete model folder where the exporter is built, else its config.json

    QString runsRoot() const { return sft::runs::runsRoot(m_ws->path()); }

    /** A run folder under the workspace's runs with only its config.json. */
    QString writeRun(const QString &id, const QString &method, const QString &base,
                     const QString &format = QStringLiteral("alpaca"))
    {
        QJsonObject cfg{{QStringLiteral("base_model"), base},
                        {QStringLiteral("train_data"), m_dir.filePath(QStringLiteral("data.json"))},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("name"), QStringLiteral("My Tiny Run")},
                        {QStringLiteral("prompt_format"), format},
                        {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 4}}}};
        return sfttest::writeRunConfig(QDir(runsRoot()).filePath(id), cfg);
    }

    /** A stopped run with a checkpoint in its log: it can be resumed, merged and exported. */
    QString writeStoppedRun(const QString &id)
    {
        const QString dir = writeRun(id, QStringLiteral("lora"), m_model);
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("events.jsonl")),
                           "{\"event\":\"started\",\"pid\":1}\n{\"event\":\"step\",\"step\":1,\"loss\":3}\n"
                           "{\"event\":\"checkpoint\",\"step\":1,\"path\":\"checkpoints/step-00000001\"}\n"
                           "{\"event\":\"stopped\",\"step\":1}\n");
        return dir;
    }

    /** A copy of the tiny model whose config.json gets patch. */
    QString patchedModel(const QString &name, const QJsonObject &patch)
    {
        const QString dir = m_dir.filePath(name);
        QDir().mkpath(dir);
        for (const QString &file : QDir(m_model).entryList(QDir::Files))
            QFile::copy(QDir(m_model).filePath(file), QDir(dir).filePath(file));
        QJsonObject config = QJsonDocument::fromJson(sfttest::readFile(QDir(m_model).filePath(QStringLiteral("config.json")))).object();
        for (auto it = patch.begin(); it != patch.end(); ++it)
            config[it.key()] = it.value();
        QFile::remove(QDir(dir).filePath(QStringLiteral("config.json")));
        sfttest::writeFile(QDir(dir).filePath(QStringLiteral("config.json")), QJsonDocument(config).toJson());
        return dir;
    }

    QJsonObject config(const QString &dir) const { return sft::runs::readConfig(dir); }

    /** The workspace and the tiny model; false when they cannot be made. */
    bool setUpFixture()
    {
        if (!m_dir.isValid())
            return false;
        m_ws = sft::Workspace::open(m_dir.filePath(QStringLiteral("ws.sftws")));
        if (!m_ws)
            return false;
        m_model = m_dir.filePath(QStringLiteral("tiny-model"));
#ifdef SFT_HAVE_GGUF
        // Weights and a tokenizer too: the dialog checks the base model with the exporter's own check.
        ggufx::writeModel(m_model, QJsonDocument::fromJson(sfttest::kTinyLlamaConfig).object());
#else
        sfttest::writeFile(QDir(m_model).filePath(QStringLiteral("config.json")), sfttest::kTinyLlamaConfig);
#endif
        return QFileInfo::exists(QDir(m_model).filePath(QStringLiteral("config.json")));
    }
};

} // namespace exportggufdialogtest
