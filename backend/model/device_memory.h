#pragma once
// The CUDA side of a run's measurements, behind a torch-free interface: the
// caching allocator's peak statistics and waiting for a device's queued work.
// Only device_memory.cpp touches LibTorch's CUDA API, and only in builds whose
// LibTorch has CUDA (SFT_HAVE_CUDA); elsewhere the statistics are -1 and the
// waits do nothing, so CPU builds and CPU runs pay nothing.

#include <cstdint>
#include <string>

namespace sft::model {

/** True when this build's LibTorch has CUDA (its allocator statistics are available). */
bool cudaStatsAvailable();

/** The CUDA device index of a device name ("cuda" -> 0, "cuda:1" -> 1); -1 for any other device ("cpu"). */
int cudaDeviceIndex(const std::string &device);

/**
 * Peak bytes the CUDA caching allocator handed out on a device (all pools) since its peaks were last
 * reset (resetCudaPeaks) or the process started; -1 without CUDA or for a negative index.
 */
std::int64_t cudaPeakAllocatedBytes(int deviceIndex);
/** Peak bytes the caching allocator reserved from the driver (what nvidia-smi sees, less the context); -1 as above. */
std::int64_t cudaPeakReservedBytes(int deviceIndex);
/** Start the peaks over at the current allocation (nothing without CUDA or for a negative index). */
void resetCudaPeaks(int deviceIndex);

/**
 * Wait until a device has run the work queued on it, so a clock read next covers that work: CUDA kernels
 * run asynchronously. Nothing for the CPU (whose work is done when the call returns) or without CUDA.
 */
void synchronizeDevice(const std::string &device);

} // namespace sft::model
