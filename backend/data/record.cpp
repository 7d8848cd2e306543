#include "data/record.h"

namespace sft {

const char *statusName(RecordStatus s)
{
    switch (s) {
    case RecordStatus::Pending: return "pending";
    case RecordStatus::Accepted: return "accepted";
    case RecordStatus::Rejected: return "rejected";
    }
    return "pending";
}

bool statusFromName(const std::string &name, RecordStatus &out)
{
    if (name == "pending") out = RecordStatus::Pending;
    else if (name == "accepted") out = RecordStatus::Accepted;
    else if (name == "rejected") out = RecordStatus::Rejected;
    else return false;
    return true;
}

} // namespace sft
