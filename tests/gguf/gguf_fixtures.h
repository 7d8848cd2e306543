#pragma once
// Model folders for the llama.cpp test that `init-model` cannot write:
// - a Qwen2-style model: the demo model's weights with Q/K/V biases added
//   (seeded values) and model_type "qwen2";
// - a SentencePiece-style model: a tokenizer.json as the Llama-2 conversion
//   writes it (normalizer Prepend "▁" + Replace " " -> "▁", BPE with
//   byte_fallback, the 256 <0xXX> byte tokens, <unk> <s> </s>, add_bos) over a
//   small vocabulary, and a seeded llama model of that vocabulary size plus a
//   few padding rows (zero output rows for padding, <unk>, <s> and the byte
//   tokens: never the most likely token).
// Values come from a seeded generator of our own (std::normal_distribution is
// not the same on every standard library), so the files are identical on every
// machine.

#include "safetensors/file.h"
#include "safetensors/writer.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ggufix {

using ojson = nlohmann::ordered_json;

/** Normal values from a fixed seed, the same everywhere (Box-Muller over mt19937's 32-bit words). */
class Gauss
{
public:
    explicit Gauss(std::uint32_t seed) : m_rng(seed) {}
    float next(float stddev)
    {
        const double u1 = (static_cast<double>(m_rng() >> 8) + 1.0) / 16777217.0;   // (0, 1]
        const double u2 = static_cast<double>(m_rng() >> 8) / 16777216.0;
        return static_cast<float>(stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    }
    std::vector<float> vec(std::size_t n, float stddev, float mean = 0.0F)
    {
        std::vector<float> v(n);
        for (float &x : v)
            x = mean + next(stddev);
        return v;
    }

private:
    std::mt19937 m_rng;
};

struct F32Tensor
{
    std::vector<std::int64_t> shape;
    std::vector<float> data;
};
using Weights = std::map<std::string, F32Tensor>;

inline Weights readF32(const std::string &path)
{
    const auto file = sft::safetensors::File::open(path);
    Weights w;
    for (const auto &info : file.header().tensors) {
        if (info.dtype != sft::safetensors::DType::F32)
            throw std::runtime_error("fixture source tensor is not F32: " + info.name);
        F32Tensor t{info.shape, std::vector<float>(static_cast<std::size_t>(info.numel()))};
        std::memcpy(t.data.data(), file.data(info), info.byteSize());
        w[info.name] = std::move(t);
    }
    return w;
}

inline void writeF32(const std::string &path, const Weights &w)
{
    std::vector<sft::safetensors::TensorView> views;
    for (const auto &[name, t] : w)
        views.push_back({name, sft::safetensors::DType::F32, t.shape, t.data.data(), t.data.size() * sizeof(float)});
    sft::safetensors::writeFile(path, views, {{"format", "pt"}});
}

inline void writeJson(const QString &path, const ojson &j)
{
    std::ofstream(path.toStdString(), std::ios::binary) << j.dump(2) << '\n';
}

inline ojson readJson(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return ojson::parse(in);
}

/**
 * The Qwen2-style model in dir from the llama demo model in demoDir: the same weights and
 * tokenizer, model_type qwen2 (llama.cpp's qwen2: NEOX RoPE, so no Q/K permutation), and Q/K/V
 * biases of a size that changes what the model generates.
 */
inline void writeQwen2FromDemo(const QString &demoDir, const QString &dir)
{
    QDir().mkpath(dir);
    for (const char *f : {"tokenizer.json", "tokenizer_config.json", "generation_config.json"})
        QFile::copy(demoDir + QLatin1Char('/') + QLatin1String(f), dir + QLatin1Char('/') + QLatin1String(f));
    ojson cfg = readJson(demoDir + QStringLiteral("/config.json"));
    cfg.erase("attention_bias");
    cfg.erase("mlp_bias");
    cfg["model_type"] = "qwen2";
    cfg["architectures"] = ojson::array({"Qwen2ForCausalLM"});
    cfg["use_sliding_window"] = false;
    cfg["sliding_window"] = nullptr;
    writeJson(dir + QStringLiteral("/config.json"), cfg);

    Weights w = readF32(QString(demoDir + QStringLiteral("/model.safetensors")).toStdString());
    const std::int64_t layers = cfg["num_hidden_layers"], heads = cfg["num_attention_heads"],
                       kvHeads = cfg["num_key_value_heads"], headDim = cfg["head_dim"];
    Gauss g(20240601);
    for (std::int64_t l = 0; l < layers; ++l)
        for (const auto &[proj, rows] : {std::pair<const char *, std::int64_t>{"q", heads * headDim},
                                         {"k", kvHeads * headDim}, {"v", kvHeads * headDim}})
            w["model.layers." + std::to_string(l) + ".self_attn." + proj + "_proj.bias"] =
                F32Tensor{{rows}, g.vec(static_cast<std::size_t>(rows), 0.3F)};
    writeF32(QString(dir + QStringLiteral("/model.safetensors")).toStdString(), w);
}

/** Words whose "▁"-prefixed forms (and every prefix of those) are pieces of the SentencePiece fixture. */
inline std::vector<std::string> spmWords()
{
    return {"the", "of", "and", "to", "in", "is", "it", "that", "was", "for", "on", "are", "with", "as", "be",
            "at", "this", "have", "from", "or", "one", "had", "by", "word", "but", "not", "what", "all", "were",
            "we", "when", "your", "can", "said", "there", "use", "each", "which", "she", "do", "how", "their",
            "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so", "some", "her",
            "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see",
            "number", "no", "way", "could", "people", "my", "than", "first", "water", "been", "call", "who",
            "its", "now", "find", "long", "down", "day", "did", "get", "come", "made", "may", "part", "hello",
            "world", "give", "three", "tips", "staying", "healthy", "capital", "france", "poem", "sea",
            "explain", "short", "story", "cat", "sat", "mat"};
}

/**
 * A SentencePiece-style tokenizer.json (the layout of Llama-2's converted tokenizer) and its
 * tokenizer_config.json in dir; returns the number of tokens. Pieces: "▁", the letters and a few
 * punctuation marks, every prefix of "▁" + word, and word-inner pieces ("in", "ing", "er", "th",
 * "the", ...). As the SentencePiece -> BPE conversion does, the merges are every pair of pieces
 * whose concatenation is a piece, ranked by that piece's score (here: shorter first, then
 * alphabetical), so llama.cpp's score-driven merging and the BPE merge ranks agree.
 */
inline int writeSpmTokenizer(const QString &dir)
{
    const std::string sp = "\xE2\x96\x81";   // ▁
    std::vector<std::string> chars{sp};
    for (char c = 'a'; c <= 'z'; ++c)
        chars.emplace_back(1, c);
    for (char c = 'A'; c <= 'Z'; ++c)
        chars.emplace_back(1, c);
    for (const char *p : {".", ",", "!", "?", "'", "-", ":", "(", ")"})
        chars.emplace_back(p);

    std::set<std::string> pieceSet;
    for (const std::string &w : spmWords()) {
        const std::string full = sp + w;
        for (std::size_t n = sp.size() + 1; n <= full.size(); ++n)
            pieceSet.insert(full.substr(0, n));
    }
    for (const char *inner : {"in", "ing", "er", "th", "the", "on", "an", "re", "es", "ed", "ou", "at", "en", "ly"})
        pieceSet.insert(inner);
    std::vector<std::string> pieces(pieceSet.begin(), pieceSet.end());
    auto chars32 = [](const std::string &s) {   // length in code points ("▁" is one)
        return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    };
    std::stable_sort(pieces.begin(), pieces.end(),
                     [&](const std::string &a, const std::string &b) { return chars32(a) < chars32(b); });

    ojson vocab = ojson::object();
    std::vector<std::string> idToPiece;
    auto add = [&](const std::string &p) {
        vocab[p] = static_cast<int>(idToPiece.size());
        idToPiece.push_back(p);
    };
    for (const char *s : {"<unk>", "<s>", "</s>"})
        add(s);
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        add(name);
    }
    for (const std::string &c : chars)
        add(c);
    for (const std::string &p : pieces)
        add(p);

