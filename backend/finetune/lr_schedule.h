#pragma once
// Learning-rate schedules for fine-tuning: linear warmup from 0 to the peak,
// then cosine or linear decay to min_lr at the last step (the shapes of
// transformers' get_cosine_schedule_with_warmup / get_linear_schedule_with_warmup,
// with an optional floor). Torch-free, so the GUI can draw the curve.

#include <cstdint>
#include <string>

namespace sft::finetune {

enum class DecayShape { Cosine, Linear, Constant };

struct LrSchedule
{
    double peakLr = 2e-4;
    double minLr = 0.0;
    std::int64_t warmupSteps = 0;
    std::int64_t totalSteps = 1;
    DecayShape shape = DecayShape::Cosine;

    /** The learning rate for optimizer step `step` (0-based). Throws sft::Error on bad settings. */
    double at(std::int64_t step) const;
    /** "cosine", "linear", "constant"; throws sft::Error otherwise. */
    static DecayShape shapeFromName(const std::string &name);
};

} // namespace sft::finetune
