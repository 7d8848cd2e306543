// Loading a fine-tuning run's result for inference (the base model with the
// run's method and trained tensors, or a full run's saved model) and merging
// a LoRA or full run into a standalone model folder.

#include "finetune/trainer.h"

#include "core/error.h"
#include "finetune/lora.h"
#include "finetune/methods.h"
#include "finetune/run_model_files.h"
#include "model/causal_lm.h"
#include "model/rope_factor.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace sft::finetune {

fs::path resolve(const fs::path &runDir, const std::string &p)
{
    const fs::path path(p);
    return path.is_absolute() ? path : runDir / path;
}

/** Model files other than weights and config that a model folder carries. */
void copyTokenizerFiles(const fs::path &from, const fs::path &to)
{
    for (const char *name : {"tokenizer.json", "tokenizer_config.json", "chat_template.jinja", "generation_config.json",
                             "special_tokens_map.json", "tokenizer.model"}) {
        std::error_code ec;
        if (fs::exists(from / name))
            fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error("cannot copy " + std::string(name) + ": " + ec.message(), {to.string(), 0, 0, -1, {}});
    }
}

namespace {

/** locateRun of a path without a trailing separator. */
RunLocation locate(const fs::path &dir)
{
    fs::path configFile, weights, runDir;
    bool final = false;
    if (fs::exists(dir / "train_config.json")) {          // final/
        configFile = dir / "train_config.json";
        weights = dir / "trainable.safetensors";
        runDir = dir.parent_path();
        final = true;
    } else if (fs::exists(dir / "state.json")) {          // checkpoints/step-N
        configFile = dir.parent_path().parent_path() / "config.json";
        weights = dir / "trainable.safetensors";
        runDir = dir.parent_path().parent_path();
    } else if (fs::exists(dir / "config.json") && fs::exists(dir / "events.jsonl")) { // run folder
        if (fs::exists(dir / "final" / "train_config.json"))
            return locate(dir / "final");
        const std::string latest = latestCheckpoint(dir.string());
        if (latest.empty())
            throw Error("the run has neither final weights nor a checkpoint yet", {dir.string(), 0, 0, -1, {}});
        return locate(fs::path(latest));
    } else {
        throw Error("not a run, checkpoint or final folder of a fine-tuning run", {dir.string(), 0, 0, -1, {}});
    }
    RunLocation r;
    r.config = TrainConfig::fromFile(configFile.string());
    r.config.baseModel = resolve(configFile.parent_path(), r.config.baseModel).string();
    if (r.config.method == Method::Full && fs::exists(dir / "model.safetensors"))
        weights = dir / "model.safetensors";
    r.weights = weights.string();
    r.runDir = runDir.string();
    r.final = final;
    return r;
}

} // namespace

RunLocation locateRun(const std::string &dir)
{
    fs::path p = fs::path(dir).lexically_normal();
    if (p.filename().empty() && p.has_parent_path())
        p = p.parent_path();   // "RUN/final/" is RUN/final
    return locate(p);
}

model::ModelConfig runModelConfig(const RunLocation &run)
{
    const fs::path weights(run.weights);
    const fs::path saved = weights.parent_path() / "config.json";
    if (run.config.method == Method::Full && weights.filename() == "model.safetensors" && fs::exists(saved))
        return model::ModelConfig::fromFile(saved.string());   // already carries the run's RoPE scaling
    model::ModelConfig c = model::ModelConfig::fromFile((fs::path(run.config.baseModel) / "config.json").string());
    model::applyRopeFactor(c, run.config.ropeFactor);
    return c;
}

RunModel loadRunModel(const std::string &dirName, model::LoadOptions options)
{
    const RunLocation at = locateRun(dirName);
    const TrainConfig &cfg = at.config;
    const fs::path weights(at.weights);
    RunModel r;
    r.config = cfg;
    r.weights = at.weights;
    options.ropeFactor = cfg.ropeFactor;
    if (cfg.method == Method::Full && fs::exists(weights.parent_path() / "config.json") && weights.filename() == "model.safetensors") {
        options.ropeFactor = 1.0;   // the saved config.json already carries the run's RoPE scaling
        // An override stretches the base model's trained context, not the one the run stretched.
        if (options.ropeScaling && options.ropeScaling->type != model::RopeScaling::Type::None
            && options.ropeScaling->originalMaxPositions == 0) {
            const auto saved = model::ModelConfig::fromFile((weights.parent_path() / "config.json").string());
            options.ropeScaling->originalMaxPositions =
                std::llround(static_cast<double>(saved.maxPositions) / std::max(1.0, cfg.ropeFactor));
        }
        r.model = model::LanguageModel::load(weights.parent_path().string(), options);
        return r;
    }
    r.model = model::LanguageModel::load(cfg.baseModel, options);
    auto module = r.model->module();
    attachMethod(*module, cfg, cfg.seed);
    loadTrainable(*module, weights.string());
    for (auto &p : module->parameters())
        p.set_requires_grad(false);
    module->eval();
    return r;
}

void mergeRun(const std::string &dir, const std::string &outDir, const std::string &dtype)
{
    model::LoadOptions o;
    o.device = "cpu";
    o.dtype = dtype;
    RunModel r = loadRunModel(dir, o);
    if (r.config.method == Method::Adapter)
        throw Error("bottleneck adapters cannot be merged into the base weights (they add a nonlinearity); "
                    "use the run with --adapter instead");
    if (r.config.method == Method::Prefix)
        throw Error("a prefix cannot be merged into the base weights (it adds keys and values to every layer); "
                    "use the run with --adapter instead");
    if (r.config.method == Method::Lora)
        mergeLora(*r.model->module());
    r.model->save(outDir);
    copyTokenizerFiles(r.config.baseModel, outDir);
}

} // namespace sft::finetune
