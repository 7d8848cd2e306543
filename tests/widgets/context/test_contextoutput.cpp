// The worker's context-window measurements read back: the JSON-lines parser
// on lines recorded from `sftbench-cli perplexity` / `passkey` on the demo
// model (data/context_*.jsonl) — every field, progress, a stopped run, lines
// of the other command ignored — and the CSV of a comparison, exactly.

#include <QFile>
#include <QtTest>

#include <cmath>

#include "context/contextoutput.h"

namespace {

QList<QByteArray> fixtureLines(const char *name)
{
    QFile f(QStringLiteral(SFT_TEST_DATA_DIR "/") + QLatin1String(name));
    QList<QByteArray> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out << line;
    return out;
}

} // namespace

class TestContextOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parserReadsPerplexityLines()
    {
        // Recorded from `sftbench-cli perplexity --model <demo model> --text <demo texts> --lengths 16,32
        // --max-windows 2 --rope-scaling linear --rope-factor 2`.
        const QList<QByteArray> lines = fixtureLines("context_perplexity.jsonl");
        QCOMPARE(lines.size(), 8);
        ContextOutputParser p(ContextOutputParser::Kind::Perplexity);
        QCOMPARE(p.addLine(lines[0]), ContextOutputParser::Event::Start);
        const PerplexityResult &r = p.perplexity();
        QVERIFY(r.started);
        QCOMPARE(r.plannedLengths, (QVector<int>{16, 32}));
        QCOMPARE(r.positionEncoding, QStringLiteral("rope"));
        QCOMPARE(r.maxPositions, 2048);  // the scaled context
        QCOMPARE(r.textTokens, qint64(2118));
        QCOMPARE(r.stride, 0);  // null: windows side by side
        QCOMPARE(r.ropeScaling.value(QStringLiteral("type")).toString(), QStringLiteral("linear"));
        QCOMPARE(r.ropeScaling.value(QStringLiteral("factor")).toDouble(), 2.0);
        QCOMPARE(r.ropeScaling.value(QStringLiteral("original_max_position")).toInt(), 1024);
        QCOMPARE(p.fraction(), 0.0);
        QCOMPARE(p.addLine(lines[1]), ContextOutputParser::Event::Progress);  // length 16, window 1 of 2
        QCOMPARE(r.progressLength, 16);
        QCOMPARE(r.window, 1);
        QCOMPARE(r.windows, 2);
        QCOMPARE(p.fraction(), 0.25);
        QCOMPARE(p.addLine(lines[2]), ContextOutputParser::Event::Progress);
        QCOMPARE(p.addLine(lines[3]), ContextOutputParser::Event::Length);
        QCOMPARE(p.fraction(), 0.5);
        for (int i = 4; i < lines.size() - 1; ++i)
            p.addLine(lines[i]);
        QVERIFY(!r.done);
        QCOMPARE(p.addLine(lines.last()), ContextOutputParser::Event::Done);
        QCOMPARE(r.lengths.size(), 2);
        const PerplexityLength *l16 = r.find(16);
        QVERIFY(l16);
        QCOMPARE(l16->windows, 2);
        QCOMPARE(l16->tokens, qint64(30));
        QCOMPARE(l16->nll, 6.902105458577474);
        QCOMPARE(l16->perplexity, 994.3661098155591);
        QCOMPARE(l16->positionBucket, 1);
        QCOMPARE(l16->positionLoss.size(), 16);
        QVERIFY(std::isnan(l16->positionLoss[0]));  // no token is predicted at position 0
        QCOMPARE(l16->positionLoss[1], 6.584666013717651);
        QCOMPARE(l16->positionLoss[15], 6.847948312759399);
        const PerplexityLength *l32 = r.find(32);
        QVERIFY(l32);
        QCOMPARE(l32->tokens, qint64(62));
        QCOMPARE(l32->positionLoss.size(), 32);
        QCOMPARE(l32->perplexity, 980.1639657052299);
        QVERIFY(r.done);
        QVERIFY(!r.stopped);
        QCOMPARE(p.fraction(), 1.0);
        // Not a record, or the other command's: ignored.
        QCOMPARE(p.addLine("loading model..."), ContextOutputParser::Event::Ignored);
        QCOMPARE(p.addLine(R"({"event":"cell","length":16,"depth":0,"correct":1,"trials":1})"),
                 ContextOutputParser::Event::Ignored);
    }

    void parserReadsPasskeyLines()
    {
        // Recorded from `sftbench-cli passkey --model <demo model> --lengths 128,160 --depths 0,0.5,1 --trials 2
        // --seed 3`; the demo model is untrained, so it never finds the key.
        const QList<QByteArray> lines = fixtureLines("context_passkey.jsonl");
        QCOMPARE(lines.size(), 20);
        ContextOutputParser p(ContextOutputParser::Kind::Passkey);
        for (const QByteArray &l : lines)
            QVERIFY(p.addLine(l) != ContextOutputParser::Event::Ignored);
        const PasskeyResult &r = p.passkey();
        QCOMPARE(r.lengths, (QVector<int>{128, 160}));
        QCOMPARE(r.depths, (QVector<double>{0, 0.5, 1}));
        QCOMPARE(r.trials, 2);
        QCOMPARE(r.seed, qint64(3));
        QCOMPARE(r.maxPositions, 1024);
        QVERIFY(r.ropeScaling.isEmpty());
        QCOMPARE(r.cells.size(), 6);
        const PasskeyCell *c = r.cell(160, 0.5);
        QVERIFY(c);
        QCOMPARE(c->correct, 0);
        QCOMPARE(c->trials, 2);
        QCOMPARE(c->accuracy, 0.0);
        QVERIFY(!r.cell(128, 0.25));
        QCOMPARE(r.trialsDone, 12);
        QCOMPARE(r.trialsCorrect, 0);
        QCOMPARE(r.accuracy, 0.0);
        QVERIFY(r.done);

        // A stopped run: fraction from the trials so far, the stopped event recorded.
        ContextOutputParser s(ContextOutputParser::Kind::Passkey);
        for (int i = 0; i < 4; ++i)  // start, two trials, a cell
            s.addLine(lines[i]);
        QCOMPARE(s.passkey().cells.size(), 1);
        QCOMPARE(s.fraction(), 2.0 / 12.0);
        QCOMPARE(s.addLine(R"({"event":"stopped"})"), ContextOutputParser::Event::Stopped);
        QVERIFY(s.passkey().stopped);
        QVERIFY(!s.passkey().done);
    }

    void csvHasOneRowPerNumber()
    {
        PerplexityResult ppl;
        PerplexityLength l;
        l.length = 4;
        l.nll = 1.5;
        l.perplexity = 4.5;
        l.positionBucket = 2;
        l.positionLoss = {std::nan(""), 1.25};
        ppl.lengths << l;
        PasskeyResult key;
        key.cells << PasskeyCell{16, 0.5, 1, 3, 1.0 / 3.0};
        const QString csv = contextCsv({QStringLiteral("Base, \"quoted\""), QStringLiteral("Other")}, {ppl, {}}, {key, key});
        QCOMPARE(csv, QStringLiteral("configuration,measure,length,position,depth,nll,perplexity,loss,correct,trials,accuracy\n"
                                     "\"Base, \"\"quoted\"\"\",perplexity,4,,,1.5,4.5,,,,\n"
                                     "\"Base, \"\"quoted\"\"\",position_loss,4,2,,,,1.25,,,\n"
                                     "\"Base, \"\"quoted\"\"\",passkey,16,,0.5,,,,1,3,0.3333333333\n"
                                     "\"Base, \"\"quoted\"\"\",passkey_length,16,,,,,,1,3,0.3333333333\n"
                                     "Other,passkey,16,,0.5,,,,1,3,0.3333333333\n"
                                     "Other,passkey_length,16,,,,,,1,3,0.3333333333\n"));
    }

    void passkeyPooledByLength()
    {
        PasskeyResult r;
        r.cells << PasskeyCell{64, 0, 1, 2, 0.5} << PasskeyCell{32, 0, 2, 2, 1} << PasskeyCell{64, 1, 0, 3, 0}
                << PasskeyCell{32, 1, 1, 2, 0.5};
        const QVector<PasskeyLengthAccuracy> byLength = r.byLength();
        QCOMPARE(byLength.size(), 2);
        QCOMPARE(byLength[0].length, 32);
        QCOMPARE(byLength[0].correct, 3);
        QCOMPARE(byLength[0].trials, 4);
        QCOMPARE(byLength[0].accuracy, 0.75);
        QCOMPARE(byLength[1].length, 64);
        QCOMPARE(byLength[1].correct, 1);
        QCOMPARE(byLength[1].trials, 5);  // pooled trials, not the mean of 0.5 and 0
        QCOMPARE(byLength[1].accuracy, 0.2);
    }
};

QTEST_MAIN(TestContextOutput)
#include "test_contextoutput.moc"
