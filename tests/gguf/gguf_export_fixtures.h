#pragma once
// What test_gguf_export.cpp and test_gguf_export_run.cpp need around the
// exporter, written independently of it: a strict GGUF reader (header, typed
// key/values, tensor table, data decoded from F32 / F16 / BF16 / Q8_0 with
// decoders of its own), tiny Hugging Face model folders (config.json,
// safetensors weights with seeded values, a byte-level BPE or
// SentencePiece-style tokenizer.json), PEFT LoRA folders, and the checks both
// tests make (a tensor against its source, a key's type and value).

#include "core/error.h"
#include "model/model_config.h"
#include "safetensors/checkpoint.h"
#include "safetensors/writer.h"
#include "tokenizer/pretokenizer.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "test_util.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ggufx {

// ---------------------------------------------------------------- reading GGUF

struct Value
{
    std::uint32_t type = 0;       ///< GGUF value type (4 u32, 5 i32, 6 f32, 7 bool, 8 string, 9 array, ...)
    std::uint32_t elemType = 0;   ///< arrays
    std::string str;              ///< strings
    double num = 0;               ///< numbers and bools
    std::vector<std::string> strings;
    std::vector<double> numbers;
};

struct Tensor
{
    std::string name;
    std::vector<std::uint64_t> dims;
    std::uint32_t type = 0;
    std::uint64_t offset = 0;
    std::uint64_t elements() const
    {
        std::uint64_t n = 1;
        for (auto d : dims)
            n *= d;
        return n;
    }
};

inline float halfBits(std::uint16_t h)
{
    const int e = (h >> 10) & 31, m = h & 1023;
    const float s = (h & 0x8000) ? -1.0f : 1.0f;
    if (e == 0)
        return s * std::ldexp(float(m), -24);
    if (e == 31)
        return m ? NAN : s * INFINITY;
    return s * std::ldexp(float(m + 1024), e - 25);
}

