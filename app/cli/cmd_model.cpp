// sftbench-cli commands of the model engine: init-model (write the demo
// model), generate (stream text from a prompt, through the same
// EngineCompletion as `serve`) and logprobs (per-token
// log-probabilities of continuations, one JSON object per input line). With a
// prompt format, the prompt is a user message rendered by the same
// PromptFormatter the trainer uses (for "chat": the model's own Jinja
// template with the generation prompt, tokenized without special tokens as
// transformers does).

#include "cli/command.h"
#include "cli/model_options.h"

#include "core/args.h"
#include "core/error.h"
#include "core/json.h"
#include "model/demo_model.h"
#include "model/language_model.h"
#include "serve/engine_completion.h"
#ifdef SFT_HAVE_FINETUNE
#include "finetune/sft_dataset.h"
#include "finetune/trainer.h"
#endif
#include "tokenizer/model_tokenizer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::cli {

namespace {

std::string jsonLine(const json &j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::int64_t> toIds(const std::vector<std::int32_t> &v) { return {v.begin(), v.end()}; }

/** Take every "--name V" / "--name=V" out of args (ArgParser keeps one value per option). */
std::vector<std::string> takeRepeated(Args &args, const std::string &name)
{
    std::vector<std::string> values;
    Args rest;
    const std::string flag = "--" + name, prefix = flag + "=";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == flag) {
            if (i + 1 >= args.size())
                throw Error("option " + flag + " needs a value");
            values.push_back(args[++i]);
        } else if (args[i].rfind(prefix, 0) == 0) {
            values.push_back(args[i].substr(prefix.size()));
        } else {
            rest.push_back(args[i]);
        }
    }
    args = std::move(rest);
    return values;
}

} // namespace

int runInitModel(const Args &args)
{
    ArgParser p("init-model");
    p.option("preset", "tiny (~1-1.8M parameters, by vocabulary), small100m (~100M, for benchmarks) or llama1b "
                       "(TinyLlama-1.1B's shape, 1.1B, for GPU benchmarks; 4.4 GB)", "tiny")
        .option("out", "output folder (created)")
        .option("corpus", "text to train the tokenizer on: Alpaca .json, .jsonl or plain text "
                          "(default: the embedded demo dataset)")
        .option("seed", "random seed of the weights", "0")
        .option("position", "rope (a LLaMA-style model) or alibi (a BLOOM model: ALiBi, LayerNorm, GELU)", "rope")
#ifdef SFT_HAVE_FINETUNE
        .option("pretrain-steps", "then pre-train every weight for this many steps on the corpus as plain text "
                                  "(next-token loss on all tokens), so the demo model is not pure noise", "0")
#endif
        ;
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    model::DemoModelOptions o;
    o.preset = p.value("preset");
    o.outDir = p.required("out");
    o.corpusFile = p.value("corpus");
    o.seed = static_cast<std::uint64_t>(p.integer("seed"));
    o.position = p.value("position");
    const auto info = model::writeDemoModel(o);
#ifdef SFT_HAVE_FINETUNE
    const std::int64_t pretrainSteps = p.integer("pretrain-steps");
    if (pretrainSteps < 0)
        throw Error("--pretrain-steps must be >= 0");
    if (pretrainSteps > 0) {
        // A full fine-tuning run in a scratch folder with the plain-text format, then keep its weights.
        const fs::path run = fs::path(o.outDir) / ".pretrain";
        fs::remove_all(run);
        fs::create_directories(run);
        std::string corpus = o.corpusFile;
        if (corpus.empty()) {
            corpus = (run / "corpus.json").string();
            std::ofstream(corpus, std::ios::binary) << model::embeddedDemoCorpus();
        }
        const json cfg = {{"name", "demo model pre-training"},
                          {"base_model", fs::absolute(o.outDir).string()},
                          {"train_data", fs::absolute(corpus).string()},
                          {"prompt_format", "text"},
                          {"method", "full"},
                          {"packing", true},
                          {"max_length", 256},
                          {"learning_rate", 3e-3},
                          {"max_steps", pretrainSteps},
                          {"warmup_steps", std::min<std::int64_t>(10, pretrainSteps / 4)},
                          {"batch_size", 4},
                          {"eval_fraction", 0.0},
                          {"save_every", 0},
                          {"device", "cpu"},
                          {"precision", "fp32"},
                          {"seed", o.seed}};
        std::ofstream(run / "config.json") << cfg.dump(2) << '\n';
        finetune::TrainRunOptions t;
        t.runDir = run.string();
        t.echoStdout = false;
        if (finetune::runTraining(t) != finetune::TrainOk)
            throw Error("pre-training the demo model diverged; see " + (run / "events.jsonl").string());
        fs::copy_file(run / "final" / "model.safetensors", fs::path(o.outDir) / "model.safetensors",
                      fs::copy_options::overwrite_existing);
        fs::remove_all(run);
        std::cout << "pre-trained for " << pretrainSteps << " steps on the corpus\n";
    }
#endif
    std::cout << "wrote " << o.preset << (o.position == "alibi" ? " BLOOM (ALiBi)" : "") << " model to " << o.outDir
              << ": " << info.parameters << " parameters, vocab "
              << info.config.vocabSize << " (tokenizer " << info.tokenizerVocab << "), "
              << info.config.numLayers << " layers, hidden " << info.config.hiddenSize
              << (p.has("pretrain-steps") && p.integer("pretrain-steps") > 0 ? "\n" : " (random weights: untrained)\n");
    return 0;
}

