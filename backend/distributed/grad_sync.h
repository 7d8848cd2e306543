#pragma once
// Gradient all-reduce in buckets, as PyTorch's DistributedDataParallel does it
// for the engine's own training loop (LibTorch has no C++ DDP module): the
// trainable parameters are grouped, in reverse order of registration (about the
// order backward produces their gradients), into buckets of at most
// bucketBytes of one dtype; during the step's last backward pass a hook on
// each parameter copies its full gradient (what earlier micro-batches
// accumulated plus this pass's) into its bucket, and a bucket whose every
// parameter has arrived is all-reduced at once while backward goes on.
// Buckets are launched strictly in order, so every rank issues the same
// sequence of collectives whatever order its hooks fire in. finish() launches
// what is left (a rank with no rows in this step launches everything there),
// waits, and writes the summed gradients back. The caller scales the loss by
// the global target count, so the sum is the gradient of the global mean.

#include "distributed/collective.h"

#include <torch/torch.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace sft::distributed {

class GradientSync
{
public:
    /**
     * params: the trainable parameters (leaf tensors); overlap false: no hooks, everything is
     * all-reduced in finish() (the reference the overlapped path is tested against).
     */
    GradientSync(Collective &collective, std::vector<torch::Tensor> params, std::int64_t bucketBytes = 25ll << 20,
                 bool overlap = true);
    ~GradientSync();

    /** Before the step's last backward pass on this rank (skip it when this rank runs none). */
    void armForLastBackward(std::int64_t step);
    /** After the last backward (or none): launch the remaining buckets, wait, write the sums into .grad. */
    void finish(std::int64_t step);

    int bucketCount() const { return static_cast<int>(m_buckets.size()); }
    /** Bytes of the gradient buckets one step all-reduces (every bucket once). */
    std::int64_t bytesPerStep() const;

private:
    struct Slot
    {
        std::size_t bucket = 0;
        std::int64_t offset = 0;   ///< elements into the bucket's buffer
        std::int64_t numel = 0;
        bool arrived = false;
    };
    struct Bucket
    {
        torch::Tensor buffer;       ///< flat, one dtype
        std::vector<std::size_t> params;
        std::size_t pendingParams = 0;
        bool launched = false;
        Pending work;
    };
    void reset(std::int64_t step);
    void onGradient(std::size_t index, const torch::Tensor &grad);
    void fill(std::size_t index, const torch::Tensor &incoming);
    void launchReady();
    void launch(std::size_t bucket);

    Collective &m_collective;
    std::vector<torch::Tensor> m_params;
    std::vector<Slot> m_slots;
    std::vector<Bucket> m_buckets;
    std::vector<unsigned> m_hooks;   ///< register_hook handles, removed on destruction
    std::size_t m_nextLaunch = 0;
    std::int64_t m_step = 0;
    bool m_overlap = true;
    std::atomic<bool> m_armed{false};
};

} // namespace sft::distributed
