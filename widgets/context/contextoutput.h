#pragma once
// The JSON lines of the worker's two context-window measurements turned into
// results: `sftbench-cli perplexity` (perplexity per window length, and the
// mean loss by position inside the window) and `sftbench-cli passkey`
// (retrieval accuracy per length × depth cell). One parser follows one run;
// the Experiments view keeps one result of each kind per configuration and
// writes them all as one CSV. No widgets here, so tests feed it recorded
// lines directly.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

/** One window length of a perplexity run (a "length" event). */
struct PerplexityLength
{
    int length = 0;
    int windows = 0;
    qint64 tokens = 0;
    double nll = std::numeric_limits<double>::quiet_NaN();
    double perplexity = std::numeric_limits<double>::quiet_NaN();
    /** Positions per bucket of positionLoss: bucket k holds the predicted positions [k·B, (k+1)·B). */
    int positionBucket = 1;
    /** Mean loss per bucket; NaN for a bucket without a predicted token (null in the JSON). */
    QVector<double> positionLoss;
    double seconds = 0;
};

struct PerplexityResult
{
    bool started = false, done = false, stopped = false;
    QString positionEncoding;        ///< "rope" | "alibi"
    int maxPositions = 0;
    qint64 textTokens = 0;
    int stride = 0;                  ///< 0 = none given
    QJsonObject ropeScaling;         ///< empty when the model runs unscaled
    QVector<int> plannedLengths;     ///< from the start event
    QVector<PerplexityLength> lengths;
    /** The last progress event: the length being measured and windows done of its windows. */
    int progressLength = 0, window = 0, windows = 0;
    double seconds = 0;

    const PerplexityLength *find(int length) const;
    /** Share of the run done, 0..1: finished lengths plus the current one's windows. */
    double fraction() const;
};

/** One length × depth cell of a passkey run. */
struct PasskeyCell
{
    int length = 0;
    double depth = 0;
    int correct = 0, trials = 0;
    double accuracy = 0;
};

/** The passkey trials of one prompt length, every depth together. */
struct PasskeyLengthAccuracy
{
    int length = 0;
    int correct = 0, trials = 0;
    double accuracy = 0;  ///< correct / trials
};

struct PasskeyResult
{
    bool started = false, done = false, stopped = false;
    QVector<int> lengths;
    QVector<double> depths;
    int trials = 0;
    qint64 seed = 0;
    int maxPositions = 0;
    QJsonObject ropeScaling;
    QVector<PasskeyCell> cells;
    int trialsDone = 0, trialsCorrect = 0;
    double accuracy = 0;             ///< overall, from the done event
    double seconds = 0;

    const PasskeyCell *cell(int length, double depth) const;
    /** The cells pooled by length (correct and trials summed over the depths), shortest first. */
    QVector<PasskeyLengthAccuracy> byLength() const;
    double fraction() const;
};

class ContextOutputParser
{
public:
    enum class Kind { Perplexity, Passkey };
    enum class Event { Ignored, Start, Progress, Length, Trial, Cell, Done, Stopped };

    explicit ContextOutputParser(Kind kind = Kind::Perplexity) : m_kind(kind) {}

    Kind kind() const { return m_kind; }
    /** Take one record; Ignored for events of the other command or unknown ones. */
    Event add(const QJsonObject &record);
    /** The same for one line of text; Ignored when it is not a JSON object. */
    Event addLine(const QByteArray &line);

    const PerplexityResult &perplexity() const { return m_perplexity; }
    const PasskeyResult &passkey() const { return m_passkey; }
    double fraction() const;
    /** The worker printed its "done" record (a run that ends without it did not finish). */
    bool isDone() const { return m_kind == Kind::Perplexity ? m_perplexity.done : m_passkey.done; }

private:
    Kind m_kind;
    PerplexityResult m_perplexity;
    PasskeyResult m_passkey;
};

/**
 * The numbers of a comparison as CSV, one row per configuration × length (perplexity), × length ×
 * position bucket (loss by position), × passkey cell and × passkey length (all depths pooled,
 * measure "passkey_length"). labels, perplexity and passkey are indexed by
 * configuration; a configuration without a result of a kind has no rows of it.
 */
QString contextCsv(const QStringList &labels, const QVector<PerplexityResult> &perplexity,
                   const QVector<PasskeyResult> &passkey);
