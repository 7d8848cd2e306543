// The bucketed gradient all-reduce and the collectives under it, with two
// ranks as two threads of this process (each its own Gloo process group on
// 127.0.0.1): after a step's micro-batches every parameter's gradient is the
// sum of both ranks' plain gradients (several buckets, overlapped with the
// last backward or all in finish()); a rank without rows and a parameter
// without a gradient still take part; the byte and bucket counts follow the
// parameters; a peer that went away is an sft::Error naming the collective
// and the rank, not a hang.

#include <QtTest>

#include "core/error.h"
#include "distributed/collective.h"
#include "distributed/grad_sync.h"
#include "distributed/launch_script.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace sft::distributed;
using namespace std::chrono_literals;

namespace {

/** A few Linear layers (parameters of 60, 10, 40, 4, 4 and 1 floats) and two parameters forward never uses. */
struct NetImpl : torch::nn::Module
{
    NetImpl()
    {
        a = register_module("a", torch::nn::Linear(6, 10));
        b = register_module("b", torch::nn::Linear(10, 4));
        c = register_module("c", torch::nn::Linear(4, 1));
        unusedA = register_parameter("unused_a", torch::zeros({3}));
        unusedB = register_parameter("unused_b", torch::zeros({2, 2}));
    }
    torch::Tensor forward(const torch::Tensor &x) { return c(torch::tanh(b(torch::tanh(a(x))))); }

