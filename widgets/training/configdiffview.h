#pragma once
// Run configurations side by side: nested JSON objects flattened to dotted
// keys (lora.r), lists shown comma-separated, one column per run. By default
// only the settings that differ between runs are listed, so the reason two
// runs behave differently is visible at a glance; "Show all settings" lists
// every key. Differing cells get a soft background.

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;

class ConfigDiffView : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigDiffView(QWidget *parent = nullptr);

    /** One column per config; labels name the columns ("Run N" where missing). */
    void setConfigs(const QStringList &labels, const QList<QJsonObject> &configs);

    /** Rows shown now and their dotted keys, in table order (tests). */
    int rowCount() const;
    QStringList shownKeys() const;
    bool showAll() const;
    void setShowAll(bool showAll);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void retranslate();

    QCheckBox *m_showAll = nullptr;
    QLabel *m_note = nullptr;
    QTableWidget *m_table = nullptr;
    QStringList m_labels;
    QList<QJsonObject> m_configs;
    QStringList m_shownKeys;
};
