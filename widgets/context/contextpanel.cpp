#include "context/contextpanel.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

#include "common/demomodeljob.h"
#include "common/modelfolderrow.h"
#include "common/panelutil.h"
#include "context/alibiview.h"
#include "context/experimentsview.h"
#include "context/plotutil.h"
#include "context/ropeview.h"
#include "model/architecture.h"
#include "model/model_config.h"
#include "model/position_math.h"
#include "workspace/qtstrings.h"
#include "workspace/workerprocess.h"

namespace {

using sft::model::RopeScaling;
using contextplot::num;

/** How long a typed path rests before it is read (every keystroke would parse a config.json). */
constexpr int kReadDelayMs = 250;

} // namespace

ContextPanel::ContextPanel(QWidget *parent) : QWidget(parent), m_program(sft::WorkerProcess::defaultProgram())
{
    setObjectName(QStringLiteral("contextPanel"));
    m_modelRow = new ModelFolderRow(this);
    // The two demo models beside the folder: one of each position scheme.
    m_demoLabel = new QLabel(m_modelRow);
    m_ropeDemo = new QPushButton(m_modelRow);
    m_ropeDemo->setObjectName(QStringLiteral("ropeDemoButton"));
    m_alibiDemo = new QPushButton(m_modelRow);
    m_alibiDemo->setObjectName(QStringLiteral("alibiDemoButton"));
    m_modelRow->addTrailingWidget(m_demoLabel);
    m_modelRow->addTrailingWidget(m_ropeDemo);
    m_modelRow->addTrailingWidget(m_alibiDemo);
    m_demoStatus = new QLabel(this);
    m_demoStatus->setObjectName(QStringLiteral("demoStatusLabel"));
    m_demoStatus->setWordWrap(true);
    m_demoStatus->hide();
    m_summaryTitle = titleLabel(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("contextSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("contextPages"));
    m_alibi = new AlibiView(m_pages);
    m_rope = new RopeView(m_pages);
    m_pages->addTab(m_alibi, QString());
    m_pages->addTab(m_rope, QString());
    m_experiments = new ExperimentsView(m_pages);
    m_pages->addTab(m_experiments, QString());
    m_pages->setCurrentIndex(RopePage);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_modelRow);
    layout->addWidget(m_modelRow->note());
    layout->addWidget(m_demoStatus);
    layout->addWidget(m_summaryTitle);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);

    m_readTimer = new QTimer(this);
    m_readTimer->setSingleShot(true);
    m_readTimer->setInterval(kReadDelayMs);
    connect(m_readTimer, &QTimer::timeout, this, &ContextPanel::readModel);
    connect(m_modelRow, &ModelFolderRow::modelDirChanged, m_readTimer, qOverload<>(&QTimer::start));
    connect(m_ropeDemo, &QPushButton::clicked, this, [this] { useDemoModel(DemoModel::Rope); });
    connect(m_alibiDemo, &QPushButton::clicked, this, [this] { useDemoModel(DemoModel::Alibi); });
    // Results describe the model they were measured on: it stays while they are measured.
    connect(m_experiments, &ExperimentsView::runningChanged, this, [this](bool running) {
        m_experimentRunning = running;
        updateDemoControls();
    });
    // The first experiment on the demo model creates it: read it then.
    connect(m_experiments, &ExperimentsView::finished, this, [this] {
        if (!m_config)
            readModel();
    });
    retranslate();
    readModel();
}

ContextPanel::~ContextPanel() = default;

void ContextPanel::setDemoModelDir(const QString &dir)
{
    m_experiments->setDemoModelDir(dir);
    m_modelRow->setDemoModelDir(dir);
    updateDemoControls();
    readModel();
}

QString ContextPanel::alibiDemoModelDir() const
{
    const QString demo = m_modelRow->demoModelDir();
    return demo.isEmpty() ? QString() : QDir::cleanPath(demo) + QStringLiteral("-alibi");
}

void ContextPanel::setModelDir(const QString &dir)
{
    m_modelRow->setModelDir(dir);
    readModel();
}

QString ContextPanel::modelDir() const { return m_modelRow->modelDir(); }

void ContextPanel::setWorkerProgram(const QString &program)
{
    m_program = program;
    m_experiments->setProgram(program);
}

void ContextPanel::setJobRunner(JobRunner runner)
{
    m_runner = runner;
    m_experiments->setJobRunner(std::move(runner));
}

void ContextPanel::setWorkspace(sft::Workspace *workspace) { m_experiments->setWorkspace(workspace); }

