// sftbench-cli commands of prompt learning: score (answer search over a
// verbalizer's answers for each input, optional contextual calibration,
// accuracy / macro-F1 / confusion) and icl (in-context learning with k demos
// in several orders, reporting the accuracy spread). Output is one JSON
// object per line; the GUI parses these keys.

#include "cli/command.h"
#include "cli/model_options.h"

#include "core/args.h"
#include "core/error.h"
#include "model/language_model.h"
#include "scoring/answer_scorer.h"
#include "scoring/demo_selection.h"
#include "scoring/icl_runner.h"
#include "scoring/metrics.h"
#include "scoring/scoring_data.h"
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::cli {

namespace {

std::string line(const json &j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

/** Options both commands take. */
void commonOptions(ArgParser &p)
{
    p.option("model", "model folder (config.json, *.safetensors, tokenizer.json)")
        .option("answers", "answers file: {\"labels\": [{\"name\": L, \"answers\": [z, ...]}, ...]}")
        .option("normalize", "answer score: sum (summed logprob) or mean (per token)", "sum")
        .option("aggregate", "label score from its answers: max, sumprob or mean", "max")
        .option("label-field", "field holding the gold label (Alpaca records: output)", "label")
        .option("text-field", "field holding the input [X] (Alpaca records: instruction + input)", "text")
        .flag("calibrate", "contextual calibration with the content-free inputs N/A, \"\", [MASK]");
    addModelOptions(p);
}

/** "\n", "\t" and "\\" in a command-line text become a newline, a tab and a backslash. */
std::string unescape(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[i + 1];
            if (c == 'n' || c == 't' || c == '\\') {
                out += c == 'n' ? '\n' : c == 't' ? '\t' : '\\';
                ++i;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

scoring::ScoringOptions scoringOptions(const ArgParser &p)
{
    scoring::ScoringOptions o;
    const std::string norm = p.value("normalize"), agg = p.value("aggregate");
    if (norm != "sum" && norm != "mean")
        throw Error("expected sum or mean, got \"" + norm + "\"", {{}, 0, 0, -1, "normalize"});
    o.lengthNormalize = norm == "mean";
    if (agg == "max")
        o.aggregation = prompt::LabelAggregation::Max;
    else if (agg == "sumprob")
        o.aggregation = prompt::LabelAggregation::SumProb;
    else if (agg == "mean")
        o.aggregation = prompt::LabelAggregation::Mean;
    else
        throw Error("expected max, sumprob or mean, got \"" + agg + "\"", {{}, 0, 0, -1, "aggregate"});
    return o;
}

struct Loaded
{
    std::unique_ptr<model::LanguageModel> model;
    Tokenizer tokenizer;
};

Loaded loadModel(const ArgParser &p)
{
    const std::string dir = p.required("model");
    Loaded l;
    const model::LoadOptions o = modelLoadOptions(p);
    l.tokenizer = loadModelTokenizer(dir).tokenizer;
    l.model = model::LanguageModel::load(dir, o);
    return l;
}

json labelNames(const prompt::Verbalizer &v)
{
    json names = json::array();
    for (const auto &l : v.labels())
        names.push_back(l.name);
    return names;
}

json optionalNumber(const std::optional<double> &v) { return v ? json(*v) : json(nullptr); }

/** The per-input line shared by score and icl --details. */
json exampleLine(std::size_t index, const scoring::Example &ex, const prompt::Verbalizer &v,
                 const scoring::InputScores &s, const std::vector<double> &probs, bool calibrated, int predicted)
{
    json answers = json::array();
    for (const auto &a : s.answers)
        answers.push_back({{"answer", a.answer}, {"logprob", a.logprob}, {"tokens", a.tokens}, {"score", a.score}});
    json labels = json::array();
    for (std::size_t l = 0; l < v.labels().size(); ++l) {
        json o = {{"label", v.labels()[l].name}, {"score", s.labelScores[l]}, {"prob", probs[l]}};
        if (calibrated)
            o["raw_prob"] = s.probs[l];
        labels.push_back(std::move(o));
    }
    const bool hasGold = ex.gold >= 0;
    return {{"index", index},
            {"text", ex.text},
            {"answers", std::move(answers)},
            {"labels", std::move(labels)},
            {"predicted", v.labels()[std::size_t(predicted)].name},
            {"gold", hasGold ? json(v.labels()[std::size_t(ex.gold)].name) : json(nullptr)},
            {"correct", hasGold ? json(ex.gold == predicted) : json(nullptr)}};
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int runScore(const Args &args)
{
    ArgParser p("score");
    commonOptions(p);
    p.option("template", "prompt template with [X], [Z] and named slots, e.g. \"[X] 我感到 [Z]\" (\\n = newline)")
        .option("input", "inputs: JSON lines or Alpaca JSON");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const prompt::Template tmpl = prompt::Template::parse(unescape(p.required("template")));
    if (!tmpl.hasAnswerSlot())
        throw Error("the template has no answer slot [Z]", {{}, 0, 0, -1, "template"});
    const prompt::Verbalizer verbalizer = scoring::readVerbalizer(p.required("answers"));
    const auto examples = scoring::readExamples(p.required("input"), verbalizer,
                                                {p.value("text-field"), p.value("label-field")});
    Loaded loaded = loadModel(p);
    const scoring::AnswerScorer scorer(*loaded.model, loaded.tokenizer, verbalizer, scoringOptions(p));

    const bool calibrate = p.isSet("calibrate");
    prompt::ContextualCalibration calibration = prompt::ContextualCalibration::identity(verbalizer.labels().size());
    if (calibrate) {
        calibration = scorer.calibrate(tmpl);
        std::cout << line({{"calibration", {{"labels", labelNames(verbalizer)}, {"prior", calibration.prior()}}}})
                  << '\n'
                  << std::flush;
    }
    std::vector<int> gold, predicted;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const scoring::Example &ex = examples[i];
        scoring::InputScores s;
        try {
            s = scorer.score(tmpl, ex.text, ex.fields);
        } catch (const Error &e) {
            throw Error(e.message(), {p.value("input"), ex.line, 0, std::int64_t(i), e.where().field});
        }
        const std::vector<double> probs = calibrate ? calibration.apply(s.probs) : s.probs;
        const int pred = scoring::argmax(probs);
        gold.push_back(ex.gold);
        predicted.push_back(pred);
        std::cout << line(exampleLine(i, ex, verbalizer, s, probs, calibrate, pred)) << '\n' << std::flush;
    }
    const auto m = scoring::classificationMetrics(gold, predicted, verbalizer.labels().size());
    std::cout << line({{"summary",
                        {{"count", examples.size()},
                         {"labels", labelNames(verbalizer)},
                         {"accuracy", optionalNumber(m.accuracy)},
                         {"macro_f1", optionalNumber(m.macroF1)},
                         {"confusion", m.confusion},
                         {"seconds", secondsSince(t0)}}}})
              << '\n';
    return 0;
}

int runIcl(const Args &args)
{
    ArgParser p("icl");
    commonOptions(p);
    p.option("demos", "demonstrations: JSON lines or Alpaca JSON")
        .option("test", "test examples: JSON lines or Alpaca JSON")
        .option("format", "demo format with [X] and [Z] (\\n = newline)", "Input: [X]\\nOutput: [Z]")
        .option("separator", "text between header, demos and the test input (\\n = newline)", "\\n\\n")
        .option("header", "instruction before the demos (\\n = newline)")
        .option("k", "comma-separated demo counts", "0,1,2,4")
        .option("orders", "demo orders per k (seeded permutations)", "3")
        .option("select", "random, rouge (ROUGE-L nearest neighbours of each test input) or manual", "random")
        .option("demo-indices", "demo indices for --select manual, e.g. 0,3,5")
        .option("rouge-tokenizer", "word tokenizer of --select rouge: cjk or rouge", "cjk")
        .option("seed", "seed of random demos and orders", "0")
        .flag("details", "also print one line per test example and run");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    scoring::IclOptions o;
    o.format.format = unescape(p.value("format"));
    o.format.separator = unescape(p.value("separator"));
    o.format.header = unescape(p.value("header"));
    o.ks = scoring::parseIndexList(p.value("k"), "k");
    const long long orders = p.integer("orders");
    if (orders < 1)
        throw Error("expected at least 1", {{}, 0, 0, -1, "orders"});
    o.orders = std::size_t(orders);
    if (!scoring::demoSelectionFromName(p.value("select"), o.selection))
        throw Error("expected random, rouge or manual, got \"" + p.value("select") + "\"", {{}, 0, 0, -1, "select"});
    if (o.selection == scoring::DemoSelection::Manual) {
        o.manualIndices = scoring::parseIndexList(p.required("demo-indices"), "demo-indices");
        if (!p.has("k"))
            o.ks = {o.manualIndices.size()};
    }
    if (!rouge::tokenizerFromName(p.value("rouge-tokenizer"), o.rougeTokenizer.kind))
        throw Error("expected cjk or rouge", {{}, 0, 0, -1, "rouge-tokenizer"});
    o.seed = static_cast<std::uint64_t>(p.integer("seed"));
    o.calibrate = p.isSet("calibrate");
    const bool details = p.isSet("details");

    const prompt::Verbalizer verbalizer = scoring::readVerbalizer(p.required("answers"));
    const scoring::ExampleFields fields{p.value("text-field"), p.value("label-field")};
    const auto demos = scoring::readExamples(p.required("demos"), verbalizer, fields);
    const auto tests = scoring::readExamples(p.required("test"), verbalizer, fields);
    Loaded loaded = loadModel(p);
    const scoring::AnswerScorer scorer(*loaded.model, loaded.tokenizer, verbalizer, scoringOptions(p));
    const std::int64_t maxPositions = loaded.model->config().maxPositions;

    scoring::IclCallbacks cb;
    if (details)
        cb.onExample = [&](const scoring::IclExampleResult &r) {
            json j = exampleLine(r.test, tests[r.test], verbalizer, r.scores, r.probs, o.calibrate, r.predicted);
            j["k"] = r.k;
            j["order"] = r.order;
            j["demos"] = r.demos;
            std::cout << line(j) << '\n' << std::flush;
        };
    cb.onRun = [&](const scoring::IclRunResult &r) {
        const bool over = r.promptTokensMax > maxPositions;
        if (over)
            std::cerr << "warning: k=" << r.k << " order " << r.order << ": a prompt has " << r.promptTokensMax
                      << " tokens, more than the model's context length (" << maxPositions
                      << ": max_position_embeddings, or what the RoPE scaling stretches it to)\n";
        std::cout << line({{"k", r.k},
                           {"order", r.order},
                           {"demos", r.demos},
                           {"accuracy", optionalNumber(r.metrics.accuracy)},
                           {"macro_f1", optionalNumber(r.metrics.macroF1)},
                           {"prompt_tokens_max", r.promptTokensMax},
                           {"over_max_positions", over}})
                  << '\n'
                  << std::flush;
    };
    cb.onK = [&](const scoring::IclKSummary &s) {
        const bool any = s.accuracy.count > 0;
        auto v = [&](double x) { return any ? json(x) : json(nullptr); };
        std::cout << line({{"k", s.k},
                           {"mean", v(s.accuracy.mean)},
                           {"min", v(s.accuracy.min)},
                           {"max", v(s.accuracy.max)},
                           {"std", v(s.accuracy.std)},
                           {"runs", s.runs}})
                  << '\n'
                  << std::flush;
    };
    const scoring::IclResult result = scoring::runIcl(scorer, demos, tests, o, cb);

    json best = nullptr;
    for (const auto &s : result.perK)
        if (s.accuracy.count > 0 && (best.is_null() || s.accuracy.mean > best["mean"].get<double>()))
            best = {{"k", s.k}, {"mean", s.accuracy.mean}};
    std::int64_t longest = 0;
    for (const auto &r : result.runs)
        longest = std::max(longest, r.promptTokensMax);
    // How many test examples have a gold label: every run's accuracy is over these only.
    std::size_t withGold = 0;
    for (const auto &t : tests)
        withGold += t.gold >= 0;
    std::cout << line({{"summary",
                        {{"test_count", tests.size()},
                         {"test_with_gold", withGold},
                         {"demo_count", demos.size()},
                         {"labels", labelNames(verbalizer)},
                         {"ks", o.ks},
                         {"orders", o.orders},
                         {"select", p.value("select")},
                         {"calibrated", o.calibrate},
                         {"runs", result.runs.size()},
                         {"best", best},
                         {"prompt_tokens_max", longest},
                         {"max_position_embeddings", maxPositions},
                         {"seconds", secondsSince(t0)}}}})
              << '\n';
    return 0;
}

} // namespace sft::cli
