// Whole-file reads and writes.

#include "core/file_io.h"

#include "core/error.h"

#include <fstream>
#include <sstream>

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

} // namespace sft
