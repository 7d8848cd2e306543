#pragma once
// Rejection reasons in the interface language. A quality rule stores its
// reason in English together with its parameters (records.reason_args, JSON);
// render() builds the reason from the rule id and those parameters each time
// it is shown, so it follows a language switch. The preset reasons of the
// Reject dialog are stored the same way ({"preset": key}). A reason typed by
// hand, and a row written before parameters were stored, show as stored.
// The Self-Instruct loop's own rules (rouge, no_instances,
// duplicate_instance, request_failed) are rendered the same way.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class RejectionText
{
    Q_DECLARE_TR_FUNCTIONS(RejectionText)

public:
    /** What to store for a reason: the text (English for a preset) and its parameters (JSON, may be empty). */
    struct Stored
    {
        QString reason;
        QString args;
    };

    /** The preset reasons of the Reject dialog, in the current language. */
    static QStringList presetTexts();
    /** What to store for a reason picked or typed in the Reject dialog (in the current language). */
    static Stored fromDialog(const QString &text);
    /** The reason to show: from rule and args when they are known, else the stored text. */
    static QString render(const QString &rule, const QString &args, const QString &stored);
    /** A rule id as a short name in the current language (the id itself when unknown). */
    static QString ruleName(const QString &rule);
};
