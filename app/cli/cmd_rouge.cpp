// sftbench-cli rouge / dedup / filter: ROUGE-L of text pairs, the greedy
// near-duplicate filter and the heuristic quality rules, over dataset files.
//
//   rouge  --pairs FILE [--tokenizer rouge|cjk] [--stem]
//          FILE: one JSON object {"a": target, "b": prediction} per line; prints
//          rouge_score's ROUGE-L F of each pair as %.6f, one per line. The
//          tokenizer is rouge_score's unless --tokenizer cjk: a pair's score
//          never depends on the other pairs of the file.
//   dedup  --input FILE [--field instruction|input|output|instruction+input|first-turn|conversation]
//          [--pool FILE] [--threshold 0.7] [--tokenizer auto|rouge|cjk] [--stem] --kept OUT
//          [--compare exact|rouge_score] [--threads N] [--report FILE] [--exact-best] [--brute-force]
//          writes the 0-based indices of kept records to OUT, one per line, and
//          prints "records: N", "pool: P" (with --pool), "kept: K", "rejected: R",
//          "tokenizer: NAME (...)", "pairs scored: S", "pairs total: P" (what brute
//          force scores) and "seconds: T" (reading the files, tokenizing, dedup and
//          writing OUT). With --pool the records of FILE (e.g. the 175 seed tasks)
//          are a reference pool: never rejected, and every input record is checked
//          against the pool and the input records kept before it (Self-Instruct).
//          Fields (rouge/compared_text.h): a conversation's instruction /
//          first-turn is its first user message, output the reply to it,
//          conversation the system message and every message.
//          --tokenizer auto (the default) picks rouge or cjk from an evenly
//          spaced sample of the compared text, pool included
//          (rouge::chooseTokenizer): cjk where CJK characters make up a
//          noticeable share of the tokens, so Chinese duplicates are found
//          (rouge_score's tokenizer drops them, every Chinese pair scores 0);
//          text without CJK characters gets the same tokens under both.
//   filter --input FILE [--rules JSON|@FILE|FILE] --out OUT [--list-rules]
//          writes one JSON line {"index", "rule", "reason"} per rejected record
//          (plus "turn" for a conversation: the rules check every turn).

#include "cli/command.h"
#include "core/args.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"
#include "data/formats.h"
#include "rouge/compared_text.h"
#include "rouge/dedup.h"
#include "rouge/filters.h"
#include "rouge/score.h"
#include "rouge/tokenizer_choice.h"

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

/** The tokenizer options; with allowAuto, "auto" sets automatic (the kind is then chosen from the text). */
rouge::TokenizerOptions tokenizerOptions(const ArgParser &p, bool allowAuto, bool &automatic)
{
    rouge::TokenizerOptions opts;
    const std::string name = p.value("tokenizer");
    automatic = allowAuto && name == "auto";
    if (!automatic && !rouge::tokenizerFromName(name, opts.kind))
        throw Error(std::string("--tokenizer must be ") + (allowAuto ? "auto, rouge or cjk" : "rouge or cjk")
                    + ", not \"" + name + '"');
    opts.stem = p.isSet("stem");
    return opts;
}

