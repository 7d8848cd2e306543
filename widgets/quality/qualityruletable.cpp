// QualityRuleTable: fills the rows from the rule catalogue, validates each
// row's JSON with the engine's own parser and rule compiler (so the panel
// refuses exactly what the run would), and names the rules.

#include "quality/qualityruletable.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "common/panelutil.h"
#include "workspace/qtstrings.h"
#include "workspace/qualityrun.h"

QualityRuleTable::QualityRuleTable(QWidget *parent) : QWidget(parent)
{
    m_title = titleLabel(this);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 230);
    m_table->setWordWrap(false);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("ruleErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);

    fill();
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        validate();
        Q_EMIT rulesChanged();
    });
    retranslate();
}

void QualityRuleTable::fill()
{
    const QSignalBlocker block(m_table);
    const auto rules = sft::rouge::defaultFilterRules();
    m_table->setRowCount(int(rules.size()));
    for (int row = 0; row < int(rules.size()); ++row) {
        const auto &r = rules[std::size_t(row)];
        auto *name = new QTableWidgetItem;
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        name->setCheckState(r.enabled ? Qt::Checked : Qt::Unchecked);
        name->setData(RuleIdRole, sft::qs(r.id));
        m_table->setItem(row, 0, name);
        auto *params = new QTableWidgetItem(sft::qs(r.params.dump()));
        params->setFlags(Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsSelectable);
        m_table->setItem(row, 1, params);
    }
}

bool QualityRuleTable::validateRow(int row, QString *error) const
{
    const QString id = m_table->item(row, 0)->data(RuleIdRole).toString();
    try {
        const nlohmann::json params = nlohmann::json::parse(sft::ss(m_table->item(row, 1)->text()));
        const auto rules = sft::rouge::filterRulesFromJson(
            nlohmann::json::array({nlohmann::json{{"id", sft::ss(id)}, {"params", params}}}));
        for (const auto &r : rules)
            if (r.id == sft::ss(id))
                sft::rouge::RecordFilter({r});  // checks values, not only types
        return true;
    } catch (const nlohmann::json::exception &e) {
        *error = QCoreApplication::translate("QualityPanel", "%1: the parameters are not valid JSON (%2)")
                     .arg(ruleName(id), QString::fromUtf8(e.what()));
    } catch (const std::exception &e) {
        *error = QCoreApplication::translate("QualityPanel", "%1: %2").arg(ruleName(id), QString::fromUtf8(e.what()));
    }
    return false;
}

void QualityRuleTable::validate()
{
    const QSignalBlocker block(m_table);
    QStringList errors;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QString error;
        const bool ok = validateRow(row, &error);
        m_table->item(row, 1)->setBackground(ok ? QBrush() : QBrush(QColor(255, 220, 220)));
        m_table->item(row, 1)->setToolTip(ok ? m_table->item(row, 1)->text() : error);
        if (!ok)
            errors << error;
    }
    m_error->setText(errors.join(QLatin1Char('\n')));
    m_error->setVisible(!errors.isEmpty());
}

std::vector<sft::rouge::FilterRule> QualityRuleTable::rules(QString *error) const
{
    nlohmann::json all = nlohmann::json::array();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (!validateRow(row, error))
            return {};
        all.push_back({{"id", sft::ss(m_table->item(row, 0)->data(RuleIdRole).toString())},
                       {"enabled", m_table->item(row, 0)->checkState() == Qt::Checked},
                       {"params", nlohmann::json::parse(sft::ss(m_table->item(row, 1)->text()))}});
    }
    return sft::rouge::filterRulesFromJson(all);
}

QString QualityRuleTable::ruleName(const QString &id)
{
    if (id == sft::rougeRuleId())
        return QCoreApplication::translate("QualityPanel", "ROUGE-L near-duplicate");
    if (id == QLatin1String("empty_output"))
        return QCoreApplication::translate("QualityPanel", "Empty output");
    if (id == QLatin1String("length"))
        return QCoreApplication::translate("QualityPanel", "Instruction length");
    if (id == QLatin1String("blacklist_en"))
        return QCoreApplication::translate("QualityPanel", "Keyword blacklist (Self-Instruct/Alpaca)");
    if (id == QLatin1String("blacklist_zh"))
        return QCoreApplication::translate("QualityPanel", "Keyword blacklist (BELLE, Chinese)");
    if (id == QLatin1String("write_program"))
        return QCoreApplication::translate("QualityPanel", "Asks to write a program");
    if (id == QLatin1String("punctuation_start"))
        return QCoreApplication::translate("QualityPanel", "Starts with punctuation");
    if (id == QLatin1String("input_equals_output"))
        return QCoreApplication::translate("QualityPanel", "Output repeats the input");
    if (id == QLatin1String("repetition"))
        return QCoreApplication::translate("QualityPanel", "Heavy repetition");
    for (const auto &info : sft::rouge::filterRuleCatalog())
        if (sft::qs(info.id) == id)
            return sft::qs(info.displayName);
    return id;
}

QString QualityRuleTable::ruleDescription(const QString &id)
{
    if (id == QLatin1String("empty_output"))
        return QCoreApplication::translate("QualityPanel", "The field is empty or only whitespace.");
    if (id == QLatin1String("length"))
        return QCoreApplication::translate("QualityPanel",
                                           "Too few or too many words (Self-Instruct/Alpaca keep 4 to 150); text with "
                                           "Chinese characters counts characters instead (BELLE drops 3 or fewer).");
    if (id == QLatin1String("blacklist_en"))
        return QCoreApplication::translate("QualityPanel",
                                           "Contains one of the words (whole words, ignoring case), as Alpaca's filter.");
    if (id == QLatin1String("blacklist_zh"))
        return QCoreApplication::translate("QualityPanel",
                                           "Contains one of the strings (plain substring, case-sensitive), as BELLE's "
                                           "generator.");
    if (id == QLatin1String("write_program"))
        return QCoreApplication::translate("QualityPanel",
                                           "Starts with one of the prefixes (case-sensitive), as Alpaca's \"Write a "
                                           "program\" rule.");
    if (id == QLatin1String("punctuation_start"))
        return QCoreApplication::translate("QualityPanel",
                                           "The first character is punctuation; with non_ascii also when it is not "
                                           "ASCII.");
    if (id == QLatin1String("input_equals_output"))
        return QCoreApplication::translate("QualityPanel", "A non-empty input equal to the output.");
    if (id == QLatin1String("repetition"))
        return QCoreApplication::translate("QualityPanel", "The share of repeated n-grams is above max_share.");
    for (const auto &info : sft::rouge::filterRuleCatalog())
        if (sft::qs(info.id) == id)
            return sft::qs(info.description);
    return QString();
}

void QualityRuleTable::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void QualityRuleTable::retranslate()
{
    m_title->setText(QCoreApplication::translate("QualityPanel", "Heuristic rules (run first; edit parameters as JSON)"));
    m_table->setHorizontalHeaderLabels({QCoreApplication::translate("QualityPanel", "Rule"),
                                        QCoreApplication::translate("QualityPanel", "Parameters")});
    const QSignalBlocker block(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, 0);
        const QString id = item->data(RuleIdRole).toString();
        item->setText(ruleName(id));
        item->setToolTip(ruleDescription(id));
    }
}
