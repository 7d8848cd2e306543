#pragma once
// The collectives a data-parallel run needs, on LibTorch's c10d: a TCP store
// for the rendezvous and a process group (Gloo for CPU tensors, NCCL for CUDA
// tensors where this LibTorch has it). The c10d types stay in collective.cpp,
// so the LibTorch 1.x (ProcessGroup) and 2.x (Backend) spellings are handled
// in one place. Every failure (a peer that died, a timeout, a rendezvous that
// never completed) is thrown as sft::Error saying which collective failed,
// this rank, and that the other ranks' output says why.

#include "distributed/world.h"

#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sft::distributed {

/** True when this build has c10d's Gloo process group (the CPU backend). */
bool haveGloo();
/** True when this build has c10d's NCCL process group (the CUDA backend). */
bool haveNccl();

/** An all-reduce in flight; wait() blocks until it is done (sft::Error on failure). */
class Pending
{
public:
    Pending() = default;
    explicit Pending(std::function<void()> wait) : m_wait(std::move(wait)) {}
    void wait();
    bool valid() const { return bool(m_wait); }

private:
    std::function<void()> m_wait;
};

class Collective
{
public:
    /**
     * Join the world's process group: rank 0 hosts the TCP store at masterAddr:masterPort (unless
     * torchrun's agent already does: then every rank is a client, keys under torchrun's
     * "/worker/attempt_<restart>" prefix as PyTorch's env:// rendezvous does), then Gloo
     * (device "cpu") or NCCL ("cuda:<local rank>"). timeout bounds the rendezvous and every
     * collective: a peer that vanished without closing its sockets is reported after it (on NCCL
     * through blocking waits, which this turns on unless NCCL_BLOCKING_WAIT is set). Gloo uses the
     * interfaces in GLOO_SOCKET_IFNAME, else this machine's address on the route to masterAddr.
     * Throws sft::Error when the backend is missing from this build or the rendezvous fails.
     */
    Collective(const WorldInfo &world, const torch::Device &device, std::chrono::milliseconds timeout);
    ~Collective();
    Collective(const Collective &) = delete;
    Collective &operator=(const Collective &) = delete;

    int rank() const;
    int size() const;
    /** "gloo" or "nccl". */
    std::string backend() const;
    /** The device the collective's tensors live on (CPU for Gloo, this rank's GPU for NCCL). */
    torch::Device device() const;

    /** In-place sum over every rank, blocking. what names it in errors ("the gradient all-reduce of step 12"). */
    void allReduceSum(torch::Tensor &tensor, const std::string &what);
    /** The same, returned in flight (Gloo and NCCL run it on their own threads). */
    Pending allReduceSumAsync(torch::Tensor &tensor, const std::string &what);
    /** In-place maximum over every rank, blocking. */
    void allReduceMax(torch::Tensor &tensor, const std::string &what);
    /**
     * True when every rank passed the same values (compared through a max and a min all-reduce; every
     * rank gets the same answer). Doubles are compared by their bits, so "the same" means bit for bit.
     */
    bool sameOnEveryRank(const std::vector<std::int64_t> &values, const std::string &what);
    /** rank root's tensor to every rank, in place. */
    void broadcast(torch::Tensor &tensor, int root, const std::string &what);
    /** Every rank waits for every other. */
    void barrier(const std::string &what);

    /** Bytes this object has all-reduced or broadcast so far (the tensors' sizes, not the wire's). */
    std::int64_t bytesReduced() const { return m_bytes; }

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    std::int64_t m_bytes = 0;
};

} // namespace sft::distributed
