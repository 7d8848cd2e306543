#include "context/contextoutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace {

QVector<int> intList(const QJsonValue &v)
{
    QVector<int> out;
    for (const QJsonValue &x : v.toArray())
        out << x.toInt();
    return out;
}

QVector<double> doubleList(const QJsonValue &v)
{
    QVector<double> out;
    for (const QJsonValue &x : v.toArray())
        out << (x.isDouble() ? x.toDouble() : std::numeric_limits<double>::quiet_NaN());
    return out;
}

bool sameDepth(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

} // namespace

const PerplexityLength *PerplexityResult::find(int length) const
{
    for (const PerplexityLength &l : lengths)
        if (l.length == length)
            return &l;
    return nullptr;
}

double PerplexityResult::fraction() const
{
    if (done)
        return 1.0;
    const int planned = int(plannedLengths.size());
    if (planned == 0)
        return 0.0;
    double finished = double(lengths.size());
    if (progressLength > 0 && !find(progressLength) && windows > 0)
        finished += double(window) / double(windows);
    return std::min(1.0, finished / planned);
}

const PasskeyCell *PasskeyResult::cell(int length, double depth) const
{
    for (const PasskeyCell &c : cells)
        if (c.length == length && sameDepth(c.depth, depth))
            return &c;
    return nullptr;
}

QVector<PasskeyLengthAccuracy> PasskeyResult::byLength() const
{
    QVector<PasskeyLengthAccuracy> out;
    for (const PasskeyCell &c : cells) {
        auto it = std::find_if(out.begin(), out.end(), [&](const PasskeyLengthAccuracy &a) { return a.length == c.length; });
        if (it == out.end()) {
            out << PasskeyLengthAccuracy{c.length, 0, 0, 0};
            it = out.end() - 1;
        }
        it->correct += c.correct;
        it->trials += c.trials;
    }
    for (PasskeyLengthAccuracy &a : out)
        a.accuracy = a.trials > 0 ? double(a.correct) / a.trials : 0.0;
    std::sort(out.begin(), out.end(),
              [](const PasskeyLengthAccuracy &a, const PasskeyLengthAccuracy &b) { return a.length < b.length; });
    return out;
}

double PasskeyResult::fraction() const
{
    if (done)
        return 1.0;
    const qint64 total = qint64(lengths.size()) * depths.size() * trials;
    return total > 0 ? std::min(1.0, double(trialsDone) / double(total)) : 0.0;
}

