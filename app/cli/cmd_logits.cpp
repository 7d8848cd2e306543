// sftbench-cli logits: one forward pass of a model (or a fine-tuning run's
// result) over token ids read from a safetensors file, its logits written to
// another, so the engine can be compared with any other implementation
// (transformers, the engine on another device or in another dtype) on the same
// batch, padding included:
//
//   sftbench-cli logits (--model DIR | --adapter RUN) --input IN.safetensors --out OUT.safetensors
//                       [--device D] [--dtype T] [--rope-scaling ...]
//
// IN holds input_ids (I64 or I32, [batch, length]) and optionally
// attention_mask (same shape, 0/1, left padding as transformers pads for
// generation); OUT holds logits (F32 [batch, length, vocab]) with the device
// and dtype the model ran in as metadata. stdout: one JSON line.

#include "cli/command.h"
#include "cli/model_options.h"

#include "core/args.h"
#include "core/error.h"
#include "model/causal_lm.h"
#include "model/device_memory.h"
#include "model/language_model.h"
#include "model/weights_io.h"
#include "safetensors/file.h"
#ifdef SFT_HAVE_FINETUNE
#include "finetune/trainer.h"
#endif

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <iostream>

namespace sft::cli {

namespace {

using safetensors::DType;

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

/** An integer tensor of the input file, widened to int64 (present false: the file has none). */
struct IntTensor
{
    bool present = false;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> values;
};

/**
 * The integer tensor name of f (its dtype one of allowed) widened to int64; absent: present false, or
 * an error naming the file and the tensor when it is required.
 */
IntTensor readIntTensor(const safetensors::File &f, const std::string &name, const std::vector<DType> &allowed,
                        bool required, const std::string &what)
{
    IntTensor out;
    const safetensors::TensorInfo *info = f.find(name);
    if (!info) {
        if (required)
            throw Error("tensor \"" + name + "\" is missing (" + what + ")", {f.path(), 0, 0, -1, {}});
        return out;
    }
    bool ok = false;
    std::string names;
    for (DType t : allowed) {
        ok = ok || info->dtype == t;
        names += std::string(names.empty() ? "" : ", ") + safetensors::dtypeName(t);
    }
    if (!ok)
        throw Error("tensor \"" + name + "\" has dtype " + safetensors::dtypeName(info->dtype) + "; expected " + names,
                    {f.path(), 0, 0, -1, {}});
    if (info->shape.size() != 2 || info->shape[0] < 1 || info->shape[1] < 1)
        throw Error("tensor \"" + name + "\" has shape " + shapeText(info->shape)
                        + "; expected [batch, length] with both at least 1",
                    {f.path(), 0, 0, -1, {}});
    out.present = true;
    out.shape = info->shape;
    // Copied out of the mapping (which may be unaligned) in the file's own dtype, then widened.
    torch::Tensor t = torch::empty(info->shape, model::toTorchType(info->dtype, name));
    if (info->byteSize() > 0)
        std::memcpy(t.data_ptr(), f.data(*info), info->byteSize());
    t = t.to(torch::kInt64).contiguous();
    out.values.assign(t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel());
    return out;
}

} // namespace

int runLogits(const Args &args)
{
    ArgParser p("logits");
    p.option("model", "model folder (config.json, *.safetensors)")
#ifdef SFT_HAVE_FINETUNE
        .option("adapter", "instead of --model: a fine-tuning run folder (or its final/ or a checkpoint); its result "
                           "on the run's base model, as generate --adapter loads it")
#endif
        .option("input", "safetensors file with input_ids (I64 or I32, [batch, length]) and optionally "
                         "attention_mask (the same shape, 1 = token, 0 = padding)")
        .option("out", "safetensors file to write: logits (F32, [batch, length, vocab])");
    addModelOptions(p);
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nRuns one forward pass (no KV cache, no sampling) under the model's device and dtype and writes\n"
                     "every position's logits, padded positions included (compare over attention_mask = 1). Positions\n"
                     "count real tokens, so left padding gives the unpadded logits, as in transformers.\n"
                     "stdout: {\"device\", \"dtype\", \"shape\": [batch, length, vocab], \"seconds\"}.\n";
        return 0;
    }
    const bool hasAdapter = p.has("adapter");   // never set without the fine-tuning engine (no such option then)
    if (hasAdapter && p.has("model"))
        throw Error("logits: give --model or --adapter, not both (--adapter loads the run's own base model)");
    if (!hasAdapter && !p.has("model"))
        throw Error("logits: --model DIR (or --adapter RUN) is required");
    const std::string inPath = p.required("input");
    const std::string outPath = p.required("out");
    const model::LoadOptions load = modelLoadOptions(p);

