// The Export launch script dialog: cluster settings on the left, the torchrun and
// Slurm scripts previewed live on the right, saved together into a folder.

#include "training/launchscriptdialog.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "core/error.h"
#include "workspace/qtstrings.h"
#include "workspace/trainingrun.h"

namespace {

bool writeText(const QString &path, const std::string &text, QFileDevice::Permissions mode, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit()) {
        *error = LaunchScriptDialog::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    if (!QFile::setPermissions(path, mode)) {
        *error = LaunchScriptDialog::tr("cannot set the permissions of %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

} // namespace

LaunchScriptDialog::LaunchScriptDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("launchScriptDialog"));
    const sft::distributed::ClusterLaunch defaults;
    auto spin = [this](const char *name, int lo, int hi, int value, const char *field) {
        auto *s = new QSpinBox(this);
        s->setObjectName(QLatin1String(name));
        s->setRange(lo, hi);
        s->setValue(value);
        m_fieldWidgets.insert(QLatin1String(field), s);
        connect(s, &QSpinBox::valueChanged, this, &LaunchScriptDialog::refresh);
        return s;
    };
    auto edit = [this](const char *name, const std::string &value, const char *field) {
        auto *e = new QLineEdit(sft::qs(value), this);
        e->setObjectName(QLatin1String(name));
        m_fieldWidgets.insert(QLatin1String(field), e);
        connect(e, &QLineEdit::textChanged, this, &LaunchScriptDialog::refresh);
        return e;
    };
    m_nodes = spin("nodesSpin", 1, 100000, defaults.nodes, "nodes");
    m_processes = spin("processesPerNodeSpin", 1, 4096, defaults.processesPerNode, "processes_per_node");
    m_gpus = spin("gpusPerNodeSpin", 0, 4096, defaults.gpusPerNode, "gpus_per_node");
    m_masterAddr = edit("masterAddrEdit", defaults.masterAddr, "master_addr");
    m_port = spin("masterPortSpin", 1, 65535, defaults.masterPort, "master_port");
    m_timeout = spin("collectiveTimeoutSpin", 1, 7 * 24 * 3600, defaults.collectiveTimeoutSeconds, "collective_timeout");
    m_worker = edit("workerPathEdit", defaults.worker, "worker");
    m_runDir = edit("clusterRunDirEdit", defaults.runDir, "run_dir");
    m_baseModel = edit("clusterModelEdit", defaults.baseModel, "base_model");
    m_jobName = edit("jobNameEdit", defaults.jobName, "job_name");
    m_partition = edit("partitionEdit", defaults.partition, "partition");
    m_timeLimit = edit("timeLimitEdit", defaults.timeLimit, "time_limit");
    m_cpus = spin("cpusPerTaskSpin", 0, 4096, defaults.cpusPerTask, "cpus_per_task");
    // Spellings of the same fields a validator may use.
    m_fieldWidgets.insert(QStringLiteral("collective_timeout_seconds"), m_timeout);
    m_fieldWidgets.insert(QStringLiteral("processes"), m_processes);
    m_fieldWidgets.insert(QStringLiteral("port"), m_port);
    // Until GPUs per node is edited, it follows processes per node (one GPU per process on CUDA).
    connect(m_gpus, &QSpinBox::valueChanged, this, [this] {
        if (!m_syncing)
            m_gpusFollow = false;
    });
    connect(m_processes, &QSpinBox::valueChanged, this, [this](int value) {
        if (!m_gpusFollow || !m_cuda)
            return;
        m_syncing = true;
        m_gpus->setValue(value);
        m_syncing = false;
    });

    auto *cluster = new QGroupBox(this);
    addText(cluster, QT_TR_NOOP("Machines"));
    auto *clusterForm = new QFormLayout(cluster);
    clusterForm->addRow(addLabel(QT_TR_NOOP("Nodes:")), m_nodes);
    clusterForm->addRow(addLabel(QT_TR_NOOP("Processes per node:")), m_processes);
    clusterForm->addRow(addLabel(QT_TR_NOOP("GPUs per node:")), m_gpus);
    clusterForm->addRow(addLabel(QT_TR_NOOP("Master address:")), m_masterAddr);
    clusterForm->addRow(addLabel(QT_TR_NOOP("Port:")), m_port);
    clusterForm->addRow(addLabel(QT_TR_NOOP("Collective timeout:")), m_timeout);
    auto *paths = new QGroupBox(this);
    addText(paths, QT_TR_NOOP("On the cluster"));
    auto *pathsForm = new QFormLayout(paths);
    pathsForm->addRow(addLabel(QT_TR_NOOP("Worker:")), m_worker);
    pathsForm->addRow(addLabel(QT_TR_NOOP("Run folder:")), m_runDir);
    pathsForm->addRow(addLabel(QT_TR_NOOP("Model folder:")), m_baseModel);
    auto *slurm = new QGroupBox(this);
    addText(slurm, QT_TR_NOOP("Slurm"));
    auto *slurmForm = new QFormLayout(slurm);
    slurmForm->addRow(addLabel(QT_TR_NOOP("Job name:")), m_jobName);
    slurmForm->addRow(addLabel(QT_TR_NOOP("Partition:")), m_partition);
    slurmForm->addRow(addLabel(QT_TR_NOOP("Time limit:")), m_timeLimit);
    slurmForm->addRow(addLabel(QT_TR_NOOP("CPUs per process:")), m_cpus);
    for (QFormLayout *form : {clusterForm, pathsForm, slurmForm})
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("launchErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();
    auto *fields = new QVBoxLayout;
    fields->addWidget(cluster);
    fields->addWidget(paths);
    fields->addWidget(slurm);
    fields->addWidget(m_errorLabel);   // under the fields, the marked one among them
    fields->addWidget(m_note);
    fields->addStretch(1);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto preview = [this, &mono](const char *name) {
        auto *text = new QPlainTextEdit(this);
        text->setObjectName(QLatin1String(name));
        text->setReadOnly(true);
        text->setFont(mono);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        return text;
    };
    m_torchrunPreview = preview("torchrunPreview");
    m_slurmPreview = preview("slurmPreview");
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("launchPreviewTabs"));
    m_tabs->addTab(m_torchrunPreview, QString());
    m_tabs->addTab(m_slurmPreview, QString());

    // The fields take what their rows need; the scripts get the rest of the width.
    auto *fieldsBox = new QWidget(this);
    fieldsBox->setLayout(fields);
    fields->setContentsMargins(0, 0, 0, 0);
    fieldsBox->setMaximumWidth(440);
    auto *body = new QHBoxLayout;
    body->addWidget(fieldsBox, 0);
    body->addWidget(m_tabs, 1);

    m_savedLabel = new QLabel(this);
    m_savedLabel->setObjectName(QStringLiteral("launchSavedLabel"));
    m_savedLabel->setWordWrap(true);
    m_savedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveLaunchScriptsButton"));
    addText(m_save, QT_TR_NOOP("Save…"));
    m_close = new QPushButton(this);
    addText(m_close, QT_TR_NOOP("Close"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_savedLabel, 1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &LaunchScriptDialog::chooseFolderAndSave);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    resize(1240, 660);
    retranslate();
}

LaunchScriptDialog::~LaunchScriptDialog() = default;

void LaunchScriptDialog::retranslate()
{
    setWindowTitle(tr("Export launch script"));
    m_texts.apply([](const char *source) { return tr(source); });
    m_tabs->setTabText(0, tr("torchrun"));
    m_tabs->setTabText(1, tr("Slurm"));
    m_nodes->setToolTip(tr("Machines in the run"));
    m_processes->setToolTip(tr("Worker processes on every machine: one per GPU on CUDA; on the CPU each should get "
                               "cores of its own"));
    m_gpus->setToolTip(tr("GPUs Slurm gives every machine (0: none asked for, a CPU run)"));
    m_masterAddr->setToolTip(tr("The host name of the first machine, where the processes meet (the Slurm script "
                                "takes the job's first node instead)"));
    m_port->setToolTip(tr("A free TCP port on the first machine for the rendezvous"));
    m_timeout->setToolTip(tr("How long a process waits for the others in a collective before the run fails (and "
                             "resumes from its last checkpoint when started again)"));
    m_timeout->setSuffix(tr(" s"));
    m_worker->setToolTip(tr("Absolute path of sftbench-cli on the cluster's machines (the same on every one)"));
    m_runDir->setToolTip(tr("Absolute path of this run's folder on storage every machine mounts at that path; copy "
                            "the folder there first"));
    m_baseModel->setToolTip(tr("Absolute path of the base model's folder on the cluster (the worker's --base-model; "
                               "config.json keeps this machine's path); copy the model there first"));
    m_jobName->setToolTip(tr("Slurm job name (squeue shows it)"));
    m_partition->setToolTip(tr("Slurm partition; empty: the cluster's default"));
    m_timeLimit->setToolTip(tr("Slurm time limit, e.g. 24:00:00 or 2-00:00:00"));
    m_cpus->setToolTip(tr("CPUs Slurm gives each process (0: no --cpus-per-task line)"));
    m_cpus->setSpecialValueText(tr("not set"));
    m_note->setText(tr("The model, the worker and the run folder must be at these paths on every node. Start the "
                       "torchrun script on every node with NODE_RANK=0 … nodes−1, or submit the Slurm script with "
                       "sbatch. Both resume from the newest checkpoint when started again, also with another number "
                       "of processes; the result does not depend on it."));
    m_save->setToolTip(tr("Write %1 and %2 into a folder").arg(QLatin1String(kTorchrunFile), QLatin1String(kSlurmFile)));
    for (QPlainTextEdit *preview : {m_torchrunPreview, m_slurmPreview})
        preview->setPlaceholderText(tr("No script while a field is invalid (marked in red)."));
    // One label width for the three groups, so their fields line up.
    int labelWidth = 0;
    const QList<QLabel *> labels = m_texts.labels();
    for (QLabel *label : labels) {
        label->setMinimumWidth(0);
        labelWidth = std::max(labelWidth, label->sizeHint().width());
    }
    for (QLabel *label : labels)
        label->setMinimumWidth(labelWidth);
    // The error of a marked field is in its tooltip too.
    for (QWidget *w : std::as_const(m_fieldWidgets))
        w->setProperty("baseToolTip", w->toolTip());
    refresh();
}

void LaunchScriptDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LaunchScriptDialog::setRun(const QString &runDir, const QJsonObject &config, const QString &workerProgram)
{
    // GPUs only for a run known to use them: "auto" may well be a CPU run.
    const QString device = config.value(QStringLiteral("device")).toString(QStringLiteral("auto"));
    const QJsonObject launched = sft::runs::readLaunch(runDir);
    m_cuda = device.startsWith(QLatin1String("cuda"))
             || launched.value(QStringLiteral("backend")).toString() == QLatin1String("nccl");
    const int nodes = launched.value(QStringLiteral("nodes")).toInt(1);
    const int perNode = launched.value(QStringLiteral("processes_per_node")).toInt(1);
    m_saveFolder = QDir(runDir).absolutePath();
    m_syncing = true;
    m_nodes->setValue(std::max(1, nodes));
    m_processes->setValue(std::max(1, perNode));
    m_gpus->setValue(m_cuda ? m_processes->value() : 0);
    m_syncing = false;
    m_gpusFollow = true;
    m_worker->setText(sft::runs::absoluteProgram(workerProgram));
    m_runDir->setText(m_saveFolder);
    m_baseModel->setText(config.value(QStringLiteral("base_model")).toString());
    m_savedLabel->clear();
    refresh();
}

sft::distributed::ClusterLaunch LaunchScriptDialog::launch() const
{
    sft::distributed::ClusterLaunch l;
    l.nodes = m_nodes->value();
    l.processesPerNode = m_processes->value();
    l.gpusPerNode = m_gpus->value();
    l.masterAddr = sft::ss(m_masterAddr->text().trimmed());
    l.masterPort = m_port->value();
    l.collectiveTimeoutSeconds = m_timeout->value();
    l.worker = sft::ss(m_worker->text().trimmed());
    l.runDir = sft::ss(m_runDir->text().trimmed());
    l.baseModel = sft::ss(m_baseModel->text().trimmed());
    l.jobName = sft::ss(m_jobName->text().trimmed());
    l.partition = sft::ss(m_partition->text().trimmed());
    l.timeLimit = sft::ss(m_timeLimit->text().trimmed());
    l.cpusPerTask = m_cpus->value();
    return l;
}

QWidget *LaunchScriptDialog::invalidWidget() const
{
    for (QWidget *w : m_fieldWidgets)
        if (w->property("invalidField").toBool())
            return w;
    return nullptr;
}

void LaunchScriptDialog::refresh()
{
    if (!m_torchrunPreview)
        return;   // still being built
    m_error.clear();
    m_errorDetail.clear();
    m_errorField.clear();
    QString torchrun, slurm;
    const sft::distributed::ClusterLaunch l = launch();
    try {
        sft::distributed::validate(l);
        // The script always states the model's path on the cluster: config.json holds this machine's.
        if (l.baseModel.empty())
            throw sft::Error("base_model is empty", {{}, 0, 0, -1, "base_model"});
        torchrun = sft::qs(sft::distributed::torchrunScript(l));
        slurm = sft::qs(sft::distributed::slurmScript(l));
    } catch (const sft::Error &e) {
        m_errorField = sft::qs(e.where().field);
        m_errorDetail = sft::qs(e.message());
        m_error = fieldMessage(m_errorField, m_errorDetail);
    } catch (const std::exception &e) {
        m_errorDetail = QString::fromUtf8(e.what());
        m_error = fieldMessage(QString(), m_errorDetail);
    }
    // An invalid launch has no script: the previews stay empty rather than show a stale one.
    m_torchrunPreview->setPlainText(torchrun);
    m_slurmPreview->setPlainText(slurm);
    m_errorLabel->setText(m_error);
    m_errorLabel->setToolTip(m_errorDetail);
    m_errorLabel->setVisible(!m_error.isEmpty());
    m_save->setEnabled(m_error.isEmpty());
    QWidget *bad = m_fieldWidgets.value(m_errorField);
    for (QWidget *w : std::as_const(m_fieldWidgets)) {
        const bool mark = w == bad;
        if (w->property("invalidField").toBool() != mark) {
            w->setProperty("invalidField", mark);
            w->setStyleSheet(mark ? QStringLiteral("border: 1px solid #b00020;") : QString());
        }
        const QString base = w->property("baseToolTip").toString();
        w->setToolTip(mark ? m_error + QStringLiteral("\n(") + m_errorDetail + QStringLiteral(")\n\n") + base : base);
    }
}

QString LaunchScriptDialog::fieldMessage(const QString &field, const QString &detail) const
{
    const QString sbatchWord = tr("one word, without spaces, quotes, backslashes or '#'");
    const QHash<QString, QString> messages{
        {QStringLiteral("nodes"), tr("Nodes: at least 1.")},
        {QStringLiteral("processes_per_node"), tr("Processes per node: at least 1.")},
        {QStringLiteral("gpus_per_node"), tr("GPUs per node: 0 or more.")},
        {QStringLiteral("cpus_per_task"), tr("CPUs per process: 0 or more.")},
        {QStringLiteral("master_addr"), tr("Master address: a host name or address, without spaces.")},
        {QStringLiteral("master_port"), tr("Port: 1 to 65535.")},
        {QStringLiteral("collective_timeout"), tr("Collective timeout: at least 1 second.")},
        {QStringLiteral("worker"), tr("Worker: must be an absolute path, or a bare name found on PATH.")},
        {QStringLiteral("torchrun"), tr("torchrun: must be an absolute path, or a bare name found on PATH.")},
        {QStringLiteral("run_dir"), tr("Run folder: must be an absolute path, without backslashes.")},
        {QStringLiteral("base_model"), tr("Model folder: must be an absolute path (the model's folder on the cluster).")},
        {QStringLiteral("job_name"), tr("Job name: %1.").arg(sbatchWord)},
        {QStringLiteral("partition"), tr("Partition: %1 (empty: the cluster's default).").arg(sbatchWord)},
        {QStringLiteral("time_limit"), tr("Time limit: e.g. 24:00:00; %1.").arg(sbatchWord)},
    };
    const QString message = messages.value(field);
    if (message.isEmpty())
        return tr("Invalid value: %1").arg(detail);
    // Line breaks and other control characters are refused in every text field.
    if (detail.contains(QLatin1String("control character")))
        return message + QLatin1Char(' ') + tr("No line breaks or other control characters.");
    return message;
}

bool LaunchScriptDialog::saveTo(const QString &folder, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    if (!m_error.isEmpty()) {
        err = m_error;
        return false;
    }
    const QDir dir(folder);
    if (!dir.mkpath(QStringLiteral("."))) {
        err = tr("cannot create %1").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const sft::distributed::ClusterLaunch l = launch();
    using P = QFileDevice;
    const P::Permissions readable = P::ReadOwner | P::WriteOwner | P::ReadUser | P::WriteUser | P::ReadGroup | P::ReadOther;
    const P::Permissions executable = readable | P::ExeOwner | P::ExeUser | P::ExeGroup | P::ExeOther;
    const QString torchrunPath = dir.filePath(QLatin1String(kTorchrunFile));
    const QString slurmPath = dir.filePath(QLatin1String(kSlurmFile));
    if (!writeText(torchrunPath, sft::distributed::torchrunScript(l), executable, &err)
        || !writeText(slurmPath, sft::distributed::slurmScript(l), readable, &err))
        return false;
    m_savedLabel->setText(tr("Wrote %1 and %2 to %3")
                              .arg(QLatin1String(kTorchrunFile), QLatin1String(kSlurmFile),
                                   QDir::toNativeSeparators(dir.absolutePath())));
    return true;
}

void LaunchScriptDialog::chooseFolderAndSave()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the launch scripts"), m_saveFolder);
    if (folder.isEmpty())
        return;
    const QDir dir(folder);
    if ((QFileInfo::exists(dir.filePath(QLatin1String(kTorchrunFile)))
         || QFileInfo::exists(dir.filePath(QLatin1String(kSlurmFile))))
        && QMessageBox::question(this, tr("Export launch script"),
                                 tr("%1 already holds launch scripts. Replace them?").arg(QDir::toNativeSeparators(folder)),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return;
    QString error;
    if (!saveTo(folder, &error)) {
        m_savedLabel->setText(tr("Cannot save the launch scripts: %1").arg(error));
        return;
    }
    m_saveFolder = folder;
}
