#pragma once
// Autocast switches across LibTorch versions: 1.13 - 2.3 have per-backend
// functions (set_enabled for CUDA, set_cpu_enabled for the CPU); 2.4 replaced
// them with set_autocast_enabled(device_type, on) and set_autocast_dtype.

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace sft::model::autocast {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
inline bool enabled(c10::DeviceType t) { return at::autocast::is_autocast_enabled(t); }
inline void setEnabled(c10::DeviceType t, bool on) { at::autocast::set_autocast_enabled(t, on); }
inline void setDtype(c10::DeviceType t, at::ScalarType s) { at::autocast::set_autocast_dtype(t, s); }
inline at::ScalarType dtype(c10::DeviceType t) { return at::autocast::get_autocast_dtype(t); }
#else
inline bool enabled(c10::DeviceType t) { return t == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled(); }
inline void setEnabled(c10::DeviceType t, bool on)
{
    if (t == c10::DeviceType::CPU)
        at::autocast::set_cpu_enabled(on);
    else
        at::autocast::set_enabled(on);
}
inline void setDtype(c10::DeviceType t, at::ScalarType s)
{
    if (t == c10::DeviceType::CPU)
        at::autocast::set_autocast_cpu_dtype(s);
    else
        at::autocast::set_autocast_gpu_dtype(s);
}
inline at::ScalarType dtype(c10::DeviceType t)
{
    return t == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype();
}
#endif

/** Autocast on one device type for a scope (bf16 by default); restores the previous state. */
class Scope
{
public:
    Scope(c10::DeviceType t, bool on, at::ScalarType dtype = at::kBFloat16) : m_type(t), m_was(enabled(t))
    {
        if (on) {
            setDtype(t, dtype);
            setEnabled(t, true);
        }
    }
    ~Scope()
    {
        setEnabled(m_type, m_was);
        if (!m_was)
            at::autocast::clear_cache();
    }
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

private:
    c10::DeviceType m_type;
    bool m_was;
};

} // namespace sft::model::autocast
