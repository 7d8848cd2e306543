// `sftbench-cli logits`: the fixtures' batches (row 1 left-padded) give their
// reference logits over the real positions (LLaMA with llama3 RoPE scaling and
// head_dim, Qwen2 with linear scaling and q/k/v biases); int32 ids and a
// missing mask are read as transformers would; a bad input file is refused
// with the file and the tensor named; and --adapter on a short LoRA run gives
// the logits of the run merged into its base model (not the base model's).

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "model_test_util.h"
#include "test_util.h"

#include "safetensors/file.h"

namespace {

using sfttest::readTensor;

/** Write tensors (int64 / int32 / float32) as a safetensors input file. */
void writeInput(const QString &path, const std::vector<std::pair<std::string, torch::Tensor>> &tensors)
{
    sft::model::saveTensors(tensors, path.toStdString());
}

/** The logits an output file holds. */
torch::Tensor readLogits(const QString &path)
{
    const auto f = sft::safetensors::File::open(path.toStdString());
    return readTensor(f, "logits");
}

/** Max |a - b| over the positions where mask [B, T] is 1 (a, b: [B, T, V]). */
double maskedDiff(const torch::Tensor &a, const torch::Tensor &b, const torch::Tensor &mask)
{
    const torch::Tensor valid = mask.to(torch::kBool).unsqueeze(-1).expand_as(a);
    return (a - b).abs().masked_select(valid).max().item<double>();
}

QJsonObject lastJsonLine(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

} // namespace

class TestLogitsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString fixture(const char *name) const { return QStringLiteral(SFT_SOURCE_DIR "/tests/model/data/") + QLatin1String(name); }

    /** Runs logits on a model folder with fp32 on the CPU; out: the output file. */
    sfttest::CliRun logits(const QString &model, const QString &input, const QString &out, const QStringList &extra = {})
    {
        return sfttest::runCli(QStringList{QStringLiteral("logits"), QStringLiteral("--model"), model, QStringLiteral("--input"),
                                           input, QStringLiteral("--out"), out, QStringLiteral("--device"),
                                           QStringLiteral("cpu"), QStringLiteral("--dtype"), QStringLiteral("fp32")}
                               + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(sfttest::cliPath()))
            QSKIP("sftbench-cli is not built");
        QVERIFY(m_tmp.isValid());
    }

