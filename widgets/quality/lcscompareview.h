#pragma once
// Two texts side by side with the tokens of their longest common subsequence
// highlighted: a record the ROUGE-L filter rejected next to the kept record it
// is nearest to, so the annotator sees why. The engine gives UTF-8 byte
// ranges; they are mapped to QString (UTF-16) positions here.

#include <QByteArray>
#include <QTextFormat>
#include <QVector>
#include <QWidget>

#include "rouge/tokenizer.h"

class QLabel;
class QTextBrowser;

class LcsCompareView : public QWidget
{
    Q_OBJECT

public:
    /** Char-format property set on every highlighted LCS token (tests read it). */
    static constexpr int LcsTokenProperty = QTextFormat::UserProperty + 1;

    explicit LcsCompareView(QWidget *parent = nullptr);

    /** Where the right-hand record comes from when it is in the reference pool, not the checked dataset. */
    struct PoolSource
    {
        bool inPool = false;
        QString file;   ///< the pool file's name (rightId is then the record's 1-based number in it); empty for a dataset
    };

    /** leftText is the rejected record's, rightText its nearest kept record's. */
    void setPair(qint64 leftId, const QString &leftText, qint64 rightId, const QString &rightText,
                 const sft::rouge::TokenizerOptions &options);
    /** The same with the right-hand record from the reference pool. */
    void setPair(qint64 leftId, const QString &leftText, qint64 rightId, const QString &rightText,
                 const sft::rouge::TokenizerOptions &options, const PoolSource &pool);
    /** One record without a partner (a heuristic rule's rejection), with the reason. */
    void setSingle(qint64 id, const QString &text, const QString &reason);
    void clear();

    QTextBrowser *leftView() const { return m_left; }
    QTextBrowser *rightView() const { return m_right; }
    QLabel *scoreLabel() const { return m_score; }
    QLabel *rightTitleLabel() const { return m_rightTitle; }
    /** ROUGE-L F of the shown pair; -1 when none. */
    double score() const { return m_scoreValue; }
    /** The highlighted substrings of a view, in order. */
    static QStringList highlightedRuns(const QTextBrowser *view);

    /** For every UTF-8 byte offset 0..size, the QString position it starts (invalid bytes count as one U+FFFD). */
    static QVector<int> utf16Positions(const QByteArray &utf8);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_leftTitle = nullptr, *m_rightTitle = nullptr, *m_score = nullptr;
    QTextBrowser *m_left = nullptr, *m_right = nullptr;
    enum class Mode { Empty, Pair, Single } m_mode = Mode::Empty;
    qint64 m_leftId = 0, m_rightId = 0;
    PoolSource m_pool;
    double m_scoreValue = -1;
    quint32 m_lcs = 0, m_leftTokens = 0, m_rightTokens = 0;
    QString m_reason;
};
