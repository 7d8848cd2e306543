// sftbench: the desktop application. Thin bootstrap: command line, language,
// which workspace to open (a demo one on first start), the main window.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>

#include <cstdio>

#include "catalogue/catalogueview.h"
#include "context/contextpanel.h"
#include "context/experimentsview.h"
#include "curation/curationpanel.h"
#include "icl/iclpanel.h"
#include "common/aboutdialog.h"
#include "common/appidentity.h"
#include "common/languagemanager.h"
#include "common/versionreport.h"
#include "mainwindow.h"
#include "prompt/promptpanel.h"
#include "quality/qualitypanel.h"
#include "generate/generatepanel.h"
#include "training/runlist.h"
#include "training/trainingpanel.h"
#include "workspace/demo.h"
#include "workspace/settings.h"
#include "workspace/workerprocess.h"

namespace {

/**
 * A workspace named as the argument: a path, or a file: URL from a file manager. A URL of another
 * host stays as it is, so opening it fails by that name.
 */
QString workspaceArgument(const QString &arg)
{
    if (!arg.startsWith(QLatin1String("file:")))
        return arg;
    QUrl url(arg);
    if (url.host() == QLatin1String("localhost"))
        url.setHost(QString());
    return url.isLocalFile() && url.host().isEmpty() ? url.toLocalFile() : arg;
}

/** The workspace to open when none is named: the most recent one, or the demo workspace (created first). */
QString defaultWorkspace(bool demo)
{
    if (!demo) {
        const QStringList recent = sft::AppSettings::recentWorkspaces().get();
        if (!recent.isEmpty() && QFileInfo::exists(recent.first()))
            return recent.first();
    }
    const QString path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo.sftws");
    try {
        sft::ensureDemoWorkspace(path);
    } catch (const std::exception &e) {
        qWarning("cannot create the demo workspace: %s", e.what());
    }
    return path;
}

/**
 * --tab context: the Context panel on `page` (alibi, rope or experiments; empty: the page of the model's
 * own scheme), on the BLOOM-style demo model when `model` is "alibi" (written first when missing). The
 * experiments page runs its default comparison (the base model and linear ×2, default lengths). With a
 * screenshot file the window is saved when all that is done (or after a generous safety timeout) and the
 * application quits. Returns whether a screenshot is pending.
 */
bool showContextTab(MainWindow &window, const QString &page, const QString &model, const QString &shotFile)
{
    ContextPanel *context = window.contextPanel();
    if (auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget()))
        tabs->setCurrentWidget(context);
    auto shoot = [&window, shotFile] {
        if (shotFile.isEmpty())
            return;
        QTimer::singleShot(1000, &window, [&window, shotFile] {
            window.grab().save(shotFile);
            QApplication::quit();
        });
    };
    auto start = [context, page, shoot] {
        if (page == QLatin1String("alibi"))
            context->pages()->setCurrentIndex(ContextPanel::AlibiPage);
        else if (page == QLatin1String("rope"))
            context->pages()->setCurrentIndex(ContextPanel::RopePage);
        else if (page == QLatin1String("experiments"))
            context->pages()->setCurrentIndex(ContextPanel::ExperimentsPage);
        if (page != QLatin1String("experiments")) {
            shoot();
            return;
        }
        ExperimentsView *experiments = context->experimentsView();
        QObject::connect(experiments, &ExperimentsView::finished, context, shoot, Qt::SingleShotConnection);
        if (!experiments->run())
            shoot();  // the status line says why
    };
    if (model == QLatin1String("alibi")) {
        // Ready or failed, the page is shown (a failure is written above the summary).
        QObject::connect(context, &ContextPanel::demoModelReady, context, start, Qt::SingleShotConnection);
        QTimer::singleShot(500, context, [context, start] {
            if (!context->useDemoModel(ContextPanel::DemoModel::Alibi))
                start();
        });
    } else {
        QTimer::singleShot(800, context, start);
    }
    if (!shotFile.isEmpty())
        QTimer::singleShot(600000, &window, shoot);  // a model or a run that never ended
    return !shotFile.isEmpty();
}

} // namespace

