#pragma once
// What the first records of a dataset file call their fields, for the import
// dialog's field mapping: the keys of the first JSON objects (an array's
// elements or JSON lines, in the order the file writes them; one level of nested objects as "meta.question") or
// the CSV header, and the languages an OpenAssistant export names. Reads only
// the beginning of the file; never throws (an unreadable file has no fields).

#include <QString>
#include <QStringList>

#include "data/formats.h"

struct SourceFields
{
    QStringList fields;      ///< in the order they first appear
    QStringList listFields;  ///< fields whose value is a JSON array (a message list, perhaps)
    QStringList languages;   ///< values of "lang" (an OpenAssistant message or tree), sorted
};

/** The fields of the first maxRecords records of file read as format (CSV: the header). */
SourceFields scanSourceFields(const QString &file, sft::DatasetFormat format, int maxRecords = 50);
