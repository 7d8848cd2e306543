// Token-by-token generation with the KV cache, sampling, stop strings and
// streaming of text that is final (whole UTF-8 characters, no pending prefix
// of a stop string).

#include "model/language_model_private.h"

#include "core/error.h"

#include <algorithm>
#include <chrono>

namespace sft::model {

namespace {

/**
 * Bytes at the end of s that begin an unfinished UTF-8 character, or replacement characters the next
 * token may still turn into one: a byte-level decoder gives one U+FFFD for an unfinished sequence, a
 * byte-fallback decoder (sentencepiece <0xNN> tokens) one per byte, so up to three of them.
 */
std::size_t pendingUtf8(const std::string &s)
{
    static const std::string replacement = "\xEF\xBF\xBD";
    std::size_t held = 0;
    while (held < 9 && s.size() >= held + 3 && s.compare(s.size() - held - 3, 3, replacement) == 0)
        held += 3;
    if (held > 0)
        return held;
    for (std::size_t back = 1; back <= std::min<std::size_t>(3, s.size()); ++back) {
        const auto c = static_cast<unsigned char>(s[s.size() - back]);
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte: look further back for the lead byte
        const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

/** Length of the longest suffix of s that is a proper prefix of a stop string. */
std::size_t pendingStopPrefix(const std::string &s, const std::vector<std::string> &stops)
{
    std::size_t best = 0;
    for (const auto &stop : stops)
        for (std::size_t len = std::min(stop.size() - 1, s.size()); len > best; --len)
            if (s.compare(s.size() - len, len, stop, 0, len) == 0) {
                best = len;
                break;
            }
    return best;
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

GenerationResult LanguageModel::generate(const std::vector<std::int64_t> &prompt, const GenerationOptions &opt)
{
    if (prompt.empty())
        throw Error("generation needs a non-empty prompt");
    for (const auto &s : opt.stop)
        if (s.empty())
            throw Error("stop strings must not be empty");
    if (!opt.stop.empty() && !opt.decode)
        throw Error("stop strings need a decode function");
    torch::NoGradGuard noGrad;
    Sampler sampler(opt.sampling, opt.seed);
    const std::vector<std::int64_t> &eos = opt.eosTokenIds.empty() ? d->config.eosTokenIds : opt.eosTokenIds;
    std::vector<std::int64_t> history = prompt;
    GenerationResult r;
    r.finishReason = "length";
    std::size_t emitted = 0;

    auto emit = [&](std::size_t upTo) {
        if (upTo <= emitted)
            return true;
        const std::string piece = r.text.substr(emitted, upTo - emitted);
        emitted = upTo;
        return !opt.onText || opt.onText(piece);
    };

    auto t0 = std::chrono::steady_clock::now();
    KVCache cache;
    torch::Tensor h = d->module->hidden(d->row(prompt), {}, {}, &cache);
    torch::Tensor lastHidden = h.select(1, h.size(1) - 1);
    r.promptSeconds = secondsSince(t0);
    t0 = std::chrono::steady_clock::now();

    for (std::int64_t step = 0; step < opt.maxNewTokens; ++step) {
        if (opt.shouldStop && opt.shouldStop()) {
            r.finishReason = "cancelled";
            break;
        }
        torch::Tensor logits = d->module->logits(lastHidden)[0].to(torch::kFloat32).to(torch::kCPU).contiguous();
        std::vector<float> row(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
        const std::int64_t next = sampler.next(row, history, opt.vocabLimit);
        if (std::find(eos.begin(), eos.end(), next) != eos.end()) {
            r.finishReason = "eos";
            break;
        }
        r.tokens.push_back(next);
        history.push_back(next);

        if (opt.decode) {
            r.text = opt.decode(r.tokens);
            std::size_t stopAt = std::string::npos;
            for (const auto &s : opt.stop)
                stopAt = std::min(stopAt, r.text.find(s));
            if (stopAt != std::string::npos) {
                r.text.resize(stopAt);
                emit(stopAt);
                r.finishReason = "stop";
                break;
            }
            std::size_t safe = r.text.size() - pendingUtf8(r.text);
            safe -= pendingStopPrefix(r.text.substr(0, safe), opt.stop);
            if (!emit(safe)) {
                r.finishReason = "cancelled";
                break;
            }
        }
        if (step + 1 == opt.maxNewTokens)
            break;
        h = d->module->hidden(d->row({next}), {}, {}, &cache);
        lastHidden = h.select(1, 0);
    }
    if (r.finishReason == "eos" || r.finishReason == "length")
        emit(r.text.size());
    r.decodeSeconds = secondsSince(t0);
    return r;
}

} // namespace sft::model