int runGenerate(const Args &rawArgs)
{
    Args args = rawArgs;
    const std::vector<std::string> stops = takeRepeated(args, "stop");
    ArgParser p("generate");
    p.option("model", "model folder (config.json, *.safetensors, tokenizer.json)")
        .option("prompt", "prompt text")
        .option("max-new-tokens", "tokens to generate at most (default: generation_config or 128)")
        .option("temperature", "0 = greedy (default: generation_config's, else greedy)")
        .option("top-k", "keep the k most likely tokens (0 = off)")
        .option("top-p", "nucleus sampling mass (1 = off)")
        .option("repetition-penalty", "> 1 discourages repeats (1 = off)")
        .option("stop", "stop string (repeatable)")
        .option("seed", "sampling seed", "0")
#ifdef SFT_HAVE_FINETUNE
        .option("adapter", "a fine-tuning run folder (or its final/ or a checkpoint): generate with its result")
        .option("prompt-format", "wrap the prompt as a user message: alpaca, chatml, llama2, llama3 or chat (the "
                                 "model's own chat template, with the generation prompt); default with --adapter: "
                                 "the run's, else none (raw text)")
#endif
        .flag("json", "stream JSON lines instead of text");
    addModelOptions(p);
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    serve::EngineOptions eo;
    eo.modelDir = p.required("model");
    const model::LoadOptions load = modelLoadOptions(p);
    eo.device = load.device;
    eo.dtype = load.dtype;
    eo.ropeScaling = load.ropeScaling;
    std::string prompt = p.required("prompt");
#ifdef SFT_HAVE_FINETUNE
    eo.adapter = p.value("adapter");
#endif
    serve::EngineCompletion engine(eo);
#ifdef SFT_HAVE_FINETUNE
    bool addSpecialTokens = true;
    const std::string format = p.has("prompt-format") ? p.value("prompt-format") : engine.adapterPromptFormat();
    if (!format.empty() && format != "none") {
        const finetune::PromptFormatter formatter(format, eo.modelDir);
        prompt = formatter.renderPrompt(prompt);
        addSpecialTokens = formatter.addSpecialTokens();
    }
#else
    const bool addSpecialTokens = true;
#endif

    // Settings left out take generation_config.json's, in the engine (the server does the same).
    serve::GenerateSettings s;
    if (p.has("max-new-tokens"))
        s.maxTokens = p.integer("max-new-tokens");
    if (p.has("temperature"))
        s.temperature = p.number("temperature");
    if (p.has("top-k"))
        s.topK = p.integer("top-k");
    if (p.has("top-p"))
        s.topP = p.number("top-p");
    if (p.has("repetition-penalty"))
        s.repetitionPenalty = p.number("repetition-penalty");
    s.seed = static_cast<std::uint64_t>(p.integer("seed"));
    s.stop = stops;
    if (s.maxTokens && *s.maxTokens < 0)
        throw Error("--max-new-tokens must be >= 0");
    const bool asJson = p.isSet("json");
    auto onText = [&](const std::string &piece) {
        if (asJson)
            std::cout << jsonLine({{"text", piece}}) << '\n';
        else
            std::cout << piece;
        std::cout.flush();
        return true;
    };

    const std::vector<std::int64_t> ids = engine.encode(prompt, addSpecialTokens);
    const auto r = engine.generate(ids, s, onText);
    if (asJson) {
        json done = {{"done", true},
                     {"finish_reason", r.finishReason},
                     {"text", r.text},
                     {"prompt_tokens", r.promptTokens},
                     {"generated_tokens", r.completionTokens},
                     {"token_ids", r.tokens},
                     {"prompt_seconds", r.promptSeconds},
                     {"decode_seconds", r.decodeSeconds},
                     {"device", engine.device()},
                     {"dtype", engine.dtype()},
                     {"rope_scaling", ropeScalingJson(engine.modelConfig())}};
        std::cout << jsonLine(done) << '\n';
    } else {
        std::cout << '\n';
    }
    return 0;
}

