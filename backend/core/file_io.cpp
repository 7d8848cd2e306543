// Whole-file reads and writes.

#include "core/file_io.h"

#include "core/error.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace sft {

std::string readFileText(const std::string &path, const std::string &message)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(message, {path, 0, 0, -1, {}});
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFileText(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw Error("cannot write", {path, 0, 0, -1, {}});
}

void writeFileTextAtomic(const std::string &path, const std::string &text)
{
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error("cannot write", {path, 0, 0, -1, {}});
    const char *p = text.data();
    std::size_t left = text.size();
    bool ok = true;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ok = false;
            break;
        }
        p += n;
        left -= std::size_t(n);
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw Error("cannot write", {path, 0, 0, -1, {}});
    }
}

void terminateLastLine(const std::string &path)
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

} // namespace sft
