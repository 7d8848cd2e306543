// sftbench-cli rouge / dedup / filter: ROUGE-L of text pairs, the greedy
// near-duplicate filter and the heuristic quality rules, over dataset files.
//
//   rouge  --pairs FILE [--tokenizer rouge|cjk] [--stem]
//          FILE: one JSON object {"a": target, "b": prediction} per line; prints
//          rouge_score's ROUGE-L F of each pair as %.6f, one per line.
//   dedup  --input FILE --field instruction|input|output|instruction+input
//          [--threshold 0.7] [--tokenizer rouge|cjk] [--stem] --kept OUT
//          [--compare exact|rouge_score] [--threads N] [--report FILE] [--exact-best] [--brute-force]
//          writes the 0-based indices of kept records to OUT, one per line, and
//          prints "records: N", "kept: K", "rejected: R", "pairs scored: S",
//          "pairs total: P" (what brute force scores) and "seconds: T" (reading the
//          file, tokenizing, dedup and writing OUT).
//   filter --input FILE [--rules JSON|@FILE|FILE] --out OUT [--list-rules]
//          writes one JSON line {"index", "rule", "reason"} per rejected record.

#include "cli/command.h"
#include "core/args.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"
#include "data/formats.h"
#include "rouge/dedup.h"
#include "rouge/filters.h"
#include "rouge/score.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace sft::cli {
namespace {

using nlohmann::json;

rouge::TokenizerOptions tokenizerOptions(const ArgParser &p)
{
    rouge::TokenizerOptions opts;
    const std::string name = p.value("tokenizer");
    if (!rouge::tokenizerFromName(name, opts.kind))
        throw Error("--tokenizer must be rouge or cjk, not \"" + name + '"');
    opts.stem = p.isSet("stem");
    return opts;
}

std::ofstream openOutput(const std::string &path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write file", Error::Location{path, 0, 0, -1, {}});
    return out;
}

void closeOutput(std::ofstream &out, const std::string &path)
{
    out.close();
    if (!out)
        throw Error("write failed", Error::Location{path, 0, 0, -1, {}});
}

std::string fieldText(const Record &r, const std::string &field)
{
    if (field == "instruction")
        return r.instruction;
    if (field == "input")
        return r.input;
    if (field == "output")
        return r.output;
    // instruction+input: a newline keeps the two from running into one word.
    return r.input.empty() ? r.instruction : r.instruction + "\n" + r.input;
}

} // namespace

