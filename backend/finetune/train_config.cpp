// config.json of a fine-tuning run: parsing with field-level errors, defaults, validation.

#include "finetune/train_config.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/json.h"
#include "model/architecture.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

using nlohmann::json;

namespace sft::finetune {

namespace {

/**
 * The projection names of every architecture: the run config does not know the model's, so a
 * name valid for either is accepted here and checked against the model when LoRA is attached.
 */
bool isKnownTarget(const std::string &name)
{
    return model::isLayerProjection(model::Architecture::Llama, name)
           || model::isLayerProjection(model::Architecture::Bloom, name);
}

std::string knownTargets()
{
    std::string s;
    for (const auto arch : {model::Architecture::Llama, model::Architecture::Bloom}) {
        s += std::string(s.empty() ? "" : "; ") + model::architectureName(arch) + ": ";
        const auto names = model::layerProjectionNames(arch);
        for (std::size_t i = 0; i < names.size(); ++i)
            s += (i ? ", " : "") + names[i];
    }
    return s;
}

/** Reads typed values out of one JSON object, naming the key (prefix.key) in errors; refuses unknown keys. */
class Reader
{
public:
    Reader(const json &obj, std::string file, std::string prefix) : m_obj(obj), m_file(std::move(file)), m_prefix(std::move(prefix))
    {
        if (!obj.is_object())
            fail(m_prefix.empty() ? "" : m_prefix.substr(0, m_prefix.size() - 1), "must be a JSON object");
    }

    [[noreturn]] void fail(const std::string &key, const std::string &message) const
    {
        throw Error(message, {m_file, 0, 0, -1, key});
    }

    const json *find(const std::string &key)
    {
        m_seen.insert(key);
        const auto it = m_obj.find(key);
        return it == m_obj.end() || it->is_null() ? nullptr : &*it;
    }

    void string(const std::string &key, std::string &out)
    {
        if (const json *v = find(key)) {
            if (!v->is_string())
                fail(m_prefix + key, "must be a string");
            out = v->get<std::string>();
        }
    }
    void boolean(const std::string &key, bool &out)
    {
        if (const json *v = find(key)) {
            if (!v->is_boolean())
                fail(m_prefix + key, "must be true or false");
            out = v->get<bool>();
        }
    }
    void number(const std::string &key, double &out)
    {
        if (const json *v = find(key)) {
            if (!v->is_number())
                fail(m_prefix + key, "must be a number");
            out = v->get<double>();
            if (!std::isfinite(out))
                fail(m_prefix + key, "must be finite");
        }
    }
    template <typename Int>
    void integer(const std::string &key, Int &out)
    {
        if (const json *v = find(key)) {
            if (!v->is_number_integer() && !(v->is_number_float() && std::floor(v->get<double>()) == v->get<double>()))
                fail(m_prefix + key, "must be an integer");
            const double d = v->get<double>();
            if (d < double(std::numeric_limits<Int>::min()) || d > double(std::numeric_limits<Int>::max()))
                fail(m_prefix + key, "is out of range");
            out = v->is_number_unsigned() ? Int(v->get<std::uint64_t>()) : v->is_number_integer() ? Int(v->get<std::int64_t>()) : Int(d);
        }
    }
    void strings(const std::string &key, std::vector<std::string> &out)
    {
        if (const json *v = find(key)) {
            if (!v->is_array())
                fail(m_prefix + key, "must be a list of strings");
            out.clear();
            for (const auto &e : *v) {
                if (!e.is_string())
                    fail(m_prefix + key, "must be a list of strings");
                out.push_back(e.get<std::string>());
            }
        }
    }
    /** Throws on keys that were never asked for (a typo must not silently fall back to a default). */
    void finish() const
    {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!m_seen.count(it.key()))
                fail(m_prefix + it.key(), "is not a known setting");
    }

private:
    const json &m_obj;
    std::string m_file;
    std::string m_prefix;
    std::set<std::string> m_seen;
};

} // namespace

