// The application's identity at run time: the icon compiled into sft_widgets
// (every hicolor size rendered from resources/icons/sftbench.svg, each a real
// picture on a transparent background), and what applyApplicationIdentity
// tells Qt: the desktop entry, the window icon, the application name (the
// class part of the X11 WM_CLASS, which the .desktop file's StartupWMClass
// names) and the project version.

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>

#include "buildinfo.h"
#include "common/appidentity.h"
#include "test_util.h"

namespace {

// The sizes resources/CMakeLists.txt renders (SFT_ICON_SIZES).
const QList<int> kSizes = {SFTBENCH_BUILD_ICON_SIZES};

// The share of pixels that are not fully transparent.
double coverage(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    qint64 opaque = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x)
            opaque += qAlpha(line[x]) > 0 ? 1 : 0;
    }
    return argb.isNull() ? 0.0 : double(opaque) / (double(argb.width()) * argb.height());
}

} // namespace

class TestAppIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applicationIdIsReverseDns()
    {
        QCOMPARE(sft::applicationId(), QStringLiteral("io.github.sftworkbench.sftbench"));
    }

    void embeddedPngs_data()
    {
        QTest::addColumn<int>("size");
        for (const int size : kSizes)
            QTest::addRow("%dpx", size) << size;
    }

    // Each size is its own file, of exactly that size: a rounded tile (so the
    // corners stay transparent) that covers most of the square.
    void embeddedPngs()
    {
        QFETCH(int, size);
        const QString path =
            QStringLiteral(":/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(sft::applicationId());
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(size - 1, size - 1)), 0);
        QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) == 255);
        const double covered = coverage(image);
        QVERIFY2(covered > 0.6 && covered < 0.99, qPrintable(QString::number(covered)));
    }

    void iconHasEverySize()
    {
        const QIcon icon = sft::applicationIcon();
        QVERIFY(!icon.isNull());
        const QList<QSize> available = icon.availableSizes();
        for (const int size : kSizes) {
            QVERIFY2(available.contains(QSize(size, size)), qPrintable(QString::number(size)));
            const QPixmap pixmap = icon.pixmap(QSize(size, size));
            QVERIFY(!pixmap.isNull());
            QCOMPARE(pixmap.size(), QSize(size, size));
            QVERIFY(coverage(pixmap.toImage()) > 0.6);
        }
    }

    void identityApplied()
    {
        sft::applyApplicationIdentity();
        QCOMPARE(QGuiApplication::desktopFileName(), sft::applicationId());
        const QIcon windowIcon = QGuiApplication::windowIcon();
        QVERIFY(!windowIcon.isNull());
        QCOMPARE(windowIcon.availableSizes().size(), kSizes.size());
        QVERIFY(coverage(windowIcon.pixmap(QSize(48, 48)).toImage()) > 0.6);
        // Qt 6's xcb plugin sets WM_CLASS to "<instance>", "<class>": the instance is the
        // executable's name (or -name / RESOURCE_NAME), the class is applicationName()
        // as it is, not capitalised (only a missing name falls back to the capitalised
        // executable name). A window of sftbench reads WM_CLASS "sftbench", "sftbench",
        // and StartupWMClass must name the class.
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("sftbench"));
        QCOMPARE(QCoreApplication::organizationName(), QStringLiteral("SFTWorkbench"));
        const QString version = sfttest::projectVersion();
        QVERIFY(!version.isEmpty());
        QCOMPARE(QCoreApplication::applicationVersion(), version);
    }
};

QTEST_MAIN(TestAppIdentity)
#include "test_appidentity.moc"
