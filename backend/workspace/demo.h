#pragma once
// The demo workspace a first start creates: a small dataset the project wrote
// itself (resources/demo/demo_dataset.json, English and Chinese), with a few
// records already curated so every state shows.

#include <QString>
#include <QStringList>

#include "core/progress.h"

namespace sft {

/** The demo records as Alpaca JSON (from the embedded resource). */
QByteArray demoDatasetJson();

/** Create path as a demo workspace unless it exists; returns path. Throws sft::Error. */
QString ensureDemoWorkspace(const QString &path);

/** The demo model folder that belongs to a demo workspace: "demo-model" next to it. */
QString demoModelDir(const QString &workspacePath);

/**
 * Make sure dir holds a model (config.json): otherwise run
 * `program init-model --preset tiny --pretrain-steps 40 --out dir` (plus
 * extraArguments, e.g. `--position alibi` for the BLOOM-style demo model) and
 * wait for it. The model is barely trained (its scores mean little) but every
 * flow runs on it. Returns dir; throws sft::Error with the worker's message,
 * or sft::Cancelled (the worker killed, the half-written folder removed) when
 * progress returns false.
 */
QString ensureDemoModel(const QString &dir, const QString &program, int timeoutMs = 120000,
                        const ProgressFn &progress = {}, const QStringList &extraArguments = {});

} // namespace sft