    torch::nn::Linear a{nullptr}, b{nullptr}, c{nullptr};
    torch::Tensor unusedA, unusedB;
};
TORCH_MODULE(Net);

/** The same weights every time (built on the test's thread: the default generator is not per thread). */
Net makeNet()
{
    torch::manual_seed(7);
    return Net();
}

/** inputs[rank][micro-batch]: different data on every rank. */
std::vector<std::vector<torch::Tensor>> makeInputs(int micro, std::uint64_t seed)
{
    torch::manual_seed(seed);
    std::vector<std::vector<torch::Tensor>> in(2);
    for (int r = 0; r < 2; ++r)
        for (int m = 0; m < micro; ++m)
            in[static_cast<std::size_t>(r)].push_back(torch::randn({5, 6}));
    return in;
}

void backward(Net &net, const torch::Tensor &x)
{
    net->forward(x).pow(2).sum().backward();
}

/** Where a parameter is in parameters() (own parameters first, then the layers'). */
std::size_t indexOf(Net &net, const std::string &name)
{
    const auto names = net->named_parameters().keys();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

std::vector<torch::Tensor> grads(Net &net)
{
    std::vector<torch::Tensor> g;
    for (const auto &p : net->parameters())
        g.push_back(p.grad().defined() ? p.grad().detach().clone() : torch::Tensor());
    return g;
}

/** The plain gradients (no synchronisation) of one rank's micro-batches, summed over ranks. */
std::vector<torch::Tensor> plainSum(const std::vector<std::vector<torch::Tensor>> &inputs)
{
    std::vector<torch::Tensor> sum;
    for (const auto &rankInputs : inputs) {
        Net net = makeNet();
        for (const auto &x : rankInputs)
            backward(net, x);
        const auto g = grads(net);
        if (sum.empty()) {
            sum = g;
            continue;
        }
        for (std::size_t i = 0; i < g.size(); ++i)
            if (g[i].defined())
                sum[i] = sum[i].defined() ? sum[i] + g[i] : g[i];
    }
    return sum;
}

/** Empty when a and b agree within rel (relative to b's largest magnitude), else what differs. */
QString compare(const torch::Tensor &a, const torch::Tensor &b, double rel = 1e-6)
{
    if (!a.defined() || !b.defined())
        return QStringLiteral("an undefined gradient");
    if (a.sizes() != b.sizes())
        return QStringLiteral("different shapes");
    const double diff = (a - b).abs().max().item<double>();
    const double scale = std::max(b.abs().max().item<double>(), 1e-30);
    if (diff > rel * scale)
        return QStringLiteral("max |a - b| %1, max |b| %2").arg(diff).arg(scale);
    return {};
}

WorldInfo worldOf(int rank, int port)
{
    WorldInfo w;
    w.launcher = Launcher::Environment;
    w.rank = rank;
    w.worldSize = 2;
    w.localRank = rank;
    w.localWorldSize = 2;
    w.masterAddr = "127.0.0.1";
    w.masterPort = port;
    return w;
}

/**
 * Both ranks on their own threads, each with its own Collective on a fresh port; returns what
 * each rank threw ("" when nothing). body must not use QVERIFY (it runs off the test's thread).
 */
std::vector<std::string> runRanks(const std::function<void(int, Collective &)> &body,
                                  std::chrono::milliseconds timeout = 60s)
{
    std::vector<std::string> errors(2);
    const int port = freeLocalPort();
    if (port <= 0)
        return {"no free port", "no free port"};
    std::vector<std::thread> threads;
    for (int r = 0; r < 2; ++r)
        threads.emplace_back([&, r] {
            try {
                Collective c(worldOf(r, port), torch::Device(torch::kCPU), timeout);
                body(r, c);
            } catch (const std::exception &e) {
                errors[static_cast<std::size_t>(r)] = e.what();
                if (errors[static_cast<std::size_t>(r)].empty())
                    errors[static_cast<std::size_t>(r)] = "an exception without a message";
            }
        });
    for (auto &t : threads)
        t.join();
    return errors;
}

#define VERIFY_NO_ERRORS(errors)                                                                      \
    do {                                                                                              \
        QVERIFY2((errors)[0].empty(), ("rank 0: " + (errors)[0]).c_str());                             \
        QVERIFY2((errors)[1].empty(), ("rank 1: " + (errors)[1]).c_str());                             \
    } while (false)

} // namespace

class TestGradSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!haveGloo())
            QSKIP("this LibTorch build has no Gloo process group");
        torch::set_num_threads(1);
    }

    void sumsEveryGradient_data()
    {
        QTest::addColumn<bool>("overlap");
        QTest::addColumn<qint64>("bucketBytes");
        QTest::newRow("overlap, 64-byte buckets") << true << qint64(64);
        QTest::newRow("finish only, 64-byte buckets") << false << qint64(64);
        QTest::newRow("overlap, one bucket") << true << qint64(1 << 20);
        QTest::newRow("overlap, 200-byte buckets") << true << qint64(200);
    }
    void sumsEveryGradient()
    {
        // Two steps of two micro-batches on each rank; the first step starts without gradients, the
        // second with zeroed ones (the optimizer's zero_grad), as the trainer does.
        QFETCH(bool, overlap);
        QFETCH(qint64, bucketBytes);
        const auto step1 = makeInputs(2, 11), step2 = makeInputs(2, 12);
        const auto want1 = plainSum(step1), want2 = plainSum(step2);
        std::vector<Net> nets{makeNet(), makeNet()};
        std::vector<std::vector<torch::Tensor>> got1(2), got2(2);
        std::vector<int> buckets(2);
        const auto errors = runRanks([&](int r, Collective &c) {
            const auto ru = static_cast<std::size_t>(r);
            Net &net = nets[ru];
            GradientSync sync(c, net->parameters(), bucketBytes, overlap);
            buckets[ru] = sync.bucketCount();
            backward(net, step1[ru][0]);
            sync.armForLastBackward(1);
            backward(net, step1[ru][1]);
            sync.finish(1);
            got1[ru] = grads(net);
            for (auto &p : net->parameters())
                if (p.grad().defined())
                    p.mutable_grad().zero_();
            backward(net, step2[ru][0]);
            sync.armForLastBackward(2);
            backward(net, step2[ru][1]);
            sync.finish(2);
            got2[ru] = grads(net);
        });
        VERIFY_NO_ERRORS(errors);
        if (bucketBytes == 64)
            QVERIFY2(buckets[0] >= 4, qPrintable(QString::number(buckets[0])));
        if (bucketBytes == 1 << 20)
            QCOMPARE(buckets[0], 1);
        QCOMPARE(buckets[1], buckets[0]);
        const auto names = nets[0]->named_parameters().keys();
        for (int r = 0; r < 2; ++r)
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (names[i].rfind("unused", 0) == 0)
                    continue;   // never used: unusedParameterGetsTheSum
                const QString where = QStringLiteral("rank %1 %2: ").arg(r).arg(QString::fromStdString(names[i]));
                const QString d1 = compare(got1[static_cast<std::size_t>(r)][i], want1[i]);
                QVERIFY2(d1.isEmpty(), qPrintable(where + QStringLiteral("step 1: ") + d1));
                const QString d2 = compare(got2[static_cast<std::size_t>(r)][i], want2[i]);
                QVERIFY2(d2.isEmpty(), qPrintable(where + QStringLiteral("step 2: ") + d2));
            }
        // The sum is not one rank's own gradient.
        const std::size_t w = indexOf(nets[0], "a.weight");
        QVERIFY(compare(want1[w], plainSum({step1[0]})[w]).startsWith(QLatin1String("max |a - b|")));
    }

    void rankWithoutRowsTakesPart_data()
    {
        QTest::addColumn<bool>("overlap");
        QTest::newRow("overlap") << true;
        QTest::newRow("finish only") << false;
    }
    void rankWithoutRowsTakesPart()
    {
        // Rank 0 runs one backward, rank 1 none (no rows in this step): both end with rank 0's gradient.
        QFETCH(bool, overlap);
        const auto in = makeInputs(1, 21);
        Net alone = makeNet();
        backward(alone, in[0][0]);
        const auto want = grads(alone);
        std::vector<Net> nets{makeNet(), makeNet()};
        std::vector<std::vector<torch::Tensor>> got(2);
        const auto errors = runRanks([&](int r, Collective &c) {
            const auto ru = static_cast<std::size_t>(r);
            GradientSync sync(c, nets[ru]->parameters(), 64, overlap);
            if (r == 0) {
                sync.armForLastBackward(1);
                backward(nets[ru], in[0][0]);
            }
            sync.finish(1);
            got[ru] = grads(nets[ru]);
        });
        VERIFY_NO_ERRORS(errors);
        const auto names = nets[0]->named_parameters().keys();
        for (int r = 0; r < 2; ++r)
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (names[i].rfind("unused", 0) == 0)
                    continue;
                const QString d = compare(got[static_cast<std::size_t>(r)][i], want[i]);
                QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("rank %1 %2: ").arg(r).arg(QString::fromStdString(names[i])) + d));
            }
    }

    void unusedParameterGetsTheSum_data()
    {
        QTest::addColumn<bool>("overlap");
        QTest::newRow("overlap") << true;
        QTest::newRow("finish only") << false;
    }
    void unusedParameterGetsTheSum()
    {
        // unused_a: rank 0 holds a gradient from elsewhere, rank 1 none; unused_b: no rank has one.
        QFETCH(bool, overlap);
        const auto in = makeInputs(1, 31);
        std::vector<Net> nets{makeNet(), makeNet()};
        std::vector<torch::Tensor> gotA(2), gotB(2), gotC(2);
        const auto errors = runRanks([&](int r, Collective &c) {
            const auto ru = static_cast<std::size_t>(r);
            Net &net = nets[ru];
            if (r == 0)
                net->unusedA.mutable_grad() = torch::tensor({1.0f, -2.0f, 3.5f});
            GradientSync sync(c, net->parameters(), 64, overlap);
            sync.armForLastBackward(1);
            backward(net, in[ru][0]);
            sync.finish(1);
            gotA[ru] = net->unusedA.grad().defined() ? net->unusedA.grad().clone() : torch::Tensor();
            gotB[ru] = net->unusedB.grad().defined() ? net->unusedB.grad().clone() : torch::Tensor();
            gotC[ru] = net->c->bias.grad().clone();
        });
        VERIFY_NO_ERRORS(errors);
        for (int r = 0; r < 2; ++r) {
            const auto ru = static_cast<std::size_t>(r);
            QVERIFY2(gotA[ru].defined(), qPrintable(QStringLiteral("rank %1").arg(r)));
            QVERIFY2(torch::equal(gotA[ru], torch::tensor({1.0f, -2.0f, 3.5f})), qPrintable(QStringLiteral("rank %1").arg(r)));
            QVERIFY2(gotB[ru].defined(), qPrintable(QStringLiteral("rank %1").arg(r)));
            QVERIFY2(torch::equal(gotB[ru], torch::zeros({2, 2})), qPrintable(QStringLiteral("rank %1").arg(r)));
        }
        // The used parameters around them were still summed.
        const auto want = plainSum(in)[indexOf(nets[0], "c.bias")];
        QVERIFY2(compare(gotC[0], want).isEmpty(), qPrintable(compare(gotC[0], want)));
        QVERIFY2(compare(gotC[1], want).isEmpty(), qPrintable(compare(gotC[1], want)));
    }

    void bytesAndBuckets()
    {
        std::vector<Net> nets{makeNet(), makeNet()};
        std::int64_t bytes = 0;
        for (const auto &p : nets[0]->parameters())
            bytes += p.numel() * 4;
        const std::size_t paramCount = nets[0]->parameters().size();
        const std::vector<std::int64_t> sizes{std::int64_t(1) << 30, 256, 128, 64, 4};
        std::vector<std::vector<int>> counts(2);
        std::vector<std::vector<std::int64_t>> perStep(2);
        std::vector<int> mixedCount(2);
        std::vector<std::int64_t> mixedBytes(2);
        const auto errors = runRanks([&](int r, Collective &c) {
            const auto ru = static_cast<std::size_t>(r);
            const auto params = nets[ru]->parameters();
            for (std::int64_t s : sizes) {
                GradientSync sync(c, params, s, true);
                counts[ru].push_back(sync.bucketCount());
                perStep[ru].push_back(sync.bytesPerStep());
            }
            // A bucket holds one dtype: a float64 parameter gets one of its own.
            std::vector<torch::Tensor> mixed = params;
            mixed.push_back(torch::zeros({5}, torch::kFloat64).requires_grad_());
            GradientSync sync(c, mixed, std::int64_t(1) << 30, false);
            mixedCount[ru] = sync.bucketCount();
            mixedBytes[ru] = sync.bytesPerStep();
        });
        VERIFY_NO_ERRORS(errors);
        QCOMPARE(counts[1], counts[0]);
        for (std::int64_t b : perStep[0])
            QCOMPARE(b, bytes);
        QCOMPARE(counts[0].front(), 1);
        for (std::size_t i = 1; i < counts[0].size(); ++i)
            QVERIFY2(counts[0][i] >= counts[0][i - 1], qPrintable(QStringLiteral("bucket bytes %1: %2 buckets, %3: %4")
                                                                  .arg(sizes[i - 1]).arg(counts[0][i - 1]).arg(sizes[i]).arg(counts[0][i])));
        QVERIFY(counts[0][2] > counts[0][0]);
        // Buckets smaller than any parameter: one bucket per parameter.
        QCOMPARE(counts[0].back(), int(paramCount));
        QCOMPARE(mixedCount[0], 2);
        QCOMPARE(mixedBytes[0], bytes + 5 * 8);
    }

    void collectives()
    {
        struct Seen
        {
            torch::Tensor sum, asyncSum, max, broadcast;
            int rank = -1, size = 0;
            std::string backend;
            bool cpu = false;
            int afterBarrier = 0;
            std::int64_t bytes = 0;
        };
        std::vector<Seen> seen(2);
        std::atomic<int> arrived{0};
        const auto errors = runRanks([&](int r, Collective &c) {
            Seen &s = seen[static_cast<std::size_t>(r)];
            s.rank = c.rank();
            s.size = c.size();
            s.backend = c.backend();
            s.cpu = c.device().is_cpu();
            s.sum = torch::tensor({double(r + 1), 10.0 * (r + 1), -1.0});
            c.allReduceSum(s.sum, "the test sum");
            s.asyncSum = torch::full({4}, float(r + 2));
            Pending p = c.allReduceSumAsync(s.asyncSum, "the test async sum");
            p.wait();
            s.max = torch::tensor({float(r), float(-r), 5.0f}, torch::kFloat32);
            c.allReduceMax(s.max, "the test maximum");
            s.broadcast = r == 1 ? torch::tensor({std::int64_t(42), std::int64_t(7)}) : torch::zeros({2}, torch::kInt64);
            c.broadcast(s.broadcast, 1, "the test broadcast");
            if (r == 1)
                std::this_thread::sleep_for(300ms);   // rank 0 must wait for it at the barrier
            ++arrived;
            c.barrier("the test barrier");
            s.afterBarrier = arrived.load();
            s.bytes = c.bytesReduced();
        });
        VERIFY_NO_ERRORS(errors);
        for (int r = 0; r < 2; ++r) {
            const Seen &s = seen[static_cast<std::size_t>(r)];
            QCOMPARE(s.rank, r);
            QCOMPARE(s.size, 2);
            QCOMPARE(s.backend, std::string("gloo"));
            QVERIFY(s.cpu);
            QVERIFY(torch::equal(s.sum, torch::tensor({3.0, 30.0, -2.0})));
            QVERIFY(torch::equal(s.asyncSum, torch::full({4}, 5.0f)));
            QVERIFY(torch::equal(s.max, torch::tensor({1.0f, 0.0f, 5.0f})));
            QVERIFY(torch::equal(s.broadcast, torch::tensor({std::int64_t(42), std::int64_t(7)})));
            QCOMPARE(s.afterBarrier, 2);
            // 3 doubles + 4 floats + 3 floats summed or maximised, 2 int64 broadcast.
            QVERIFY2(s.bytes >= 3 * 8 + 4 * 4 + 3 * 4, qPrintable(QString::number(s.bytes)));
        }
    }

    void peerThatLeftIsAnError_data()
    {
        QTest::addColumn<int>("leaving");
        QTest::newRow("rank 1 leaves") << 1;
        QTest::newRow("rank 0 (the store's host) leaves") << 0;
    }
    void peerThatLeftIsAnError()
    {
        // One rank's Collective is destroyed after the rendezvous; the other's next all-reduce must
        // fail within the timeout with an error naming the collective and its own rank.
        QFETCH(int, leaving);
        const int staying = 1 - leaving;
        std::atomic<bool> gone{false};
        std::string stayError;
        bool threwSftError = false;
        const auto errors = runRanks(
            [&](int r, Collective &c) {
                c.barrier("the rendezvous check");
                if (r == leaving) {
                    gone = true;
                    return;   // runRanks destroys this rank's Collective
                }
                while (!gone)
                    std::this_thread::sleep_for(10ms);
                std::this_thread::sleep_for(200ms);
                torch::Tensor t = torch::ones({16});
                try {
                    c.allReduceSum(t, "the lonely all-reduce");
                } catch (const sft::Error &e) {
                    threwSftError = true;
                    stayError = e.what();
                }
            },
            10s);
        QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " / " + errors[1]).c_str());
        QVERIFY2(threwSftError, "the all-reduce with a departed peer did not throw sft::Error");
        const QString msg = QString::fromStdString(stayError);
        qInfo("%s", qPrintable(msg));
        QVERIFY2(msg.contains(QLatin1String("the lonely all-reduce")), qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("rank %1").arg(staying)), qPrintable(msg));
    }
};

QTEST_GUILESS_MAIN(TestGradSync)
#include "test_grad_sync.moc"
