#include "context/plotutil.h"

#include <algorithm>
#include <limits>

#include "qcustomplot.h"

namespace contextplot {

namespace {

/** Cell labels carry this property so that resetCells removes them and nothing else (a placeholder stays). */
const char kCellLabel[] = "contextCellLabel";

} // namespace

QString num(double v, int precision)
{
    return QString::number(v, 'g', precision);
}

QCPColorMap *addHeatmap(QCustomPlot *plot, const QVector<std::pair<double, QColor>> &stops, const QColor &nanColor)
{
    auto *map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const auto &stop : stops)
        gradient.setColorStopAt(stop.first, stop.second);
    if (nanColor.isValid()) {
        gradient.setNanHandling(QCPColorGradient::nhNanColor);
        gradient.setNanColor(nanColor);
    } else {
        gradient.setNanHandling(QCPColorGradient::nhTransparent);
    }
    map->setGradient(gradient);
    return map;
}

void resetCells(QCPColorMap *map, int nx, int ny)
{
    QCustomPlot *plot = map->parentPlot();
    for (int i = plot->itemCount() - 1; i >= 0; --i)
        if (plot->item(i)->property(kCellLabel).toBool())
            plot->removeItem(i);
    map->data()->setSize(std::max(1, nx), std::max(1, ny));
    map->data()->setRange(QCPRange(0, std::max(0, nx - 1)), QCPRange(0, std::max(0, ny - 1)));
    map->data()->fill(std::numeric_limits<double>::quiet_NaN());
    map->keyAxis()->setRange(-0.5, std::max(0.5, nx - 0.5));
    map->valueAxis()->setRange(-0.5, std::max(0.5, ny - 0.5));
}

QCPItemText *labelCell(QCPColorMap *map, int x, int y, const QString &text, const QFont &font)
{
    // Relative luminance of the cell's colour decides the ink.
    QCPColorGradient gradient = map->gradient();
    const QColor fill = QColor::fromRgb(gradient.color(map->data()->cell(x, y), map->dataRange()));
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    auto *label = new QCPItemText(map->parentPlot());
    label->setProperty(kCellLabel, true);
    label->position->setCoords(x, y);
    label->setText(text);
    label->setFont(font);
    label->setColor(luminance < 0.45 ? Qt::white : Qt::black);
    label->setSelectable(false);
    label->setClipToAxisRect(true);
    return label;
}

int cellLabelCount(const QCustomPlot *plot)
{
    int count = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        count += plot->item(i)->property(kCellLabel).toBool();
    return count;
}

} // namespace contextplot