inline float bf16Bits(std::uint16_t b)
{
    const std::uint32_t u = std::uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

struct File
{
    std::map<std::string, Value> kv;
    std::vector<Tensor> tensors;
    QByteArray bytes;
    std::uint64_t dataStart = 0;

    const Tensor *tensor(const std::string &name) const
    {
        for (const auto &t : tensors)
            if (t.name == name)
                return &t;
        return nullptr;
    }
    bool has(const std::string &key) const { return kv.count(key) > 0; }
    const Value &at(const std::string &key) const
    {
        const auto it = kv.find(key);
        if (it == kv.end())
            throw std::runtime_error("no key " + key);
        return it->second;
    }
    /** A tensor's values, decoded here; for Q8_0 also the block scales (one per 32 values). */
    std::vector<float> values(const Tensor &t, std::vector<float> *scales = nullptr) const
    {
        const std::uint64_t n = t.elements();
        const auto *p = reinterpret_cast<const std::uint8_t *>(bytes.constData()) + dataStart + t.offset;
        std::vector<float> out(n);
        auto u16 = [&](std::uint64_t at) { return std::uint16_t(p[at] | (p[at + 1] << 8)); };
        if (t.type == 0) {
            std::memcpy(out.data(), p, n * 4);
        } else if (t.type == 1 || t.type == 30) {
            for (std::uint64_t i = 0; i < n; ++i)
                out[i] = t.type == 1 ? halfBits(u16(2 * i)) : bf16Bits(u16(2 * i));
        } else if (t.type == 8) {
            for (std::uint64_t b = 0; b < n / 32; ++b) {
                const float d = halfBits(u16(34 * b));
                if (scales)
                    scales->push_back(d);
                for (int i = 0; i < 32; ++i)
                    out[32 * b + i] = d * float(std::int8_t(p[34 * b + 2 + i]));
            }
        } else {
            throw std::runtime_error("unknown tensor type");
        }
        return out;
    }
};

/** Parse a GGUF v3 file strictly (every read bounds-checked, offsets aligned and in order); throws on anything wrong. */
inline File read(const QString &path)
{
    File f;
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open " + path.toStdString());
    f.bytes = in.readAll();
    const auto *b = reinterpret_cast<const std::uint8_t *>(f.bytes.constData());
    const std::uint64_t size = std::uint64_t(f.bytes.size());
    std::uint64_t p = 0;
    auto need = [&](std::uint64_t n) {
        if (n > size || p > size - n)
            throw std::runtime_error("truncated at " + std::to_string(p));
    };
    auto uint = [&](int n) {
        need(std::uint64_t(n));
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v |= std::uint64_t(b[p + std::uint64_t(i)]) << (8 * i);
        p += std::uint64_t(n);
        return v;
    };
    auto str = [&] {
        const std::uint64_t n = uint(8);
        need(n);
        std::string s(reinterpret_cast<const char *>(b + p), n);
        p += n;
        return s;
    };
    auto scalar = [&](std::uint32_t type) -> double {
        switch (type) {
        case 0: return double(std::uint8_t(uint(1)));
        case 1: return double(std::int8_t(uint(1)));
        case 2: return double(std::uint16_t(uint(2)));
        case 3: return double(std::int16_t(uint(2)));
        case 4: return double(std::uint32_t(uint(4)));
        case 5: return double(std::int32_t(uint(4)));
        case 6: { const auto u = std::uint32_t(uint(4)); float x; std::memcpy(&x, &u, 4); return x; }
        case 7: { const auto v = uint(1); if (v > 1) throw std::runtime_error("bad bool"); return double(v); }
        case 10: return double(uint(8));
        case 11: return double(std::int64_t(uint(8)));
        case 12: { const auto u = uint(8); double x; std::memcpy(&x, &u, 8); return x; }
        }
        throw std::runtime_error("bad value type " + std::to_string(type));
    };
    if (uint(4) != 0x46554747u)
        throw std::runtime_error("bad magic");
    if (uint(4) != 3)
        throw std::runtime_error("not version 3");
    const std::uint64_t tensorCount = uint(8), kvCount = uint(8);
    for (std::uint64_t i = 0; i < kvCount; ++i) {
        const std::string key = str();
        Value v;
        v.type = std::uint32_t(uint(4));
        if (v.type == 8) {
            v.str = str();
        } else if (v.type == 9) {
            v.elemType = std::uint32_t(uint(4));
            const std::uint64_t n = uint(8);
            for (std::uint64_t k = 0; k < n; ++k) {
                if (v.elemType == 8)
                    v.strings.push_back(str());
                else
                    v.numbers.push_back(scalar(v.elemType));
            }
        } else {
            v.num = scalar(v.type);
        }
        if (!f.kv.emplace(key, v).second)
            throw std::runtime_error("duplicate key " + key);
    }
    std::uint64_t expected = 0;
    for (std::uint64_t i = 0; i < tensorCount; ++i) {
        Tensor t;
        t.name = str();
        const auto nd = uint(4);
        for (std::uint64_t d = 0; d < nd; ++d)
            t.dims.push_back(uint(8));
        t.type = std::uint32_t(uint(4));
        t.offset = uint(8);
        if (t.offset != expected)
            throw std::runtime_error("tensor " + t.name + " is not where the previous one ends (padded to 32)");
        const std::uint64_t n = t.elements();
        const std::uint64_t bytes = t.type == 0 ? 4 * n : t.type == 8 ? n / 32 * 34 : 2 * n;
        expected += (bytes + 31) / 32 * 32;
        f.tensors.push_back(t);
    }
    f.dataStart = (p + 31) / 32 * 32;
    if (f.dataStart + expected != size)
        throw std::runtime_error("file size " + std::to_string(size) + " is not data start + tensors");
    return f;
}

// ---------------------------------------------------------------- reading the sources

/** A checkpoint tensor's values (F32 or BF16) read here. */
inline std::vector<float> source(const QString &path, const std::string &name)
{
    const auto ck = sft::safetensors::Checkpoint::open(path.toStdString());
    const auto ref = ck.find(name);
    if (!ref.info)
        throw std::runtime_error("no tensor " + name);
    const std::size_t n = std::size_t(ref.info->numel());
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (ref.info->dtype == sft::safetensors::DType::BF16) {
            std::uint16_t h;
            std::memcpy(&h, ref.data + 2 * i, 2);
            v[i] = ggufx::bf16Bits(h);
        } else {
            std::memcpy(&v[i], ref.data + 4 * i, 4);
        }
    }
    return v;
}

