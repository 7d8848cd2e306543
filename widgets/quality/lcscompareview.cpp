#include "quality/lcscompareview.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>

#include "rouge/alignment.h"

namespace {

QTextCharFormat lcsFormat()
{
    QTextCharFormat f;
    f.setBackground(QColor(255, 214, 102));
    f.setProperty(LcsCompareView::LcsTokenProperty, true);
    return f;
}

void highlight(QTextBrowser *view, const QByteArray &utf8, const std::vector<std::pair<quint32, quint32>> &ranges)
{
    const QVector<int> pos = LcsCompareView::utf16Positions(utf8);
    QTextCursor c(view->document());
    const QTextCharFormat f = lcsFormat();
    for (const auto &r : ranges) {
        if (r.first >= r.second || r.second > quint32(utf8.size()))
            continue;
        c.setPosition(pos[int(r.first)]);
        c.setPosition(pos[int(r.second)], QTextCursor::KeepAnchor);
        c.mergeCharFormat(f);
    }
}

} // namespace

LcsCompareView::LcsCompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("lcsCompareView"));
    m_leftTitle = new QLabel(this);
    m_rightTitle = new QLabel(this);
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("lcsScoreLabel"));
    m_score->setWordWrap(true);
    m_left = new QTextBrowser(this);
    m_left->setObjectName(QStringLiteral("lcsLeft"));
    m_right = new QTextBrowser(this);
    m_right->setObjectName(QStringLiteral("lcsRight"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_score, 0, 0, 1, 2);
    grid->addWidget(m_leftTitle, 1, 0);
    grid->addWidget(m_rightTitle, 1, 1);
    grid->addWidget(m_left, 2, 0);
    grid->addWidget(m_right, 2, 1);
    grid->setRowStretch(2, 1);
    retranslate();
}

QVector<int> LcsCompareView::utf16Positions(const QByteArray &utf8)
{
    QVector<int> out(utf8.size() + 1, 0);
    int units = 0;
    int i = 0;
    const int n = int(utf8.size());
    while (i < n) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        int len = 1;
        if (b >= 0xF0 && b <= 0xF4)
            len = 4;
        else if (b >= 0xE0)
            len = 3;
        else if (b >= 0xC2 && b < 0xE0)
            len = 2;
        bool valid = len == 1 ? b < 0x80 : i + len <= n;
        for (int k = 1; valid && k < len; ++k)
            valid = (static_cast<unsigned char>(utf8[i + k]) & 0xC0) == 0x80;
        if (!valid)
            len = 1;  // one replacement character per bad byte
        for (int k = 0; k < len; ++k)
            out[i + k] = units;
        units += (valid && len == 4) ? 2 : 1;
        i += len;
    }
    out[n] = units;
    return out;
}

void LcsCompareView::setPair(qint64 leftId, const QString &leftText, qint64 rightId, const QString &rightText,
                             const sft::rouge::TokenizerOptions &options)
{
    setPair(leftId, leftText, rightId, rightText, options, PoolSource());
}

void LcsCompareView::setPair(qint64 leftId, const QString &leftText, qint64 rightId, const QString &rightText,
                             const sft::rouge::TokenizerOptions &options, const PoolSource &pool)
{
    m_pool = pool;
    const QByteArray a = leftText.toUtf8(), b = rightText.toUtf8();
    const sft::rouge::LcsAlignment al = sft::rouge::alignLcs(std::string_view(a.constData(), std::size_t(a.size())),
                                                             std::string_view(b.constData(), std::size_t(b.size())),
                                                             options);
    m_left->setPlainText(leftText);
    m_right->setPlainText(rightText);
    std::vector<std::pair<quint32, quint32>> ra, rb;
    for (const auto &p : al.pairs) {
        ra.emplace_back(p.aBegin, p.aEnd);
        rb.emplace_back(p.bBegin, p.bEnd);
    }
    highlight(m_left, a, ra);
    highlight(m_right, b, rb);
    m_mode = Mode::Pair;
    m_leftId = leftId;
    m_rightId = rightId;
    m_scoreValue = al.score.fmeasure;
    m_lcs = quint32(al.pairs.size());
    m_leftTokens = quint32(al.aTokens.size());
    m_rightTokens = quint32(al.bTokens.size());
    retranslate();
}

void LcsCompareView::setSingle(qint64 id, const QString &text, const QString &reason)
{
    m_left->setPlainText(text);
    m_right->clear();
    m_mode = Mode::Single;
    m_leftId = id;
    m_rightId = 0;
    m_scoreValue = -1;
    m_reason = reason;
    retranslate();
}

void LcsCompareView::clear()
{
    m_left->clear();
    m_right->clear();
    m_mode = Mode::Empty;
    m_scoreValue = -1;
    retranslate();
}

QStringList LcsCompareView::highlightedRuns(const QTextBrowser *view)
{
    QStringList out;
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.isValid() && f.charFormat().boolProperty(LcsTokenProperty))
                out << f.text();
        }
    return out;
}

void LcsCompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LcsCompareView::retranslate()
{
    switch (m_mode) {
    case Mode::Empty:
        m_leftTitle->setText(tr("Rejected record"));
        m_rightTitle->setText(tr("Nearest kept record"));
        m_score->setText(tr("Select a result to compare it with its nearest kept record."));
        break;
    case Mode::Pair:
        m_leftTitle->setText(tr("Record %1 (rejected)").arg(m_leftId));
        if (!m_pool.inPool)
            m_rightTitle->setText(tr("Record %1 (nearest kept)").arg(m_rightId));
        else if (m_pool.file.isEmpty())
            m_rightTitle->setText(tr("Record %1 of the reference pool (nearest)").arg(m_rightId));
        else
            m_rightTitle->setText(tr("Record %1 of the reference pool %2 (nearest)").arg(QString::number(m_rightId), m_pool.file));
        m_score->setText(tr("ROUGE-L F %1: a common subsequence of %2 tokens (highlighted) in %3 and %4 tokens.")
                             .arg(m_scoreValue, 0, 'f', 3)
                             .arg(m_lcs)
                             .arg(m_leftTokens)
                             .arg(m_rightTokens));
        break;
    case Mode::Single:
        m_leftTitle->setText(tr("Record %1").arg(m_leftId));
        m_rightTitle->setText(QString());
        m_score->setText(tr("Rejected by a rule: %1").arg(m_reason));
        break;
    }
}
