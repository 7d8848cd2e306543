// ICL prompt assembly: header, demos and the test input joined by the separator.

#include "scoring/icl_prompt.h"

#include "core/error.h"

namespace sft::scoring {

IclPromptBuilder::IclPromptBuilder(IclFormat format, const prompt::Verbalizer &verbalizer)
    : m_format(std::move(format)), m_template(prompt::Template::parse(m_format.format)), m_verbalizer(verbalizer)
{
    if (!m_template.hasAnswerSlot())
        throw Error("the demo format \"" + m_format.format + "\" has no answer slot [Z]");
}

std::string IclPromptBuilder::demoAnswer(const Example &demo) const
{
    if (demo.gold >= 0 && std::size_t(demo.gold) < m_verbalizer.labels().size())
        return m_verbalizer.labels()[std::size_t(demo.gold)].answers.front();
    if (demo.output)
        return *demo.output;
    throw Error("the demo has neither a label nor an output to show as its answer", {{}, demo.line, 0, -1, {}});
}

std::string IclPromptBuilder::renderDemo(const Example &demo) const
{
    return m_template.fill(demo.text, demoAnswer(demo), demo.fields).text();
}

prompt::Template::Filled IclPromptBuilder::assemble(const std::vector<const Example *> &demos,
                                                    const std::string &input,
                                                    const std::map<std::string, std::string> &fields) const
{
    std::string context = m_format.header;
    bool first = context.empty();
    for (const Example *d : demos) {
        if (!first)
            context += m_format.separator;
        context += renderDemo(*d);
        first = false;
    }
    if (!first)
        context += m_format.separator;
    prompt::Template::Filled f = m_template.fill(input, std::string(), fields);
    f.prefix = context + f.prefix;
    return f;
}

prompt::Template::Filled IclPromptBuilder::build(const std::vector<const Example *> &demos, const Example &test) const
{
    return assemble(demos, test.text, test.fields);
}

prompt::Template::Filled IclPromptBuilder::buildContentFree(const std::vector<const Example *> &demos,
                                                            const std::string &contentFree) const
{
    std::map<std::string, std::string> fields;
    for (const std::string &name : m_template.fieldSlots())
        fields[name] = contentFree;
    return assemble(demos, contentFree, fields);
}

} // namespace sft::scoring
