// ConfigDiffView driven by QTest (offscreen): nested settings flattened to
// dotted keys, lists shown comma-separated, only differing keys by default
// (a key one run lacks counts as different), "Show all settings", the soft
// highlight on differing cells, identical and single configs.

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

#include "training/configdiffview.h"

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject configA()
{
    return json(R"({"learning_rate": 0.0002, "epochs": 3, "seed": 42, "method": "lora",
                    "lora": {"r": 8, "alpha": 16, "dropout": 0.05, "target_modules": ["q_proj", "v_proj"]},
                    "data": {"max_length": 512, "template": {"name": "alpaca"}}})");
}

QJsonObject configB()
{
    return json(R"({"learning_rate": 0.0001, "epochs": 3, "seed": 42, "method": "lora",
                    "lora": {"r": 16, "alpha": 16, "dropout": 0.05,
                             "target_modules": ["q_proj", "k_proj", "v_proj"]},
                    "data": {"max_length": 512, "template": {"name": "alpaca"}}, "warmup_steps": 100})");
}

QTableWidget *tableOf(ConfigDiffView &view)
{
    return view.findChild<QTableWidget *>();
}

QString cell(ConfigDiffView &view, const QString &key, int column)
{
    const int row = int(view.shownKeys().indexOf(key));
    if (row < 0)
        return QStringLiteral("<missing row>");
    QTableWidgetItem *item = tableOf(view)->item(row, column);
    return item ? item->text() : QStringLiteral("<no item>");
}

} // namespace

class TestConfigDiffView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void differingKeysOnlyByDefault();
    void flattensNestedKeysAndLists();
    void showAllListsEveryKey();
    void differingCellsHighlighted();
    void identicalAndSingleConfigs();
    void settingsOfUnusedMethodsLeftOut();
};

void TestConfigDiffView::differingKeysOnlyByDefault()
{
    ConfigDiffView view;
    QVERIFY(!view.showAll());
    view.setConfigs({QStringLiteral("r8"), QStringLiteral("r16")}, {configA(), configB()});
    const QStringList expected{QStringLiteral("learning_rate"), QStringLiteral("lora.r"),
                               QStringLiteral("lora.target_modules"), QStringLiteral("warmup_steps")};
    QCOMPARE(view.shownKeys(), expected);
    QCOMPARE(view.rowCount(), 4);
    QTableWidget *table = tableOf(view);
    QCOMPARE(table->columnCount(), 2);
    QCOMPARE(table->horizontalHeaderItem(0)->text(), QStringLiteral("r8"));
    QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("r16"));
    QCOMPARE(table->verticalHeaderItem(1)->text(), QStringLiteral("lora.r"));
    QCOMPARE(cell(view, QStringLiteral("learning_rate"), 0), QStringLiteral("0.0002"));
    QCOMPARE(cell(view, QStringLiteral("learning_rate"), 1), QStringLiteral("0.0001"));
    QCOMPARE(cell(view, QStringLiteral("lora.r"), 0), QStringLiteral("8"));
    QCOMPARE(cell(view, QStringLiteral("lora.r"), 1), QStringLiteral("16"));
    // A key one run lacks differs; the lacking run shows a dash.
    QCOMPARE(cell(view, QStringLiteral("warmup_steps"), 0), QStringLiteral("—"));
    QCOMPARE(cell(view, QStringLiteral("warmup_steps"), 1), QStringLiteral("100"));
}

void TestConfigDiffView::flattensNestedKeysAndLists()
{
    ConfigDiffView view;
    view.setShowAll(true);
    QJsonObject a = configA();
    a.insert(QStringLiteral("flags"), QJsonArray{true, 1, QStringLiteral("x")});
    a.insert(QStringLiteral("empty"), QJsonObject());
    a.insert(QStringLiteral("none"), QJsonValue::Null);
    view.setConfigs({QStringLiteral("a")}, {a});
    const QStringList keys = view.shownKeys();
    QVERIFY(keys.contains(QStringLiteral("data.template.name")));
    QVERIFY(keys.contains(QStringLiteral("lora.dropout")));
    QVERIFY(!keys.contains(QStringLiteral("lora")));
    QVERIFY(!keys.contains(QStringLiteral("data.template")));
    QCOMPARE(keys, [&] { QStringList s = keys; s.sort(); return s; }()); // sorted
    QCOMPARE(cell(view, QStringLiteral("data.template.name"), 0), QStringLiteral("alpaca"));
    QCOMPARE(cell(view, QStringLiteral("lora.target_modules"), 0), QStringLiteral("q_proj, v_proj"));
    QCOMPARE(cell(view, QStringLiteral("lora.dropout"), 0), QStringLiteral("0.05"));
    QCOMPARE(cell(view, QStringLiteral("flags"), 0), QStringLiteral("true, 1, x"));
    QCOMPARE(cell(view, QStringLiteral("empty"), 0), QStringLiteral("{}"));
    QCOMPARE(cell(view, QStringLiteral("none"), 0), QStringLiteral("null"));
    QCOMPARE(view.rowCount(), 13); // 10 settings of configA + flags, empty, none
}

