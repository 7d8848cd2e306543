// The In-context learning panel's preview shows the demonstrations a run uses:
// for random (several seeds), manual and ROUGE-L selection, every k and every
// test record, the preview's demos and prompt equal what the worker's own
// functions (sft::scoring::iclDemos, IclPromptBuilder) give for the run's
// demo pool (the checked demonstrations, one left unchecked here so panel and
// pool indices differ); and, when this build has `sftbench-cli icl`, they
// equal the demos the worker reports (--details: one line per test record,
// k and order) on the tiny demo model, with the arguments and demos file the
// panel gives the worker. The preview's note says whether the demos change
// from one test record to the next.

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <map>
#include <tuple>

#include "test_util.h"
#include "icl/iclpanel.h"
#include "scoring/icl_demos.h"
#include "scoring/icl_prompt.h"
#include "scoring/scoring_data.h"
#include "workspace/qtstrings.h"
#include "workspace/workspace.h"

using namespace sft;
using sfttest::cliPath;

namespace {


const char *const kRecords[] = {"电影很好看，演员很出色", "服务太差了，等了很久才上菜", "一般般，没什么特别的",
                                "物流很快，质量也很好", "手机用了两天就坏了，很失望"};

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestIclPreview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;
    QUndoStack *m_undo = nullptr;
    IclPanel *m_panel = nullptr;
    QString m_model;   ///< the tiny model, once made (empty: no worker)

