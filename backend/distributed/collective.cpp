// The c10d process group behind a data-parallel run (see collective.h).
//
// LibTorch 1.x derives ProcessGroupGloo / ProcessGroupNCCL from ProcessGroup,
// 2.x from Backend; both spell allreduce / broadcast / barrier the same way and
// return a Work whose wait() throws when a peer failed. Only the concrete
// types are named here, so nothing else depends on which base class it is.

#include "distributed/collective.h"

#include "core/error.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdlib>
#include <sstream>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sft::distributed {

bool haveGloo()
{
#ifdef USE_C10D_GLOO
    return true;
#else
    return false;
#endif
}

bool haveNccl()
{
#ifdef USE_C10D_NCCL
    return true;
#else
    return false;
#endif
}

void Pending::wait()
{
    if (!m_wait)
        return;
    auto w = std::move(m_wait);
    m_wait = nullptr;
    w();
}

#if defined(USE_C10D_GLOO) || defined(USE_C10D_NCCL)

namespace {

/** LibTorch's message without its C++ backtrace. */
std::string reasonOf(const std::exception &e)
{
    if (const auto *c10 = dynamic_cast<const c10::Error *>(&e))
        return c10->what_without_backtrace();
    return e.what();
}

/** The error a failed collective becomes: what failed, on which rank, and what to do. */
Error collectiveError(const std::string &what, int rank, int size, const std::exception &e)
{
    std::ostringstream s;
    s << what << " failed on rank " << rank << " of " << size << ": " << reasonOf(e)
      << ". Another process of this run has most likely died or stopped answering (its own output says why); "
         "the run can be resumed from its last checkpoint";
    return Error(s.str());
}

/** Runs f; c10 and std errors become collectiveError. */
template <typename F>
auto guarded(const std::string &what, int rank, int size, F &&f)
{
    try {
        return f();
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        throw collectiveError(what, rank, size, e);
    }
}

/**
 * This machine's address on the route to host:port (a UDP "connect" sends nothing; getsockname() then
 * tells which local address the kernel would use), "" when it cannot be found. Gloo must advertise an
 * address the other machines reach: the host name often resolves to 127.0.1.1 on Debian.
 */
std::string localAddressTowards(const std::string &host, int port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
        return {};
    std::string address;
    for (addrinfo *a = found; a && address.empty(); a = a->ai_next) {
        const int fd = ::socket(a->ai_family, SOCK_DGRAM, 0);
        if (fd < 0)
            continue;
        sockaddr_storage local{};
        socklen_t length = sizeof local;
        char text[INET6_ADDRSTRLEN] = {};
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0
            && ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) == 0
            && ::getnameinfo(reinterpret_cast<sockaddr *>(&local), length, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0)
            address = text;
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return address;
}

} // namespace

struct Collective::Impl
{
    WorldInfo world;
    torch::Device device{torch::kCPU};
    std::chrono::milliseconds timeout{0};
    c10::intrusive_ptr<c10d::Store> store;
#ifdef USE_C10D_GLOO
    c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
#endif
#ifdef USE_C10D_NCCL
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> nccl;
#endif

    /** Applies f to whichever process group this is (f gets the concrete pointer). */
    template <typename F>
    auto with(F &&f)
    {
#if defined(USE_C10D_NCCL) && defined(USE_C10D_GLOO)
        if (nccl)
            return f(nccl);
        return f(gloo);
#elif defined(USE_C10D_NCCL)
        return f(nccl);
#else
        return f(gloo);
#endif
    }
};

Collective::Collective(const WorldInfo &world, const torch::Device &device, std::chrono::milliseconds timeout)
    : d(std::make_unique<Impl>())
{
    d->world = world;
    d->device = device;
    d->timeout = timeout;
    const bool cuda = device.is_cuda();
    if (cuda && !haveNccl())
        throw Error("this build of the worker has no NCCL process group (LibTorch without CUDA or without c10d NCCL): "
                    "a data-parallel run on CUDA needs a worker built against a CUDA LibTorch");
    if (!cuda && !haveGloo())
        throw Error("this build of the worker has no Gloo process group (its headers were missing when it was built: "
                    "install libgloo-dev and rebuild): a data-parallel run on the CPU needs it");
    const std::string rendezvous = world.masterAddr + ":" + std::to_string(world.masterPort);
    guarded("the rendezvous at " + rendezvous, world.rank, world.worldSize, [&] {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(world.masterPort);
        // Under torchrun its agent serves the store and every worker is a client; otherwise rank 0 serves.
        o.isServer = !world.agentStore && world.rank == 0;
        o.numWorkers = world.agentStore ? c10::optional<std::size_t>() : c10::optional<std::size_t>(world.worldSize);
        o.waitWorkers = !world.agentStore;
        o.timeout = timeout;
        c10::intrusive_ptr<c10d::Store> tcp = c10::make_intrusive<c10d::TCPStore>(world.masterAddr, o);
        // torchrun's agent store outlives restarts of the workers: each attempt keeps its own keys,
        // as PyTorch's env:// rendezvous does.
        const std::string prefix = world.agentStore ? "/worker/attempt_" + std::to_string(world.restartCount) : "sftbench";
        d->store = c10::make_intrusive<c10d::PrefixStore>(prefix, tcp);
        return 0;
    });
    guarded("creating the process group", world.rank, world.worldSize, [&] {
#ifdef USE_C10D_NCCL
        if (cuda) {
            // Without blocking waits NCCL's wait() returns at once and a dead peer hangs the next
            // synchronisation (LibTorch 1.x) or aborts the process from a watchdog (2.x): with them,
            // wait() throws after the timeout and the run fails with its failed event.
            ::setenv("NCCL_BLOCKING_WAIT", "1", 0);
            ::setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);
            auto opts = c10d::ProcessGroupNCCL::Options::create();
            opts->timeout = timeout;
            d->nccl = c10::make_intrusive<c10d::ProcessGroupNCCL>(d->store, world.rank, world.worldSize, opts);
            return 0;
        }
#endif
#ifdef USE_C10D_GLOO
        auto opts = c10d::ProcessGroupGloo::Options::create(timeout);
        // GLOO_SOCKET_IFNAME picks the network interfaces (as in PyTorch); else the address the
        // host name resolves to, or the loopback device when it does not resolve.
        if (const char *ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname) {
            std::stringstream names(ifname);
            std::string name;
            while (std::getline(names, name, ','))
                if (!name.empty())
                    opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(name));
        } else if (world.masterAddr == "127.0.0.1" || world.masterAddr == "localhost") {
            opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        } else if (const std::string local = localAddressTowards(world.masterAddr, world.masterPort); !local.empty()) {
            opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(local));
        } else {
            opts->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        }
        opts->threads = 2;
        d->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(d->store, world.rank, world.worldSize, opts);
