#pragma once
// An instruction record as the engine sees it (Qt-free): the Alpaca triple
// plus curation state. The workspace stores the same fields in SQLite.

#include <cstdint>
#include <string>
#include <vector>

namespace sft {

enum class RecordStatus { Pending = 0, Accepted = 1, Rejected = 2 };

struct Record
{
    std::string instruction;
    std::string input;
    std::string output;
    RecordStatus status = RecordStatus::Pending;
    std::string reason;               ///< why it was rejected
    std::vector<std::string> tags;
    std::string note;
    std::string source;               ///< file or generator it came from
    bool flagged = false;
};

const char *statusName(RecordStatus s);
bool statusFromName(const std::string &name, RecordStatus &out);

} // namespace sft