/** llama.cpp's Q/K layout by its definition: GGUF row h·d + 2i + j holds HF row h·d + j·d/2 + i. */
inline std::size_t llamaSourceRow(std::size_t row, std::size_t headDim)
{
    const std::size_t h = row / headDim, w = row % headDim;
    return h * headDim + (w % 2) * (headDim / 2) + w / 2;
}

/** BLOOM's fused QKV: GGUF row p·H + h·D + d (p = q, k, v) holds HF row h·3D + p·D + d. */
inline std::size_t bloomSourceRow(std::size_t row, std::size_t heads, std::size_t headDim)
{
    const std::size_t hidden = heads * headDim, part = row / hidden, h = (row % hidden) / headDim, d = row % headDim;
    return h * 3 * headDim + part * headDim + d;
}

// ---------------------------------------------------------------- writing model folders

inline void writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

inline void writeJson(const QString &path, const QJsonObject &o)
{
    writeText(path, QJsonDocument(o).toJson());
}

/** Seeded values in [-1, 1) (a 64-bit LCG), different for every tensor name. */
inline std::vector<float> seeded(const std::string &name, std::size_t n)
{
    std::uint64_t s = 1469598103934665603ull;
    for (unsigned char c : name)
        s = (s ^ c) * 1099511628211ull;
    std::vector<float> v(n);
    for (auto &x : v) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        x = float(double(s >> 40) / double(1ull << 24) * 2.0 - 1.0);
    }
    return v;
}

/** Every tensor a LLaMA-family config implies (HF names, torch shapes). */
inline std::map<std::string, std::vector<std::int64_t>> llamaShapes(const sft::model::ModelConfig &c)
{
    const std::int64_t V = c.vocabSize, H = c.hiddenSize, I = c.intermediateSize;
    const std::int64_t q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    std::map<std::string, std::vector<std::int64_t>> s{{"model.embed_tokens.weight", {V, H}}, {"model.norm.weight", {H}}};
    if (!c.tieWordEmbeddings)
        s["lm_head.weight"] = {V, H};
    for (std::int64_t l = 0; l < c.numLayers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        s[p + "input_layernorm.weight"] = {H};
        s[p + "post_attention_layernorm.weight"] = {H};
        s[p + "self_attn.q_proj.weight"] = {q, H};
        s[p + "self_attn.k_proj.weight"] = {kv, H};
        s[p + "self_attn.v_proj.weight"] = {kv, H};
        s[p + "self_attn.o_proj.weight"] = {H, q};
        s[p + "mlp.gate_proj.weight"] = {I, H};
        s[p + "mlp.up_proj.weight"] = {I, H};
        s[p + "mlp.down_proj.weight"] = {H, I};
        if (c.qkvBias) {
            s[p + "self_attn.q_proj.bias"] = {q};
            s[p + "self_attn.k_proj.bias"] = {kv};
            s[p + "self_attn.v_proj.bias"] = {kv};
        }
        if (c.oBias)
            s[p + "self_attn.o_proj.bias"] = {H};
        if (c.mlpBias) {
            s[p + "mlp.gate_proj.bias"] = {I};
            s[p + "mlp.up_proj.bias"] = {I};
            s[p + "mlp.down_proj.bias"] = {H};
        }
    }
    return s;
}

