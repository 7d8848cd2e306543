// Appending and reading the run folder's JSON-lines files.

#include "selfinstruct/run_files.h"

#include "core/error.h"
#include "core/json.h"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sft::selfinstruct {

using nlohmann::json;

AppendFile::AppendFile(const fs::path &path) : m_path(path)
{
    m_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error("cannot append to the file", Error::Location{path.string(), 0, 0, -1, {}});
}

AppendFile::~AppendFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void AppendFile::append(const json &j)
{
    std::string line = j.dump(-1, ' ', false, json::error_handler_t::replace);
    line += '\n';
    const char *p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error("cannot write", Error::Location{m_path.string(), 0, 0, -1, {}});
        }
        p += n;
        left -= std::size_t(n);
    }
}

std::vector<json> readJsonLines(const fs::path &path, bool repair)
{
    std::vector<json> out;
    if (!fs::exists(path))
        return out;
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t complete = text.rfind('\n');
    complete = complete == std::string::npos ? 0 : complete + 1;
    if (complete < text.size() && repair) {
        std::error_code ec;
        fs::resize_file(path, complete, ec);
    }
    std::size_t pos = 0;
    std::int64_t lineNo = 0;
    while (pos < complete) {
        const std::size_t nl = text.find('\n', pos);
        ++lineNo;
        const std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        out.push_back(parseJsonLine(line, path.string(), lineNo));
    }
    return out;
}

/** Starts events.jsonl on a fresh line when a killed worker left a fragment. */
void terminateLastLine(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in || in.tellg() <= 0)
        return;
    in.seekg(-1, std::ios::end);
    if (in.get() == '\n')
        return;
    in.close();
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << '\n';
}

} // namespace sft::selfinstruct