int runLogprobs(const Args &args)
{
    ArgParser p("logprobs");
    p.option("model", "model folder (config.json, *.safetensors, tokenizer.json)")
        .option("input", "JSON lines {\"prompt\": ..., \"continuation\": ...}")
#ifdef SFT_HAVE_FINETUNE
        .option("prompt-format", "render each prompt as a user message first: alpaca, chatml, llama2, llama3 or chat "
                                 "(the model's own chat template, with the generation prompt); default none (raw text)")
#endif
        ;
    addModelOptions(p);
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    const std::string dir = p.required("model");
    const std::string input = p.required("input");
    const model::LoadOptions options = modelLoadOptions(p);
    std::function<std::string(const std::string &)> render = [](const std::string &text) { return text; };
    bool addSpecialTokens = true;
#ifdef SFT_HAVE_FINETUNE
    std::optional<finetune::PromptFormatter> formatter;
    if (p.has("prompt-format") && p.value("prompt-format") != "none") {
        formatter.emplace(p.value("prompt-format"), dir);
        render = [&formatter](const std::string &text) { return formatter->renderPrompt(text); };
        addSpecialTokens = formatter->addSpecialTokens();
    }
#endif
    std::ifstream in(input, std::ios::binary);
    if (!in)
        throw Error("cannot open", {input, 0, 0, -1, {}});

    struct Item { std::int64_t line; std::vector<std::int64_t> prompt, continuation; };
    std::vector<Item> items;
    const Tokenizer tokenizer = loadModelTokenizer(dir).tokenizer;
    std::string line;
    std::int64_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const json j = parseJsonLine(line, input, lineNo);
        for (const char *key : {"prompt", "continuation"})
            if (!j.is_object() || !j.contains(key) || !j[key].is_string())
                throw Error("missing or non-string field", {input, lineNo, 0, -1, key});
        std::string prompt;
        try {
            prompt = render(j["prompt"].get<std::string>());
        } catch (const Error &e) {
            throw Error(e.message(), {input, lineNo, 0, -1, "prompt"});
        }
        Item item{lineNo, toIds(tokenizer.encode(prompt, addSpecialTokens)),
                  toIds(tokenizer.encode(j["continuation"].get<std::string>(), false))};
        if (item.prompt.empty() && tokenizer.bosId() >= 0)
            item.prompt.push_back(tokenizer.bosId());
        if (item.prompt.empty())
            throw Error("empty prompt (and no beginning-of-sequence token)", {input, lineNo, 0, -1, "prompt"});
        items.push_back(std::move(item));
    }

    auto lm = model::LanguageModel::load(dir, options);
    // Consecutive lines with the same prompt are scored together: the prompt runs once.
    for (std::size_t i = 0; i < items.size();) {
        std::size_t j = i + 1;
        while (j < items.size() && items[j].prompt == items[i].prompt)
            ++j;
        std::vector<std::vector<std::int64_t>> conts;
        for (std::size_t k = i; k < j; ++k)
            conts.push_back(items[k].continuation);
        const auto scores = conts.size() == 1 ? std::vector<model::ContinuationScore>{lm->score(items[i].prompt, conts[0])}
                                              : lm->scoreMany(items[i].prompt, conts);
        for (std::size_t k = i; k < j; ++k) {
            const auto &s = scores[k - i];
            json tokens = json::array();
            for (auto id : items[k].continuation)
                tokens.push_back(tokenizer.idToToken(static_cast<std::int32_t>(id)));
            std::cout << jsonLine({{"line", items[k].line},
                                   {"sum", s.sum},
                                   {"logprobs", s.tokenLogprobs},
                                   {"tokens", tokens},
                                   {"token_ids", items[k].continuation},
                                   {"prompt_tokens", items[k].prompt.size()}})
                      << '\n';
        }
        i = j;
    }
    return 0;
}

} // namespace sft::cli
