// sftbench-cli tokenize --model DIR: the folder's tokenizer loaded the way the
// model commands load it (tokenizer.json with tokenizer_config.json applied).
// With --add-special-tokens the ids start with the BOS that config adds, and
// their count is the prompt_tokens `logprobs` reports for the same prompt (what
// the model is fed); without the config's BOS they are --tokenizer's ids; and
// --tokenizer / --model are exclusive, one required, with errors naming the
// option.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_util.h"

using sfttest::cliPath;

namespace {


struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(cliPath(), args);
    Run r;
    if (!p.waitForFinished(240000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/** The id arrays tokenize printed, one per input line. */
QList<QList<int>> ids(const QByteArray &out)
{
    QList<QList<int>> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QList<int> l;
        for (const QJsonValue &v : QJsonDocument::fromJson(line).array())
            l << v.toInt();
        lines << l;
    }
    return lines;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestCliTokenize : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_plain, m_withBos, m_texts;
    int m_bos = -1;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        const Run help = cli({QStringLiteral("init-model"), QStringLiteral("--help")});
        if (help.exitCode != 0)
            QSKIP("this build has no `sftbench-cli init-model`");
        m_plain = path(QStringLiteral("tiny"));
        const Run init = cli({QStringLiteral("init-model"), QStringLiteral("--preset"), QStringLiteral("tiny"),
                              QStringLiteral("--out"), m_plain});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        // The same model with a config that asks for BOS (<|endoftext|>, which the demo tokenizer has).
        m_withBos = path(QStringLiteral("tiny-bos"));
        QDir().mkpath(m_withBos);
        for (const QString &f : QDir(m_plain).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_plain + QLatin1Char('/') + f, m_withBos + QLatin1Char('/') + f));
        QFile config(m_plain + QStringLiteral("/tokenizer_config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        QJsonObject c = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(c.value(QStringLiteral("add_bos_token")).toBool(true), false);  // the demo model: no BOS
        c[QStringLiteral("bos_token")] = QStringLiteral("<|endoftext|>");
        c[QStringLiteral("add_bos_token")] = true;
        QFile::remove(m_withBos + QStringLiteral("/tokenizer_config.json"));
        writeFile(m_withBos + QStringLiteral("/tokenizer_config.json"), QJsonDocument(c).toJson());

        m_texts = path(QStringLiteral("texts.jsonl"));
        writeFile(m_texts, "{\"text\": \"Input: 这部电影很好看\\nOutput:\"}\n{\"text\": \"hello world\"}\n");
        // The BOS id: the special token's own text tokenizes to it.
        writeFile(path(QStringLiteral("bos.jsonl")), "{\"text\": \"<|endoftext|>\"}\n");
        const Run bos = cli({QStringLiteral("tokenize"), QStringLiteral("--tokenizer"),
                             m_plain + QStringLiteral("/tokenizer.json"), QStringLiteral("--input"),
                             path(QStringLiteral("bos.jsonl"))});
        QVERIFY2(bos.exitCode == 0, qPrintable(bos.err));
        QCOMPARE(ids(bos.out).value(0).size(), 1);
        m_bos = ids(bos.out)[0][0];
    }

    void modelAddsTheConfigsBos()
    {
        const QStringList input{QStringLiteral("--input"), m_texts};
        const Run bare = cli(QStringList{QStringLiteral("tokenize"), QStringLiteral("--tokenizer"),
                                         m_withBos + QStringLiteral("/tokenizer.json"), QStringLiteral("--add-special-tokens")}
                             + input);
        QVERIFY2(bare.exitCode == 0, qPrintable(bare.err));
        const Run model = cli(QStringList{QStringLiteral("tokenize"), QStringLiteral("--model"), m_withBos,
                                          QStringLiteral("--add-special-tokens")}
                              + input);
        QVERIFY2(model.exitCode == 0, qPrintable(model.err));
        const auto b = ids(bare.out), m = ids(model.out);
        QCOMPARE(b.size(), 2);
        QCOMPARE(m.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(b[i].value(0) != m_bos);       // tokenizer.json alone: no post-processor BOS
            QCOMPARE(m[i].value(0), m_bos);         // the config's add_bos_token
            QCOMPARE(m[i].mid(1), b[i]);
        }
        // Without --add-special-tokens: the text's own ids, as before.
        const Run plainIds = cli(QStringList{QStringLiteral("tokenize"), QStringLiteral("--model"), m_withBos} + input);
        QVERIFY2(plainIds.exitCode == 0, qPrintable(plainIds.err));
        QCOMPARE(ids(plainIds.out), b);
        // The demo model's own config adds nothing.
        const Run demo = cli(QStringList{QStringLiteral("tokenize"), QStringLiteral("--model"), m_plain,
                                         QStringLiteral("--add-special-tokens")}
                             + input);
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        QCOMPARE(ids(demo.out), b);
    }

    void countIsWhatTheModelIsFed()
    {
        const Run probe = cli({QStringLiteral("logprobs"), QStringLiteral("--help")});
        if (probe.exitCode != 0)
            QSKIP("this build has no `sftbench-cli logprobs`");
        const QString prompt = QStringLiteral("Input: 这部电影很好看\nOutput:");
        writeFile(path(QStringLiteral("lp.jsonl")),
                  QJsonDocument(QJsonObject{{QStringLiteral("prompt"), prompt}, {QStringLiteral("continuation"), QStringLiteral(" 正面")}})
                          .toJson(QJsonDocument::Compact)
                      + '\n');
        for (const QString &dir : {m_plain, m_withBos}) {
            const Run tok = cli({QStringLiteral("tokenize"), QStringLiteral("--model"), dir,
                                 QStringLiteral("--add-special-tokens"), QStringLiteral("--input"), m_texts});
            QVERIFY2(tok.exitCode == 0, qPrintable(tok.err));
            const Run lp = cli({QStringLiteral("logprobs"), QStringLiteral("--model"), dir, QStringLiteral("--input"),
                                path(QStringLiteral("lp.jsonl")), QStringLiteral("--device"), QStringLiteral("cpu")});
            QVERIFY2(lp.exitCode == 0, qPrintable(lp.err));
            const QJsonObject line = QJsonDocument::fromJson(lp.out.split('\n').first()).object();
            QCOMPARE(qint64(ids(tok.out).value(0).size()), line.value(QStringLiteral("prompt_tokens")).toInteger());
        }
    }

    void optionErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("neither") << QStringList{} << QStringLiteral("either --tokenizer FILE or --model DIR");
        QTest::newRow("both") << QStringList{QStringLiteral("--tokenizer"), QStringLiteral("x.json"),
                                             QStringLiteral("--model"), QStringLiteral("x")}
                              << QStringLiteral("either --tokenizer FILE or --model DIR");
        QTest::newRow("no tokenizer.json") << QStringList{QStringLiteral("--model"), QStringLiteral("/nonexistent-model")}
                                           << QStringLiteral("tokenizer.json");
    }
    void optionErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(QStringList{QStringLiteral("tokenize")} + args + QStringList{QStringLiteral("--input"), m_texts});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        if (args.contains(QStringLiteral("--model")) && !args.contains(QStringLiteral("--tokenizer")))
            QVERIFY2(r.err.contains(QStringLiteral("\"model\"")), qPrintable(r.err));  // the option is named
    }
};

QTEST_MAIN(TestCliTokenize)
#include "test_util.h"
#include "test_cli_tokenize.moc"
