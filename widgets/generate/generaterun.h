#pragma once
// Self-Instruct generation runs on disk, as the Generate panel sees them: every
// run is a folder under "<workspace folder>/<workspace name>.generate/" that
// `sftbench-cli self-instruct --run DIR` owns (config.json, seeds, events.jsonl,
// worker.pid). The worker is started detached so it outlives the GUI; Resume
// starts it again on the same folder. Besides the worker's files the panel
// keeps gui.json (the target dataset and where the API key comes from, never
// the key) and config.request.json (the form's config, the worker's --config).
// The API key lives in QSettings, one entry per base URL, and reaches the
// worker only through its environment.

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

/** "<folder of workspacePath>/<base name>.generate" (not created). */
QString runsRoot(const QString &workspacePath);

/**
 * `self-instruct --run DIR [--config DIR/config.request.json] [--workspace WS --dataset NAME]`.
 * A resume passes no --config: the worker continues from the folder.
 */
QStringList workerArguments(const QString &runDir, bool fresh, const QString &workspacePath, const QString &dataset);

/** Write a JSON object to DIR/name atomically; throws sft::Error. */
void writeJson(const QString &runDir, const QString &name, const QJsonObject &object);
/** DIR/name as an object; empty when missing or unreadable. */
QJsonObject readJson(const QString &runDir, const QString &name);

/** The key stored for an endpoint (QSettings, one entry per base URL); empty when none. */
QString storedApiKey(const QString &baseUrl);
/** Store (or with an empty key, forget) the key of an endpoint. */
void storeApiKey(const QString &baseUrl, const QString &key);

/**
 * The worker's environment: for an endpoint whose key is kept in the settings,
 * the GUI's environment plus config.backend.api_key_env = the stored key; empty
 * (inherit the GUI's own) otherwise.
 */
QProcessEnvironment workerEnvironment(const QJsonObject &config, bool keyFromSettings);

/** The worker's built-in templates of a language (name → text); empty in a build without the loop. */
QJsonObject builtinPrompts(const QString &language);
/** The worker's own check of a config: "field: message", empty when valid (or not checkable in this build). */
QString configError(const QJsonObject &config);

/** The instruction's leading verb: its first word, lowercased; for Chinese its first two characters. */
QString leadingVerb(const QString &instruction);

} // namespace generation
