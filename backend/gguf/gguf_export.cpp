// Hugging Face model folders and PEFT LoRA adapters -> GGUF (see gguf_export.h):
// the checks that refuse what llama.cpp cannot run the same way, the
// hyper-parameter keys, and the write. The tokenizer keys are in
// gguf_tokenizer.cpp, the tensor table and its loaders in gguf_tensors.cpp.

#include "gguf/gguf_export.h"

#include "core/error.h"
#include "core/file_io.h"
#include "gguf/gguf_tensors.h"
#include "gguf/gguf_tokenizer.h"
#include "gguf/gguf_writer.h"
#include "model/model_config.h"
#include "safetensors/checkpoint.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <new>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::gguf {

namespace {

[[noreturn]] void refuse(const std::string &file, const std::string &field, const std::string &message)
{
    Error::Location where;
    where.file = file;
    where.field = field;
    throw Error(message, where);
}

json parseJson(const std::string &text, const std::string &name)
{
    try {
        return json::parse(text);
    } catch (const json::exception &e) {
        refuse(name, {}, std::string("invalid JSON: ") + e.what());
    }
}

json readJson(const std::string &path)
{
    return parseJson(readFileText(path, "cannot open"), path);
}

/** What names the model's config in messages: the folder's config.json, or what stands in for it. */
std::string configName(const std::string &modelDir, const ExportOptions &options)
{
    if (!options.configOverride.empty() && !options.configOverrideName.empty())
        return options.configOverrideName;
    return (fs::path(modelDir) / "config.json").string();
}

/**
 * f(), with running out of memory reported as an error naming the config whose sizes asked for it
 * (a hostile or mistyped config.json must not end the program).
 */
template <class F> auto guardMemory(const std::string &configFile, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const std::bad_alloc &) {
        refuse(configFile, {}, "not enough memory for the sizes it gives (vocab_size, hidden_size, heads, layers)");
    }
}

/** A model's config.json, parsed and checked for what GGUF and llama.cpp can express. */
struct CheckedConfig
{
    model::ModelConfig config;
    std::vector<std::string> warnings;
};

CheckedConfig checkConfig(const std::string &modelDir, const ExportOptions &options)
{
    const fs::path dir(modelDir);
    if (!fs::is_directory(dir))
        refuse(modelDir, {}, "not a model folder");
    const std::string file = configName(modelDir, options);
    if (options.configOverride.empty() && !fs::exists(file))
        refuse(file, {}, "not found: the model folder needs its config.json");
    const json j = options.configOverride.empty() ? readJson(file) : parseJson(options.configOverride, file);
    if (!j.is_object())
        refuse(file, {}, "config must be a JSON object");
    // Named here first: the model config's own messages do not say why GGUF is involved.
    if (j.contains("model_type") && j["model_type"].is_string()) {
        const std::string type = j["model_type"].get<std::string>();
        if (type != "llama" && type != "mistral" && type != "qwen2" && type != "bloom")
            refuse(file, "model_type", "\"" + type + "\" cannot be exported to GGUF (supported: llama, mistral, qwen2, bloom)");
    }
    for (const char *key : {"rope_parameters", "rope_scaling"}) {
        if (!j.contains(key) || !j[key].is_object())
            continue;
        const json &r = j[key];
        const char *typeKey = r.contains("rope_type") ? "rope_type" : "type";
        const std::string type = r.contains(typeKey) && r[typeKey].is_string() ? r[typeKey].get<std::string>() : "default";
        if (type != "default" && type != "linear" && type != "llama3")
            refuse(file, std::string(key) + "." + typeKey,
                   "\"" + type + "\" cannot be expressed in GGUF for llama.cpp (supported: linear, llama3)");
        break;   // rope_parameters, when present, is the one the model uses
    }

    CheckedConfig cc;
    cc.config = model::ModelConfig::fromJson(j, file);
    const model::ModelConfig &c = cc.config;
    const std::string arch = ggufArchitecture(c);
    if (c.architecture == model::Architecture::Llama && c.positionEncoding == model::PositionEncoding::Alibi)
        refuse(file, "position_embedding_type", "\"alibi\" on a " + c.modelType + " model cannot be expressed in GGUF "
                                                "for llama.cpp (its " + arch + " architecture uses RoPE)");
    if (arch == "qwen2" && c.numHeads * c.headDim != c.hiddenSize)
        refuse(file, "head_dim", "a qwen2 model whose num_attention_heads x head_dim (" + std::to_string(c.numHeads * c.headDim)
                                     + ") differs from hidden_size (" + std::to_string(c.hiddenSize)
                                     + ") cannot be loaded by llama.cpp's qwen2");
    if (arch != "llama" && c.ropeScaling.type == model::RopeScaling::Type::Llama3)
        refuse(file, j.contains("rope_parameters") ? "rope_parameters" : "rope_scaling",
               "llama3 RoPE scaling on a " + arch + " model cannot be expressed in GGUF for llama.cpp (its rope_freqs "
               "tensor is read by the llama architecture only)");
    if (c.architecture == model::Architecture::Bloom && c.residualPostLayerNorm)
        refuse(file, "apply_residual_connection_post_layernorm",
               "true cannot be expressed in GGUF for llama.cpp (its bloom adds the residual before the norm)");
    if (c.slidingWindow > 0)
        cc.warnings.push_back(file + ": sliding window " + std::to_string(c.slidingWindow)
                              + " is not written: llama.cpp's " + arch + " attends to the whole context, so beyond "
                              + std::to_string(c.slidingWindow) + " tokens its outputs differ from the engine's");
    return cc;
}