int main(int argc, char **argv)
{
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("SFT Workbench"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption workspaceOpt(QStringLiteral("workspace"), QStringLiteral("Workspace file to open."),
                                          QStringLiteral("path"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
                                     QStringLiteral("Open the demo workspace (created on first use)."));
    const QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("Interface language: en or zh_CN."),
                                     QStringLiteral("code"));
    const QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                                     QStringLiteral("Save a PNG of the window after start-up and quit."),
                                     QStringLiteral("file"));
    const QCommandLineOption rowOpt(QStringLiteral("select-row"), QStringLiteral("Select this row at start."),
                                    QStringLiteral("row"));
    const QCommandLineOption tabOpt(QStringLiteral("tab"),
                                    QStringLiteral("Show this tab at start: curation, quality, generate, prompt, icl, training, context, catalogue or about "
                                                   "(quality also runs its check and shows the first near-duplicate; "
                                                   "catalogue opens the dataset catalogue and about Help ▸ About, and --screenshot takes that window; "
                                                   "prompt and icl run once, with --screenshot taken when done; "
                                                   "training shows the runs, starting a demo run when there is none; "
                                                   "context: see --context-page)."),
                                    QStringLiteral("name"));
    const QCommandLineOption contextPageOpt(
        QStringLiteral("context-page"),
        QStringLiteral("With --tab context: alibi, rope or experiments (default: the model's own scheme); "
                       "experiments runs the default comparison, with --screenshot taken when it ends."),
        QStringLiteral("page"));
    const QCommandLineOption contextModelOpt(
        QStringLiteral("context-model"),
        QStringLiteral("With --tab context: alibi chooses the BLOOM-style (ALiBi) demo model, written on first use."),
        QStringLiteral("model"));
    cli.addOptions({workspaceOpt, demoOpt, langOpt, shotOpt, rowOpt, tabOpt, contextPageOpt, contextModelOpt});
    // What a file manager passes when a .sftws file is opened (the desktop entry's %f).
    cli.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("Workspace file to open; unlike --workspace, a missing file is not created."),
                              QStringLiteral("[workspace]"));

    // --help and --version are answered before the GUI starts, so they need no
    // display (QCoreApplication only). Everything else is read once the
    // QApplication has taken its own options (-platform, -style, ...) out.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "-v" || arg == "--version") {
            QCoreApplication core(argc, argv);
            sft::applyApplicationIdentity();
            std::fputs(sft::versionReport(sft::WorkerProcess::defaultProgram()).toUtf8().constData(), stdout);
            return 0;
        }
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all") {
            QCoreApplication core(argc, argv);
            sft::applyApplicationIdentity();
            if (arg == "--help-all")
                cli.process(core);  // QCommandLineParser's own --help-all: prints and exits
            // Qt's own options (-platform, -style) beside --help are not an error here.
            cli.parse(core.arguments());
            cli.showHelp(0);
        }
    }

    QApplication app(argc, argv);
    sft::applyApplicationIdentity();
    cli.process(app);
    const QStringList files = cli.positionalArguments();
    if (files.size() + int(cli.isSet(workspaceOpt)) + int(cli.isSet(demoOpt)) > 1) {
        std::fputs("sftbench: name one workspace (a file argument, --workspace or --demo)\n", stderr);
        return 2;
    }

    const QString language = cli.isSet(langOpt) ? cli.value(langOpt) : sft::AppSettings::language().get();
    if (!LanguageManager::instance()->setLanguage(language))
        qWarning("unknown language %s (available: en, zh_CN)", qPrintable(language));

    MainWindow window;
    window.resize(1400, 860);
    window.show();
    if (!files.isEmpty()) {
        // A file opened from the file manager: never created; one that cannot be opened is reported
        // (the message stays up) over the workspace that would open without it.
        if (!window.openExistingWorkspace(workspaceArgument(files.first())))
            window.openWorkspace(defaultWorkspace(false));
    } else {
        const QString named = cli.value(workspaceOpt);
        window.openWorkspace(named.isEmpty() ? defaultWorkspace(cli.isSet(demoOpt)) : named);
    }

    if (cli.value(tabOpt) == QLatin1String("quality")) {
        QualityPanel *quality = window.qualityPanel();
        if (auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget()))
            tabs->setCurrentWidget(quality);
        QObject::connect(quality, &QualityPanel::runEnded, &window, [quality] {
            QTableWidget *table = quality->resultsTable();
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, QualityPanel::RuleColumn)->data(Qt::UserRole).toString() == sft::rougeRuleId()) {
                    table->selectRow(row);
                    break;
                }
        });
        QTimer::singleShot(300, quality, [quality] { quality->run(); });
    }

    if (cli.value(tabOpt) == QLatin1String("generate")) {
        // Generate: the workspace's generation runs, the newest selected.
        if (auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget()))
            tabs->setCurrentWidget(window.generatePanel());
    }

    bool shotWhenRunEnds = false;
    if (cli.value(tabOpt) == QLatin1String("context"))
        shotWhenRunEnds = showContextTab(window, cli.value(contextPageOpt), cli.value(contextModelOpt), cli.value(shotOpt));
    // Prompt learning tabs: one run on the demo dataset (creating the demo model if needed).
    if (cli.value(tabOpt) == QLatin1String("training")) {
        // Training: the workspace's runs; with none yet, one demo run (screenshot when it ends).
        TrainingPanel *training = window.trainingPanel();
        if (auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget()))
            tabs->setCurrentWidget(training);
        if (training->runList()->runIds().isEmpty()) {
            shotWhenRunEnds = cli.isSet(shotOpt);
            const QString file = cli.value(shotOpt);
            auto shoot = [&window, file] {
                QTimer::singleShot(1000, &window, [&window, file] {
                    window.grab().save(file);
                    QApplication::quit();
                });
            };
            QObject::connect(training->runList(), &RunList::runEnded, &window, [shotWhenRunEnds, shoot] {
                if (shotWhenRunEnds)
                    shoot();
            });
            QTimer::singleShot(800, &window, [training, shotWhenRunEnds, shoot] {
                if (!training->start() && shotWhenRunEnds)
                    shoot();
            });
            if (shotWhenRunEnds)
                QTimer::singleShot(180000, &window, shoot);  // a run that never started or ended

        }
    }
    if (cli.value(tabOpt) == QLatin1String("prompt") || cli.value(tabOpt) == QLatin1String("icl")) {
        const bool prompt = cli.value(tabOpt) == QLatin1String("prompt");
        QWidget *panel = prompt ? static_cast<QWidget *>(window.promptPanel()) : window.iclPanel();
        if (auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget()))
            tabs->setCurrentWidget(panel);
        shotWhenRunEnds = cli.isSet(shotOpt);
        const QString file = cli.value(shotOpt);
        auto shoot = [&window, file] {
            QTimer::singleShot(600, &window, [&window, file] {
                window.grab().save(file);
                QApplication::quit();
            });
        };
        if (prompt) {
            QObject::connect(window.promptPanel(), &PromptPanel::runEnded, &window, [shotWhenRunEnds, shoot] {
                if (shotWhenRunEnds)
                    shoot();
            });
            QTimer::singleShot(800, &window, [&window, shotWhenRunEnds, shoot] {
                window.promptPanel()->previewRecordSpin()->setValue(20);  // a Chinese review of the demo set
                if (!window.promptPanel()->run() && shotWhenRunEnds)
                    shoot();
            });
        } else {
            QObject::connect(window.iclPanel(), &IclPanel::runEnded, &window, [shotWhenRunEnds, shoot] {
                if (shotWhenRunEnds)
                    shoot();
            });
            QTimer::singleShot(800, &window, [&window, shotWhenRunEnds, shoot] {
                window.iclPanel()->testInputEdit()->setText(QStringLiteral("这家店的咖啡很香，就是座位有点少。"));
                if (!window.iclPanel()->run() && shotWhenRunEnds)
                    shoot();
            });
        }
    }

    // The dataset catalogue window, showing a Chinese multi-turn entry (its summary follows --lang).
    QWidget *shotWidget = &window;
    if (cli.value(tabOpt) == QLatin1String("catalogue")) {
        CatalogueView *catalogue = window.showCatalogue();
        catalogue->selectEntry(QStringLiteral("belle-multiturn-0.8m"));
        shotWidget = catalogue;
    }
    // Help ▸ About: the screenshot is of the dialog, once the worker has named its LibTorch.
    if (cli.value(tabOpt) == QLatin1String("about") && cli.isSet(shotOpt) && !shotWhenRunEnds) {
        AboutDialog *about = window.showAbout();
        const QString file = cli.value(shotOpt);
        QObject::connect(about, &AboutDialog::workerAnswered, about, [about, file] {
            QTimer::singleShot(300, about, [about, file] {
                about->grab().save(file);
                QApplication::quit();
            });
        });
        shotWhenRunEnds = true;
    } else if (cli.value(tabOpt) == QLatin1String("about")) {
        window.showAbout();
    }

    if (cli.isSet(shotOpt) && !shotWhenRunEnds) {
        const QString file = cli.value(shotOpt);
        const int row = cli.value(rowOpt).toInt();
        QObject::connect(window.curationPanel(), &CurationPanel::recordsLoaded, &window, [&window, row] {
            window.curationPanel()->selectRow(row);
        });
        QTimer::singleShot(2500, &window, [shotWidget, file] {
            shotWidget->grab().save(file);
            QApplication::quit();
        });
    } else if (cli.isSet(rowOpt)) {
        const int row = cli.value(rowOpt).toInt();
        QObject::connect(window.curationPanel(), &CurationPanel::recordsLoaded, &window, [&window, row] {
            window.curationPanel()->selectRow(row);
        });
    }
    return QApplication::exec();
}
