// Tests of the GGUF writer and the element encodings: a small file compared
// byte for byte with bytes assembled here by hand, hand-picked fp16 / bf16
// values (rounding ties, subnormals, overflow, NaN), Q8_0 blocks whose bytes
// were computed with an independent float32 emulation of ggml's
// quantize_row_q8_0_ref, nearest-value properties over a million floats, numpy
// as an external fp16 / Q8_0 reference when it is installed, and the
// refusals, which must leave no file behind.

#include "core/error.h"
#include "gguf/gguf_writer.h"
#include "gguf/quantize.h"

#include "test_util.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace sft::gguf;

namespace {

float fromBits(std::uint32_t bits)
{
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

std::uint32_t toBits(float f)
{
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    return bits;
}

/** The sft::Error message f throws, "" when it throws nothing. */
template <class F> QString errorOf(F &&f)
{
    try {
        f();
    } catch (const sft::Error &e) {
        return QString::fromStdString(e.what());
    } catch (...) {
        return QStringLiteral("<an exception other than sft::Error>");
    }
    return {};
}

// Little-endian byte assembly for the expected file, independent of the writer's own helpers.
void le(QByteArray &out, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(static_cast<char>((v >> (8 * i)) & 0xff));
}
void gstr(QByteArray &out, const QByteArray &s)
{
    le(out, static_cast<std::uint64_t>(s.size()), 8);
    out.append(s);
}
void pad32(QByteArray &out)
{
    while (out.size() % 32)
        out.append('\0');
}

// Block A: d = 127 / 127 = 1 exactly, so the int8 values are roundf(x): halves go away from zero
// (2.5 -> 3, 126.5 -> 127), where round-to-even would give 2 and 126.
const float kBlockA[32] = {127, -127, 2.5f, -2.5f, 0.5f, -0.5f, 1.5f, 0.49999997f, 3.4f, -3.6f, 100.5f, 0,
                           -0.0f, 126.5f, -126.5f, 64.25f, -1.5f, 7.5f, 8.5f, -9.5f, 0.25f, 0.75f, 10.4999f,
                           11.5001f, 12, -13, 14.5f, -15.5f, 16.49f, 17.51f, 42, -42};
const std::int8_t kBlockAq[32] = {127, -127, 3, -3, 1, -1, 2, 0, 3, -4, 101, 0, 0, 127, -127, 64,
                                  -2, 8, 9, -10, 0, 1, 10, 12, 12, -13, 15, -16, 16, 18, 42, -42};
// Block B: d = 0.0448f / 127 (f32) = 0.00035354332, stored as fp16 0x0dcb; id = 1 / d (f32) =
// 2828.5076. Computed with Python's struct (float32 rounding after each operation).
const float kBlockB[32] = {0.0026f, 0.027f, 0.0368f, 0.0293f, 0.0099f, -0.0311f, -0.0405f, -0.0328f,
                           -0.0097f, 0.02f, 0.0232f, 0.0325f, 0.0246f, 0.0051f, -0.0148f, -0.0448f,
                           -0.0367f, -0.0133f, 0.0163f, 0.0403f, 0.0282f, 0.0199f, 0.0003f, -0.0195f,
                           -0.0281f, -0.0406f, -0.0169f, 0.0127f, 0.0364f, 0.0449f, 0.0152f, -0.0045f};
const std::int8_t kBlockBq[32] = {7, 76, 104, 83, 28, -88, -115, -93, -27, 57, 66, 92, 70, 14, -42, -127,
                                  -104, -38, 46, 114, 80, 56, 1, -55, -79, -115, -48, 36, 103, 127, 43, -13};

Writer::Loader values(std::vector<float> v)
{
    return [v = std::move(v)] { return v; };
}

/**
 * Checks that code is the nearest representable value to x, ties to the even code, among the
 * codes of a 16-bit format decoded by decode; inf is the next code after the largest finite one
 * and counts as 2^(emax+1) (so overflow happens exactly at the halfway point).
 */
template <class Decode>
bool isNearest(float x, std::uint16_t code, std::uint16_t infCode, Decode decode, double infValue)
{
    const std::uint16_t sign = code & 0x8000;
    const std::uint16_t mag = code & 0x7fff;
    if (mag > infCode || std::signbit(x) != (sign != 0))
        return false;
    auto value = [&](std::uint16_t m) { return m == infCode ? infValue : std::fabs(double(decode(m))); };
    const double ax = std::fabs(double(x));
    const double d = std::fabs(ax - value(mag));
    if (mag > 0) {
        const double below = std::fabs(ax - value(mag - 1));
        if (below < d || (below == d && (mag & 1)))
            return false;
    }
    if (mag < infCode) {
        const double above = std::fabs(ax - value(mag + 1));
        if (above < d || (above == d && (mag & 1)))
            return false;
    }
    return true;
}

/** A spread of floats: a stride through all bit patterns, plus each fp16 and bf16 midpoint and its neighbours. */
std::vector<float> sweepValues()
{
    std::vector<float> out;
    for (std::uint64_t u = 0; u < (std::uint64_t(1) << 32); u += 4099)
        out.push_back(fromBits(static_cast<std::uint32_t>(u)));
    for (std::uint32_t h = 0; h < 0x7c00; ++h) {
        const double lo = halfToFloat(static_cast<std::uint16_t>(h));
        const double hi = h + 1 == 0x7c00 ? 65536.0 : double(halfToFloat(static_cast<std::uint16_t>(h + 1)));
        const float mid = static_cast<float>((lo + hi) / 2);
        for (float f : {std::nextafter(mid, 0.0f), mid, std::nextafter(mid, 1e30f)}) {
            out.push_back(f);
            out.push_back(-f);
        }
    }
    for (std::uint32_t b = 0; b < 0x7f80; b += 7) {
        const std::uint32_t mid = (b << 16) | 0x8000;
        for (std::uint32_t u : {mid - 1, mid, mid + 1})
            out.push_back(fromBits(u));
    }
    return out;
}

QString python()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                                 : QStringLiteral("python3");
}

} // namespace

class TestGgufWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void halfHandPicked_data()
    {
        QTest::addColumn<quint32>("floatBits");
        QTest::addColumn<int>("half");
        auto row = [](const char *name, float f, int h) { QTest::newRow(name) << toBits(f) << h; };
        row("1.0", 1.0f, 0x3c00);
        row("-2.0", -2.0f, 0xc000);
        row("0.0", 0.0f, 0x0000);
        row("-0.0", -0.0f, 0x8000);
        row("0.1", 0.1f, 0x2e66);
        row("pi", 3.14159265f, 0x4248);
        row("1e-5 (subnormal)", 1e-5f, 0x00a8);
        row("-1234.5678", -1234.5678f, 0xe4d3);
        row("65504 largest half", 65504.0f, 0x7bff);
        row("65519.996 below the overflow tie", fromBits(0x477fefff), 0x7bff);
        row("65520 ties to even = inf", 65520.0f, 0x7c00);
        row("-65520 -> -inf", -65520.0f, 0xfc00);
        row("1e9 -> inf", 1e9f, 0x7c00);
        row("inf", std::numeric_limits<float>::infinity(), 0x7c00);
        row("-inf", -std::numeric_limits<float>::infinity(), 0xfc00);
        row("2^-24 smallest subnormal", std::ldexp(1.0f, -24), 0x0001);
        row("2^-25 ties to even 0", std::ldexp(1.0f, -25), 0x0000);
        row("-2^-25 ties to -0", -std::ldexp(1.0f, -25), 0x8000);
        row("just above 2^-25", fromBits(0x33000001), 0x0001);
        row("1.5 * 2^-24 ties to 2", 1.5f * std::ldexp(1.0f, -24), 0x0002);
        row("2.5 * 2^-24 ties to 2", 2.5f * std::ldexp(1.0f, -24), 0x0002);
        row("2^-14 smallest normal", std::ldexp(1.0f, -14), 0x0400);
        row("2^-14 - 2^-25 ties up to the normal", fromBits(0x387fe000), 0x0400);
        row("1 + 2^-11 ties to even 0x3c00", fromBits(0x3f801000), 0x3c00);
        row("1 + 3 * 2^-11 ties to even 0x3c02", fromBits(0x3f803000), 0x3c02);
        row("1 + 2^-11 + 2^-23 rounds up", fromBits(0x3f801001), 0x3c01);
    }
    void halfHandPicked()
    {
        QFETCH(quint32, floatBits);
        QFETCH(int, half);
        QCOMPARE(int(floatToHalf(fromBits(floatBits))), half);
    }

    void halfNaN()
    {
        for (std::uint32_t bits : {0x7fc00000u, 0x7f800001u, 0xffc00000u, 0x7fffffffu, 0xff812345u}) {
            const std::uint16_t h = floatToHalf(fromBits(bits));
            QVERIFY2((h & 0x7c00) == 0x7c00 && (h & 0x03ff) != 0, qPrintable(QString::number(h, 16)));
            QCOMPARE(bool(h & 0x8000), bool(bits & 0x80000000u));
            QVERIFY(std::isnan(halfToFloat(h)));
        }
    }

    void halfToFloatAllCodes()
    {
        // Every half decodes to its textbook value (and encodes back to itself).
        for (std::uint32_t h = 0; h < 0x10000; ++h) {
            const int exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
            const float f = halfToFloat(static_cast<std::uint16_t>(h));
            QCOMPARE(std::signbit(f), bool(h & 0x8000));
            if (exp == 0x1f) {
                QCOMPARE(std::isnan(f), frac != 0);
                QCOMPARE(std::isinf(f), frac == 0);
                continue;
            }
            const double expected = exp == 0 ? std::ldexp(frac, -24) : std::ldexp(1024 + frac, exp - 25);
            QCOMPARE(std::fabs(double(f)), expected);
            QCOMPARE(int(floatToHalf(f)), int(h));
        }
    }

    void bf16HandPicked_data()
    {
        QTest::addColumn<quint32>("floatBits");
        QTest::addColumn<int>("bf16");
        auto row = [](const char *name, std::uint32_t f, int b) { QTest::newRow(name) << f << b; };
        row("1.0", toBits(1.0f), 0x3f80);
        row("-2.0", toBits(-2.0f), 0xc000);
        row("-0.0", toBits(-0.0f), 0x8000);
        row("1.00390625 ties to even 0x3f80", toBits(1.00390625f), 0x3f80);
        row("1.01171875 ties to even 0x3f82", toBits(1.01171875f), 0x3f82);
        row("just above 1.00390625", toBits(1.00390625f) + 1, 0x3f81);
        row("FLT_MAX rounds to inf", toBits(std::numeric_limits<float>::max()), 0x7f80);
        row("inf", toBits(std::numeric_limits<float>::infinity()), 0x7f80);
        row("-inf", toBits(-std::numeric_limits<float>::infinity()), 0xff80);
        row("float denormal tie to 0", 0x00008000u, 0x0000);
        row("float denormal tie to 2", 0x00018000u, 0x0002);
        row("quiet NaN", 0x7fc00000u, 0x7fc0);
        row("signalling NaN made quiet", 0x7f800001u, 0x7fc0);
        row("negative NaN keeps sign and payload", 0xff812345u, 0xffc1);
    }
    void bf16HandPicked()
    {
        QFETCH(quint32, floatBits);
        QFETCH(int, bf16);
        QCOMPARE(int(floatToBf16(fromBits(floatBits))), bf16);
        if (!std::isnan(fromBits(floatBits)) && (bf16 & 0x7fff) != 0x7f80)
            QCOMPARE(toBits(bf16ToFloat(static_cast<std::uint16_t>(bf16))), std::uint32_t(bf16) << 16);
    }

    void nearestOverASweep()
    {
        // Each finite value encodes to the nearest code, ties to even, inf past the halfway point.
        std::size_t checked = 0;
        for (float x : sweepValues()) {
            if (std::isnan(x))
                continue;
            const std::uint16_t h = floatToHalf(x), b = floatToBf16(x);
            if (std::isinf(x)) {
                QCOMPARE(h & 0x7fff, 0x7c00);
                QCOMPARE(b & 0x7fff, 0x7f80);
                continue;
            }
            QVERIFY2(isNearest(x, h, 0x7c00, halfToFloat, 65536.0),
                     qPrintable(QStringLiteral("fp16 of %1 (bits %2) gave %3")
                                    .arg(double(x), 0, 'g', 10).arg(toBits(x), 8, 16).arg(h, 4, 16)));
            QVERIFY2(isNearest(x, b, 0x7f80, bf16ToFloat, std::ldexp(1.0, 128)),
                     qPrintable(QStringLiteral("bf16 of %1 (bits %2) gave %3")
                                    .arg(double(x), 0, 'g', 10).arg(toBits(x), 8, 16).arg(b, 4, 16)));
            ++checked;
        }
        QVERIFY(checked > 1000000);
    }

    void q8_0KnownBlocks()
    {
        std::vector<float> in(kBlockA, kBlockA + 32);
        in.insert(in.end(), kBlockB, kBlockB + 32);
        in.insert(in.end(), 32, 0.0f);  // all zero: d = 0, id = 0, every q 0
        std::vector<std::uint8_t> out(3 * kQ8_0BlockBytes, 0xaa);
        quantizeQ8_0(in.data(), in.size(), out.data());

        QCOMPARE(out[0], std::uint8_t(0x00));  // fp16(1.0) = 0x3c00, little-endian
        QCOMPARE(out[1], std::uint8_t(0x3c));
        QCOMPARE(out[34], std::uint8_t(0xcb));  // fp16(0.00035354332) = 0x0dcb
        QCOMPARE(out[35], std::uint8_t(0x0d));
        QCOMPARE(out[68], std::uint8_t(0));
        QCOMPARE(out[69], std::uint8_t(0));
        for (int j = 0; j < 32; ++j) {
            QCOMPARE(std::int8_t(out[2 + j]), kBlockAq[j]);
            QCOMPARE(std::int8_t(out[36 + j]), kBlockBq[j]);
            QCOMPARE(out[70 + j], std::uint8_t(0));
        }

        std::vector<float> back(in.size());
        dequantizeQ8_0(out.data(), in.size(), back.data());
        const float dB = halfToFloat(0x0dcb);
        for (int j = 0; j < 32; ++j) {
            QCOMPARE(back[j], float(kBlockAq[j]));
            QCOMPARE(back[32 + j], dB * float(kBlockBq[j]));
            QVERIFY(std::fabs(back[32 + j] - kBlockB[j]) <= dB);
            QCOMPARE(back[64 + j], 0.0f);
        }
    }

    void tensorBytesAndNames()
    {
        QCOMPARE(tensorBytes(TensorType::F32, 10), std::uint64_t(40));
        QCOMPARE(tensorBytes(TensorType::F16, 10), std::uint64_t(20));
        QCOMPARE(tensorBytes(TensorType::BF16, 7), std::uint64_t(14));
        QCOMPARE(tensorBytes(TensorType::Q8_0, 64), std::uint64_t(68));
        QCOMPARE(tensorBytes(TensorType::Q8_0, 4096ull * 4096), std::uint64_t(4096ull * 128 * 34));
        QVERIFY(!errorOf([] { tensorBytes(TensorType::Q8_0, 33); }).isEmpty());
        QCOMPARE(QString::fromLatin1(tensorTypeName(TensorType::Q8_0)), QStringLiteral("Q8_0"));
        QCOMPARE(QString::fromLatin1(tensorTypeName(TensorType::BF16)), QStringLiteral("BF16"));
    }

    void byteExactFile()
    {
        Writer w;
        w.addString("general.architecture", "llama");
        w.addU32("u32", 0x01020304u);
        w.addI32("i32", -2);
        w.addU64("u64", 0x1122334455667788ull);
        w.addF32("f32", 1.5f);
        w.addBool("yes", true);
        w.addBool("no", false);
        w.addStringArray("tokens", {"a", "", "\xc3\xa9"});
        w.addF32Array("scores", {-1.0f, 0.25f});
        w.addI32Array("types", {1, -3});
        w.addTensor("t.f32", {3}, TensorType::F32, values({1.0f, -2.0f, 0.5f}));
        w.addTensor("t.f16", {2, 2}, TensorType::F16, values({1.0f, -2.0f, 0.5f, 65504.0f}));
        w.addTensor("t.bf16", {3}, TensorType::BF16, values({1.0f, -2.0f, 3.0f}));
        w.addTensor("t.q8", {32, 1}, TensorType::Q8_0, values(std::vector<float>(kBlockA, kBlockA + 32)));
        QVERIFY(w.hasKey("u64"));
        QVERIFY(!w.hasKey("u6"));
        QCOMPARE(w.tensorCount(), std::size_t(4));

        QByteArray e = QByteArray::fromHex("47475546" "03000000" "0400000000000000" "0a00000000000000");
        gstr(e, "general.architecture"); e.append(QByteArray::fromHex("08000000")); gstr(e, "llama");
        gstr(e, "u32"); e.append(QByteArray::fromHex("04000000" "04030201"));
        gstr(e, "i32"); e.append(QByteArray::fromHex("05000000" "feffffff"));
        gstr(e, "u64"); e.append(QByteArray::fromHex("0a000000" "8877665544332211"));
        gstr(e, "f32"); e.append(QByteArray::fromHex("06000000" "0000c03f"));
        gstr(e, "yes"); e.append(QByteArray::fromHex("07000000" "01"));
        gstr(e, "no"); e.append(QByteArray::fromHex("07000000" "00"));
        gstr(e, "tokens"); e.append(QByteArray::fromHex("09000000" "08000000" "0300000000000000"));
        gstr(e, "a"); gstr(e, ""); gstr(e, "\xc3\xa9");
        gstr(e, "scores"); e.append(QByteArray::fromHex("09000000" "06000000" "0200000000000000" "000080bf" "0000803e"));
        gstr(e, "types"); e.append(QByteArray::fromHex("09000000" "05000000" "0200000000000000" "01000000" "fdffffff"));
        // Tensor table: name, n_dims, dims (fastest first), ggml type, offset (each a multiple of 32).
        gstr(e, "t.f32"); le(e, 1, 4); le(e, 3, 8); le(e, 0, 4); le(e, 0, 8);
        gstr(e, "t.f16"); le(e, 2, 4); le(e, 2, 8); le(e, 2, 8); le(e, 1, 4); le(e, 32, 8);
        gstr(e, "t.bf16"); le(e, 1, 4); le(e, 3, 8); le(e, 30, 4); le(e, 64, 8);
        gstr(e, "t.q8"); le(e, 2, 4); le(e, 32, 8); le(e, 1, 8); le(e, 8, 4); le(e, 96, 8);
        pad32(e);
        const int dataStart = e.size();
        e.append(QByteArray::fromHex("0000803f" "000000c0" "0000003f")); pad32(e);
        e.append(QByteArray::fromHex("003c" "00c0" "0038" "ff7b")); pad32(e);
        e.append(QByteArray::fromHex("803f" "00c0" "4040")); pad32(e);
        e.append(QByteArray::fromHex("003c"));
        for (auto q : kBlockAq)
            e.append(static_cast<char>(q));
        pad32(e);
        QCOMPARE(dataStart % 32, 0);
        QCOMPARE(e.size(), dataStart + 32 + 32 + 32 + 64);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiny.gguf"));
        std::vector<std::string> seen;
        w.write(path.toStdString(), [&](std::size_t i, std::size_t n, const std::string &name) {
            QCOMPARE(i, seen.size());
            QCOMPARE(n, std::size_t(4));
            seen.push_back(name);
        });
        QCOMPARE(seen, (std::vector<std::string>{"t.f32", "t.f16", "t.bf16", "t.q8"}));
        const QByteArray got = sfttest::readFile(path);
        if (got != e) {
            int i = 0;
            while (i < got.size() && i < e.size() && got[i] == e[i])
                ++i;
            QFAIL(qPrintable(QStringLiteral("first difference at byte %1 (sizes %2 and %3)")
                                 .arg(i).arg(got.size()).arg(e.size())));
        }
        QCOMPARE(w.fileSize(), std::uint64_t(e.size()));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".part")));

        // Writing again replaces the file with the same bytes.
        w.write(path.toStdString());
        QCOMPARE(sfttest::readFile(path), e);
    }

    void streamsLargeTensors()
    {
        // Tensors larger than the writer's encoding chunk, of odd sizes: the data decodes back and
        // fileSize() matches the file.
        std::vector<float> a(100001), b(96 * 1042);
        for (std::size_t i = 0; i < a.size(); ++i)
            a[i] = std::sin(float(i) * 0.001f) * 3.0f;
        for (std::size_t i = 0; i < b.size(); ++i)
            b[i] = std::cos(float(i) * 0.01f) * (1.0f + float(i % 97));
        int loads = 0;
        Writer w;
        w.addU32("general.quantization_version", 2);
        w.addTensor("a", {100001}, TensorType::F16, [&] { ++loads; return a; });
        w.addTensor("b", {96, 1042}, TensorType::Q8_0, [&] { ++loads; return b; });
        w.addTensor("c", {100001}, TensorType::F32, [&] { ++loads; return a; });
        QCOMPARE(loads, 0);  // loaders run only while writing
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.gguf"));
        w.write(path.toStdString());
        QCOMPARE(loads, 3);
        const QByteArray file = sfttest::readFile(path);
        QCOMPARE(std::uint64_t(file.size()), w.fileSize());
        QCOMPARE(file.size() % 32, 0);

        const std::uint64_t aBytes = 200002, bBytes = 96 * 1042 / 32 * 34, cBytes = 400004;
        const auto padded = [](std::uint64_t n) { return (n + 31) / 32 * 32; };
        const auto *data = reinterpret_cast<const std::uint8_t *>(file.constData()) + file.size()
            - padded(aBytes) - padded(bBytes) - padded(cBytes);
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(std::uint16_t(data[2 * i] | (data[2 * i + 1] << 8)), floatToHalf(a[i]));
        data += padded(aBytes);
        std::vector<std::uint8_t> q(bBytes);
        quantizeQ8_0(b.data(), b.size(), q.data());
        QVERIFY(std::memcmp(data, q.data(), q.size()) == 0);
        data += padded(bBytes);
        QVERIFY(std::memcmp(data, a.data(), cBytes) == 0);  // f32 as-is (this host is little-endian)
    }

    void refusals()
    {
        Writer w;
        w.addU32("k", 1);
        QVERIFY(errorOf([&] { w.addString("k", "again"); }).contains(QStringLiteral("\"k\"")));
        QVERIFY(!errorOf([&] { w.addU32("", 1); }).isEmpty());
        w.addTensor("t", {32}, TensorType::F32, values(std::vector<float>(32)));
        QVERIFY(errorOf([&] { w.addTensor("t", {32}, TensorType::F16, values({})); }).contains(QStringLiteral("twice")));
        const QString q8 = errorOf([&] { w.addTensor("q", {48, 2}, TensorType::Q8_0, values({})); });
        QVERIFY2(q8.contains(QStringLiteral("\"q\"")) && q8.contains(QStringLiteral("48")), qPrintable(q8));
        QVERIFY(!errorOf([&] { w.addTensor("z", {4, 0}, TensorType::F32, values({})); }).isEmpty());
        QVERIFY(!errorOf([&] { w.addTensor("e", {}, TensorType::F32, values({})); }).isEmpty());
        QVERIFY(!errorOf([&] { w.addTensor("d5", {1, 1, 1, 1, 1}, TensorType::F32, values({1})); }).isEmpty());
        QVERIFY(!errorOf([&] { w.addTensor("", {1}, TensorType::F32, values({1})); }).isEmpty());
        QVERIFY(!errorOf([&] { w.addTensor("u", {1}, TensorType(2), values({1})); }).isEmpty());
        // GGML_MAX_NAME is 64 with the NUL: 63 bytes fit, 64 do not.
        QVERIFY(errorOf([&] { w.addTensor(std::string(63, 'n'), {1}, TensorType::F32, values({1})); }).isEmpty());
        QVERIFY(!errorOf([&] { w.addTensor(std::string(64, 'n'), {1}, TensorType::F32, values({1})); }).isEmpty());
        QCOMPARE(w.tensorCount(), std::size_t(2));
    }

    void failedWriteLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.gguf"));
        const QString part = path + QStringLiteral(".part");
        Writer w;
        w.addU32("k", 1);
        w.addTensor("good", {64}, TensorType::F16, values(std::vector<float>(64, 1.0f)));
        w.addTensor("blk.0.short", {64}, TensorType::F16, values(std::vector<float>(63, 1.0f)));
        const QString e = errorOf([&] { w.write(path.toStdString()); });
        QVERIFY2(e.contains(path) && e.contains(QStringLiteral("blk.0.short")) && e.contains(QStringLiteral("63")),
                 qPrintable(e));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(part));
        Writer more;
        more.addTensor("blk.1.long", {64}, TensorType::F32, values(std::vector<float>(65, 1.0f)));
        const QString e1 = errorOf([&] { more.write(path.toStdString()); });
        QVERIFY2(e1.contains(QStringLiteral("blk.1.long")) && e1.contains(QStringLiteral("65")), qPrintable(e1));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(part));

        // An existing file stays as it was when a loader throws.
        sfttest::writeFile(path, "previous contents");
        Writer t;
        t.addTensor("first", {32}, TensorType::Q8_0, values(std::vector<float>(32, 0.5f)));
        t.addTensor("broken", {8}, TensorType::F32, []() -> std::vector<float> { throw std::runtime_error("disk gone"); });
        const QString e2 = errorOf([&] { t.write(path.toStdString()); });
        QVERIFY2(e2.contains(path) && e2.contains(QStringLiteral("broken")) && e2.contains(QStringLiteral("disk gone")),
                 qPrintable(e2));
        QCOMPARE(sfttest::readFile(path), QByteArray("previous contents"));
        QVERIFY(!QFileInfo::exists(part));

        // A folder that does not exist: named in the error, nothing created.
        const QString nowhere = dir.filePath(QStringLiteral("missing/out.gguf"));
        const QString e3 = errorOf([&] { t.write(nowhere.toStdString()); });
        QVERIFY2(e3.contains(nowhere), qPrintable(e3));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
    }

    void numpyCrossCheck()
    {
        // numpy's float16 cast (IEEE round-to-nearest-even) and a numpy float32 transcription of
        // quantize_row_q8_0_ref as outside references.
        if (QProcess::execute(python(), {QStringLiteral("-c"), QStringLiteral("import numpy")}) != 0)
            QSKIP("numpy is not installed for python3: the numpy cross-check is skipped");
        std::vector<float> in = sweepValues();
        std::vector<float> blocks(32 * 4096);
        std::uint32_t seed = 12345;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            seed = seed * 1664525u + 1013904223u;
            const float scale = std::ldexp(1.0f, int((i / 32) % 40) - 30);  // many block magnitudes
            blocks[i] = (float(seed >> 8) / float(1 << 24) - 0.5f) * scale;
        }
        QTemporaryDir dir;
        sfttest::writeFile(dir.filePath(QStringLiteral("f.bin")),
                           QByteArray(reinterpret_cast<const char *>(in.data()), int(in.size() * 4)));
        sfttest::writeFile(dir.filePath(QStringLiteral("q.bin")),
                           QByteArray(reinterpret_cast<const char *>(blocks.data()), int(blocks.size() * 4)));
        const QString script = QStringLiteral(R"(
import sys, numpy as np
d_ = sys.argv[1]
np.seterr(all='ignore')
x = np.fromfile(d_ + '/f.bin', dtype='<f4')
x.astype(np.float16).view('<u2').tofile(d_ + '/h.bin')
q = np.fromfile(d_ + '/q.bin', dtype='<f4').reshape(-1, 32)
amax = np.max(np.abs(q), axis=1)
d = amax / np.float32(127)
idv = np.where(d != 0, np.float32(1) / np.where(d != 0, d, np.float32(1)), np.float32(0)).astype(np.float32)
x0 = (q * idv[:, None]).astype(np.float32).astype(np.float64)
qs = (np.sign(x0) * np.floor(np.abs(x0) + 0.5)).astype(np.int8)
out = bytearray()
for i in range(q.shape[0]):
    out += d[i:i+1].astype(np.float16).view('<u2').tobytes() + qs[i].tobytes()
open(d_ + '/q8.bin', 'wb').write(out)
)");
        QProcess p;
        p.start(python(), {QStringLiteral("-c"), script, dir.path()});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());

        const QByteArray h = sfttest::readFile(dir.filePath(QStringLiteral("h.bin")));
        QCOMPARE(std::size_t(h.size()), in.size() * 2);
        for (std::size_t i = 0; i < in.size(); ++i) {
            const auto ref = std::uint16_t(std::uint8_t(h[int(2 * i)]) | (std::uint8_t(h[int(2 * i + 1)]) << 8));
            const std::uint16_t ours = floatToHalf(in[i]);
            if (std::isnan(in[i]))
                QVERIFY(std::isnan(halfToFloat(ours)) && std::isnan(halfToFloat(ref)));
            else if (ours != ref)
                QFAIL(qPrintable(QStringLiteral("fp16 of bits %1: ours %2, numpy %3")
                                     .arg(toBits(in[i]), 8, 16).arg(ours, 4, 16).arg(ref, 4, 16)));
        }
        std::vector<std::uint8_t> ours(blocks.size() / 32 * kQ8_0BlockBytes);
        quantizeQ8_0(blocks.data(), blocks.size(), ours.data());
        const QByteArray ref = sfttest::readFile(dir.filePath(QStringLiteral("q8.bin")));
        QCOMPARE(std::size_t(ref.size()), ours.size());
        QVERIFY(std::memcmp(ref.constData(), ours.data(), ours.size()) == 0);
    }
};

QTEST_GUILESS_MAIN(TestGgufWriter)
#include "test_gguf_writer.moc"
