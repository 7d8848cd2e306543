// sftbench-cli commands of the context-window lab: perplexity (mean loss over
// windows of several lengths of one long text, and how it changes along the
// window) and passkey (retrieval of a number hidden at a depth of a long
// prompt). Both print one JSON object per line on stdout, run a model folder
// or a fine-tuning run's result (--adapter) with the shared model options
// (device, dtype, inference-time RoPE scaling), and stop cleanly on SIGTERM /
// SIGINT after the current window or trial with {"event":"stopped"}, exit 0:
// the handlers are installed as soon as the arguments are parsed, and a stop
// that arrives while the text is tokenized or the model loads runs nothing.
// (A signal before main, while the process maps its libraries, about 0.3 s,
// still ends it the default way, exit status 143.)
//
// Tests only: SFTBENCH_TEST_HOLD=parsed|loaded makes the command wait at that
// point (right after the handlers are installed, or after the model loaded)
// until a signal arrives, saying so on stderr, so a test can deliver its
// signal there deterministically.

#include "cli/command.h"
#include "cli/model_options.h"

#include "context/passkey.h"
#include "context/passkey_prompt.h"
#include "context/perplexity.h"
#include "core/args.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/progress.h"
#include "model/language_model.h"
#include "tokenizer/model_tokenizer.h"
#ifdef SFT_HAVE_FINETUNE
#include "finetune/trainer.h"
#endif

#include <nlohmann/json.hpp>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

using nlohmann::json;

namespace sft::cli {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};
// The handler touches only these: they must be lock-free to be async-signal-safe.
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the stop flags must be lock-free atomics");

// First signal: finish the current window or trial, then stop. Second: leave now.
extern "C" void onContextSignal(int)
{
    if (g_signals.fetch_add(1) > 0)
        std::_Exit(130);
    g_stop = true;
}

void installStopHandlers()
{
    struct sigaction sa {};
    sa.sa_handler = onContextSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;   // reads of the text and the weights go on after the signal
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
}