const char *methodName(Method m)
{
    switch (m) {
    case Method::Lora: return "lora";
    case Method::Adapter: return "adapter";
    case Method::Prefix: return "prefix";
    case Method::Full: return "full";
    }
    return "lora";
}

Method methodFromName(const std::string &name)
{
    if (name == "lora") return Method::Lora;
    if (name == "adapter") return Method::Adapter;
    if (name == "prefix") return Method::Prefix;
    if (name == "full") return Method::Full;
    throw Error("unknown method \"" + name + "\" (lora, adapter, prefix, full)");
}

double LoraConfig::scale() const
{
    return rslora ? alpha / std::sqrt(double(rank)) : alpha / double(rank);
}

std::vector<std::string> LoraConfig::targetsFor(model::Architecture arch) const
{
    return targetModules.empty() ? model::defaultLoraTargets(arch) : targetModules;
}

json TrainConfig::toJson() const
{
    return {
        {"name", name},
        {"base_model", baseModel},
        {"train_data", trainData},
        {"eval_data", evalData},
        {"eval_fraction", evalFraction},
        {"prompt_format", promptFormat},
        {"max_length", maxLength},
        {"packing", packing},
        {"train_on_prompt", trainOnPrompt},
        {"conversation_overflow", conversationOverflow},
        {"method", methodName(method)},
        {"lora",
         {{"r", lora.rank},
          {"alpha", lora.alpha},
          {"dropout", lora.dropout},
          {"rslora", lora.rslora},
          {"init", lora.init == LoraInit::Gaussian ? "gaussian" : "kaiming"},
          // null: the model's default (PEFT's target_modules None), resolved when the model is known.
          {"target_modules", lora.targetModules.empty() ? json(nullptr) : json(lora.targetModules)}}},
        {"adapter",
         {{"bottleneck", adapter.bottleneck},
          {"init_std", adapter.initStd},
          {"after_attention", adapter.afterAttention},
          {"after_mlp", adapter.afterMlp}}},
        {"prefix",
         {{"num_virtual_tokens", prefix.numVirtualTokens},
          {"projection", prefix.projection},
          {"projection_hidden", prefix.projectionHidden}}},
        {"rope_factor", ropeFactor},
        {"epochs", epochs},
        {"max_steps", maxSteps},
        {"batch_size", batchSize},
        {"grad_accumulation", gradAccumulation},
        {"learning_rate", learningRate},
        {"min_learning_rate", minLearningRate},
        {"schedule", schedule},
        {"warmup_ratio", warmupRatio},
        {"warmup_steps", warmupSteps},
        {"weight_decay", weightDecay},
        {"adam_beta1", adamBeta1},
        {"adam_beta2", adamBeta2},
        {"adam_epsilon", adamEpsilon},
        {"max_grad_norm", maxGradNorm},
        {"device", device},
        {"precision", precision},
        {"gradient_checkpointing", gradientCheckpointing},
        {"log_every", logEvery},
        {"eval_every", evalEvery},
        {"save_every", saveEvery},
        {"keep_checkpoints", keepCheckpoints},
        {"seed", seed},
    };
}