/** A PEFT LoRA folder's settings and weights, checked for what GGUF and llama.cpp can express. */
struct PeftAdapter
{
    std::shared_ptr<const safetensors::Checkpoint> ckpt;
    std::string configFile;
    std::int64_t rank = 0;
    double alpha = 8;   // PEFT's default lora_alpha
    bool rslora = false;

    /** The factor of B·A: alpha / r, or rsLoRA's alpha / sqrt(r). */
    double scale() const { return rslora ? alpha / std::sqrt(double(rank)) : alpha / double(rank); }
};

PeftAdapter readPeft(const std::string &adapterDir)
{
    const fs::path dir(adapterDir);
    PeftAdapter p;
    p.configFile = (dir / "adapter_config.json").string();
    const std::string &file = p.configFile;
    if (!fs::exists(file))
        refuse(file, {}, "not found: a PEFT adapter folder has adapter_config.json");
    const json a = readJson(file);
    if (!a.is_object())
        refuse(file, {}, "must be a JSON object");
    if (a.contains("peft_type") && a["peft_type"] != "LORA")
        refuse(file, "peft_type", a["peft_type"].dump() + " is not a LoRA adapter; only LoRA can be written to GGUF");
    if (!a.contains("r") || !a["r"].is_number_integer() || a["r"].get<std::int64_t>() < 1)
        refuse(file, "r", "must be a positive integer");
    p.rank = a["r"].get<std::int64_t>();
    if (a.contains("lora_alpha") && !a["lora_alpha"].is_null()) {
        if (!a["lora_alpha"].is_number() || !std::isfinite(a["lora_alpha"].get<double>()))
            refuse(file, "lora_alpha", "must be a finite number");
        p.alpha = a["lora_alpha"].get<double>();
    }
    auto flag = [&](const char *key) { return a.contains(key) && a[key].is_boolean() && a[key].get<bool>(); };
    p.rslora = flag("use_rslora");
    if (flag("fan_in_fan_out"))
        refuse(file, "fan_in_fan_out", "true (transposed weights) cannot be written to GGUF");
    if (flag("use_dora"))
        refuse(file, "use_dora", "DoRA cannot be expressed as a GGUF LoRA adapter or merged as one");
    if (a.contains("bias") && a["bias"].is_string() && a["bias"] != "none")
        refuse(file, "bias", "LoRA biases (\"" + a["bias"].get<std::string>() + "\") cannot be written to GGUF");
    if (a.contains("modules_to_save") && !a["modules_to_save"].is_null() && !a["modules_to_save"].empty())
        refuse(file, "modules_to_save", "fully trained modules cannot be written to GGUF with a LoRA adapter");
    for (const char *key : {"rank_pattern", "alpha_pattern"})
        if (a.contains(key) && a[key].is_object() && !a[key].empty())
            refuse(file, key, "per-module ranks or alphas cannot be expressed by GGUF's one adapter.lora.alpha");
    const std::string weights = (dir / "adapter_model.safetensors").string();
    if (!fs::exists(weights))
        refuse(weights, {}, "not found: the adapter's weights must be in safetensors");
    p.ckpt = std::make_shared<const safetensors::Checkpoint>(safetensors::Checkpoint::open(weights));
    return p;
}

