// Appending and reading the run folder's JSON-lines files.

#include "selfinstruct/run_files.h"

#include "core/error.h"
#include "core/json.h"

#include <cerrno>
#include <fstream>
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

void forEachJsonLine(const fs::path &path, bool repair, const std::function<void(json &&)> &fn)
{
    if (!fs::exists(path))
        return;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open", Error::Location{path.string(), 0, 0, -1, {}});
    std::string line;
    std::int64_t lineNo = 0;
    std::uint64_t complete = 0;   // bytes up to the end of the last whole line
    while (std::getline(in, line)) {
        if (in.eof()) {
            // No newline after it: a line a kill cut short. Not read; with repair, cut from the file.
            if (repair) {
                in.close();
                std::error_code ec;
                fs::resize_file(path, complete, ec);
            }
            return;
        }
        ++lineNo;
        complete += line.size() + 1;
        const std::string_view view(line);
        if (view.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        fn(parseJsonLine(view, path.string(), lineNo));
    }
}

std::vector<json> readJsonLines(const fs::path &path, bool repair)
{
    std::vector<json> out;
    forEachJsonLine(path, repair, [&out](json &&j) { out.push_back(std::move(j)); });
    return out;
}

} // namespace sft::selfinstruct
