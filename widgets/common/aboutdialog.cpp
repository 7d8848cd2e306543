#include "common/aboutdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "buildinfo.h"
#include "common/appidentity.h"
#include "common/languagemanager.h"
#include "common/versionreport.h"
#include "workspace/versioninfo.h"

namespace {

// The worker loads LibTorch before it answers; a cold start from a slow disk takes seconds.
constexpr int kWorkerTimeoutMs = 15000;
const char kLicenceUrl[] = "https://www.gnu.org/licenses/gpl-3.0.html";

} // namespace

AboutDialog::AboutDialog(const QString &workerProgram, QWidget *parent) : QDialog(parent), m_program(workerProgram)
{
    setObjectName(QStringLiteral("aboutDialog"));
    m_sqlite = sft::sqliteVersion();

    auto *icon = new QLabel(this);
    QIcon appIcon = QApplication::windowIcon();
    if (appIcon.isNull())
        appIcon = sft::applicationIcon();
    icon->setPixmap(appIcon.pixmap(64, 64));
    icon->setVisible(!appIcon.isNull());
    m_name = new QLabel(this);
    m_version = new QLabel(this);
    auto *title = new QVBoxLayout;
    title->addWidget(m_name);
    title->addWidget(m_version);
    title->addStretch();
    auto *header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    header->addLayout(title, 1);

    m_description = new QLabel(this);
    m_description->setWordWrap(true);

    // The versions, selectable so a part can be copied too.
    auto value = [this](const char *name) {
        auto *label = new QLabel(this);
        label->setObjectName(QLatin1String(name));
        label->setTextInteractionFlags(Qt::TextBrowserInteraction);
        return label;
    };
    m_qt = value("qtVersion");
    m_sqliteLabel = value("sqliteVersion");
    m_torch = value("torchVersion");
    QLabel *worker = value("workerPath");
    worker->setText(m_program);
    worker->setWordWrap(true);
    m_translations = value("translationsSource");
    m_translations->setWordWrap(true);
    m_licence = value("licence");
    m_homepage = value("homepage");
    for (QLabel *link : {m_licence, m_homepage}) {
        link->setTextFormat(Qt::RichText);
        link->setOpenExternalLinks(true);
    }
    auto *grid = new QGridLayout;
    const QList<QPair<const char *, QLabel *>> rows = {
        {QT_TR_NOOP("Qt:"), m_qt}, {QT_TR_NOOP("SQLite:"), m_sqliteLabel}, {QT_TR_NOOP("LibTorch:"), m_torch},
        {QT_TR_NOOP("Worker:"), worker}, {QT_TR_NOOP("Translations:"), m_translations},
        {QT_TR_NOOP("Licence:"), m_licence}, {QT_TR_NOOP("Home page:"), m_homepage}};
    for (const auto &row : rows) {
        const int r = grid->rowCount();
        grid->addWidget(m_texts.addLabel(row.first, this), r, 0, Qt::AlignTop);
        grid->addWidget(row.second, r, 1);
    }
    grid->setColumnStretch(1, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_copy = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyVersions"));
    m_texts.add(m_copy, QT_TR_NOOP("&Copy versions"));
    buttons->addButton(QDialogButtonBox::Close);  // Qt's own translations name it
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_description);
    layout->addLayout(grid);
    layout->addWidget(buttons);
    retranslate();
    askWorker();
}

AboutDialog::~AboutDialog()
{
    if (m_worker) {
        m_worker->disconnect(this);
        m_worker->kill();
        m_worker->waitForFinished(1000);
    }
}

void AboutDialog::askWorker()
{
    m_worker = new QProcess(this);
    m_worker->setStandardInputFile(QProcess::nullDevice());
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        m_worker->disconnect(this);
        m_worker->kill();
        answer({{}, sft::WorkerFailure::TimedOut, QString::number(kWorkerTimeoutMs / 1000.0)});
    });
    connect(m_worker, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)  // a crash or a timeout also ends in finished()
            answer(sft::workerAnswer(*m_worker));
    });
    connect(m_worker, &QProcess::finished, this, [this] { answer(sft::workerAnswer(*m_worker)); });
    m_timeout->start(kWorkerTimeoutMs);
    m_worker->start(m_program, {QStringLiteral("--version")});
}

void AboutDialog::answer(const sft::WorkerAnswer &answer)
{
    if (m_answer.failure != sft::WorkerFailure::Pending)
        return;
    m_timeout->stop();
    m_answer = answer;
    retranslate();
    // Queued: a start failure may be reported while the constructor still runs.
    QMetaObject::invokeMethod(this, [this] { Q_EMIT workerAnswered(); }, Qt::QueuedConnection);
}

QString AboutDialog::versionsText() const
{
    // The lines of sft::versionReport, in English for a bug report.
    return sft::versionReportWithTorch(m_program, m_answer.torchVersion, m_answer.reason());
}

QString AboutDialog::translationsText() const
{
    const QString file = LanguageManager::instance()->translationFile();
    if (file.startsWith(QLatin1Char(':')))
        return tr("built into the application");
    if (!file.isEmpty())
        return file;
    const QString dir = LanguageManager::translationsDir();
    return dir.isEmpty() ? tr("built into the application") : dir;
}

void AboutDialog::retranslate()
{
    setWindowTitle(tr("About SFT Workbench"));
    m_texts.apply([](const char *source) { return tr(source); });
    m_name->setText(QStringLiteral("<h2>%1</h2>").arg(tr("SFT Workbench").toHtmlEscaped()));
    m_version->setText(tr("Version %1").arg(QStringLiteral(SFTBENCH_BUILD_VERSION)));
    m_description->setText(tr("A desktop workbench for supervised fine-tuning of large language models: curate "
                              "instruction data, check its quality, design prompts, and fine-tune with LoRA, "
                              "adapters or prefixes, locally with LibTorch."));
    m_qt->setText(tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    m_sqliteLabel->setText(m_sqlite.isEmpty() ? tr("unknown: the Qt SQLite driver (QSQLITE) is missing") : m_sqlite);
    QString torch;
    const QString &detail = m_answer.detail;
    switch (m_answer.failure) {
    case sft::WorkerFailure::None: torch = m_answer.torchVersion; break;
    case sft::WorkerFailure::Pending: torch = tr("checking…"); break;
    case sft::WorkerFailure::NotFound: torch = tr("unknown: the worker was not found"); break;
    case sft::WorkerFailure::CannotStart: torch = tr("unknown: the worker cannot be started (%1)").arg(detail); break;
    case sft::WorkerFailure::TimedOut: torch = tr("unknown: the worker did not answer within %1 s").arg(detail); break;
    case sft::WorkerFailure::Crashed: torch = tr("unknown: the worker crashed"); break;
    case sft::WorkerFailure::ExitCode: torch = tr("unknown: the worker failed (exit code %1)").arg(detail); break;
    case sft::WorkerFailure::NoVersion: torch = tr("unknown: the worker did not name its LibTorch version"); break;
    }
    m_torch->setText(torch);
    m_translations->setText(translationsText());
    m_licence->setText(tr("<a href=\"%1\">GNU General Public License v3.0 or later</a> (%2)")
                           .arg(QLatin1String(kLicenceUrl), QStringLiteral(SFTBENCH_BUILD_LICENSE)));
    m_homepage->setText(QStringLiteral("<a href=\"%1\">%1</a>").arg(QStringLiteral(SFTBENCH_BUILD_HOMEPAGE)));
    m_copy->setToolTip(tr("Copy the versions above as text, for a bug report"));
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}
