// Bucketed gradient all-reduce overlapped with the last backward pass (see grad_sync.h).

#include "distributed/grad_sync.h"

#include "core/error.h"

namespace sft::distributed {

GradientSync::GradientSync(Collective &collective, std::vector<torch::Tensor> params, std::int64_t bucketBytes,
                           bool overlap)
    : m_collective(collective), m_params(std::move(params)), m_slots(m_params.size()), m_overlap(overlap)
{
    // Reverse registration order: backward reaches the last layers' parameters first.
    std::vector<std::int64_t> numel;   // per bucket, allocated once at the end
    std::int64_t bytes = 0;
    for (std::size_t k = m_params.size(); k-- > 0;) {
        const torch::Tensor &p = m_params[k];
        const std::int64_t size = p.numel() * static_cast<std::int64_t>(p.element_size());
        const bool fits = !m_buckets.empty() && bytes + size <= bucketBytes
                          && m_buckets.back().buffer.scalar_type() == p.scalar_type()
                          && m_buckets.back().buffer.device() == p.device();
        if (!fits) {
            m_buckets.emplace_back();
            m_buckets.back().buffer = torch::empty({0}, p.options().requires_grad(false));
            numel.push_back(0);
            bytes = 0;
        }
        m_slots[k] = Slot{m_buckets.size() - 1, numel.back(), p.numel(), false};
        m_buckets.back().params.push_back(k);
        numel.back() += p.numel();
        bytes += size;
    }
    // Gloo in LibTorch 1.x reduces float, double and integer tensors only; a bf16 or fp16 bucket would fail
    // there with a message about a scalar type. Those parameters train on CUDA (NCCL) or in fp32.
    if (m_collective.backend() == "gloo")
        for (const Bucket &b : m_buckets)
            if (b.buffer.scalar_type() != torch::kFloat32 && b.buffer.scalar_type() != torch::kFloat64)
                throw Error(std::string("a data-parallel run on the CPU all-reduces fp32 gradients; this run trains ")
                            + c10::toString(b.buffer.scalar_type()) + " parameters (use precision fp32 or bf16-autocast)");
    for (std::size_t b = 0; b < m_buckets.size(); ++b)
        m_buckets[b].buffer = torch::zeros({numel[b]}, m_buckets[b].buffer.options());
    if (m_overlap) {
        m_hooks.reserve(m_params.size());
        for (std::size_t k = 0; k < m_params.size(); ++k)
            m_hooks.push_back(m_params[k].register_hook([this, k](const torch::Tensor &grad) { onGradient(k, grad); }));
    }
}

GradientSync::~GradientSync()
{
    for (std::size_t k = 0; k < m_hooks.size(); ++k)
        m_params[k].remove_hook(m_hooks[k]);
}

std::int64_t GradientSync::bytesPerStep() const
{
    std::int64_t n = 0;
    for (const Bucket &b : m_buckets)
        n += b.buffer.numel() * static_cast<std::int64_t>(b.buffer.element_size());
    return n;
}

void GradientSync::reset(std::int64_t step)
{
    m_step = step;
    m_nextLaunch = 0;
    for (Slot &s : m_slots)
        s.arrived = false;
    for (Bucket &b : m_buckets) {
        b.pendingParams = b.params.size();
        b.launched = false;
        b.work = Pending();
    }
}

void GradientSync::armForLastBackward(std::int64_t step)
{
    reset(step);
    m_armed = m_overlap;
}

void GradientSync::onGradient(std::size_t index, const torch::Tensor &grad)
{
    if (!m_armed)
        return;
    Slot &slot = m_slots[index];
    if (slot.arrived)
        throw Error("internal: a parameter received two gradients in one backward pass; the overlapped all-reduce "
                    "cannot handle that (run with --no-overlap)");
    // The full gradient of the step: earlier micro-batches (already in .grad) plus this pass's.
    fill(index, grad);
    launchReady();
}

void GradientSync::fill(std::size_t index, const torch::Tensor &incoming)
{
    Slot &slot = m_slots[index];
    Bucket &b = m_buckets[slot.bucket];
    torch::Tensor dst = b.buffer.narrow(0, slot.offset, slot.numel);
    torch::NoGradGuard noGrad;
    const torch::Tensor &held = m_params[index].grad();
    if (incoming.defined() && held.defined())
        dst.copy_(held.reshape({-1})).add_(incoming.reshape({-1}));
    else if (incoming.defined())
        dst.copy_(incoming.reshape({-1}));
    else if (held.defined())
        dst.copy_(held.reshape({-1}));
    else
        dst.zero_();
    slot.arrived = true;
    --b.pendingParams;
}

void GradientSync::launchReady()
{
    while (m_nextLaunch < m_buckets.size() && m_buckets[m_nextLaunch].pendingParams == 0)
        launch(m_nextLaunch++);
}

void GradientSync::launch(std::size_t bucket)
{
    Bucket &b = m_buckets[bucket];
    b.work = m_collective.allReduceSumAsync(b.buffer, "the gradient all-reduce of step " + std::to_string(m_step));
    b.launched = true;
}

void GradientSync::finish(std::int64_t step)
{
    if (!m_armed)
        reset(step);   // no armed backward on this rank (overlap off, or no rows in this step)
    m_armed = false;
    // Parameters whose hook did not fire take what .grad holds (zeros when nothing reached them);
    // the remaining buckets go in order, so every rank issues the same sequence.
    for (std::size_t k = m_nextLaunch; k < m_buckets.size(); ++k) {
        for (std::size_t index : m_buckets[k].params)
            if (!m_slots[index].arrived)
                fill(index, torch::Tensor());
    }
    launchReady();
    for (Bucket &b : m_buckets)
        b.work.wait();
    torch::NoGradGuard noGrad;
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        const Slot &slot = m_slots[k];
        const torch::Tensor sum = m_buckets[slot.bucket].buffer.narrow(0, slot.offset, slot.numel).view(m_params[k].sizes());
        torch::Tensor &grad = m_params[k].mutable_grad();
        if (grad.defined())
            grad.copy_(sum);
        else
            grad = sum.clone();
    }
}

} // namespace sft::distributed