#endif
        return 0;
    });
}

Collective::~Collective() = default;

int Collective::rank() const { return d->world.rank; }
int Collective::size() const { return d->world.worldSize; }
torch::Device Collective::device() const { return d->device; }

std::string Collective::backend() const
{
#ifdef USE_C10D_NCCL
    if (d->nccl)
        return "nccl";
#endif
    return "gloo";
}

Pending Collective::allReduceSumAsync(torch::Tensor &tensor, const std::string &what)
{
    m_bytes += static_cast<std::int64_t>(tensor.numel() * tensor.element_size());
    const int rank = d->world.rank, size = d->world.worldSize;
    auto work = guarded(what, rank, size, [&] {
        return d->with([&](auto &pg) {
            std::vector<at::Tensor> tensors{tensor};
            c10d::AllreduceOptions o;
            o.reduceOp = c10d::ReduceOp::SUM;
            return pg->allreduce(tensors, o);
        });
    });
    return Pending([work, what, rank, size] { guarded(what, rank, size, [&] { return work->wait(); }); });
}

void Collective::allReduceSum(torch::Tensor &tensor, const std::string &what)
{
    allReduceSumAsync(tensor, what).wait();
}

void Collective::allReduceMax(torch::Tensor &tensor, const std::string &what)
{
    m_bytes += static_cast<std::int64_t>(tensor.numel() * tensor.element_size());
    guarded(what, d->world.rank, d->world.worldSize, [&] {
        return d->with([&](auto &pg) {
            std::vector<at::Tensor> tensors{tensor};
            c10d::AllreduceOptions o;
            o.reduceOp = c10d::ReduceOp::MAX;
            return pg->allreduce(tensors, o)->wait();
        });
    });
}

bool Collective::sameOnEveryRank(const std::vector<std::int64_t> &values, const std::string &what)
{
    torch::Tensor hi = torch::tensor(values, torch::kInt64).to(d->device);
    torch::Tensor lo = -hi.clone();
    allReduceMax(hi, what);
    allReduceMax(lo, what);
    return torch::equal(hi, -lo);
}

void Collective::broadcast(torch::Tensor &tensor, int root, const std::string &what)
{
    m_bytes += static_cast<std::int64_t>(tensor.numel() * tensor.element_size());
    guarded(what, d->world.rank, d->world.worldSize, [&] {
        return d->with([&](auto &pg) {
            std::vector<at::Tensor> tensors{tensor};
            c10d::BroadcastOptions o;
            o.rootRank = root;
            return pg->broadcast(tensors, o)->wait();
        });
    });
}

void Collective::barrier(const std::string &what)
{
    guarded(what, d->world.rank, d->world.worldSize,
            [&] { return d->with([&](auto &pg) { return pg->barrier()->wait(); }); });
}

#else
// Built without Gloo and NCCL headers: a world size above 1 is refused with the reason.

struct Collective::Impl
{
};

Collective::Collective(const WorldInfo &, const torch::Device &, std::chrono::milliseconds)
{
    throw Error("this build of the worker has no c10d process group (Gloo's headers were missing when it was built: "
                "install libgloo-dev and rebuild): a data-parallel run needs it");
}
Collective::~Collective() = default;
int Collective::rank() const { return 0; }
int Collective::size() const { return 1; }
torch::Device Collective::device() const { return torch::kCPU; }
std::string Collective::backend() const { return "none"; }
Pending Collective::allReduceSumAsync(torch::Tensor &, const std::string &) { return {}; }
bool Collective::sameOnEveryRank(const std::vector<std::int64_t> &, const std::string &) { return true; }
void Collective::allReduceSum(torch::Tensor &, const std::string &) {}
void Collective::allReduceMax(torch::Tensor &, const std::string &) {}
void Collective::broadcast(torch::Tensor &, int, const std::string &) {}
void Collective::barrier(const std::string &) {}
#endif

} // namespace sft::distributed