/** Write dir/file with seeded values for every tensor of shapes, as F32 or (bf16) BF16 (the top 16 bits). */
inline void writeWeights(const QString &dir, const std::map<std::string, std::vector<std::int64_t>> &shapes, bool bf16 = false,
                         const QString &file = QStringLiteral("model.safetensors"))
{
    std::vector<std::vector<std::uint8_t>> keep;
    std::vector<sft::safetensors::TensorView> views;
    for (const auto &[name, shape] : shapes) {
        std::size_t n = 1;
        for (auto d : shape)
            n *= std::size_t(d);
        const auto v = seeded(name, n);
        std::vector<std::uint8_t> bytes(n * (bf16 ? 2 : 4));
        for (std::size_t i = 0; i < n; ++i) {
            std::uint32_t u;
            std::memcpy(&u, &v[i], 4);
            if (bf16) {
                const std::uint16_t h = std::uint16_t(u >> 16);
                std::memcpy(bytes.data() + 2 * i, &h, 2);
            } else {
                std::memcpy(bytes.data() + 4 * i, &u, 4);
            }
        }
        keep.push_back(std::move(bytes));
        views.push_back({name, bf16 ? sft::safetensors::DType::BF16 : sft::safetensors::DType::F32, shape,
                         keep.back().data(), keep.back().size()});
    }
    QDir().mkpath(dir);
    sft::safetensors::writeFile(QString(dir + QLatin1Char('/') + file).toStdString(), views);
}

/** GPT-2's byte -> printable character table (bytes_to_unicode), as UTF-8 strings. */
inline std::vector<std::string> byteLevelAlphabet()
{
    std::vector<int> cs(256, -1);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
        cs[std::size_t(b)] = printable ? b : 256 + extra++;
    }
    std::vector<std::string> out;
    for (int c : cs) {
        std::string s;
        if (c < 0x80) {
            s += char(c);
        } else {
            s += char(0xC0 | (c >> 6));
            s += char(0x80 | (c & 0x3F));
        }
        out.push_back(s);
    }
    return out;
}

/**
 * A byte-level BPE tokenizer.json: the 256 byte tokens, 4 merges (ids 256-259), then
 * <|endoftext|> 260, <|im_start|> 261, <|im_end|> 262 (special); the Qwen2 split regex unless
 * another pattern is given.
 */
