// The desktop integration files as they are installed: the .desktop entry and
// the MIME type from resources/desktop/, and the AppStream metainfo configured
// into the build folder. They must agree with each other, with CMake (the
// file names and the MIME type come from SFTBENCH_APP_ID and
// SFTBENCH_MIME_TYPE) and with the application (its id, its version, the
// application name that becomes the WM_CLASS class), and every screenshot
// AppStream names must be one of resources/screenshots/.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

#include "common/appidentity.h"
#include "test_util.h"

namespace {

const QString kMimeType = QStringLiteral(SFT_MIME_TYPE);

/** resources/desktop/<app id><suffix>, named as CMake installs it. */
QString desktopFile(const QString &suffix)
{
    return QStringLiteral(SFT_SOURCE_DIR "/resources/desktop/" SFT_APP_ID) + suffix;
}

// Key=value of the [Desktop Entry] group; localized keys keep their [lang].
QHash<QString, QString> readDesktopEntry(const QString &path)
{
    QHash<QString, QString> entry;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entry;
    bool inGroup = false;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line.trimmed() == QLatin1String("[Desktop Entry]");
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inGroup && eq > 0 && !line.startsWith(QLatin1Char('#')))
            entry.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return entry;
}

QStringList listValue(const QString &value)
{
    return value.split(QLatin1Char(';'), Qt::SkipEmptyParts);
}

} // namespace

class TestDesktopFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The application calls itself what CMake names its files.
        QCOMPARE(sft::applicationId(), QStringLiteral(SFT_APP_ID));
        sft::applyApplicationIdentity();
    }

    void desktopEntry()
    {
        const QString path = desktopFile(QStringLiteral(".desktop"));
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        const QHash<QString, QString> entry = readDesktopEntry(path);
        QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
        QCOMPARE(entry.value(QStringLiteral("Name")), QStringLiteral("SFT Workbench"));
        QCOMPARE(entry.value(QStringLiteral("Name[zh_CN]")), QStringLiteral("SFT 工作台"));
        QVERIFY(!entry.value(QStringLiteral("Comment")).isEmpty());
        QVERIFY(!entry.value(QStringLiteral("Comment[zh_CN]")).isEmpty());
        QVERIFY(entry.value(QStringLiteral("Comment[zh_CN]")) != entry.value(QStringLiteral("Comment")));
        // Opening a workspace file from the file manager passes it to sftbench.
        const QStringList exec = entry.value(QStringLiteral("Exec")).split(QLatin1Char(' '));
        QCOMPARE(exec.value(0), QStringLiteral("sftbench"));
        QVERIFY(exec.contains(QStringLiteral("%f")));
        QCOMPARE(listValue(entry.value(QStringLiteral("MimeType"))), QStringList{kMimeType});
        QCOMPARE(entry.value(QStringLiteral("Icon")), sft::applicationId());
        const QStringList categories = listValue(entry.value(QStringLiteral("Categories")));
        QVERIFY(categories.contains(QStringLiteral("Development")));
        QVERIFY(categories.contains(QStringLiteral("Science")));
        QCOMPARE(entry.value(QStringLiteral("Terminal")), QStringLiteral("false"));
        // Qt's xcb plugin sets the WM_CLASS class to the application name, unchanged
        // (WM_CLASS "sftbench", "sftbench"); the shell matches windows to the entry by it.
        QCOMPARE(entry.value(QStringLiteral("StartupWMClass")), QCoreApplication::applicationName());
    }

    void mimeType()
    {
        QFile file(desktopFile(QStringLiteral(".xml")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        QString type;
        QStringList globs;
        QStringList parents;
        QString icon;
        QHash<QString, QString> comments;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attr = xml.attributes();
            if (xml.name() == QLatin1String("mime-type")) {
                type = attr.value(QLatin1String("type")).toString();
            } else if (xml.name() == QLatin1String("glob")) {
                globs << attr.value(QLatin1String("pattern")).toString();
            } else if (xml.name() == QLatin1String("sub-class-of")) {
                parents << attr.value(QLatin1String("type")).toString();
            } else if (xml.name() == QLatin1String("icon")) {
                icon = attr.value(QLatin1String("name")).toString();
            } else if (xml.name() == QLatin1String("comment")) {
                const QString lang = attr.value(QLatin1String("xml:lang")).toString();
                comments.insert(lang, xml.readElementText());
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(type, kMimeType);
        QCOMPARE(globs, QStringList{QStringLiteral("*.sftws")});
        QCOMPARE(parents, QStringList{QStringLiteral("application/vnd.sqlite3")});
        QCOMPARE(icon, sft::applicationId());
        QCOMPARE(comments.value(QString()), QStringLiteral("SFT Workbench workspace"));
        QVERIFY(!comments.value(QStringLiteral("zh_CN")).isEmpty());
    }

    // The configured metainfo: well-formed, placeholders filled in, and every
    // screenshot URL ends in the name of a file of resources/screenshots/.
    void metainfo()
    {
        QFile file(QStringLiteral(SFT_BINARY_DIR "/resources/" SFT_APP_ID ".metainfo.xml"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray text = file.readAll();
        QVERIFY2(!text.contains('@'), "a placeholder was not configured");
        QXmlStreamReader xml(text);
        QString id;
        QString launchable;
        QString releaseVersion;
        QStringList mediatypes;
        QStringList images;
        QStringList localizedImages;
        int screenshots = 0;
        int defaults = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attr = xml.attributes();
            if (xml.name() == QLatin1String("id")) {
                id = xml.readElementText();
            } else if (xml.name() == QLatin1String("launchable")) {
                launchable = xml.readElementText();
            } else if (xml.name() == QLatin1String("mediatype")) {
                mediatypes << xml.readElementText();
            } else if (xml.name() == QLatin1String("release") && releaseVersion.isEmpty()) {
                releaseVersion = attr.value(QLatin1String("version")).toString();
            } else if (xml.name() == QLatin1String("screenshot")) {
                ++screenshots;
                defaults += attr.value(QLatin1String("type")) == QLatin1String("default") ? 1 : 0;
            } else if (xml.name() == QLatin1String("image")) {
                const bool localized = attr.hasAttribute(QLatin1String("xml:lang"));
                (localized ? localizedImages : images) << xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(id, sft::applicationId());
        QCOMPARE(launchable, sft::applicationId() + QStringLiteral(".desktop"));
        QCOMPARE(mediatypes, QStringList{kMimeType});
        QCOMPARE(releaseVersion, sfttest::projectVersion());
        QVERIFY(screenshots >= 5);
        QCOMPARE(defaults, 1);
        QCOMPARE(images.size(), screenshots);
        QCOMPARE(localizedImages.size(), screenshots);

        const QDir shots(QStringLiteral(SFT_SOURCE_DIR "/resources/screenshots"));
        for (const QString &image : images + localizedImages) {
            const QUrl url(image);
            QVERIFY2(url.isValid() && url.scheme() == QLatin1String("https"), qPrintable(image));
            const QString name = url.fileName();
            QVERIFY2(shots.exists(name), qPrintable(image));
        }
        for (const QString &image : std::as_const(localizedImages))
            QVERIFY2(image.endsWith(QLatin1String("_zh_CN.png")), qPrintable(image));
    }
};

QTEST_MAIN(TestDesktopFiles)
#include "test_desktopfiles.moc"
