#pragma once
// Helpers the model tests share (header-only, included by name from tests/model):
// CPU fp32 load options, reading a fixture's tensors, comparing a model's logits
// with a reference case folder, and small random inputs.

#include "model/causal_lm.h"
#include "model/language_model.h"
#include "model/weights_io.h"
#include "safetensors/file.h"

#include <QString>

#include <cstring>
#include <stdexcept>
#include <string>

namespace sfttest {

/** Load options for the reference comparisons: CPU, fp32, the config's own RoPE scaling. */
inline sft::model::LoadOptions cpuFp32()
{
    sft::model::LoadOptions o;
    o.device = "cpu";
    o.dtype = "fp32";
    return o;
}

/** The tensor name of a fixture's safetensors file, copied out (throws when it is missing). */
inline torch::Tensor readTensor(const sft::safetensors::File &f, const std::string &name)
{
    const auto *info = f.find(name);
    if (!info)
        throw std::runtime_error("missing " + name);
    torch::Tensor t = torch::empty(info->shape, sft::model::toTorchType(info->dtype));
    std::memcpy(t.data_ptr(), f.data(*info), info->byteSize());
    return t;
}

/**
 * Max |ours - reference| over the real (unpadded) positions of a case folder (config, weights and
 * expected.safetensors with input_ids, attention_mask, logits); unbatchedDiff: the same for row 1,
 * which is left-padded, run alone without its padding.
 */
inline double caseDiff(const QString &dir, double *unbatchedDiff)
{
    auto lm = sft::model::LanguageModel::load(dir.toStdString(), cpuFp32());
    const auto f = sft::safetensors::File::open(QString(dir + QStringLiteral("/expected.safetensors")).toStdString());
    const torch::Tensor ids = readTensor(f, "input_ids");
    const torch::Tensor mask = readTensor(f, "attention_mask");
    const torch::Tensor want = readTensor(f, "logits");
    torch::NoGradGuard noGrad;
    const torch::Tensor got = lm->module()->forward(ids, mask).to(torch::kFloat32);
    const torch::Tensor valid = mask.to(torch::kBool).unsqueeze(-1).expand_as(want);
    const double diff = (got - want).abs().masked_select(valid).max().item<double>();
    // The padded row alone, without padding, must give the same logits.
    const std::int64_t pad = (mask[1] == 0).sum().item<std::int64_t>();
    const torch::Tensor alone = lm->module()->forward(ids[1].narrow(0, pad, ids.size(1) - pad).unsqueeze(0));
    *unbatchedDiff = (alone[0] - want[1].narrow(0, pad, ids.size(1) - pad)).abs().max().item<double>();
    return diff;
}

inline double maxDiff(const torch::Tensor &a, const torch::Tensor &b) { return (a - b).abs().max().item<double>(); }

/** A [1, n] batch of token ids below vocab, reproducible from seed. */
inline torch::Tensor randomIds(std::int64_t n, std::int64_t vocab, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::randint(0, vocab, {1, n}, gen, torch::TensorOptions(torch::kInt64));
}

} // namespace sfttest
