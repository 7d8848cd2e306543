// RunList, run actions (the "Run" menu button by Stop / Resume): open
// the run folder, merge a LoRA (or fully fine-tuned) run into a standalone
// Hugging Face model folder with `sftbench-cli merge`, export the scripts that
// run it on a cluster, delete a run.

#include "training/runlist.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QTimer>
#include <QPushButton>
#include <QUrl>

#include "training/launchscriptdialog.h"
#include "training/trainingcharts.h"
#include "workspace/trainingrun.h"
#include "common/workerrun.h"

#include <algorithm>

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
            Q_EMIT message(tr("A running run cannot be deleted; stop it first."));
    });
    m_runMenuButton->setMenu(menu);
    connect(m_merger, &WorkerRun::runningChanged, this, &RunList::updateRunActions);
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
    const QString dir = runDir(id);
    if (dir.isEmpty() || m_merger->isRunning())
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
    m_scriptAction->setEnabled(!id.isEmpty());
    m_deleteAction->setEnabled(!id.isEmpty() && runStatus(id) != sft::RunStatus::Running);
}

bool RunList::mergeRun(const QString &id, const QString &outDir)
{
    if (!canMerge(id))
        return false;
    m_merger->disconnect(this);
    connect(m_merger, &WorkerRun::runningChanged, this, &RunList::updateRunActions);
    connect(m_merger, &WorkerRun::finished, this, [this, outDir](bool ok, const QString &error) {
        Q_EMIT message(ok ? tr("Merged model written to %1").arg(outDir) : tr("Merge failed: %1").arg(error));
        Q_EMIT mergeEnded(ok, ok ? outDir : error);
    });
    const QStringList args{QStringLiteral("merge"), QStringLiteral("--run-dir"), runDir(id), QStringLiteral("--out"),
                           outDir};
    Q_EMIT message(tr("Merging %1 into %2…").arg(id, outDir));
    return m_merger->start([args](const QString &) { return args; });
}

bool RunList::deleteRun(const QString &id)
{
    if (!run(id) || runStatus(id) == sft::RunStatus::Running)
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