inline QByteArray byteLevelTokenizer(const QString &regex = {})
{
    const auto alphabet = byteLevelAlphabet();
    QJsonObject vocab;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        vocab[QString::fromStdString(alphabet[i])] = int(i);
    const QString G = QString::fromUtf8("\xC4\xA0");   // "Ġ", the byte-level space
    const QStringList merges{G + QStringLiteral(" t"), QStringLiteral("h e"), G + QStringLiteral("t he"), QStringLiteral("a t")};
    int id = 256;
    for (const QString &m : merges)
        vocab[QString(m).remove(QLatin1Char(' '))] = id++;
    QJsonArray added;
    for (const char *t : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"})
        added.append(QJsonObject{{QStringLiteral("id"), id++}, {QStringLiteral("content"), QString::fromUtf8(t)},
                                 {QStringLiteral("special"), true}, {QStringLiteral("normalized"), false},
                                 {QStringLiteral("lstrip"), false}, {QStringLiteral("rstrip"), false},
                                 {QStringLiteral("single_word"), false}});
    const QJsonObject byteLevel{{QStringLiteral("type"), QStringLiteral("ByteLevel")}, {QStringLiteral("add_prefix_space"), false},
                                {QStringLiteral("trim_offsets"), false}, {QStringLiteral("use_regex"), false}};
    const QString pattern = regex.isEmpty() ? QString::fromUtf8(sft::tok::regexPattern(sft::tok::RegexKind::Qwen2)) : regex;
    const QJsonObject split{{QStringLiteral("type"), QStringLiteral("Split")},
                            {QStringLiteral("pattern"), QJsonObject{{QStringLiteral("Regex"), pattern}}},
                            {QStringLiteral("behavior"), QStringLiteral("Isolated")}, {QStringLiteral("invert"), false}};
    const QJsonObject doc{
        {QStringLiteral("version"), QStringLiteral("1.0")},
        {QStringLiteral("added_tokens"), added},
        {QStringLiteral("normalizer"), QJsonValue()},
        {QStringLiteral("pre_tokenizer"), QJsonObject{{QStringLiteral("type"), QStringLiteral("Sequence")},
                                                      {QStringLiteral("pretokenizers"), QJsonArray{split, byteLevel}}}},
        {QStringLiteral("post_processor"), byteLevel},
        {QStringLiteral("decoder"), byteLevel},
        {QStringLiteral("model"), QJsonObject{{QStringLiteral("type"), QStringLiteral("BPE")}, {QStringLiteral("byte_fallback"), false},
                                              {QStringLiteral("ignore_merges"), false}, {QStringLiteral("vocab"), vocab},
                                              {QStringLiteral("merges"), QJsonArray::fromStringList(merges)}}}};
    return QJsonDocument(doc).toJson();
}

/** A LLaMA-family config.json object: hidden 64, 4 heads, 2 KV heads, 2 layers, vocab 263 (patch overrides). */
inline QJsonObject llamaConfig(const QJsonObject &patch = {})
{
    QJsonObject c{{QStringLiteral("model_type"), QStringLiteral("llama")}, {QStringLiteral("vocab_size"), 263},
                  {QStringLiteral("hidden_size"), 64},  {QStringLiteral("intermediate_size"), 96},
                  {QStringLiteral("num_hidden_layers"), 2}, {QStringLiteral("num_attention_heads"), 4},
                  {QStringLiteral("num_key_value_heads"), 2}, {QStringLiteral("max_position_embeddings"), 256},
                  {QStringLiteral("rms_norm_eps"), 1e-5}, {QStringLiteral("rope_theta"), 10000.0},
                  {QStringLiteral("hidden_act"), QStringLiteral("silu")}, {QStringLiteral("tie_word_embeddings"), false},
                  {QStringLiteral("eos_token_id"), QJsonArray{262, 260}}, {QStringLiteral("pad_token_id"), 260}};
    for (auto it = patch.begin(); it != patch.end(); ++it)
        c[it.key()] = it.value();
    return c;
}

/**
 * A SentencePiece-style tokenizer.json (Llama-2's layout): <unk> 0, <s> 1, </s> 2 (special), the byte
 * tokens <0x00>..<0xFF> (3-258), "\u2581" 259, a-z (260-285), then 6 merge results (286-291);
 * byte_fallback, Prepend / Replace normalizers, <s> added first by the post-processor.
 */
inline QByteArray spmTokenizer()
{
    const QString m = QString::fromUtf8("\xE2\x96\x81");
    QJsonObject vocab{{QStringLiteral("<unk>"), 0}, {QStringLiteral("<s>"), 1}, {QStringLiteral("</s>"), 2}};
    for (int b = 0; b < 256; ++b)
        vocab[QStringLiteral("<0x") + QString::number(b, 16).toUpper().rightJustified(2, QLatin1Char('0'))
              + QStringLiteral(">")] = 3 + b;
    vocab[m] = 259;
    for (int c = 0; c < 26; ++c)
        vocab[QString(QChar(u'a' + c))] = 260 + c;
    const QList<QStringList> merges{{m, QStringLiteral("t")}, {QStringLiteral("h"), QStringLiteral("e")},
                                    {m + QStringLiteral("t"), QStringLiteral("he")}, {m, QStringLiteral("c")},
                                    {QStringLiteral("a"), QStringLiteral("t")}, {m + QStringLiteral("c"), QStringLiteral("at")}};
    QJsonArray mergeList;
    int id = 286;
    for (const QStringList &pair : merges) {
        vocab[pair[0] + pair[1]] = id++;
        mergeList.append(QJsonArray{pair[0], pair[1]});   // the newer [a, b] form
    }
    QJsonArray added;
    int special = 0;
    for (const char *t : {"<unk>", "<s>", "</s>"})
        added.append(QJsonObject{{QStringLiteral("id"), special++}, {QStringLiteral("content"), QString::fromUtf8(t)},
                                 {QStringLiteral("special"), true}, {QStringLiteral("normalized"), false}});
    auto obj = [](std::initializer_list<QPair<QString, QJsonValue>> kv) {
        QJsonObject o;
        for (const auto &p : kv)
            o[p.first] = p.second;
        return o;
    };
    const QJsonObject doc = obj({
        {QStringLiteral("version"), QStringLiteral("1.0")},
        {QStringLiteral("added_tokens"), added},
        {QStringLiteral("normalizer"),
         obj({{QStringLiteral("type"), QStringLiteral("Sequence")},
              {QStringLiteral("normalizers"),
               QJsonArray{obj({{QStringLiteral("type"), QStringLiteral("Prepend")}, {QStringLiteral("prepend"), m}}),
                          obj({{QStringLiteral("type"), QStringLiteral("Replace")},
                               {QStringLiteral("pattern"), obj({{QStringLiteral("String"), QStringLiteral(" ")}})},
                               {QStringLiteral("content"), m}})}}})},
        {QStringLiteral("pre_tokenizer"), QJsonValue()},
        {QStringLiteral("post_processor"),
         obj({{QStringLiteral("type"), QStringLiteral("TemplateProcessing")},
              {QStringLiteral("single"),
               QJsonArray{obj({{QStringLiteral("SpecialToken"), obj({{QStringLiteral("id"), QStringLiteral("<s>")},
                                                                      {QStringLiteral("type_id"), 0}})}}),
                          obj({{QStringLiteral("Sequence"), obj({{QStringLiteral("id"), QStringLiteral("A")},
                                                                  {QStringLiteral("type_id"), 0}})}})}},
              {QStringLiteral("special_tokens"),
               obj({{QStringLiteral("<s>"), obj({{QStringLiteral("id"), QStringLiteral("<s>")}, {QStringLiteral("ids"), QJsonArray{1}},
                                                 {QStringLiteral("tokens"), QJsonArray{QStringLiteral("<s>")}}})}})}})},
        {QStringLiteral("decoder"),
         obj({{QStringLiteral("type"), QStringLiteral("Sequence")},
              {QStringLiteral("decoders"),
               QJsonArray{obj({{QStringLiteral("type"), QStringLiteral("Replace")},
                               {QStringLiteral("pattern"), obj({{QStringLiteral("String"), m}})},
                               {QStringLiteral("content"), QStringLiteral(" ")}}),
                          obj({{QStringLiteral("type"), QStringLiteral("ByteFallback")}}),
                          obj({{QStringLiteral("type"), QStringLiteral("Fuse")}})}}})},
        {QStringLiteral("model"),
         obj({{QStringLiteral("type"), QStringLiteral("BPE")}, {QStringLiteral("unk_token"), QStringLiteral("<unk>")},
              {QStringLiteral("fuse_unk"), true}, {QStringLiteral("byte_fallback"), true},
              {QStringLiteral("vocab"), vocab}, {QStringLiteral("merges"), mergeList}})}});
    return QJsonDocument(doc).toJson();
}

/**
 * A complete model folder: config.json, weights for every tensor the config implies, and a
 * tokenizer: the byte-level one with tokenizer_config.json (eos <|im_end|>, pad <|endoftext|>, a
 * chat template) and generation_config.json (eos [262, 260]), or (spm) the SentencePiece-style one
 * with <s> / </s>. Returns the config it wrote.
 */
inline sft::model::ModelConfig writeModel(const QString &dir, const QJsonObject &config, bool bf16 = false, bool spm = false)
{
    writeJson(dir + QStringLiteral("/config.json"), config);
    const auto c = sft::model::ModelConfig::fromFile(QString(dir + QStringLiteral("/config.json")).toStdString());
    writeWeights(dir, llamaShapes(c), bf16);
    if (spm) {
        writeText(dir + QStringLiteral("/tokenizer.json"), spmTokenizer());
        writeJson(dir + QStringLiteral("/tokenizer_config.json"),
                  QJsonObject{{QStringLiteral("bos_token"), QStringLiteral("<s>")}, {QStringLiteral("eos_token"), QStringLiteral("</s>")}});
        return c;
    }
    writeText(dir + QStringLiteral("/tokenizer.json"), byteLevelTokenizer());
    writeJson(dir + QStringLiteral("/tokenizer_config.json"),
              QJsonObject{{QStringLiteral("bos_token"), QJsonValue()}, {QStringLiteral("eos_token"), QStringLiteral("<|im_end|>")},
                          {QStringLiteral("pad_token"), QStringLiteral("<|endoftext|>")}, {QStringLiteral("add_bos_token"), false},
                          {QStringLiteral("chat_template"), QStringLiteral("{{ messages[0]['content'] }}")}});
    writeJson(dir + QStringLiteral("/generation_config.json"), QJsonObject{{QStringLiteral("eos_token_id"), QJsonArray{262, 260}}});
    return c;
}

/**
 * A PEFT LoRA folder for a LLaMA-family config: adapter_config.json (r, lora_alpha, use_rslora, the
 * targets) and adapter_model.safetensors with seeded A [r, in] and B [out, r] (B not zero) for
 * every target of every layer. Returns the PEFT keys' module prefixes written.
 */
inline std::vector<std::string> writePeft(const QString &dir, const sft::model::ModelConfig &c, int rank, double alpha,
                                          bool rslora, const std::vector<std::string> &targets)
{
    QJsonArray names;
    for (const auto &t : targets)
        names.append(QString::fromStdString(t));
    writeJson(dir + QStringLiteral("/adapter_config.json"),
              QJsonObject{{QStringLiteral("peft_type"), QStringLiteral("LORA")}, {QStringLiteral("r"), rank},
                          {QStringLiteral("lora_alpha"), alpha}, {QStringLiteral("use_rslora"), rslora},
                          {QStringLiteral("target_modules"), names}, {QStringLiteral("bias"), QStringLiteral("none")}});
    const std::int64_t H = c.hiddenSize, I = c.intermediateSize, q = c.numHeads * c.headDim, kv = c.numKvHeads * c.headDim;
    const std::map<std::string, std::pair<std::int64_t, std::int64_t>> inOut{
        {"q_proj", {H, q}}, {"k_proj", {H, kv}}, {"v_proj", {H, kv}}, {"o_proj", {q, H}},
        {"gate_proj", {H, I}}, {"up_proj", {H, I}}, {"down_proj", {I, H}}};
    std::map<std::string, std::vector<std::int64_t>> shapes;
    std::vector<std::string> modules;
    for (std::int64_t l = 0; l < c.numLayers; ++l)
        for (const auto &t : targets) {
            const bool mlp = t == "gate_proj" || t == "up_proj" || t == "down_proj";
            const std::string m = "base_model.model.model.layers." + std::to_string(l) + (mlp ? ".mlp." : ".self_attn.") + t;
            const auto [in, out] = inOut.at(t);
            shapes[m + ".lora_A.weight"] = {rank, in};
            shapes[m + ".lora_B.weight"] = {out, rank};
            modules.push_back(m);
        }
    writeWeights(dir, shapes, false, QStringLiteral("adapter_model.safetensors"));
    return modules;
}

// ---------------------------------------------------------------- checks

/** The message of the sft::Error f throws ("" when none; another exception is named as such). */
template <class F> QString errorOf(F &&f)
{
    try {
        f();
    } catch (const sft::Error &e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception &e) {
        return QStringLiteral("<not an sft::Error: %1>").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

/**
 * "" when GGUF tensor `name` holds src with row r taken from src row srcRow(r) (identity when
 * empty), each value within tolerance(source value); else the first difference.
 */
inline QString compare(const File &g, const std::string &name, const std::vector<float> &src,
                       const std::function<std::size_t(std::size_t)> &srcRow = {},
                       const std::function<double(float)> &tolerance = [](float) { return 0.0; })
{
    const Tensor *t = g.tensor(name);
    if (!t)
        return QStringLiteral("no tensor %1").arg(QString::fromStdString(name));
    const auto v = g.values(*t);
    if (v.size() != src.size())
        return QStringLiteral("%1 has %2 values, the source %3").arg(QString::fromStdString(name)).arg(v.size()).arg(src.size());
    const std::size_t cols = t->dims.size() == 2 ? std::size_t(t->dims[0]) : 1, rows = v.size() / cols;
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t from = srcRow ? srcRow(r) : r;
        for (std::size_t c = 0; c < cols; ++c)
            if (std::fabs(double(v[r * cols + c]) - double(src[from * cols + c])) > tolerance(src[from * cols + c]))
                return QStringLiteral("%1 row %2 col %3: %4, source row %5 has %6")
                    .arg(QString::fromStdString(name)).arg(r).arg(c).arg(v[r * cols + c]).arg(from).arg(src[from * cols + c]);
    }
    return {};
}

/** fp16's rounding of x: half a unit in the last place, relative, plus the smallest subnormal. */
inline double halfTolerance(float x)
{
    return std::fabs(double(x)) * std::ldexp(1.0, -11) + std::ldexp(1.0, -24);
}

/** 1e-6 of the largest magnitude in src: fp32 sums taken in another order (a merge by another code) stay within it. */
inline std::function<double(float)> fp32Tolerance(const std::vector<float> &src)
{
    double largest = 0;
    for (float x : src)
        largest = std::max(largest, std::fabs(double(x)));
    return [largest](float) { return 1e-6 * largest; };
}

/** "" when key has this GGUF value type and value (numbers) or str (strings); else what differs. */
inline QString keyCheck(const File &g, const std::string &key, std::uint32_t type, double num = 0, const std::string &str = {})
{
    const QString k = QString::fromStdString(key);
    if (!g.has(key))
        return QStringLiteral("missing key %1").arg(k);
    const Value &v = g.at(key);
    if (v.type != type)
        return QStringLiteral("%1 has value type %2, want %3").arg(k).arg(v.type).arg(type);
    if (type == 8 && v.str != str)
        return QStringLiteral("%1 is \"%2\", want \"%3\"").arg(k, QString::fromStdString(v.str), QString::fromStdString(str));
    if (type != 8 && type != 9 && v.num != num)
        return QStringLiteral("%1 is %2, want %3").arg(k).arg(v.num).arg(num);
    return {};
}

/** Whether this build's sftbench-cli has the commands the CLI tests run (a build without LibTorch has none). */
inline bool cliExports()
{
    static const bool has = [] {
        if (!QFile::exists(sfttest::cliPath()))
            return false;
        const QString help = sfttest::runCli({QStringLiteral("help")}).outText();
        return help.contains(QStringLiteral("export-gguf")) && help.contains(QStringLiteral("init-model"))
               && help.contains(QStringLiteral("train"));
    }();
    return has;
}

/** Every entry of a folder, hidden ones included, sorted. */
inline QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace ggufx

#define KEY(...) do { const QString m_ = ggufx::keyCheck(__VA_ARGS__); QVERIFY2(m_.isEmpty(), qPrintable(m_)); } while (0)
#define SAME(...) do { const QString m_ = ggufx::compare(__VA_ARGS__); QVERIFY2(m_.isEmpty(), qPrintable(m_)); } while (0)
