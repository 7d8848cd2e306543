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

/** The run config and weights file behind a run, checkpoint or final folder. */
std::pair<TrainConfig, fs::path> locateRun(const fs::path &dir)
{
    fs::path configFile, weights;
    if (fs::exists(dir / "train_config.json")) {          // final/
        configFile = dir / "train_config.json";
        weights = dir / "trainable.safetensors";
    } else if (fs::exists(dir / "state.json")) {          // checkpoints/step-N
        configFile = dir.parent_path().parent_path() / "config.json";
        weights = dir / "trainable.safetensors";
    } else if (fs::exists(dir / "config.json") && fs::exists(dir / "events.jsonl")) { // run folder
        if (fs::exists(dir / "final" / "train_config.json"))
            return locateRun(dir / "final");
        const std::string latest = latestCheckpoint(dir.string());
        if (latest.empty())
            throw Error("the run has neither final weights nor a checkpoint yet", {dir.string(), 0, 0, -1, {}});
        return locateRun(latest);
    } else {
        throw Error("not a run, checkpoint or final folder of a fine-tuning run", {dir.string(), 0, 0, -1, {}});
    }
    TrainConfig cfg = TrainConfig::fromFile(configFile.string());
    cfg.baseModel = resolve(configFile.parent_path(), cfg.baseModel).string();
    if (cfg.method == Method::Full && fs::exists(dir / "model.safetensors"))
        weights = dir / "model.safetensors";
    return {cfg, weights};
}

} // namespace

model::ModelConfig runModelConfig(const std::string &dir)
{
    const auto [cfg, weights] = locateRun(fs::path(dir));
    const fs::path saved = weights.parent_path() / "config.json";
    if (cfg.method == Method::Full && weights.filename() == "model.safetensors" && fs::exists(saved))
        return model::ModelConfig::fromFile(saved.string());   // already carries the run's RoPE scaling
    model::ModelConfig c = model::ModelConfig::fromFile((fs::path(cfg.baseModel) / "config.json").string());
    model::applyRopeFactor(c, cfg.ropeFactor);
    return c;
}

RunModel loadRunModel(const std::string &dirName, model::LoadOptions options)
{
    auto [cfg, weights] = locateRun(fs::path(dirName));
    RunModel r;
    r.config = cfg;
    r.weights = weights.string();
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
