#include "common/statustext.h"

QString StatusText::name(sft::RecordStatus s)
{
    switch (s) {
    case sft::RecordStatus::Pending: return tr("pending");
    case sft::RecordStatus::Accepted: return tr("accepted");
    case sft::RecordStatus::Rejected: return tr("rejected");
    }
    return {};
}

QColor StatusText::background(sft::RecordStatus s)
{
    switch (s) {
    case sft::RecordStatus::Accepted: return QColor(0xE3, 0xF4, 0xE1);
    case sft::RecordStatus::Rejected: return QColor(0xFB, 0xE4, 0xE2);
    default: return {};
    }
}
