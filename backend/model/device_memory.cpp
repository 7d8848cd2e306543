// CUDA allocator statistics and device synchronisation (see device_memory.h).
// The CUDA API is compiled only with SFT_HAVE_CUDA (CMake defines it when
// LibTorch lists CUDA libraries); a CPU-only LibTorch's torch::cuda::synchronize
// would throw, so nothing here calls it there.

#include "model/device_memory.h"

#ifdef SFT_HAVE_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <torch/cuda.h>
#endif

#include <cstdlib>

namespace sft::model {

int cudaDeviceIndex(const std::string &device)
{
    if (device == "cuda")
        return 0;
    if (device.rfind("cuda:", 0) != 0 || device.size() == 5)
        return -1;
    char *end = nullptr;
    const long index = std::strtol(device.c_str() + 5, &end, 10);
    return *end == '\0' && index >= 0 && index < 1024 ? static_cast<int>(index) : -1;
}

#ifdef SFT_HAVE_CUDA

bool cudaStatsAvailable() { return true; }

// Stat index 0 is the aggregate over the small and large pools (StatType::AGGREGATE, in LibTorch 1.13 and 2.x).
std::int64_t cudaPeakAllocatedBytes(int deviceIndex)
{
    if (deviceIndex < 0)
        return -1;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(deviceIndex));
    return stats.allocated_bytes[0].peak;
}

std::int64_t cudaPeakReservedBytes(int deviceIndex)
{
    if (deviceIndex < 0)
        return -1;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(deviceIndex));
    return stats.reserved_bytes[0].peak;
}

void resetCudaPeaks(int deviceIndex)
{
    if (deviceIndex >= 0)
        c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(deviceIndex));
}

void synchronizeDevice(const std::string &device)
{
    const int index = cudaDeviceIndex(device);
    if (index >= 0)
        torch::cuda::synchronize(index);
}

#else

bool cudaStatsAvailable() { return false; }
std::int64_t cudaPeakAllocatedBytes(int) { return -1; }
std::int64_t cudaPeakReservedBytes(int) { return -1; }
void resetCudaPeaks(int) {}
void synchronizeDevice(const std::string &) {}

#endif

} // namespace sft::model