/** Everything a model export needs, checked; nothing written yet. */
struct Prepared
{
    model::ModelConfig config;
    GgufVocab vocab;
    std::shared_ptr<const safetensors::Checkpoint> checkpoint;
    std::vector<TensorSpec> tensors;
    std::vector<std::string> warnings;
};

Prepared prepare(const std::string &modelDir, const ExportOptions &options)
{
    const std::string configFile = configName(modelDir, options);
    return guardMemory(configFile, [&] {
        CheckedConfig cc = checkConfig(modelDir, options);
        Prepared p;
        p.config = cc.config;
        p.warnings = std::move(cc.warnings);
        // The weights first: their shapes prove config.json's sizes (the embedding's rows vocab_size)
        // before the vocabulary is built with that many tokens.
        p.checkpoint = std::make_shared<const safetensors::Checkpoint>(safetensors::Checkpoint::open(modelDir));
        LoraMerge merge;
        if (!options.mergeAdapterDir.empty()) {
            const PeftAdapter a = readPeft(options.mergeAdapterDir);
            merge.adapter = a.ckpt;
            merge.scale = a.scale();
            merge.pairs = loraPairs(*a.ckpt, p.config, a.rank);
        }
        std::vector<std::string> unused;
        p.tensors = planModelTensors(p.checkpoint, p.config, modelDir, unused,
                                     options.mergeAdapterDir.empty() ? nullptr : &merge);
        if (!unused.empty())
            p.warnings.push_back(modelDir + ": " + std::to_string(unused.size()) + " checkpoint tensor"
                                 + (unused.size() == 1 ? " is" : "s are") + " not part of a " + p.config.modelType
                                 + " model and not written (first: " + unused.front() + ")");
        p.vocab = readVocab(modelDir, p.config, configFile);
        p.warnings.insert(p.warnings.end(), p.vocab.warnings.begin(), p.vocab.warnings.end());
        return p;
    });
}

std::string folderName(const std::string &dir)
{
    fs::path p(dir);
    if (p.filename().empty())
        p = p.parent_path();
    std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..")
        name = fs::absolute(p).lexically_normal().filename().string();
    return name;
}

std::uint32_t u32(std::int64_t v)
{
    return std::uint32_t(std::min<std::int64_t>(std::max<std::int64_t>(v, 0), UINT32_MAX));
}

void addGeneral(Writer &w, const std::string &arch, const std::string &name, FileType type)
{
    static const std::uint32_t kFileType[] = {0, 1, 32, 7};   // LLAMA_FTYPE_ALL_F32, MOSTLY_F16, MOSTLY_BF16, MOSTLY_Q8_0
    w.addString("general.architecture", arch);
    w.addString("general.name", name);
    w.addU32("general.file_type", kFileType[int(type)]);
    w.addU32("general.quantization_version", 2);
}

void addModelKeys(Writer &w, const model::ModelConfig &c, const std::string &a)
{
    w.addU32(a + ".context_length", u32(c.maxPositions));
    w.addU32(a + ".embedding_length", u32(c.hiddenSize));
    w.addU32(a + ".block_count", u32(c.numLayers));
    w.addU32(a + ".feed_forward_length", u32(c.intermediateSize));
    w.addU32(a + ".attention.head_count", u32(c.numHeads));
    w.addU32(a + ".attention.head_count_kv", u32(c.numKvHeads));
    if (a == "bloom") {
        w.addF32(a + ".attention.layer_norm_epsilon", float(c.rmsNormEps));
        return;
    }
    w.addU32(a + ".rope.dimension_count", u32(c.headDim));
    w.addF32(a + ".rope.freq_base", float(c.ropeTheta));
    w.addF32(a + ".attention.layer_norm_rms_epsilon", float(c.rmsNormEps));
    if (c.numHeads * c.headDim != c.hiddenSize) {
        w.addU32(a + ".attention.key_length", u32(c.headDim));
        w.addU32(a + ".attention.value_length", u32(c.headDim));
    }
    if (c.ropeScaling.type == model::RopeScaling::Type::Linear) {
        w.addString(a + ".rope.scaling.type", "linear");
        w.addF32(a + ".rope.scaling.factor", float(c.ropeScaling.factor));
    }
    if (a == "llama")
        w.addU32(a + ".vocab_size", u32(c.vocabSize));
}