    /** The run's demo pool, built here from the panel's state: the checked demonstrations in list order. */
    std::vector<scoring::Example> pool(const prompt::Verbalizer &v) const
    {
        std::vector<scoring::Example> out;
        for (const QJsonValue &d : m_panel->state().value(QStringLiteral("demos")).toArray()) {
            const QJsonObject o = d.toObject();
            if (!o.value(QStringLiteral("enabled")).toBool(true))
                continue;
            scoring::Example e;
            e.text = ss(o.value(QStringLiteral("input")).toString());
            e.gold = scoring::matchLabel(v, ss(o.value(QStringLiteral("output")).toString()));
            out.push_back(e);
        }
        return out;
    }
    /** The labels of the run: the distinct outputs of the checked demonstrations, each its own answer. */
    prompt::Verbalizer verbalizer() const
    {
        std::vector<prompt::Verbalizer::Label> labels;
        for (const QJsonValue &d : m_panel->state().value(QStringLiteral("demos")).toArray()) {
            const QJsonObject o = d.toObject();
            const std::string out = ss(o.value(QStringLiteral("output")).toString().trimmed());
            bool seen = false;
            for (const auto &l : labels)
                seen = seen || l.name == out;
            if (o.value(QStringLiteral("enabled")).toBool(true) && !seen)
                labels.push_back({out, {out}});
        }
        return prompt::Verbalizer(labels);
    }
    /** Panel indices (into every demonstration) -> pool indices (into the checked ones). */
    std::vector<std::size_t> toPool(const QList<int> &panelIndices) const
    {
        QList<int> checked;
        const QJsonArray demos = m_panel->state().value(QStringLiteral("demos")).toArray();
        for (int i = 0; i < demos.size(); ++i)
            if (demos.at(i).toObject().value(QStringLiteral("enabled")).toBool(true))
                checked << i;
        std::vector<std::size_t> out;
        for (int i : panelIndices) {
            const int at = int(checked.indexOf(i));
            out.push_back(at < 0 ? std::size_t(-1) : std::size_t(at));
        }
        return out;
    }
    scoring::IclOptions options(const QString &mode, int seed) const
    {
        scoring::IclOptions o;
        const QJsonObject s = m_panel->state();
        o.format.format = ss(s.value(QStringLiteral("format")).toString());
        o.format.separator = ss(s.value(QStringLiteral("separator")).toString());
        o.format.header = ss(s.value(QStringLiteral("header")).toString());
        if (!scoring::demoSelectionFromName(ss(mode), o.selection))
            qFatal("unknown mode");
        o.seed = std::uint64_t(seed);
        for (std::size_t i = 0; i < pool(verbalizer()).size(); ++i)
            o.manualIndices.push_back(i);
        return o;
    }
    void select(const QString &mode, int seed)
    {
        m_panel->selectionCombo()->setCurrentIndex(m_panel->selectionCombo()->findData(mode));
        m_panel->seedSpin()->setValue(seed);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("p.sftws")));
        m_dataset = m_ws->createDataset(QStringLiteral("情感"));
        for (const char *text : kRecords) {
            Record r;
            r.instruction = text;
            r.output = "正面";
            m_ws->addRecord(m_dataset, r);
        }
        // The tiny model for the worker runs (random weights: only the demo choice matters here).
        QProcess probe;
        probe.start(cliPath(), {QStringLiteral("icl"), QStringLiteral("--help")});
        if (probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0) {
            QProcess init;
            init.start(cliPath(), {QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                                   QStringLiteral("--out"), m_dir.filePath(QStringLiteral("tiny"))});
            QVERIFY(init.waitForFinished(240000));
            QVERIFY2(init.exitCode() == 0, init.readAllStandardError().constData());
            m_model = m_dir.filePath(QStringLiteral("tiny"));
        }
    }

    void init()
    {
        m_undo = new QUndoStack;
        m_panel = new IclPanel;
        m_panel->setContext(m_ws.get(), m_undo);
        m_panel->setDataset(m_dataset);
        // Seven demonstrations, the third (the only 中立) unchecked: pool index != panel index.
        m_panel->addDemo(QStringLiteral("剧情拖沓，看得想睡觉。"), QStringLiteral("负面"));
        m_panel->addDemo(QStringLiteral("价格实惠，值得购买。"), QStringLiteral("正面"));
        m_panel->setDemoEnabled(2, false);
        QCOMPARE(m_panel->checkedDemos(), (QList<int>{0, 1, 3, 4, 5, 6}));
    }
    void cleanup()
    {
        delete m_panel;
        delete m_undo;
    }

    void previewIsTheWorkersChoice_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("seed");
        for (int seed : {0, 1, 7, 42, 99999})
            QTest::addRow("random %d", seed) << QStringLiteral("random") << seed;
        QTest::newRow("manual") << QStringLiteral("manual") << 3;
        QTest::newRow("rouge") << QStringLiteral("rouge") << 0;
    }
    void previewIsTheWorkersChoice()
    {
        QFETCH(QString, mode);
        QFETCH(int, seed);
        select(mode, seed);
        const prompt::Verbalizer v = verbalizer();
        const std::vector<scoring::Example> demos = pool(v);
        const scoring::IclOptions o = options(mode, seed);
        const scoring::IclPromptBuilder builder(o.format, v);
        QStringList tests;
        for (const char *t : kRecords)
            tests << QString::fromUtf8(t);
        tests << QStringLiteral("价格实惠，物流很快");
        bool differsFromListOrder = false;
        for (const QString &test : tests) {
            scoring::Example t;
            t.text = ss(test);
            for (std::size_t k = 0; k <= demos.size(); ++k) {
                const IclPanel::PreviewDemos p = m_panel->previewDemos(test, int(k));
                QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
                QCOMPARE(p.k, int(k));
                const std::vector<std::size_t> expected = scoring::iclDemos(o, demos, t, k, 0);
                QCOMPARE(toPool(p.demos), expected);
                std::vector<const scoring::Example *> shown;
                for (std::size_t i : expected)
                    shown.push_back(&demos[i]);
                QCOMPARE(p.prompt, qs(builder.build(shown, t).prefix));
                for (std::size_t i = 0; i < expected.size(); ++i)
                    differsFromListOrder = differsFromListOrder || expected[i] != i;
            }
        }
        // Random and ROUGE-L choices are not simply the list order (the comparison has teeth).
        QCOMPARE(differsFromListOrder, mode != QLatin1String("manual"));
        // More demos asked for than are checked: capped, and the note says a run with that k fails.
        m_panel->previewKSpin()->setValue(int(demos.size()) + 2);
        QCOMPARE(m_panel->previewDemos(tests.first(), int(demos.size()) + 2).k, int(demos.size()));
        QVERIFY2(m_panel->previewNoteLabel()->text().contains(QStringLiteral("fails")),
                 qPrintable(m_panel->previewNoteLabel()->text()));
    }

    void noteSaysWhetherDemosVary()
    {
        m_panel->previewKSpin()->setValue(2);
        select(QStringLiteral("rouge"), 0);
        QVERIFY2(m_panel->previewNoteLabel()->text().contains(QStringLiteral("differ per test record")),
                 qPrintable(m_panel->previewNoteLabel()->text()));
        QVERIFY(m_panel->previewNoteLabel()->text().contains(QStringLiteral("first record")));
        m_panel->testInputEdit()->setText(QStringLiteral("价格实惠"));
        QVERIFY(m_panel->previewNoteLabel()->text().contains(QStringLiteral("typed test input")));
        select(QStringLiteral("random"), 5);
        QVERIFY2(m_panel->previewNoteLabel()->text().contains(QStringLiteral("same for every test record")),
                 qPrintable(m_panel->previewNoteLabel()->text()));
        QVERIFY(m_panel->previewNoteLabel()->text().contains(QStringLiteral("seed 5")));
        // A checked demonstration without an output: the run would fail, and the preview says so.
        m_panel->addDemo(QStringLiteral("没有输出的例子"), QString());
        QVERIFY(m_panel->previewText().isEmpty());
        QVERIFY2(m_panel->previewNoteLabel()->text().contains(QStringLiteral("demonstration 8 has no output")),
                 qPrintable(m_panel->previewNoteLabel()->text()));
    }

    void previewMatchesWorkerRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("seed");
        for (int seed : {0, 7, 12345})
            QTest::addRow("random %d", seed) << QStringLiteral("random") << seed;
        QTest::newRow("manual") << QStringLiteral("manual") << 2;
        QTest::newRow("rouge") << QStringLiteral("rouge") << 3;
    }
    void previewMatchesWorkerRun()
    {
        QFETCH(QString, mode);
        QFETCH(int, seed);
        if (m_model.isEmpty())
            QSKIP("this build has no `sftbench-cli icl`");
        select(mode, seed);
        m_panel->setModelDir(m_model);
        m_panel->kEdit()->setText(QStringLiteral("1,2,3,6"));
        auto *orders = m_panel->findChild<QSpinBox *>(QStringLiteral("ordersSpin"));
        QVERIFY(orders);
        orders->setValue(2);

        // The worker's inputs as the panel writes them: its demos file, its labels, the records.
        QTemporaryDir run;
        writeFile(run.filePath(QStringLiteral("demos.jsonl")), m_panel->demosFile());
        writeFile(run.filePath(QStringLiteral("answers.json")), QJsonDocument(m_panel->answers()).toJson());
        QByteArray tests;
        for (const char *t : kRecords)
            tests += QJsonDocument(QJsonObject{{QStringLiteral("text"), QString::fromUtf8(t)}}).toJson(QJsonDocument::Compact)
                     + '\n';
        writeFile(run.filePath(QStringLiteral("test.jsonl")), tests);
        QProcess worker;
        worker.start(cliPath(), m_panel->workerArguments(run.path()) << QStringLiteral("--details"));
        QVERIFY(worker.waitForFinished(240000));
        QVERIFY2(worker.exitCode() == 0, worker.readAllStandardError().constData());

        const prompt::Verbalizer v = verbalizer();
        const std::vector<scoring::Example> demos = pool(v);
        const scoring::IclOptions o = options(mode, seed);
        int compared = 0;
        for (const QByteArray &line : worker.readAllStandardOutput().split('\n')) {
            const QJsonObject j = QJsonDocument::fromJson(line).object();
            if (!j.contains(QStringLiteral("index")) || !j.contains(QStringLiteral("demos")))
                continue;  // run, per-k and summary lines
            const int index = j.value(QStringLiteral("index")).toInt();
            const int k = j.value(QStringLiteral("k")).toInt();
            const int order = j.value(QStringLiteral("order")).toInt();
            std::vector<std::size_t> used;
            for (const QJsonValue &d : j.value(QStringLiteral("demos")).toArray())
                used.push_back(std::size_t(d.toInt()));
            const QString test = QString::fromUtf8(kRecords[index]);
            if (order == 0) {
                // What the preview shows for this record is what the run used for it.
                QCOMPARE(toPool(m_panel->selectedDemos(test, k)), used);
            } else {
                scoring::Example t;
                t.text = ss(test);
                QCOMPARE(scoring::iclDemos(o, demos, t, std::size_t(k), std::size_t(order)), used);
            }
            ++compared;
        }
        QCOMPARE(compared, int(std::size(kRecords)) * 4 * 2);  // records x k values x orders
    }
};

QTEST_MAIN(TestIclPreview)
#include "test_icl_preview.moc"
