#pragma once
// Answer search for prompt learning: for an input x and every answer z of a
// verbalizer, score log P(f_fill(x, z)). The text before [Z] is the same for
// every candidate, so it runs through the model once (LanguageModel::scoreMany)
// and each candidate is scored by the log-probability of its answer and suffix
// tokens given that prefix. Label scores come from the verbalizer's
// aggregation and label probabilities from a softmax over labels.
//
// BPE boundaries: the prefix and each full text (prefix + answer + suffix)
// are tokenized separately. When the prefix's tokens are a prefix of the full
// text's tokens (the usual case), the remaining tokens are the continuation.
// Otherwise (e.g. "was " + "good" tokenizes as "was", " good" while the
// prefix alone ends in a lone " " token) the full text is scored from the
// first token where the two tokenizations differ, d, and the log-probability
// of the prefix's own tokens from d on is subtracted, so that every
// candidate's logprob is log P(full text) - log P(prefix) and candidates stay
// comparable. A BOS token is prepended when the tokenizer's post-processor
// adds one (Llama-2 style).

#include "model/language_model.h"
#include "prompt/calibration.h"
#include "prompt/template.h"
#include "prompt/verbalizer.h"
#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sft::scoring {

/** How answer scores are formed. */
struct ScoringOptions
{
    bool lengthNormalize = false;  ///< score = logprob / tokens (mean per token) instead of the sum
    prompt::LabelAggregation aggregation = prompt::LabelAggregation::Max;
};

/** One candidate answer's score. */
struct AnswerScore
{
    std::string answer;
    double logprob = 0;      ///< log P(answer + suffix | prefix), summed over tokens
    std::int64_t tokens = 0; ///< tokens of the full text beyond the prefix's (at least 1)
    double score = 0;        ///< logprob, or logprob / tokens when length-normalised
    bool boundaryFallback = false; ///< the prefix's tokens were not a prefix of the full text's
};

/** Scores of one input. */
struct InputScores
{
    std::vector<AnswerScore> answers;  ///< in Verbalizer::answers() order
    std::vector<double> labelScores;   ///< per label (aggregated answer scores)
    std::vector<double> probs;         ///< softmax(labelScores)
    std::int64_t promptTokens = 0;     ///< longest full text in tokens (BOS included)
    int predicted = 0;                 ///< argmax of probs (first on ties)
};

/** Scores answers with a loaded model and its tokenizer. */
class AnswerScorer
{
public:
    /** The model, tokenizer and verbalizer must outlive the scorer. */
    AnswerScorer(model::LanguageModel &model, const Tokenizer &tokenizer, const prompt::Verbalizer &verbalizer,
                 ScoringOptions options = {});

    const prompt::Verbalizer &verbalizer() const { return m_verbalizer; }
    const ScoringOptions &options() const { return m_options; }
    /** Whether a BOS id is put before every text. */
    bool addsBos() const { return m_bos >= 0; }

    /** Token ids of text as the scorer feeds them (BOS first when addsBos()). */
    std::vector<std::int64_t> encode(const std::string &text) const;

    /** Score every answer between prefix and suffix. Throws sft::Error. */
    InputScores score(const std::string &prefix, const std::string &suffix) const;
    /** Score every answer of f_fill(input, z, fields). Throws sft::Error when t has no [Z]. */
    InputScores score(const prompt::Template &t, const std::string &input,
                      const std::map<std::string, std::string> &fields = {}) const;

    /**
     * Contextual calibration for a template: [X] and every named slot are
     * filled with each content-free input ("N/A", "", "[MASK]") in turn and
     * their label probabilities are averaged (prompt::ContextualCalibration).
     */
    prompt::ContextualCalibration calibrate(const prompt::Template &t,
                                            const std::vector<std::string> &fieldNames = {}) const;
    /** Calibration from already split content-free prompts (prefix, suffix) pairs. */
    prompt::ContextualCalibration calibrate(const std::vector<std::pair<std::string, std::string>> &prompts) const;

private:
    model::LanguageModel &m_model;
    const Tokenizer &m_tokenizer;
    const prompt::Verbalizer &m_verbalizer;
    ScoringOptions m_options;
    std::int64_t m_bos = -1;
};

/** Index of the largest value (first on ties); -1 when empty. */
int argmax(const std::vector<double> &values);

} // namespace sft::scoring
