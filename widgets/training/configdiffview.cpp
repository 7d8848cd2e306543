#include "training/configdiffview.h"

#include <QCheckBox>
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLabel>
#include <QMap>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QString valueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 12);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts.append(valueText(e));
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: break;
    }
    return QString();
}

/** Nested objects become dotted keys (lora.r); an empty object stays one "{}" value. */
void flatten(const QJsonObject &object, const QString &prefix, QMap<QString, QString> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it->isObject() && !it->toObject().isEmpty())
            flatten(it->toObject(), key, out);
        else
            out.insert(key, valueText(*it));
    }
}

} // namespace

ConfigDiffView::ConfigDiffView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("configDiffView"));
    m_showAll = new QCheckBox(this);
    m_showAll->setObjectName(QStringLiteral("showAllSettings"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("configDiffNote"));
    m_note->setVisible(false);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("configDiffTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_showAll);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);

    connect(m_showAll, &QCheckBox::toggled, this, [this](bool) { rebuild(); });
    retranslate();
}

void ConfigDiffView::setConfigs(const QStringList &labels, const QList<QJsonObject> &configs)
{
    m_labels = labels;
    m_configs = configs;
    rebuild();
}

int ConfigDiffView::rowCount() const
{
    return m_table->rowCount();
}

QStringList ConfigDiffView::shownKeys() const
{
    return m_shownKeys;
}

bool ConfigDiffView::showAll() const
{
    return m_showAll->isChecked();
}

void ConfigDiffView::setShowAll(bool showAll)
{
    m_showAll->setChecked(showAll); // toggled() rebuilds
}

void ConfigDiffView::rebuild()
{
    QList<QMap<QString, QString>> flat;
    QMap<QString, bool> keys; // every key of any run, sorted
    for (const QJsonObject &config : std::as_const(m_configs)) {
        // The settings of the methods a run does not use (adapter.* for a LoRA run) are left out:
        // the worker ignores them, so they would only be noise in the comparison.
        QJsonObject used = config;
        const QString method = config.value(QStringLiteral("method")).toString(QStringLiteral("lora"));
        for (const char *section : {"lora", "adapter", "prefix"})
            if (method != QLatin1String(section))
                used.remove(QLatin1String(section));
        QMap<QString, QString> f;
        flatten(used, QString(), f);
        for (auto it = f.cbegin(); it != f.cend(); ++it)
            keys.insert(it.key(), true);
        flat.append(f);
    }

    // A key differs when runs disagree on its value or some run lacks it.
    // With one run there is nothing to compare: every key is shown.
    const bool compare = flat.size() > 1;
    m_shownKeys.clear();
    QList<bool> differs;
    for (auto k = keys.cbegin(); k != keys.cend(); ++k) {
        bool diff = false;
        for (int c = 1; c < flat.size() && !diff; ++c)
            diff = flat[c].value(k.key(), QString()) != flat[0].value(k.key(), QString())
                || flat[c].contains(k.key()) != flat[0].contains(k.key());
        if (diff || showAll() || !compare) {
            m_shownKeys.append(k.key());
            differs.append(diff);
        }
    }

    QStringList headers;
    for (int c = 0; c < flat.size(); ++c)
        headers.append(c < m_labels.size() ? m_labels[c] : tr("Run %1").arg(c + 1));

    m_table->clear();
    m_table->setColumnCount(int(flat.size()));
    m_table->setRowCount(int(m_shownKeys.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setVerticalHeaderLabels(m_shownKeys);
    const QColor soft(255, 236, 179); // amber 100: visible, still readable in both themes' text colour
    for (int r = 0; r < m_shownKeys.size(); ++r) {
        const QString &key = m_shownKeys[r];
        for (int c = 0; c < flat.size(); ++c) {
            const bool present = flat[c].contains(key);
            auto *item = new QTableWidgetItem(present ? flat[c].value(key) : QStringLiteral("—"));
            item->setToolTip(present ? flat[c].value(key) : tr("Not set in this run"));
            if (differs[r]) {
                item->setBackground(soft);
                item->setForeground(QColor(33, 33, 33));
            }
            if (!present)
                item->setTextAlignment(Qt::AlignCenter);
            m_table->setItem(r, c, item);
        }
        if (differs[r]) {
            QTableWidgetItem *header = m_table->verticalHeaderItem(r);
            QFont f = header->font();
            f.setBold(true);
            header->setFont(f);
        }
    }
    m_table->resizeColumnsToContents();

    const bool identical = compare && !showAll() && m_shownKeys.isEmpty();
    m_note->setVisible(identical);
}

void ConfigDiffView::retranslate()
{
    m_showAll->setText(tr("Show all settings"));
    m_showAll->setToolTip(tr("List every setting of the compared runs, not only those that differ"));
    m_note->setText(tr("These runs use the same settings."));
    rebuild();
}

void ConfigDiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