    // The input first: a bad file fails before a large model loads.
    const auto in = safetensors::File::open(inPath);
    const IntTensor ids = readIntTensor(in, "input_ids", {DType::I64, DType::I32}, true, "token ids [batch, length]");
    const IntTensor mask = readIntTensor(in, "attention_mask", {DType::I64, DType::I32, DType::I8, DType::U8, DType::Bool},
                                         false, "");
    const std::int64_t batch = ids.shape[0], length = ids.shape[1];
    if (mask.present) {
        if (mask.shape != ids.shape)
            throw Error("tensor \"attention_mask\" has shape " + shapeText(mask.shape) + ", input_ids " + shapeText(ids.shape)
                            + ": they must be the same",
                        {inPath, 0, 0, -1, {}});
        for (std::int64_t b = 0; b < batch; ++b) {
            bool any = false;
            for (std::int64_t t = 0; t < length; ++t) {
                const std::int64_t v = mask.values[static_cast<std::size_t>(b * length + t)];
                if (v != 0 && v != 1)
                    throw Error("tensor \"attention_mask\" holds " + std::to_string(v) + " at [" + std::to_string(b) + ", "
                                    + std::to_string(t) + "]; expected 0 or 1",
                                {inPath, 0, 0, -1, {}});
                any = any || v == 1;
            }
            if (!any)
                throw Error("row " + std::to_string(b) + " of tensor \"attention_mask\" is all padding (no 1)",
                            {inPath, 0, 0, -1, {}});
        }
    }

    std::unique_ptr<model::LanguageModel> lm;
#ifdef SFT_HAVE_FINETUNE
    if (hasAdapter)
        lm = finetune::loadRunModel(p.value("adapter"), load).model;
#endif
    if (!lm)
        lm = model::LanguageModel::load(p.value("model"), load);
    const std::int64_t vocab = lm->config().vocabSize;
    for (std::size_t i = 0; i < ids.values.size(); ++i) {
        const std::int64_t id = ids.values[i];
        if (id < 0 || id >= vocab)
            throw Error("tensor \"input_ids\" holds token id " + std::to_string(id) + " at ["
                            + std::to_string(static_cast<std::int64_t>(i) / length) + ", "
                            + std::to_string(static_cast<std::int64_t>(i) % length) + "]; the model's vocabulary has "
                            + std::to_string(vocab) + " tokens (0 to " + std::to_string(vocab - 1) + ")",
                        {inPath, 0, 0, -1, {}});
    }

    torch::Tensor logits;
    double seconds = 0;
    try {
        torch::NoGradGuard noGrad;
        auto module = lm->module();
        module->eval();
        const torch::Tensor idsT = torch::tensor(ids.values, torch::kInt64).view({batch, length});
        const torch::Tensor maskT = mask.present ? torch::tensor(mask.values, torch::kInt64).view({batch, length})
                                                 : torch::Tensor();
        model::synchronizeDevice(lm->device());
        const auto t0 = std::chrono::steady_clock::now();
        logits = module->forward(idsT, maskT).to(torch::kCPU, torch::kFloat32).contiguous();
        model::synchronizeDevice(lm->device());
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } catch (const c10::Error &e) {
        throw Error(std::string("logits: the forward pass failed: ") + e.what_without_backtrace());
    }
    model::saveTensors({{"logits", logits}}, outPath, {{"device", lm->device()}, {"dtype", lm->dtype()}});
    const nlohmann::json line = {{"device", lm->device()},
                                 {"dtype", lm->dtype()},
                                 {"shape", {logits.size(0), logits.size(1), logits.size(2)}},
                                 {"seconds", seconds}};
    std::cout << line.dump() << '\n';
    return 0;
}

} // namespace sft::cli
