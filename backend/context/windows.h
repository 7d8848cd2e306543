#pragma once
// Where the windows of a perplexity measurement lie in a long tokenized text,
// which of their tokens are scored, and how per-position losses are averaged.
// Torch-free: the arithmetic that perplexity.cpp runs the model on, testable
// alone.
//
// A window holds `length` tokens: the text tokens [begin, begin + content)
// with, when addBos, the BOS token in front (content = length - 1, else
// length). The token at window index p (1 ≤ p < length) is predicted from the
// p tokens before it; index 0 is never predicted. Windows start every
// `stride` text tokens, as in Hugging Face's perplexity loop (the "Perplexity
// of fixed-length models" guide):
// - stride = content (the default) tiles the text without overlap: each
//   window predicts all of its tokens but the first.
// - A smaller stride is HF's strided evaluation: the first window scores
//   every token it can (length - 1), each later window only its last
//   `stride` tokens, the ones no earlier window scored, so each text token is
//   scored at most once and with at least length - stride tokens of context.
//   With a small maxWindows the first window therefore weighs most: its
//   length - 1 scored tokens against stride for each later one.
// - When the text does not end where a full window ends, one last, shorter
//   window runs from the next start to the end of the text and scores the
//   tokens after the previous window's end, as HF's loop does (its
//   end = min(begin + length, text)); nothing of the text is dropped. In
//   strided evaluation those tokens still have at least length - stride
//   tokens of context; tiled, the short window predicts from its own start.

#include <cstdint>
#include <vector>

namespace sft::context {

/** One window of a plan. */
struct Window
{
    std::int64_t begin = 0;      ///< first text token of the window
    std::int64_t length = 0;     ///< tokens of this window, BOS included: the plan's length but for a last short one
    std::int64_t scoreFrom = 1;  ///< first scored window index; indices [scoreFrom, length) are scored

    /** Text tokens of the window. */
    std::int64_t content(bool addBos) const { return addBos ? length - 1 : length; }
};

/** The windows of one length over a text. */
struct WindowPlan
{
    std::int64_t length = 0;   ///< tokens per window, BOS included
    std::int64_t content = 0;  ///< text tokens per window
    std::int64_t stride = 0;   ///< text tokens between window starts
    bool addBos = false;
    std::vector<Window> windows;

    /** Scored tokens over all windows. */
    std::int64_t scoredTokens() const;
};

/**
 * The windows of `length` tokens over a text of textTokens tokens, stride 0 meaning
 * non-overlapping (stride = the window's text tokens; a larger stride is clamped to it, so
 * with addBos a stride of `length` becomes length - 1), then a last shorter window over the
 * rest of the text if any, at most maxWindows of them in all (0 = all). Throws sft::Error
 * when the length is below 2, the stride negative, or the text shorter than one window.
 */
WindowPlan planWindows(std::int64_t textTokens, std::int64_t length, std::int64_t stride = 0, bool addBos = false,
                       std::int64_t maxWindows = 0);

/**
 * Bytes eager attention holds for one layer of a window of `length` tokens: the heads × n × n
 * scores in fp32 about three times over (the product, the scores with the mask added, the
 * softmax). It grows with the square of the length and is what limits the longest window.
 */
double eagerAttentionBytes(std::int64_t heads, std::int64_t length);

/** Positions per bucket of a position-loss curve for windows of `length`: max(1, ceil(length / 512)). */
std::int64_t positionBucket(std::int64_t length);

/**
 * Mean loss per position bucket: bucket k holds window indices [k·B, (k+1)·B), for
 * k < ceil(length / B). A bucket no scored token fell into (bucket 0 when B = 1:
 * index 0 is never predicted) has count 0 and mean NaN.
 */
class PositionLoss
{
public:
    explicit PositionLoss(std::int64_t length);

    /** Add the loss of the token at window index position (0 ≤ position < length). */
    void add(std::int64_t position, double nll);

    std::int64_t bucket() const { return m_bucket; }
    std::int64_t buckets() const { return static_cast<std::int64_t>(m_sum.size()); }
    std::int64_t count(std::int64_t bucket) const { return m_count[static_cast<std::size_t>(bucket)]; }
    /** Mean of bucket k, NaN when empty. */
    double mean(std::int64_t bucket) const;
    /** Every bucket's mean. */
    std::vector<double> means() const;

private:
    std::int64_t m_length = 0;
    std::int64_t m_bucket = 1;
    std::vector<double> m_sum;
    std::vector<std::int64_t> m_count;
};

} // namespace sft::context
