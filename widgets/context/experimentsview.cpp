// ExperimentsView, first half: the configuration list with its add row, the
// measurement settings, the model's position encoding, retranslation and the
// exports. Running and drawing the results is experimentsviewrun.cpp.

#include "context/experimentsview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "common/panelutil.h"
#include "model/model_config.h"
#include "workspace/trainingrun.h"
#include "workspace/workspace.h"

namespace {

/** The demo model's window: the model chosen by default, whose config.json may not be written yet. */
constexpr int kDemoWindow = 1024;
/** A passkey prompt needs about 115 tokens with the demo tokenizer (instruction, key, question). */
constexpr int kPasskeyMinimum = 128;

QString lengthList(QVector<int> lengths, int minimum)
{
    for (int &l : lengths)
        l = std::max(l, minimum);
    std::sort(lengths.begin(), lengths.end());
    lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
    QStringList parts;
    for (int l : lengths)
        parts << QString::number(l);
    return parts.join(QStringLiteral(", "));
}

QString startHint()
{
    return ExperimentsView::tr("Press Run to measure every configuration listed, one after the other: perplexity "
                               "first, then passkey retrieval.");
}

bool sameFolder(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a.isEmpty() == b.isEmpty();
    return QDir::cleanPath(QDir(a).absolutePath()) == QDir::cleanPath(QDir(b).absolutePath());
}

} // namespace

ExperimentsView::ExperimentsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("experimentsView"));
    m_configs = new ExperimentConfigModel(this);
    // What the chapter compares first: the model as it is, and the same model interpolated to twice its context.
    m_configs->setConfigs({ExperimentConfigModel::base(), ExperimentConfigModel::scaled(QStringLiteral("linear"), 2.0)});
    m_run = new ExperimentRun(this);
    m_charts = new ExperimentCharts(this);
    m_charts->setResults(&m_perplexity, &m_passkey);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(buildConfigurations(), 1);
    leftLayout->addWidget(buildSettings());

    m_runButton = new QPushButton(left);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_export = new QToolButton(left);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_exportMenu = new QMenu(m_export);
    m_pngAction = m_exportMenu->addAction(QString());
    m_pdfAction = m_exportMenu->addAction(QString());
    m_csvAction = m_exportMenu->addAction(QString());
    m_export->setMenu(m_exportMenu);
    m_progress = new QProgressBar(left);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_status = new QLabel(left);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Three lines, whatever the message: a long error must not take the configuration list's room.
    m_status->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_status->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_status->setFixedHeight(3 * m_status->fontMetrics().lineSpacing() + 4);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_export);
    runRow->addWidget(m_progress, 1);
    leftLayout->addLayout(runRow);
    leftLayout->addWidget(m_status);

    auto *right = new QWidget(this);
    m_resultsLabel = new QLabel(right);
    m_resultsLabel->setObjectName(QStringLiteral("resultsLabel"));
    m_resultsLabel->setTextFormat(Qt::PlainText);
    m_resultsLabel->hide();
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_resultsLabel);
    rightLayout->addWidget(m_charts, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_runButton, &QPushButton::clicked, this, [this] {
        if (isRunning())
            stop();
        else
            run();
    });
    connect(m_pngAction, &QAction::triggered, this, [this] {
        saveDialog(tr("PNG images (*.png)"), QStringLiteral("png"),
                   [this](const QString &path) { exportChart(m_charts->currentChart(), path); });
    });
    connect(m_pdfAction, &QAction::triggered, this, [this] {
        saveDialog(tr("PDF documents (*.pdf)"), QStringLiteral("pdf"),
                   [this](const QString &path) { exportChart(m_charts->currentChart(), path); });
    });
    connect(m_csvAction, &QAction::triggered, this, [this] {
        saveDialog(tr("CSV files (*.csv)"), QStringLiteral("csv"), [this](const QString &path) { exportCsv(path); });
    });
    connect(m_run, &ExperimentRun::recordParsed, this, &ExperimentsView::onRecord);
    connect(m_run, &ExperimentRun::stepStarted, this, [this] { setStatus([this] { return progressText(); }); });
    connect(m_run, &ExperimentRun::finished, this, &ExperimentsView::onFinished);
    connect(m_run, &ExperimentRun::runningChanged, this, [this](bool running) {
        updateButtons();
        Q_EMIT runningChanged(running);
    });

    setStatus(&startHint);
    retranslate();
    updateAddRow();
    updateButtons();
}

