#pragma once
// Contextual calibration (Zhao et al. 2021, "Calibrate Before Use"): a model
// has a prior towards some labels whatever the input. Estimate it from
// content-free inputs ("N/A", "", "[MASK]"): p_cf = the mean of their label
// probability vectors. A prediction p is then calibrated as
// q = diag(p_cf)^-1 · p, renormalised to sum to 1.

#include <vector>

namespace sft::prompt {

/** The content-free inputs the paper uses. */
const std::vector<const char *> &contentFreeInputs();

class ContextualCalibration
{
public:
    /** p_cf from the label probability vectors of the content-free inputs (each sums to 1). */
    static ContextualCalibration fromContentFree(const std::vector<std::vector<double>> &contentFreeProbs);
    /** No calibration (p_cf uniform). */
    static ContextualCalibration identity(std::size_t labels);

    const std::vector<double> &prior() const { return m_prior; }
    /** q = normalise(p / p_cf). Throws sft::Error on a size mismatch. */
    std::vector<double> apply(const std::vector<double> &probs) const;

private:
    std::vector<double> m_prior;
};

} // namespace sft::prompt
