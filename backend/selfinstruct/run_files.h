#pragma once
// The JSON-lines files of a Self-Instruct run folder (events.jsonl,
// requests.jsonl, candidates.jsonl): appended one whole line per write() and
// read back tolerating the one thing a kill can leave, a last line without
// its newline.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <vector>

namespace sft::selfinstruct {

/** A JSON-lines file appended one whole line per write(), so a kill never leaves half a record mid-file. */
class AppendFile
{
public:
    /** Opens (creates) path for appending; throws sft::Error. */
    explicit AppendFile(const std::filesystem::path &path);
    ~AppendFile();
    AppendFile(const AppendFile &) = delete;
    AppendFile &operator=(const AppendFile &) = delete;

    /** Appends j as one line; throws sft::Error when the write fails. */
    void append(const nlohmann::json &j);

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

/**
 * The records of a JSON-lines file (none when it does not exist). A last line
 * without its newline was cut by a kill: it is not read, and with repair it
 * is removed from the file. A bad line elsewhere throws sft::Error at its line.
 */
std::vector<nlohmann::json> readJsonLines(const std::filesystem::path &path, bool repair);

/**
 * The same, one record at a time: the file is read line by line, so a long
 * log (requests.jsonl keeps every prompt) is never in memory as a whole.
 */
void forEachJsonLine(const std::filesystem::path &path, bool repair, const std::function<void(nlohmann::json &&)> &fn);

} // namespace sft::selfinstruct