ExperimentsView::~ExperimentsView() = default;

QWidget *ExperimentsView::buildConfigurations()
{
    auto *box = new QWidget(this);
    m_configTitle = titleLabel(box);
    m_list = new QListView(box);
    m_list->setObjectName(QStringLiteral("configList"));
    m_list->setModel(m_configs);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(90);

    m_addKind = new QComboBox(box);
    m_addKind->setObjectName(QStringLiteral("addKindCombo"));
    // A model of items, so the scaling entry can be disabled for ALiBi models.
    auto *kinds = new QStandardItemModel(m_addKind);
    for (AddKind k : {AddKind::Base, AddKind::Scaled, AddKind::Run}) {
        auto *item = new QStandardItem;
        item->setData(int(k), Qt::UserRole);
        kinds->appendRow(item);
    }
    m_addKind->setModel(kinds);
    m_scaling = new QComboBox(box);
    m_scaling->setObjectName(QStringLiteral("scalingCombo"));
    for (const QString &type : ExperimentConfigModel::scalingTypes())
        m_scaling->addItem(QString(), type);
    m_factorLabel = new QLabel(box);
    m_factor = new QDoubleSpinBox(box);
    m_factor->setObjectName(QStringLiteral("factorSpin"));
    m_factor->setRange(1.0, 64.0);
    m_factor->setDecimals(2);
    m_factor->setSingleStep(0.5);
    m_factor->setValue(2.0);
    m_runCombo = new QComboBox(box);
    m_runCombo->setObjectName(QStringLiteral("runCombo"));
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runCombo->setMinimumContentsLength(16);
    m_refreshRuns = new QPushButton(box);
    m_refreshRuns->setObjectName(QStringLiteral("refreshRunsButton"));
    m_add = new QPushButton(box);
    m_add->setObjectName(QStringLiteral("addButton"));
    m_remove = new QPushButton(box);
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_alibiNote = new QLabel(box);
    m_alibiNote->setObjectName(QStringLiteral("alibiNote"));
    m_alibiNote->setWordWrap(true);
    m_alibiNote->hide();

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addKind);
    addRow->addWidget(m_scaling);
    addRow->addWidget(m_factorLabel);
    addRow->addWidget(m_factor);
    addRow->addWidget(m_runCombo, 1);
    addRow->addWidget(m_refreshRuns);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_configTitle);
    layout->addWidget(m_list, 1);
    layout->addLayout(addRow);
    layout->addLayout(buttons);
    layout->addWidget(m_alibiNote);

    connect(m_addKind, &QComboBox::currentIndexChanged, this, &ExperimentsView::updateAddRow);
    connect(m_add, &QPushButton::clicked, this, &ExperimentsView::addCurrentChoice);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        if (current.isValid())
            m_configs->remove(current.row());
        updateButtons();
    });
    connect(m_refreshRuns, &QPushButton::clicked, this, &ExperimentsView::refreshRuns);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ExperimentsView::updateButtons);
    connect(m_configs, &QAbstractItemModel::modelReset, this, &ExperimentsView::updateButtons);
    return box;
}

