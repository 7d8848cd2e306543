#pragma once
// Progress and cancellation for long loops (importers, dedup, training data
// preparation). The callback gets done/total and returns false to cancel, the
// pattern of llama.cpp's llama_progress_callback.

#include <cstdint>
#include <functional>
#include <stdexcept>

namespace sft {

/** Return false to cancel the operation. */
using ProgressFn = std::function<bool(std::int64_t done, std::int64_t total)>;

/** Thrown when a ProgressFn asked to stop. */
class Cancelled : public std::runtime_error
{
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

inline void reportProgress(const ProgressFn &fn, std::int64_t done, std::int64_t total)
{
    if (fn && !fn(done, total))
        throw Cancelled();
}

} // namespace sft
