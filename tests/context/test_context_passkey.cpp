// Passkey trials with the generator swapped for an oracle that reads the
// prompt: the trial's prompt fills the length and carries the key it checks,
// and the check is right about the answers a model may give (the key alone,
// the key inside a sentence, a longer number that starts with the key, a
// wrong number). The tiny random model never finds the key, so only an
// oracle can show that a right answer counts; the greedy generator on that
// model is run once for what it must respect (answer tokens, stop strings).

#include "context/passkey.h"
#include "context/passkey_prompt.h"
#include "core/error.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "tokenizer/model_tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <regex>

using namespace sft;
using namespace sft::context;

class TestContextPasskey : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Tokenizer m_tokenizer;
    std::string m_model;

    /** The key stated in a prompt, read back from its ids (empty when none). */
    std::string keyIn(const std::vector<std::int64_t> &ids) const
    {
        const std::string text = m_tokenizer.decode(std::vector<std::int32_t>(ids.begin(), ids.end()));
        std::smatch m;
        static const std::regex stated("The pass key is ([0-9]+)\\. Remember it\\. ([0-9]+) is the pass key\\.");
        if (!std::regex_search(text, m, stated) || m[1] != m[2])
            return {};
        return m[1];
    }

    PasskeyTrialSpec spec(std::int64_t trial) const
    {
        PasskeyTrialSpec s;
        s.length = 160;
        s.depth = 0.5;
        s.trial = trial;
        s.seed = 3;
        s.digits = 5;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        model::DemoModelOptions o;
        o.outDir = m_dir.filePath(QStringLiteral("model")).toStdString();
        o.seed = 1;
        model::writeDemoModel(o);
        m_model = o.outDir;
        m_tokenizer = loadModelTokenizer(m_model).tokenizer;
    }

    void oracle_data()
    {
        QTest::addColumn<QString>("answer");   // KEY stands for the key
        QTest::addColumn<bool>("correct");
        QTest::newRow("the key") << QStringLiteral(" KEY") << true;
        QTest::newRow("the key in a sentence") << QStringLiteral("The pass key is KEY.") << true;
        QTest::newRow("the key and more words") << QStringLiteral(" KEY, as stated above") << true;
        QTest::newRow("a longer number") << QStringLiteral(" KEY0") << false;
        QTest::newRow("a number before the key") << QStringLiteral(" 7 or KEY") << false;
        QTest::newRow("a wrong number") << QStringLiteral(" 12345") << false;
        QTest::newRow("no number") << QStringLiteral(" I do not know") << false;
    }

    void oracle()
    {
        QFETCH(QString, answer);
        QFETCH(bool, correct);
        for (std::int64_t trial = 1; trial <= 3; ++trial) {
            const PasskeyTrialSpec s = spec(trial);
            std::string seen;
            std::int64_t promptTokens = 0;
            const PasskeyTrialResult r = runPasskeyTrial(m_tokenizer, s, [&](const std::vector<std::int64_t> &ids) {
                seen = keyIn(ids);
                promptTokens = static_cast<std::int64_t>(ids.size());
                return QString(answer).replace(QStringLiteral("KEY"), QString::fromStdString(seen)).toStdString();
            });
            // The prompt carries the trial's key, fills the length and is what the result reports.
            QCOMPARE(seen, passkeyKey(s.seed, s.length, s.depth, s.trial, s.digits));
            QCOMPARE(r.key, seen);
            QCOMPARE(r.promptTokens, promptTokens);
            QVERIFY2(promptTokens <= s.length && promptTokens > s.length - 40, qPrintable(QString::number(promptTokens)));
            QCOMPARE(r.answer, QString(answer).replace(QStringLiteral("KEY"), QString::fromStdString(seen)).toStdString());
            QCOMPARE(r.correct, correct);
        }
    }

    void tooShort()
    {
        PasskeyTrialSpec s = spec(1);
        s.length = 20;
        bool asked = false;
        QVERIFY_THROWS_EXCEPTION(Error, runPasskeyTrial(m_tokenizer, s, [&](const std::vector<std::int64_t> &) {
            asked = true;
            return std::string();
        }));
        QVERIFY(!asked);
        // The minimum is the prompt without filler, as the tokenizer counts it.
        const std::string key = passkeyKey(s.seed, s.length, s.depth, s.trial, s.digits);
        const std::int64_t minimum = passkeyMinimumTokens(key, [&](const std::string &t) {
            return static_cast<std::int64_t>(m_tokenizer.encode(t, true).size());
        });
        s.length = minimum;
        const PasskeyTrialResult r = runPasskeyTrial(m_tokenizer, s, [](const std::vector<std::int64_t> &) {
            return std::string(" 1");
        });
        QCOMPARE(r.promptTokens, minimum);
    }

    // The model's greedy answer: cut before a newline or period, the same every time.
    void greedy()
    {
        auto lm = model::LanguageModel::load(m_model, model::LoadOptions("cpu", "fp32"));
        const PasskeyTrialSpec s = spec(1);
        const PasskeyTrialResult r = runPasskeyTrial(*lm, m_tokenizer, s);
        QCOMPARE(r.key, passkeyKey(s.seed, s.length, s.depth, s.trial, s.digits));
        QVERIFY(r.answer.find('\n') == std::string::npos && r.answer.find('.') == std::string::npos);
        QCOMPARE(r.correct, passkeyCorrect(r.answer, r.key));
        // Greedy: the same trial answers the same.
        QCOMPARE(runPasskeyTrial(*lm, m_tokenizer, s).answer, r.answer);
    }
};

QTEST_GUILESS_MAIN(TestContextPasskey)
#include "test_context_passkey.moc"