void TestConfigDiffView::showAllListsEveryKey()
{
    ConfigDiffView view;
    view.setConfigs({QStringLiteral("a"), QStringLiteral("b")}, {configA(), configB()});
    QCOMPARE(view.rowCount(), 4);
    auto *box = view.findChild<QCheckBox *>();
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Show all settings"));
    box->click(); // the user's way in
    QVERIFY(view.showAll());
    const QStringList all{QStringLiteral("data.max_length"), QStringLiteral("data.template.name"),
                          QStringLiteral("epochs"), QStringLiteral("learning_rate"), QStringLiteral("lora.alpha"),
                          QStringLiteral("lora.dropout"), QStringLiteral("lora.r"),
                          QStringLiteral("lora.target_modules"), QStringLiteral("method"), QStringLiteral("seed"),
                          QStringLiteral("warmup_steps")};
    QCOMPARE(view.shownKeys(), all);
    QCOMPARE(view.rowCount(), all.size());
    QCOMPARE(cell(view, QStringLiteral("epochs"), 0), QStringLiteral("3"));
    QCOMPARE(cell(view, QStringLiteral("epochs"), 1), QStringLiteral("3"));
    view.setShowAll(false);
    QVERIFY(!box->isChecked());
    QCOMPARE(view.rowCount(), 4);
    // A new pair of configs keeps the mode.
    view.setShowAll(true);
    view.setConfigs({QStringLiteral("a"), QStringLiteral("b")}, {configA(), configA()});
    QCOMPARE(view.rowCount(), 10);
}

void TestConfigDiffView::differingCellsHighlighted()
{
    ConfigDiffView view;
    view.setShowAll(true);
    view.setConfigs({QStringLiteral("a"), QStringLiteral("b")}, {configA(), configB()});
    QTableWidget *table = tableOf(view);
    const int differing = int(view.shownKeys().indexOf(QStringLiteral("lora.r")));
    const int same = int(view.shownKeys().indexOf(QStringLiteral("epochs")));
    QVERIFY(differing >= 0 && same >= 0);
    for (int c = 0; c < 2; ++c) {
        QCOMPARE(table->item(differing, c)->background().style(), Qt::SolidPattern);
        QCOMPARE(table->item(same, c)->background().style(), Qt::NoBrush);
    }
    QVERIFY(table->verticalHeaderItem(differing)->font().bold());
    QVERIFY(!table->verticalHeaderItem(same)->font().bold());
}

void TestConfigDiffView::identicalAndSingleConfigs()
{
    ConfigDiffView view;
    view.setConfigs({QStringLiteral("a"), QStringLiteral("b")}, {configA(), configA()});
    QCOMPARE(view.rowCount(), 0);
    QVERIFY(view.shownKeys().isEmpty());
    auto *note = view.findChild<QLabel *>(QStringLiteral("configDiffNote"));
    QVERIFY(note);
    QVERIFY(note->isVisibleTo(&view));

    // One run: nothing to compare, so every setting is listed; missing labels get "Run N".
    view.setConfigs({}, {configB()});
    QCOMPARE(view.rowCount(), 11);
    QVERIFY(!note->isVisibleTo(&view));
    QCOMPARE(tableOf(view)->horizontalHeaderItem(0)->text(), QStringLiteral("Run 1"));

    view.setConfigs({}, {});
    QCOMPARE(view.rowCount(), 0);
    QCOMPARE(tableOf(view)->columnCount(), 0);
}

void TestConfigDiffView::settingsOfUnusedMethodsLeftOut()
{
    // Every config.json carries lora, adapter and prefix sections; a run uses one of them.
    QJsonObject a = configA();
    a.insert(QStringLiteral("adapter"), json(R"({"bottleneck": 64})"));
    a.insert(QStringLiteral("prefix"), json(R"({"num_virtual_tokens": 16})"));
    QJsonObject b = configB();
    b.insert(QStringLiteral("adapter"), json(R"({"bottleneck": 32})"));
    b.insert(QStringLiteral("prefix"), json(R"({"num_virtual_tokens": 8})"));
    ConfigDiffView view;
    view.setShowAll(true);
    view.setConfigs({QStringLiteral("a"), QStringLiteral("b")}, {a, b});
    for (const QString &key : view.shownKeys())
        QVERIFY2(!key.startsWith(QLatin1String("adapter.")) && !key.startsWith(QLatin1String("prefix.")), qPrintable(key));
    QVERIFY(view.shownKeys().contains(QStringLiteral("lora.r")));

    // A LoRA run against an adapter run: each side's own settings, the other side empty.
    b.insert(QStringLiteral("method"), QStringLiteral("adapter"));
    view.setShowAll(false);
    view.setConfigs({QStringLiteral("lora run"), QStringLiteral("adapter run")}, {a, b});
    QVERIFY(view.shownKeys().contains(QStringLiteral("adapter.bottleneck")));
    QVERIFY(view.shownKeys().contains(QStringLiteral("lora.r")));
    QVERIFY(!view.shownKeys().contains(QStringLiteral("prefix.num_virtual_tokens")));
    QCOMPARE(cell(view, QStringLiteral("adapter.bottleneck"), 0), QStringLiteral("—"));  // not set for that run
    QCOMPARE(cell(view, QStringLiteral("adapter.bottleneck"), 1), QStringLiteral("32"));
}

QTEST_MAIN(TestConfigDiffView)
#include "test_configdiffview.moc"
