#pragma once
// Help ▸ About: the application, the versions it runs on (Qt, SQLite, and the
// LibTorch of the worker, asked without blocking), where its translations come
// from, and the licence; "Copy versions" gives the `sftbench --version` text
// for a bug report.

#include <QDialog>

#include "common/retranslatedtexts.h"
#include "workspace/versioninfo.h"
#include "workspace/workerprocess.h"

class QLabel;
class QProcess;
class QPushButton;
class QTimer;

class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    /** workerProgram is asked `--version` for its LibTorch (tests pass a fake one). */
    explicit AboutDialog(const QString &workerProgram = sft::WorkerProcess::defaultProgram(), QWidget *parent = nullptr);
    ~AboutDialog() override;

    /** What "Copy versions" puts on the clipboard: the versionReport() lines, LibTorch as known so far. */
    QString versionsText() const;
    QLabel *torchLabel() const { return m_torch; }
    QPushButton *copyButton() const { return m_copy; }
    /** The worker this dialog asks (its "Worker:" row). */
    QString workerProgram() const { return m_program; }

Q_SIGNALS:
    /**
     * The worker has answered, or failed to (not found, failed, timed out); the
     * LibTorch row shows the outcome. Emitted once, always through the event
     * loop, so connecting right after construction never misses it.
     */
    void workerAnswered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void askWorker();
    /** Takes the worker's first answer (later ones are ignored) and shows it. */
    void answer(const sft::WorkerAnswer &answer);
    void retranslate();
    QString translationsText() const;

    QString m_program;
    QProcess *m_worker = nullptr;
    QTimer *m_timeout = nullptr;
    sft::WorkerAnswer m_answer{{}, sft::WorkerFailure::Pending, {}};
    QString m_sqlite;

    RetranslatedTexts m_texts;
    QLabel *m_name = nullptr, *m_version = nullptr, *m_description = nullptr, *m_qt = nullptr, *m_sqliteLabel = nullptr,
           *m_torch = nullptr, *m_translations = nullptr, *m_licence = nullptr, *m_homepage = nullptr;
    QPushButton *m_copy = nullptr;
};