TrainConfig TrainConfig::fromJson(const json &j, const std::string &file)
{
    TrainConfig c;
    Reader r(j, file, "");
    r.string("name", c.name);
    r.string("base_model", c.baseModel);
    r.string("train_data", c.trainData);
    r.string("eval_data", c.evalData);
    r.number("eval_fraction", c.evalFraction);
    r.string("prompt_format", c.promptFormat);
    r.integer("max_length", c.maxLength);
    r.boolean("packing", c.packing);
    r.boolean("train_on_prompt", c.trainOnPrompt);
    r.string("conversation_overflow", c.conversationOverflow);
    std::string method = methodName(c.method);
    r.string("method", method);
    try {
        c.method = methodFromName(method);
    } catch (const Error &e) {
        r.fail("method", e.message());
    }
    if (const json *l = r.find("lora")) {
        Reader lr(*l, file, "lora.");
        lr.integer("r", c.lora.rank);
        lr.number("alpha", c.lora.alpha);
        lr.number("dropout", c.lora.dropout);
        lr.boolean("rslora", c.lora.rslora);
        std::string init = "gaussian";
        lr.string("init", init);
        if (init == "gaussian")
            c.lora.init = LoraInit::Gaussian;
        else if (init == "kaiming")
            c.lora.init = LoraInit::KaimingUniform;
        else
            lr.fail("lora.init", "must be \"gaussian\" or \"kaiming\"");
        lr.strings("target_modules", c.lora.targetModules);
        // An explicit empty list is a mistake, not a request for the default (leave the key out for that).
        if (const auto it = l->find("target_modules"); it != l->end() && it->is_array() && it->empty())
            lr.fail("lora.target_modules", "needs at least one module (leave it out for the model's default)");
        lr.finish();
    }
    if (const json *a = r.find("adapter")) {
        Reader ar(*a, file, "adapter.");
        ar.integer("bottleneck", c.adapter.bottleneck);
        ar.number("init_std", c.adapter.initStd);
        ar.boolean("after_attention", c.adapter.afterAttention);
        ar.boolean("after_mlp", c.adapter.afterMlp);
        ar.finish();
    }
    if (const json *p = r.find("prefix")) {
        Reader pr(*p, file, "prefix.");
        pr.integer("num_virtual_tokens", c.prefix.numVirtualTokens);
        pr.boolean("projection", c.prefix.projection);
        pr.integer("projection_hidden", c.prefix.projectionHidden);
        pr.finish();
    }
    r.number("rope_factor", c.ropeFactor);
    r.integer("epochs", c.epochs);
    r.integer("max_steps", c.maxSteps);
    r.integer("batch_size", c.batchSize);
    r.integer("grad_accumulation", c.gradAccumulation);
    r.number("learning_rate", c.learningRate);
    r.number("min_learning_rate", c.minLearningRate);
    r.string("schedule", c.schedule);
    r.number("warmup_ratio", c.warmupRatio);
    r.integer("warmup_steps", c.warmupSteps);
    r.number("weight_decay", c.weightDecay);
    r.number("adam_beta1", c.adamBeta1);
    r.number("adam_beta2", c.adamBeta2);
    r.number("adam_epsilon", c.adamEpsilon);
    r.number("max_grad_norm", c.maxGradNorm);
    r.string("device", c.device);
    r.string("precision", c.precision);
    r.boolean("gradient_checkpointing", c.gradientCheckpointing);
    r.integer("log_every", c.logEvery);
    r.integer("eval_every", c.evalEvery);
    r.integer("save_every", c.saveEvery);
    r.integer("keep_checkpoints", c.keepCheckpoints);
    r.integer("seed", c.seed);
    r.finish();
    c.validate(file);
    return c;
}

TrainConfig TrainConfig::fromFile(const std::string &path)
{
    return fromJson(parseJsonDocument(readFileText(path, "cannot open the run config"), path), path);
}