QWidget *ExperimentsView::buildSettings()
{
    auto *box = new QWidget(this);
    m_settingsTitle = titleLabel(box);
    m_doPerplexity = new QCheckBox(box);
    m_doPerplexity->setObjectName(QStringLiteral("perplexityCheck"));
    m_doPerplexity->setChecked(true);
    m_textLabel = new QLabel(box);
    m_textFile = new QLineEdit(box);
    m_textFile->setObjectName(QStringLiteral("textFileEdit"));
    m_textFile->setClearButtonEnabled(true);
    m_browse = new QPushButton(box);
    m_browse->setObjectName(QStringLiteral("browseTextButton"));
    m_lengthsLabel = new QLabel(box);
    m_lengthsDefault = defaultLengths(0);
    m_lengths = new QLineEdit(m_lengthsDefault, box);
    m_lengths->setObjectName(QStringLiteral("lengthsEdit"));
    m_strideCheck = new QCheckBox(box);
    m_strideCheck->setObjectName(QStringLiteral("strideCheck"));
    m_stride = new QSpinBox(box);
    m_stride->setObjectName(QStringLiteral("strideSpin"));
    m_stride->setRange(1, 1 << 20);
    m_stride->setValue(64);
    m_stride->setEnabled(false);
    m_maxWindowsLabel = new QLabel(box);
    m_maxWindows = new QSpinBox(box);
    m_maxWindows->setObjectName(QStringLiteral("maxWindowsSpin"));
    m_maxWindows->setRange(0, 100000);
    m_maxWindows->setValue(0);

    m_doPasskey = new QCheckBox(box);
    m_doPasskey->setObjectName(QStringLiteral("passkeyCheck"));
    m_doPasskey->setChecked(true);
    m_keyLengthsLabel = new QLabel(box);
    m_keyLengthsDefault = defaultPasskeyLengths(0);
    m_keyLengths = new QLineEdit(m_keyLengthsDefault, box);
    m_keyLengths->setObjectName(QStringLiteral("passkeyLengthsEdit"));
    m_depthsLabel = new QLabel(box);
    m_depths = new QLineEdit(QStringLiteral("0, 25, 50, 75, 100"), box);
    m_depths->setObjectName(QStringLiteral("depthsEdit"));
    m_trialsLabel = new QLabel(box);
    m_trials = new QSpinBox(box);
    m_trials->setObjectName(QStringLiteral("trialsSpin"));
    m_trials->setRange(1, 1000);
    m_trials->setValue(3);
    m_seedLabel = new QLabel(box);
    m_seed = new QSpinBox(box);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(0, 1000000);

    auto *textRow = new QHBoxLayout;
    textRow->addWidget(m_textFile, 1);
    textRow->addWidget(m_browse);
    auto *strideRow = new QHBoxLayout;
    strideRow->addWidget(m_strideCheck);
    strideRow->addWidget(m_stride);
    strideRow->addWidget(m_maxWindowsLabel);
    strideRow->addWidget(m_maxWindows);
    strideRow->addStretch(1);
    auto *grid = new QGridLayout;
    int row = 0;
    grid->addWidget(m_doPerplexity, row++, 0, 1, 4);
    grid->addWidget(m_textLabel, row, 0);
    grid->addLayout(textRow, row++, 1, 1, 3);
    grid->addWidget(m_lengthsLabel, row, 0);
    grid->addWidget(m_lengths, row++, 1, 1, 3);
    grid->addLayout(strideRow, row++, 1, 1, 3);
    grid->addWidget(m_doPasskey, row++, 0, 1, 4);
    grid->addWidget(m_keyLengthsLabel, row, 0);
    grid->addWidget(m_keyLengths, row++, 1, 1, 3);
    grid->addWidget(m_depthsLabel, row, 0);
    grid->addWidget(m_depths, row++, 1, 1, 3);
    grid->addWidget(m_trialsLabel, row, 0);
    grid->addWidget(m_trials, row, 1);
    grid->addWidget(m_seedLabel, row, 2);
    grid->addWidget(m_seed, row++, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_settingsTitle);
    layout->addLayout(grid);

    connect(m_strideCheck, &QCheckBox::toggled, m_stride, &QWidget::setEnabled);
    connect(m_browse, &QPushButton::clicked, this, &ExperimentsView::browseTextFile);
    connect(m_doPerplexity, &QCheckBox::toggled, this, &ExperimentsView::updateButtons);
    connect(m_doPasskey, &QCheckBox::toggled, this, &ExperimentsView::updateButtons);
    return box;
}

