// LoRA on the model engine: an exact no-op at start (B = 0), only the LoRA
// matrices train, merged weights give the unmerged logits, parameter counts
// match r·(in + out), A's initialisations have the documented spread, PEFT keys.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/error.h"
#include "finetune/lora.h"
#include "finetune/plan.h"
#include "model/demo_model.h"
#include "safetensors/file.h"

using namespace sft;
using namespace sft::finetune;

namespace {
model::CausalLM smallModel()
{
    model::ModelConfig c = model::presetConfig("tiny");
    c.vocabSize = 256;
    model::CausalLM m(c);
    m->initWeights(3);
    m->eval();
    return m;
}
torch::Tensor ids() { return torch::arange(1, 17, torch::kInt64).view({1, 16}); }
} // namespace

class TestLora : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAsNoOp()
    {
        torch::NoGradGuard g;
        auto m = smallModel();
        const torch::Tensor before = m->forward(ids());
        LoraConfig cfg;
        cfg.targetModules = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
        attachLora(*m, cfg, 1);
        QVERIFY(torch::equal(m->forward(ids()), before));  // exactly: B is zero
    }

    void countsAndFrozen()
    {
        auto m = smallModel();
        LoraConfig cfg;
        cfg.rank = 4;
        cfg.targetModules = {"q_proj", "v_proj", "down_proj"};
        const auto att = attachLora(*m, cfg, 1);
        const auto &c = m->config();
        const std::int64_t expected =
            c.numLayers * 4 * ((c.hiddenSize + c.numHeads * c.headDim) + (c.hiddenSize + c.numKvHeads * c.headDim)
                               + (c.intermediateSize + c.hiddenSize));
        QCOMPARE(att.trainableParameters, expected);
        QCOMPARE(loraParameterCount(c, cfg), expected);
        QCOMPARE(std::int64_t(att.modules.size()), c.numLayers * 3);
        std::int64_t trainable = 0;
        for (const auto &p : m->named_parameters()) {
            if (p.value().requires_grad()) {
                trainable += p.value().numel();
                QVERIFY2(p.key().find(".lora.lora_") != std::string::npos, p.key().c_str());
            }
        }
        QCOMPARE(trainable, expected);
    }

    void mergeMatchesUnmerged()
    {
        auto m = smallModel();
        LoraConfig cfg;
        cfg.targetModules = {"q_proj", "v_proj", "up_proj"};
        attachLora(*m, cfg, 7);
        {
            // Give B non-zero values, as after training.
            torch::NoGradGuard g;
            for (auto &p : m->named_parameters())
                if (p.key().find("lora_B") != std::string::npos)
                    p.value().normal_(0.0, 0.05);
        }
        torch::NoGradGuard g;
        const torch::Tensor unmerged = m->forward(ids());
        QVERIFY(!torch::allclose(unmerged, smallModel()->forward(ids())));
        mergeLora(*m);
        for (const auto &p : m->named_parameters())
            QVERIFY2(p.key().find("lora") == std::string::npos, p.key().c_str());
        const double diff = (m->forward(ids()) - unmerged).abs().max().item<double>();
        QVERIFY2(diff < 1e-5, std::to_string(diff).c_str());
    }

    void initialisations()
    {
        auto m = smallModel();
        LoraConfig cfg;
        cfg.rank = 16;
        cfg.targetModules = {"up_proj"};
        attachLora(*m, cfg, 1);
        auto branch = std::dynamic_pointer_cast<LoraBranchImpl>(m->projection("model.layers.0.mlp.up_proj")->branch());
        QVERIFY(branch);
        // Gaussian: N(0, 1/r) -> std 1/16 (PEFT's init_lora_weights="gaussian").
        const double std = branch->lora_A->weight.std().item<double>();
        QVERIFY2(std::abs(std - 1.0 / 16) < 0.01, std::to_string(std).c_str());
        QCOMPARE(branch->scale, 1.0);  // alpha 16 / r 16
        auto m2 = smallModel();
        cfg.init = LoraInit::KaimingUniform;
        cfg.rslora = true;
        attachLora(*m2, cfg, 1);
        auto b2 = std::dynamic_pointer_cast<LoraBranchImpl>(m2->projection("model.layers.0.mlp.up_proj")->branch());
        const double bound = 1.0 / std::sqrt(double(m2->config().hiddenSize));
        QVERIFY(b2->lora_A->weight.abs().max().item<double>() <= bound);
        QCOMPARE(b2->scale, 16.0 / 4.0);  // rsLoRA: alpha / sqrt(r)
    }

    void errorsAndKeys()
    {
        auto m = smallModel();
        LoraConfig cfg;
        cfg.targetModules = {"qkv_proj"};
        QVERIFY_THROWS_EXCEPTION(sft::Error, attachLora(*m, cfg, 1));
        cfg.targetModules = {"q_proj"};
        cfg.rank = 0;
        QVERIFY_THROWS_EXCEPTION(sft::Error, attachLora(*m, cfg, 1));
        QCOMPARE(peftKey("model.layers.0.self_attn.q_proj", true),
                 std::string("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"));
        QCOMPARE(peftKey("model.layers.3.mlp.down_proj", false),
                 std::string("base_model.model.model.layers.3.mlp.down_proj.lora_B.weight"));
    }

    void peftAdapterFormat()
    {
        auto m = smallModel();
        LoraConfig cfg;
        cfg.rank = 4;
        cfg.alpha = 8;
        cfg.targetModules = {"q_proj", "down_proj"};
        attachLora(*m, cfg, 5);
        QTemporaryDir dir;
        savePeftAdapter(*m, cfg, dir.path().toStdString(), "demo-model");

        // adapter_config.json: the fields PEFT reads (REFERENCES.md).
        QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject c = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(c.value(QStringLiteral("peft_type")).toString(), QStringLiteral("LORA"));
        QCOMPARE(c.value(QStringLiteral("task_type")).toString(), QStringLiteral("CAUSAL_LM"));
        QCOMPARE(c.value(QStringLiteral("r")).toInt(), 4);
        QCOMPARE(c.value(QStringLiteral("lora_alpha")).toDouble(), 8.0);
        QCOMPARE(c.value(QStringLiteral("bias")).toString(), QStringLiteral("none"));
        QCOMPARE(c.value(QStringLiteral("fan_in_fan_out")).toBool(), false);
        QCOMPARE(c.value(QStringLiteral("use_rslora")).toBool(), false);
        QCOMPARE(c.value(QStringLiteral("inference_mode")).toBool(), true);
        QVERIFY(c.value(QStringLiteral("modules_to_save")).isNull());
        QCOMPARE(c.value(QStringLiteral("target_modules")).toArray().size(), 2);
        QCOMPARE(c.value(QStringLiteral("base_model_name_or_path")).toString(), QStringLiteral("demo-model"));

        // adapter_model.safetensors: PEFT's key names (no adapter name), shapes A [r, in], B [out, r], values.
        const auto file = safetensors::File::open(dir.filePath(QStringLiteral("adapter_model.safetensors")).toStdString());
        const auto &mc = m->config();
        QCOMPARE(std::int64_t(file.header().tensors.size()), mc.numLayers * 2 * 2);
        const auto *a = file.find("base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight");
        const auto *b = file.find("base_model.model.model.layers.1.mlp.down_proj.lora_B.weight");
        QVERIFY(a && b);
        QCOMPARE(a->shape, (std::vector<std::int64_t>{4, mc.hiddenSize}));
        QCOMPARE(b->shape, (std::vector<std::int64_t>{mc.hiddenSize, 4}));
        auto branch = std::dynamic_pointer_cast<LoraBranchImpl>(m->projection("model.layers.1.self_attn.q_proj")->branch());
        const torch::Tensor expected = branch->lora_A->weight.detach().contiguous();
        QCOMPARE(std::memcmp(file.data(*a), expected.data_ptr(), std::size_t(expected.numel()) * sizeof(float)), 0);

        // The same file through the Python reference reader, when it is there.
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import torch")});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("python3 with torch is not available for the reference reader");
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys; sys.dont_write_bytecode = True; sys.path.insert(0, sys.argv[1]);"
                                 " import safetensors_ref as r; t, meta = r.load_file(sys.argv[2]);"
                                 " print(len(t), tuple(t['base_model.model.model.layers.0.mlp.down_proj.lora_A.weight'].shape))"),
                  QStringLiteral(SFT_SOURCE_DIR "/tests/safetensors"), dir.filePath(QStringLiteral("adapter_model.safetensors"))});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()).trimmed(),
                 QStringLiteral("%1 (4, %2)").arg(mc.numLayers * 4).arg(mc.intermediateSize));
    }
};

QTEST_GUILESS_MAIN(TestLora)
#include "test_lora.moc"
