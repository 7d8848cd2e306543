#include "generate/generaterun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSettings>
#include <QUrl>

#include "core/error.h"
#include "workspace/qtstrings.h"

#ifdef SFT_HAVE_SELFINSTRUCT
#include <nlohmann/json.hpp>

#include "selfinstruct/prompts.h"
#include "selfinstruct/run_config.h"
#endif

namespace generation {

namespace {

QString settingsKey(const QString &baseUrl)
{
    // One entry per endpoint; the URL is percent-encoded so '/' does not open QSettings groups.
    QString url = baseUrl.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return QStringLiteral("generate/apiKeys/") + QString::fromLatin1(QUrl::toPercentEncoding(url));
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

/** The keys file, created empty and owner-only before anything is written into it. */
QString ensureKeysFile()
{
    const QString path = apiKeysFile();
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
            f.close();
    }
    QFile::setPermissions(path, kOwnerOnly);
    return path;
}

bool isCjk(QChar c)
{
    const ushort u = c.unicode();
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0xF900 && u <= 0xFAFF);
}

} // namespace

QString runsRoot(const QString &workspacePath)
{
    const QFileInfo info(workspacePath);
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".generate"));
}

QStringList workerArguments(const QString &runDir, bool fresh, const QString &workspacePath, const QString &dataset)
{
    QStringList args{QStringLiteral("self-instruct"), QStringLiteral("--run"), runDir};
    // A run whose first worker never wrote config.json (it could not be started, or died before
    // validating) is still a fresh start for the worker: it needs the request again.
    const QDir dir(runDir);
    if (fresh || (!dir.exists(QStringLiteral("config.json")) && dir.exists(QString::fromLatin1(kRequestFile))))
        args << QStringLiteral("--config") << QDir(runDir).filePath(QString::fromLatin1(kRequestFile));
    if (!workspacePath.isEmpty() && !dataset.isEmpty())
        args << QStringLiteral("--workspace") << workspacePath << QStringLiteral("--dataset") << dataset;
    return args;
}

void writeJson(const QString &runDir, const QString &name, const QJsonObject &object)
{
    const QString path = QDir(runDir).filePath(name);
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
        throw sft::Error("cannot write " + sft::ss(path) + ": " + sft::ss(f.errorString()));
}

QJsonObject readJson(const QString &runDir, const QString &name)
{
    QFile f(QDir(runDir).filePath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString apiKeysFile()
{
    return QFileInfo(QSettings().fileName()).dir().filePath(QString::fromLatin1(kApiKeysFileName));
}

QString storedApiKey(const QString &baseUrl)
{
    const QString name = settingsKey(baseUrl);
    if (QFileInfo::exists(apiKeysFile())) {
        const QString key = QSettings(apiKeysFile(), QSettings::IniFormat).value(name).toString();
        if (!key.isEmpty())
            return key;
    }
    // A key saved by an older version in the main settings file moves into the keys file.
    QSettings settings;
    const QString legacy = settings.value(name).toString();
    if (!legacy.isEmpty()) {
        storeApiKey(baseUrl, legacy);
        settings.remove(name);
    }
    return legacy;
}

void storeApiKey(const QString &baseUrl, const QString &key)
{
    const QString name = settingsKey(baseUrl);
    {
        QSettings main;
        if (main.contains(name))
            main.remove(name);
    }
    if (key.isEmpty() && !QFileInfo::exists(apiKeysFile()))
        return;
    const QString path = ensureKeysFile();
    {
        QSettings keys(path, QSettings::IniFormat);
        if (key.isEmpty())
            keys.remove(name);
        else
            keys.setValue(name, key);
        keys.sync();
    }
    // QSettings rewrites the file through a temporary one: make sure the result is owner-only again.
    QFile::setPermissions(path, kOwnerOnly);
}

QProcessEnvironment workerEnvironment(const QJsonObject &config, bool keyFromSettings)
{
    const QJsonObject backend = config.value(QStringLiteral("backend")).toObject();
    if (!keyFromSettings || backend.value(QStringLiteral("kind")).toString() != QLatin1String("openai"))
        return {};
    const QString key = storedApiKey(backend.value(QStringLiteral("base_url")).toString());
    if (key.isEmpty())
        return {};
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(backend.value(QStringLiteral("api_key_env")).toString(QString::fromLatin1(kDefaultKeyEnv)), key);
    return env;
}

QStringList templateNames()
{
#ifdef SFT_HAVE_SELFINSTRUCT
    QStringList names;
    for (const auto &spec : sft::selfinstruct::templateSpecs())
        names << QString::fromLatin1(spec.name);
    return names;
#else
    return {QStringLiteral("instructions"), QStringLiteral("instructions_chat"), QStringLiteral("classify"),
            QStringLiteral("input_first"), QStringLiteral("output_first"), QStringLiteral("batch")};
#endif
}

QJsonObject builtinPrompts(const QString &language)
{
#ifdef SFT_HAVE_SELFINSTRUCT
    try {
        const std::string text = sft::selfinstruct::promptsToJson(sft::selfinstruct::defaultPrompts(sft::ss(language))).dump();
        return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
    } catch (const std::exception &) {
        return {};
    }
#else
    Q_UNUSED(language);
    return {};
#endif
}

ConfigProblem configProblem(const QJsonObject &config)
{
#ifdef SFT_HAVE_SELFINSTRUCT
    try {
        const QByteArray text = QJsonDocument(config).toJson(QJsonDocument::Compact);
        sft::selfinstruct::RunConfig::fromJson(nlohmann::json::parse(text.toStdString()), {});
    } catch (const sft::Error &e) {
        return {QString::fromStdString(e.where().field), QString::fromStdString(e.message())};
    } catch (const std::exception &e) {
        return {QString(), QString::fromUtf8(e.what())};
    }
#else
    Q_UNUSED(config);
#endif
    return {};
}

QString configError(const QJsonObject &config)
{
    const ConfigProblem p = configProblem(config);
    return p.field.isEmpty() ? p.message : p.field + QStringLiteral(": ") + p.message;
}

QString leadingVerb(const QString &instruction)
{
    const QString text = instruction.trimmed();
    if (text.isEmpty())
        return {};
    if (isCjk(text.front())) {
        QString out;
        for (QChar c : text) {
            if (!isCjk(c))
                break;
            out += c;
            if (out.size() == 2)
                break;
        }
        return out;
    }
    QString word;
    for (QChar c : text) {
        if (c.isSpace())
            break;
        word += c;
    }
    // "Write," and "Explain:" count as "write" and "explain".
    while (!word.isEmpty() && !word.back().isLetterOrNumber())
        word.chop(1);
    while (!word.isEmpty() && !word.front().isLetterOrNumber())
        word.remove(0, 1);
    return word.toLower();
}

} // namespace generation