void TrainConfig::validate(const std::string &file) const
{
    auto fail = [&](const std::string &key, const std::string &message) {
        throw Error(message, {file, 0, 0, -1, key});
    };
    if (baseModel.empty())
        fail("base_model", "is required: the folder of a Hugging Face model");
    if (trainData.empty())
        fail("train_data", "is required: a dataset file");
    if (evalFraction < 0 || evalFraction >= 1)
        fail("eval_fraction", "must be in [0, 1)");
    static const std::set<std::string> formats = {"alpaca", "chat", "chatml", "llama2", "llama3", "text"};
    if (!formats.count(promptFormat))
        fail("prompt_format", "must be alpaca, chat, chatml, llama2, llama3 or text");
    if (maxLength < 8)
        fail("max_length", "must be at least 8 tokens");
    if (conversationOverflow != "truncate" && conversationOverflow != "split")
        fail("conversation_overflow", "must be truncate (drop whole turns from the end) or split (several examples)");
    if (lora.rank < 1 || lora.rank > 4096)
        fail("lora.r", "must be between 1 and 4096");
    if (lora.alpha <= 0)
        fail("lora.alpha", "must be positive");
    if (lora.dropout < 0 || lora.dropout >= 1)
        fail("lora.dropout", "must be in [0, 1)");
    for (const auto &m : lora.targetModules)
        if (!isKnownTarget(m))
            fail("lora.target_modules", "unknown module \"" + m + "\" (" + knownTargets() + ")");
    if (adapter.bottleneck < 1)
        fail("adapter.bottleneck", "must be at least 1");
    if (adapter.initStd < 0)
        fail("adapter.init_std", "must not be negative");
    if (!adapter.afterAttention && !adapter.afterMlp)
        fail("adapter.after_attention", "adapters need at least one place (after attention or after the MLP)");
    if (prefix.numVirtualTokens < 1)
        fail("prefix.num_virtual_tokens", "must be at least 1");
    if (prefix.projectionHidden < 1)
        fail("prefix.projection_hidden", "must be at least 1");
    if (method == Method::Prefix && gradientCheckpointing)
        fail("gradient_checkpointing", "is not available with prefix tuning (the prefix enters every layer's cache)");
    if (ropeFactor < 1)
        fail("rope_factor", "must be at least 1 (position interpolation stretches the context)");
    if (epochs < 1 && maxSteps <= 0)
        fail("epochs", "must be at least 1 (or set max_steps)");
    if (maxSteps < 0)
        fail("max_steps", "must not be negative");
    if (batchSize < 1)
        fail("batch_size", "must be at least 1");
    if (gradAccumulation < 1)
        fail("grad_accumulation", "must be at least 1");
    if (learningRate <= 0)
        fail("learning_rate", "must be positive");
    if (minLearningRate < 0 || minLearningRate > learningRate)
        fail("min_learning_rate", "must be between 0 and learning_rate");
    if (schedule != "cosine" && schedule != "linear" && schedule != "constant")
        fail("schedule", "must be cosine, linear or constant");
    if (warmupRatio < 0 || warmupRatio >= 1)
        fail("warmup_ratio", "must be in [0, 1)");
    if (warmupSteps < -1)
        fail("warmup_steps", "must be -1 (use warmup_ratio) or at least 0");
    if (weightDecay < 0)
        fail("weight_decay", "must not be negative");
    if (adamBeta1 < 0 || adamBeta1 >= 1)
        fail("adam_beta1", "must be in [0, 1)");
    if (adamBeta2 < 0 || adamBeta2 >= 1)
        fail("adam_beta2", "must be in [0, 1)");
    if (adamEpsilon <= 0)
        fail("adam_epsilon", "must be positive");
    if (maxGradNorm < 0)
        fail("max_grad_norm", "must not be negative (0 = no clipping)");
    if (precision != "auto" && precision != "fp32" && precision != "bf16-autocast" && precision != "bf16")
        fail("precision", "must be auto, fp32, bf16-autocast or bf16");
    if (method == Method::Full && precision == "bf16")
        fail("precision", "bf16 weights lose AdamW's small updates in full fine-tuning; use bf16-autocast "
                          "(fp32 master weights) or fp32");
    if (device.empty())
        fail("device", "must be auto, cpu, cuda or cuda:N");
    if (logEvery < 1)
        fail("log_every", "must be at least 1");
    if (evalEvery < 0)
        fail("eval_every", "must not be negative");
    if (saveEvery < 0)
        fail("save_every", "must not be negative");
    if (keepCheckpoints < 1)
        fail("keep_checkpoints", "must be at least 1");
}

std::int64_t TrainConfig::resolvedWarmupSteps(std::int64_t totalSteps) const
{
    if (warmupSteps >= 0)
        return std::min(warmupSteps, totalSteps);
    return std::int64_t(std::ceil(warmupRatio * double(totalSteps)));
}

} // namespace sft::finetune
