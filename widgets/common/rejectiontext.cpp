#include "common/rejectiontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <iterator>

#include "workspace/qualityrun.h"

namespace {

struct Preset
{
    const char *key;
    const char *source;
};

// The context stays "CurationPanel", where these texts were first translated.
const Preset kPresets[] = {
    {"low_quality", QT_TRANSLATE_NOOP("CurationPanel", "low quality")},
    {"wrong_answer", QT_TRANSLATE_NOOP("CurationPanel", "wrong or incomplete answer")},
    {"near_duplicate", QT_TRANSLATE_NOOP("CurationPanel", "near duplicate")},
    {"unsafe", QT_TRANSLATE_NOOP("CurationPanel", "unsafe or harmful")},
    {"off_topic", QT_TRANSLATE_NOOP("CurationPanel", "off-topic")},
    {"formatting", QT_TRANSLATE_NOOP("CurationPanel", "formatting problem")},
};

QString presetText(const Preset &p)
{
    return QCoreApplication::translate("CurationPanel", p.source);
}

QString fieldName(const QString &field)
{
    if (field == QLatin1String("instruction"))
        return QCoreApplication::translate("SetFieldCommand", "instruction");
    if (field == QLatin1String("input"))
        return QCoreApplication::translate("SetFieldCommand", "input");
    if (field == QLatin1String("output"))
        return QCoreApplication::translate("SetFieldCommand", "output");
    return field;
}

QString percent(double share)
{
    return QLocale().toString(qRound(share * 100)) + QLocale().percent();
}

} // namespace

QStringList RejectionText::presetTexts()
{
    QStringList out;
    for (const Preset &p : kPresets)
        out << presetText(p);
    return out;
}

RejectionText::Stored RejectionText::fromDialog(const QString &text)
{
    const QString trimmed = text.trimmed();
    for (const Preset &p : kPresets) {
        if (trimmed == presetText(p) || trimmed == QLatin1String(p.source)) {
            const QJsonObject args{{QStringLiteral("preset"), QLatin1String(p.key)}};
            return {QLatin1String(p.source), QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact))};
        }
    }
    return {trimmed, QString()};
}

