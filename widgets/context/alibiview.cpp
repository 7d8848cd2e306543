#include "context/alibiview.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/panelutil.h"
#include "context/plotutil.h"
#include "model/position_math.h"
#include "qcustomplot.h"

namespace {

namespace posmath = sft::model::posmath;

/** The heatmap writes each cell's value up to this length; longer ones are colour only. */
constexpr int kMaxLabelledLength = 16;

/** "2^-0.5": a slope as a power of two (every ALiBi slope is one, with a terminating exponent). */
QString powerOfTwo(double slope)
{
    const double e = std::round(std::log2(slope) * 1e6) / 1e6;
    return QStringLiteral("2^") + contextplot::num(e);
}

} // namespace

AlibiView::AlibiView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("alibiView"));

    // Left: the slopes of n heads.
    auto *slopesBox = new QWidget(this);
    m_slopesTitle = titleLabel(slopesBox);
    m_headsLabel = new QLabel(slopesBox);
    m_heads = new QSpinBox(slopesBox);
    m_heads->setObjectName(QStringLiteral("alibiHeadCountSpin"));
    m_heads->setRange(1, 128);
    m_heads->setValue(32);
    m_headsLabel->setBuddy(m_heads);
    auto *headsRow = new QHBoxLayout;
    headsRow->addWidget(m_headsLabel);
    headsRow->addWidget(m_heads);
    headsRow->addStretch(1);
    m_table = new QTableWidget(0, ColumnCount, slopesBox);
    m_table->setObjectName(QStringLiteral("alibiSlopeTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_note = new QLabel(slopesBox);
    m_note->setObjectName(QStringLiteral("alibiNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    auto *slopesLayout = new QVBoxLayout(slopesBox);
    slopesLayout->setContentsMargins(0, 0, 0, 0);
    slopesLayout->addWidget(m_slopesTitle);
    slopesLayout->addLayout(headsRow);
    slopesLayout->addWidget(m_table, 1);
    slopesLayout->addWidget(m_note);

    // Right: the bias matrix of one head.
    auto *biasBox = new QWidget(this);
    m_biasTitle = titleLabel(biasBox);
    m_headLabel = new QLabel(biasBox);
    m_head = new QSpinBox(biasBox);
    m_head->setObjectName(QStringLiteral("alibiHeadSpin"));
    m_head->setRange(1, 32);
    m_headLabel->setBuddy(m_head);
    m_lengthLabel = new QLabel(biasBox);
    m_length = new QSpinBox(biasBox);
    m_length->setObjectName(QStringLiteral("alibiLengthSpin"));
    m_length->setRange(2, 128);
    m_length->setValue(12);
    m_lengthLabel->setBuddy(m_length);
    auto *biasRow = new QHBoxLayout;
    biasRow->addWidget(m_headLabel);
    biasRow->addWidget(m_head);
    biasRow->addSpacing(12);
    biasRow->addWidget(m_lengthLabel);
    biasRow->addWidget(m_length);
    biasRow->addStretch(1);
    m_biasNote = new QLabel(biasBox);
    m_biasNote->setObjectName(QStringLiteral("alibiBiasNoteLabel"));
    m_biasNote->setWordWrap(true);
    m_plot = new QCustomPlot(biasBox);
    m_plot->setObjectName(QStringLiteral("alibiHeatmap"));
    m_plot->setMinimumSize(260, 240);
    // Strong penalties dark, none pale; masked cells (the future, j > i) grey.
    m_map = contextplot::addHeatmap(m_plot, {{0, QColor(103, 0, 13)}, {0.5, QColor(239, 59, 44)}, {1, QColor(255, 245, 235)}},
                                    QColor(205, 205, 205));
    const QCPColorGradient gradient = m_map->gradient();
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);  // the map takes the scale's gradient from now on
    m_scale->setGradient(gradient);
    auto *margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_plot->yAxis->setRangeReversed(true);  // query 0 on top, as the matrix is written
    auto *biasLayout = new QVBoxLayout(biasBox);
    biasLayout->setContentsMargins(0, 0, 0, 0);
    biasLayout->addWidget(m_biasTitle);
    biasLayout->addLayout(biasRow);
    biasLayout->addWidget(m_plot, 1);
    biasLayout->addWidget(m_biasNote);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(slopesBox);
    split->addWidget(biasBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_heads, &QSpinBox::valueChanged, this, &AlibiView::updateSlopes);
    connect(m_head, &QSpinBox::valueChanged, this, [this] {
        const QSignalBlocker block(m_table);
        m_table->selectRow(m_head->value() - 1);
        updateHeatmap();
    });
    connect(m_length, &QSpinBox::valueChanged, this, &AlibiView::updateHeatmap);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0)
            m_head->setValue(row + 1);
    });

    updateSlopes();  // and the texts
}

void AlibiView::setHeadCount(int heads) { m_heads->setValue(heads); }
int AlibiView::headCount() const { return m_heads->value(); }
void AlibiView::setSelectedHead(int head) { m_head->setValue(head); }
int AlibiView::selectedHead() const { return m_head->value(); }
void AlibiView::setLength(int length) { m_length->setValue(length); }
int AlibiView::length() const { return m_length->value(); }

double AlibiView::biasCell(int query, int key) const
{
    return m_map->data()->cell(key, query);
}