/** Tests only (see the top of the file): wait here for a signal when SFTBENCH_TEST_HOLD names this point. */
void holdForTest(const char *point)
{
    const char *hold = std::getenv("SFTBENCH_TEST_HOLD");
    if (!hold || std::string(hold) != point)
        return;
    std::cerr << "held at " << point << " until a signal" << std::endl;
    for (int i = 0; i < 12000 && !g_stop; ++i)   // two minutes at most
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// A window whose attention scores take more than this gets a warning first.
constexpr double kAttentionWarningBytes = 4.0 * 1024 * 1024 * 1024;

void emit(const json &j)
{
    std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
}

/** A stop was asked for: say so. The commands then return 0. */
int stopped()
{
    emit({{"event", "stopped"}});
    return 0;
}

/** Before the windows of a length whose attention would take more than kAttentionWarningBytes. */
void warnAboutAttention(const model::ModelConfig &c, std::int64_t length)
{
    const double bytes = context::eagerAttentionBytes(c.numHeads, length);
    if (bytes <= kAttentionWarningBytes)
        return;
    std::ostringstream m;
    m.precision(3);
    m << "windows of " << length << " tokens: the attention of one layer holds about " << bytes / 1e9
      << " GB (" << c.numHeads << " heads x " << length << "^2 scores in fp32, about three copies); the "
      << "measurement may run out of memory";
    emit({{"event", "warning"}, {"length", length}, {"message", m.str()}});
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/** The comma-separated items of an option, each parsed by convert (which throws on a bad one). */
template <typename T, typename Convert>
std::vector<T> parseList(const std::string &option, const std::string &text, Convert convert)
{
    std::vector<T> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto b = item.find_first_not_of(" \t");
        if (b == std::string::npos)
            throw Error("--" + option + ": empty item in \"" + text + "\"");
        item = item.substr(b, item.find_last_not_of(" \t") + 1 - b);
        std::size_t used = 0;
        T value{};
        try {
            value = convert(item, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used != item.size())
            throw Error("--" + option + ": \"" + item + "\" is not a number");
        out.push_back(value);
    }
    if (out.empty())
        throw Error("--" + option + " needs at least one value");
    return out;
}

std::vector<std::int64_t> parseLengths(const ArgParser &p)
{
    const auto lengths = parseList<std::int64_t>("lengths", p.required("lengths"),
                                                 [](const std::string &s, std::size_t *used) {
                                                     return static_cast<std::int64_t>(std::stoll(s, used));
                                                 });
    for (std::int64_t l : lengths)
        if (l < 2)
            throw Error("--lengths: every length must be at least 2 tokens (got " + std::to_string(l) + ")");
    return lengths;
}

/** The model a command measures; baseModel: the run's base model folder with --adapter, else empty. */
struct LoadedModel
{
    std::unique_ptr<model::LanguageModel> lm;
    std::string baseModel;
};

/**
 * --model, or --adapter's run on its base model. A run applies to the model it was trained
 * on, and the tokenizer comes from --model, so --model must be that model (compared as
 * canonical paths): refused otherwise.
 */
LoadedModel loadModel(const ArgParser &p, const std::string &modelDir)
{
    const model::LoadOptions options = modelLoadOptions(p);
    LoadedModel out;
    if (p.has("adapter") && !p.value("adapter").empty()) {
#ifdef SFT_HAVE_FINETUNE
        finetune::RunModel run = finetune::loadRunModel(p.value("adapter"), options);
        namespace fs = std::filesystem;
        std::error_code e1, e2;
        const fs::path model = fs::weakly_canonical(fs::absolute(modelDir), e1);
        const fs::path base = fs::weakly_canonical(fs::absolute(run.config.baseModel), e2);
        if (e1 || e2 || model != base)
            throw Error("--model " + modelDir + " is not the base model of the run " + p.value("adapter") + " ("
                        + run.config.baseModel + "): a run's weights apply to the model it was trained on, and the "
                        + "tokenizer comes from --model; give --model " + run.config.baseModel);
        out.lm = std::move(run.model);
        out.baseModel = run.config.baseModel;
        return out;
#else
        throw Error("this build has no fine-tuning engine: --adapter is not available");
#endif
    }
    out.lm = model::LanguageModel::load(modelDir, options);
    return out;
}

void declareCommon(ArgParser &p)
{
    p.option("model", "model folder (config.json, *.safetensors, tokenizer.json)");
#ifdef SFT_HAVE_FINETUNE
    p.option("adapter", "a fine-tuning run folder (or its final/ or a checkpoint): measure its result (the run's "
                        "RoPE factor applies unless --rope-scaling overrides it); --model must be the run's base "
                        "model");
#endif
    addModelOptions(p);
}

json adapterJson(const ArgParser &p)
{
    return p.has("adapter") && !p.value("adapter").empty() ? json(p.value("adapter")) : json(nullptr);
}

json baseModelJson(const LoadedModel &m)
{
    return m.baseModel.empty() ? json(nullptr) : json(m.baseModel);
}

const char *positionEncodingName(const model::ModelConfig &c)
{
    return c.positionEncoding == model::PositionEncoding::Alibi ? "alibi" : "rope";
}

json ropeScalingOf(const model::ModelConfig &c)
{
    if (c.positionEncoding == model::PositionEncoding::Alibi)
        return nullptr;
    return ropeScalingJson(c.ropeScaling);
}

/**
 * Both commands once their arguments and text are checked: the model loads between two stop
 * checks (and the "loaded" test hold). An empty lm: a stop came first, and the command returns
 * stopped() without loading or measuring anything.
 */
LoadedModel loadUnlessStopped(const ArgParser &p, const std::string &modelDir)
{
    if (g_stop)
        return {};
    LoadedModel loaded = loadModel(p, modelDir);
    holdForTest("loaded");
    if (g_stop)
        return {};
    return loaded;
}

/** The fields of the "start" event both commands share; each adds its own settings. */
json startEvent(const ArgParser &p, const std::string &modelDir, const LoadedModel &loaded)
{
    const model::ModelConfig &config = loaded.lm->config();
    return {{"event", "start"},
            {"model", modelDir},
            {"adapter", adapterJson(p)},
            {"base_model", baseModelJson(loaded)},
            {"max_positions", config.maxPositions},
            {"rope_scaling", ropeScalingOf(config)}};
}

} // namespace


int runPerplexity(const Args &args)
{
    ArgParser p("perplexity");
    declareCommon(p);
    p.option("text", "a long plain-text file (UTF-8), tokenized whole")
        .option("lengths", "window lengths in tokens, comma-separated (e.g. 256,512,1024); lengths beyond the "
                           "model's max_position_embeddings are allowed")
        .option("stride", "tokens between window starts; below the length: strided evaluation (the first window "
                          "scores its length - 1 tokens, each later one only its last S, the tokens no earlier window "
                          "scored; default: non-overlapping windows)")
        .option("max-windows", "at most this many windows per length (0 = all the text holds)", "0")
        .flag("add-bos", "start every window with the tokenizer's beginning-of-sequence token (a window then holds "
                         "length - 1 text tokens, and a stride of the length becomes length - 1)");
    p.parse(args);
    installStopHandlers();
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nWindows start every stride text tokens as in Hugging Face's perplexity loop: the first scores\n"
                     "length - 1 tokens, each later one stride tokens (with a small --max-windows the first weighs\n"
                     "most), and when the text does not end with a full window one last shorter window scores the\n"
                     "rest, as HF's does.\n"
                     "Output: JSON lines start (\"strides\": the stride each length uses), progress (after each window,\n"
                     "at most about 200 per length), warning (before a length whose attention needs more than 4 GiB),\n"
                     "length (nll, perplexity, the stride, and the mean loss per position bucket of\n"
                     "max(1, ceil(length/512)) positions; null where nothing was scored), done. SIGTERM / SIGINT:\n"
                     "stop after the current window (or before the first), print {\"event\":\"stopped\"}, exit 0.\n";
        return 0;
    }
    holdForTest("parsed");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string modelDir = p.required("model");
    const std::string textFile = p.required("text");
    const std::vector<std::int64_t> lengths = parseLengths(p);
    std::int64_t stride = 0;
    if (p.has("stride")) {
        stride = p.integer("stride");
        if (stride < 1)
            throw Error("--stride must be at least 1");
        for (std::int64_t l : lengths)
            if (stride > l)
                throw Error("--stride " + std::to_string(stride) + " is longer than the window length "
                            + std::to_string(l) + " (it would skip tokens)");
    }
    const std::int64_t maxWindows = p.integer("max-windows");
    if (maxWindows < 0)
        throw Error("--max-windows must be >= 0");
    const bool addBos = p.isSet("add-bos");

    const Tokenizer tokenizer = loadModelTokenizer(modelDir, "model").tokenizer;
    std::vector<std::int64_t> ids;
    {
        const std::vector<std::int32_t> encoded = tokenizer.encode(readFileText(textFile, "cannot open the text"), false);
        ids.assign(encoded.begin(), encoded.end());
    }
    if (addBos && tokenizer.bosId() < 0)
        throw Error("--add-bos: the model's tokenizer has no beginning-of-sequence token");
    const auto textTokens = static_cast<std::int64_t>(ids.size());
    std::vector<std::int64_t> strides;   // the stride each length uses (clamped to its window's text tokens)
    for (std::int64_t l : lengths) {     // every length must fit the text before the model loads
        if (textTokens < (addBos ? l - 1 : l))
            throw Error("--lengths " + std::to_string(l) + ": the text " + textFile + " has "
                        + std::to_string(textTokens) + " tokens, fewer than one window of " + std::to_string(l)
                        + (addBos ? " (" + std::to_string(l - 1) + " text tokens after the BOS token)" : std::string())
                        + "; use a longer text or a shorter length");
        strides.push_back(context::planWindows(textTokens, l, stride, addBos, 1).stride);
    }

    const LoadedModel loaded = loadUnlessStopped(p, modelDir);
    if (!loaded.lm)
        return stopped();
    model::LanguageModel &lm = *loaded.lm;
    const model::ModelConfig &config = lm.config();
    json start = startEvent(p, modelDir, loaded);
    start["text_tokens"] = textTokens;
    start["lengths"] = lengths;
    start["stride"] = p.has("stride") ? json(stride) : json(nullptr);
    start["strides"] = strides;
    start["add_bos"] = addBos;
    start["position_encoding"] = positionEncodingName(config);
    emit(start);

    for (std::size_t li = 0; li < lengths.size(); ++li) {
        const std::int64_t length = lengths[li];
        warnAboutAttention(config, length);
        context::PerplexityOptions o;
        o.length = length;
        o.stride = stride;
        o.maxWindows = maxWindows;
        o.addBos = addBos;
        o.bosId = tokenizer.bosId();
        o.shouldStop = [] { return g_stop.load(); };
        context::PerplexityResult r;
        try {
            r = context::measurePerplexity(lm, ids, o, [length](std::int64_t done, std::int64_t total) {
                // About 200 lines per length at most: a stride of 1 over a long text has a window per token.
                const std::int64_t every = std::max<std::int64_t>(1, (total + 199) / 200);
                if (done % every == 0 || done == total)
                    emit({{"event", "progress"}, {"length", length}, {"window", done}, {"windows", total}});
                return !g_stop.load();
            });
        } catch (const Cancelled &) {
            return stopped();
        }
        json curve = json::array();
        for (double v : r.positionLoss)
            curve.push_back(std::isfinite(v) ? json(v) : json(nullptr));
        emit({{"event", "length"},
              {"length", r.length},
              {"stride", strides[li]},
              {"windows", r.windows},
              {"tokens", r.tokens},
              {"nll", r.nll},
              {"perplexity", r.perplexity},
              {"position_bucket", r.positionBucket},
              {"position_loss", curve},
              {"seconds", r.seconds}});
    }
    emit({{"event", "done"}, {"seconds", secondsSince(t0)}});
    return 0;
}