QString RejectionText::render(const QString &rule, const QString &argsJson, const QString &stored)
{
    // The Self-Instruct loop's rules without parameters.
    if (rule == QLatin1String("no_instances"))
        return tr("no instance could be read from the model's answer");
    if (rule == QLatin1String("duplicate_instance"))
        return tr("repeats an earlier instance");
    if (argsJson.isEmpty())
        return stored;
    const QJsonObject a = QJsonDocument::fromJson(argsJson.toUtf8()).object();
    if (a.isEmpty() && rule != QLatin1String("input_equals_output"))
        return stored;
    // A conversation's rule: the failing turn, then its reason.
    if (!rule.isEmpty() && a.contains(QStringLiteral("turn"))) {
        const qint64 turn = a.value(QStringLiteral("turn")).toInteger();
        QJsonObject inner = a;
        inner.remove(QStringLiteral("turn"));
        const QString prefix = QStringLiteral("turn %1: ").arg(turn);
        const QString innerStored = stored.startsWith(prefix) ? stored.mid(prefix.size()) : stored;
        return tr("turn %1: %2")
            .arg(QLocale().toString(turn),
                 render(rule, QString::fromUtf8(QJsonDocument(inner).toJson(QJsonDocument::Compact)), innerStored));
    }
    const QString field = fieldName(a.value(QStringLiteral("field")).toString());
    if (rule.isEmpty()) {
        const QString key = a.value(QStringLiteral("preset")).toString();
        for (const Preset &p : kPresets)
            if (key == QLatin1String(p.key))
                return presetText(p);
        return stored;
    }
    if (rule == sft::rougeRuleId()) {
        const QString score = a.value(QStringLiteral("score")).toString();
        // Against a record of a reference pool file (1-based number in the file) or pool dataset (record id).
        if (a.contains(QStringLiteral("pool_file")))
            return tr("ROUGE-L %1 with record %2 of the reference pool %3")
                .arg(score, QString::number(a.value(QStringLiteral("pool_record")).toInteger()),
                     a.value(QStringLiteral("pool_file")).toString());
        const QString nearest = QString::number(a.value(QStringLiteral("nearest")).toInteger());
        if (a.value(QStringLiteral("pool")).toBool())
            return tr("ROUGE-L %1 with record %2 of the reference pool").arg(score, nearest);
        return tr("ROUGE-L %1 with record %2").arg(score, nearest);
    }
    if (rule == QLatin1String("rouge")) {
        // The Self-Instruct loop: {score, threshold, nearest (the pool instruction's text)}.
        const QLocale locale;
        return tr("ROUGE-L %1 with an instruction of the pool (threshold %2)")
            .arg(locale.toString(a.value(QStringLiteral("score")).toDouble(), 'f', 2),
                 locale.toString(a.value(QStringLiteral("threshold")).toDouble(), 'f', 2));
    }
    if (rule == QLatin1String("request_failed"))
        return tr("the server refused its request: %1").arg(a.value(QStringLiteral("message")).toString());
    if (rule == QLatin1String("empty_output"))
        return tr("%1 is empty").arg(field);
    if (rule == QLatin1String("length")) {
        const int count = a.value(QStringLiteral("count")).toInt();
        const QString limit = QLocale().toString(a.value(QStringLiteral("limit")).toInteger());
        const bool chars = a.value(QStringLiteral("unit")).toString() == QLatin1String("chars");
        const bool tooShort = a.value(QStringLiteral("bound")).toString() == QLatin1String("min");
        if (chars)
            return (tooShort ? tr("%1 has %n character(s) (minimum %2)", nullptr, count)
                             : tr("%1 has %n character(s) (maximum %2)", nullptr, count))
                .arg(field, limit);
        return (tooShort ? tr("%1 has %n word(s) (minimum %2)", nullptr, count)
                         : tr("%1 has %n word(s) (maximum %2)", nullptr, count))
            .arg(field, limit);
    }
    if (rule == QLatin1String("blacklist_en") || rule == QLatin1String("blacklist_zh"))
        return tr("%1 contains the blacklisted keyword “%2”").arg(field, a.value(QStringLiteral("keyword")).toString());
    if (rule == QLatin1String("write_program"))
        return tr("%1 starts with “%2”").arg(field, a.value(QStringLiteral("prefix")).toString());
    if (rule == QLatin1String("punctuation_start")) {
        if (a.value(QStringLiteral("non_ascii")).toBool())
            return tr("%1 starts with a non-ASCII character").arg(field);
        return tr("%1 starts with the punctuation mark “%2”").arg(field, a.value(QStringLiteral("char")).toString());
    }
    if (rule == QLatin1String("input_equals_output"))
        return tr("the output repeats the input");
    if (rule == QLatin1String("repetition"))
        return tr("%1: %2 of its %3-grams are repeats (maximum %4)")
            .arg(field, percent(a.value(QStringLiteral("share")).toDouble()))
            .arg(a.value(QStringLiteral("n")).toInt())
            .arg(percent(a.value(QStringLiteral("max_share")).toDouble()));
    return stored;
}

QString RejectionText::ruleName(const QString &rule)
{
    // The filter rules keep the names the Quality check translated them with.
    struct Name
    {
        const char *id;
        const char *context;
        const char *source;
    };
    static const Name kNames[] = {
        {"rouge-l", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "ROUGE-L near-duplicate")},
        {"empty_output", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Empty output")},
        {"length", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Instruction length")},
        {"blacklist_en", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Keyword blacklist (Self-Instruct/Alpaca)")},
        {"blacklist_zh", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Keyword blacklist (BELLE, Chinese)")},
        {"write_program", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Asks to write a program")},
        {"punctuation_start", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Starts with punctuation")},
        {"input_equals_output", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Output repeats the input")},
        {"repetition", "QualityPanel", QT_TRANSLATE_NOOP("QualityPanel", "Heavy repetition")},
        {"rouge", "RejectionText", QT_TRANSLATE_NOOP("RejectionText", "Too similar to the pool (ROUGE-L)")},
        {"no_instances", "RejectionText", QT_TRANSLATE_NOOP("RejectionText", "No instances")},
        {"duplicate_instance", "RejectionText", QT_TRANSLATE_NOOP("RejectionText", "Repeated instance")},
        {"request_failed", "RejectionText", QT_TRANSLATE_NOOP("RejectionText", "Request refused")},
    };
    for (const Name &n : kNames)
        if (rule == QLatin1String(n.id))
            return QCoreApplication::translate(n.context, n.source);
    return rule;
}
