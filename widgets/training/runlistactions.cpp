// RunList, run actions (the "Run" menu button by Stop / Resume): open
// the run folder, merge a LoRA (or fully fine-tuned) run into a standalone
// Hugging Face model folder with `sftbench-cli merge`, write it as a GGUF file
// for llama.cpp with `sftbench-cli export-gguf`, export the scripts that run it
// on a cluster, delete a run.

#include "training/runlist.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QTimer>
#include <QPushButton>
#include <QUrl>

#include "training/exportggufdialog.h"
#include "training/launchscriptdialog.h"
#include "training/trainingcharts.h"
#include "workspace/trainingrun.h"
#include "common/workerrun.h"

#include <algorithm>
#include <utility>

void RunList::buildRunActions()
{
    // A push button with a menu: its width includes the menu arrow, so the label is never clipped.
    m_runMenuButton = new QPushButton(this);
    m_runMenuButton->setObjectName(QStringLiteral("runMenuButton"));
    auto *menu = new QMenu(m_runMenuButton);
    m_openAction = menu->addAction(QString(), this, [this] {
        if (!currentRunId().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(runDir(currentRunId())));
    });
    m_mergeAction = menu->addAction(QString(), this, [this] {
        // The folder typed or picked is the folder written: a new one is created, an existing one
        // must be empty (or the user agrees to overwrite the model files in it).
        const QString id = currentRunId();
        QFileDialog dialog(this, tr("Folder for the merged model"));
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setFileMode(QFileDialog::AnyFile);
        dialog.setLabelText(QFileDialog::Accept, tr("Merge here"));
        dialog.setDirectory(QDir(runDir(id)).filePath(QStringLiteral("..")));
        dialog.selectFile(id + QStringLiteral("-merged"));
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return;
        const QString out = QDir::cleanPath(dialog.selectedFiles().first());
        const QDir existing(out);
        if (existing.exists() && !existing.isEmpty()
            && QMessageBox::question(this, tr("Merge into a model folder"),
                                     tr("%1 is not empty. Write the merged model into it anyway (model files with "
                                        "the same names are replaced)?").arg(QDir::toNativeSeparators(out)),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                   != QMessageBox::Yes)
            return;
        mergeRun(id, out);
    });
    // While an export runs, the same entry stops it.
    m_ggufAction = menu->addAction(QString(), this, [this] {
        if (isExportingGguf())
            stopGgufExport();
        else
            showExportGgufDialog(currentRunId());
    });
    m_ggufAction->setObjectName(QStringLiteral("exportGgufAction"));
    m_scriptAction = menu->addAction(QString(), this, [this] { showLaunchScriptDialog(currentRunId()); });
    m_scriptAction->setObjectName(QStringLiteral("exportLaunchScriptAction"));
    menu->addSeparator();
    m_deleteAction = menu->addAction(QString(), this, [this] {
        const QString id = currentRunId();
        if (id.isEmpty())
            return;
        const auto answer = QMessageBox::question(
            this, tr("Delete run"),
            tr("Delete the run %1 and its folder (checkpoints, outputs, log)? This cannot be undone.").arg(id),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Yes && !deleteRun(id))
            Q_EMIT message(isRunBusy(id) ? tr("%1 is being merged or exported; delete it when that has ended.").arg(id)
                                         : tr("A running run cannot be deleted; stop it first."));
    });
    m_runMenuButton->setMenu(menu);
    // Resume and Delete follow the workers too (a run being merged or exported keeps its folder).
    connect(m_merger, &WorkerRun::runningChanged, this, &RunList::updateButtons);
    connect(m_ggufExporter, &WorkerRun::runningChanged, this, &RunList::updateButtons);
    connect(m_ggufExporter, &WorkerRun::recordReceived, this, &RunList::onGgufRecord);
}

void RunList::retranslateRunActions()
{
    m_runMenuButton->setText(tr("Run…"));
    m_runMenuButton->setToolTip(tr("More actions on the selected run"));
    m_openAction->setText(tr("Open the run folder"));
    m_mergeAction->setText(tr("Merge into a model folder…"));
    m_mergeAction->setToolTip(tr("LoRA folded into the base weights (W + scale·B·A): an ordinary Hugging Face "
                                 "model folder with no inference overhead"));
    m_scriptAction->setText(tr("Export launch script…"));
    m_scriptAction->setToolTip(tr("Scripts that run this run folder data-parallel on a cluster: torchrun on every "
                                  "node, or a Slurm batch job"));
    m_deleteAction->setText(tr("Delete run…"));
}

bool RunList::canMerge(const QString &id) const
{
    // One worker on a run's weights at a time, and none while the run still writes them.
    const QString dir = runDir(id);
    if (dir.isEmpty() || m_merger->isRunning() || m_ggufExporter->isRunning()
        || runStatus(id) == sft::RunStatus::Running)
        return false;
    const QString method = runConfig(id).value(QStringLiteral("method")).toString(QStringLiteral("lora"));
    if (method != QLatin1String("lora") && method != QLatin1String("full"))
        return false;   // adapters and prefixes cannot be folded into the weights
    const sft::RunLog *log = runLog(id);
    return QFileInfo::exists(QDir(dir).filePath(QStringLiteral("final/train_config.json")))
           || (log && !log->checkpoints().isEmpty());
}

void RunList::updateRunActions()
{
    if (!m_runMenuButton)
        return;
    const QString id = currentRunId();
    m_runMenuButton->setEnabled(!id.isEmpty());
    m_openAction->setEnabled(!id.isEmpty());
    m_mergeAction->setEnabled(canMerge(id));
    if (isExportingGguf()) {
        m_ggufAction->setText(tr("Stop the GGUF export"));
        m_ggufAction->setToolTip(tr("Stop writing the GGUF file of %1; nothing is left of it").arg(m_ggufRunId));
        m_ggufAction->setEnabled(true);
    } else {
        m_ggufAction->setText(tr("Export GGUF…"));
        m_ggufAction->setToolTip(tr("One GGUF file for llama.cpp and Ollama: the whole model (LoRA folded in) or the "
                                    "LoRA adapter alone, as f16, f32, bf16 or q8_0"));
        m_ggufAction->setEnabled(canExportGguf(id));
    }
    m_scriptAction->setEnabled(!id.isEmpty());
    m_deleteAction->setEnabled(!id.isEmpty() && runStatus(id) != sft::RunStatus::Running && !isRunBusy(id));
}

bool RunList::mergeRun(const QString &id, const QString &outDir)
{
    if (!canMerge(id))
        return false;
    m_merger->disconnect(this);
    connect(m_merger, &WorkerRun::runningChanged, this, &RunList::updateButtons);
    connect(m_merger, &WorkerRun::finished, this, [this, outDir](bool ok, const QString &error) {
        m_mergeRunId.clear();
        Q_EMIT message(ok ? tr("Merged model written to %1").arg(outDir) : tr("Merge failed: %1").arg(error));
        Q_EMIT mergeEnded(ok, ok ? outDir : error);
    });
    const QStringList args{QStringLiteral("merge"), QStringLiteral("--run-dir"), runDir(id), QStringLiteral("--out"),
                           outDir};
    Q_EMIT message(tr("Merging %1 into %2…").arg(id, outDir));
    m_mergeRunId = id;
    return m_merger->start([args](const QString &) { return args; });
}

bool RunList::canExportGguf(const QString &id) const
{
    // The worker merges the run first (the whole model) or reads its adapter: what Merge needs.
    const QString dir = runDir(id);
    if (dir.isEmpty() || m_ggufExporter->isRunning() || m_merger->isRunning()
        || runStatus(id) == sft::RunStatus::Running)
        return false;
    const QString method = runConfig(id).value(QStringLiteral("method")).toString(QStringLiteral("lora"));
    if (method != QLatin1String("lora") && method != QLatin1String("full"))
        return false;
    const sft::RunLog *log = runLog(id);
    return QFileInfo::exists(QDir(dir).filePath(QStringLiteral("final/train_config.json")))
           || (log && !log->checkpoints().isEmpty());
}

bool RunList::isExportingGguf() const { return m_ggufExporter->isRunning(); }

void RunList::stopGgufExport()
{
    if (!isExportingGguf())
        return;
    Q_EMIT message(tr("Stopping the GGUF export of %1…").arg(m_ggufRunId));
    m_ggufStopping = true;
    m_ggufExporter->stop();
}

bool RunList::isRunBusy(const QString &id) const
{
    return !id.isEmpty()
           && ((m_merger->isRunning() && id == m_mergeRunId) || (m_ggufExporter->isRunning() && id == m_ggufRunId));
}

bool RunList::exportGguf(const QString &id, const QString &outFile, const QString &type, bool adapter)
{
    if (!canExportGguf(id))
        return false;
    const QString out = QDir::cleanPath(QFileInfo(outFile).absoluteFilePath());
    m_ggufExporter->disconnect(this);
    connect(m_ggufExporter, &WorkerRun::runningChanged, this, &RunList::updateButtons);
    connect(m_ggufExporter, &WorkerRun::recordReceived, this, &RunList::onGgufRecord);
    connect(m_ggufExporter, &WorkerRun::finished, this, [this, out](bool ok, const QString &error) {
        m_ggufRunId.clear();
        const bool stopped = std::exchange(m_ggufStopping, false);
        if (ok) {
            const qint64 bytes = m_ggufDone.contains(QStringLiteral("bytes"))
                                     ? qint64(m_ggufDone.value(QStringLiteral("bytes")).toDouble())
                                     : QFileInfo(out).size();
            QString text = tr("GGUF written to %1 (%2)")
                               .arg(QDir::toNativeSeparators(out), QLocale().formattedDataSize(bytes, 1));
            // What the worker wants known: q8_0 weights kept f16, settings llama.cpp does not apply.
            const int keptF16 = int(m_ggufDone.value(QStringLiteral("kept_f16")).toArray().size());
            if (keptF16 > 0)
                text = tr("%1 · %2", "a message and one more thing to know")
                           .arg(text, tr("%n weight(s) kept f16 (rows not a multiple of q8_0's block of 32)", nullptr,
                                         keptF16));
            for (const QJsonValue &warning : m_ggufDone.value(QStringLiteral("warnings")).toArray())
                text = tr("%1 · warning: %2", "a message and a warning of the exporter").arg(text, warning.toString());
            Q_EMIT message(text);
            Q_EMIT exportGgufEnded(true, out);
            return;
        }
        // The worker removes its partial file when it fails or is stopped; one killed after the stop's
        // grace period cannot, so what it left is removed here.
        QFile::remove(out + QStringLiteral(".part"));
        // The worker's own message is its last "error: …" line; warnings before it are left out.
        QString reason = error.trimmed();
        const QStringList lines = reason.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (auto it = lines.crbegin(); it != lines.crend(); ++it)
            if (it->startsWith(QLatin1String("error: "))) {
                reason = it->mid(7).trimmed();
                break;
            }
        Q_EMIT message(stopped ? tr("GGUF export stopped.") : tr("GGUF export failed: %1").arg(reason));
        Q_EMIT exportGgufEnded(false, reason);
    });
    m_ggufDone = QJsonObject();
    m_ggufStopping = false;
    const QStringList args = ExportGgufDialog::exportArguments(runDir(id), out, type, adapter);
    Q_EMIT message(tr("Exporting %1 to %2…").arg(id, QDir::toNativeSeparators(out)));
    m_ggufRunId = id;
    return m_ggufExporter->start([args](const QString &) { return args; });
}

void RunList::onGgufRecord(const QJsonObject &record)
{
    const QString event = record.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("done"))
        m_ggufDone = record;
    if (event != QLatin1String("progress"))
        return;
    const QString stage = record.value(QStringLiteral("stage")).toString();
    if (stage == QLatin1String("merge")) {
        Q_EMIT message(tr("Merging the run into its base model…"));
    } else if (stage == QLatin1String("adapter")) {
        Q_EMIT message(tr("Saving the run's LoRA adapter…"));
    } else if (stage == QLatin1String("write")) {
        // index counts from 0: the tensor about to be written.
        const qint64 count = qint64(record.value(QStringLiteral("count")).toDouble());
        const qint64 index = std::min(qint64(record.value(QStringLiteral("index")).toDouble()) + 1, count);
        Q_EMIT message(tr("Exporting GGUF: tensor %1 of %2").arg(index).arg(count));
    }
}