    // Merges: for each multi-character piece in score order, every split into two pieces.
    ojson merges = ojson::array();
    for (const std::string &p : pieces) {
        for (std::size_t cut = 1; cut < p.size(); ++cut) {
            if ((static_cast<unsigned char>(p[cut]) & 0xC0) == 0x80)
                continue;   // not a code point boundary
            const std::string a = p.substr(0, cut), b = p.substr(cut);
            if (vocab.contains(a) && vocab.contains(b))
                merges.push_back(a + " " + b);
        }
    }

    auto added = [](int id, const char *content) {
        return ojson{{"id", id}, {"content", content}, {"single_word", false}, {"lstrip", false},
                     {"rstrip", false}, {"normalized", false}, {"special", true}};
    };
    ojson tok = {
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", ojson::array({added(0, "<unk>"), added(1, "<s>"), added(2, "</s>")})},
        {"normalizer", {{"type", "Sequence"},
                        {"normalizers", ojson::array({{{"type", "Prepend"}, {"prepend", sp}},
                                                      {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", sp}}})}}},
        {"pre_tokenizer", nullptr},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", ojson::array({{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                   {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
          {"pair", ojson::array({{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                 {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
                                 {{"SpecialToken", {{"id", "<s>"}, {"type_id", 1}}}},
                                 {{"Sequence", {{"id", "B"}, {"type_id", 1}}}}})},
          {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", ojson::array({1})}, {"tokens", ojson::array({"<s>"})}}}}}}},
        {"decoder", {{"type", "Sequence"},
                     {"decoders", ojson::array({{{"type", "Replace"}, {"pattern", {{"String", sp}}}, {"content", " "}},
                                                {{"type", "ByteFallback"}},
                                                {{"type", "Fuse"}},
                                                {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}})}}},
        {"model", {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", "<unk>"}, {"continuing_subword_prefix", nullptr},
                   {"end_of_word_suffix", nullptr}, {"fuse_unk", true}, {"byte_fallback", true},
                   {"ignore_merges", false}, {"vocab", vocab}, {"merges", merges}}}};
    QDir().mkpath(dir);
    writeJson(dir + QStringLiteral("/tokenizer.json"), tok);
    writeJson(dir + QStringLiteral("/tokenizer_config.json"),
              ojson{{"add_bos_token", true}, {"add_eos_token", false}, {"bos_token", "<s>"}, {"eos_token", "</s>"},
                    {"unk_token", "<unk>"}, {"pad_token", nullptr}, {"legacy", true},
                    {"clean_up_tokenization_spaces", false}, {"model_max_length", 256},
                    {"tokenizer_class", "LlamaTokenizer"}});
    return static_cast<int>(idToPiece.size());
}

/**
 * A seeded llama model for the SentencePiece tokenizer in dir (writeSpmTokenizer first):
 * 2 layers, hidden 64, 4 heads of 16 with 2 KV heads, vocab_size = tokens + padRows. Weights are
 * scaled so the next-token logits spread over several units (greedy choices are not near ties).
 */
inline void writeSpmModel(const QString &dir, int tokens, int padRows)
{
    const int vocab = tokens + padRows, hidden = 64, layers = 2, heads = 4, kvHeads = 2, headDim = 16, inter = 160;
    writeJson(dir + QStringLiteral("/config.json"),
              ojson{{"architectures", ojson::array({"LlamaForCausalLM"})}, {"model_type", "llama"},
                    {"vocab_size", vocab}, {"hidden_size", hidden}, {"intermediate_size", inter},
                    {"num_hidden_layers", layers}, {"num_attention_heads", heads}, {"num_key_value_heads", kvHeads},
                    {"head_dim", headDim}, {"hidden_act", "silu"}, {"max_position_embeddings", 256},
                    {"rms_norm_eps", 1e-5}, {"rope_theta", 10000.0}, {"rope_scaling", nullptr},
                    {"attention_bias", false}, {"mlp_bias", false}, {"tie_word_embeddings", false},
                    {"bos_token_id", 1}, {"eos_token_id", 2}, {"torch_dtype", "float32"}});
    writeJson(dir + QStringLiteral("/generation_config.json"),
              ojson{{"bos_token_id", 1}, {"eos_token_id", 2}, {"do_sample", false}, {"max_new_tokens", 64}});

    Gauss g(7);
    Weights w;
    auto mat = [&](const std::string &name, int rows, int cols, float stddev) {
        w[name] = F32Tensor{{rows, cols}, g.vec(static_cast<std::size_t>(rows) * cols, stddev)};
    };
    auto norm = [&](const std::string &name) { w[name] = F32Tensor{{hidden}, g.vec(hidden, 0.1F, 1.0F)}; };
    const float in = 1.0F / std::sqrt(static_cast<float>(hidden));
    mat("model.embed_tokens.weight", vocab, hidden, 1.0F);
    for (int l = 0; l < layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        norm(p + "input_layernorm.weight");
        norm(p + "post_attention_layernorm.weight");
        mat(p + "self_attn.q_proj.weight", heads * headDim, hidden, 2.0F * in);
        mat(p + "self_attn.k_proj.weight", kvHeads * headDim, hidden, 2.0F * in);
        mat(p + "self_attn.v_proj.weight", kvHeads * headDim, hidden, in);
        mat(p + "self_attn.o_proj.weight", hidden, heads * headDim, in);
        mat(p + "mlp.gate_proj.weight", inter, hidden, in);
        mat(p + "mlp.up_proj.weight", inter, hidden, in);
        mat(p + "mlp.down_proj.weight", hidden, inter, 1.0F / std::sqrt(static_cast<float>(inter)));
    }
    norm("model.norm.weight");
    mat("lm_head.weight", vocab, hidden, 3.0F * in);
    // Zero output rows (logit 0, never the largest: greedy generation cannot choose them) for <unk>,
    // <s>, the byte tokens and the padding rows. The byte tokens are still tested through
    // tokenization; generated alone they would decode to broken UTF-8, which Hugging Face's
    // ByteFallback decoder and llama.cpp turn into text differently.
    std::vector<float> &head = w["lm_head.weight"].data;
    for (int id : {0, 1})
        std::fill_n(head.begin() + static_cast<std::ptrdiff_t>(id) * hidden, hidden, 0.0F);
    std::fill(head.begin() + 3 * hidden, head.begin() + 259 * hidden, 0.0F);
    std::fill(head.begin() + static_cast<std::ptrdiff_t>(tokens) * hidden, head.end(), 0.0F);
    writeF32(QString(dir + QStringLiteral("/model.safetensors")).toStdString(), w);
}

} // namespace ggufix
