#pragma once
// "Export launch script": the scripts that run a fine-tuning run folder on a
// cluster, data-parallel over several machines: a torchrun command to start on
// every node and a Slurm batch script whose srun tasks are the ranks. The
// fields are what the cluster needs (machines, processes and GPUs per machine,
// the rendezvous host and port, where the worker, the run folder and the base
// model are on the cluster, the Slurm job's partition, time and name, the
// collective timeout); both scripts are previewed live from sft::distributed
// (the same code the tests check) and a bad value is marked on its field with
// a message of its own. Save writes launch-torchrun.sh (executable) and
// launch-slurm.sbatch into a folder.

#include <QDialog>
#include <QHash>
#include <QJsonObject>

#include "common/retranslatedtexts.h"
#include "distributed/launch_script.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

class LaunchScriptDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr const char *kTorchrunFile = "launch-torchrun.sh";
    static constexpr const char *kSlurmFile = "launch-slurm.sbatch";

    explicit LaunchScriptDialog(QWidget *parent = nullptr);
    ~LaunchScriptDialog() override;

    /**
     * Defaults from a run: its folder (run folder and save folder), its config.json (the model
     * folder: its base_model; device: one GPU per process for "cuda…", or when launch.json's
     * backend is "nccl", else none), its launch.json (machines and processes of its last start)
     * and this app's worker, made absolute.
     */
    void setRun(const QString &runDir, const QJsonObject &config, const QString &workerProgram);

    /** The fields as a launch description (validated or not). */
    sft::distributed::ClusterLaunch launch() const;
    /**
     * The first bad value, said for its field ("Run folder: must be an absolute path…"), empty
     * when the scripts are valid.
     */
    QString errorText() const { return m_error; }
    /** The validator's own (English) message for it, shown as a tooltip detail. */
    QString errorDetail() const { return m_errorDetail; }
    /** The field the error names (as sft::distributed::validate names it); empty when valid. */
    QString errorField() const { return m_errorField; }
    /** The widget marked as invalid, or null. */
    QWidget *invalidWidget() const;

    /**
     * Write both scripts into folder (created if needed): launch-torchrun.sh with mode 0755,
     * launch-slurm.sbatch with mode 0644. False with error set when the fields are invalid or a
     * file cannot be written.
     */
    bool saveTo(const QString &folder, QString *error = nullptr);
    /** Where Save offers to write (the run's folder). */
    QString saveFolder() const { return m_saveFolder; }

    QSpinBox *nodesSpin() const { return m_nodes; }
    QSpinBox *processesSpin() const { return m_processes; }
    QSpinBox *gpusSpin() const { return m_gpus; }
    QSpinBox *cpusSpin() const { return m_cpus; }
    QLineEdit *masterAddrEdit() const { return m_masterAddr; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *workerEdit() const { return m_worker; }
    QLineEdit *runDirEdit() const { return m_runDir; }
    QLineEdit *modelFolderEdit() const { return m_baseModel; }
    QLineEdit *partitionEdit() const { return m_partition; }
    QLineEdit *timeLimitEdit() const { return m_timeLimit; }
    QLineEdit *jobNameEdit() const { return m_jobName; }
    QSpinBox *timeoutSpin() const { return m_timeout; }
    QPlainTextEdit *torchrunPreview() const { return m_torchrunPreview; }
    QPlainTextEdit *slurmPreview() const { return m_slurmPreview; }
    QTabWidget *previewTabs() const { return m_tabs; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QLabel *savedLabel() const { return m_savedLabel; }
    QPushButton *saveButton() const { return m_save; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addLabel(const char *source) { return m_texts.addLabel(source, this); }
    void addText(QObject *widget, const char *source) { m_texts.add(widget, source); }
    void retranslate();
    void refresh();
    /** What is wrong with field, translated; detail (the validator's text) when the field is unknown. */
    QString fieldMessage(const QString &field, const QString &detail) const;
    void chooseFolderAndSave();

    QString m_error, m_errorDetail, m_errorField, m_saveFolder;
    bool m_cuda = false;
    bool m_gpusFollow = true;   ///< GPUs per node follows processes per node until edited
    bool m_syncing = false;
    RetranslatedTexts m_texts;
    QHash<QString, QWidget *> m_fieldWidgets;

    QSpinBox *m_nodes = nullptr, *m_processes = nullptr, *m_gpus = nullptr, *m_cpus = nullptr, *m_port = nullptr,
             *m_timeout = nullptr;
    QLineEdit *m_masterAddr = nullptr, *m_worker = nullptr, *m_runDir = nullptr, *m_baseModel = nullptr,
              *m_partition = nullptr, *m_timeLimit = nullptr, *m_jobName = nullptr;
    QPlainTextEdit *m_torchrunPreview = nullptr, *m_slurmPreview = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_note = nullptr, *m_errorLabel = nullptr, *m_savedLabel = nullptr;
    QPushButton *m_save = nullptr, *m_close = nullptr;
};