int runRouge(const Args &args)
{
    ArgParser p("rouge");
    p.option("pairs", "JSONL file of {\"a\": target, \"b\": prediction} objects")
        .option("tokenizer", "rouge (rouge_score's) or cjk (CJK characters are tokens)", "rouge")
        .flag("stem", "Porter-stem words longer than 3 characters (rouge_score use_stemmer)");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const std::string path = p.required("pairs");
    const rouge::TokenizerOptions opts = tokenizerOptions(p);
    rouge::Tokenizer tokenizer(opts);
    const std::string text = readFileText(path);
    std::istringstream lines(text);
    std::string line;
    std::int64_t lineNo = 0;
    char buf[32];
    while (std::getline(lines, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const json j = parseJsonLine(line, path, lineNo);
        for (const char *key : {"a", "b"})
            if (!j.is_object() || !j.contains(key) || !j[key].is_string())
                throw Error("expected a string", Error::Location{path, lineNo, 0, -1, key});
        const rouge::RougeScore s = rouge::rougeL(tokenizer.words(j["a"].get<std::string>()),
                                                  tokenizer.words(j["b"].get<std::string>()));
        std::snprintf(buf, sizeof buf, "%.6f\n", s.fmeasure);
        std::cout << buf;
    }
    return 0;
}

int runDedup(const Args &args)
{
    ArgParser p("dedup");
    p.option("input", "dataset file (Alpaca JSON, JSONL, ...)")
        .option("field", "instruction, input, output or instruction+input", "instruction")
        .option("threshold", "reject when ROUGE-L F against a kept record is above this", "0.7")
        .option("tokenizer", "rouge or cjk", "rouge")
        .flag("stem", "Porter-stem words longer than 3 characters")
        .option("compare", "exact (ties keep) or rouge_score (its double F > threshold, as Alpaca)", "exact")
        .option("kept", "write the 0-based indices of kept records here, one per line")
        .option("report", "also write one JSON line per record: index, kept, nearest, score")
        .option("threads", "worker threads (0 = all cores)", "0")
        .flag("exact-best", "compute every record's exact best score against earlier kept ones (slower)")
        .flag("brute-force", "no pruning: LCS of every pair (reference, slow)");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const std::string input = p.required("input");
    const std::string keptPath = p.required("kept");
    const std::string field = p.value("field");
    if (field != "instruction" && field != "input" && field != "output" && field != "instruction+input")
        throw Error("dedup: --field must be instruction, input, output or instruction+input, not \"" + field + '"');
    rouge::DedupOptions opts;
    opts.tokenizer = tokenizerOptions(p);
    rouge::ThresholdCompare compare;
    if (!rouge::compareFromName(p.value("compare"), compare))
        throw Error("dedup: --compare must be exact or rouge_score");
    opts.threshold = rouge::Threshold::fromString(p.value("threshold"), compare);
    const long long threads = p.integer("threads");
    if (threads < 0 || threads > 256)
        throw Error("dedup: --threads must be between 0 and 256");
    opts.threads = unsigned(threads);
    opts.exactBestScores = p.isSet("exact-best");
    opts.pruning = !p.isSet("brute-force");

    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Record> records = readDataset(input);
    std::vector<std::string> texts;
    texts.reserve(records.size());
    for (const Record &r : records)
        texts.push_back(fieldText(r, field));
    const rouge::DedupResult result = rouge::greedyDedup(texts, opts);

    std::ofstream out = openOutput(keptPath);
    for (std::size_t i = 0; i < result.records.size(); ++i)
        if (result.records[i].kept)
            out << i << '\n';
    closeOutput(out, keptPath);
    if (p.has("report")) {
        const std::string reportPath = p.value("report");
        std::ofstream rep = openOutput(reportPath);
        for (std::size_t i = 0; i < result.records.size(); ++i) {
            const rouge::DedupRecord &r = result.records[i];
            json j{{"index", i}, {"kept", r.kept}, {"nearest", r.nearest}, {"score", r.bestScore},
                   {"tokens", r.tokens}};
            rep << j.dump() << '\n';
        }
        closeOutput(rep, reportPath);
    }
    const rouge::DedupStats &st = result.stats;
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.3f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    std::cout << "records: " << st.records << '\n'
              << "kept: " << st.kept << '\n'
              << "rejected: " << st.records - st.kept << '\n'
              << "pairs scored: " << st.pairsScored << '\n'
              << "pairs total: " << st.pairsTotal << '\n'
              << "seconds: " << secs << '\n';
    return 0;
}

int runFilter(const Args &args)
{
    ArgParser p("filter");
    p.option("input", "dataset file (Alpaca JSON, JSONL, ...)")
        .option("rules", "rule set: inline JSON, or a JSON file path (see --list-rules)")
        .option("out", "write one JSON line {index, rule, reason} per rejected record")
        .flag("list-rules", "print every rule with its default parameters (JSON) and exit");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    if (p.isSet("list-rules")) {
        json out = json::array();
        for (const rouge::FilterRuleInfo &info : rouge::filterRuleCatalog())
            out.push_back(json{{"id", info.id}, {"name", info.displayName}, {"description", info.description},
                               {"enabled", info.enabledByDefault}, {"params", info.defaults}});
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    const std::string input = p.required("input");
    const std::string outPath = p.required("out");
    std::vector<rouge::FilterRule> rules = rouge::defaultFilterRules();
    if (p.has("rules")) {
        std::string spec = p.value("rules");
        const std::size_t first = spec.find_first_not_of(" \t\r\n");
        const bool inlineJson = first != std::string::npos && (spec[first] == '{' || spec[first] == '[');
        std::string source = "--rules";
        if (!inlineJson) {
            source = spec.size() > 1 && spec[0] == '@' ? spec.substr(1) : spec;
            spec = readFileText(source);
        }
        json j;
        try {
            j = json::parse(spec);
        } catch (const json::exception &e) {
            throw Error(std::string("invalid JSON: ") + e.what(), Error::Location{source, 0, 0, -1, {}});
        }
        rules = rouge::filterRulesFromJson(j);
    }
    const rouge::RecordFilter filter(rules);
    const std::vector<Record> records = readDataset(input);
    std::vector<rouge::FilterText> texts;
    texts.reserve(records.size());
    for (const Record &r : records)
        texts.push_back(rouge::FilterText{r.instruction, r.input, r.output});
    const std::vector<rouge::FilterVerdict> verdicts = filter.checkAll(texts);

    std::ofstream out = openOutput(outPath);
    std::map<std::string, std::int64_t> perRule;
    std::int64_t rejected = 0;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        if (!verdicts[i].rejected)
            continue;
        ++rejected;
        ++perRule[verdicts[i].rule];
        out << json{{"index", i}, {"rule", verdicts[i].rule}, {"reason", verdicts[i].reason}}.dump() << '\n';
    }
    closeOutput(out, outPath);
    std::cout << "records: " << records.size() << '\n' << "rejected: " << rejected << '\n';
    for (const auto &[rule, count] : perRule)
        std::cout << "  " << rule << ": " << count << '\n';
    return 0;
}

} // namespace sft::cli
