#include "finetune/lr_schedule.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>

namespace sft::finetune {

double LrSchedule::at(std::int64_t step) const
{
    if (totalSteps <= 0 || warmupSteps < 0 || peakLr < 0 || minLr < 0 || minLr > peakLr)
        throw Error("invalid learning-rate schedule (need total steps > 0, warmup >= 0, 0 <= min_lr <= lr)");
    step = std::max<std::int64_t>(0, step);
    // Warmup as transformers: step / warmup (step 0 trains with lr 0), reaching the peak after it.
    if (step < warmupSteps)
        return peakLr * double(step) / double(warmupSteps);
    if (shape == DecayShape::Constant)
        return peakLr;
    const std::int64_t decaySteps = std::max<std::int64_t>(1, totalSteps - warmupSteps);
    const double progress = std::clamp(double(step - warmupSteps) / double(decaySteps), 0.0, 1.0);
    const double factor = shape == DecayShape::Cosine ? 0.5 * (1.0 + std::cos(M_PI * progress)) : 1.0 - progress;
    return minLr + (peakLr - minLr) * factor;
}

DecayShape LrSchedule::shapeFromName(const std::string &name)
{
    if (name == "cosine") return DecayShape::Cosine;
    if (name == "linear") return DecayShape::Linear;
    if (name == "constant") return DecayShape::Constant;
    throw Error("unknown learning-rate schedule \"" + name + "\" (cosine, linear, constant)");
}

} // namespace sft::finetune