QString ExperimentsView::defaultLengths(int window)
{
    // Two lengths inside the window, the window, and twice it: the last one is what the experiment is about.
    const int L = window > 0 ? window : kDemoWindow;
    return lengthList({L / 4, L / 2, L, 2 * L}, 2);
}

QString ExperimentsView::defaultPasskeyLengths(int window)
{
    const int L = window > 0 ? window : kDemoWindow;
    return lengthList({L / 2, L, 2 * L}, kPasskeyMinimum);
}

void ExperimentsView::setModel(const QString &dir, const sft::model::ModelConfig *config)
{
    ModelInfo model;
    model.dir = dir;
    if (config) {
        model.alibi = config->positionEncoding == sft::model::PositionEncoding::Alibi;
        model.maxPositions = int(config->maxPositions);
    }
    if (isRunning()) {
        // The running comparison keeps describing the model it started on.
        m_pendingModel = model;
        m_hasPendingModel = true;
        return;
    }
    applyModel(model);
}

void ExperimentsView::applyModel(const ModelInfo &model)
{
    m_hasPendingModel = false;
    m_model = model;
    // Results describe the model they were measured on: another model clears them.
    if (!m_resultConfigs.isEmpty() && !sameFolder(model.dir, m_resultModelDir))
        clearResults();
    m_configs->setAlibi(model.alibi);
    if (m_resultConfigs.isEmpty())
        m_charts->setMaxPositions(model.maxPositions);
    applyDefaultLengths(model.maxPositions);
    updateAddRow();
}

void ExperimentsView::applyDefaultLengths(int window)
{
    // Fields the user has not changed follow the model's window.
    if (m_lengths->text() == m_lengthsDefault) {
        m_lengthsDefault = defaultLengths(window);
        m_lengths->setText(m_lengthsDefault);
    }
    if (m_keyLengths->text() == m_keyLengthsDefault) {
        m_keyLengthsDefault = defaultPasskeyLengths(window);
        m_keyLengths->setText(m_keyLengthsDefault);
    }
}

void ExperimentsView::setDemoModelDir(const QString &dir)
{
    m_demoModelDir = dir;
    m_run->setDemoModelDir(dir);
}

void ExperimentsView::setProgram(const QString &program)
{
    m_run->setProgram(program);
}

QString ExperimentsView::program() const
{
    return m_run->program();
}

void ExperimentsView::setJobRunner(JobRunner runner)
{
    m_run->setJobRunner(std::move(runner));
}

void ExperimentsView::setWorkspace(sft::Workspace *workspace)
{
    m_workspace = workspace;
    refreshRuns();
}

void ExperimentsView::refreshRuns()
{
    m_trainedRuns = m_workspace ? trainedRuns(sft::runs::runsRoot(m_workspace->path())) : QVector<TrainedRun>();
    const QString current = m_runCombo->currentData().toString();
    m_runCombo->clear();
    // Newest first: the run just trained is the one to compare.
    for (auto it = m_trainedRuns.crbegin(); it != m_trainedRuns.crend(); ++it) {
        const ExperimentConfig c = ExperimentConfigModel::run(*it);
        m_runCombo->addItem(ExperimentConfigModel::label(c), it->dir);
        m_runCombo->setItemData(m_runCombo->count() - 1, ExperimentConfigModel::explanation(c, false), Qt::ToolTipRole);
    }
    // With a placeholder text the combo selects nothing by itself: keep the run chosen, else the newest.
    const int keep = m_runCombo->findData(current);
    m_runCombo->setCurrentIndex(keep >= 0 ? keep : m_runCombo->count() > 0 ? 0 : -1);
    updateAddRow();
}

