#pragma once
// Small drawing and formatting pieces the Context panel's pages share: how a
// number is written in their notes and labels, and heatmaps of labelled
// cells (the ALiBi bias matrix of one head, the passkey accuracy grid of one
// configuration), so both read the same way.

#include <QColor>
#include <QFont>
#include <QString>
#include <QVector>

#include <utility>

class QCPColorMap;
class QCPItemText;
class QCustomPlot;

namespace contextplot {

/** A number in a note or a label: up to `precision` significant digits, no trailing zeros. */
QString num(double v, int precision = 6);

/**
 * A colour map of square cells (no interpolation) on plot's axes, its gradient through stops
 * (position 0..1, colour). NaN cells are drawn in nanColor, or left transparent when it is invalid.
 */
QCPColorMap *addHeatmap(QCustomPlot *plot, const QVector<std::pair<double, QColor>> &stops,
                        const QColor &nanColor = QColor());

/**
 * Make map nx × ny cells at the integer coordinates 0..n−1, all NaN, drop the cell labels, and fit
 * the axes to the cells (half a cell of margin).
 */
void resetCells(QCPColorMap *map, int nx, int ny);

/** Write text on cell (x, y) of map, black or white, whichever reads better on the cell's colour. */
QCPItemText *labelCell(QCPColorMap *map, int x, int y, const QString &text, const QFont &font);

/** The cell labels of plot (for tests: how many are drawn). */
int cellLabelCount(const QCustomPlot *plot);

} // namespace contextplot