int runPasskey(const Args &args)
{
    ArgParser p("passkey");
    declareCommon(p);
    p.option("lengths", "prompt lengths in tokens, comma-separated (e.g. 256,512); beyond max_position_embeddings "
                        "is allowed")
        .option("depths", "where the key sits among the filler sentences, comma-separated fractions in [0, 1]",
                "0,0.25,0.5,0.75,1")
        .option("trials", "trials per (length, depth), each with its own key", "5")
        .option("seed", "seed of the keys (nothing else is random)", "0")
        .option("digits", "digits of a key (3 to 18)", "5");
    p.parse(args);
    installStopHandlers();
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nEach prompt fills the length with our filler sentences, states \"The pass key is K. Remember\n"
                     "it. K is the pass key.\" at the depth and ends with \"What is the pass key? The pass key is\";\n"
                     "the greedy answer (at most 2 x digits + 4 tokens, after the length: the model sees a few\n"
                     "positions beyond it) is correct when its first number is K (\"482130\" is not 48213).\n"
                     "Output: JSON lines start, warning (before a length whose attention needs more than 4 GiB),\n"
                     "trial, cell (accuracy per length and depth), done. SIGTERM / SIGINT: stop after the current\n"
                     "trial (or before the first), print {\"event\":\"stopped\"}, exit 0.\n";
        return 0;
    }
    holdForTest("parsed");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string modelDir = p.required("model");
    const std::vector<std::int64_t> lengths = parseLengths(p);
    const std::vector<double> depths = parseList<double>("depths", p.value("depths"),
                                                         [](const std::string &s, std::size_t *used) {
                                                             return std::stod(s, used);
                                                         });
    for (double d : depths)
        if (!(d >= 0.0 && d <= 1.0))
            throw Error("--depths: every depth must be between 0 and 1 (got " + std::to_string(d) + ")");
    const std::int64_t trials = p.integer("trials");
    if (trials < 1)
        throw Error("--trials must be at least 1");
    const long long seedValue = p.integer("seed");
    if (seedValue < 0)
        throw Error("--seed must be >= 0");
    const auto seed = static_cast<std::uint64_t>(seedValue);
    const long long digits = p.integer("digits");
    if (digits < 3 || digits > 18)
        throw Error("--digits must be between 3 and 18 (fewer digits are too easy to guess)");

    const Tokenizer tokenizer = loadModelTokenizer(modelDir, "model").tokenizer;
    // Every length must hold the prompt without filler for each key it will ask (how many tokens
    // a key takes depends on its digits) before the model loads.
    const context::TokenCounter count = [&tokenizer](const std::string &text) {
        return static_cast<std::int64_t>(tokenizer.encode(text, true).size());
    };
    for (std::int64_t l : lengths)
        for (double depth : depths)
            for (std::int64_t i = 1; i <= trials; ++i) {
                const std::string key = context::passkeyKey(seed, l, depth, i, static_cast<int>(digits));
                const std::int64_t minimum = context::passkeyMinimumTokens(key, count);
                if (l < minimum)
                    throw Error("--lengths: " + std::to_string(l) + " tokens cannot hold a passkey prompt (it needs "
                                + "at least " + std::to_string(minimum) + " with the key " + key + ")");
            }

    const LoadedModel loaded = loadUnlessStopped(p, modelDir);
    if (!loaded.lm)
        return stopped();
    model::LanguageModel &lm = *loaded.lm;
    const model::ModelConfig &config = lm.config();
    json start = startEvent(p, modelDir, loaded);
    start["lengths"] = lengths;
    start["depths"] = depths;
    start["trials"] = trials;
    start["seed"] = seed;
    start["digits"] = digits;
    emit(start);

    const context::PasskeyGenerator greedy = context::passkeyGreedyGenerator(lm, tokenizer, static_cast<int>(digits));
    std::int64_t correctAll = 0, trialsAll = 0;
    for (std::int64_t length : lengths) {
        warnAboutAttention(config, length + context::passkeyAnswerTokens(static_cast<int>(digits)));
        for (double depth : depths) {
            std::int64_t correct = 0;
            for (std::int64_t i = 1; i <= trials; ++i) {
                if (g_stop)
                    return stopped();
                context::PasskeyTrialSpec spec;
                spec.length = length;
                spec.depth = depth;
                spec.trial = i;
                spec.seed = seed;
                spec.digits = static_cast<int>(digits);
                const context::PasskeyTrialResult r = context::runPasskeyTrial(tokenizer, spec, greedy);
                correct += r.correct ? 1 : 0;
                emit({{"event", "trial"},
                      {"length", length},
                      {"depth", depth},
                      {"trial", i},
                      {"key", r.key},
                      {"answer", r.answer},
                      {"correct", r.correct},
                      {"prompt_tokens", r.promptTokens}});
            }
            correctAll += correct;
            trialsAll += trials;
            emit({{"event", "cell"},
                  {"length", length},
                  {"depth", depth},
                  {"correct", correct},
                  {"trials", trials},
                  {"accuracy", static_cast<double>(correct) / static_cast<double>(trials)}});
        }
    }
    emit({{"event", "done"},
          {"accuracy", trialsAll > 0 ? static_cast<double>(correctAll) / static_cast<double>(trialsAll) : 0.0},
          {"seconds", secondsSince(t0)}});
    return 0;
}

} // namespace sft::cli
