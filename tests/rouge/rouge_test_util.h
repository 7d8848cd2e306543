#pragma once
// Helpers shared by the ROUGE tests: reading fixtures and the shared data
// sets with nlohmann-json, and running the Python reference (Debian
// /usr/bin/python3 with nltk) for the live checks, which skip when missing.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include "shared_data.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace rougetest {

inline std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline bool fileExists(const std::string &path)
{
    return std::ifstream(path).good();
}

inline std::vector<nlohmann::json> readJsonl(const std::string &path)
{
    std::vector<nlohmann::json> out;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    return out;
}

inline std::string testData(const std::string &name) { return std::string(SFT_TEST_DATA_DIR) + "/" + name; }
/** A file of the real data sets ($SFT_SHARED_DATA_DIR or ../shared/data); the tests that read it skip without it. */
inline std::string sharedData(const std::string &name) { return sfttest::sharedPath(name); }

/** The field of every record of an Alpaca JSON file (empty when the file is missing). */
inline std::vector<std::string> alpacaField(const std::string &file, const std::string &field)
{
    std::vector<std::string> out;
    const std::string path = sharedData(file);
    if (!fileExists(path))
        return out;
    const nlohmann::json j = nlohmann::json::parse(readFile(path));
    for (const auto &r : j)
        out.push_back(r.value(field, std::string()));
    return out;
}

/** True when /usr/bin/python3 can import nltk. */
inline bool pythonWithNltk()
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import nltk.stem.porter")});
    if (!p.waitForFinished(60000))
        return false;
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

/** Runs the generator script with arguments; returns its exit code (-1 when it did not run). */
inline int runGenerator(const QStringList &args, int timeoutMs = 240000)
{
    QProcess p;
    QStringList all{QString::fromStdString(std::string(SFT_SOURCE_DIR) + "/tests/rouge/gen_rouge_fixtures.py")};
    all += args;
    p.start(QStringLiteral("/usr/bin/python3"), all);
    if (!p.waitForFinished(timeoutMs))
        return -1;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace rougetest