/** Add the tensors with the file's type (1-D ones F32; q8_0 rows not a multiple of 32 stay F16). */
void addTensors(Writer &w, std::vector<TensorSpec> &tensors, FileType type, ExportReport &report)
{
    static const TensorType kType[] = {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0};
    for (TensorSpec &t : tensors) {
        TensorType tt = t.matrix ? kType[int(type)] : TensorType::F32;
        if (tt == TensorType::Q8_0 && t.dims[0] % kAlignment != 0) {
            tt = TensorType::F16;
            report.keptF16.push_back(t.name);
        }
        std::uint64_t n = 1;
        for (std::uint64_t d : t.dims)
            n *= d;
        report.parameters += n;
        w.addTensor(t.name, t.dims, tt, std::move(t.loader));
    }
}

void finish(const Writer &w, const std::string &outFile, const ExportOptions &options, ExportReport &report)
{
    w.write(outFile, options.progress);
    report.file = outFile;
    report.tensors = w.tensorCount();
    std::error_code ec;
    report.bytes = fs::file_size(outFile, ec);
    if (ec)
        report.bytes = w.fileSize();
}

} // namespace

const char *fileTypeName(FileType type)
{
    switch (type) {
    case FileType::F32:
        return "f32";
    case FileType::F16:
        return "f16";
    case FileType::BF16:
        return "bf16";
    case FileType::Q8_0:
        return "q8_0";
    }
    return "f16";
}

FileType fileTypeFromName(const std::string &name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (FileType t : {FileType::F32, FileType::F16, FileType::BF16, FileType::Q8_0})
        if (lower == fileTypeName(t))
            return t;
    throw Error("unknown GGUF type \"" + name + "\" (f32, f16, bf16, q8_0)");
}

void checkExportable(const std::string &modelDir, const ExportOptions &options)
{
    prepare(modelDir, options);
}

ExportReport exportModel(const std::string &modelDir, const std::string &outFile, const ExportOptions &options)
{
    Prepared p = prepare(modelDir, options);
    const std::string arch = ggufArchitecture(p.config);
    Writer w;
    addGeneral(w, arch, options.name.empty() ? folderName(modelDir) : options.name, options.type);
    addModelKeys(w, p.config, arch);
    addVocabKeys(w, p.vocab);
    ExportReport r;
    r.architecture = arch;
    r.tokenizerModel = p.vocab.model;
    r.tokenizerPre = p.vocab.pre;
    r.warnings = p.warnings;
    addTensors(w, p.tensors, options.type, r);
    finish(w, outFile, options, r);   // p.checkpoint (the loaders' mapping) lives until here
    return r;
}

ExportReport exportLoraAdapter(const std::string &adapterDir, const std::string &baseModelDir,
                               const std::string &outFile, const ExportOptions &options)
{
    if (options.type == FileType::Q8_0)
        throw Error("a LoRA adapter is written as f32, f16 or bf16 (llama.cpp applies it in float): q8_0 is refused");
    ExportOptions baseOptions = options;
    baseOptions.mergeAdapterDir.clear();
    const std::string configFile = configName(baseModelDir, baseOptions);
    const CheckedConfig cc = guardMemory(configFile, [&] { return checkConfig(baseModelDir, baseOptions); });
    const model::ModelConfig &c = cc.config;
    const PeftAdapter a = readPeft(adapterDir);
    if (a.alpha == 0)
        refuse(a.configFile, "lora_alpha", "0 cannot be written as a GGUF adapter: llama.cpp reads adapter.lora.alpha 0 "
                                           "as \"no alpha\" and applies the adapter at scale 1, where PEFT's scale is 0");
    std::vector<TensorSpec> tensors = guardMemory(configFile, [&] { return planLoraTensors(a.ckpt, c, a.rank); });

    const std::string arch = ggufArchitecture(c);
    Writer w;
    addGeneral(w, arch, options.name.empty() ? folderName(adapterDir) : options.name, options.type);
    w.addString("general.type", "adapter");
    w.addString("adapter.type", "lora");
    // llama.cpp scales by alpha / r (r = lora_a's second dim); rsLoRA's alpha / sqrt(r) is that with alpha·sqrt(r).
    w.addF32("adapter.lora.alpha", float(a.rslora ? a.alpha * std::sqrt(double(a.rank)) : a.alpha));
    ExportReport r;
    r.architecture = arch;
    r.warnings = cc.warnings;
    addTensors(w, tensors, options.type, r);
    finish(w, outFile, options, r);
    return r;
}

} // namespace sft::gguf
