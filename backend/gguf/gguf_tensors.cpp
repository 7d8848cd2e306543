// The tensor table of a GGUF export and the loaders behind it (see gguf_tensors.h).

#include "gguf/gguf_tensors.h"

#include "core/error.h"
#include "gguf/quantize.h"
#include "model/architecture.h"
#include "model/position_math.h"
#include "safetensors/checkpoint.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>

namespace sft::gguf {

namespace {

using Shape = std::vector<std::int64_t>;

std::string shapeText(const Shape &s)
{
    std::string t = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + "]";
}

[[noreturn]] void refuse(const std::string &file, const std::string &message)
{
    Error::Location where;
    where.file = file;
    throw Error(message, where);
}

bool endsWith(const std::string &s, const std::string &tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/** Builds a row order when a loader runs (never while planning: its size comes from config.json). */
using OrderFn = std::function<std::vector<std::size_t>()>;

/** Rows of a row-major [rows, n / rows] tensor taken in order (new row r = old row order[r]). */
std::vector<float> reorderRows(const std::vector<float> &values, const std::vector<std::size_t> &order)
{
    if (order.empty())
        return values;
    const std::size_t rows = order.size(), cols = values.size() / rows;
    std::vector<float> out(values.size());
    for (std::size_t r = 0; r < rows; ++r)
        std::memcpy(out.data() + r * cols, values.data() + order[r] * cols, cols * sizeof(float));
    return out;
}

/** w [out, in] += scale · B [out, r] · A [r, in], each sum in double, then rounded once to float. */
void addLoraDelta(std::vector<float> &w, const std::vector<float> &a, const std::vector<float> &b, std::size_t out,
                  std::size_t in, double scale)
{
    const std::size_t rank = out ? b.size() / out : 0;
    std::vector<double> row(in);
    for (std::size_t o = 0; o < out; ++o) {
        std::fill(row.begin(), row.end(), 0.0);
        for (std::size_t k = 0; k < rank; ++k) {
            const double bk = b[o * rank + k];
            const float *ak = a.data() + k * in;
            for (std::size_t i = 0; i < in; ++i)
                row[i] += bk * double(ak[i]);
        }
        float *wo = w.data() + o * in;
        for (std::size_t i = 0; i < in; ++i)
            wo[i] = float(double(wo[i]) + scale * row[i]);
    }
}

/** Collects the tensors of one file, checking each against the shape the config implies. */
class Planner
{
public:
    Planner(std::shared_ptr<const safetensors::Checkpoint> ckpt, std::string dir, const LoraMerge *merge)
        : m_ckpt(std::move(ckpt)), m_dir(std::move(dir)), m_merge(merge) {}

    /** The checkpoint's tensor called name (BLOOM: also without "transformer."), checked; recorded as used. */
    safetensors::TensorRef need(const std::string &name, const Shape &shape, const std::string &why)
    {
        std::string found = name;
        safetensors::TensorRef ref = m_ckpt->find(name);
        const std::string prefix = "transformer.";
        if (!ref.info && name.compare(0, prefix.size(), prefix) == 0) {
            found = name.substr(prefix.size());
            ref = m_ckpt->find(found);
        }
        if (!ref.info)
            refuse(m_dir, "tensor \"" + name + "\" is missing from the checkpoint (config.json implies it: " + why + ")");
        checkTensor(ref, found, shape, why);
        m_used.insert(found);
        return ref;
    }

    static void checkTensor(const safetensors::TensorRef &ref, const std::string &name, const Shape &shape,
                            const std::string &why)
    {
        const auto dt = ref.info->dtype;
        if (dt != safetensors::DType::F32 && dt != safetensors::DType::F16 && dt != safetensors::DType::BF16)
            refuse(ref.file->path(), "tensor \"" + name + "\" is " + safetensors::dtypeName(dt)
                                         + "; a GGUF export reads F32, F16 or BF16 weights");
        if (ref.info->shape != shape)
            refuse(ref.file->path(), "tensor \"" + name + "\" has shape " + shapeText(ref.info->shape)
                                         + " but config.json implies " + shapeText(shape) + " (" + why + ")");
    }

    void add(const std::string &gguf, const std::string &hf, const Shape &shape, const std::string &why,
             OrderFn order = {})
    {
        const safetensors::TensorRef ref = need(hf, shape, why);
        TensorSpec t;
        t.name = gguf;
        t.dims.assign(shape.rbegin(), shape.rend());
        t.matrix = shape.size() == 2;
        auto keep = m_ckpt;   // the mapping must outlive the loader
        const LoraPair *pair = nullptr;
        if (m_merge)
            for (const LoraPair &p : m_merge->pairs)
                if (p.weight == hf)
                    pair = &p;
        if (pair) {
            ++m_merged;
            t.loader = [keep, adapter = m_merge->adapter, ref, p = *pair, scale = m_merge->scale, order] {
                std::vector<float> w = readTensor(ref);
                addLoraDelta(w, readTensor(p.a), readTensor(p.b), std::size_t(p.out), std::size_t(p.in), scale);
                return order ? reorderRows(w, order()) : w;
            };
        } else {
            t.loader = [keep, ref, order] { return order ? readTensor(ref, order()) : readTensor(ref); };
        }
        m_out.push_back(std::move(t));
    }

    /** How many weights got a LoRA pair merged in. */
    std::size_t merged() const { return m_merged; }

    std::vector<std::string> unused(const model::ModelConfig &config) const
    {
        std::vector<std::string> out;
        for (const std::string &n : m_ckpt->names())
            if (!m_used.count(n) && !endsWith(n, "rotary_emb.inv_freq")
                && !(config.tieWordEmbeddings && n == "lm_head.weight"))
                out.push_back(n);
        return out;
    }

    std::vector<TensorSpec> &tensors() { return m_out; }

private:
    std::shared_ptr<const safetensors::Checkpoint> m_ckpt;
    std::string m_dir;
    const LoraMerge *m_merge = nullptr;
    std::size_t m_merged = 0;
    std::set<std::string> m_used;
    std::vector<TensorSpec> m_out;
};

void planLlama(Planner &p, const model::ModelConfig &c, bool permute)
{
    const std::int64_t V = c.vocabSize, H = c.hiddenSize, I = c.intermediateSize;
    const std::int64_t q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const std::string qWhy = "num_attention_heads x head_dim, hidden_size";
    const std::string kvWhy = "num_key_value_heads x head_dim, hidden_size";
    const std::int64_t heads = c.numHeads, kvHeads = c.numKvHeads;
    const OrderFn qOrder = permute ? OrderFn([q, heads] { return llamaRopeOrder(q, heads); }) : OrderFn();
    const OrderFn kOrder = permute ? OrderFn([kv, kvHeads] { return llamaRopeOrder(kv, kvHeads); }) : OrderFn();
    p.add("token_embd.weight", "model.embed_tokens.weight", {V, H}, "vocab_size, hidden_size");
    for (std::int64_t l = 0; l < c.numLayers; ++l) {
        const std::string hf = "model.layers." + std::to_string(l) + ".", b = "blk." + std::to_string(l) + ".";
        p.add(b + "attn_norm.weight", hf + "input_layernorm.weight", {H}, "hidden_size");
        p.add(b + "attn_q.weight", hf + "self_attn.q_proj.weight", {q, H}, qWhy, qOrder);
        p.add(b + "attn_k.weight", hf + "self_attn.k_proj.weight", {kv, H}, kvWhy, kOrder);
        p.add(b + "attn_v.weight", hf + "self_attn.v_proj.weight", {kv, H}, kvWhy);
        if (c.qkvBias) {
            p.add(b + "attn_q.bias", hf + "self_attn.q_proj.bias", {q}, qWhy, qOrder);
            p.add(b + "attn_k.bias", hf + "self_attn.k_proj.bias", {kv}, kvWhy, kOrder);
            p.add(b + "attn_v.bias", hf + "self_attn.v_proj.bias", {kv}, kvWhy);
        }
        p.add(b + "attn_output.weight", hf + "self_attn.o_proj.weight", {H, q}, "hidden_size, num_attention_heads x head_dim");
        if (c.oBias)
            p.add(b + "attn_output.bias", hf + "self_attn.o_proj.bias", {H}, "attention_bias");
        p.add(b + "ffn_norm.weight", hf + "post_attention_layernorm.weight", {H}, "hidden_size");
        p.add(b + "ffn_gate.weight", hf + "mlp.gate_proj.weight", {I, H}, "intermediate_size, hidden_size");
        p.add(b + "ffn_up.weight", hf + "mlp.up_proj.weight", {I, H}, "intermediate_size, hidden_size");
        p.add(b + "ffn_down.weight", hf + "mlp.down_proj.weight", {H, I}, "hidden_size, intermediate_size");
        if (c.mlpBias) {
            p.add(b + "ffn_gate.bias", hf + "mlp.gate_proj.bias", {I}, "mlp_bias");
            p.add(b + "ffn_up.bias", hf + "mlp.up_proj.bias", {I}, "mlp_bias");
            p.add(b + "ffn_down.bias", hf + "mlp.down_proj.bias", {H}, "mlp_bias");
        }
    }
    p.add("output_norm.weight", "model.norm.weight", {H}, "hidden_size");
    if (!c.tieWordEmbeddings)
        p.add("output.weight", "lm_head.weight", {V, H}, "vocab_size, hidden_size, tie_word_embeddings false");
    if (c.ropeScaling.type == model::RopeScaling::Type::Llama3) {
        // llama.cpp divides each base frequency by this factor: base / scaled per dimension pair.
        const auto base = model::posmath::ropeBaseFrequencies(c.ropeTheta, c.headDim);
        const auto scaled = model::posmath::ropeFrequencies(c).inverseFrequencies;
        std::vector<float> factors(base.size());
        for (std::size_t i = 0; i < base.size(); ++i)
            factors[i] = float(base[i] / scaled[i]);
        TensorSpec t;
        t.name = "rope_freqs.weight";
        t.dims = {std::uint64_t(factors.size())};
        t.loader = [factors] { return factors; };
        p.tensors().push_back(std::move(t));
    }
}

void planBloom(Planner &p, const model::ModelConfig &c)
{
    const std::int64_t V = c.vocabSize, H = c.hiddenSize, I = c.intermediateSize;
    const std::int64_t heads = c.numHeads, headDim = c.headDim;
    const OrderFn qkvOrder = [heads, headDim] { return bloomQkvOrder(heads, headDim); };
    const std::string t = "transformer.";
    p.add("token_embd.weight", t + "word_embeddings.weight", {V, H}, "vocab_size, hidden_size");
    p.add("token_embd_norm.weight", t + "word_embeddings_layernorm.weight", {H}, "hidden_size");
    p.add("token_embd_norm.bias", t + "word_embeddings_layernorm.bias", {H}, "hidden_size");
    for (std::int64_t l = 0; l < c.numLayers; ++l) {
        const std::string hf = t + "h." + std::to_string(l) + ".", b = "blk." + std::to_string(l) + ".";
        p.add(b + "attn_norm.weight", hf + "input_layernorm.weight", {H}, "hidden_size");
        p.add(b + "attn_norm.bias", hf + "input_layernorm.bias", {H}, "hidden_size");
        p.add(b + "attn_qkv.weight", hf + "self_attention.query_key_value.weight", {3 * H, H}, "3 x hidden_size, hidden_size",
              qkvOrder);
        p.add(b + "attn_qkv.bias", hf + "self_attention.query_key_value.bias", {3 * H}, "3 x hidden_size", qkvOrder);
        p.add(b + "attn_output.weight", hf + "self_attention.dense.weight", {H, H}, "hidden_size, hidden_size");
        p.add(b + "attn_output.bias", hf + "self_attention.dense.bias", {H}, "hidden_size");
        p.add(b + "ffn_norm.weight", hf + "post_attention_layernorm.weight", {H}, "hidden_size");
        p.add(b + "ffn_norm.bias", hf + "post_attention_layernorm.bias", {H}, "hidden_size");
        p.add(b + "ffn_up.weight", hf + "mlp.dense_h_to_4h.weight", {I, H}, "4 x hidden_size, hidden_size");
        p.add(b + "ffn_up.bias", hf + "mlp.dense_h_to_4h.bias", {I}, "4 x hidden_size");
        p.add(b + "ffn_down.weight", hf + "mlp.dense_4h_to_h.weight", {H, I}, "hidden_size, 4 x hidden_size");
        p.add(b + "ffn_down.bias", hf + "mlp.dense_4h_to_h.bias", {H}, "hidden_size");
    }
    p.add("output_norm.weight", t + "ln_f.weight", {H}, "hidden_size");
    p.add("output_norm.bias", t + "ln_f.bias", {H}, "hidden_size");
    if (!c.tieWordEmbeddings)
        p.add("output.weight", "lm_head.weight", {V, H}, "vocab_size, hidden_size, tie_word_embeddings false");
}

/** The number after "layers." or "h." in a module path; -1 when there is none. */
std::int64_t layerOf(const std::string &module)
{
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const std::size_t dot = module.find('.', start);
        parts.push_back(module.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string &n = parts[i];
        if ((parts[i - 1] == "layers" || parts[i - 1] == "h") && !n.empty() && n.size() < 10
            && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::stoll(n);
    }
    return -1;
}

/** llama.cpp's name of a projection of one layer (without "blk.N." and ".weight"). */
std::string ggufProjection(const std::string &hf)
{
    static const std::map<std::string, std::string> names = {
        {"q_proj", "attn_q"},        {"k_proj", "attn_k"},          {"v_proj", "attn_v"},
        {"o_proj", "attn_output"},   {"gate_proj", "ffn_gate"},     {"up_proj", "ffn_up"},
        {"down_proj", "ffn_down"},   {"query_key_value", "attn_qkv"}, {"dense", "attn_output"},
        {"dense_h_to_4h", "ffn_up"}, {"dense_4h_to_h", "ffn_down"}};
    return names.at(hf);
}

/** The rows of a projection's output that llama.cpp reorders (empty: none), built when called. */
OrderFn outputOrder(const model::ModelConfig &c, const std::string &proj)
{
    const bool llama = ggufArchitecture(c) == "llama";
    const std::int64_t heads = c.numHeads, kvHeads = c.numKvHeads, d = c.headDim;
    if (llama && proj == "q_proj")
        return [heads, d] { return llamaRopeOrder(heads * d, heads); };
    if (llama && proj == "k_proj")
        return [kvHeads, d] { return llamaRopeOrder(kvHeads * d, kvHeads); };
    if (proj == "query_key_value")
        return [heads, d] { return bloomQkvOrder(heads, d); };
    return {};
}

} // namespace

std::string ggufArchitecture(const model::ModelConfig &config)
{
    if (config.architecture == model::Architecture::Bloom)
        return "bloom";
    return config.modelType == "qwen2" ? "qwen2" : "llama";
}

std::vector<std::size_t> llamaRopeOrder(std::int64_t rows, std::int64_t heads)
{
    const std::int64_t d = rows / heads, half = d / 2;
    std::vector<std::size_t> order(static_cast<std::size_t>(rows));
    for (std::int64_t h = 0; h < heads; ++h)
        for (std::int64_t i = 0; i < half; ++i)
            for (std::int64_t j = 0; j < 2; ++j)
                order[std::size_t(h * d + 2 * i + j)] = std::size_t(h * d + j * half + i);
    return order;
}

std::vector<std::size_t> bloomQkvOrder(std::int64_t heads, std::int64_t headDim)
{
    std::vector<std::size_t> order;
    order.reserve(std::size_t(3 * heads * headDim));
    for (std::int64_t part = 0; part < 3; ++part)
        for (std::int64_t h = 0; h < heads; ++h)
            for (std::int64_t i = 0; i < headDim; ++i)
                order.push_back(std::size_t(h * 3 * headDim + part * headDim + i));
    return order;
}

std::vector<float> readTensor(const safetensors::TensorRef &ref, const std::vector<std::size_t> &rowOrder)
{
    const std::size_t n = std::size_t(ref.info->numel());
    std::vector<float> values(n);
    const std::uint8_t *src = ref.data;   // the mapping may be unaligned: copy element by element
    switch (ref.info->dtype) {
    case safetensors::DType::F32:
        if (n)
            std::memcpy(values.data(), src, n * sizeof(float));
        break;
    case safetensors::DType::F16:
    case safetensors::DType::BF16: {
        const bool half = ref.info->dtype == safetensors::DType::F16;
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t bits;
            std::memcpy(&bits, src + 2 * i, 2);
            values[i] = half ? halfToFloat(bits) : bf16ToFloat(bits);
        }
        break;
    }
    default:
        throw Error(std::string("tensor \"") + ref.info->name + "\" is " + safetensors::dtypeName(ref.info->dtype)
                    + "; a GGUF export reads F32, F16 or BF16 weights");
    }
    return reorderRows(values, rowOrder);
}

std::vector<TensorSpec> planModelTensors(const std::shared_ptr<const safetensors::Checkpoint> &ckpt,
                                         const model::ModelConfig &config, const std::string &modelDir,
                                         std::vector<std::string> &unused, const LoraMerge *merge)
{
    Planner p(ckpt, modelDir, merge);
    if (config.architecture == model::Architecture::Bloom)
        planBloom(p, config);
    else
        planLlama(p, config, ggufArchitecture(config) == "llama");
    if (merge && p.merged() != merge->pairs.size())   // every pair adapts a layer projection the plan reads
        throw Error("internal error: " + std::to_string(merge->pairs.size() - p.merged())
                    + " LoRA pair(s) matched no weight of the model");
    unused = p.unused(config);
    return std::move(p.tensors());
}

std::vector<LoraPair> loraPairs(const safetensors::Checkpoint &ckpt, const model::ModelConfig &config, std::int64_t rank)
{
    const std::string head = "base_model.model.", tailA = ".lora_A.weight", tailB = ".lora_B.weight";
    const auto projections = model::layerProjectionNames(config.architecture);
    // (layer, projection index) -> the A and B tensors with their names
    std::map<std::pair<std::int64_t, std::size_t>, std::pair<std::string, std::string>> pairs;
    std::string file;
    for (const std::string &key : ckpt.names()) {
        const safetensors::TensorRef ref = ckpt.find(key);
        file = ref.file->path();
        const bool isA = endsWith(key, tailA), isB = endsWith(key, tailB);
        if (key.compare(0, head.size(), head) != 0 || (!isA && !isB))
            refuse(file, "tensor \"" + key + "\" is not a LoRA matrix of a layer projection (base_model.model.<module>."
                                             "lora_A.weight / lora_B.weight): it cannot be written to a GGUF adapter");
        const std::string module = key.substr(head.size(), key.size() - head.size() - tailA.size());
        const std::size_t dot = module.rfind('.');
        const std::string proj = dot == std::string::npos ? module : module.substr(dot + 1);
        const auto at = std::find(projections.begin(), projections.end(), proj);
        const std::int64_t layer = layerOf(module);
        bool known = at != projections.end() && layer >= 0 && layer < config.numLayers;
        if (known) {
            const std::string path = model::layerProjectionPath(config.architecture, layer, proj);
            known = module == path || (path.compare(0, 12, "transformer.") == 0 && module == path.substr(12));
        }
        if (!known)
            refuse(file, "tensor \"" + key + "\": \"" + module + "\" is not a projection of this "
                             + model::architectureName(config.architecture)
                             + " model's layers; only those can be written to a GGUF LoRA adapter");
        auto &slot = pairs[{layer, std::size_t(at - projections.begin())}];
        (isA ? slot.first : slot.second) = key;
    }
    if (pairs.empty())
        refuse(file, "the adapter holds no LoRA tensors");
    std::vector<LoraPair> out;
    for (const auto &[where, names] : pairs) {
        const std::string &proj = projections[where.second];
        if (names.first.empty() || names.second.empty())
            refuse(file, "tensor \"" + (names.first.empty() ? names.second : names.first) + "\" has no "
                             + (names.first.empty() ? "lora_A" : "lora_B") + " partner");
        const auto [in, outF] = model::layerProjectionShape(config, proj);
        LoraPair p;
        p.layer = where.first;
        p.projection = proj;
        p.weight = model::layerProjectionPath(config.architecture, where.first, proj) + ".weight";
        p.keyA = names.first;
        p.keyB = names.second;
        p.a = ckpt.find(names.first);
        p.b = ckpt.find(names.second);
        p.in = in;
        p.out = outF;
        const std::string why = "adapter_config.json r and the base model's " + proj;
        Planner::checkTensor(p.a, names.first, {rank, in}, why);
        Planner::checkTensor(p.b, names.second, {outF, rank}, why);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<TensorSpec> planLoraTensors(const std::shared_ptr<const safetensors::Checkpoint> &ckpt,
                                        const model::ModelConfig &config, std::int64_t rank)
{
    std::vector<TensorSpec> out;
    for (const LoraPair &p : loraPairs(*ckpt, config, rank)) {
        const std::string base = "blk." + std::to_string(p.layer) + "." + ggufProjection(p.projection) + ".weight";
        auto keep = ckpt;
        TensorSpec ta{base + ".lora_a", {std::uint64_t(p.in), std::uint64_t(rank)}, true,
                      [keep, a = p.a] { return readTensor(a); }};
        TensorSpec tb{base + ".lora_b", {std::uint64_t(rank), std::uint64_t(p.out)}, true,
                      [keep, b = p.b, order = outputOrder(config, p.projection)] {
                          return order ? readTensor(b, order()) : readTensor(b);
                      }};
        out.push_back(std::move(ta));
        out.push_back(std::move(tb));
    }
    return out;
}

} // namespace sft::gguf
