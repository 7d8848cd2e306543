// runQuality on records with hand-computed ROUGE-L scores (rouge_score's
// tokenizer: lowercase, non-alphanumerics split, F = 2·LCS/(m+n)): the
// Self-Instruct order (rules, then dedup of the survivors in id order), the
// reasons and rule ids, scopes, fields, the cjk tokenizer and its automatic
// choice, the same-instruction-other-input mark, cancel and errors.

#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "core/progress.h"
#include "workspace/qualityrun.h"
#include "workspace/workspace.h"

using namespace sft;

class TestQualityRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_dataset = 0;
    QList<qint64> m_ids;

    qint64 add(const char *instruction, const char *input, const char *output,
               RecordStatus status = RecordStatus::Pending)
    {
        Record r;
        r.instruction = instruction;
        r.input = input;
        r.output = output;
        const qint64 id = m_ws->addRecord(m_dataset, r);
        if (status != RecordStatus::Pending)
            m_ws->setStatus({id}, status, QStringLiteral("by hand"));
        m_ids << id;
        return id;
    }

    QualityOptions options() const
    {
        QualityOptions o;
        o.workspacePath = m_ws->path();
        o.datasetId = m_dataset;
        o.rules = rouge::defaultFilterRules();
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
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("q%1.sftws").arg(++n)));
        m_dataset = m_ws->createDataset(QStringLiteral("d"));
        m_ids.clear();
        add("Give three tips for staying healthy.", "", "Eat well, sleep, move.", RecordStatus::Accepted);  // 0
        add("Give three tips for staying healthy!", "", "Sleep.");                                        // 1: F 1
        add("Write a program that sorts a list.", "", "sorted(x)");                                      // 2: rule
        add("Describe the water cycle in detail.", "", "   ");                                           // 3: rule
        add("Give three tips for staying happy and healthy.", "", "Smile.");                            // 4: 12/14
        add("Name three tips for a long trip.", "", "Pack light.");                                     // 5: 6/13 kept
        add("Give three tips for staying healthy.", "", "Dup.", RecordStatus::Rejected);               // 6: untouched
    }
    void cleanup() { m_ws.reset(); }

    void rulesThenDedup()
    {
        const QualityResult r = runQuality(options());
        QCOMPARE(r.checked, 6);  // default scope: pending + accepted
        QCOMPARE(r.alreadyRejected, 0);
        QCOMPARE(r.ruleRejected, 2);
        QCOMPARE(r.dedupRejected, 2);
        QCOMPARE(r.rejections.size(), 4);
        // id order
        for (int i = 1; i < r.rejections.size(); ++i)
            QVERIFY(r.rejections[i - 1].id < r.rejections[i].id);

        const QualityRejection *dup = find(r, m_ids[1]);
        QVERIFY(dup);
        QCOMPARE(dup->rule, QStringLiteral("rouge-l"));
        QCOMPARE(dup->score, 1.0);
        QCOMPARE(dup->nearestId, m_ids[0]);
        QCOMPARE(dup->reason, QStringLiteral("ROUGE-L 1.00 with record %1").arg(m_ids[0]));

        const QualityRejection *prog = find(r, m_ids[2]);
        QVERIFY(prog);
        QCOMPARE(prog->rule, QStringLiteral("write_program"));
        QVERIFY2(!prog->reason.isEmpty(), qPrintable(prog->reason));
        QCOMPARE(prog->score, -1.0);

        const QualityRejection *empty = find(r, m_ids[3]);
        QVERIFY(empty);
        QCOMPARE(empty->rule, QStringLiteral("empty_output"));

        const QualityRejection *near = find(r, m_ids[4]);
        QVERIFY(near);
        QCOMPARE(near->rule, QStringLiteral("rouge-l"));
        QCOMPARE(near->score, 12.0 / 14.0);
        QCOMPARE(near->nearestId, m_ids[0]);
        QCOMPARE(near->reason, QStringLiteral("ROUGE-L 0.86 with record %1").arg(m_ids[0]));
        QVERIFY(!find(r, m_ids[5]));

        // Rule rejections never enter the dedup; the histogram covers the survivors.
        QCOMPARE(r.dedupIds, (QVector<qint64>{m_ids[0], m_ids[1], m_ids[4], m_ids[5]}));
        QCOMPARE(r.bestScores.size(), 4);
        QCOMPARE(r.bestScores[0], 0.0);
        QCOMPARE(r.bestScores[1], 1.0);
        QCOMPARE(r.bestScores[2], 12.0 / 14.0);
        QCOMPARE(r.bestScores[3], 6.0 / 13.0);  // "three tips for" against record 0, exact

        const QList<StatusState> change = r.statusChange();
        QCOMPARE(change.size(), 4);
        for (const StatusState &s : change)
            QCOMPARE(s.status, RecordStatus::Rejected);
        // Nothing was written.
        QCOMPARE(m_ws->record(m_ids[1])->status, RecordStatus::Pending);
    }

    void thresholdDecides()
    {
        QualityOptions o = options();
        o.threshold = rouge::Threshold::fromString("0.9");
        QualityResult r = runQuality(o);
        QVERIFY(find(r, m_ids[1]));
        QVERIFY(!find(r, m_ids[4]));  // 0.857 <= 0.9
        o.threshold = rouge::Threshold::fromString("0.4");
        r = runQuality(o);
        QVERIFY(find(r, m_ids[5]));   // 0.46 > 0.4
        QCOMPARE(find(r, m_ids[5])->reason, QStringLiteral("ROUGE-L 0.46 with record %1").arg(m_ids[0]));
    }

    void scopes()
    {
        QualityOptions o = options();
        o.scope = QualityScope::All;
        QualityResult r = runQuality(o);
        QCOMPARE(r.checked, 7);
        QCOMPARE(r.alreadyRejected, 1);
        QVERIFY(!find(r, m_ids[6]));  // already rejected: untouched
        QCOMPARE(r.dedupIds.size(), 5);

        o.scope = QualityScope::Accepted;
        r = runQuality(o);
        QCOMPARE(r.checked, 1);
        QVERIFY(r.rejections.isEmpty());
    }

    void fieldsAndRulesOff()
    {
        QualityOptions o = options();
        for (auto &rule : o.rules)
            rule.enabled = false;
        o.field = QualityField::Output;
        QualityResult r = runQuality(o);
        QCOMPARE(r.ruleRejected, 0);
        QCOMPARE(r.dedupIds.size(), 6);
        QCOMPARE(r.dedupRejected, 0);  // the outputs differ

        const qint64 a = add("Translate the sentence.", "The cat sleeps on the warm mat today.", "x");
        const qint64 b = add("Translate the sentence.", "Stocks fell sharply after the report.", "y");
        o.field = QualityField::Instruction;
        r = runQuality(o);
        QVERIFY(find(r, b));
        QCOMPARE(find(r, b)->nearestId, a);
        o.field = QualityField::InstructionInput;
        r = runQuality(o);
        QVERIFY(!find(r, b));
        RecordData d;
        d.instruction = QStringLiteral("i");
        d.input = QStringLiteral("n");
        d.output = QStringLiteral("o");
        QCOMPARE(qualityText(QualityField::InstructionInput, d), QStringLiteral("i\nn"));
    }

    void cjkTokenizer()
    {
        const qint64 a = add("给出保持健康的三个建议。", "", "多运动。");
        const qint64 b = add("给出保持健康的三个建议", "", "早睡。");
        QualityOptions o = options();
        o.autoTokenizer = false;
        for (auto &rule : o.rules)
            rule.enabled = false;
        QualityResult r = runQuality(o);
        QVERIFY(!find(r, b));  // the rouge tokenizer sees no tokens in Chinese
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Rouge);
        QVERIFY(!r.tokenizerChosen);
        o.tokenizer.kind = rouge::TokenizerKind::Cjk;
        r = runQuality(o);
        QVERIFY(find(r, b));
        QCOMPARE(find(r, b)->nearestId, a);
        QCOMPARE(find(r, b)->score, 1.0);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Cjk);
    }

    void automaticTokenizer()
    {
        QualityOptions o = options();
        QVERIFY(o.autoTokenizer);  // the default
        for (auto &rule : o.rules)
            rule.enabled = false;
        // English only: rouge_score's tokenizer stays.
        QualityResult r = runQuality(o);
        QVERIFY(r.tokenizerChosen);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Rouge);
        QCOMPARE(r.tokenizerSample.cjkTokens, 0);
        QCOMPARE(r.tokenizerSample.texts, 6);  // the scope, rules or not
        // Two Chinese records among the six English ones: 22 CJK tokens of 62; cjk, and the copy is found.
        const qint64 a = add("给出保持健康的三个建议。", "", "多运动。");
        const qint64 b = add("给出保持健康的三个建议", "", "早睡。");
        r = runQuality(o);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Cjk);
        QCOMPARE(r.tokenizerSample.texts, 8);
        QCOMPARE(r.tokenizerSample.cjkTokens, 22);
        QCOMPARE(r.tokenizerSample.tokens, 6 + 6 + 7 + 6 + 8 + 7 + 11 + 11);
        QVERIFY(find(r, b));
        QCOMPARE(find(r, b)->nearestId, a);
        // The English rejections are the same as with the rouge tokenizer.
        QVERIFY(find(r, m_ids[1]));
        QCOMPARE(find(r, m_ids[4])->score, 12.0 / 14.0);
        // The choice reads the compared field: 5 CJK tokens of 15 in the outputs.
        o.field = QualityField::Output;
        r = runQuality(o);
        QCOMPARE(r.tokenizerSample.cjkTokens, 5);
        QCOMPARE(r.tokenizerSample.tokens, 15);
        QCOMPARE(r.tokenizer, rouge::TokenizerKind::Cjk);
    }

    void sameInstructionOtherInput()
    {
        const qint64 p = add("Classify the sentiment of the review.", "The battery lasts two days.", "positive");
        const qint64 n = add("Classify the sentiment of the review.", "It arrived late.", "negative");
        const qint64 d = add(" Classify the sentiment of the review.", "The battery lasts two days. ", "positive");
        QualityOptions o = options();
        o.field = QualityField::Instruction;
        QualityResult r = runQuality(o);
        QVERIFY(find(r, n));
        QCOMPARE(find(r, n)->nearestId, p);
        QVERIFY(find(r, n)->sameInstructionOtherInput);
        QVERIFY(find(r, d));
        QVERIFY(!find(r, d)->sameInstructionOtherInput);         // same input too: a real duplicate
        QVERIFY(!find(r, m_ids[1])->sameInstructionOtherInput);  // "healthy!" vs "healthy.": different instructions
        QCOMPARE(r.sameInstructionOtherInput, 1);
        // Comparing instruction + input (the default) keeps the other review, not the copy.
        o.field = QualityOptions().field;
        QCOMPARE(o.field, QualityField::InstructionInput);
        r = runQuality(o);
        QVERIFY(!find(r, n));
        QVERIFY(find(r, d));
        QCOMPARE(r.sameInstructionOtherInput, 0);
    }

    void cancelThrows()
    {
        QVERIFY_THROWS_EXCEPTION(Cancelled, runQuality(options(), [](std::int64_t, std::int64_t) { return false; }));
        QCOMPARE(m_ws->record(m_ids[1])->status, RecordStatus::Pending);
    }

    void badRuleParameters()
    {
        QualityOptions o = options();
        o.rules = rouge::filterRulesFromJson(nlohmann::json::parse(R"({"length": {"max_words": 10}})"));
        QCOMPARE(runQuality(o).ruleRejected, 2);
        o.rules[0].params["no_such_parameter"] = 3;
        bool threw = false;
        try {
            runQuality(o);
        } catch (const Error &e) {
            threw = true;
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("no_such_parameter")), e.what());
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestQualityRun)
#include "test_qualityrun.moc"
