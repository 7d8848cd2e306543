#pragma once
// The heuristic rules of the Quality panel: one row per rule of the catalogue
// (rouge/filters.h), a check box to enable it and its parameters as JSON,
// edited in place. Each edit is checked at once (the row turns red and the
// error shows under the table); the panel reads the rules when it runs a check
// and follows rulesChanged to keep its preview in step. Its texts keep the
// "QualityPanel" translation context they had in the panel.

#include <QString>
#include <QWidget>

#include <vector>

#include "rouge/filters.h"

class QLabel;
class QTableWidget;

class QualityRuleTable : public QWidget
{
    Q_OBJECT

public:
    /** Data role of a rule row's first cell: the rule id. */
    static constexpr int RuleIdRole = Qt::UserRole;

    explicit QualityRuleTable(QWidget *parent = nullptr);

    /**
     * The rules as set, in table order (enabled or not, with their parameters).
     * When a row's parameters are invalid: *error gets the first such row's
     * message and the result is empty; otherwise *error is left as it is.
     */
    std::vector<sft::rouge::FilterRule> rules(QString *error) const;
    /** Marks the rows with invalid parameters and lists their errors under the table. */
    void validate();

    QTableWidget *table() const { return m_table; }
    QLabel *errorLabel() const { return m_error; }

    /** A rule's name in the current language (also "rouge-l", the near-duplicate filter); the id if unknown. */
    static QString ruleName(const QString &id);
    /** What a heuristic rule checks, in the current language; empty if unknown. */
    static QString ruleDescription(const QString &id);

Q_SIGNALS:
    /** The user enabled or disabled a rule or edited its parameters (emitted after validate()). */
    void rulesChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();
    bool validateRow(int row, QString *error) const;
    void retranslate();

    QLabel *m_title = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_error = nullptr;
};
