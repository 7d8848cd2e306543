// AnswerScorer: tokenization with BOS handling, the BPE-boundary fallback and
// grouping of candidates by their shared prompt so each group is one
// scoreMany call (normally a single group: the whole prefix).

#include "scoring/answer_scorer.h"

#include "core/error.h"

#include <algorithm>

namespace sft::scoring {

int argmax(const std::vector<double> &values)
{
    if (values.empty())
        return -1;
    return int(std::max_element(values.begin(), values.end()) - values.begin());
}

AnswerScorer::AnswerScorer(model::LanguageModel &model, const Tokenizer &tokenizer,
                           const prompt::Verbalizer &verbalizer, ScoringOptions options)
    : m_model(model), m_tokenizer(tokenizer), m_verbalizer(verbalizer), m_options(options)
{
    // Put BOS first exactly when the tokenizer's post-processor would (HF's add_special_tokens).
    const std::int32_t bos = m_tokenizer.bosId();
    if (bos >= 0) {
        const auto withSpecial = m_tokenizer.encode("a", true);
        if (!withSpecial.empty() && withSpecial.front() == bos)
            m_bos = bos;
    }
}

std::vector<std::int64_t> AnswerScorer::encode(const std::string &text) const
{
    std::vector<std::int64_t> ids;
    if (m_bos >= 0)
        ids.push_back(m_bos);
    for (std::int32_t id : m_tokenizer.encode(text, false))
        ids.push_back(id);
    return ids;
}

InputScores AnswerScorer::score(const std::string &prefix, const std::string &suffix) const
{
    const std::vector<std::string> answers = m_verbalizer.answers();
    const std::vector<std::int64_t> p = encode(prefix);
    InputScores out;
    out.answers.resize(answers.size());

    // Per candidate: the full text's tokens and d, the length of the common token prefix with p.
    std::vector<std::vector<std::int64_t>> full(answers.size());
    std::map<std::size_t, std::vector<std::size_t>> groups; // d -> candidates
    for (std::size_t i = 0; i < answers.size(); ++i) {
        full[i] = encode(prefix + answers[i] + suffix);
        std::size_t d = 0;
        while (d < p.size() && d < full[i].size() && p[d] == full[i][d])
            ++d;
        if (d == 0)
            throw Error("cannot score answer \"" + answers[i]
                        + "\": the text before [Z] is empty and the tokenizer adds no BOS token");
        groups[d].push_back(i);
        out.promptTokens = std::max<std::int64_t>(out.promptTokens, std::int64_t(full[i].size()));
    }

    for (const auto &[d, members] : groups) {
        const std::vector<std::int64_t> shared(p.begin(), p.begin() + std::ptrdiff_t(d));
        std::vector<std::vector<std::int64_t>> conts;
        for (std::size_t i : members)
            conts.emplace_back(full[i].begin() + std::ptrdiff_t(d), full[i].end());
        const auto scores = m_model.scoreMany(shared, conts);
        // Fallback: remove log P(p[d:] | p[:d]) so the score is relative to the whole prefix.
        double correction = 0;
        if (d < p.size())
            correction = m_model.score(shared, std::vector<std::int64_t>(p.begin() + std::ptrdiff_t(d), p.end())).sum;
        for (std::size_t j = 0; j < members.size(); ++j) {
            AnswerScore &a = out.answers[members[j]];
            a.answer = answers[members[j]];
            a.logprob = scores[j].sum - correction;
            a.tokens = std::max<std::int64_t>(1, std::int64_t(full[members[j]].size()) - std::int64_t(p.size()));
            a.boundaryFallback = d < p.size();
            a.score = m_options.lengthNormalize ? a.logprob / double(a.tokens) : a.logprob;
        }
    }

    std::vector<double> answerScores;
    for (const AnswerScore &a : out.answers)
        answerScores.push_back(a.score);
    out.labelScores = m_verbalizer.labelScores(answerScores, m_options.aggregation);
    out.probs = prompt::softmax(out.labelScores);
    out.predicted = argmax(out.probs);
    return out;
}

InputScores AnswerScorer::score(const prompt::Template &t, const std::string &input,
                                const std::map<std::string, std::string> &fields) const
{
    if (!t.hasAnswerSlot())
        throw Error("template \"" + t.source() + "\" has no answer slot [Z]");
    const prompt::Template::Filled f = t.fill(input, std::string(), fields);
    return score(f.prefix, f.suffix);
}

prompt::ContextualCalibration AnswerScorer::calibrate(const prompt::Template &t,
                                                      const std::vector<std::string> &fieldNames) const
{
    if (!t.hasAnswerSlot())
        throw Error("template \"" + t.source() + "\" has no answer slot [Z]");
    std::vector<std::pair<std::string, std::string>> prompts;
    for (const char *cf : prompt::contentFreeInputs()) {
        std::map<std::string, std::string> fields;
        for (const std::string &name : t.fieldSlots())
            fields[name] = cf;
        for (const std::string &name : fieldNames)
            fields[name] = cf;
        const prompt::Template::Filled f = t.fill(cf, std::string(), fields);
        prompts.emplace_back(f.prefix, f.suffix);
    }
    return calibrate(prompts);
}

prompt::ContextualCalibration AnswerScorer::calibrate(
    const std::vector<std::pair<std::string, std::string>> &prompts) const
{
    std::vector<std::vector<double>> probs;
    for (const auto &[prefix, suffix] : prompts)
        probs.push_back(score(prefix, suffix).probs);
    return prompt::ContextualCalibration::fromContentFree(probs);
}

} // namespace sft::scoring