ContextOutputParser::Event ContextOutputParser::add(const QJsonObject &r)
{
    const QString event = r.value(QStringLiteral("event")).toString();
    // Both commands end the same way.
    if (event == QLatin1String("done") || event == QLatin1String("stopped")) {
        const bool stopped = event == QLatin1String("stopped");
        if (m_kind == Kind::Perplexity) {
            (stopped ? m_perplexity.stopped : m_perplexity.done) = true;
            m_perplexity.seconds = r.value(QStringLiteral("seconds")).toDouble(m_perplexity.seconds);
        } else {
            (stopped ? m_passkey.stopped : m_passkey.done) = true;
            m_passkey.seconds = r.value(QStringLiteral("seconds")).toDouble(m_passkey.seconds);
            m_passkey.accuracy = r.value(QStringLiteral("accuracy")).toDouble(m_passkey.accuracy);
        }
        return stopped ? Event::Stopped : Event::Done;
    }
    if (m_kind == Kind::Perplexity) {
        PerplexityResult &p = m_perplexity;
        if (event == QLatin1String("start")) {
            p.started = true;
            p.positionEncoding = r.value(QStringLiteral("position_encoding")).toString();
            p.maxPositions = r.value(QStringLiteral("max_positions")).toInt();
            p.textTokens = qint64(r.value(QStringLiteral("text_tokens")).toDouble());
            p.stride = r.value(QStringLiteral("stride")).toInt();
            p.ropeScaling = r.value(QStringLiteral("rope_scaling")).toObject();
            p.plannedLengths = intList(r.value(QStringLiteral("lengths")));
            return Event::Start;
        }
        if (event == QLatin1String("progress")) {
            p.progressLength = r.value(QStringLiteral("length")).toInt();
            p.window = r.value(QStringLiteral("window")).toInt();
            p.windows = r.value(QStringLiteral("windows")).toInt();
            return Event::Progress;
        }
        if (event == QLatin1String("length")) {
            PerplexityLength l;
            l.length = r.value(QStringLiteral("length")).toInt();
            l.windows = r.value(QStringLiteral("windows")).toInt();
            l.tokens = qint64(r.value(QStringLiteral("tokens")).toDouble());
            l.nll = r.value(QStringLiteral("nll")).toDouble(l.nll);
            l.perplexity = r.value(QStringLiteral("perplexity")).toDouble(l.perplexity);
            l.positionBucket = std::max(1, r.value(QStringLiteral("position_bucket")).toInt(1));
            l.positionLoss = doubleList(r.value(QStringLiteral("position_loss")));
            l.seconds = r.value(QStringLiteral("seconds")).toDouble();
            auto it = std::find_if(p.lengths.begin(), p.lengths.end(),
                                   [&](const PerplexityLength &x) { return x.length == l.length; });
            if (it != p.lengths.end())
                *it = l;
            else
                p.lengths << l;
            return Event::Length;
        }
        return Event::Ignored;
    }
    PasskeyResult &k = m_passkey;
    if (event == QLatin1String("start")) {
        k.started = true;
        k.lengths = intList(r.value(QStringLiteral("lengths")));
        k.depths = doubleList(r.value(QStringLiteral("depths")));
        k.trials = r.value(QStringLiteral("trials")).toInt();
        k.seed = qint64(r.value(QStringLiteral("seed")).toDouble());
        k.maxPositions = r.value(QStringLiteral("max_positions")).toInt();
        k.ropeScaling = r.value(QStringLiteral("rope_scaling")).toObject();
        return Event::Start;
    }
    if (event == QLatin1String("trial")) {
        ++k.trialsDone;
        if (r.value(QStringLiteral("correct")).toBool())
            ++k.trialsCorrect;
        return Event::Trial;
    }
    if (event == QLatin1String("cell")) {
        PasskeyCell c;
        c.length = r.value(QStringLiteral("length")).toInt();
        c.depth = r.value(QStringLiteral("depth")).toDouble();
        c.correct = r.value(QStringLiteral("correct")).toInt();
        c.trials = r.value(QStringLiteral("trials")).toInt();
        c.accuracy = r.value(QStringLiteral("accuracy")).toDouble(c.trials > 0 ? double(c.correct) / c.trials : 0.0);
        auto it = std::find_if(k.cells.begin(), k.cells.end(),
                               [&](const PasskeyCell &x) { return x.length == c.length && sameDepth(x.depth, c.depth); });
        if (it != k.cells.end())
            *it = c;
        else
            k.cells << c;
        return Event::Cell;
    }
    return Event::Ignored;
}

ContextOutputParser::Event ContextOutputParser::addLine(const QByteArray &line)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line.trimmed());
    return doc.isObject() ? add(doc.object()) : Event::Ignored;
}

double ContextOutputParser::fraction() const
{
    return m_kind == Kind::Perplexity ? m_perplexity.fraction() : m_passkey.fraction();
}

namespace {

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 10) : QString();
}

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
QString field(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString quoted = s;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QString contextCsv(const QStringList &labels, const QVector<PerplexityResult> &perplexity,
                   const QVector<PasskeyResult> &passkey)
{
    // One table for all three measures: the columns a measure does not have stay empty.
    QString out = QStringLiteral("configuration,measure,length,position,depth,nll,perplexity,loss,correct,trials,accuracy\n");
    auto row = [&out](const QStringList &cells) { out += cells.join(QLatin1Char(',')) + QLatin1Char('\n'); };
    for (int c = 0; c < labels.size(); ++c) {
        const QString name = field(labels[c]);
        if (c < perplexity.size())
            for (const PerplexityLength &l : perplexity[c].lengths)
                row({name, QStringLiteral("perplexity"), QString::number(l.length), {}, {}, number(l.nll),
                     number(l.perplexity), {}, {}, {}, {}});
        if (c < perplexity.size())
            for (const PerplexityLength &l : perplexity[c].lengths)
                for (int k = 0; k < l.positionLoss.size(); ++k)
                    if (std::isfinite(l.positionLoss[k]))
                        row({name, QStringLiteral("position_loss"), QString::number(l.length),
                             QString::number(qint64(k) * l.positionBucket), {}, {}, {}, number(l.positionLoss[k]), {},
                             {}, {}});
        if (c < passkey.size())
            for (const PasskeyCell &cell : passkey[c].cells)
                row({name, QStringLiteral("passkey"), QString::number(cell.length), {}, number(cell.depth), {}, {}, {},
                     QString::number(cell.correct), QString::number(cell.trials), number(cell.accuracy)});
        if (c < passkey.size())
            for (const PasskeyLengthAccuracy &a : passkey[c].byLength())
                row({name, QStringLiteral("passkey_length"), QString::number(a.length), {}, {}, {}, {}, {},
                     QString::number(a.correct), QString::number(a.trials), number(a.accuracy)});
    }
    return out;
}
