#pragma once
// The fixed texts of a form's labels, buttons and group boxes, kept as their
// source strings so a language change can translate them all again.

#include <QList>
#include <QString>

#include <functional>

class QLabel;
class QObject;
class QWidget;

class RetranslatedTexts
{
public:
    /** Keeps source (marked with QT_TR_NOOP by the caller) as widget's text; apply() sets it. */
    void add(QObject *widget, const char *source) { m_texts.push_back({widget, source}); }
    /** A new label whose text is source. */
    QLabel *addLabel(const char *source, QWidget *parent = nullptr);
    /**
     * Sets every label's and button's text and every group box's title to translate(source).
     * translate calls the owning class's tr, so each source is looked up in the context
     * lupdate put it in: the class that marked it.
     */
    void apply(const std::function<QString(const char *)> &translate) const;
    /** The labels among the widgets, in the order they were added. */
    QList<QLabel *> labels() const;

private:
    struct Text
    {
        QObject *widget;
        const char *source;
    };
    QList<Text> m_texts;
};