/** "cjk (auto: 48.2% of the tokens of 2000 sampled texts are CJK)", or the name alone when set by hand. */
std::string tokenizerSummary(rouge::TokenizerKind kind, const rouge::TokenizerChoice *choice)
{
    std::string out = rouge::tokenizerName(kind);
    if (choice) {
        char share[32];
        std::snprintf(share, sizeof share, "%.1f%%", choice->sample.cjkShare() * 100.0);
        out += std::string(" (auto: ") + share + " of the tokens of " + std::to_string(choice->sample.texts)
            + " sampled texts are CJK)";
    }
    return out;
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

std::vector<std::string> comparedTexts(const std::vector<Record> &records, rouge::ComparedField field)
{
    std::vector<std::string> texts;
    texts.reserve(records.size());
    for (const Record &r : records)
        texts.push_back(rouge::comparedText(r, field));
    return texts;
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
    bool automatic = false;
    rouge::Tokenizer tokenizer(tokenizerOptions(p, false, automatic));
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
    p.option("input", "dataset file (Alpaca JSON, JSONL, ShareGPT, seed tasks, ...)")
        .option("field",
                "instruction, input, output, instruction+input, first-turn (the first user message: a single-turn "
                "record's instruction and input) or conversation (system message and every message)",
                "instruction")
        .option("pool", "reference pool file (e.g. the seed tasks): its records are never rejected, the input's "
                        "are checked against them and the input records kept before")
        .option("threshold", "reject when ROUGE-L F against a kept record is above this", "0.7")
        .option("tokenizer",
                "auto (rouge or cjk, chosen from a sample of the compared text), rouge (rouge_score's) or cjk (CJK "
                "characters are tokens)",
                "auto")
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
    const std::string inputPath = p.required("input");
    const std::string keptPath = p.required("kept");
    rouge::ComparedField field = rouge::ComparedField::Instruction;
    if (!rouge::comparedFieldFromName(p.value("field"), field))
        throw Error("dedup: --field must be instruction, input, output, instruction+input, first-turn or "
                    "conversation, not \"" + p.value("field") + '"');
    rouge::DedupOptions opts;
    bool automatic = false;
    opts.tokenizer = tokenizerOptions(p, true, automatic);
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
    // The pool first, then the input: one list, the pool its unconditionally kept prefix.
    std::vector<std::string> texts;
    if (p.has("pool"))
        texts = comparedTexts(readDataset(p.value("pool")), field);
    const std::size_t pool = texts.size();
    for (std::string &text : comparedTexts(readDataset(inputPath), field))
        texts.push_back(std::move(text));
    opts.poolSize = pool;
    rouge::TokenizerChoice choice;
    if (automatic) {
        choice = rouge::chooseTokenizer(texts);
        opts.tokenizer.kind = choice.kind;
    }
    const rouge::DedupResult result = rouge::greedyDedup(texts, opts);

    std::ofstream out = openOutput(keptPath);
    for (std::size_t i = pool; i < result.records.size(); ++i)
        if (result.records[i].kept)
            out << i - pool << '\n';
    closeOutput(out, keptPath);
    if (p.has("report")) {
        const std::string reportPath = p.value("report");
        std::ofstream rep = openOutput(reportPath);
        for (std::size_t i = pool; i < result.records.size(); ++i) {
            const rouge::DedupRecord &r = result.records[i];
            // nearest: an input record (its index) or, with pool_nearest, a pool record.
            const bool inPool = r.nearest >= 0 && std::size_t(r.nearest) < pool;
            json j{{"index", i - pool}, {"kept", r.kept},
                   {"nearest", r.nearest < 0 || inPool ? std::int64_t(-1) : r.nearest - std::int64_t(pool)},
                   {"score", r.bestScore}, {"tokens", r.tokens}};
            if (inPool)
                j["pool_nearest"] = r.nearest;
            rep << j.dump() << '\n';
        }
        closeOutput(rep, reportPath);
    }
    const rouge::DedupStats &st = result.stats;
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.3f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    const std::int64_t records = st.records - st.pool, kept = st.kept - st.pool;
    std::cout << "records: " << records << '\n';
    if (p.has("pool"))
        std::cout << "pool: " << st.pool << '\n';
    std::cout << "kept: " << kept << '\n'
              << "rejected: " << records - kept << '\n'
              << "tokenizer: " << tokenizerSummary(opts.tokenizer.kind, automatic ? &choice : nullptr) << '\n'
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
    // A conversation is checked turn by turn, a single-turn record as one turn.
    std::vector<std::vector<rouge::FilterTurn>> turns;
    turns.reserve(records.size());
    for (const Record &r : records)
        turns.push_back(rouge::recordTurns(r));
    const std::vector<rouge::FilterVerdict> verdicts = filter.checkAll(turns);

    std::ofstream out = openOutput(outPath);
    std::map<std::string, std::int64_t> perRule;
    std::int64_t rejected = 0;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        if (!verdicts[i].rejected)
            continue;
        ++rejected;
        ++perRule[verdicts[i].rule];
        json line{{"index", i}, {"rule", verdicts[i].rule}, {"reason", verdicts[i].reason}};
        if (verdicts[i].turn > 0)
            line["turn"] = verdicts[i].turn;
        out << line.dump() << '\n';
    }
    closeOutput(out, outPath);
    std::cout << "records: " << records.size() << '\n' << "rejected: " << rejected << '\n';
    for (const auto &[rule, count] : perRule)
        std::cout << "  " << rule << ": " << count << '\n';
    return 0;
}

} // namespace sft::cli
