#include "context/experimentrun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

#include "common/workerrun.h"
#include "workspace/demo.h"

ExperimentRun::ExperimentRun(QObject *parent) : QObject(parent), m_worker(new WorkerRun(this))
{
    connect(m_worker, &WorkerRun::recordReceived, this, [this](const QJsonObject &record) {
        if (m_index < 0)
            return;
        const ContextOutputParser::Event event = m_parser.add(record);
        if (event != ContextOutputParser::Event::Ignored)
            Q_EMIT recordParsed(m_index, event);
    });
    connect(m_worker, &WorkerRun::finished, this, &ExperimentRun::onStepFinished);
}

void ExperimentRun::setProgram(const QString &program)
{
    m_worker->setProgram(program);
}

QString ExperimentRun::program() const
{
    return m_worker->program();
}

void ExperimentRun::setJobRunner(JobRunner runner)
{
    m_worker->setJobRunner(std::move(runner));
}

bool ExperimentRun::start(const QVector<Step> &steps)
{
    if (m_running || steps.isEmpty())
        return false;
    m_steps = steps;
    m_index = -1;
    m_stopRequested = false;
    m_running = true;
    Q_EMIT runningChanged(true);
    startStep();
    return true;
}

void ExperimentRun::startStep()
{
    ++m_index;
    const Step step = m_steps.at(m_index);
    m_parser = ContextOutputParser(step.kind);
    Q_EMIT stepStarted(m_index);
    WorkerRun::Options options;
    options.modelDir = step.modelDir;
    options.demoModelDir = m_demoModelDir;
    options.scratch = !step.text.isEmpty();
    // A failure to start is reported through finished() (onStepFinished), even from inside start().
    m_worker->start(
        [step](const QString &scratch) {
            QStringList args = step.args;
            if (!step.text.isEmpty()) {
                const QString path = QDir(scratch).filePath(QStringLiteral("text.txt"));
                QFile f(path);
                if (!f.open(QIODevice::WriteOnly) || f.write(step.text) != step.text.size())
                    throw std::runtime_error(tr("cannot write %1").arg(path).toStdString());
                args << QStringLiteral("--text") << path;
            }
            return args;
        },
        options);
}

void ExperimentRun::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_worker->stop();
}

void ExperimentRun::onStepFinished(bool ok, const QString &error)
{
    if (!m_running)
        return;
    if (!ok || m_stopRequested) {
        finish(false, m_stopRequested ? tr("stopped") : error);
        return;
    }
    // A worker that exits cleanly without its "done" record did not measure everything: stopped by
    // someone else (a signal from outside the panel prints "stopped" too) or cut short.
    if (!m_parser.isDone()) {
        const bool stopped = m_parser.kind() == ContextOutputParser::Kind::Perplexity ? m_parser.perplexity().stopped
                                                                                      : m_parser.passkey().stopped;
        finish(false, stopped ? tr("the worker was stopped from outside the panel before it finished")
                              : tr("the worker ended without reporting that it finished"));
        return;
    }
    if (m_index + 1 >= m_steps.size()) {
        finish(true, {});
        return;
    }
    startStep();
}

void ExperimentRun::finish(bool ok, const QString &error)
{
    m_running = false;
    Q_EMIT runningChanged(false);
    Q_EMIT finished(ok, error);
}

double ExperimentRun::fraction() const
{
    if (m_steps.isEmpty() || m_index < 0)
        return 0.0;
    return (double(m_index) + m_parser.fraction()) / double(m_steps.size());
}

QByteArray ExperimentRun::demoText()
{
    QByteArray json;
    try {
        json = sft::demoDatasetJson();
    } catch (const std::exception &) {
        return {};
    }
    QStringList paragraphs;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject r = v.toObject();
        QStringList parts;
        for (const char *key : {"instruction", "input", "output"}) {
            const QString text = r.value(QLatin1String(key)).toString().trimmed();
            if (!text.isEmpty())
                parts << text;
        }
        for (const QJsonValue &m : r.value(QStringLiteral("messages")).toArray()) {
            const QString text = m.toObject().value(QStringLiteral("content")).toString().trimmed();
            if (!text.isEmpty())
                parts << text;
        }
        if (!parts.isEmpty())
            paragraphs << parts.join(QLatin1Char('\n'));
    }
    return paragraphs.join(QStringLiteral("\n\n")).toUtf8() + '\n';
}