    void matchesReferenceLogits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("llama gqa llama3 head_dim") << QStringLiteral("llama_gqa_llama3_headdim");
        QTest::newRow("qwen2 linear scaling, qkv bias") << QStringLiteral("qwen2_rope_parameters");
        QTest::newRow("llama attention bias") << QStringLiteral("llama_gqa_linear_bias");
    }
    void matchesReferenceLogits()
    {
        QFETCH(QString, name);
        const QString dir = fixture(name.toUtf8().constData());
        const QString expected = dir + QStringLiteral("/expected.safetensors");
        const QString out = m_tmp.filePath(name + QStringLiteral(".safetensors"));
        const auto r = logits(dir, expected, out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject line = lastJsonLine(r.out);
        QCOMPARE(line.value(QStringLiteral("device")).toString(), QStringLiteral("cpu"));
        QCOMPARE(line.value(QStringLiteral("dtype")).toString(), QStringLiteral("fp32"));
        QVERIFY(line.value(QStringLiteral("seconds")).toDouble() >= 0);

        const auto f = sft::safetensors::File::open(expected.toStdString());
        const torch::Tensor want = readTensor(f, "logits"), mask = readTensor(f, "attention_mask");
        const QJsonArray shape = line.value(QStringLiteral("shape")).toArray();
        QCOMPARE(shape.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(shape.at(i).toInteger(), qint64(want.size(i)));
        QVERIFY((mask == 0).any().item<bool>());   // the batch does hold padding
        const auto outFile = sft::safetensors::File::open(out.toStdString());
        const auto *info = outFile.find("logits");
        QVERIFY(info);
        QCOMPARE(info->dtype, sft::safetensors::DType::F32);
        QCOMPARE(outFile.header().metadata.at("device"), std::string("cpu"));
        QCOMPARE(outFile.header().metadata.at("dtype"), std::string("fp32"));
        const torch::Tensor got = readTensor(outFile, "logits");
        QCOMPARE(got.sizes().vec(), want.sizes().vec());
        const double diff = maskedDiff(got, want, mask);
        qInfo("%s: max |logits - reference| %.3g", qPrintable(name), diff);
        QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));
    }

    /** int32 ids with the mask, and an unpadded row without any mask, read as int64 ids are. */
    void int32IdsAndNoMask()
    {
        const QString dir = fixture("llama_gqa_llama3_headdim");
        const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
        const torch::Tensor ids = readTensor(f, "input_ids"), mask = readTensor(f, "attention_mask"),
                            want = readTensor(f, "logits");
        const QString in32 = m_tmp.filePath(QStringLiteral("int32.safetensors"));
        writeInput(in32, {{"input_ids", ids.to(torch::kInt32)}, {"attention_mask", mask.to(torch::kInt32)}});
        const QString out32 = m_tmp.filePath(QStringLiteral("int32-out.safetensors"));
        auto r = logits(dir, in32, out32);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(maskedDiff(readLogits(out32), want, mask) <= 1e-4);

        QVERIFY((mask[0] == 1).all().item<bool>());
        const QString row0 = m_tmp.filePath(QStringLiteral("row0.safetensors"));
        writeInput(row0, {{"input_ids", ids.narrow(0, 0, 1).contiguous()}});
        const QString outRow0 = m_tmp.filePath(QStringLiteral("row0-out.safetensors"));
        r = logits(dir, row0, outRow0);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const torch::Tensor got = readLogits(outRow0);
        QCOMPARE(got.size(0), std::int64_t(1));
        QVERIFY(sfttest::maxDiff(got[0], want[0]) <= 1e-4);
    }

    /** Each bad input is refused before the forward pass, naming the input file and the tensor. */
    void badInputsAreNamed()
    {
        const QString dir = fixture("llama_gqa_llama3_headdim");
        const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
        const torch::Tensor ids = readTensor(f, "input_ids"), mask = readTensor(f, "attention_mask");
        const QString out = m_tmp.filePath(QStringLiteral("bad-out.safetensors"));
        struct Case
        {
            const char *name;
            std::vector<std::pair<std::string, torch::Tensor>> tensors;
            QStringList needles;
        };
        torch::Tensor tooLarge = ids.clone();
        tooLarge[1][5] = 40;   // the vocabulary has 40 tokens
        torch::Tensor notBinary = mask.clone();
        notBinary[0][2] = 2;
        const std::vector<Case> cases = {
            {"missing", {{"tokens", ids}}, {QStringLiteral("\"input_ids\""), QStringLiteral("missing")}},
            {"float-ids", {{"input_ids", ids.to(torch::kFloat32)}}, {QStringLiteral("\"input_ids\""), QStringLiteral("F32")}},
            {"rank1", {{"input_ids", ids[0].contiguous()}}, {QStringLiteral("\"input_ids\""), QStringLiteral("[9]")}},
            {"mask-shape", {{"input_ids", ids}, {"attention_mask", mask.narrow(1, 0, 8).contiguous()}},
             {QStringLiteral("\"attention_mask\""), QStringLiteral("[2, 8]"), QStringLiteral("[2, 9]")}},
            {"mask-values", {{"input_ids", ids}, {"attention_mask", notBinary}},
             {QStringLiteral("\"attention_mask\""), QStringLiteral("0 or 1")}},
            {"id-too-large", {{"input_ids", tooLarge}, {"attention_mask", mask}},
             {QStringLiteral("\"input_ids\""), QStringLiteral("token id 40"), QStringLiteral("[1, 5]"),
              QStringLiteral("40 tokens")}},
        };
        for (const Case &c : cases) {
            const QString in = m_tmp.filePath(QStringLiteral("bad-%1.safetensors").arg(QLatin1String(c.name)));
            writeInput(in, c.tensors);
            const auto r = logits(dir, in, out);
            QVERIFY2(r.exitCode == 1, c.name);
            QVERIFY2(r.err.contains(in), qPrintable(QLatin1String(c.name) + QStringLiteral(": ") + r.err));
            for (const QString &needle : c.needles)
                QVERIFY2(r.err.contains(needle), qPrintable(QLatin1String(c.name) + QStringLiteral(": ") + r.err));
            QVERIFY(!QFile::exists(out));
        }
        // The model's source: one of --model and --adapter; an unreadable input file is named.
        const QString good = dir + QStringLiteral("/expected.safetensors");
        auto r = sfttest::runCli({QStringLiteral("logits"), QStringLiteral("--input"), good, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--model")), qPrintable(r.err));
        r = sfttest::runCli({QStringLiteral("logits"), QStringLiteral("--model"), dir, QStringLiteral("--input"), good});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--out")), qPrintable(r.err));
        const QString missing = m_tmp.filePath(QStringLiteral("nope.safetensors"));
        r = logits(dir, missing, out);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    }

    /**
     * --adapter RUN: a short LoRA run on every projection (a learning rate high enough that B moves away
     * from 0) gives the logits of the run merged into its base model, and not the base model's.
     */
    void adapterMatchesMergedRun()
    {
        if (sfttest::runCli({QStringLiteral("train"), QStringLiteral("--help")}).exitCode != 0)
            QSKIP("this sftbench-cli has no fine-tuning engine");
        const QString model = m_tmp.filePath(QStringLiteral("tiny"));
        auto r = sfttest::runCli({QStringLiteral("init-model"), QStringLiteral("--out"), model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString data = m_tmp.filePath(QStringLiteral("data.json"));
        sfttest::writeSingleTurnDemoData(data);
        const QString run = sfttest::writeRunConfig(
            m_tmp.filePath(QStringLiteral("lora-run")),
            {{QStringLiteral("base_model"), model},
             {QStringLiteral("train_data"), data},
             {QStringLiteral("method"), QStringLiteral("lora")},
             {QStringLiteral("learning_rate"), 1e-2},
             {QStringLiteral("max_steps"), 8},
             {QStringLiteral("batch_size"), 2},
             {QStringLiteral("eval_fraction"), 0},
             {QStringLiteral("save_every"), 0},
             {QStringLiteral("device"), QStringLiteral("cpu")},
             {QStringLiteral("precision"), QStringLiteral("fp32")},
             {QStringLiteral("lora"), QJsonObject{{QStringLiteral("r"), 8},
                                                  {QStringLiteral("alpha"), 16},
                                                  {QStringLiteral("target_modules"),
                                                   QJsonArray{QStringLiteral("q_proj"), QStringLiteral("k_proj"),
                                                              QStringLiteral("v_proj"), QStringLiteral("o_proj"),
                                                              QStringLiteral("gate_proj"), QStringLiteral("up_proj"),
                                                              QStringLiteral("down_proj")}}}}});
        r = sfttest::runCli({QStringLiteral("train"), QStringLiteral("--run-dir"), run, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString merged = m_tmp.filePath(QStringLiteral("merged"));
        r = sfttest::runCli({QStringLiteral("merge"), QStringLiteral("--run-dir"), run, QStringLiteral("--out"), merged});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Two rows of 12 ids, the second left-padded by 3 (pad id 0).
        torch::Tensor ids = sfttest::randomIds(24, 200, 7).view({2, 12}) + 1;
        torch::Tensor mask = torch::ones({2, 12}, torch::kInt64);
        mask[1].narrow(0, 0, 3).zero_();
        ids[1].narrow(0, 0, 3).zero_();
        const QString in = m_tmp.filePath(QStringLiteral("tiny-input.safetensors"));
        writeInput(in, {{"input_ids", ids}, {"attention_mask", mask}});

        const QString outAdapter = m_tmp.filePath(QStringLiteral("adapter-out.safetensors"));
        r = sfttest::runCli({QStringLiteral("logits"), QStringLiteral("--adapter"), run, QStringLiteral("--input"), in,
                             QStringLiteral("--out"), outAdapter, QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString outMerged = m_tmp.filePath(QStringLiteral("merged-out.safetensors"));
        r = logits(merged, in, outMerged);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString outBase = m_tmp.filePath(QStringLiteral("base-out.safetensors"));
        r = logits(model, in, outBase);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const torch::Tensor adapted = readLogits(outAdapter);
        const double vsMerged = maskedDiff(adapted, readLogits(outMerged), mask);
        const double vsBase = maskedDiff(adapted, readLogits(outBase), mask);
        qInfo("--adapter vs merged %.3g, vs base %.3g", vsMerged, vsBase);
        QVERIFY2(vsMerged <= 1e-4, qPrintable(QString::number(vsMerged)));
        QVERIFY2(vsBase > 1e-3, qPrintable(QString::number(vsBase)));   // the adapter did change the model

        // --model and --adapter together are refused.
        r = sfttest::runCli({QStringLiteral("logits"), QStringLiteral("--adapter"), run, QStringLiteral("--model"), model,
                             QStringLiteral("--input"), in, QStringLiteral("--out"), outAdapter});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not both")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestLogitsCli)
#include "test_logits_cli.moc"
