#pragma once
// The demo workspace a first start creates: a small dataset the project wrote
// itself (resources/demo/demo_dataset.json, English and Chinese), with a few
// records already curated so every state shows.

#include <QString>

namespace sft {

/** The demo records as Alpaca JSON (from the embedded resource). */
QByteArray demoDatasetJson();

/** Create path as a demo workspace unless it exists; returns path. Throws sft::Error. */
QString ensureDemoWorkspace(const QString &path);

} // namespace sft
