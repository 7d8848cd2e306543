// Reading the dataset catalogue: a JSON document {"version": 1, "datasets":
// [entry, ...]} checked field by field, so a mistake in the bundled file is
// caught by its test rather than shown as a half-empty row.

#include "data/catalogue.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <set>

namespace sft {

using nlohmann::json;

namespace {

constexpr const char *kMethodNames[] = {"human-written", "self-instruct-generated", "distilled-from-chat-model",
                                        "converted-nlp-tasks", "mixed"};
constexpr const char *kUnitNames[] = {"examples", "conversations", "messages", "tasks"};

/** Reads one entry's fields, each error naming the entry (index and id) and the field. */
class EntryReader
{
public:
    EntryReader(const json &object, std::int64_t index, const std::string &path)
        : m_object(object), m_index(index), m_path(path)
    {
    }

    [[noreturn]] void fail(const std::string &field, const std::string &message) const
    {
        const std::string who = m_id.empty() ? std::string() : "entry \"" + m_id + "\": ";
        throw Error(who + message, Error::Location{m_path, 0, 0, m_index, field});
    }

    const json &field(const char *name) const
    {
        const auto it = m_object.find(name);
        if (it == m_object.end())
            fail(name, "missing field");
        return *it;
    }

    std::string string(const char *name, bool allowEmpty = false) const
    {
        const json &v = field(name);
        if (!v.is_string())
            fail(name, "must be a string");
        std::string s = v.get<std::string>();
        if (!allowEmpty && s.empty())
            fail(name, "must not be empty");
        return s;
    }

    std::string url(const char *name, const json &v) const
    {
        if (!v.is_string() || v.get<std::string>().rfind("https://", 0) != 0)
            fail(name, "must be an https:// address");
        return v.get<std::string>();
    }

    CatalogueText text(const char *name, bool allowEmpty) const
    {
        const json &v = field(name);
        if (!v.is_object())
            fail(name, "must be an object with \"en\" and \"zh_CN\" texts");
        CatalogueText t;
        for (const auto &[key, out] : {std::pair<const char *, std::string *>{"en", &t.en}, {"zh_CN", &t.zhCN}}) {
            const std::string sub = std::string(name) + "." + key;
            const auto it = v.find(key);
            if (it == v.end())
                fail(sub, "missing field");
            if (!it->is_string())
                fail(sub, "must be a string");
            *out = it->get<std::string>();
            if (!allowEmpty && out->empty())
                fail(sub, "must not be empty");
        }
        if (t.en.empty() != t.zhCN.empty())
            fail(name, "give both the English and the Chinese text, or neither");
        return t;
    }

    void setId(std::string id) { m_id = std::move(id); }

private:
    const json &m_object;
    std::int64_t m_index;
    const std::string &m_path;
    std::string m_id;
};

bool validId(const std::string &id)
{
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    });
}

CatalogueEntry readEntry(const json &object, std::int64_t index, const std::string &path)
{
    EntryReader r(object, index, path);
    if (!object.is_object())
        r.fail("", "each dataset must be a JSON object");
    CatalogueEntry e;
    e.id = r.string("id");
    if (!validId(e.id))
        r.fail("id", "use lower-case letters, digits, '-', '.' or '_' only");
    r.setId(e.id);
    e.name = r.string("name");

    const json &langs = r.field("languages");
    if (!langs.is_array() || langs.empty())
        r.fail("languages", "must be a non-empty list of language codes");
    for (const json &l : langs) {
        if (!l.is_string() || l.get<std::string>().empty())
            r.fail("languages", "each language must be a non-empty string");
        e.languages.push_back(l.get<std::string>());
    }

    const json &records = r.field("records");
    if (!records.is_number_integer() || records.get<std::int64_t>() < 0)
        r.fail("records", "must be a whole number, 0 when the card gives none");
    e.records = records.get<std::int64_t>();
    const json &approx = r.field("approximate");
    if (!approx.is_boolean())
        r.fail("approximate", "must be true or false");
    e.approximate = approx.get<bool>();
    if (e.records == 0 && e.approximate)
        r.fail("approximate", "an unknown count (0) cannot be approximate");
    if (!unitFromName(r.string("unit"), e.unit))
        r.fail("unit", "must be examples, conversations, messages or tasks");

    const std::string turns = r.string("turns");
    if (turns != "single" && turns != "multi")
        r.fail("turns", "must be \"single\" or \"multi\"");
    e.multiTurn = turns == "multi";
    const json &avg = r.field("average_turns");
    if (!avg.is_null() && (!avg.is_number() || avg.get<double>() < 1))
        r.fail("average_turns", "must be null or a number of at least 1");
    e.averageTurns = avg.is_null() ? 0 : avg.get<double>();

    e.licence = r.string("licence");
    if (!methodFromName(r.string("method"), e.method))
        r.fail("method", "must be human-written, self-instruct-generated, distilled-from-chat-model, "
                         "converted-nlp-tasks or mixed");

    DatasetFormat downloaded = DatasetFormat::Auto;
    e.downloadFormat = r.string("format");
    if (e.downloadFormat != "parquet"
        && (!formatFromName(e.downloadFormat, downloaded) || downloaded == DatasetFormat::Auto))
        r.fail("format", "unknown format \"" + e.downloadFormat + "\"");
    const std::string importName = r.string("import_format");
    if (!formatFromName(importName, e.importFormat) || e.importFormat == DatasetFormat::Auto)
        r.fail("import_format", "unknown format \"" + importName + "\" (the importer reads alpaca, jsonl, sharegpt, "
                                "csv, seed, openai, oasst or ultrachat)");

    e.mappingSpec = r.string("mapping", true);
    if (!e.mappingSpec.empty()) {
        try {
            e.mapping = FieldMapping::parse(e.mappingSpec);
        } catch (const Error &err) {
            r.fail("mapping", err.message());
        }
        if (e.importFormat != DatasetFormat::AlpacaJson && e.importFormat != DatasetFormat::Jsonl
            && e.importFormat != DatasetFormat::Csv)
            r.fail("mapping", std::string("a field mapping applies to alpaca, jsonl and csv files, not ")
                                  + formatName(e.importFormat));
    }

    e.url = r.url("url", r.field("url"));
    e.file = r.string("file");
    e.summary = r.text("summary", false);
    e.note = r.text("note", true);
    if (e.needsConversion() && e.note.en.empty())
        r.fail("note", "say how to convert the downloaded file (" + e.downloadFormat + ") for import as "
                           + formatName(e.importFormat));

    const json &checked = r.field("checked");
    if (!checked.is_array() || checked.empty())
        r.fail("checked", "must list the pages the facts were checked against");
    for (const json &c : checked)
        e.checked.push_back(r.url("checked", c));
    return e;
}

