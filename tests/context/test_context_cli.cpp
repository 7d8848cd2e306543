// `sftbench-cli perplexity` and `passkey` end to end on a tiny random model:
// the JSON-lines protocol (start / progress / length / done; start / trial /
// cell / done) with counts that follow from the window arithmetic, the stride
// each length uses (BOS windows included), progress lines kept to about 200 per
// length, lengths beyond max_position_embeddings, inference-time RoPE scaling
// reaching the model, passkey prompts that fill the length and repeat from the
// seed, the errors (a length longer than the text naming the file, bad lists,
// depths, strides, digits), and SIGTERM: before the model loads, right after it
// loaded (no window runs), and after the current window or trial, always with
// {"event":"stopped"} and exit 0. The signals reach the worker at points it
// holds at on request (SFTBENCH_TEST_HOLD), not after a guessed delay.

#include "test_util.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

/** The first run of decimal digits in s (the number a passkey answer gives). */
QString firstNumber(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c.isDigit())
            out += c;
        else if (!out.isEmpty())
            break;
    }
    return out;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> events;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qFatal("not a JSON object line: %s", line.constData());
        events << doc.object();
    }
    return events;
}

QList<QJsonObject> ofKind(const QList<QJsonObject> &events, const QString &kind)
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : events)
        if (o.value(QStringLiteral("event")).toString() == kind)
            out << o;
    return out;
}

QString kind(const QJsonObject &o) { return o.value(QStringLiteral("event")).toString(); }

/** Plain text of pseudo-English sentences (a fixed linear congruential stream over a word list). */
QByteArray makeText(int sentences)
{
    static const char *words[] = {"the", "river", "light", "stone", "house", "keeps", "moves", "under", "over",
                                  "quiet", "green", "small", "road", "window", "garden", "morning", "carries",
                                  "water", "people", "market", "slowly", "bright", "open", "door", "field",
                                  "waits", "north", "city", "bread", "paper", "sings", "between", "old", "warm"};
    const int count = int(sizeof(words) / sizeof(words[0]));
    quint32 state = 12345;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return int((state >> 8) % quint32(count));
    };
    QByteArray text;
    for (int s = 0; s < sentences; ++s) {
        const int n = 5 + next() % 8;
        for (int w = 0; w < n; ++w) {
            QByteArray word = words[next()];
            if (w == 0)
                word[0] = char(word[0] - 'a' + 'A');
            text += word + (w + 1 < n ? " " : ". ");
        }
        if (s % 7 == 6)
            text += "\n";
    }
    return text;
}

} // namespace

class TestContextCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model, m_bosModel, m_text, m_longText;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    sfttest::CliRun run(QStringList args)
    {
        return sfttest::runCli(args);
    }

    /** Start the worker, wait for the first line of `event`, send SIGTERM, collect the rest. */
    QList<QJsonObject> stopAfterFirst(const QStringList &args, const QString &event, int *exitCode)
    {
        QProcess p;
        p.start(sfttest::cliPath(), args);
        QByteArray out;
        const QByteArray needle = "\"event\":\"" + event.toUtf8() + '"';
        while (!out.contains(needle)) {
            if (!p.waitForReadyRead(120000)) {
                qWarning("no %s line; stderr: %s", qPrintable(event), p.readAllStandardError().constData());
                return {};
            }
            out += p.readAllStandardOutput();
        }
        p.terminate();   // SIGTERM
        if (!p.waitForFinished(120000))
            return {};
        out += p.readAllStandardOutput();
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        return jsonLines(out);
    }

    /**
     * Start the worker holding at `point` (SFTBENCH_TEST_HOLD), send SIGTERM once it says it holds
     * there, collect what it prints. Empty (and a warning) when it never held.
     */
    QList<QJsonObject> stopWhileHeld(const QStringList &args, const QString &point, int *exitCode)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SFTBENCH_TEST_HOLD"), point);
        p.setProcessEnvironment(env);
        p.setReadChannel(QProcess::StandardError);   // waitForReadyRead waits for stderr's "held at"
        p.start(sfttest::cliPath(), args);
        QByteArray err;
        const QByteArray needle = "held at " + point.toUtf8();
        while (!err.contains(needle)) {
            if (p.state() == QProcess::NotRunning || !p.waitForReadyRead(120000)) {
                err += p.readAllStandardError();
                if (err.contains(needle))
                    break;
                qWarning("the worker did not hold at %s; stderr: %s", qPrintable(point), err.constData());
                return {};
            }
            err += p.readAllStandardError();
        }
        p.terminate();   // SIGTERM
        if (!p.waitForFinished(120000))
            return {};
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        return jsonLines(p.readAllStandardOutput());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = path(QStringLiteral("model"));
        const auto init = run({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                               QStringLiteral("--out"), m_model, QStringLiteral("--seed"), QStringLiteral("1")});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        m_text = path(QStringLiteral("text.txt"));
        QFile f(m_text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makeText(600));
        f.close();
        m_longText = path(QStringLiteral("long.txt"));
        QFile g(m_longText);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(makeText(6000));
        g.close();
        // The same model with a beginning-of-sequence token (the demo tokenizer names none).
        m_bosModel = path(QStringLiteral("model-bos"));
        QVERIFY(QDir().mkpath(m_bosModel));
        for (const QString &name : QDir(m_model).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_model + QLatin1Char('/') + name, m_bosModel + QLatin1Char('/') + name));
        QFile config(m_bosModel + QStringLiteral("/tokenizer_config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        config.close();
        c.insert(QStringLiteral("bos_token"), QStringLiteral("<|endoftext|>"));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write(QJsonDocument(c).toJson());
    }

    void perplexityProtocol()
    {
        const auto r = run({QStringLiteral("perplexity"), QStringLiteral("--model"), m_model, QStringLiteral("--text"),
                            m_text, QStringLiteral("--lengths"), QStringLiteral("32,64"),
                            QStringLiteral("--max-windows"), QStringLiteral("3"), QStringLiteral("--device"),
                            QStringLiteral("cpu")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto events = jsonLines(r.out);
        // start, 3 progress + length for each length, done.
        QStringList kinds;
        for (const QJsonObject &o : events)
            kinds << kind(o);
        QCOMPARE(kinds.join(QLatin1Char(' ')),
                 QStringLiteral("start progress progress progress length progress progress progress length done"));
        const QJsonObject start = events.first();
        QCOMPARE(start.value(QStringLiteral("model")).toString(), m_model);
        QVERIFY(start.value(QStringLiteral("adapter")).isNull());
        QVERIFY(start.value(QStringLiteral("base_model")).isNull());
        QVERIFY(start.value(QStringLiteral("stride")).isNull());
        QCOMPARE(start.value(QStringLiteral("strides")).toArray(), (QJsonArray{32, 64}));   // non-overlapping
        QCOMPARE(start.value(QStringLiteral("add_bos")).toBool(), false);
        QVERIFY(start.value(QStringLiteral("rope_scaling")).isNull());
        QVERIFY(start.value(QStringLiteral("text_tokens")).toInt() > 1000);
        QCOMPARE(start.value(QStringLiteral("lengths")).toArray(), (QJsonArray{32, 64}));
        QCOMPARE(start.value(QStringLiteral("position_encoding")).toString(), QStringLiteral("rope"));
        QCOMPARE(start.value(QStringLiteral("max_positions")).toInt(), 1024);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject pr = events[1 + i];
            QCOMPARE(pr.value(QStringLiteral("length")).toInt(), 32);
            QCOMPARE(pr.value(QStringLiteral("window")).toInt(), i + 1);
            QCOMPARE(pr.value(QStringLiteral("windows")).toInt(), 3);
        }
        const auto lengths = ofKind(events, QStringLiteral("length"));
        for (const QJsonObject &l : lengths) {
            const int length = l.value(QStringLiteral("length")).toInt();
            QCOMPARE(l.value(QStringLiteral("windows")).toInt(), 3);
            QCOMPARE(l.value(QStringLiteral("stride")).toInt(), length);
            QCOMPARE(l.value(QStringLiteral("tokens")).toInt(), 3 * (length - 1));
            const double nll = l.value(QStringLiteral("nll")).toDouble();
            QVERIFY(nll > 0);
            QVERIFY(std::abs(l.value(QStringLiteral("perplexity")).toDouble() - std::exp(nll)) < 1e-6 * std::exp(nll));
            QCOMPARE(l.value(QStringLiteral("position_bucket")).toInt(), 1);
            const QJsonArray curve = l.value(QStringLiteral("position_loss")).toArray();
            QCOMPARE(curve.size(), length);
            QVERIFY(curve[0].isNull());   // position 0 is never predicted
            // Every position was scored by each window once: the curve's mean is the nll.
            double sum = 0;
            for (int p = 1; p < length; ++p) {
                QVERIFY(curve[p].isDouble());
                sum += curve[p].toDouble();
            }
            QVERIFY(std::abs(sum / (length - 1) - nll) < 1e-9);
            QVERIFY(l.value(QStringLiteral("seconds")).toDouble() >= 0);
        }
        QVERIFY(events.last().value(QStringLiteral("seconds")).toDouble() >= 0);
    }

    // Strided evaluation counts, buckets of 3 past 1024 positions, a length beyond max_positions,
    // and an inference-time scaling that reaches the model.
    void perplexityStridedAndLong()
    {
        auto r = run({QStringLiteral("perplexity"), QStringLiteral("--model"), m_model, QStringLiteral("--text"),
                      m_text, QStringLiteral("--lengths"), QStringLiteral("64"), QStringLiteral("--stride"),
                      QStringLiteral("16"), QStringLiteral("--max-windows"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto events = jsonLines(r.out);
        QCOMPARE(events.first().value(QStringLiteral("stride")).toInt(), 16);
        QCOMPARE(events.first().value(QStringLiteral("strides")).toArray(), (QJsonArray{16}));
        QJsonObject l = ofKind(events, QStringLiteral("length")).first();
        QCOMPARE(l.value(QStringLiteral("stride")).toInt(), 16);
        QCOMPARE(l.value(QStringLiteral("tokens")).toInt(), 63 + 3 * 16);
        // Positions 1..47 only in the first window, 48..63 in all four.
        QJsonArray curve = l.value(QStringLiteral("position_loss")).toArray();
        double weighted = 0;
        for (int p = 1; p < 64; ++p)
            weighted += curve[p].toDouble() * (p >= 48 ? 4 : 1);
        QVERIFY(std::abs(weighted / 111 - l.value(QStringLiteral("nll")).toDouble()) < 1e-9);

        const QStringList longRun = {QStringLiteral("perplexity"), QStringLiteral("--model"), m_model,
                                     QStringLiteral("--text"), m_text, QStringLiteral("--lengths"),
                                     QStringLiteral("1100"), QStringLiteral("--max-windows"), QStringLiteral("1")};
        r = run(longRun);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        l = ofKind(jsonLines(r.out), QStringLiteral("length")).first();
        QCOMPARE(l.value(QStringLiteral("position_bucket")).toInt(), 3);
        curve = l.value(QStringLiteral("position_loss")).toArray();
        QCOMPARE(curve.size(), 367);   // ceil(1100 / 3)
        // Buckets hold 2 (positions 1, 2), then 3, ..., the last 2 (1098, 1099) scored positions.
        weighted = curve[0].toDouble() * 2 + curve[366].toDouble() * 2;
        for (int k = 1; k < 366; ++k)
            weighted += curve[k].toDouble() * 3;
        const double plainNll = l.value(QStringLiteral("nll")).toDouble();
        QVERIFY(std::abs(weighted / 1099 - plainNll) < 1e-9);

        r = run(longRun + QStringList{QStringLiteral("--rope-scaling"), QStringLiteral("linear"),
                                      QStringLiteral("--rope-factor"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        events = jsonLines(r.out);
        const QJsonObject scaling = events.first().value(QStringLiteral("rope_scaling")).toObject();
        QCOMPARE(scaling.value(QStringLiteral("type")).toString(), QStringLiteral("linear"));
        QCOMPARE(scaling.value(QStringLiteral("factor")).toDouble(), 2.0);
        QVERIFY(ofKind(events, QStringLiteral("length")).first().value(QStringLiteral("nll")).toDouble() != plainNll);
    }

    // With --add-bos a window holds length - 1 text tokens: a stride of the length becomes
    // length - 1, and start and length say so.
    void perplexityBosStride()
    {
        const auto r = run({QStringLiteral("perplexity"), QStringLiteral("--model"), m_bosModel,
                            QStringLiteral("--text"), m_text, QStringLiteral("--lengths"), QStringLiteral("32,48"),
                            QStringLiteral("--stride"), QStringLiteral("32"), QStringLiteral("--add-bos"),
                            QStringLiteral("--max-windows"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto events = jsonLines(r.out);
        const QJsonObject start = events.first();
        QCOMPARE(start.value(QStringLiteral("stride")).toInt(), 32);           // as asked
        QCOMPARE(start.value(QStringLiteral("strides")).toArray(), (QJsonArray{31, 32}));   // as used
        QCOMPARE(start.value(QStringLiteral("add_bos")).toBool(), true);
        const auto lengths = ofKind(events, QStringLiteral("length"));
        QCOMPARE(lengths.size(), 2);
        QCOMPARE(lengths[0].value(QStringLiteral("stride")).toInt(), 31);
        QCOMPARE(lengths[0].value(QStringLiteral("tokens")).toInt(), 2 * 31);  // tiles: BOS predicts the first
        QCOMPARE(lengths[1].value(QStringLiteral("stride")).toInt(), 32);
        QCOMPARE(lengths[1].value(QStringLiteral("tokens")).toInt(), 47 + 32); // strided: 47, then 32
    }

    // A stride of 1 over a long text: a window per token, but about 200 progress lines per length.
    void perplexityProgressIsThrottled()
    {
        const auto r = run({QStringLiteral("perplexity"), QStringLiteral("--model"), m_model, QStringLiteral("--text"),
                            m_text, QStringLiteral("--lengths"), QStringLiteral("16"), QStringLiteral("--stride"),
                            QStringLiteral("1"), QStringLiteral("--max-windows"), QStringLiteral("1000")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto events = jsonLines(r.out);
        const auto progress = ofKind(events, QStringLiteral("progress"));
        QCOMPARE(progress.size(), 200);   // every 5th window
        for (int i = 0; i < progress.size(); ++i) {
            QCOMPARE(progress[i].value(QStringLiteral("window")).toInt(), 5 * (i + 1));
            QCOMPARE(progress[i].value(QStringLiteral("windows")).toInt(), 1000);
        }
        const QJsonObject l = ofKind(events, QStringLiteral("length")).first();
        QCOMPARE(l.value(QStringLiteral("windows")).toInt(), 1000);
        QCOMPARE(l.value(QStringLiteral("tokens")).toInt(), 15 + 999);
    }

    void perplexityErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        // The option and the file the message names, the text's size and the window's.
        QTest::newRow("longer than the text") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64,100000")}
                                              << QStringLiteral("--lengths 100000: the text %1 has").arg(m_text);
        QTest::newRow("longer than the text, one window") << QStringList{QStringLiteral("--lengths"),
                                                                         QStringLiteral("100000")}
                                                          << QStringLiteral("fewer than one window of 100000");
        QTest::newRow("not a number") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64,abc")}
                                      << QStringLiteral("not a number");
        QTest::newRow("empty item") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64,,128")}
                                    << QStringLiteral("empty item");
        QTest::newRow("too short") << QStringList{QStringLiteral("--lengths"), QStringLiteral("1")}
                                   << QStringLiteral("at least 2");
        QTest::newRow("stride 0") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64"),
                                                 QStringLiteral("--stride"), QStringLiteral("0")}
                                  << QStringLiteral("--stride");
        QTest::newRow("stride beyond the window") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64"),
                                                                 QStringLiteral("--stride"), QStringLiteral("65")}
                                                  << QStringLiteral("longer than the window");
        QTest::newRow("negative max windows") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64"),
                                                             QStringLiteral("--max-windows"), QStringLiteral("-1")}
                                              << QStringLiteral("--max-windows");
        // The demo tokenizer has no beginning-of-sequence token.
        QTest::newRow("no BOS to add") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64"),
                                                      QStringLiteral("--add-bos")}
                                       << QStringLiteral("no beginning-of-sequence token");
        QTest::newRow("bad scaling") << QStringList{QStringLiteral("--lengths"), QStringLiteral("64"),
                                                    QStringLiteral("--rope-scaling"), QStringLiteral("cubic")}
                                     << QStringLiteral("cubic");
    }

    void perplexityErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        const auto r = run(QStringList{QStringLiteral("perplexity"), QStringLiteral("--model"), m_model,
                                       QStringLiteral("--text"), m_text} + extra);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());   // refused before anything ran
        const auto missing = run({QStringLiteral("perplexity"), QStringLiteral("--model"), m_model,
                                  QStringLiteral("--text"), path(QStringLiteral("nope.txt")),
                                  QStringLiteral("--lengths"), QStringLiteral("64")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("nope.txt")), qPrintable(missing.err));
    }

    void passkeyProtocol()
    {
        const QStringList args = {QStringLiteral("passkey"), QStringLiteral("--model"), m_model,
                                  QStringLiteral("--lengths"), QStringLiteral("160,256"), QStringLiteral("--depths"),
                                  QStringLiteral("0,0.5,1"), QStringLiteral("--trials"), QStringLiteral("2"),
                                  QStringLiteral("--seed"), QStringLiteral("7")};
        const auto r = run(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto events = jsonLines(r.out);
        QStringList kinds;
        for (const QJsonObject &o : events)
            kinds << kind(o);
        QStringList expected{QStringLiteral("start")};
        for (int cell = 0; cell < 6; ++cell)
            expected << QStringLiteral("trial") << QStringLiteral("trial") << QStringLiteral("cell");
        expected << QStringLiteral("done");
        QCOMPARE(kinds, expected);
        const QJsonObject start = events.first();
        QCOMPARE(start.value(QStringLiteral("lengths")).toArray(), (QJsonArray{160, 256}));
        QCOMPARE(start.value(QStringLiteral("depths")).toArray(), (QJsonArray{0.0, 0.5, 1.0}));
        QCOMPARE(start.value(QStringLiteral("trials")).toInt(), 2);
        QCOMPARE(start.value(QStringLiteral("seed")).toInt(), 7);
        QCOMPARE(start.value(QStringLiteral("digits")).toInt(), 5);
        QCOMPARE(start.value(QStringLiteral("model")).toString(), m_model);
        QVERIFY(start.value(QStringLiteral("adapter")).isNull());
        QVERIFY(start.value(QStringLiteral("base_model")).isNull());
        QCOMPARE(start.value(QStringLiteral("max_positions")).toInt(), 1024);
        QVERIFY(start.value(QStringLiteral("rope_scaling")).isNull());

        int correctAll = 0, index = 1;
        QSet<QString> keys;
        for (int length : {160, 256})
            for (double depth : {0.0, 0.5, 1.0}) {
                int correct = 0;
                for (int t = 1; t <= 2; ++t) {
                    const QJsonObject trial = events[index++];
                    QCOMPARE(trial.value(QStringLiteral("length")).toInt(), length);
                    QCOMPARE(trial.value(QStringLiteral("depth")).toDouble(), depth);
                    QCOMPARE(trial.value(QStringLiteral("trial")).toInt(), t);
                    const QString key = trial.value(QStringLiteral("key")).toString();
                    QCOMPARE(key.size(), 5);
                    QVERIFY(key.toInt() >= 10000);
                    keys.insert(key);
                    // What counts as correct is tested with an oracle (test_context_passkey); here the
                    // record must agree with its own answer by that rule.
                    const bool ok = firstNumber(trial.value(QStringLiteral("answer")).toString()) == key;
                    QCOMPARE(trial.value(QStringLiteral("correct")).toBool(), ok);
                    correct += ok ? 1 : 0;
                    // The prompt fills the length to within one filler sentence.
                    const int tokens = trial.value(QStringLiteral("prompt_tokens")).toInt();
                    QVERIFY2(tokens <= length && tokens > length - 40, qPrintable(QString::number(tokens)));
                }
                const QJsonObject cell = events[index++];
                QCOMPARE(cell.value(QStringLiteral("length")).toInt(), length);
                QCOMPARE(cell.value(QStringLiteral("depth")).toDouble(), depth);
                QCOMPARE(cell.value(QStringLiteral("correct")).toInt(), correct);
                QCOMPARE(cell.value(QStringLiteral("trials")).toInt(), 2);
                QCOMPARE(cell.value(QStringLiteral("accuracy")).toDouble(), correct / 2.0);
                correctAll += correct;
            }
        QCOMPARE(keys.size(), 12);
        QCOMPARE(events.last().value(QStringLiteral("accuracy")).toDouble(), correctAll / 12.0);

        // The same seed asks and answers the same; another seed asks other keys.
        const auto again = run(args);
        QCOMPARE(ofKind(jsonLines(again.out), QStringLiteral("trial")), ofKind(events, QStringLiteral("trial")));
        QStringList other = args;
        other.last() = QStringLiteral("8");
        const auto otherTrials = ofKind(jsonLines(run(other).out), QStringLiteral("trial"));
        QCOMPARE(otherTrials.size(), 12);
        int same = 0;
        for (const QJsonObject &t : otherTrials)
            same += keys.contains(t.value(QStringLiteral("key")).toString()) ? 1 : 0;
        QVERIFY(same < 3);
    }

    void passkeyErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("depth above 1") << QStringList{QStringLiteral("--depths"), QStringLiteral("0,1.5")}
                                       << QStringLiteral("between 0 and 1");
        QTest::newRow("negative depth") << QStringList{QStringLiteral("--depths"), QStringLiteral("-0.5")}
                                        << QStringLiteral("between 0 and 1");
        QTest::newRow("depth not a number") << QStringList{QStringLiteral("--depths"), QStringLiteral("0,half")}
                                            << QStringLiteral("not a number");
        QTest::newRow("no trials") << QStringList{QStringLiteral("--trials"), QStringLiteral("0")}
                                   << QStringLiteral("--trials");
        QTest::newRow("no digits") << QStringList{QStringLiteral("--digits"), QStringLiteral("0")}
                                   << QStringLiteral("--digits");
        QTest::newRow("two digits") << QStringList{QStringLiteral("--digits"), QStringLiteral("2")}
                                    << QStringLiteral("between 3 and 18");
        QTest::newRow("too many digits") << QStringList{QStringLiteral("--digits"), QStringLiteral("19")}
                                         << QStringLiteral("--digits");
        QTest::newRow("length too short") << QStringList{QStringLiteral("--lengths"), QStringLiteral("256,20")}
                                          << QStringLiteral("cannot hold a passkey prompt");
    }

    void passkeyErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QStringList args = {QStringLiteral("passkey"), QStringLiteral("--model"), m_model};
        if (!extra.contains(QStringLiteral("--lengths")))
            args << QStringLiteral("--lengths") << QStringLiteral("256");
        const auto r = run(args + extra);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void perplexityStops()
    {
        // Stride 1 over a long text: far more windows than can run before the signal lands.
        int exitCode = -1;
        const auto events = stopAfterFirst({QStringLiteral("perplexity"), QStringLiteral("--model"), m_model,
                                            QStringLiteral("--text"), m_longText, QStringLiteral("--lengths"),
                                            QStringLiteral("256"), QStringLiteral("--stride"), QStringLiteral("1")},
                                           QStringLiteral("progress"), &exitCode);
        QVERIFY(!events.isEmpty());
        QCOMPARE(exitCode, 0);
        QCOMPARE(kind(events.last()), QStringLiteral("stopped"));
        QVERIFY(ofKind(events, QStringLiteral("length")).isEmpty());
        QVERIFY(ofKind(events, QStringLiteral("done")).isEmpty());
        const auto progress = ofKind(events, QStringLiteral("progress"));
        QVERIFY(progress.last().value(QStringLiteral("window")).toInt()
                < progress.last().value(QStringLiteral("windows")).toInt());
    }

    // A signal while the text is tokenized or the model loads: nothing runs, "stopped", exit 0.
    void stopsBeforeAnyWindow_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("point");
        const QStringList perplexity = {QStringLiteral("perplexity"), QStringLiteral("--model"), m_model,
                                        QStringLiteral("--text"), m_text, QStringLiteral("--lengths"),
                                        QStringLiteral("32")};
        const QStringList passkey = {QStringLiteral("passkey"), QStringLiteral("--model"), m_model,
                                     QStringLiteral("--lengths"), QStringLiteral("160")};
        QTest::newRow("perplexity, parsed") << perplexity << QStringLiteral("parsed");
        QTest::newRow("perplexity, loaded") << perplexity << QStringLiteral("loaded");
        QTest::newRow("passkey, parsed") << passkey << QStringLiteral("parsed");
        QTest::newRow("passkey, loaded") << passkey << QStringLiteral("loaded");
    }

    void stopsBeforeAnyWindow()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, point);
        int exitCode = -1;
        const auto events = stopWhileHeld(args, point, &exitCode);
        QCOMPARE(exitCode, 0);
        QCOMPARE(events.size(), 1);
        QCOMPARE(kind(events.first()), QStringLiteral("stopped"));
    }

    void passkeyStops()
    {
        int exitCode = -1;
        const auto events = stopAfterFirst({QStringLiteral("passkey"), QStringLiteral("--model"), m_model,
                                            QStringLiteral("--lengths"), QStringLiteral("256"),
                                            QStringLiteral("--trials"), QStringLiteral("10000")},
                                           QStringLiteral("trial"), &exitCode);
        QVERIFY(!events.isEmpty());
        QCOMPARE(exitCode, 0);
        QCOMPARE(kind(events.last()), QStringLiteral("stopped"));
        QVERIFY(ofKind(events, QStringLiteral("done")).isEmpty());
        QVERIFY(ofKind(events, QStringLiteral("trial")).size() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestContextCli)
#include "test_context_cli.moc"
