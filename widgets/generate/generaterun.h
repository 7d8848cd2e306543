#pragma once
// Self-Instruct generation runs on disk, as the Generate panel sees them: every
// run is a folder under "<workspace folder>/<workspace name>.generate/" that
// `sftbench-cli self-instruct --run DIR` owns (config.json, seeds, events.jsonl,
// worker.pid). The worker is started detached so it outlives the GUI; Resume
// starts it again on the same folder. Besides the worker's files the panel
// keeps gui.json (the target dataset and where the API key comes from, never
// the key) and config.request.json (the form's config, the worker's --config).
// The API key lives in a settings file of its own next to the main one
// (sftbench-keys.conf, owner read/write only, unencrypted), one entry per base
// URL, and reaches the worker only through its environment.

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace generation {

/** What the panel writes into a run folder next to the worker's files. */
inline constexpr const char *kRequestFile = "config.request.json";
inline constexpr const char *kSideFile = "gui.json";
/** The environment variable the worker reads the key from when the config names none. */
inline constexpr const char *kDefaultKeyEnv = "SFTBENCH_API_KEY";
/** The file next to the main settings file that holds the saved API keys (mode 0600). */
inline constexpr const char *kApiKeysFileName = "sftbench-keys.conf";
/** QSettings: the seed file of the last run started from a file (the form starts with it). */
inline constexpr const char *kLastSeedFileSetting = "generate/lastSeedFile";

/** "<folder of workspacePath>/<base name>.generate" (not created). */
QString runsRoot(const QString &workspacePath);

/**
 * `self-instruct --run DIR [--config DIR/config.request.json] [--workspace WS --dataset NAME]`.
 * A resume passes no --config: the worker continues from the folder; but a run whose worker never
 * wrote DIR/config.json (its first start failed) gets the request again.
 */
QStringList workerArguments(const QString &runDir, bool fresh, const QString &workspacePath, const QString &dataset);

/** Write a JSON object to DIR/name atomically; throws sft::Error. */
void writeJson(const QString &runDir, const QString &name, const QJsonObject &object);
/** DIR/name as an object; empty when missing or unreadable. */
QJsonObject readJson(const QString &runDir, const QString &name);

/** The keys file: kApiKeysFileName in the folder of the main QSettings file. */
QString apiKeysFile();
/**
 * The key stored for an endpoint (the keys file, one entry per base URL); empty when none. A key an
 * older version left in the main settings file is moved into the keys file.
 */
QString storedApiKey(const QString &baseUrl);
/**
 * Store (or with an empty key, forget) the key of an endpoint in the keys file, which is created
 * owner-only (0600) and set so again after every write; the main settings file never holds it.
 */
void storeApiKey(const QString &baseUrl, const QString &key);

/**
 * The worker's environment: for an endpoint whose key is kept in the settings,
 * the GUI's environment plus config.backend.api_key_env = the stored key; empty
 * (inherit the GUI's own) otherwise.
 */
QProcessEnvironment workerEnvironment(const QJsonObject &config, bool keyFromSettings);

/** The names of the worker's prompt templates, in the order of its config.json. */
QStringList templateNames();
/** The worker's built-in templates of a language (name → text); empty in a build without the loop. */
QJsonObject builtinPrompts(const QString &language);
/** What the worker's validator says of a config: the field's dotted path (may be empty) and its message. */
struct ConfigProblem
{
    QString field;     ///< e.g. "sampling.temperature"
    QString message;   ///< the worker's own (English) text; empty when the config is valid
    bool isEmpty() const { return message.isEmpty(); }
};
/** The worker's own check of a config; empty when valid (or not checkable in this build). */
ConfigProblem configProblem(const QJsonObject &config);
/** The same as one line: "field: message", empty when valid. */
QString configError(const QJsonObject &config);

/** The instruction's leading verb: its first word, lowercased; for Chinese its first two characters. */
QString leadingVerb(const QString &instruction);

} // namespace generation
