// llama.cpp itself (node-llama-cpp 3.21.1's prebuilt CPU binary, driven by
// npm/llama_check.mjs) loads and runs the files `sftbench-cli export-gguf`
// writes, with the same tokens as our engine: for the demo model (f32, f16,
// bf16, q8_0), the BLOOM demo, a LoRA run (merged, and as a LoRA adapter on the
// base model's file), a Qwen2-style model with Q/K/V biases and a
// SentencePiece-style model (gguf_fixtures.h):
// - held-back texts tokenized by llama.cpp (special-token text parsed, as
//   Hugging Face tokenizers do for added tokens; no BOS) equal to
//   `sftbench-cli tokenize`;
// - greedy generation (temperature 0, F32 KV cache) equal to `sftbench-cli
//   generate --temperature 0`: same text, same number of tokens, same end (EOS or
//   length); quantized files must agree above a stated floor;
// - the first step's probability of the chosen token equal to the engine's
//   (`sftbench-cli logprobs`) within a tolerance per type;
// - @huggingface/gguf reads the expected architecture, hyper-parameters, value
//   types and the complete tensor table.
// Without node or tests/gguf/npm/node_modules (tests/gguf/setup-reference.sh)
// the test skips, unless $CI is set: then it fails, so CI cannot skip it.

#include "gguf_fixtures.h"
#include "test_util.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <sstream>

namespace {

using nlohmann::json;

QString npmDir() { return QStringLiteral(SFT_SOURCE_DIR "/tests/gguf/npm"); }

/** Texts none of the models was built from: scripts, code, whitespace runs, digits, emoji, special tokens. */
const std::vector<std::string> kTexts = {
    "Hello, world! It's 3.14159 \xE2\x80\x94 don't panic.",
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA8"
    "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE3\x80\x82",
    "def f(x):\n    return x * 2  # twice\n",
    "a  b   c    d\t\te\n\n\nf",
    "0123456789 12345678901234567890",
    "emoji \xF0\x9F\x99\x82\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD and ZWJ \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|endoftext|>",
    "<s>The cat sat on the mat.</s> And then?",
    "   leading and trailing   ",
};

const std::vector<std::string> kPrompts = {
    "Give three tips for staying healthy.",
    "What is the capital of France?",
    "Write a short poem about the sea.",
    "Explain photosynthesis.",
    "<|im_start|>user\nName a color.<|im_end|>\n<|im_start|>assistant\n",
};

const std::vector<std::string> kSpmPrompts = {
    "the cat sat on the mat",
    "Hello world, how are you?",
    "Give three tips for staying healthy.",
    "What is 2 + 2?",
    "water is made of",
};

constexpr int kMaxTokens = 24;

/** What `sftbench-cli generate --json` ended with. */
struct EngineGen
{
    std::string text;
    int tokens = 0;
    int promptTokens = 0;
    std::string finish;
};

/** Agreement of llama.cpp's greedy continuations with the engine's over a prompt set. */
struct Agreement
{
    int prompts = 0;
    int same = 0;            ///< same text, same number of tokens, same end
    int first8 = 0;          ///< same, or the first 8 tokens agree
    int firstToken = 0;      ///< the first token agrees (or both end at once)
    int tokens = 0;          ///< llama.cpp tokens generated
    int agreedTokens = 0;    ///< leading tokens that agree, summed
    int promptTokens = 0;    ///< prompts llama.cpp tokenized to as many tokens as the engine
};

std::string readAll(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/** Runs of U+FFFD (text decoders replace a broken UTF-8 sequence by one or several) become one. */
std::string collapseReplacement(const std::string &s)
{
    static const std::string r = "\xEF\xBF\xBD";
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, r.size(), r) == 0) {
            out += r;
            while (s.compare(i, r.size(), r) == 0)
                i += r.size();
        } else {
            out += s[i++];
        }
    }
    return out;
}

std::string stripReplacementTail(std::string s)
{
    while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xEF\xBF\xBD") == 0)
        s.resize(s.size() - 3);
    return s;
}

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