bool ContextPanel::useDemoModel(DemoModel which)
{
    if (m_experimentRunning)
        return false;
    if (which == DemoModel::Rope) {
        if (m_modelRow->demoModelDir().isEmpty())
            return false;
        setModelDir(m_modelRow->demoModelDir());
        return true;
    }
    const QString dir = alibiDemoModelDir();
    if (dir.isEmpty())
        return false;
    if (m_demoJob)
        return true;  // already being written; it is chosen when done
    m_demoError.clear();
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json")))) {
        setModelDir(dir);
        Q_EMIT demoModelReady(true, QString());
        return true;
    }
    // The same job as the LLaMA-style demo model, with the BLOOM layout and ALiBi.
    const bool started = demomodel::createAndStart(
        this, dir, m_program, m_runner, m_demoJob, [this](bool) { updateDemoControls(); },
        [this, dir] {
            updateDemoControls();
            setModelDir(dir);
            Q_EMIT demoModelReady(true, QString());
        },
        [this](const QString &error) {
            m_demoError = error;
            updateDemoControls();
            Q_EMIT demoModelReady(false, error);
        },
        {QStringLiteral("--position"), QStringLiteral("alibi")});
    updateDemoControls();
    return started;
}

void ContextPanel::updateDemoControls()
{
    // No model change while an experiment runs or the ALiBi demo model is being written.
    m_modelRow->setEnabled(!m_experimentRunning && !m_demoJob);
    const bool demoKnown = !m_modelRow->demoModelDir().isEmpty();
    m_ropeDemo->setEnabled(demoKnown);
    m_alibiDemo->setEnabled(demoKnown);
    m_demoStatus->setText(demoStatusText());
    m_demoStatus->setVisible(!m_demoStatus->text().isEmpty());
    m_demoStatus->setStyleSheet(m_demoError.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
}

QString ContextPanel::demoStatusText() const
{
    if (m_demoJob)
        return tr("Writing the BLOOM-style (ALiBi) demo model into %1 (briefly pre-trained, a few seconds)…")
            .arg(QDir::toNativeSeparators(alibiDemoModelDir()));
    if (!m_demoError.isEmpty())
        return tr("Could not write the ALiBi demo model: %1").arg(m_demoError);
    return {};
}

void ContextPanel::readModel()
{
    m_readTimer->stop();
    const QString dir = modelDir();
    m_config.reset();
    m_problem = Problem::None;
    m_problemDetail.clear();
    const QString path = QDir(dir).filePath(QStringLiteral("config.json"));
    if (dir.isEmpty()) {
        m_problem = Problem::NoFolder;
    } else if (!QFileInfo::exists(path)) {
        m_problem = demomodel::isDemoModel(dir, m_modelRow->demoModelDir()) ? Problem::DemoNotWritten : Problem::NoConfig;
        m_problemDetail = dir;
    } else {
        try {
            m_config = std::make_unique<sft::model::ModelConfig>(sft::model::ModelConfig::fromFile(sft::ss(path)));
        } catch (const std::exception &e) {
            m_problem = Problem::Unreadable;
            m_problemDetail = QString::fromUtf8(e.what());
        }
    }
    // Read once; the experiments take what they need from it.
    m_experiments->setModel(dir, m_config.get());
    if (m_config) {
        const sft::model::ModelConfig &c = *m_config;
        m_alibi->setHeadCount(int(std::clamp<std::int64_t>(c.numHeads, 1, 128)));
        m_rope->setModel(c.ropeTheta, int(c.headDim), int(c.maxPositions), c.ropeScaling);
        // The page of the model's own scheme; an experiment being set up stays in view.
        if (m_pages->currentIndex() != ExperimentsPage)
            m_pages->setCurrentIndex(c.positionEncoding == sft::model::PositionEncoding::Alibi ? AlibiPage : RopePage);
    }
    m_summary->setText(summaryText());
    Q_EMIT modelChanged();
}

QString ContextPanel::summaryText() const
{
    switch (m_problem) {
    case Problem::None:
        break;
    case Problem::NoFolder:
        return tr("Choose a model folder.");
    case Problem::DemoNotWritten:
        // The row's note already says what the demo model is and when it is written.
        return tr("No config.json yet; meanwhile the pages show a typical model.");
    case Problem::NoConfig:
        return tr("%1 is not a model folder: it has no config.json.").arg(QDir::toNativeSeparators(m_problemDetail));
    case Problem::Unreadable:
        return tr("Cannot read the model's config.json: %1").arg(m_problemDetail);
    }
    if (!m_config)
        return {};
    const sft::model::ModelConfig &c = *m_config;
    const bool alibi = c.positionEncoding == sft::model::PositionEncoding::Alibi;
    const QString arch = tr("%1 (model_type %2)")
                             .arg(QString::fromUtf8(sft::model::architectureName(c.architecture)), sft::qs(c.modelType));
    const QString heads = c.numKvHeads != c.numHeads
                              ? tr("%1 heads (%2 key/value), head dim %3").arg(c.numHeads).arg(c.numKvHeads).arg(c.headDim)
                              : tr("%1 heads, head dim %2").arg(c.numHeads).arg(c.headDim);
    if (alibi) {
        const QString line1 = tr("%1 · position scheme: ALiBi · window (seq_length, the training length; ALiBi has "
                                 "no hard limit): %2")
                                  .arg(arch)
                                  .arg(c.maxPositions);
        const qint64 extra = sft::model::posmath::alibiExtraSlopes(c.numHeads);
        const QString slopes =
            extra == 0 ? tr("ALiBi slopes 2^(−8h/n)")
                       //: %1 the largest power of two below the head count, %2 extra slopes, %3 heads
                       : tr("ALiBi slopes 2^(−8h/%1) for the first %1 heads, plus BLOOM's %2 extra slopes (%3 heads "
                            "is not a power of two)")
                             .arg(c.numHeads - extra)
                             .arg(extra)
                             .arg(c.numHeads);
        return line1 + QLatin1Char('\n')
            + tr("%1 · %2; no position embeddings (rope_theta not used)").arg(heads, slopes);
    }
    const QString line1 =
        tr("%1 · position scheme: RoPE · window (max_position_embeddings): %2").arg(arch).arg(c.maxPositions);
    const RopeScaling &s = c.ropeScaling;
    const qint64 original = s.originalMaxPositions > 0 ? s.originalMaxPositions : c.maxPositions;
    QString scaling;
    switch (s.type) {
    case RopeScaling::Type::None:
        scaling = tr("none");
        break;
    case RopeScaling::Type::Linear:
        scaling = tr("linear, factor %1").arg(num(s.factor));
        break;
    case RopeScaling::Type::Dynamic:
        scaling = tr("dynamic NTK, factor %1").arg(num(s.factor));
        break;
    case RopeScaling::Type::Yarn:
        scaling = tr("YaRN, factor %1, original window %2, β fast %3 / slow %4")
                      .arg(num(s.factor))
                      .arg(original)
                      .arg(num(s.betaFast), num(s.betaSlow));
        break;
    case RopeScaling::Type::Llama3:
        scaling = tr("llama3, factor %1, original window %2, low / high frequency factor %3 / %4")
                      .arg(num(s.factor))
                      .arg(original)
                      .arg(num(s.lowFreqFactor), num(s.highFreqFactor));
        break;
    }
    return line1 + QLatin1Char('\n')
        + tr("rope_theta %1 · %2 · rope scaling: %3").arg(num(c.ropeTheta), heads, scaling);
}

void ContextPanel::retranslate()
{
    m_modelRow->retranslate(QString(),
                            tr("This is the demo model: tiny and only briefly pre-trained, so its perplexity and "
                               "passkey numbers mean little, but every step runs. When it is missing, the first "
                               "experiment on it writes it."));
    m_demoLabel->setText(tr("Demo model:"));
    m_ropeDemo->setText(tr("LLaMA-style (RoPE)"));
    m_ropeDemo->setToolTip(tr("The tiny LLaMA-style demo model with rotary positions; it is written by the first "
                              "experiment that runs on it."));
    m_alibiDemo->setText(tr("BLOOM-style (ALiBi)"));
    m_alibiDemo->setToolTip(tr("A tiny BLOOM-style model with ALiBi, written next to the demo model on first use "
                               "(sftbench-cli init-model --position alibi), then chosen: its real slopes, and "
                               "experiments without RoPE scaling."));
    m_summaryTitle->setText(tr("Model"));
    m_pages->setTabText(AlibiPage, tr("ALiBi"));
    m_pages->setTabText(RopePage, tr("RoPE"));
    m_pages->setTabText(ExperimentsPage, tr("Experiments"));
    // The pages translate themselves (they get the same LanguageChange).
    m_summary->setText(summaryText());
    updateDemoControls();
}

void ContextPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_pages)
        retranslate();
    QWidget::changeEvent(event);
}

void ContextPanel::showEvent(QShowEvent *event)
{
    // The demo model may have been created since (by an experiment or another panel's run).
    if (!m_config)
        readModel();
    QWidget::showEvent(event);
}