void AlibiView::updateSlopes()
{
    const int n = m_heads->value();
    const std::vector<double> slopes = posmath::alibiSlopes(n);
    const int base = n - int(posmath::alibiExtraSlopes(n));
    const QSignalBlocker block(m_table);
    m_table->setRowCount(n);
    QFont bold = m_table->font();
    bold.setBold(true);
    for (int row = 0; row < n; ++row) {
        const bool extra = row >= base;
        auto *head = new QTableWidgetItem(QString::number(row + 1));
        head->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *slope = new QTableWidgetItem(contextplot::num(slopes[std::size_t(row)]));
        slope->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        slope->setData(Qt::UserRole, slopes[std::size_t(row)]);
        auto *power = new QTableWidgetItem(powerOfTwo(slopes[std::size_t(row)]));
        auto *kind = new QTableWidgetItem;
        for (QTableWidgetItem *item : {head, slope, power, kind}) {
            item->setData(ExtraRole, extra);
            if (extra) {
                item->setBackground(QColor(255, 236, 179));
                item->setFont(bold);
            }
        }
        m_table->setItem(row, HeadColumn, head);
        m_table->setItem(row, SlopeColumn, slope);
        m_table->setItem(row, PowerColumn, power);
        m_table->setItem(row, KindColumn, kind);
    }
    m_head->setMaximum(n);
    m_table->selectRow(m_head->value() - 1);
    retranslate();  // the kind column and the note name n
}

void AlibiView::updateHeatmap()
{
    const int n = m_heads->value();
    const int head = std::clamp(m_head->value(), 1, n);
    const double slope = posmath::alibiSlopes(n)[std::size_t(head - 1)];
    const int len = m_length->value();
    const std::vector<double> bias = posmath::alibiBias(slope, len);
    contextplot::resetCells(m_map, len, len);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double lowest = -slope * (len - 1);
    for (int i = 0; i < len; ++i)
        for (int j = 0; j < len; ++j) {
            const double v = bias[std::size_t(i) * std::size_t(len) + std::size_t(j)];
            m_map->data()->setCell(j, i, std::isinf(v) ? nan : v);
        }
    m_map->setDataRange(QCPRange(std::min(lowest, -1e-9), 0));
    if (len <= kMaxLabelledLength) {
        QFont small = m_plot->font();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() - (len > 12 ? 2.5 : 1.5)));
        for (int i = 0; i < len; ++i)
            for (int j = 0; j <= i; ++j) {
                const double v = m_map->data()->cell(j, i);
                // Three digits show the quarter steps of the first heads (−1.25) while they fit the cells.
                contextplot::labelCell(m_map, j, i, v == 0 ? QStringLiteral("0") : contextplot::num(v, len <= 12 ? 3 : 2),
                                       small);
            }
    }
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(len <= 16 ? 1 : len <= 40 ? 4 : 8);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(ticker);
    m_biasNote->setText(tr("Head %1 of %2, slope m = %3: the score of query i and key j ≤ i gets m·(j − i), "
                           "0 on the diagonal and %4 for the most distant key at length %5. Grey cells are "
                           "the future (j > i), masked by the causal mask. There are no position embeddings: "
                           "this bias is all the model knows about distance, and it is defined for any length.")
                            .arg(head)
                            .arg(n)
                            .arg(contextplot::num(slope))
                            .arg(contextplot::num(lowest, 4))
                            .arg(len));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString AlibiView::noteText() const
{
    const int n = m_heads->value();
    const int extra = int(posmath::alibiExtraSlopes(n));
    const QString chapter =
        tr("The context-window chapter (Press et al.'s ALiBi) writes the slopes of n heads as the geometric sequence {1/a, 1/a², …, 1/256} with "
           "aⁿ = 256, i.e. a = 2^(8/n) and m_h = 2^(−8h/n): the first head looks at the nearest tokens, "
           "the last one far back.");
    if (extra == 0)
        return chapter + QLatin1Char(' ') + tr("For n = %1, a = %2.").arg(n).arg(contextplot::num(std::pow(2.0, 8.0 / n)));
    const int p = n - extra;
    return chapter + QLatin1Char(' ')
           + tr("n = %1 is not a power of two: BLOOM (and the paper's code) takes the %2 slopes of p = %2 heads "
                "(a = %3), then every other slope of the %4-head sequence, the odd powers of 2^(−4/%2), the "
                "first %5 of them (marked).")
                 .arg(n)
                 .arg(p)
                 .arg(contextplot::num(std::pow(2.0, 8.0 / p)))
                 .arg(2 * p)
                 .arg(extra);
}

void AlibiView::retranslate()
{
    m_slopesTitle->setText(tr("ALiBi slopes"));
    m_headsLabel->setText(tr("Heads n:"));
    m_heads->setToolTip(tr("Any number of heads: the model's own is set when a model is chosen."));
    m_table->setHorizontalHeaderLabels({tr("Head h"), tr("Slope m"), tr("As a power of two"), tr("Kind")});
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (QTableWidgetItem *kind = m_table->item(row, KindColumn))
            kind->setText(kind->data(ExtraRole).toBool() ? tr("extra (BLOOM)") : tr("geometric"));
    m_note->setText(noteText());
    m_biasTitle->setText(tr("Bias added to the attention scores"));
    m_headLabel->setText(tr("Head:"));
    m_lengthLabel->setText(tr("Length:"));
    m_plot->xAxis->setLabel(tr("key position j"));
    m_plot->yAxis->setLabel(tr("query position i"));
    m_scale->axis()->setLabel(tr("bias"));
    updateHeatmap();
}

void AlibiView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_plot)
        retranslate();
    QWidget::changeEvent(event);
}