class TestGgufLlamaCpp : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_node;
    QString m_demo;   // the demo model, pre-trained so its greedy choices are clear

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    static void cliOk(const QStringList &args, int timeoutMs = 240000)
    {
        const sfttest::CliRun r = sfttest::runCli(args, timeoutMs);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
    }

    /** export-gguf with extra args to out; fails the test when it does not write the file. */
    void exportGguf(const QStringList &source, const QString &out, const QString &type, const QStringList &extra = {})
    {
        cliOk(QStringList{QStringLiteral("export-gguf")} + source +
              QStringList{QStringLiteral("--out"), out, QStringLiteral("--type"), type} + extra);
        QVERIFY2(QFileInfo(out).size() > 0, qPrintable(out));
    }

    /** `sftbench-cli tokenize --model dir` of the texts (no special tokens added). */
    std::vector<std::vector<int>> engineTokenize(const QString &dir, const std::vector<std::string> &texts)
    {
        const QString in = path(QStringLiteral("texts.jsonl"));
        std::ofstream f(in.toStdString(), std::ios::binary);
        for (const std::string &t : texts)
            f << json{{"text", t}}.dump() << '\n';
        f.close();
        const sfttest::CliRun r = sfttest::runCli({QStringLiteral("tokenize"), QStringLiteral("--model"), dir,
                                                   QStringLiteral("--input"), in});
        std::vector<std::vector<int>> ids;
        if (r.exitCode != 0) {
            qWarning("tokenize failed: %s", qPrintable(r.err));
            return ids;
        }
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.trimmed().isEmpty())
                ids.push_back(json::parse(line.toStdString()).get<std::vector<int>>());
        return ids;
    }

    /** `sftbench-cli generate --temperature 0` of each prompt (raw text; with a run's adapter when given). */
    std::vector<EngineGen> engineGenerate(const QString &dir, const std::vector<std::string> &prompts,
                                          const QString &adapterRun = {})
    {
        std::vector<EngineGen> out;
        for (const std::string &p : prompts) {
            QStringList args{QStringLiteral("generate"), QStringLiteral("--model"), dir, QStringLiteral("--prompt"), q(p),
                             QStringLiteral("--temperature"), QStringLiteral("0"), QStringLiteral("--max-new-tokens"),
                             QString::number(kMaxTokens), QStringLiteral("--json")};
            if (!adapterRun.isEmpty())
                args << QStringLiteral("--adapter") << adapterRun << QStringLiteral("--prompt-format") << QStringLiteral("none");
            const sfttest::CliRun r = sfttest::runCli(args);
            if (r.exitCode != 0) {
                qWarning("generate failed: %s", qPrintable(r.err));
                return {};
            }
            const QList<QByteArray> lines = r.out.trimmed().split('\n');
            const json done = json::parse(lines.last().toStdString());
            out.push_back({done.at("text").get<std::string>(), done.at("generated_tokens").get<int>(),
                           done.at("prompt_tokens").get<int>(), done.at("finish_reason").get<std::string>()});
        }
        return out;
    }

    /** The engine's probability of each prompt's continuation by the token llama.cpp chose first; -1 where
     *  that token's text does not tokenize back to it alone. */
    std::vector<double> engineFirstProbs(const QString &dir, const std::vector<std::string> &prompts, const json &llamaPrompts)
    {
        const QString in = path(QStringLiteral("logprobs.jsonl"));
        std::ofstream f(in.toStdString(), std::ios::binary);
        for (std::size_t i = 0; i < prompts.size(); ++i) {
            const json &lp = llamaPrompts.at(i);
            const std::string first = lp.at("tokens").empty() ? std::string() : lp.at("prefix_texts").at(0).get<std::string>();
            f << json{{"prompt", prompts[i]}, {"continuation", first.empty() ? std::string(" ") : first}}.dump() << '\n';
        }
        f.close();
        const sfttest::CliRun r = sfttest::runCli({QStringLiteral("logprobs"), QStringLiteral("--model"), dir,
                                                   QStringLiteral("--input"), in});
        std::vector<double> probs(prompts.size(), -1.0);
        if (r.exitCode != 0) {
            qWarning("logprobs failed: %s", qPrintable(r.err));
            return probs;
        }
        std::size_t i = 0;
        for (const QByteArray &line : r.out.split('\n')) {
            if (line.trimmed().isEmpty() || i >= prompts.size())
                continue;
            const json j = json::parse(line.toStdString());
            const json &lp = llamaPrompts.at(i);
            if (!lp.at("tokens").empty() && j.at("token_ids") == json::array({lp.at("tokens").at(0)}))
                probs[i] = std::exp(j.at("logprobs").at(0).get<double>());
            ++i;
        }
        return probs;
    }

    /** Run npm/llama_check.mjs on a job; the parsed result, or null with the failure in *error. */
    json runLlama(const json &job, QString *error)
    {
        const QString jobFile = path(QStringLiteral("job.json"));
        std::ofstream(jobFile.toStdString(), std::ios::binary) << job.dump();
        QProcess p;
        p.start(m_node, {npmDir() + QStringLiteral("/llama_check.mjs"), jobFile});
        if (!p.waitForFinished(300000)) {
            p.kill();
            p.waitForFinished();
            *error = QStringLiteral("llama_check.mjs did not finish");
            return nullptr;
        }
        const QByteArray out = p.readAllStandardOutput();
        try {
            json r = json::parse(out.toStdString());
            if (p.exitCode() != 0 || r.contains("error"))
                *error = QStringLiteral("llama_check.mjs exit %1: %2 %3").arg(p.exitCode()).arg(q(r.value("error", json()).dump()),
                                                                              QString::fromUtf8(p.readAllStandardError()));
            return r;
        } catch (const json::exception &) {
            *error = QStringLiteral("llama_check.mjs printed no JSON (exit %1): %2").arg(p.exitCode())
                         .arg(QString::fromUtf8(p.readAllStandardError()));
            return nullptr;
        }
    }

    static json fileJob(const QString &file, const std::vector<std::string> &prompts, const QString &lora = {})
    {
        json f{{"path", file.toStdString()}, {"texts", kTexts}, {"top", 5}, {"context_size", 256}};
        json ps = json::array();
        for (const std::string &p : prompts)
            ps.push_back({{"text", p}, {"max_tokens", kMaxTokens}});
        f["prompts"] = ps;
        if (!lora.isEmpty())
            f["lora"] = lora.toStdString();
        return f;
    }

    /** The result for one file; fails the test when llama.cpp could not load or run it. */
    static const json *loaded(const json &result, std::size_t index)
    {
        const json &f = result.at("files").at(index);
        if (f.contains("error") || f.contains("gguf_error")) {
            qWarning("llama.cpp on %s: %s %s", f.at("path").get<std::string>().c_str(), f.value("error", json()).dump(1).c_str(),
                     f.value("gguf_error", json()).dump().c_str());
            return nullptr;
        }
        return &f;
    }

    /**
     * model exported as f32 and q8_0 and run by llama.cpp: parsed as written, the texts tokenized as ours,
     * f32 generating the engine's continuations exactly, q8_0 their first token and mostly their first 8.
     */
    void checkF32AndQ8_0(const QString &name, const QString &model, const std::vector<std::vector<int>> &ours,
                         const std::vector<EngineGen> &engine)
    {
        const QString f32 = path(name + QStringLiteral("-f32.gguf")), q8 = path(name + QStringLiteral("-q8_0.gguf"));
        exportGguf({QStringLiteral("--model"), model}, f32, QStringLiteral("f32"));
        exportGguf({QStringLiteral("--model"), model}, q8, QStringLiteral("q8_0"));
        QString error;
        const json result = runLlama({{"files", {fileJob(f32, kPrompts), fileJob(q8, kPrompts)}}}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (std::size_t i = 0; i < 2; ++i) {
            const json *f = loaded(result, i);
            QVERIFY(f);
            const std::string type = i == 0 ? "f32" : "q8_0";
            const QString label = QStringLiteral("%1 %2").arg(name, q(type));
            const QString parsed = checkParsed(*f, model, type);
            QVERIFY2(parsed.isEmpty(), qPrintable(label + QStringLiteral(": ") + parsed));
            QCOMPARE(compareTokenization(*f, ours, label), int(kTexts.size()));
            const Agreement a = compareGeneration(*f, engine, label);
            QCOMPARE(a.promptTokens, a.prompts);
            if (i == 0)
                QCOMPARE(a.same, a.prompts);
            else
                QVERIFY2(a.firstToken == a.prompts && a.first8 >= a.prompts - 2, qPrintable(label));
        }
    }

    static int compareTokenization(const json &file, const std::vector<std::vector<int>> &ours, const QString &label)
    {
        int equal = 0;
        for (std::size_t i = 0; i < ours.size() && i < file.at("texts").size(); ++i) {
            const auto ids = file.at("texts").at(i).at("ids").get<std::vector<int>>();
            if (ids == ours[i])
                ++equal;
            else
                qInfo("%s: tokenization differs for %s\n  llama.cpp %s\n  ours      %s", qPrintable(label),
                      json(kTexts[i]).dump().c_str(), json(ids).dump().c_str(), json(ours[i]).dump().c_str());
        }
        qInfo("%s: tokenization %d/%d texts equal", qPrintable(label), equal, int(ours.size()));
        return equal;
    }

    static Agreement compareGeneration(const json &file, const std::vector<EngineGen> &engine, const QString &label)
    {
        Agreement a;
        const json &prompts = file.at("prompts");
        for (std::size_t i = 0; i < engine.size() && i < prompts.size(); ++i) {
            const json &lp = prompts.at(i);
            const EngineGen &e = engine[i];
            const std::string text = lp.at("text").get<std::string>();
            const int n = int(lp.at("tokens").size());
            const std::string finish = lp.at("finish").get<std::string>();
            const bool same = collapseReplacement(text) == collapseReplacement(e.text) && n == e.tokens && finish == e.finish;
            int agreed = 0;   // leading tokens whose text is a prefix of the engine's
            for (const json &pt : lp.at("prefix_texts")) {
                const std::string prefix = collapseReplacement(stripReplacementTail(pt.get<std::string>()));
                if (agreed >= e.tokens || collapseReplacement(e.text).compare(0, prefix.size(), prefix) != 0)
                    break;
                ++agreed;
            }
            if (same)
                agreed = n;
            ++a.prompts;
            a.same += same;
            a.first8 += same || agreed >= 8;
            a.firstToken += same || agreed >= 1;
            a.tokens += n;
            a.agreedTokens += agreed;
            a.promptTokens += int(lp.at("prompt_tokens").size()) == e.promptTokens;
            if (!same)
                qInfo("%s: prompt %d: %d leading tokens agree\n  llama.cpp %s (%d tokens, %s)\n  ours      %s (%d tokens, %s)",
                      qPrintable(label), int(i + 1), agreed, json(text).dump().c_str(), n, finish.c_str(),
                      json(e.text).dump().c_str(), e.tokens, e.finish.c_str());
        }
        qInfo("%s: greedy generation %d/%d prompts the same, first 8 tokens %d/%d, tokens agreeing %d/%d, prompt lengths %d/%d",
              qPrintable(label), a.same, a.prompts, a.first8, a.prompts, a.agreedTokens, a.tokens, a.promptTokens, a.prompts);
        return a;
    }

    /** Largest |p(llama.cpp) - p(reference)| of the first chosen token; count of prompts compared in *n. */
    static double probGap(const json &file, const std::vector<double> &reference, int *n)
    {
        double worst = 0;
        *n = 0;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            const json &top = file.at("prompts").at(i).at("top");
            if (reference[i] < 0 || top.empty() || file.at("prompts").at(i).at("tokens").empty() ||
                top.at(0).at(0) != file.at("prompts").at(i).at("tokens").at(0))
                continue;
            worst = std::max(worst, std::abs(top.at(0).at(1).get<double>() - reference[i]));
            ++*n;
        }
        return worst;
    }

    static std::vector<double> firstProbs(const json &file)
    {
        std::vector<double> p;
        for (const json &lp : file.at("prompts"))
            p.push_back(lp.at("top").empty() || lp.at("tokens").empty() || lp.at("top").at(0).at(0) != lp.at("tokens").at(0)
                            ? -1.0 : lp.at("top").at(0).at(1).get<double>());
        return p;
    }

    /** "" when @huggingface/gguf's view of file matches the model folder's config and the export type; else why not. */
    static QString checkParsed(const json &file, const QString &modelDir, const std::string &type)
    {
        const json cfg = json::parse(readAll(modelDir + QStringLiteral("/config.json")));
        const json tokj = json::parse(readAll(modelDir + QStringLiteral("/tokenizer.json")));
        const json &g = file.at("gguf");
        const json &md = g.at("metadata");
        const bool bloom = cfg.at("model_type") == "bloom";
        const std::string arch = bloom ? "bloom" : cfg.at("model_type") == "qwen2" ? "qwen2" : "llama";
        const std::int64_t H = cfg.at("hidden_size"), V = cfg.at("vocab_size");
        const std::int64_t L = bloom ? cfg.at("n_layer").get<std::int64_t>() : cfg.at("num_hidden_layers").get<std::int64_t>();
        const std::int64_t nh = bloom ? cfg.at("n_head").get<std::int64_t>() : cfg.at("num_attention_heads").get<std::int64_t>();
        const std::int64_t nkv = bloom ? nh : cfg.value("num_key_value_heads", nh);
        const std::int64_t hd = bloom ? H / nh : cfg.value("head_dim", H / nh);
        const std::int64_t ff = bloom ? 4 * H : cfg.at("intermediate_size").get<std::int64_t>();
        const bool tied = cfg.value("tie_word_embeddings", bloom);

        auto key = [&](const std::string &k, const std::string &vtype, const json &value) -> QString {
            if (!md.contains(k))
                return q("missing key " + k);
            if (md.at(k).at("type") != vtype)
                return q("key " + k + " is " + md.at(k).at("type").dump() + ", want " + vtype);
            if (!value.is_null()) {
                const json &v = md.at(k).at(vtype == "ARRAY" ? "length" : "value");
                const bool eq = value.is_number_float() ? std::abs(v.get<double>() - value.get<double>()) <= 1e-6 * std::abs(value.get<double>())
                                                        : v == value;
                if (!eq)
                    return q("key " + k + " = " + v.dump() + ", want " + value.dump());
            }
            return {};
        };
        const std::map<std::string, int> fileType{{"f32", 0}, {"f16", 1}, {"q8_0", 7}, {"bf16", 32}};
        std::vector<std::tuple<std::string, std::string, json>> keys{
            {"general.architecture", "STRING", arch},
            {"general.file_type", "UINT32", fileType.at(type)},
            {arch + ".block_count", "UINT32", L},
            {arch + ".embedding_length", "UINT32", H},
            {arch + ".feed_forward_length", "UINT32", ff},
            {arch + ".attention.head_count", "UINT32", nh},
            {arch + ".attention.head_count_kv", "UINT32", nkv},
            {arch + ".context_length", "UINT32", nullptr},
            {"tokenizer.ggml.tokens", "ARRAY", V},
            {"tokenizer.ggml.token_type", "ARRAY", V},
            {"tokenizer.ggml.add_bos_token", "BOOL", nullptr},
        };
        if (bloom) {
            keys.emplace_back("bloom.attention.layer_norm_epsilon", "FLOAT32", cfg.at("layer_norm_epsilon"));
        } else {
            keys.emplace_back(arch + ".rope.dimension_count", "UINT32", hd);
            keys.emplace_back(arch + ".rope.freq_base", "FLOAT32", cfg.value("rope_theta", 10000.0));
            keys.emplace_back(arch + ".attention.layer_norm_rms_epsilon", "FLOAT32", cfg.at("rms_norm_eps"));
        }
        const bool spm = tokj.at("model").value("byte_fallback", false);
        if (spm) {
            keys.emplace_back("tokenizer.ggml.model", "STRING", "llama");
            keys.emplace_back("tokenizer.ggml.scores", "ARRAY", V);
        } else {
            keys.emplace_back("tokenizer.ggml.model", "STRING", "gpt2");
            keys.emplace_back("tokenizer.ggml.pre", "STRING", "qwen2");
            keys.emplace_back("tokenizer.ggml.merges", "ARRAY", tokj.at("model").at("merges").size());
        }
        const json eos = cfg.contains("eos_token_id") && cfg.at("eos_token_id").is_array() ? cfg.at("eos_token_id").at(0)
                                                                                            : cfg.value("eos_token_id", json());
        if (!eos.is_null())
            keys.emplace_back("tokenizer.ggml.eos_token_id", "UINT32", eos);
        for (const auto &[k, t, v] : keys)
            if (const QString why = key(k, t, v); !why.isEmpty())
                return why;
        if (md.at("tokenizer.ggml.tokens").at("sub_type") != "STRING" || md.at("tokenizer.ggml.token_type").at("sub_type") != "INT32")
            return QStringLiteral("tokens / token_type element types");

        // The tensor table: every expected tensor with its dims and type, nothing else.
        std::map<std::string, std::vector<std::int64_t>> want;
        want["token_embd.weight"] = {H, V};
        want["output_norm.weight"] = {H};
        if (!tied)
            want["output.weight"] = {H, V};
        if (bloom) {
            want["output_norm.bias"] = {H};
            want["token_embd_norm.weight"] = want["token_embd_norm.bias"] = {H};
        }
        for (std::int64_t l = 0; l < L; ++l) {
            const std::string b = "blk." + std::to_string(l) + ".";
            for (const char *n : {"attn_norm", "ffn_norm"}) {
                want[b + n + ".weight"] = {H};
                if (bloom)
                    want[b + n + ".bias"] = {H};
            }
            if (bloom) {
                want[b + "attn_qkv.weight"] = {H, 3 * H};
                want[b + "attn_qkv.bias"] = {3 * H};
                want[b + "attn_output.weight"] = {H, H};
                want[b + "attn_output.bias"] = {H};
                want[b + "ffn_up.weight"] = {H, ff};
                want[b + "ffn_up.bias"] = {ff};
                want[b + "ffn_down.weight"] = {ff, H};
                want[b + "ffn_down.bias"] = {H};
                continue;
            }
            want[b + "attn_q.weight"] = {H, nh * hd};
            want[b + "attn_k.weight"] = {H, nkv * hd};
            want[b + "attn_v.weight"] = {H, nkv * hd};
            want[b + "attn_output.weight"] = {nh * hd, H};
            want[b + "ffn_gate.weight"] = {H, ff};
            want[b + "ffn_up.weight"] = {H, ff};
            want[b + "ffn_down.weight"] = {ff, H};
            if (arch == "qwen2") {
                want[b + "attn_q.bias"] = {nh * hd};
                want[b + "attn_k.bias"] = {nkv * hd};
                want[b + "attn_v.bias"] = {nkv * hd};
            }
        }
        const std::map<std::string, std::string> typeName{{"f32", "F32"}, {"f16", "F16"}, {"bf16", "BF16"}, {"q8_0", "Q8_0"}};
        if (g.at("tensors").size() != want.size())
            return QStringLiteral("%1 tensors, want %2").arg(g.at("tensors").size()).arg(want.size());
        for (const json &t : g.at("tensors")) {
            const std::string name = t.at("name");
            const auto it = want.find(name);
            if (it == want.end())
                return q("unexpected tensor " + name);
            if (t.at("dims").get<std::vector<std::int64_t>>() != it->second)
                return q("tensor " + name + " dims " + t.at("dims").dump() + ", want " + json(it->second).dump());
            const std::string wantType = it->second.size() == 1 ? "F32"
                                         : type == "q8_0" && it->second[0] % 32 != 0 ? "F16" : typeName.at(type);
            if (t.at("type") != wantType)
                return q("tensor " + name + " is " + t.at("type").dump() + ", want " + wantType);
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const bool installed = QFile::exists(npmDir() + QStringLiteral("/node_modules/node-llama-cpp/package.json")) &&
                               QFile::exists(npmDir() + QStringLiteral("/node_modules/@node-llama-cpp/linux-x64/package.json")) &&
                               QFile::exists(npmDir() + QStringLiteral("/node_modules/@huggingface/gguf/package.json"));
        if (m_node.isEmpty() || !installed) {
            const QString why = m_node.isEmpty() ? QStringLiteral("node is not installed")
                                                 : QStringLiteral("tests/gguf/npm/node_modules is not installed "
                                                                  "(run tests/gguf/setup-reference.sh)");
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(QStringLiteral("the llama.cpp reference is required when CI is set: ") + why));
            QSKIP(qPrintable(why));
        }
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        if (sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--help")}).exitCode != 0)
            QSKIP("this build of sftbench-cli has no export-gguf");
        QVERIFY(m_tmp.isValid());
        m_demo = path(QStringLiteral("demo"));
        cliOk({QStringLiteral("init-model"), QStringLiteral("--out"), m_demo, QStringLiteral("--pretrain-steps"),
               QStringLiteral("100")});
    }

    void demoModelAllTypes()
    {
        const std::vector<std::string> types{"f32", "f16", "bf16", "q8_0"};
        json job{{"files", json::array()}};
        for (const std::string &t : types) {
            const QString file = path(QStringLiteral("demo-%1.gguf").arg(q(t)));
            exportGguf({QStringLiteral("--model"), m_demo}, file, q(t));
            job["files"].push_back(fileJob(file, kPrompts));
        }
        const auto ours = engineTokenize(m_demo, kTexts);
        QCOMPARE(ours.size(), kTexts.size());
        const auto engine = engineGenerate(m_demo, kPrompts);
        QCOMPARE(engine.size(), kPrompts.size());
        QString error;
        const json result = runLlama(job, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        std::vector<double> f32Probs;
        for (std::size_t i = 0; i < types.size(); ++i) {
            const json *f = loaded(result, i);
            QVERIFY2(f, types[i].c_str());
            const QString label = QStringLiteral("demo %1").arg(q(types[i]));
            const QString parsed = checkParsed(*f, m_demo, types[i]);
            QVERIFY2(parsed.isEmpty(), qPrintable(label + QStringLiteral(": ") + parsed));
            QCOMPARE(compareTokenization(*f, ours, label), int(kTexts.size()));
            const Agreement a = compareGeneration(*f, engine, label);
            QCOMPARE(a.promptTokens, a.prompts);
            int n = 0;
            if (types[i] == "f32") {
                QCOMPARE(a.same, a.prompts);
                f32Probs = firstProbs(*f);
                const double gap = probGap(*f, engineFirstProbs(m_demo, kPrompts, f->at("prompts")), &n);
                qInfo("%s: first-step probability of the chosen token vs the engine: max |diff| %.2e over %d prompts",
                      qPrintable(label), gap, n);
                QVERIFY2(n >= 3, "the engine's log-probabilities could not be compared");
                QVERIFY2(gap < 1e-3, qPrintable(QString::number(gap)));
                continue;
            }
            // Rounded weights: probabilities near the f32 file's, generation the same (f16), all but
            // one prompt the same (bf16: 8 mantissa bits), q8_0 above a floor.
            const double gap = probGap(*f, f32Probs, &n);
            const double tolerance = types[i] == "f16" ? 5e-3 : types[i] == "bf16" ? 2e-2 : 3e-2;
            qInfo("%s: first-step probability vs the f32 file: max |diff| %.2e over %d prompts (tolerance %.0e)",
                  qPrintable(label), gap, n, tolerance);
            QVERIFY(n >= 3);
            QVERIFY2(gap < tolerance, qPrintable(QString::number(gap)));
            if (types[i] == "f16")
                QCOMPARE(a.same, a.prompts);
            else if (types[i] == "bf16")
                QVERIFY2(a.same >= a.prompts - 1, qPrintable(label));
            else
                QVERIFY2(a.firstToken == a.prompts && a.first8 >= a.prompts - 2, qPrintable(label));
        }
    }

    void bloomModel()
    {
        const QString model = path(QStringLiteral("bloom"));
        cliOk({QStringLiteral("init-model"), QStringLiteral("--position"), QStringLiteral("alibi"), QStringLiteral("--out"),
               model, QStringLiteral("--pretrain-steps"), QStringLiteral("100")});
        const auto ours = engineTokenize(model, kTexts);
        const auto engine = engineGenerate(model, kPrompts);
        QCOMPARE(engine.size(), kPrompts.size());
        checkF32AndQ8_0(QStringLiteral("bloom"), model, ours, engine);
    }

    void loraRunMergedAndAdapter()
    {
        const QString data = path(QStringLiteral("single_turn.json"));
        sfttest::writeSingleTurnDemoData(data);
        const QJsonObject lora{{QStringLiteral("r"), 8}, {QStringLiteral("alpha"), 16}, {QStringLiteral("rslora"), true},
                               {QStringLiteral("dropout"), 0.0},
                               {QStringLiteral("target_modules"),
                                QJsonArray{QStringLiteral("q_proj"), QStringLiteral("k_proj"), QStringLiteral("v_proj"),
                                           QStringLiteral("o_proj"), QStringLiteral("gate_proj"), QStringLiteral("up_proj"),
                                           QStringLiteral("down_proj")}}};
        const QString run = sfttest::writeRunConfig(
            path(QStringLiteral("lora-run")),
            {{QStringLiteral("base_model"), m_demo}, {QStringLiteral("train_data"), data}, {QStringLiteral("method"), QStringLiteral("lora")},
             {QStringLiteral("learning_rate"), 1e-3}, {QStringLiteral("max_steps"), 8}, {QStringLiteral("batch_size"), 4},
             {QStringLiteral("eval_every"), 0}, {QStringLiteral("save_every"), 0}, {QStringLiteral("lora"), lora}});
        cliOk({QStringLiteral("train"), QStringLiteral("--run-dir"), run, QStringLiteral("--quiet")});

        const QString base = path(QStringLiteral("lora-base-f32.gguf")), merged = path(QStringLiteral("lora-merged-f32.gguf")),
                      adapter = path(QStringLiteral("lora-adapter-f32.gguf"));
        exportGguf({QStringLiteral("--model"), m_demo}, base, QStringLiteral("f32"));
        exportGguf({QStringLiteral("--run-dir"), run}, merged, QStringLiteral("f32"));
        exportGguf({QStringLiteral("--run-dir"), run}, adapter, QStringLiteral("f32"), {QStringLiteral("--adapter")});
        const auto engine = engineGenerate(m_demo, kPrompts, run);
        QCOMPARE(engine.size(), kPrompts.size());

        json job{{"files", {fileJob(merged, kPrompts), fileJob(base, kPrompts, adapter), fileJob(base, kPrompts),
                            {{"path", adapter.toStdString()}, {"parse_only", true}}}}};
        QString error;
        const json result = runLlama(job, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const json *m = loaded(result, 0), *withLora = loaded(result, 1), *alone = loaded(result, 2);
        QVERIFY(m && withLora && alone);
        const QString parsed = checkParsed(*m, m_demo, "f32");
        QVERIFY2(parsed.isEmpty(), qPrintable(parsed));

        const Agreement am = compareGeneration(*m, engine, QStringLiteral("LoRA merged f32"));
        QCOMPARE(am.same, am.prompts);
        const Agreement al = compareGeneration(*withLora, engine, QStringLiteral("LoRA adapter on the base f32 file"));
        QCOMPARE(al.same, al.prompts);
        // The adapter matters: the base file alone continues differently.
        const Agreement ab = compareGeneration(*alone, engine, QStringLiteral("base f32 file without the adapter"));
        qInfo("the adapter changes llama.cpp's continuation of %d/%d prompts", ab.prompts - ab.same, ab.prompts);
        QVERIFY2(ab.prompts - ab.same >= 3, "the LoRA run does not change the greedy continuations");

        // The adapter file as written: rsLoRA's alpha/sqrt(r) as llama.cpp's alpha/r, lora_a / lora_b per target.
        const json &g = result.at("files").at(3).at("gguf");
        const json &md = g.at("metadata");
        QCOMPARE(md.at("general.type").at("value").get<std::string>(), std::string("adapter"));
        QCOMPARE(md.at("adapter.type").at("value").get<std::string>(), std::string("lora"));
        QCOMPARE(md.at("adapter.lora.alpha").at("type").get<std::string>(), std::string("FLOAT32"));
        QVERIFY(std::abs(md.at("adapter.lora.alpha").at("value").get<double>() - 16.0 * std::sqrt(8.0)) < 1e-4);
        const json cfg = json::parse(readAll(m_demo + QStringLiteral("/config.json")));
        const std::int64_t H = cfg.at("hidden_size"), I = cfg.at("intermediate_size"), L = cfg.at("num_hidden_layers"),
                           hd = cfg.at("head_dim"), q_ = cfg.at("num_attention_heads").get<std::int64_t>() * hd,
                           kv = cfg.at("num_key_value_heads").get<std::int64_t>() * hd;
        std::map<std::string, std::vector<std::int64_t>> want;
        for (std::int64_t l = 0; l < L; ++l)
            for (const auto &[n, in, out] : std::vector<std::tuple<std::string, std::int64_t, std::int64_t>>{
                     {"attn_q", H, q_}, {"attn_k", H, kv}, {"attn_v", H, kv}, {"attn_output", q_, H},
                     {"ffn_gate", H, I}, {"ffn_up", H, I}, {"ffn_down", I, H}}) {
                const std::string t = "blk." + std::to_string(l) + "." + n + ".weight";
                want[t + ".lora_a"] = {in, 8};
                want[t + ".lora_b"] = {8, out};
            }
        QCOMPARE(g.at("tensors").size(), want.size());
        for (const json &t : g.at("tensors")) {
            const auto it = want.find(t.at("name").get<std::string>());
            QVERIFY2(it != want.end(), t.at("name").get<std::string>().c_str());
            QCOMPARE(t.at("dims").get<std::vector<std::int64_t>>(), it->second);
            QCOMPARE(t.at("type").get<std::string>(), std::string("F32"));
        }
    }

    void qwen2Model()
    {
        const QString model = path(QStringLiteral("qwen2"));
        ggufix::writeQwen2FromDemo(m_demo, model);
        // Our engine takes it first (tokenizer, weights with biases) and the biases matter.
        const auto ours = engineTokenize(model, kTexts);
        QCOMPARE(ours.size(), kTexts.size());
        const auto engine = engineGenerate(model, kPrompts);
        QCOMPARE(engine.size(), kPrompts.size());
        const auto demo = engineGenerate(m_demo, kPrompts);
        int changed = 0;
        for (std::size_t i = 0; i < engine.size(); ++i)
            changed += engine[i].text != demo.at(i).text;
        QVERIFY2(changed >= 3, "the Q/K/V biases do not change the demo model's continuations");

        checkF32AndQ8_0(QStringLiteral("qwen2"), model, ours, engine);
    }

    void sentencePieceModel()
    {
        const QString model = path(QStringLiteral("spm"));
        const int tokens = ggufix::writeSpmTokenizer(model);
        const int padRows = 5;
        ggufix::writeSpmModel(model, tokens, padRows);
        // Our engine takes it first: ▁ and byte fallback, BOS added to prompts.
        const auto ours = engineTokenize(model, kTexts);
        QCOMPARE(ours.size(), kTexts.size());
        const auto engine = engineGenerate(model, kSpmPrompts);
        QCOMPARE(engine.size(), kSpmPrompts.size());

        const QString f32 = path(QStringLiteral("spm-f32.gguf")), f16 = path(QStringLiteral("spm-f16.gguf"));
        exportGguf({QStringLiteral("--model"), model}, f32, QStringLiteral("f32"));
        exportGguf({QStringLiteral("--model"), model}, f16, QStringLiteral("f16"));
        json job{{"files", {fileJob(f32, kSpmPrompts), fileJob(f16, kSpmPrompts)}}};
        job["files"][0]["array_values"] = {"tokenizer.ggml.token_type"};
        QString error;
        const json result = runLlama(job, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (std::size_t i = 0; i < 2; ++i) {
            const json *f = loaded(result, i);
            QVERIFY(f);
            const std::string type = i == 0 ? "f32" : "f16";
            const QString label = QStringLiteral("SentencePiece-style %1").arg(q(type));
            const QString parsed = checkParsed(*f, model, type);
            QVERIFY2(parsed.isEmpty(), qPrintable(label + QStringLiteral(": ") + parsed));
            QCOMPARE(f->at("vocab").at("add_bos").get<bool>(), true);
            QCOMPARE(f->at("vocab").at("bos").get<int>(), 1);
            QCOMPARE(compareTokenization(*f, ours, label), int(kTexts.size()));
            const Agreement a = compareGeneration(*f, engine, label);
            QCOMPARE(a.promptTokens, a.prompts);
            for (const json &p : f->at("prompts"))
                QCOMPARE(p.at("prompt_tokens").at(0).get<int>(), 1);   // <s> first, as the engine's prompt
            if (i == 0)
                QCOMPARE(a.same, a.prompts);
            else
                QVERIFY2(a.same >= a.prompts - 1, qPrintable(label));
        }
        // Token types: <unk> unknown (2), <s> </s> control (3), the 256 <0xXX> byte (6), padding unused (5).
        const auto types = result.at("files").at(0).at("gguf").at("metadata").at("tokenizer.ggml.token_type").at("value").get<std::vector<int>>();
        QCOMPARE(int(types.size()), tokens + padRows);
        QCOMPARE(types[0], 2);
        QCOMPARE(types[1], 3);
        QCOMPARE(types[2], 3);
        QCOMPARE(int(std::count(types.begin() + 3, types.begin() + 259, 6)), 256);
        QCOMPARE(int(std::count(types.end() - padRows, types.end(), 5)), padRows);
        QCOMPARE(int(std::count(types.begin() + 259, types.end() - padRows, 1)), tokens - 259);
    }

    void refusedFileIsNotWritten()
    {
        // Dynamic NTK RoPE scaling changes the base with the length; llama.cpp has no equivalent.
        const QString model = path(QStringLiteral("dynamic"));
        QDir().mkpath(model);
        for (const QString &f : QDir(m_demo).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_demo + QLatin1Char('/') + f, model + QLatin1Char('/') + f));
        json cfg = json::parse(readAll(model + QStringLiteral("/config.json")));
        cfg["rope_scaling"] = {{"type", "dynamic"}, {"factor", 2.0}};
        QFile::remove(model + QStringLiteral("/config.json"));
        std::ofstream(path(QStringLiteral("dynamic/config.json")).toStdString()) << cfg.dump(2);
        const QString out = path(QStringLiteral("dynamic.gguf"));
        const sfttest::CliRun r = sfttest::runCli({QStringLiteral("export-gguf"), QStringLiteral("--model"), model,
                                                   QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("rope_scaling")) && r.err.contains(QStringLiteral("dynamic")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral("dynamic.gguf*")}, QDir::Files | QDir::Hidden).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGgufLlamaCpp)
#include "test_gguf_llamacpp.moc"