void ExperimentsView::updateAddRow()
{
    auto *kinds = qobject_cast<QStandardItemModel *>(m_addKind->model());
    // Scaling rotations makes no sense for ALiBi; the note says why.
    const bool alibi = m_model.alibi;
    kinds->item(int(AddKind::Scaled))->setEnabled(!alibi);
    if (alibi && m_addKind->currentIndex() == int(AddKind::Scaled))
        m_addKind->setCurrentIndex(int(AddKind::Base));
    const auto kind = AddKind(m_addKind->currentData().toInt());
    m_scaling->setVisible(kind == AddKind::Scaled);
    m_factorLabel->setVisible(kind == AddKind::Scaled);
    m_factor->setVisible(kind == AddKind::Scaled);
    m_scaling->setEnabled(!alibi);
    m_factor->setEnabled(!alibi);
    m_runCombo->setVisible(kind == AddKind::Run);
    m_refreshRuns->setVisible(kind == AddKind::Run);
    m_alibiNote->setVisible(alibi);
    updateButtons();
}

bool ExperimentsView::addCurrentChoice()
{
    switch (AddKind(m_addKind->currentData().toInt())) {
    case AddKind::Base:
        return addConfig(ExperimentConfigModel::base()) >= 0;
    case AddKind::Scaled:
        return addConfig(ExperimentConfigModel::scaled(m_scaling->currentData().toString(), m_factor->value())) >= 0;
    case AddKind::Run: {
        const QString dir = m_runCombo->currentData().toString();
        for (const TrainedRun &r : m_trainedRuns)
            if (r.dir == dir)
                return addConfig(ExperimentConfigModel::run(r)) >= 0;
        return false;
    }
    }
    return false;
}

int ExperimentsView::addConfig(const ExperimentConfig &config)
{
    if (isRunning() || !ExperimentConfigModel::isRunnable(config, m_model.alibi))
        return -1;
    const int row = m_configs->add(config);
    m_list->setCurrentIndex(m_configs->index(row));
    updateButtons();
    return row;
}

void ExperimentsView::updateButtons()
{
    const bool running = isRunning();
    const auto kind = AddKind(m_addKind->currentData().toInt());
    const bool noRuns = kind == AddKind::Run && m_runCombo->count() == 0;
    m_add->setEnabled(!running && (kind != AddKind::Scaled || !m_model.alibi) && !noRuns);
    m_add->setToolTip(noRuns ? noRunsText() : QString());
    m_remove->setEnabled(!running && m_list->currentIndex().isValid());
    m_runButton->setText(running ? tr("Stop") : tr("Run"));
    m_runButton->setEnabled(running || (m_doPerplexity->isChecked() || m_doPasskey->isChecked()));
    m_export->setEnabled(hasNumbers());
    for (QWidget *w : std::initializer_list<QWidget *>{m_textFile, m_browse, m_lengths, m_strideCheck, m_maxWindows,
                                                        m_doPerplexity, m_doPasskey, m_keyLengths, m_depths, m_trials, m_seed})
        w->setEnabled(!running);
    m_stride->setEnabled(!running && m_strideCheck->isChecked());
}

