// The dataset catalogue: the bundled file parses and is complete (enough
// entries, unique ids, known formats, mappings that parse, both summaries, a
// download address and the pages checked); broken entries are refused with
// the entry and the field named.

#include <QtTest>

#include <set>
#include <stdexcept>

#include "core/error.h"
#include "data/catalogue.h"

namespace {

const std::string kBundled = SFT_SOURCE_DIR "/resources/catalogue/datasets.json";

/** A valid one-entry catalogue with one field replaced by raw JSON (or removed when value is empty). */
std::string withField(const std::string &field, const std::string &value)
{
    std::vector<std::pair<std::string, std::string>> fields = {
        {"id", R"("tiny")"},
        {"name", R"("Tiny")"},
        {"languages", R"(["en"])"},
        {"records", "3"},
        {"approximate", "false"},
        {"unit", R"("examples")"},
        {"turns", R"("single")"},
        {"average_turns", "null"},
        {"licence", R"("MIT")"},
        {"method", R"("human-written")"},
        {"format", R"("jsonl")"},
        {"import_format", R"("jsonl")"},
        {"mapping", R"("instruction=question,output=answer")"},
        {"url", R"("https://example.org/tiny")"},
        {"file", R"("tiny.jsonl")"},
        {"summary", R"({"en": "A tiny set.", "zh_CN": "一个很小的数据集。"})"},
        {"note", R"({"en": "", "zh_CN": ""})"},
        {"checked", R"(["https://example.org/tiny/card"])"},
    };
    std::string body;
    for (const auto &[key, json] : fields) {
        const std::string v = key == field ? value : json;
        if (v.empty())
            continue;
        body += std::string(body.empty() ? "" : ",") + "\"" + key + "\": " + v;
    }
    return R"({"version": 1, "datasets": [{)" + body + "}]}";
}

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledParses()
    {
        const sft::Catalogue c = sft::readCatalogue(kBundled);
        QVERIFY2(c.entries.size() >= 20, qPrintable(QString::number(c.entries.size())));
        std::set<std::string> ids;
        for (const sft::CatalogueEntry &e : c.entries) {
            QVERIFY2(ids.insert(e.id).second, e.id.c_str());
            QVERIFY2(!e.summary.en.empty() && !e.summary.zhCN.empty(), e.id.c_str());
            QVERIFY2(e.url.rfind("https://", 0) == 0, e.id.c_str());
            QVERIFY2(!e.checked.empty(), e.id.c_str());
            QVERIFY2(!e.languages.empty(), e.id.c_str());
            // The download format is one the importer knows, or Parquet (converted first, as the note says).
            sft::DatasetFormat f;
            QVERIFY2(e.downloadFormat == "parquet" || sft::formatFromName(e.downloadFormat, f), e.id.c_str());
            if (e.needsConversion())
                QVERIFY2(!e.note.en.empty() && !e.note.zhCN.empty(), e.id.c_str());
            if (e.downloadFormat == "parquet")
                QVERIFY2(e.note.en.find("convert to JSONL first") != std::string::npos, e.id.c_str());
            // Every mapping parses again from its text, to the same targets.
            if (!e.mappingSpec.empty())
                QCOMPARE(sft::FieldMapping::parse(e.mappingSpec).toString(), e.mapping.toString());
        }
    }

    // The mappings the importer needs for the well-known files, as their cards name the fields.
    // Facts checked against the datasets' own pages (see the entries' checked lists): exact counts where a
    // source gives one, the OpenAssistant files the SFT loaders read, an average turn count only where a
    // source states it.
    void bundledFacts()
    {
        const sft::Catalogue c = sft::readCatalogue(kBundled);
        const auto entry = [&](const std::string &id) -> const sft::CatalogueEntry & {
            for (const sft::CatalogueEntry &e : c.entries)
                if (e.id == id)
                    return e;
            throw std::runtime_error("no catalogue entry " + id);
        };
        for (const char *id : {"stanford-alpaca", "alpaca-gpt4-en"}) {
            QCOMPARE(entry(id).records, std::int64_t(52002));
            QVERIFY2(!entry(id).approximate, id);
            QVERIFY2(entry(id).note.en.find("not verified") == std::string::npos, id);
        }
        QCOMPARE(entry("oasst1").file, std::string("2023-04-12_oasst_ready.trees.jsonl.gz"));
        QCOMPARE(entry("oasst1").records, std::int64_t(88838));
        QCOMPARE(entry("oasst2").file, std::string("2023-11-05_oasst2_ready.trees.jsonl.gz"));
        QCOMPARE(entry("oasst2").records, std::int64_t(135174));
        QCOMPARE(entry("ultrachat").averageTurns, 3.8);
        for (const char *category : {"brainstorming", "classification", "closed QA", "open QA", "general QA",
                                     "creative writing", "information extraction", "summarization"})
            QVERIFY2(entry("dolly-15k").summary.en.find(category) != std::string::npos, category);
        for (const char *category : {"头脑风暴", "分类", "封闭式问答", "开放式问答", "一般问答", "创意写作", "信息抽取", "摘要"})
            QVERIFY2(entry("dolly-15k").summary.zhCN.find(category) != std::string::npos, category);
        // Only sourced figures: multi-turn entries without one say "not stated" in the view.
        int stated = 0;
        for (const sft::CatalogueEntry &e : c.entries)
            stated += e.averageTurns > 0;
        QCOMPARE(stated, 1);
    }

    void bundledMappings_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("instruction");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::newRow("dolly") << "dolly-15k" << "instruction" << "context" << "response";
        QTest::newRow("flan") << "flan-v2" << "inputs" << "" << "targets";
        QTest::newRow("firefly") << "firefly-1.1m" << "input" << "" << "target";
    }
    void bundledMappings()
    {
        QFETCH(QString, id);
        QFETCH(QString, instruction);
        QFETCH(QString, input);
        QFETCH(QString, output);
        const sft::Catalogue c = sft::readCatalogue(kBundled);
        const sft::CatalogueEntry *e = c.find(id.toStdString());
        QVERIFY(e);
        QCOMPARE(QString::fromStdString(e->mapping.instruction), instruction);
        QCOMPARE(QString::fromStdString(e->mapping.input), input);
        QCOMPARE(QString::fromStdString(e->mapping.output), output);
        QCOMPARE(QString::fromStdString(e->source()), QStringLiteral("catalogue:") + id);
    }

    void bundledCoversTheFilters()
    {
        const sft::Catalogue c = sft::readCatalogue(kBundled);
        int chinese = 0, multi = 0, parquet = 0;
        for (const sft::CatalogueEntry &e : c.entries) {
            chinese += e.hasLanguage("zh");
            multi += e.multiTurn;
            parquet += e.downloadFormat == "parquet";
        }
        QVERIFY(chinese >= 5);
        QVERIFY(multi >= 5);
        QVERIFY(parquet >= 1);
        const auto langs = c.languages();
        QVERIFY(std::is_sorted(langs.begin(), langs.end()));
        QVERIFY(std::find(langs.begin(), langs.end(), "zh") != langs.end());
        QVERIFY(c.licences().size() >= 4);
    }

    void validEntry()
    {
        const sft::Catalogue c = sft::parseCatalogue(withField("", ""), "t.json");
        QCOMPARE(int(c.entries.size()), 1);
        const sft::CatalogueEntry &e = c.entries[0];
        QCOMPARE(e.records, std::int64_t(3));
        QCOMPARE(e.mapping.instruction, std::string("question"));
        QCOMPARE(e.mapping.output, std::string("answer"));
        QCOMPARE(e.summary.in("zh_CN"), std::string("一个很小的数据集。"));
        QCOMPARE(e.summary.in("en"), std::string("A tiny set."));
        QVERIFY(!e.needsConversion());
        QCOMPARE(c.find("tiny"), &c.entries[0]);
        QCOMPARE(c.find("other"), nullptr);
    }

    // Each broken field is refused, and the error names that field.
    void brokenEntries_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("errorField");
        QTest::newRow("missing licence") << "licence" << "" << "licence";
        QTest::newRow("missing summary") << "summary" << "" << "summary";
        QTest::newRow("no Chinese summary") << "summary" << R"({"en": "x"})" << "summary.zh_CN";
        QTest::newRow("empty Chinese summary") << "summary" << R"({"en": "x", "zh_CN": ""})" << "summary.zh_CN";
        QTest::newRow("unknown format") << "format" << R"("xml")" << "format";
        QTest::newRow("auto import format") << "import_format" << R"("auto")" << "import_format";
        QTest::newRow("bad mapping") << "mapping" << R"("prompt=question")" << "mapping";
        QTest::newRow("mapping for sharegpt") << "import_format" << R"("sharegpt")" << "mapping";
        QTest::newRow("bad method") << "method" << R"("crawled")" << "method";
        QTest::newRow("bad turns") << "turns" << R"("many")" << "turns";
        QTest::newRow("negative records") << "records" << "-1" << "records";
        QTest::newRow("http url") << "url" << R"("http://example.org")" << "url";
        QTest::newRow("nothing checked") << "checked" << "[]" << "checked";
        QTest::newRow("no languages") << "languages" << "[]" << "languages";
        QTest::newRow("bad id") << "id" << R"("Tiny Set")" << "id";
        QTest::newRow("parquet without a note") << "format" << R"("parquet")" << "note";
    }
    void brokenEntries()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, errorField);
        try {
            sft::parseCatalogue(withField(field.toStdString(), value.toStdString()), "t.json");
            QFAIL("accepted a broken entry");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().field), errorField);
            QCOMPARE(e.where().record, std::int64_t(0));
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QLatin1String("t.json")), e.what());
        }
    }

    void duplicateIds()
    {
        std::string one = withField("", "");
        const std::string entry = one.substr(one.find("[{") + 1, one.rfind("}]") - one.find("[{"));
        const std::string two = R"({"version": 1, "datasets": [)" + entry + "," + entry + "]}";
        try {
            sft::parseCatalogue(two, "t.json");
            QFAIL("accepted a repeated id");
        } catch (const sft::Error &e) {
            QCOMPARE(e.where().record, std::int64_t(1));
            QCOMPARE(e.where().field, std::string("id"));
        }
    }

    void badDocument()
    {
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::parseCatalogue("{", "t.json"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::parseCatalogue(R"({"version": 2, "datasets": []})", "t.json"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::parseCatalogue(R"({"version": 1})", "t.json"));
        QVERIFY_THROWS_EXCEPTION(sft::Error, sft::readCatalogue("/nonexistent/catalogue.json"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogue)
#include "test_catalogue.moc"
