// Tests of the safetensors reader and writer: files written by the Python
// reference writer (safetensors_ref.py) read back with the right dtypes,
// shapes, values and metadata; sharded checkpoints resolve through the index;
// our writer's files are read by the reference reader; and every kind of bad
// header is refused with an error that names the file and the tensor.

#include "core/error.h"
#include "safetensors/checkpoint.h"
#include "safetensors/file.h"
#include "safetensors/header.h"
#include "safetensors/writer.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace sft::safetensors;
using nlohmann::json;

namespace {

double halfToDouble(std::uint16_t h)
{
    const int sign = h >> 15, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    double v = exp == 0 ? std::ldexp(frac, -24) : std::ldexp(1024 + frac, exp - 25);
    return sign ? -v : v;
}

double bf16ToDouble(std::uint16_t b)
{
    const std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

/** Element i of a tensor's bytes as a double. */
double element(DType t, const std::uint8_t *p, std::size_t i)
{
    auto load = [&](auto v) { std::memcpy(&v, p + i * sizeof(v), sizeof(v)); return v; };
    switch (t) {
    case DType::F64: return load(double{});
    case DType::F32: return load(float{});
    case DType::F16: return halfToDouble(load(std::uint16_t{}));
    case DType::BF16: return bf16ToDouble(load(std::uint16_t{}));
    case DType::I64: return static_cast<double>(load(std::int64_t{}));
    case DType::I32: return load(std::int32_t{});
    case DType::I16: return load(std::int16_t{});
    case DType::I8: return load(std::int8_t{});
    case DType::U8: return load(std::uint8_t{});
    case DType::Bool: return load(std::uint8_t{});
    default: return NAN;
    }
}

json readJson(const QString &path)
{
    std::ifstream in(path.toStdString());
    return json::parse(in);
}

/** Checks one tensor against the reference's {"dtype","shape","values"}. */
void checkTensor(const TensorInfo &info, const std::uint8_t *data, const json &want)
{
    QCOMPARE(QString::fromLatin1(dtypeName(info.dtype)), QString::fromStdString(want["dtype"].get<std::string>()));
    QCOMPARE(info.shape, want["shape"].get<std::vector<std::int64_t>>());
    const auto values = want["values"].get<std::vector<double>>();
    QCOMPARE(static_cast<std::size_t>(info.numel()), values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        QCOMPARE(element(info.dtype, data, i), values[i]);
}

/** A complete file: 8-byte length, header text, buffer of zeros. */
std::string makeFile(const std::string &header, std::size_t bufferBytes)
{
    std::string out(8, '\0');
    const std::uint64_t n = header.size();
    for (int i = 0; i < 8; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    return out + header + std::string(bufferBytes, '\0');
}

bool havePythonTorch()
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import torch")});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsReferenceFile()
    {
        const QString dir = QStringLiteral(SFT_TEST_DATA_DIR);
        const File f = File::open(QString(dir + QStringLiteral("/all_dtypes.safetensors")).toStdString());
        const json want = readJson(dir + QStringLiteral("/all_dtypes.json"));
        QCOMPARE(f.header().tensors.size(), want["tensors"].size());
        for (auto it = want["tensors"].begin(); it != want["tensors"].end(); ++it) {
            const TensorInfo *info = f.find(it.key());
            QVERIFY2(info, it.key().c_str());
            checkTensor(*info, f.data(*info), *it);
        }
        const auto metadata = want["metadata"].get<std::map<std::string, std::string>>();
        QVERIFY(f.header().metadata == metadata);
    }

    void readsShardedCheckpoint()
    {
        const QString dir = QStringLiteral(SFT_TEST_DATA_DIR);
        const Checkpoint c = Checkpoint::open(QString(dir + QStringLiteral("/sharded")).toStdString());
        const json want = readJson(dir + QStringLiteral("/all_dtypes.json"))["tensors"];
        QCOMPARE(c.files().size(), std::size_t(2));
        QCOMPARE(c.names().size(), want.size());
        for (auto it = want.begin(); it != want.end(); ++it) {
            const TensorRef ref = c.find(it.key());
            QVERIFY2(ref.info, it.key().c_str());
            checkTensor(*ref.info, ref.data, *it);
        }
        QVERIFY(!c.find("missing").info);
    }

    void refusesBadIndex_data()
    {
        QTest::addColumn<QString>("index");
        QTest::addColumn<QString>("message");
        QTest::newRow("shard outside the folder")
            << QStringLiteral(R"({"weight_map": {"f32": "../x.safetensors"}})") << QStringLiteral("plain file name");
        QTest::newRow("tensor not in shard")
            << QStringLiteral(R"({"weight_map": {"nope": "model-00001-of-00002.safetensors"}})")
            << QStringLiteral("lacks it");
        QTest::newRow("no weight_map") << QStringLiteral(R"({"metadata": {}})") << QStringLiteral("weight_map");
        QTest::newRow("missing shard") << QStringLiteral(R"({"weight_map": {"a": "gone.safetensors"}})")
                                       << QStringLiteral("cannot open");
    }

    void refusesBadIndex()
    {
        QFETCH(QString, index);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const std::string shard = "model-00001-of-00002.safetensors";
        QVERIFY(QFile::copy(QStringLiteral(SFT_TEST_DATA_DIR "/sharded/") + QString::fromStdString(shard),
                            tmp.filePath(QString::fromStdString(shard))));
        const std::string path = tmp.filePath(QStringLiteral("model.safetensors.index.json")).toStdString();
        std::ofstream(path) << index.toStdString();
        try {
            Checkpoint::open(tmp.path().toStdString());
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void writerRoundTrip()
    {
        const std::vector<float> a = {1.5f, -2.0f, 3.25f};
        const std::vector<std::uint16_t> b = {0x3f80, 0xc000}; // bf16 1, -2
        const std::vector<std::int64_t> c = {7, -9};
        const std::string bytes = serialize({{"a", DType::F32, {3}, a.data(), 12},
                                             {"b", DType::BF16, {2, 1}, b.data(), 4},
                                             {"c", DType::I64, {2}, c.data(), 16}},
                                            {{"format", "pt"}});
        const auto *p = reinterpret_cast<const std::uint8_t *>(bytes.data());
        const Header h = parseHeader(p, bytes.size(), "mem");
        QCOMPARE((8 + bytes.substr(8, h.dataStart - 8).size()) % 8, std::size_t(0));
        QCOMPARE(h.metadata.at("format"), std::string("pt"));
        // Largest elements first: c (8), a (4), b (2); every offset aligned to its element size.
        QCOMPARE(h.tensors[0].name, std::string("c"));
        QCOMPARE(h.tensors[1].name, std::string("a"));
        QCOMPARE(h.tensors[2].name, std::string("b"));
        for (const auto &t : h.tensors)
            QCOMPARE(t.begin % dtypeSize(t.dtype), std::uint64_t(0));
        QCOMPARE(element(DType::F32, p + h.dataStart + h.find("a")->begin, 2), 3.25);
        QCOMPARE(element(DType::BF16, p + h.dataStart + h.find("b")->begin, 1), -2.0);
        QCOMPARE(element(DType::I64, p + h.dataStart + h.find("c")->begin, 1), -9.0);
    }

    void writerRefusesBadInput()
    {
        const float x = 0;
        QVERIFY_THROWS_EXCEPTION(sft::Error, serialize({{"a", DType::F32, {2}, &x, 4}}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, serialize({{"a", DType::F32, {1}, &x, 4}, {"a", DType::F32, {1}, &x, 4}}));
        QVERIFY_THROWS_EXCEPTION(sft::Error, serialize({{"__metadata__", DType::F32, {1}, &x, 4}}));
    }

    void referenceReaderReadsOurFiles()
    {
        if (!havePythonTorch())
            QSKIP("/usr/bin/python3 with torch is not available");
        QTemporaryDir tmp;
        const std::vector<float> a = {0.1f, -7.5f, 1e30f, 0};
        const std::vector<std::uint16_t> h = {0x3c00, 0xbc00, 0x7bff}; // f16 1, -1, 65504
        const std::vector<std::int32_t> i = {-5, 6};
        const std::string path = tmp.filePath(QStringLiteral("ours.safetensors")).toStdString();
        writeFile(path, {{"w.a", DType::F32, {2, 2}, a.data(), 16},
                         {"w.h", DType::F16, {3}, h.data(), 6},
                         {"w.i", DType::I32, {1, 2}, i.data(), 8},
                         {"w.empty", DType::BF16, {0}, nullptr, 0}},
                  {{"k", "v"}});
        const QString script = QStringLiteral(
            "import sys, json; sys.dont_write_bytecode = True; sys.path.insert(0, sys.argv[1]); import safetensors_ref as r\n"
            "t, m = r.load_file(sys.argv[2])\n"
            "print(json.dumps({'metadata': m, 'tensors': {k: {'dtype': r.DTYPES[v.dtype][0], 'shape': list(v.shape),"
            " 'values': v.double().flatten().tolist()} for k, v in t.items()}}))\n");
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), script, QStringLiteral(SFT_SOURCE_DIR "/tests/safetensors"),
                 QString::fromStdString(path)});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const json got = json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(got["metadata"]["k"].get<std::string>(), std::string("v"));
        QCOMPARE(got["tensors"]["w.a"]["values"].get<std::vector<double>>(),
                 (std::vector<double>{0.1f, -7.5f, 1e30f, 0}));
        QCOMPARE(got["tensors"]["w.h"]["values"].get<std::vector<double>>(), (std::vector<double>{1, -1, 65504}));
        QCOMPARE(got["tensors"]["w.i"]["shape"].get<std::vector<int>>(), (std::vector<int>{1, 2}));
        QCOMPARE(got["tensors"]["w.empty"]["dtype"].get<std::string>(), std::string("BF16"));
        // And our reader reads what we wrote.
        const File f = File::open(path);
        QCOMPARE(f.find("w.i")->shape, (std::vector<std::int64_t>{1, 2}));
    }

    void refusesBadHeader_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("tensor");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, const std::string &bytes, const char *tensor, const char *msg) {
            QTest::newRow(name) << QByteArray(bytes.data(), static_cast<int>(bytes.size()))
                                << QString::fromLatin1(tensor) << QString::fromLatin1(msg);
        };
        const std::string ok = R"("t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
        row("too short", std::string(5, '\0'), "", "too short");
        {
            std::string big = makeFile("{}", 0);
            const std::uint64_t n = 100'000'001;
            for (int i = 0; i < 8; ++i)
                big[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
            row("header over 100 MB", big, "", "100 MB");
        }
        {
            std::string past = makeFile("{" + ok + "}", 8);
            past[0] = static_cast<char>(200);
            row("header past end", past, "", "past the end");
        }
        row("not an object start", makeFile("[1]     ", 0), "", "start with '{'");
        row("invalid json", makeFile("{\"t\": }", 0), "", "not valid JSON");
        row("invalid utf-8", makeFile("{\"t\xff\":1}", 0), "", "not valid JSON");
        row("entry not object", makeFile(R"({"t":[1]})", 0), "t", "JSON object");
        row("unknown dtype", makeFile(R"({"t":{"dtype":"F7","shape":[1],"data_offsets":[0,4]}})", 4), "t",
            "unknown dtype");
        row("missing dtype", makeFile(R"({"t":{"shape":[1],"data_offsets":[0,4]}})", 4), "t", "dtype");
        row("extra key", makeFile(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}})", 4), "t",
            "unexpected key");
        row("negative dim", makeFile(R"({"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4), "t",
            "non-negative");
        row("fractional dim", makeFile(R"({"t":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4), "t",
            "non-negative");
        row("shape overflow",
            makeFile(R"({"t":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}})", 4), "t",
            "overflows");
        row("numel times size overflows",
            makeFile(R"({"t":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,8]}})", 8), "t",
            "overflows");
        row("offsets not a pair", makeFile(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", 4), "t",
            "[begin, end]");
        row("end before begin", makeFile(R"({"t":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}})", 8), "t",
            "before begin");
        row("size mismatch", makeFile(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})", 4), "t",
            "needs 8");
        row("overlap",
            makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                     R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12),
            "b", "overlap");
        row("gap",
            makeFile(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                     R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})", 12),
            "b", "gap");
        row("buffer not covered", makeFile("{" + ok + "}", 12), "", "cover 8 bytes");
        row("offsets past buffer", makeFile("{" + ok + "}", 4), "", "cover 8 bytes");
        row("metadata not strings", makeFile(R"({"__metadata__":{"a":1}})", 0), "__metadata__", "not a string");
    }

    void refusesBadHeader()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, tensor);
        QFETCH(QString, message);
        try {
            parseHeader(reinterpret_cast<const std::uint8_t *>(file.constData()), static_cast<std::size_t>(file.size()),
                        "bad.safetensors");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("bad.safetensors")), e.what());
            QCOMPARE(QString::fromStdString(e.where().field), tensor);
        }
    }

    void acceptsEmptyAndPaddedHeaders()
    {
        const std::string empty = makeFile("{}      ", 0);
        QCOMPARE(parseHeader(reinterpret_cast<const std::uint8_t *>(empty.data()), empty.size(), "e").tensors.size(),
                 std::size_t(0));
        const std::string zero = makeFile(R"({"z":{"dtype":"BF16","shape":[0,3],"data_offsets":[0,0]}})", 0);
        const Header h = parseHeader(reinterpret_cast<const std::uint8_t *>(zero.data()), zero.size(), "z");
        QCOMPARE(h.tensors.at(0).numel(), std::int64_t(0));
    }

    void openReportsMissingFile()
    {
        try {
            File::open("/nonexistent/x.safetensors");
            QFAIL("no error");
        } catch (const sft::Error &e) {
            QCOMPARE(QString::fromStdString(e.where().file), QStringLiteral("/nonexistent/x.safetensors"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
