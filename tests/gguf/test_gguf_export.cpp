// Tests of the GGUF exporter against files parsed here with a reader of our
// own (gguf_export_fixtures.h): for tiny model folders this test writes
// (LLaMA, Mistral, Qwen2, head_dim != hidden/heads, biases, RoPE scaling,
// vocab padding, SentencePiece-style and byte-level tokenizers) the keys and
// their value types, the tensor table, every weight against its safetensors
// source with llama.cpp's Q/K row permutation checked row by row, the
// refusals (each names its file and field and leaves no file behind), the
// special ids that end a generation, chat templates, a PEFT adapter merged
// while the weights are read; with sftbench-cli: the demo models (BLOOM's QKV
// reordering, q8_0 blocks within half a step of the source). Exporting runs
// is in test_gguf_export_run.cpp.

#include "core/error.h"
#include "gguf/gguf_export.h"
#include "safetensors/checkpoint.h"

#include "gguf_export_fixtures.h"
#include "test_util.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <set>

using namespace sft;
using ggufx::bloomSourceRow;
using ggufx::llamaSourceRow;
using ggufx::source;

namespace {

using ggufx::compare;
using ggufx::errorOf;
using ggufx::filesIn;
using ggufx::halfTolerance;

gguf::ExportOptions withType(gguf::FileType t)
{
    gguf::ExportOptions o;
    o.type = t;
    return o;
}

} // namespace

class TestGgufExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    /** Export model dir (written by the caller) and parse the file; fails the test on an error. */
    ggufx::File exportAndRead(const QString &dir, gguf::FileType type, gguf::ExportReport *report = nullptr)
    {
        const QString out = dir + QStringLiteral(".gguf");
        gguf::ExportReport r;
        const QString err = errorOf([&] { r = gguf::exportModel(dir.toStdString(), out.toStdString(), withType(type)); });
        if (!err.isEmpty()) {
            QTest::qFail(qPrintable(err), __FILE__, __LINE__);
            return {};   // no keys or tensors: the caller's next check fails too
        }
        if (report)
            *report = r;
        return ggufx::read(out);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void llamaLayout()
    {
        const QString dir = path(QStringLiteral("llama"));
        const auto c = ggufx::writeModel(dir, ggufx::llamaConfig());
        gguf::ExportReport r;
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32, &r);
        KEY(g, "general.architecture", 8, 0, "llama");
        KEY(g, "general.name", 8, 0, "llama");
        KEY(g, "general.file_type", 4, 0);
        KEY(g, "general.quantization_version", 4, 2);
        KEY(g, "llama.context_length", 4, 256);
        KEY(g, "llama.embedding_length", 4, 64);
        KEY(g, "llama.block_count", 4, 2);
        KEY(g, "llama.feed_forward_length", 4, 96);
        KEY(g, "llama.attention.head_count", 4, 4);
        KEY(g, "llama.attention.head_count_kv", 4, 2);
        KEY(g, "llama.rope.dimension_count", 4, 16);
        KEY(g, "llama.vocab_size", 4, 263);
        KEY(g, "llama.rope.freq_base", 6, 10000.0);
        KEY(g, "llama.attention.layer_norm_rms_epsilon", 6, double(1e-5f));
        QVERIFY(!g.has("llama.attention.key_length") && !g.has("llama.rope.scaling.type"));
        // the byte-level tokenizer
        KEY(g, "tokenizer.ggml.model", 8, 0, "gpt2");
        KEY(g, "tokenizer.ggml.pre", 8, 0, "qwen2");
        KEY(g, "tokenizer.ggml.eos_token_id", 4, 262);
        KEY(g, "tokenizer.ggml.padding_token_id", 4, 260);
        // EOS <|im_end|> ends a turn: EOT names it too (else llama.cpp picks one by text, maybe <|endoftext|>);
        // generation_config's other stop, <|endoftext|>, is one llama.cpp stops at by its text
        KEY(g, "tokenizer.ggml.eot_token_id", 4, 262);
        QVERIFY(!g.has("tokenizer.ggml.eom_token_id"));
        KEY(g, "tokenizer.ggml.bos_token_id", 4, 260);   // no BOS: a real special token stands in (never added)
        KEY(g, "tokenizer.ggml.add_bos_token", 7, 0);
        KEY(g, "tokenizer.ggml.add_eos_token", 7, 0);
        KEY(g, "tokenizer.chat_template", 8, 0, "{{ messages[0]['content'] }}");
        QVERIFY(!g.has("tokenizer.ggml.scores") && !g.has("tokenizer.ggml.unknown_token_id")
                && !g.has("tokenizer.ggml.add_space_prefix"));
        const auto &tokens = g.at("tokenizer.ggml.tokens");
        QCOMPARE(tokens.type, 9u);
        QCOMPARE(tokens.elemType, 8u);
        QCOMPARE(tokens.strings.size(), std::size_t(263));
        QCOMPARE(tokens.strings[256], std::string("\xC4\xA0t"));
        QCOMPARE(tokens.strings[262], std::string("<|im_end|>"));
        const auto &types = g.at("tokenizer.ggml.token_type");
        QCOMPARE(types.elemType, 5u);
        QCOMPARE(types.numbers.size(), std::size_t(263));
        QCOMPARE(types.numbers[65], 1.0);
        QCOMPARE(types.numbers[261], 3.0);
        const auto &merges = g.at("tokenizer.ggml.merges");
        QCOMPARE(merges.elemType, 8u);
        QCOMPARE(merges.strings, (std::vector<std::string>{"\xC4\xA0 t", "h e", "\xC4\xA0t he", "a t"}));
        // tensors: names, dims (fastest first), F32, and every value from its source
        QCOMPARE(g.tensors.size(), std::size_t(3 + 9 * 2));
        QCOMPARE(g.tensor("token_embd.weight")->dims, (std::vector<std::uint64_t>{64, 263}));
        QCOMPARE(g.tensor("blk.1.attn_k.weight")->dims, (std::vector<std::uint64_t>{64, 32}));
        QCOMPARE(g.tensor("blk.0.ffn_down.weight")->dims, (std::vector<std::uint64_t>{96, 64}));
        QCOMPARE(g.tensor("output.weight")->dims, (std::vector<std::uint64_t>{64, 263}));
        for (const auto &t : g.tensors)
            QCOMPARE(t.type, 0u);
        const QString st = dir + QStringLiteral("/model.safetensors");
        SAME(g, "token_embd.weight", source(st, "model.embed_tokens.weight"));
        SAME(g, "output.weight", source(st, "lm_head.weight"));
        SAME(g, "output_norm.weight", source(st, "model.norm.weight"));
        for (int l = 0; l < 2; ++l) {
            const std::string b = "blk." + std::to_string(l) + ".", h = "model.layers." + std::to_string(l) + ".";
            const auto permuted = [](std::size_t r) { return llamaSourceRow(r, 16); };
            SAME(g, b + "attn_q.weight", source(st, h + "self_attn.q_proj.weight"), permuted);
            SAME(g, b + "attn_k.weight", source(st, h + "self_attn.k_proj.weight"), permuted);
            // the permutation really moves rows: unpermuted, Q differs
            QVERIFY(!compare(g, b + "attn_q.weight", source(st, h + "self_attn.q_proj.weight")).isEmpty());
            SAME(g, b + "attn_v.weight", source(st, h + "self_attn.v_proj.weight"));
            SAME(g, b + "attn_output.weight", source(st, h + "self_attn.o_proj.weight"));
            SAME(g, b + "attn_norm.weight", source(st, h + "input_layernorm.weight"));
            SAME(g, b + "ffn_norm.weight", source(st, h + "post_attention_layernorm.weight"));
            SAME(g, b + "ffn_gate.weight", source(st, h + "mlp.gate_proj.weight"));
            SAME(g, b + "ffn_up.weight", source(st, h + "mlp.up_proj.weight"));
            SAME(g, b + "ffn_down.weight", source(st, h + "mlp.down_proj.weight"));
        }
        QCOMPARE(r.architecture, std::string("llama"));
        QCOMPARE(r.tokenizerModel, std::string("gpt2"));
        QCOMPARE(r.tokenizerPre, std::string("qwen2"));
        QCOMPARE(r.tensors, std::uint64_t(21));
        QCOMPARE(std::int64_t(r.parameters), c.parameterCount());
        QCOMPARE(r.bytes, std::uint64_t(QFileInfo(dir + QStringLiteral(".gguf")).size()));
    }

    void qwen2Layout()
    {
        // BF16 weights, tied embeddings, Q/K/V biases, NeoX RoPE (no permutation)
        const QString dir = path(QStringLiteral("qwen2"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("model_type"), QStringLiteral("qwen2")},
                                                   {QStringLiteral("tie_word_embeddings"), true}}), true);
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32);
        KEY(g, "general.architecture", 8, 0, "qwen2");
        KEY(g, "qwen2.attention.head_count_kv", 4, 2);
        KEY(g, "qwen2.rope.dimension_count", 4, 16);
        QVERIFY(!g.has("qwen2.vocab_size") && !g.has("llama.vocab_size"));
        QVERIFY(!g.tensor("output.weight"));   // tied: llama.cpp reuses token_embd
        QCOMPARE(g.tensors.size(), std::size_t(2 + 12 * 2));
        const QString st = dir + QStringLiteral("/model.safetensors");
        SAME(g, "token_embd.weight", source(st, "model.embed_tokens.weight"));
        SAME(g, "blk.1.attn_q.weight", source(st, "model.layers.1.self_attn.q_proj.weight"));
        SAME(g, "blk.1.attn_k.weight", source(st, "model.layers.1.self_attn.k_proj.weight"));
        SAME(g, "blk.1.attn_q.bias", source(st, "model.layers.1.self_attn.q_proj.bias"));
        SAME(g, "blk.1.attn_v.bias", source(st, "model.layers.1.self_attn.v_proj.bias"));
        QCOMPARE(g.tensor("blk.0.attn_k.bias")->dims, (std::vector<std::uint64_t>{32}));
        QCOMPARE(g.tensor("blk.0.attn_k.bias")->type, 0u);
    }

    void headDimBiasesAndKeptF16()
    {
        // head_dim 16 with hidden 48 (Q is 64 wide), llama attention_bias and mlp_bias
        const QString dir = path(QStringLiteral("headdim"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("hidden_size"), 48}, {QStringLiteral("head_dim"), 16},
                                                   {QStringLiteral("attention_bias"), true}, {QStringLiteral("mlp_bias"), true}}));
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32);
        KEY(g, "llama.attention.key_length", 4, 16);
        KEY(g, "llama.attention.value_length", 4, 16);
        KEY(g, "llama.rope.dimension_count", 4, 16);
        QCOMPARE(g.tensor("blk.0.attn_q.weight")->dims, (std::vector<std::uint64_t>{48, 64}));
        QCOMPARE(g.tensor("blk.0.attn_output.weight")->dims, (std::vector<std::uint64_t>{64, 48}));
        const QString st = dir + QStringLiteral("/model.safetensors");
        const auto permuted = [](std::size_t r) { return llamaSourceRow(r, 16); };
        SAME(g, "blk.0.attn_q.weight", source(st, "model.layers.0.self_attn.q_proj.weight"), permuted);
        SAME(g, "blk.0.attn_q.bias", source(st, "model.layers.0.self_attn.q_proj.bias"), permuted);
        SAME(g, "blk.0.attn_k.bias", source(st, "model.layers.0.self_attn.k_proj.bias"), permuted);
        SAME(g, "blk.0.attn_v.bias", source(st, "model.layers.0.self_attn.v_proj.bias"));
        SAME(g, "blk.1.attn_output.bias", source(st, "model.layers.1.self_attn.o_proj.bias"));
        SAME(g, "blk.1.ffn_gate.bias", source(st, "model.layers.1.mlp.gate_proj.bias"));
        SAME(g, "blk.1.ffn_down.bias", source(st, "model.layers.1.mlp.down_proj.bias"));
        QCOMPARE(g.tensors.size(), std::size_t(3 + 16 * 2));

        // q8_0: rows of 48 values are not whole blocks of 32, so those weights stay f16
        gguf::ExportReport r;
        const ggufx::File q = exportAndRead(dir, gguf::FileType::Q8_0, &r);
        KEY(q, "general.file_type", 4, 7);
        QCOMPARE(q.tensor("token_embd.weight")->type, 1u);
        QCOMPARE(q.tensor("blk.0.attn_q.weight")->type, 1u);
        QCOMPARE(q.tensor("blk.0.attn_output.weight")->type, 8u);   // rows of 64
        QCOMPARE(q.tensor("blk.0.ffn_down.weight")->type, 8u);      // rows of 96
        QCOMPARE(q.tensor("blk.0.attn_q.bias")->type, 0u);
        QVERIFY(std::find(r.keptF16.begin(), r.keptF16.end(), "token_embd.weight") != r.keptF16.end());
        QVERIFY(std::find(r.keptF16.begin(), r.keptF16.end(), "blk.0.ffn_down.weight") == r.keptF16.end());
        SAME(q, "blk.0.attn_q.weight", source(st, "model.layers.0.self_attn.q_proj.weight"), permuted, halfTolerance);
    }

    void mistralSlidingWindow()
    {
        const QString dir = path(QStringLiteral("mistral"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("model_type"), QStringLiteral("mistral")},
                                                   {QStringLiteral("sliding_window"), 64}}));
        gguf::ExportReport r;
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32, &r);
        KEY(g, "general.architecture", 8, 0, "llama");
        SAME(g, "blk.0.attn_q.weight", source(dir + QStringLiteral("/model.safetensors"), "model.layers.0.self_attn.q_proj.weight"),
             [](std::size_t row) { return llamaSourceRow(row, 16); });
        QVERIFY(std::any_of(r.warnings.begin(), r.warnings.end(),
                            [](const std::string &w) { return w.find("sliding window 64") != std::string::npos; }));
    }

    void ropeScaling()
    {
        const QString linear = path(QStringLiteral("rope_linear"));
        ggufx::writeModel(linear, ggufx::llamaConfig({{QStringLiteral("rope_scaling"),
                                                       QJsonObject{{QStringLiteral("type"), QStringLiteral("linear")},
                                                                   {QStringLiteral("factor"), 2.0}}}}));
        const ggufx::File g = exportAndRead(linear, gguf::FileType::F32);
        KEY(g, "llama.rope.scaling.type", 8, 0, "linear");
        KEY(g, "llama.rope.scaling.factor", 6, 2.0);
        QVERIFY(!g.tensor("rope_freqs.weight"));

        // llama3: a rope_freqs tensor dividing each frequency (all three regimes with these numbers)
        const QString l3 = path(QStringLiteral("rope_llama3"));
        const double factor = 8, low = 1, high = 4, original = 256, theta = 10000;
        ggufx::writeModel(l3, ggufx::llamaConfig({{QStringLiteral("rope_scaling"),
                                                   QJsonObject{{QStringLiteral("rope_type"), QStringLiteral("llama3")},
                                                               {QStringLiteral("factor"), factor},
                                                               {QStringLiteral("low_freq_factor"), low},
                                                               {QStringLiteral("high_freq_factor"), high},
                                                               {QStringLiteral("original_max_position_embeddings"), original}}}}));
        const ggufx::File h = exportAndRead(l3, gguf::FileType::F16);
        QVERIFY(!h.has("llama.rope.scaling.type"));
        const ggufx::Tensor *t = h.tensor("rope_freqs.weight");
        QVERIFY(t);
        QCOMPARE(t->type, 0u);
        QCOMPARE(t->dims, (std::vector<std::uint64_t>{8}));
        const auto v = h.values(*t);
        std::set<int> regimes;
        for (int i = 0; i < 8; ++i) {
            const double wavelength = 2 * M_PI / std::pow(theta, -2.0 * i / 16);
            double want = factor;
            if (wavelength < original / high) {
                want = 1;
            } else if (wavelength <= original / low) {
                const double smooth = (original / wavelength - low) / (high - low);
                want = 1 / ((1 - smooth) / factor + smooth);
            }
            regimes.insert(want == 1 ? 0 : want == factor ? 2 : 1);
            QVERIFY2(std::fabs(v[std::size_t(i)] - want) <= 1e-5 * want, qPrintable(QStringLiteral("pair %1: %2, want %3").arg(i).arg(v[std::size_t(i)]).arg(want)));
        }
        QCOMPARE(regimes.size(), std::size_t(3));
    }

    void vocabPadding()
    {
        const QString dir = path(QStringLiteral("padded"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("vocab_size"), 300}}));
        gguf::ExportReport r;
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32, &r);
        QVERIFY(std::any_of(r.warnings.begin(), r.warnings.end(),
                            [](const std::string &w) { return w.find("vocab_size 300 exceeds the tokenizer's 263") != std::string::npos; }));
        KEY(g, "llama.vocab_size", 4, 300);
        const auto &tokens = g.at("tokenizer.ggml.tokens").strings;
        const auto &types = g.at("tokenizer.ggml.token_type").numbers;
        QCOMPARE(tokens.size(), std::size_t(300));
        QCOMPARE(types.size(), std::size_t(300));
        QCOMPARE(tokens[262], std::string("<|im_end|>"));
        QCOMPARE(tokens[263], std::string("[PAD263]"));
        QCOMPARE(tokens[299], std::string("[PAD299]"));
        QCOMPARE(types[299], 5.0);
        QCOMPARE(types[262], 3.0);
        QCOMPARE(g.tensor("token_embd.weight")->dims, (std::vector<std::uint64_t>{64, 300}));
    }

    void sentencePieceTokenizer()
    {
        const QString dir = path(QStringLiteral("spm"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("vocab_size"), 292}, {QStringLiteral("bos_token_id"), 1},
                                                   {QStringLiteral("eos_token_id"), 2}, {QStringLiteral("pad_token_id"), QJsonValue()}}),
                          false, true);
        gguf::ExportReport r;
        const ggufx::File g = exportAndRead(dir, gguf::FileType::F32, &r);
        QCOMPARE(r.tokenizerModel, std::string("llama"));
        KEY(g, "tokenizer.ggml.model", 8, 0, "llama");
        QVERIFY(!g.has("tokenizer.ggml.pre") && !g.has("tokenizer.ggml.merges") && !g.has("tokenizer.ggml.eot_token_id"));
        KEY(g, "tokenizer.ggml.bos_token_id", 4, 1);
        KEY(g, "tokenizer.ggml.eos_token_id", 4, 2);
        KEY(g, "tokenizer.ggml.unknown_token_id", 4, 0);
        KEY(g, "tokenizer.ggml.add_bos_token", 7, 1);   // the post-processor puts <s> first
        KEY(g, "tokenizer.ggml.add_eos_token", 7, 0);
        KEY(g, "tokenizer.ggml.add_space_prefix", 7, 1);
        const auto &scores = g.at("tokenizer.ggml.scores");
        QCOMPARE(scores.elemType, 6u);
        QCOMPARE(scores.numbers.size(), std::size_t(292));
        for (int rank = 0; rank < 6; ++rank)   // the merge of rank r makes token 286 + r: scored -(r + 1)
            QCOMPARE(scores.numbers[std::size_t(286 + rank)], -double(rank + 1));
        QCOMPARE(scores.numbers[260], 0.0);
        const auto &types = g.at("tokenizer.ggml.token_type").numbers;
        QCOMPARE(types[0], 2.0);
        QCOMPARE(types[1], 3.0);
        QCOMPARE(types[3], 6.0);
        QCOMPARE(types[258], 6.0);
        QCOMPARE(types[259], 1.0);
        QCOMPARE(types[291], 1.0);
        QCOMPARE(g.at("tokenizer.ggml.tokens").strings[13], std::string("<0x0A>"));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("model_type gpt_neox") << 0 << QStringList{QStringLiteral("config.json"), QStringLiteral("\"model_type\""), QStringLiteral("gpt_neox")};
        QTest::newRow("rope dynamic") << 1 << QStringList{QStringLiteral("config.json"), QStringLiteral("\"rope_scaling.type\""), QStringLiteral("\"dynamic\""), QStringLiteral("linear, llama3")};
        QTest::newRow("rope yarn") << 2 << QStringList{QStringLiteral("\"rope_scaling.rope_type\""), QStringLiteral("\"yarn\"")};
        QTest::newRow("alibi on llama") << 3 << QStringList{QStringLiteral("\"position_embedding_type\""), QStringLiteral("alibi")};
        QTest::newRow("qwen2 head_dim") << 4 << QStringList{QStringLiteral("\"head_dim\""), QStringLiteral("qwen2")};
        QTest::newRow("unknown regex") << 5 << QStringList{QStringLiteral("tokenizer.json"), QStringLiteral("pre_tokenizer")};
        QTest::newRow("no tokenizer.json") << 6 << QStringList{QStringLiteral("tokenizer.json"), QStringLiteral("not found")};
        QTest::newRow("shape mismatch") << 7 << QStringList{QStringLiteral("model.safetensors"), QStringLiteral("\"model.layers.1.mlp.up_proj.weight\""), QStringLiteral("[95, 64]"), QStringLiteral("[96, 64]")};
        QTest::newRow("missing lm_head") << 8 << QStringList{QStringLiteral("\"lm_head.weight\""), QStringLiteral("missing")};
        QTest::newRow("vocab below tokens") << 9 << QStringList{QStringLiteral("tokenizer.json"), QStringLiteral("vocab_size is 200")};
        QTest::newRow("bloom post-norm residual") << 10 << QStringList{QStringLiteral("\"apply_residual_connection_post_layernorm\"")};
        QTest::newRow("duplicate token text") << 11 << QStringList{QStringLiteral("tokenizer.json"), QStringLiteral("\"added_tokens\""),
                                                                   QStringLiteral("259"), QStringLiteral("261"), QStringLiteral("\"at\"")};
        // hostile sizes: the weights' shapes refuse them before anything that large is allocated
        QTest::newRow("huge vocab_size") << 12 << QStringList{QStringLiteral("model.safetensors"), QStringLiteral("\"model.embed_tokens.weight\""),
                                                              QStringLiteral("[1125899906842624, 64]")};
        QTest::newRow("huge head_dim") << 13 << QStringList{QStringLiteral("model.safetensors"), QStringLiteral("\"model.layers.0.self_attn.q_proj.weight\"")};
    }

    void refusals()
    {
        QFETCH(int, mutation);
        QFETCH(QStringList, expected);
        const QString dir = path(QStringLiteral("refused_%1").arg(mutation));
        QJsonObject patch;
        switch (mutation) {
        case 1: patch[QStringLiteral("rope_scaling")] = QJsonObject{{QStringLiteral("type"), QStringLiteral("dynamic")}, {QStringLiteral("factor"), 2.0}}; break;
        case 2: patch[QStringLiteral("rope_scaling")] = QJsonObject{{QStringLiteral("rope_type"), QStringLiteral("yarn")}, {QStringLiteral("factor"), 2.0}}; break;
        case 3: patch[QStringLiteral("position_embedding_type")] = QStringLiteral("alibi"); break;
        case 4: patch[QStringLiteral("model_type")] = QStringLiteral("qwen2"); patch[QStringLiteral("head_dim")] = 32; break;
        case 9: patch[QStringLiteral("vocab_size")] = 200; break;
        default: break;
        }
        const auto c = ggufx::writeModel(dir, ggufx::llamaConfig(patch));
        const QString config = dir + QStringLiteral("/config.json");
        if (mutation == 0) {
            ggufx::writeJson(config, ggufx::llamaConfig({{QStringLiteral("model_type"), QStringLiteral("gpt_neox")}}));
        } else if (mutation == 5) {
            ggufx::writeText(dir + QStringLiteral("/tokenizer.json"), ggufx::byteLevelTokenizer(QStringLiteral("\\s+|\\w+")));
        } else if (mutation == 6) {
            QVERIFY(QFile::remove(dir + QStringLiteral("/tokenizer.json")));
        } else if (mutation == 7 || mutation == 8) {
            auto shapes = ggufx::llamaShapes(c);
            if (mutation == 7)
                shapes["model.layers.1.mlp.up_proj.weight"] = {95, 64};
            else
                shapes.erase("lm_head.weight");
            ggufx::writeWeights(dir, shapes);
        } else if (mutation == 11) {
            // an added token reusing the text of vocabulary token 259 ("at") at id 261
            QByteArray t = ggufx::byteLevelTokenizer();
            t.replace("<|im_start|>", "at");
            ggufx::writeText(dir + QStringLiteral("/tokenizer.json"), t);
        } else if (mutation == 12) {
            ggufx::writeJson(config, ggufx::llamaConfig({{QStringLiteral("vocab_size"), QJsonValue(qint64(1) << 50)}}));
        } else if (mutation == 13) {
            ggufx::writeJson(config, ggufx::llamaConfig({{QStringLiteral("head_dim"), QJsonValue(qint64(1) << 48)}}));
        } else if (mutation == 10) {
            ggufx::writeJson(config, QJsonObject{{QStringLiteral("model_type"), QStringLiteral("bloom")}, {QStringLiteral("vocab_size"), 263},
                                                 {QStringLiteral("hidden_size"), 64}, {QStringLiteral("n_layer"), 2}, {QStringLiteral("n_head"), 4},
                                                 {QStringLiteral("apply_residual_connection_post_layernorm"), true}});
        }
        const QString out = path(QStringLiteral("refused_%1.gguf").arg(mutation));
        const QString checked = errorOf([&] { gguf::checkExportable(dir.toStdString()); });
        const QString exported = errorOf([&] { gguf::exportModel(dir.toStdString(), out.toStdString(), {}); });
        QVERIFY2(!checked.isEmpty(), "checkExportable accepted the folder");
        QCOMPARE(exported, checked);
        for (const QString &e : expected)
            QVERIFY2(checked.contains(e), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(e, checked)));
        QVERIFY(checked.contains(dir));   // the folder is named
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + QStringLiteral(".part")));
    }

    void adapterRefusals()
    {
        const QString base = path(QStringLiteral("adapter_base")), adapter = path(QStringLiteral("adapter_dir"));
        ggufx::writeModel(base, ggufx::llamaConfig());
        ggufx::writeJson(adapter + QStringLiteral("/adapter_config.json"),
                         QJsonObject{{QStringLiteral("peft_type"), QStringLiteral("LORA")}, {QStringLiteral("r"), 2},
                                     {QStringLiteral("lora_alpha"), 4}});
        // lora_B of q_proj with 63 rows instead of 64, a LoRA on lm_head, q8_0: each refused by name
        auto write = [&](const std::map<std::string, std::vector<std::int64_t>> &shapes) {
            ggufx::writeWeights(adapter, shapes, false, QStringLiteral("adapter_model.safetensors"));
        };
        const std::string q = "base_model.model.model.layers.0.self_attn.q_proj.";
        const QString out = path(QStringLiteral("adapter.gguf"));
        auto run = [&](gguf::FileType t = gguf::FileType::F32) {
            return errorOf([&] { gguf::exportLoraAdapter(adapter.toStdString(), base.toStdString(), out.toStdString(), withType(t)); });
        };
        write({{q + "lora_A.weight", {2, 64}}, {q + "lora_B.weight", {63, 2}}});
        QString e = run();
        QVERIFY2(e.contains(QStringLiteral("\"") + QString::fromStdString(q) + QStringLiteral("lora_B.weight\"")) && e.contains(QStringLiteral("[64, 2]")), qPrintable(e));
        write({{q + "lora_A.weight", {2, 64}}, {q + "lora_B.weight", {64, 2}}, {"base_model.model.lm_head.lora_A.weight", {2, 64}}});
        e = run();
        QVERIFY2(e.contains(QStringLiteral("lm_head")), qPrintable(e));
        write({{q + "lora_A.weight", {2, 64}}, {q + "lora_B.weight", {64, 2}}});
        e = run(gguf::FileType::Q8_0);
        QVERIFY2(e.contains(QStringLiteral("q8_0")), qPrintable(e));
        // lora_alpha 0: PEFT's scale 0, but llama.cpp would apply the adapter at scale 1
        ggufx::writeJson(adapter + QStringLiteral("/adapter_config.json"),
                         QJsonObject{{QStringLiteral("peft_type"), QStringLiteral("LORA")}, {QStringLiteral("r"), 2},
                                     {QStringLiteral("lora_alpha"), 0}});
        e = run();
        QVERIFY2(e.contains(QStringLiteral("adapter_config.json")) && e.contains(QStringLiteral("\"lora_alpha\"")), qPrintable(e));
        ggufx::writeJson(adapter + QStringLiteral("/adapter_config.json"),
                         QJsonObject{{QStringLiteral("peft_type"), QStringLiteral("LORA")}, {QStringLiteral("r"), 2},
                                     {QStringLiteral("lora_alpha"), 4}});
        QVERIFY(!QFile::exists(out));
        QCOMPARE(run(), QString());   // the fixed adapter exports
        const ggufx::File g = ggufx::read(out);
        KEY(g, "general.type", 8, 0, "adapter");
        KEY(g, "adapter.lora.alpha", 6, 4);
        QCOMPARE(g.tensors.size(), std::size_t(2));
    }

    void endOfGeneration()
    {
        // EOS <|endoftext|> (not an end of turn), generation_config [260, 262]: <|im_end|> becomes EOT
        const QString a = path(QStringLiteral("eog_eot"));
        ggufx::writeModel(a, ggufx::llamaConfig());
        ggufx::writeJson(a + QStringLiteral("/tokenizer_config.json"),
                         QJsonObject{{QStringLiteral("eos_token"), QStringLiteral("<|endoftext|>")}, {QStringLiteral("add_bos_token"), false}});
        ggufx::writeJson(a + QStringLiteral("/generation_config.json"), QJsonObject{{QStringLiteral("eos_token_id"), QJsonArray{260, 262}}});
        ggufx::File g = exportAndRead(a, gguf::FileType::F32);
        KEY(g, "tokenizer.ggml.eos_token_id", 4, 260);
        KEY(g, "tokenizer.ggml.eot_token_id", 4, 262);
        QVERIFY(!g.has("tokenizer.ggml.eom_token_id"));

        // stops llama.cpp would not know by their text: the first becomes EOM, a further one is dropped
        // with a warning; ids outside the vocabulary in generation_config.json and config.json are dropped
        // with a warning naming file and field (as llama.cpp's converter does), not refused
        const QString b = path(QStringLiteral("eog_eom"));
        ggufx::writeModel(b, ggufx::llamaConfig({{QStringLiteral("pad_token_id"), 9999}}));
        ggufx::writeJson(b + QStringLiteral("/tokenizer_config.json"),
                         QJsonObject{{QStringLiteral("eos_token"), QStringLiteral("<|im_end|>")}, {QStringLiteral("add_bos_token"), false}});
        ggufx::writeJson(b + QStringLiteral("/generation_config.json"),
                         QJsonObject{{QStringLiteral("eos_token_id"), QJsonArray{262, 65, 66, 260, 5000}}});
        gguf::ExportReport r;
        g = exportAndRead(b, gguf::FileType::F32, &r);
        KEY(g, "tokenizer.ggml.eos_token_id", 4, 262);
        KEY(g, "tokenizer.ggml.eot_token_id", 4, 262);
        KEY(g, "tokenizer.ggml.eom_token_id", 4, 65);
        QVERIFY(!g.has("tokenizer.ggml.padding_token_id"));
        const QString warnings = QString::fromStdString([&] {
            std::string all;
            for (const auto &w : r.warnings)
                all += w + "\n";
            return all;
        }());
        auto warned = [&](const QStringList &parts) {
            for (const QString &line : warnings.split(QLatin1Char('\n')))
                if (std::all_of(parts.begin(), parts.end(), [&](const QString &p) { return line.contains(p); }))
                    return true;
            return false;
        };
        QVERIFY2(warned({QStringLiteral("generation_config.json"), QStringLiteral("eos_token_id 66"), QStringLiteral("not written")}), qPrintable(warnings));
        QVERIFY2(warned({QStringLiteral("generation_config.json"), QStringLiteral("eos_token_id 5000"), QStringLiteral("outside the vocabulary")}), qPrintable(warnings));
        QVERIFY2(warned({b + QStringLiteral("/config.json"), QStringLiteral("pad_token_id 9999"), QStringLiteral("outside the vocabulary")}), qPrintable(warnings));
        QVERIFY2(!warnings.contains(QStringLiteral("eos_token_id 260")), qPrintable(warnings));   // <|endoftext|>: llama.cpp stops at it
    }

    void chatTemplates()
    {
        // chat_template.jinja wins over tokenizer_config.json's, as in the engine
        const QString a = path(QStringLiteral("template_jinja"));
        ggufx::writeModel(a, ggufx::llamaConfig());
        ggufx::writeText(a + QStringLiteral("/chat_template.jinja"), "{{ 'from the jinja file' }}");
        ggufx::File g = exportAndRead(a, gguf::FileType::F32);
        KEY(g, "tokenizer.chat_template", 8, 0, "{{ 'from the jinja file' }}");
        QVERIFY(!g.has("tokenizer.chat_templates"));

        // named templates: "default" is the template, the others are written by name as llama.cpp's converter does
        const QString b = path(QStringLiteral("template_named"));
        ggufx::writeModel(b, ggufx::llamaConfig());
        const QJsonArray list{QJsonObject{{QStringLiteral("name"), QStringLiteral("tool_use")}, {QStringLiteral("template"), QStringLiteral("{{ 'tools' }}")}},
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("default")}, {QStringLiteral("template"), QStringLiteral("{{ 'chat' }}")}},
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("rag-v2")}, {QStringLiteral("template"), QStringLiteral("{{ 'rag' }}")}}};
        ggufx::writeJson(b + QStringLiteral("/tokenizer_config.json"),
                         QJsonObject{{QStringLiteral("eos_token"), QStringLiteral("<|im_end|>")}, {QStringLiteral("add_bos_token"), false},
                                     {QStringLiteral("chat_template"), list}});
        g = exportAndRead(b, gguf::FileType::F32);
        KEY(g, "tokenizer.chat_template", 8, 0, "{{ 'chat' }}");
        KEY(g, "tokenizer.chat_template.tool_use", 8, 0, "{{ 'tools' }}");
        KEY(g, "tokenizer.chat_template.rag_v2", 8, 0, "{{ 'rag' }}");
        QCOMPARE(g.at("tokenizer.chat_templates").strings, (std::vector<std::string>{"tool_use", "rag_v2"}));
        QVERIFY(!g.has("tokenizer.chat_template.default"));
    }

    void sentencePieceChecks()
    {
        const QJsonObject config = ggufx::llamaConfig({{QStringLiteral("vocab_size"), 292}, {QStringLiteral("bos_token_id"), 1},
                                                       {QStringLiteral("eos_token_id"), 2}, {QStringLiteral("pad_token_id"), QJsonValue()}});
        // Metaspace with prepend_scheme "first": exported, with a warning saying how llama.cpp differs
        const QString first = path(QStringLiteral("spm_first"));
        ggufx::writeModel(first, config, false, true);
        QJsonObject doc = QJsonDocument::fromJson(ggufx::spmTokenizer()).object();
        doc[QStringLiteral("normalizer")] = QJsonValue();
        doc[QStringLiteral("pre_tokenizer")] = QJsonObject{{QStringLiteral("type"), QStringLiteral("Metaspace")},
                                                           {QStringLiteral("replacement"), QString::fromUtf8("\xE2\x96\x81")},
                                                           {QStringLiteral("prepend_scheme"), QStringLiteral("first")},
                                                           {QStringLiteral("split"), false}};
        ggufx::writeJson(first + QStringLiteral("/tokenizer.json"), doc);
        gguf::ExportReport r;
        const ggufx::File g = exportAndRead(first, gguf::FileType::F32, &r);
        KEY(g, "tokenizer.ggml.add_space_prefix", 7, 1);
        QVERIFY2(std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string &w) {
                     return w.find("prepend_scheme \"first\"") != std::string::npos && w.find("tokenizer.json") != std::string::npos
                            && w.find("after every special token") != std::string::npos;
                 }), qPrintable(QString::fromStdString(r.warnings.empty() ? std::string() : r.warnings.back())));

        // a byte token missing: llama.cpp's byte fallback would fail on it, so refused by name
        const QString missing = path(QStringLiteral("spm_missing_byte"));
        ggufx::writeModel(missing, config, false, true);
        QByteArray t = ggufx::spmTokenizer();
        QVERIFY(t.contains("\"<0x41>\""));
        t.replace("\"<0x41>\"", "\"<0x41>x\"");
        ggufx::writeText(missing + QStringLiteral("/tokenizer.json"), t);
        const QString out = missing + QStringLiteral(".gguf");
        const QString e = errorOf([&] { gguf::exportModel(missing.toStdString(), out.toStdString(), withType(gguf::FileType::F32)); });
        QVERIFY2(e.contains(QStringLiteral("tokenizer.json")) && e.contains(QStringLiteral("\"model.vocab\""))
                     && e.contains(QStringLiteral("<0x41>")), qPrintable(e));
        QVERIFY(!QFile::exists(out));
    }

    void mergedAdapter()
    {
        // A PEFT adapter folded in while the weights are read: W + scale·B·A, then llama.cpp's row order
        const QString base = path(QStringLiteral("merge_base")), adapter = path(QStringLiteral("merge_adapter"));
        const auto c = ggufx::writeModel(base, ggufx::llamaConfig());
        const double alpha = 6;
        const int rank = 4;
        const auto modules = ggufx::writePeft(adapter, c, rank, alpha, true, {"q_proj", "v_proj"});
        QCOMPARE(modules.size(), std::size_t(4));
        gguf::ExportOptions o = withType(gguf::FileType::F32);
        o.mergeAdapterDir = adapter.toStdString();
        // a run's config stands in for the folder's: linear RoPE scaling by 2 on top of the base config
        QJsonObject runConfig = ggufx::llamaConfig();
        runConfig[QStringLiteral("rope_scaling")] = QJsonObject{{QStringLiteral("type"), QStringLiteral("linear")}, {QStringLiteral("factor"), 2.0}};
        runConfig[QStringLiteral("max_position_embeddings")] = 512;
        o.configOverride = QJsonDocument(runConfig).toJson().toStdString();
        const QString out = path(QStringLiteral("merged_adapter.gguf"));
        QCOMPARE(errorOf([&] { gguf::exportModel(base.toStdString(), out.toStdString(), o); }), QString());
        const ggufx::File g = ggufx::read(out);
        KEY(g, "llama.rope.scaling.type", 8, 0, "linear");
        KEY(g, "llama.rope.scaling.factor", 6, 2.0);
        KEY(g, "llama.context_length", 4, 512);

        const QString st = base + QStringLiteral("/model.safetensors"), ast = adapter + QStringLiteral("/adapter_model.safetensors");
        const double scale = alpha / std::sqrt(double(rank));   // use_rslora
        auto merged = [&](const std::string &weight, const std::string &module) {
            auto w = source(st, weight);
            const auto a = source(ast, module + ".lora_A.weight"), b = source(ast, module + ".lora_B.weight");
            const std::size_t in = a.size() / rank, out = b.size() / rank;
            for (std::size_t o = 0; o < out; ++o)
                for (std::size_t i = 0; i < in; ++i) {
                    double d = 0;
                    for (int k = 0; k < rank; ++k)
                        d += double(b[o * rank + std::size_t(k)]) * double(a[std::size_t(k) * in + i]);
                    w[o * in + i] = float(double(w[o * in + i]) + scale * d);
                }
            return w;
        };
        const auto permuted = [](std::size_t r) { return llamaSourceRow(r, 16); };
        for (int l = 0; l < 2; ++l) {
            const std::string h = "model.layers." + std::to_string(l) + ".self_attn.", b = "blk." + std::to_string(l) + ".";
            const std::string m = "base_model.model." + h;
            const auto v = merged(h + "v_proj.weight", m + "v_proj"), q = merged(h + "q_proj.weight", m + "q_proj");
            SAME(g, b + "attn_v.weight", v, {}, ggufx::fp32Tolerance(v));
            SAME(g, b + "attn_q.weight", q, permuted, ggufx::fp32Tolerance(q));
            QVERIFY(!compare(g, b + "attn_v.weight", source(st, h + "v_proj.weight"), {}, ggufx::fp32Tolerance(v)).isEmpty());
            SAME(g, b + "attn_k.weight", source(st, h + "k_proj.weight"), permuted);   // not adapted: as it was
        }

        // refusals of the adapter name it; nothing is written
        ggufx::writeJson(adapter + QStringLiteral("/adapter_config.json"),
                         QJsonObject{{QStringLiteral("peft_type"), QStringLiteral("LORA")}, {QStringLiteral("r"), 3}, {QStringLiteral("lora_alpha"), 6}});
        const QString refused = path(QStringLiteral("merged_refused.gguf"));
        const QString e = errorOf([&] { gguf::exportModel(base.toStdString(), refused.toStdString(), o); });
        QVERIFY2(e.contains(QStringLiteral("adapter_model.safetensors")) && e.contains(QStringLiteral("lora_A.weight")), qPrintable(e));
        QCOMPARE(errorOf([&] { gguf::checkExportable(base.toStdString(), o); }), e);
        QVERIFY(!QFile::exists(refused));
    }

    void cliDemoModels()
    {
        if (!ggufx::cliExports())
            QSKIP("sftbench-cli is not built with init-model, train and export-gguf");
        const QString llama = path(QStringLiteral("demo_llama")), bloom = path(QStringLiteral("demo_bloom"));
        auto r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), llama});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), bloom, QStringLiteral("--position"), QStringLiteral("alibi")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // the default type (f16) and the one-line report
        const QString out = llama + QStringLiteral(".gguf"), st = llama + QStringLiteral("/model.safetensors");
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), llama, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(QRegularExpression(QStringLiteral("^wrote .*demo_llama\\.gguf \\(\\d+\\.\\d MiB, f16, llama, 39 tensors\\)\\n$"))
                     .match(r.outText()).hasMatch(), qPrintable(r.outText()));
        ggufx::File g = ggufx::read(out);
        KEY(g, "general.file_type", 4, 1);
        QCOMPARE(g.tensor("token_embd.weight")->type, 1u);
        QCOMPARE(g.tensor("blk.0.attn_norm.weight")->type, 0u);
        const auto permuted = [](std::size_t row) { return llamaSourceRow(row, 32); };
        SAME(g, "blk.3.attn_k.weight", source(st, "model.layers.3.self_attn.k_proj.weight"), permuted, halfTolerance);

        // q8_0: per block of 32, the scale is fp16(max|x| / 127) and every value the nearest step of it
        const QString q8 = llama + QStringLiteral("-q8_0.gguf");
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), llama, QStringLiteral("--out"), q8,
                             QStringLiteral("--type"), QStringLiteral("q8_0")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        g = ggufx::read(q8);
        KEY(g, "general.file_type", 4, 7);
        const std::pair<std::string, std::string> pairs[] = {{"token_embd.weight", "model.embed_tokens.weight"},
                                                             {"blk.1.attn_q.weight", "model.layers.1.self_attn.q_proj.weight"}};
        for (const auto &[name, hf] : pairs) {
            const ggufx::Tensor *t = g.tensor(name);
            QCOMPARE(t->type, 8u);
            std::vector<float> scales;
            const auto dec = g.values(*t, &scales);
            const auto src = source(st, hf);
            const std::size_t cols = std::size_t(t->dims[0]);
            const bool q = name.find("attn_q") != std::string::npos;
            for (std::size_t b = 0; b < scales.size(); ++b) {
                const std::size_t row = b * 32 / cols, col = b * 32 % cols, from = (q ? permuted(row) : row) * cols + col;
                float amax = 0;
                for (std::size_t i = 0; i < 32; ++i)
                    amax = std::max(amax, std::fabs(src[from + i]));
                const double d = double(amax) / 127;
                QVERIFY2(std::fabs(scales[b] - d) <= d * std::ldexp(1.0, -11), qPrintable(QStringLiteral("%1 block %2 scale").arg(QString::fromStdString(name)).arg(b)));
                for (std::size_t i = 0; i < 32; ++i) {
                    const double steps = std::round(double(dec[b * 32 + i]) / double(scales[b]));
                    QVERIFY2(std::fabs(double(src[from + i]) - steps * d) <= d / 2 * (1 + 1e-5),
                             qPrintable(QStringLiteral("%1 block %2 value %3").arg(QString::fromStdString(name)).arg(b).arg(i)));
                }
            }
        }

        // BLOOM: fused QKV reordered to all Q, all K, all V; LayerNorm biases; tied output
        const QString bout = bloom + QStringLiteral(".gguf"), bst = bloom + QStringLiteral("/model.safetensors");
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), bloom, QStringLiteral("--out"), bout,
                             QStringLiteral("--type"), QStringLiteral("f32")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        g = ggufx::read(bout);
        KEY(g, "general.architecture", 8, 0, "bloom");
        KEY(g, "bloom.feed_forward_length", 4, 512);
        KEY(g, "bloom.attention.head_count", 4, 4);
        KEY(g, "bloom.attention.layer_norm_epsilon", 6, double(1e-5f));
        QVERIFY(!g.has("bloom.rope.dimension_count") && !g.tensor("output.weight"));
        QCOMPARE(g.tensors.size(), std::size_t(5 + 12 * 4));
        const auto qkv = [](std::size_t row) { return bloomSourceRow(row, 4, 32); };
        SAME(g, "blk.0.attn_qkv.weight", source(bst, "transformer.h.0.self_attention.query_key_value.weight"), qkv);
        SAME(g, "blk.3.attn_qkv.bias", source(bst, "transformer.h.3.self_attention.query_key_value.bias"), qkv);
        SAME(g, "token_embd_norm.bias", source(bst, "transformer.word_embeddings_layernorm.bias"));
        SAME(g, "blk.2.ffn_up.weight", source(bst, "transformer.h.2.mlp.dense_h_to_4h.weight"));
        SAME(g, "output_norm.weight", source(bst, "transformer.ln_f.weight"));
    }

    void cliRefusals()
    {
        if (!ggufx::cliExports())
            QSKIP("sftbench-cli is not built with init-model, train and export-gguf");
        const QString dir = path(QStringLiteral("cli_refused")), out = path(QStringLiteral("cli_refused.gguf"));
        ggufx::writeModel(dir, ggufx::llamaConfig({{QStringLiteral("rope_scaling"), QJsonObject{{QStringLiteral("type"), QStringLiteral("dynamic")},
                                                                                                {QStringLiteral("factor"), 2.0}}}}));
        const QStringList base{QStringLiteral("export-gguf"), QStringLiteral("--model"), dir, QStringLiteral("--out"), out};
        auto r = sfttest::runCli(base);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("error: ")) && r.err.contains(QStringLiteral("\"rope_scaling.type\"")), qPrintable(r.err));
        r = sfttest::runCli(base + QStringList{QStringLiteral("--type"), QStringLiteral("q4_0")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("f32, f16, bf16, q8_0")), qPrintable(r.err));
        r = sfttest::runCli(base + QStringList{QStringLiteral("--adapter")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--run-dir")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        // --out naming an existing folder: refused before anything is read, the folder as it was
        const QString folder = path(QStringLiteral("cli_out_folder"));
        QVERIFY(QDir().mkpath(folder));
        r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), path(QStringLiteral("llama")), QStringLiteral("--out"), folder});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--out is a folder")), qPrintable(r.err));
        QVERIFY(filesIn(folder).isEmpty());
        QCOMPARE(filesIn(m_tmp.path()).filter(QStringLiteral("cli_out_folder")), QStringList{QStringLiteral("cli_out_folder")});
    }
};

QTEST_GUILESS_MAIN(TestGgufExport)
#include "test_gguf_export.moc"
