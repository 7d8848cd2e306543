// The Porter stemmer against NLTK's PorterStemmer (NLTK_EXTENSIONS): textbook
// rows, the committed fixture of 13K words (Alpaca instructions and seed
// tasks, stemmed by Debian's nltk), and a live run of nltk over every distinct
// word of the whole Alpaca file (realData*, see shared_data.h; skipped without
// /usr/bin/python3 + nltk).

#include "rouge/porter.h"
#include "rouge/tokenizer.h"
#include "rouge_test_util.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace sft::rouge;

class TestPorter : public QObject
{
    Q_OBJECT

private slots:
    void words_data();
    void words();
    void fixture();
    void realDataLiveAllAlpacaWords();
};

void TestPorter::words_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("stem");
    // Values printed by nltk 3.8 PorterStemmer().stem(word).
    const char *rows[][2] = {
        {"caresses", "caress"}, {"ponies", "poni"}, {"ties", "tie"}, {"cats", "cat"},
        {"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"bled", "bled"},
        {"motoring", "motor"}, {"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"},
        {"sized", "size"}, {"hopping", "hop"}, {"falling", "fall"}, {"fizzed", "fizz"},
        {"failing", "fail"}, {"filing", "file"}, {"happy", "happi"}, {"sky", "sky"},
        {"skies", "sky"}, {"dying", "die"}, {"lying", "lie"}, {"news", "news"},
        {"innings", "inning"}, {"proceed", "proceed"}, {"relational", "relat"},
        {"conditional", "condit"}, {"generalization", "gener"}, {"generously", "gener"},
        {"hopefulness", "hope"}, {"electrical", "electr"}, {"adjustment", "adjust"},
        {"adoption", "adopt"}, {"effective", "effect"}, {"controll", "control"},
        {"cried", "cri"}, {"dies", "die"}, {"spied", "spi"}, {"analogi", "analog"},
        {"beautifulli", "beauti"}, {"instructions", "instruct"}, {"describe", "describ"},
        {"1234", "1234"}, {"syzygy", "syzygi"}, {"enjoying", "enjoy"},
    };
    for (const auto &r : rows)
        QTest::newRow(r[0]) << QString::fromLatin1(r[0]) << QString::fromLatin1(r[1]);
}

void TestPorter::words()
{
    QFETCH(QString, word);
    QFETCH(QString, stem);
    QCOMPARE(QString::fromStdString(porterStem(word.toStdString())), stem);
}

void TestPorter::fixture()
{
    std::istringstream in(rougetest::readFile(rougetest::testData("porter_stems.tsv")));
    std::string line;
    int count = 0, bad = 0;
    QString firstBad;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        QVERIFY(tab != std::string::npos);
        const std::string word = line.substr(0, tab), expected = line.substr(tab + 1);
        const std::string got = porterStem(word);
        ++count;
        if (got != expected && bad++ == 0)
            firstBad = QString::fromStdString(word + " -> " + got + " (nltk: " + expected + ")");
    }
    QVERIFY2(count > 10000, "fixture too small or missing");
    QVERIFY2(bad == 0, qPrintable(QString::number(bad) + QStringLiteral(" mismatches, first: ") + firstBad));
}

void TestPorter::realDataLiveAllAlpacaWords()
{
    const std::string path = rougetest::sharedData("alpaca_en_52k.json");
    if (!rougetest::pythonWithNltk())
        QSKIP("/usr/bin/python3 with nltk not available");
    std::set<std::string> words;
    Tokenizer tok;
    const nlohmann::json data = nlohmann::json::parse(rougetest::readFile(path));
    for (const auto &r : data)
        for (const char *f : {"instruction", "input", "output"})
            for (const std::string &w : tok.words(r.value(f, std::string())))
                if (w.size() > 3)
                    words.insert(w);
    QVERIFY(words.size() > 40000);
    QTemporaryDir dir;
    const std::string in = dir.filePath(QStringLiteral("words.txt")).toStdString();
    const std::string out = dir.filePath(QStringLiteral("stems.tsv")).toStdString();
    {
        std::ofstream f(in);
        for (const std::string &w : words)
            f << w << '\n';
    }
    QCOMPARE(rougetest::runGenerator({QStringLiteral("stems"), QString::fromStdString(in), QString::fromStdString(out)}), 0);
    std::istringstream lines(rougetest::readFile(out));
    std::string line;
    std::size_t count = 0, bad = 0;
    QString firstBad;
    while (std::getline(lines, line)) {
        const auto tab = line.find('\t');
        const std::string word = line.substr(0, tab), expected = line.substr(tab + 1);
        ++count;
        if (porterStem(word) != expected && bad++ == 0)
            firstBad = QString::fromStdString(word + " -> " + porterStem(word) + " (nltk: " + expected + ")");
    }
    QCOMPARE(count, words.size());
    QVERIFY2(bad == 0, qPrintable(QString::number(bad) + QStringLiteral(" mismatches, first: ") + firstBad));
}

SFT_REALDATA_GUILESS_MAIN(TestPorter, "alpaca_en_52k.json")
#include "test_porter.moc"
