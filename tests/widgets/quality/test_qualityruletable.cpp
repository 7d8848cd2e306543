// The Quality panel's rule table on its own: one row per rule of the catalogue
// with its default state and parameters, what rules() hands the run, invalid
// parameters marked and explained under the table (and no rules handed out
// then), rulesChanged on every edit, the rule names and descriptions.

#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "quality/qualityruletable.h"
#include "workspace/qtstrings.h"

using namespace sft;

class TestQualityRuleTable : public QObject
{
    Q_OBJECT

    QualityRuleTable *m_table = nullptr;

    int rowOf(const QString &id) const
    {
        for (int r = 0; r < m_table->table()->rowCount(); ++r)
            if (m_table->table()->item(r, 0)->data(QualityRuleTable::RuleIdRole).toString() == id)
                return r;
        return -1;
    }
    const rouge::FilterRule *find(const std::vector<rouge::FilterRule> &rules, const std::string &id) const
    {
        for (const rouge::FilterRule &r : rules)
            if (r.id == id)
                return &r;
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_table = new QualityRuleTable;
        m_table->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_table));
    }
    void cleanup()
    {
        delete m_table;
        m_table = nullptr;
    }

    void rowsAreTheCatalogue()
    {
        const auto &catalog = rouge::filterRuleCatalog();
        QTableWidget *t = m_table->table();
        QCOMPARE(t->rowCount(), int(catalog.size()));
        for (int r = 0; r < t->rowCount(); ++r) {
            const rouge::FilterRuleInfo &info = catalog[std::size_t(r)];
            QCOMPARE(t->item(r, 0)->data(QualityRuleTable::RuleIdRole).toString(), qs(info.id));
            QCOMPARE(t->item(r, 0)->checkState(), info.enabledByDefault ? Qt::Checked : Qt::Unchecked);
            QCOMPARE(nlohmann::json::parse(ss(t->item(r, 1)->text())), info.defaults);
            QCOMPARE(t->item(r, 0)->text(), QualityRuleTable::ruleName(qs(info.id)));
            QVERIFY(!t->item(r, 0)->toolTip().isEmpty());   // the description
        }
        // Untouched, the run gets the defaults.
        QString error;
        const std::vector<rouge::FilterRule> rules = m_table->rules(&error);
        QVERIFY(error.isEmpty());
        const std::vector<rouge::FilterRule> defaults = rouge::defaultFilterRules();
        QCOMPARE(rules.size(), defaults.size());
        for (std::size_t i = 0; i < rules.size(); ++i) {
            QCOMPARE(rules[i].id, defaults[i].id);
            QCOMPARE(rules[i].enabled, defaults[i].enabled);
            QCOMPARE(rules[i].params, defaults[i].params);
        }
        QVERIFY(m_table->errorLabel()->isHidden());
    }

    void editsReachTheRules()
    {
        QSignalSpy changed(m_table, &QualityRuleTable::rulesChanged);
        const int row = rowOf(QStringLiteral("length"));
        QVERIFY(row >= 0);
        m_table->table()->item(row, 0)->setCheckState(Qt::Unchecked);
        QCOMPARE(changed.size(), 1);
        m_table->table()->item(row, 1)->setText(QStringLiteral("{\"max_words\": 4}"));
        QCOMPARE(changed.size(), 2);
        QString error;
        const std::vector<rouge::FilterRule> rules = m_table->rules(&error);
        QVERIFY(error.isEmpty());
        const rouge::FilterRule *length = find(rules, "length");
        QVERIFY(length);
        QVERIFY(!length->enabled);
        QCOMPARE(length->params.at("max_words"), nlohmann::json(4));
    }

    void invalidRuleParameters_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QStringLiteral("{\"max_words\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("wrong type") << QStringLiteral("{\"max_words\": \"many\"}") << QStringLiteral("max_words");
        QTest::newRow("unknown") << QStringLiteral("{\"maxwords\": 3}") << QStringLiteral("maxwords");
    }
    void invalidRuleParameters()
    {
        QFETCH(QString, params);
        QFETCH(QString, expected);
        QSignalSpy changed(m_table, &QualityRuleTable::rulesChanged);
        const int row = rowOf(QStringLiteral("length"));
        QVERIFY(row >= 0);
        QTableWidgetItem *cell = m_table->table()->item(row, 1);
        cell->setText(params);
        QCOMPARE(changed.size(), 1);   // the panel re-checks its preview: the options are now invalid
        QVERIFY(m_table->errorLabel()->isVisible());
        const QString error = m_table->errorLabel()->text();
        QVERIFY2(error.startsWith(QLatin1String("Instruction length: ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // The row is marked and explains itself.
        QVERIFY(cell->background().style() != Qt::NoBrush);
        QCOMPARE(cell->toolTip(), error);
        // No rules for the run, and the same error.
        QString runError;
        QVERIFY(m_table->rules(&runError).empty());
        QCOMPARE(runError, error);

        cell->setText(QStringLiteral("{\"max_words\": 4}"));
        QVERIFY(!m_table->errorLabel()->isVisible());
        QCOMPARE(cell->background().style(), Qt::NoBrush);
        runError.clear();
        QVERIFY(!m_table->rules(&runError).empty());
        QVERIFY(runError.isEmpty());
    }

    void names()
    {
        QCOMPARE(QualityRuleTable::ruleName(QStringLiteral("rouge-l")), QStringLiteral("ROUGE-L near-duplicate"));
        QCOMPARE(QualityRuleTable::ruleName(QStringLiteral("length")), QStringLiteral("Instruction length"));
        QCOMPARE(QualityRuleTable::ruleName(QStringLiteral("no_such_rule")), QStringLiteral("no_such_rule"));
        QVERIFY(QualityRuleTable::ruleDescription(QStringLiteral("no_such_rule")).isEmpty());
        for (const rouge::FilterRuleInfo &info : rouge::filterRuleCatalog())
            QVERIFY2(!QualityRuleTable::ruleDescription(qs(info.id)).isEmpty(), info.id.c_str());
    }
};

QTEST_MAIN(TestQualityRuleTable)
#include "test_qualityruletable.moc"