std::vector<std::string> sortedUnique(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

} // namespace

const char *methodName(ConstructionMethod m)
{
    return kMethodNames[int(m)];
}

bool methodFromName(const std::string &name, ConstructionMethod &out)
{
    for (int i = 0; i < int(std::size(kMethodNames)); ++i)
        if (name == kMethodNames[i]) {
            out = ConstructionMethod(i);
            return true;
        }
    return false;
}

const char *unitName(RecordUnit u)
{
    return kUnitNames[int(u)];
}

bool unitFromName(const std::string &name, RecordUnit &out)
{
    for (int i = 0; i < int(std::size(kUnitNames)); ++i)
        if (name == kUnitNames[i]) {
            out = RecordUnit(i);
            return true;
        }
    return false;
}

const std::string &CatalogueText::in(const std::string &language) const
{
    const bool chinese = language.rfind("zh", 0) == 0;
    return chinese && !zhCN.empty() ? zhCN : en;
}

bool CatalogueEntry::hasLanguage(const std::string &code) const
{
    return std::find(languages.begin(), languages.end(), code) != languages.end();
}

const CatalogueEntry *Catalogue::find(const std::string &id) const
{
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const CatalogueEntry &e) { return e.id == id; });
    return it == entries.end() ? nullptr : &*it;
}

std::vector<std::string> Catalogue::languages() const
{
    std::vector<std::string> all;
    for (const CatalogueEntry &e : entries)
        all.insert(all.end(), e.languages.begin(), e.languages.end());
    return sortedUnique(std::move(all));
}

std::vector<std::string> Catalogue::licences() const
{
    std::vector<std::string> all;
    for (const CatalogueEntry &e : entries)
        all.push_back(e.licence);
    return sortedUnique(std::move(all));
}

Catalogue parseCatalogue(const std::string &text, const std::string &path)
{
    const json doc = parseJsonDocument(text, path);
    if (!doc.is_object())
        throw Error("the catalogue must be a JSON object", Error::Location{path, 0, 0, -1, ""});
    const auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer() || version->get<int>() != 1)
        throw Error("unsupported catalogue version (expected 1)", Error::Location{path, 0, 0, -1, "version"});
    const auto list = doc.find("datasets");
    if (list == doc.end() || !list->is_array())
        throw Error("missing the \"datasets\" list", Error::Location{path, 0, 0, -1, "datasets"});

    Catalogue c;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
        CatalogueEntry e = readEntry((*list)[i], std::int64_t(i), path);
        if (!ids.insert(e.id).second)
            throw Error("entry \"" + e.id + "\": the id is used twice", Error::Location{path, 0, 0, std::int64_t(i), "id"});
        c.entries.push_back(std::move(e));
    }
    return c;
}

Catalogue readCatalogue(const std::string &path)
{
    return parseCatalogue(readFileText(path, "cannot open the dataset catalogue"), path);
}

} // namespace sft