void ExperimentsView::setStatus(std::function<QString()> text, bool error)
{
    m_statusText = std::move(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_status->setText(m_statusText ? m_statusText() : QString());
    m_status->setToolTip(m_status->text());  // the whole message when it needs more than three lines
}

QString ExperimentsView::noRunsText() const
{
    return tr("No trained runs in this workspace — train one in the Training tab (set its RoPE factor to "
              "interpolate).");
}

bool ExperimentsView::hasNumbers() const
{
    return std::any_of(m_perplexity.begin(), m_perplexity.end(), [](const PerplexityResult &r) { return !r.lengths.isEmpty(); })
        || std::any_of(m_passkey.begin(), m_passkey.end(), [](const PasskeyResult &r) { return !r.cells.isEmpty(); });
}

void ExperimentsView::clearResults()
{
    if (isRunning())
        return;
    m_resultConfigs.clear();
    m_perplexity.clear();
    m_passkey.clear();
    m_resultModelDir.clear();
    m_resultMaxPositions = 0;
    m_charts->setConfigurations({});
    m_charts->setMaxPositions(m_model.maxPositions);
    m_progress->setValue(0);
    setStatus(&startHint);
    updateResultsLabel();
    updateButtons();
}

void ExperimentsView::updateResultsLabel()
{
    m_resultsLabel->setVisible(!m_resultConfigs.isEmpty());
    const QString name = QFileInfo(QDir::cleanPath(m_resultModelDir)).fileName();
    m_resultsLabel->setText(m_resultMaxPositions > 0
                                //: %1 model folder name, %2 its max_position_embeddings
                                ? tr("Results for %1 (max_position_embeddings %2)").arg(name).arg(m_resultMaxPositions)
                                : tr("Results for %1").arg(name));
    m_resultsLabel->setToolTip(QDir::toNativeSeparators(m_resultModelDir));
}

void ExperimentsView::browseTextFile()
{
    auto *dialog = new QFileDialog(this, tr("Text for perplexity"), QFileInfo(m_textFile->text()).path(),
                                   tr("Text files (*.txt *.md);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { m_textFile->setText(path); });
    dialog->open();
}

void ExperimentsView::saveDialog(const QString &filter, const QString &suffix,
                                 const std::function<void(const QString &)> &save)
{
    auto *dialog = new QFileDialog(this, tr("Export"), QString(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix);
    dialog->selectFile(QStringLiteral("context-experiment.") + suffix);
    connect(dialog, &QFileDialog::fileSelected, this, save);
    dialog->open();
}

bool ExperimentsView::exportCsv(const QString &path)
{
    QSaveFile f(path);
    const QByteArray data = csv().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        setStatus([path] { return tr("Could not write %1.").arg(QDir::toNativeSeparators(path)); }, true);
        return false;
    }
    setStatus([path] { return tr("Saved %1.").arg(QDir::toNativeSeparators(path)); });
    return true;
}

bool ExperimentsView::exportChart(ExperimentCharts::Chart chart, const QString &path)
{
    if (!m_charts->saveChart(chart, path)) {
        setStatus([path] { return tr("Could not write %1.").arg(QDir::toNativeSeparators(path)); }, true);
        return false;
    }
    setStatus([path] { return tr("Saved %1.").arg(QDir::toNativeSeparators(path)); });
    return true;
}

void ExperimentsView::retranslate()
{
    m_configTitle->setText(tr("Configurations to compare"));
    m_list->setToolTip(tr("Each configuration is measured in turn; hover one for the worker options it runs with."));
    auto *kinds = qobject_cast<QStandardItemModel *>(m_addKind->model());
    kinds->item(int(AddKind::Base))->setText(tr("Base model"));
    kinds->item(int(AddKind::Scaled))->setText(tr("RoPE scaling at inference"));
    kinds->item(int(AddKind::Run))->setText(tr("Fine-tuning run"));
    m_addKind->setToolTip(tr("What to add: the model as it is, the model with its RoPE frequencies rescaled "
                             "without training, or a run of this workspace (its adapter on its base model)."));
    for (int i = 0; i < m_scaling->count(); ++i)
        m_scaling->setItemText(i, ExperimentConfigModel::scalingTitle(m_scaling->itemData(i).toString()));
    m_scaling->setToolTip(tr("linear divides every position by the factor; dynamic NTK raises the rotary base once "
                             "the input is longer than the trained context; YaRN interpolates only the slow "
                             "dimensions and sharpens attention; llama3 interpolates the slow dimensions. The "
                             "choice replaces the rope_scaling of the model's config.json for this measurement."));
    m_factorLabel->setText(tr("×"));
    m_factor->setToolTip(tr("Scaling factor: about the new context divided by the trained one."));
    m_runCombo->setToolTip(tr("Runs of this workspace that have final weights or a checkpoint."));
    m_runCombo->setPlaceholderText(noRunsText());
    m_refreshRuns->setText(tr("Refresh"));
    m_add->setText(tr("Add"));
    m_remove->setText(tr("Remove"));
    m_alibiNote->setText(tr("This model uses ALiBi: attention gets a penalty proportional to the distance, and "
                            "there are no rotary positions to rescale, so RoPE scaling does not apply. Compare the "
                            "base model (ALiBi is meant to extrapolate) with fine-tuning runs instead."));

    m_settingsTitle->setText(tr("Measurements"));
    m_doPerplexity->setText(tr("Perplexity by window length"));
    m_doPerplexity->setToolTip(tr("Cuts the text into windows of each length and reports perplexity and the mean "
                                  "loss at every position of the window."));
    m_textLabel->setText(tr("Text:"));
    m_textFile->setPlaceholderText(tr("the demo texts (about 2,100 tokens)"));
    m_textFile->setToolTip(tr("A plain-text file at least as long as the longest window; empty: the demo "
                              "dataset's texts, one after the other: about 2,100 tokens with the demo model's "
                              "tokenizer, so windows up to 2048 fit (other tokenizers count differently)."));
    m_browse->setText(tr("Browse…"));
    m_lengthsLabel->setText(tr("Lengths (tokens):"));
    m_lengths->setToolTip(tr("Window lengths in tokens, separated by commas; lengths beyond the model's "
                             "context are the point of the experiment."));
    m_strideCheck->setText(tr("Stride"));
    m_strideCheck->setToolTip(tr("Overlapping windows moved by this many tokens, each scoring only the tokens not "
                                 "scored before (every token then has a long context). Off: windows side by side."));
    m_stride->setToolTip(m_strideCheck->toolTip());
    m_stride->setSuffix(tr(" tokens"));
    m_maxWindowsLabel->setText(tr("Windows per length:"));
    m_maxWindows->setSpecialValueText(tr("all"));
    m_maxWindows->setToolTip(tr("Measure at most this many windows of each length (faster, noisier)."));
    m_doPasskey->setText(tr("Passkey retrieval"));
    m_doPasskey->setToolTip(tr("Hides a random key in filler text at several depths and asks the model for it "
                               "(greedy); correct when the first number of the answer is the key."));
    m_keyLengthsLabel->setText(tr("Lengths (tokens):"));
    m_keyLengths->setToolTip(tr("Prompt lengths in tokens, separated by commas; a prompt needs about 115 tokens "
                                "with the demo tokenizer."));
    m_depthsLabel->setText(tr("Depths (%):"));
    m_depths->setToolTip(tr("Where the key goes, in percent of the filler, separated by commas: 0 = at the start, "
                            "100 = at the end."));
    m_trialsLabel->setText(tr("Trials:"));
    m_trials->setToolTip(tr("Keys tried per length and depth."));
    m_seedLabel->setText(tr("Seed:"));
    m_seed->setToolTip(tr("The keys are drawn from this seed: the same seed gives the same prompts."));

    m_export->setText(tr("Export"));
    m_export->setToolTip(tr("Save the chart shown as PNG or PDF, or every number of the comparison as CSV."));
    m_pngAction->setText(tr("Chart as PNG…"));
    m_pdfAction->setText(tr("Chart as PDF…"));
    m_csvAction->setText(tr("Numbers as CSV…"));
    m_configs->retranslate();
    m_charts->setLabels(resultLabels());  // the charts translate their own texts
    refreshRuns();
    updateButtons();
    updateResultsLabel();
    if (m_statusText)
        setStatus(m_statusText, !m_status->styleSheet().isEmpty());
}

void ExperimentsView::showEvent(QShowEvent *event)
{
    refreshRuns();
    QWidget::showEvent(event);
}

void ExperimentsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
