// Labels, buttons and group titles that are translated again on a language change.

#include "common/retranslatedtexts.h"

#include <QAbstractButton>
#include <QGroupBox>
#include <QLabel>

QLabel *RetranslatedTexts::addLabel(const char *source, QWidget *parent)
{
    auto *label = new QLabel(parent);
    add(label, source);
    return label;
}

void RetranslatedTexts::apply(const std::function<QString(const char *)> &translate) const
{
    for (const Text &t : m_texts) {
        const QString text = translate(t.source);
        if (auto *label = qobject_cast<QLabel *>(t.widget))
            label->setText(text);
        else if (auto *button = qobject_cast<QAbstractButton *>(t.widget))
            button->setText(text);
        else if (auto *group = qobject_cast<QGroupBox *>(t.widget))
            group->setTitle(text);
    }
}

QList<QLabel *> RetranslatedTexts::labels() const
{
    QList<QLabel *> result;
    for (const Text &t : m_texts)
        if (auto *label = qobject_cast<QLabel *>(t.widget))
            result << label;
    return result;
}
