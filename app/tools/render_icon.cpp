// render_icon: draws an SVG into a square PNG, for the hicolor icon sizes the
// build installs and embeds (resources/CMakeLists.txt runs it once per size).
//
//   render_icon in.svg out.png N
//
// Antialiased on a transparent background, aspect ratio kept and centred. It
// uses only QPainter on a QImage, so it needs no display and no application
// object: a headless build machine renders the icons as well as a desktop.

#include <QImage>
#include <QPainter>
#include <QRectF>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>

namespace {

int fail(const char *message, const QString &detail = {})
{
    std::fprintf(stderr, "render_icon: %s%s%s\n", message, detail.isEmpty() ? "" : ": ",
                 qPrintable(detail));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: render_icon in.svg out.png N\n");
        return 2;
    }
    const QString input = QString::fromLocal8Bit(argv[1]);
    const QString output = QString::fromLocal8Bit(argv[2]);
    bool ok = false;
    const int size = QString::fromLocal8Bit(argv[3]).toInt(&ok);
    if (!ok || size < 1 || size > 4096)
        return fail("the size must be a whole number from 1 to 4096", QString::fromLocal8Bit(argv[3]));

    QSvgRenderer renderer(input);
    if (!renderer.isValid())
        return fail("cannot read the SVG", input);

    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        // Fit the view box into the square, keeping its proportions.
        const QRectF box = renderer.viewBoxF();
        const qreal scale = box.isEmpty() ? 1.0 : qMin(size / box.width(), size / box.height());
        const QSizeF drawn = box.isEmpty() ? QSizeF(size, size) : box.size() * scale;
        const QRectF target((size - drawn.width()) / 2, (size - drawn.height()) / 2, drawn.width(),
                            drawn.height());
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
        renderer.render(&painter, target);
    }
    // Straight (not premultiplied) alpha is what PNG stores.
    if (!image.convertToFormat(QImage::Format_ARGB32).save(output, "PNG"))
        return fail("cannot write the PNG", output);
    return 0;
}
