// Memory mapping of safetensors files (POSIX mmap).

#include "safetensors/file.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sft::safetensors {

File File::open(const std::string &path)
{
    Error::Location where;
    where.file = path;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(std::string("cannot open: ") + std::strerror(errno), where);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error("not a regular file", where);
    }
    File f;
    f.m_path = path;
    f.m_size = static_cast<std::size_t>(st.st_size);
    if (f.m_size > 0) {
        void *p = ::mmap(nullptr, f.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throw Error(std::string("cannot map: ") + std::strerror(err), where);
        }
        f.m_map = static_cast<const std::uint8_t *>(p);
    }
    ::close(fd);
    f.m_header = parseHeader(f.m_map, f.m_size, path);
    return f;
}

File::File(File &&other) noexcept { *this = std::move(other); }

File &File::operator=(File &&other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_header = std::move(other.m_header);
        m_map = other.m_map;
        m_size = other.m_size;
        other.m_map = nullptr;
        other.m_size = 0;
    }
    return *this;
}

File::~File() { release(); }

void File::release()
{
    if (m_map)
        ::munmap(const_cast<std::uint8_t *>(m_map), m_size);
    m_map = nullptr;
    m_size = 0;
}

const std::uint8_t *File::data(const TensorInfo &info) const
{
    return m_map + m_header.dataStart + info.begin;
}

} // namespace sft::safetensors