ExportGgufDialog *RunList::showExportGgufDialog(const QString &id)
{
    if (!run(id))
        return nullptr;
    auto *dialog = new ExportGgufDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRun(runDir(id), runConfig(id).isEmpty() ? sft::runs::readConfig(runDir(id)) : runConfig(id));
    connect(dialog, &QDialog::accepted, this, [this, id, dialog] {
        if (!exportGguf(id, dialog->outFile(), dialog->typeName(), dialog->adapterOnly()))
            Q_EMIT message(tr("This run cannot be exported now: it is training, a merge or another export is running, "
                           "or it has no weights yet."));
    });
    dialog->open();
    return dialog;
}

bool RunList::deleteRun(const QString &id)
{
    if (!run(id) || runStatus(id) == sft::RunStatus::Running || isRunBusy(id))
        return false;
    // Resumed from elsewhere (the CLI, another window) since the list last looked?
    if (sft::runs::liveWorkerPid(runDir(id), markerFor(m_program)) > 0)
        return false;
    const QString dir = runDir(id);
    m_charts->removeRun(id);
    m_runModel->removeRow(runRow(id));
    dropRun(id);
    QDir(dir).removeRecursively();
    updateCharts();
    updateDiff();
    updateButtons();
    return true;
}

LaunchScriptDialog *RunList::showLaunchScriptDialog(const QString &id)
{
    if (!run(id))
        return nullptr;
    auto *dialog = new LaunchScriptDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRun(runDir(id), runConfig(id).isEmpty() ? sft::runs::readConfig(runDir(id)) : runConfig(id), m_program);
    dialog->open();
    return dialog;
}
