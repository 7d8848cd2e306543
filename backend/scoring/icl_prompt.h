#pragma once
// In-context learning prompts: an optional instruction header, then each
// demonstration rendered by a demo format (default "Input: [X]\nOutput: [Z]")
// with its gold answer in [Z], joined by a separator (default "\n\n"), then
// the test input rendered by the same format with [Z] left as the answer slot
// for scoring. The result is split at [Z] like Template::Filled, so answer
// search scores the candidates after the shared prompt.
//
// A demo's answer is the first answer of its gold label; a demo without a
// gold label uses its "output" text; a demo with neither is an error.

#include "prompt/template.h"
#include "prompt/verbalizer.h"
#include "scoring/scoring_data.h"

#include <string>
#include <vector>

namespace sft::scoring {

/** How an ICL prompt is put together. */
struct IclFormat
{
    std::string header;                                  ///< instruction before the demos ("" = none)
    std::string format = "Input: [X]\nOutput: [Z]";      ///< one demo / the test input
    std::string separator = "\n\n";                      ///< between header, demos and test input
};

/** Assembles ICL prompts; the format is parsed once. */
class IclPromptBuilder
{
public:
    /** Throws sft::Error when the format has no [Z]. */
    IclPromptBuilder(IclFormat format, const prompt::Verbalizer &verbalizer);

    const IclFormat &format() const { return m_format; }

    /** The [Z] text of a demo. Throws sft::Error (with the demo's line) when it has none. */
    std::string demoAnswer(const Example &demo) const;
    /** One demo rendered with its answer. */
    std::string renderDemo(const Example &demo) const;

    /** Prompt for the test example after the demos, split at [Z]. */
    prompt::Template::Filled build(const std::vector<const Example *> &demos, const Example &test) const;
    /**
     * The same prompt with the test input (and each of its named slots)
     * replaced by a content-free text, for contextual calibration.
     */
    prompt::Template::Filled buildContentFree(const std::vector<const Example *> &demos,
                                              const std::string &contentFree) const;

private:
    prompt::Template::Filled assemble(const std::vector<const Example *> &demos, const std::string &input,
                                      const std::map<std::string, std::string> &fields) const;

    IclFormat m_format;
    prompt::Template m_template;
    const prompt::Verbalizer &m_verbalizer;
};

} // namespace sft::scoring
