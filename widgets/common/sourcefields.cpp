#include "common/sourcefields.h"

#include <QFile>

#include <nlohmann/json.hpp>

#include "data/csv.h"

namespace {

// Enough for the first records of any of the formats.
constexpr qint64 kScanBytes = 4 << 20;

// The complete top-level elements of the JSON array text starts with (an element cut off at the end
// is left out).
std::vector<std::string_view> arrayElements(std::string_view text, int max)
{
    std::vector<std::string_view> out;
    std::size_t i = text.find('[');
    if (i == std::string_view::npos)
        return out;
    int depth = 0;
    bool inString = false, escape = false;
    std::size_t start = std::string_view::npos;
    for (++i; i < text.size() && int(out.size()) < max; ++i) {
        const char c = text[i];
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (start == std::string_view::npos && c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != ',')
            start = i;
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0) {  // the array's end
                if (start != std::string_view::npos && start < i)
                    out.push_back(text.substr(start, i - start));
                break;
            }
            --depth;
        } else if (c == ',' && depth == 0) {
            if (start != std::string_view::npos)
                out.push_back(text.substr(start, i - start));
            start = std::string_view::npos;
        }
    }
    return out;
}

void addObject(const nlohmann::ordered_json &obj, SourceFields &out)
{
    if (!obj.is_object())
        return;
    auto add = [&out](const QString &name, const nlohmann::ordered_json &value) {
        if (!out.fields.contains(name))
            out.fields << name;
        if (value.is_array() && !out.listFields.contains(name))
            out.listFields << name;
        if (name.endsWith(QLatin1String("lang")) && value.is_string()) {
            const QString lang = QString::fromStdString(value.get<std::string>());
            if (!lang.isEmpty() && !out.languages.contains(lang))
                out.languages << lang;
        }
    };
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        add(key, it.value());
        if (it.value().is_object())
            for (auto sub = it.value().begin(); sub != it.value().end(); ++sub)
                add(key + QLatin1Char('.') + QString::fromStdString(sub.key()), sub.value());
    }
}

} // namespace

SourceFields scanSourceFields(const QString &file, sft::DatasetFormat format, int maxRecords)
{
    SourceFields out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QByteArray bytes = f.read(kScanBytes);
    const std::string_view text(bytes.constData(), std::size_t(bytes.size()));
    const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos)
        return out;
    const bool json = text[first] == '[' || text[first] == '{';
    if (format == sft::DatasetFormat::Csv || !json) {
        if (json)
            return out;  // JSON read as CSV: it has no header row to offer
        // The header row: the first line (a name with a line break inside quotes is not offered).
        try {
            const std::size_t end = text.find('\n', first);
            const auto rows = sft::csv::parse(text.substr(first, end == std::string_view::npos ? end : end - first), "");
            if (!rows.empty())
                for (const std::string &name : rows.front().fields)
                    if (!name.empty() && !out.fields.contains(QString::fromStdString(name)))
                        out.fields << QString::fromStdString(name);
        } catch (const std::exception &) {
        }
        return out;
    }
    if (text[first] == '[') {
        for (std::string_view element : arrayElements(text.substr(first), maxRecords))
            addObject(nlohmann::ordered_json::parse(element, nullptr, false), out);
    } else {
        std::size_t pos = first;
        for (int n = 0; n < maxRecords && pos < text.size();) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos)
                break;  // a line cut off at the end of what was read (or the file's last line; see below)
            const std::string_view line = text.substr(pos, end - pos);
            pos = end + 1;
            if (line.find_first_not_of(" \t\r") == std::string_view::npos)
                continue;
            addObject(nlohmann::ordered_json::parse(line, nullptr, false), out);
            ++n;
        }
        // The file's last line has no line end when the whole file was read.
        if (bytes.size() < kScanBytes && pos < text.size())
            addObject(nlohmann::ordered_json::parse(text.substr(pos), nullptr, false), out);
    }
    out.languages.sort();
    return out;
}
