// runQuality (workspace/qualityrun.h) on conversations and against a
// reference pool, with hand-computed ROUGE-L scores (rouge tokenizer:
// lowercase ASCII words; cjk: every CJK character a token; F = 2·LCS/(m+n)):
// the first user turn against the whole conversation as the compared text,
// the rules applied to every turn with the turn in the reason, a pool dataset
// and a pool file (seed tasks) whose records are never rejected, and the
// default automatic tokenizer finding Chinese near-duplicates that the rouge
// tokenizer cannot see.

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "data/formats.h"
#include "workspace/qualityrun.h"
#include "workspace/workspace.h"

using namespace sft;

namespace {

ChatMessage user(const char *text) { return {"user", text}; }
ChatMessage assistant(const char *text) { return {"assistant", text}; }

QString fixture(const char *name) { return QStringLiteral(SFT_TEST_DATA_DIR "/") + QLatin1String(name); }

QJsonObject argsOf(const QualityRejection &r) { return QJsonDocument::fromJson(r.args.toUtf8()).object(); }

} // namespace

class TestQualityConversations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;

    qint64 addSingle(qint64 dataset, const char *instruction, const char *input = "", const char *output = "Fine.")
    {
        Record r;
        r.instruction = instruction;
        r.input = input;
        r.output = output;
        return m_ws->addRecord(dataset, r);
    }
    qint64 addConversation(qint64 dataset, std::vector<ChatMessage> turns, const char *system = "")
    {
        Record r;
        r.system = system;
        r.turns = std::move(turns);
        r.instruction = r.turns.front().content;
        r.output = r.turns.size() > 1 && r.turns[1].role == "assistant" ? r.turns[1].content : std::string();
        return m_ws->addRecord(dataset, r);
    }
    QualityOptions options(bool rules = false) const
    {
        QualityOptions o;
        o.workspacePath = m_ws->path();
        o.datasetId = m_dataset;
        o.rules = rouge::defaultFilterRules();
        if (!rules)
            for (auto &rule : o.rules)
                rule.enabled = false;
        o.threads = 2;
        return o;
    }
    static const QualityRejection *find(const QualityResult &r, qint64 id)
    {
        for (const QualityRejection &x : r.rejections)
            if (x.id == id)
                return &x;
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("c%1.sftws").arg(++n)));
        m_dataset = m_ws->createDataset(QStringLiteral("d"));
    }
    void cleanup() { m_ws.reset(); }

    void firstTurnOrWholeConversation()
    {
        // a and b open with the same user message and then go different ways;
        // c and d open differently and share everything after.
        const qint64 a = addConversation(m_dataset, {user("Plan a three day trip to Rome for me."),
                                                     assistant("Day one: the Colosseum and the Forum."),
                                                     user("Add a cooking class on day two."),
                                                     assistant("Day two: pasta class in Trastevere.")});
        const qint64 b = addConversation(m_dataset, {user("Plan a three day trip to Rome for me."),
                                                     assistant("Sure, which season do you travel in?"),
                                                     user("In December, with two small children."),
                                                     assistant("Then start with the Christmas markets at Piazza Navona.")});
        const qint64 c = addConversation(m_dataset, {user("What should I pack for a rainy weekend in London?"),
                                                     assistant("An umbrella, a waterproof jacket and sturdy shoes for "
                                                               "the wet streets, plus a warm jumper for the evenings."),
                                                     user("And for the theatre on Saturday night?"),
                                                     assistant("Smart casual clothes are fine in almost every theatre "
                                                               "in the West End, nobody dresses up much.")});
        const qint64 d = addConversation(m_dataset, {user("Tell me what to pack for a wet weekend in Manchester."),
                                                     assistant("An umbrella, a waterproof jacket and sturdy shoes for "
                                                               "the wet streets, plus a warm jumper for the evenings."),
                                                     user("And for the theatre on Saturday night?"),
                                                     assistant("Smart casual clothes are fine in almost every theatre "
                                                               "in the West End, nobody dresses up much.")});
        QCOMPARE(m_ws->record(a)->turns.size(), 4);

        // Default: the first user turn. b repeats a's opening (F = 1); d's opening differs from c's.
        QualityOptions o = options();
        QCOMPARE(o.field, QualityField::InstructionInput);
        QualityResult r = runQuality(o);
        QCOMPARE(r.dedupRejected, 1);
        QVERIFY(find(r, b));
        QCOMPARE(find(r, b)->nearestId, a);
        QCOMPARE(find(r, b)->score, 1.0);
        QVERIFY(!find(r, d));
        QCOMPARE(find(r, b)->reason, QStringLiteral("ROUGE-L 1.00 with record %1").arg(a));

        // The whole conversation: a and b share only the opening, c and d nearly everything.
        o.field = QualityField::Conversation;
        r = runQuality(o);
        QCOMPARE(r.dedupRejected, 1);
        QVERIFY(!find(r, b));
        QVERIFY(find(r, d));
        QCOMPARE(find(r, d)->nearestId, c);
        QVERIFY2(find(r, d)->score > 0.8 && find(r, d)->score < 1.0, qPrintable(QString::number(find(r, d)->score)));

        // The text the panel shows is the one compared: the system message and every message.
        const RecordData rec = *m_ws->record(c);
        const QString whole = qualityText(QualityField::Conversation, rec);
        QVERIFY(whole.startsWith(QLatin1String("What should I pack")));
        QVERIFY(whole.contains(QLatin1String("And for the theatre on Saturday night?")));
        QVERIFY(whole.endsWith(QLatin1String("nobody dresses up much.")));
        QCOMPARE(qualityText(QualityField::InstructionInput, rec), QStringLiteral("What should I pack for a rainy weekend in London?"));
        const qint64 s = addConversation(m_dataset, {user("Hi there, how are you?"), assistant("Fine."),
                                                     user("Good to hear that.")}, "You are terse.");
        QVERIFY(qualityText(QualityField::Conversation, *m_ws->record(s)).startsWith(QLatin1String("You are terse.")));
    }

    void rulesPerTurn()
    {
        const qint64 good = addConversation(m_dataset, {user("Give three tips for staying healthy."), assistant("Eat well."),
                                                        user("Which of them matters the most?"), assistant("Sleep.")});
        const qint64 shortTurn = addConversation(m_dataset, {user("Give three tips for staying healthy."),
                                                             assistant("Eat well."), user("Why?"), assistant("It helps."),
                                                             user("Tell me more about sleep please."), assistant("")});
        const qint64 keyword = addConversation(m_dataset, {user("Describe a calm beach in two sentences."),
                                                           assistant("Waves roll in."),
                                                           user("Now draw a picture of it for me."),
                                                           assistant("I cannot draw.")});
        // A single-turn record keeps its reasons without a turn.
        const qint64 single = addSingle(m_dataset, "Summarize this article.", "", "ok");
        const QualityResult r = runQuality(options(true));
        QVERIFY(!find(r, good));
        QCOMPARE(r.ruleRejected, 3);

        // empty_output comes before length in the rule order: turn 3's empty reply is the reason.
        const QualityRejection *x = find(r, shortTurn);
        QVERIFY(x);
        QCOMPARE(x->rule, QStringLiteral("empty_output"));
        QCOMPARE(x->reason, QStringLiteral("turn 3: output is empty"));
        QCOMPARE(argsOf(*x).value(QStringLiteral("turn")).toInt(), 3);
        QCOMPARE(argsOf(*x).value(QStringLiteral("field")).toString(), QStringLiteral("output"));

        x = find(r, keyword);
        QVERIFY(x);
        QCOMPARE(x->rule, QStringLiteral("blacklist_en"));
        QCOMPARE(x->reason, QStringLiteral("turn 2: instruction contains blacklisted keyword \"picture\""));

        x = find(r, single);
        QVERIFY(x);
        QCOMPARE(x->reason, QStringLiteral("instruction has 3 words (minimum 4)"));
        QVERIFY(!argsOf(*x).contains(QStringLiteral("turn")));

        // Without the empty reply, the too short second user message is the reason.
        QList<ChatTurn> turns = Workspace::turnsOf(*m_ws->record(shortTurn));
        turns.last().content = QStringLiteral("Sleep restores the body.");
        m_ws->setConversation(shortTurn, QString(), turns);
        const QualityResult again = runQuality(options(true));
        QCOMPARE(find(again, shortTurn)->reason, QStringLiteral("turn 2: instruction has 1 words (minimum 4)"));
    }

    void poolDataset()
    {
        const qint64 seeds = m_ws->createDataset(QStringLiteral("seeds"));
        const qint64 s0 = addSingle(seeds, "Write a haiku about the first snow of winter.");
        const qint64 s1 = addSingle(seeds, "Write a haiku about the first snow of winter!");  // twin inside the pool
        const qint64 s2 = addSingle(seeds, "Name three primary colors.");
        const qint64 gone = addSingle(seeds, "Explain how a rainbow forms in the sky.");
        m_ws->setStatus({gone}, RecordStatus::Rejected, QStringLiteral("by hand"));  // not part of the pool

        const qint64 c0 = addSingle(m_dataset, "Write a haiku about the first snow of the winter.");  // pool s0: 18/19
        const qint64 c1 = addSingle(m_dataset, "Give three tips for learning a new language.");
        const qint64 c2 = addSingle(m_dataset, "Give three tips for learning a language.");           // c1: 14/15
        const qint64 c3 = addSingle(m_dataset, "Explain how a rainbow forms in the sky!");            // only like `gone`
        QualityOptions o = options();
        o.poolDatasetId = seeds;
        QualityResult r = runQuality(o);
        QCOMPARE(r.poolRecords, 3);
        QCOMPARE(r.checked, 4);
        QCOMPARE(r.dedupRejected, 2);
        // The pool's records are neither checked nor rejected, its twin included.
        for (qint64 id : {s0, s1, s2, gone})
            QVERIFY(!find(r, id));
        QCOMPARE(r.dedupIds, (QVector<qint64>{c0, c1, c2, c3}));
        const QualityRejection *x = find(r, c0);
        QVERIFY(x);
        QVERIFY(x->nearestInPool);
        QCOMPARE(x->nearestId, s0);
        QCOMPARE(x->nearestPoolIndex, 0);
        QCOMPARE(x->score, 18.0 / 19.0);
        QCOMPARE(x->nearestText, QStringLiteral("Write a haiku about the first snow of winter."));
        QCOMPARE(x->reason, QStringLiteral("ROUGE-L 0.95 with record %1 of the reference pool").arg(s0));
        QCOMPARE(argsOf(*x).value(QStringLiteral("pool")).toBool(), true);
        QCOMPARE(argsOf(*x).value(QStringLiteral("nearest")).toInteger(), s0);
        x = find(r, c2);
        QVERIFY(x);
        QVERIFY(!x->nearestInPool);
        QCOMPARE(x->nearestId, c1);
        QCOMPARE(x->reason, QStringLiteral("ROUGE-L 0.93 with record %1").arg(c1));
        QVERIFY(!find(r, c3));
        // The histogram's best scores count the pool too.
        QCOMPARE(r.bestScores[0], 18.0 / 19.0);

        // Without the pool only c2 goes; the pool changes nothing in the pool dataset.
        o.poolDatasetId = 0;
        r = runQuality(o);
        QCOMPARE(r.dedupRejected, 1);
        QVERIFY(find(r, c2));
        QCOMPARE(m_ws->record(s1)->status, RecordStatus::Pending);

        // The checked dataset is not its own pool; a pool in the trash is gone.
        o.poolDatasetId = m_dataset;
        QVERIFY_THROWS_EXCEPTION(Error, runQuality(o));
        o.poolDatasetId = seeds;
        o.poolFile = fixture("seed_tasks_sample.jsonl");
        QVERIFY_THROWS_EXCEPTION(Error, runQuality(o));
        o.poolFile.clear();
        m_ws->trashDataset(seeds);
        QVERIFY_THROWS_EXCEPTION(Error, runQuality(o));
        // With the near-duplicate filter off the pool is not read.
        o.dedup = false;
        QCOMPARE(runQuality(o).poolRecords, 0);
    }

    void poolFileOfSeedTasks()
    {
        // The candidates of the CLI fixture, in a dataset; the seed tasks as a file.
        const std::vector<Record> candidates = readDataset(fixture("pool_candidates.json").toStdString());
        const QList<qint64> ids = m_ws->addRecords(m_dataset, candidates);
        QualityOptions o = options();
        o.field = QualityField::Instruction;
        o.poolFile = fixture("seed_tasks_sample.jsonl");
        const QualityResult r = runQuality(o);
        QCOMPARE(r.poolRecords, 8);
        QCOMPARE(r.dedupRejected, 4);
        for (int k : {0, 2, 3, 5})
            QVERIFY2(find(r, ids[k]), qPrintable(QString::number(k)));
        // Candidate 0 is nearest to seed 3 of the file (record 3, 1-based), the first of the twins 3 and 7.
        const QualityRejection *x = find(r, ids[0]);
        QVERIFY(x->nearestInPool);
        QCOMPARE(x->nearestPoolIndex, 2);
        QCOMPARE(x->nearestId, 0);
        QCOMPARE(x->nearestText, QStringLiteral("Write a haiku about the first snow of winter."));
        QCOMPARE(x->reason, QStringLiteral("ROUGE-L 0.95 with record 3 of the reference pool seed_tasks_sample.jsonl"));
        const QJsonObject args = argsOf(*x);
        QCOMPARE(args.value(QStringLiteral("pool_file")).toString(), QStringLiteral("seed_tasks_sample.jsonl"));
        QCOMPARE(args.value(QStringLiteral("pool_record")).toInt(), 3);
        QVERIFY(!find(r, ids[2])->nearestInPool);
        QCOMPARE(find(r, ids[2])->nearestId, ids[1]);

        // Instruction + input: the seed's input joins its instruction, so candidate 3 (no input) is no longer
        // above 0.7 against "Translate the sentence into Spanish." + "Where is the library?" (2·5/(6+9)).
        o.field = QualityField::InstructionInput;
        const QualityResult withInput = runQuality(o);
        QVERIFY(!find(withInput, ids[3]));

        // A file that cannot be read fails the run.
        o.poolFile = m_dir.filePath(QStringLiteral("missing.jsonl"));
        QVERIFY_THROWS_EXCEPTION(Error, runQuality(o));
    }

    void chineseDuplicatesWithDefaults()
    {
        const std::vector<Record> zh = readDataset(fixture("zh_near_duplicates.json").toStdString());
        const QList<qint64> ids = m_ws->addRecords(m_dataset, zh);
        // Defaults: automatic tokenizer, instruction + input, 0.7.
        QualityOptions o = options();
        QVERIFY(o.autoTokenizer);
        QualityResult r = runQuality(o);
        QVERIFY(r.tokenizerChosen);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Cjk);
        QCOMPARE(r.dedupRejected, 3);
        // 1: "请" + record 0's 11 characters (2·11/23); 4: 9 of 11 characters shared with 2 (2·9/22); 6: a copy of 0.
        QCOMPARE(find(r, ids[1])->nearestId, ids[0]);
        QCOMPARE(find(r, ids[1])->score, 22.0 / 23.0);
        QCOMPARE(find(r, ids[4])->nearestId, ids[2]);
        QCOMPARE(find(r, ids[4])->score, 18.0 / 22.0);
        QCOMPARE(find(r, ids[6])->score, 1.0);

        // rouge_score's tokenizer sees no tokens in Chinese: nothing found.
        o.autoTokenizer = false;
        o.tokenizer.kind = rouge::TokenizerKind::Rouge;
        r = runQuality(o);
        QCOMPARE(r.dedupRejected, 0);

        // The same records as a pool: the defaults find every candidate's Chinese twin in it.
        const qint64 other = m_ws->createDataset(QStringLiteral("new"));
        const qint64 n0 = addSingle(other, "给出保持健康的三个建议吧");
        const qint64 n1 = addSingle(other, "Name three primary colors of light.");
        QualityOptions p = options();
        p.datasetId = other;
        p.poolDatasetId = m_dataset;
        r = runQuality(p);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Cjk);   // the pool's text counts in the choice
        QCOMPARE(r.dedupRejected, 1);
        QVERIFY(find(r, n0)->nearestInPool);
        QCOMPARE(find(r, n0)->nearestId, ids[0]);
        QVERIFY(!find(r, n1));
    }
};

QTEST_GUILESS_MAIN(TestQualityConversations)
#include "test_quality_conversations.moc"
