#pragma once
// The ALiBi page of the Context panel, a teaching view: the slopes of n
// attention heads (any n, not only the model's) as numbers and as powers of
// two, BLOOM's extra slopes marked when n is not a power of two, and the bias
// one head adds to the attention scores over a short sequence as a heatmap
// (queries down, keys across, the causally masked cells grey). Every number
// comes from sft::model::posmath, the formulas the engine uses.

#include <QWidget>

class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QTableWidget;

class AlibiView : public QWidget
{
    Q_OBJECT

public:
    enum Column { HeadColumn, SlopeColumn, PowerColumn, KindColumn, ColumnCount };
    /** Table item role: true on the rows of BLOOM's extra slopes. */
    static constexpr int ExtraRole = Qt::UserRole + 1;

    explicit AlibiView(QWidget *parent = nullptr);

    /** The number of heads shown (1..128); the model's head count when a model is chosen. */
    void setHeadCount(int heads);
    int headCount() const;
    /** The head (1-based, as in m_h = 2^(-8h/n)) whose bias the heatmap shows. */
    void setSelectedHead(int head);
    int selectedHead() const;
    /** The sequence length of the heatmap (queries and keys 0..length-1). */
    void setLength(int length);
    int length() const;

    /** The bias the heatmap holds for query i and key j (NaN for a masked cell, j > i). */
    double biasCell(int query, int key) const;

    QSpinBox *headCountSpin() const { return m_heads; }
    QSpinBox *headSpin() const { return m_head; }
    QSpinBox *lengthSpin() const { return m_length; }
    QTableWidget *slopeTable() const { return m_table; }
    QCustomPlot *heatmap() const { return m_plot; }
    QCPColorMap *colorMap() const { return m_map; }
    QLabel *noteLabel() const { return m_note; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSlopes();
    void updateHeatmap();
    QString noteText() const;

    QLabel *m_headsLabel = nullptr, *m_headLabel = nullptr, *m_lengthLabel = nullptr, *m_slopesTitle = nullptr,
           *m_biasTitle = nullptr, *m_note = nullptr, *m_biasNote = nullptr;
    QSpinBox *m_heads = nullptr, *m_head = nullptr, *m_length = nullptr;
    QTableWidget *m_table = nullptr;
    QCustomPlot *m_plot = nullptr;
    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
};
