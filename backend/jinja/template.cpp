// Template: parse once (syntax errors located), render with JSON variables
// (render errors located, raise_exception's message kept as the template's).

#include "jinja/template.h"

#include "core/error.h"
#include "jinja/interpreter.h"
#include "jinja/lexer.h"
#include "jinja/parser.h"

namespace sft::jinja {

Template Template::parse(const std::string &source, const std::string &sourceName)
{
    Template t;
    try {
        t.m_program = std::make_shared<const detail::Program>(detail::parseProgram(source, sourceName));
    } catch (const detail::SyntaxError &e) {
        throw Error(e.what(), Error::Location{sourceName, e.pos.line, e.pos.column, -1, {}});
    }
    return t;
}

const std::string &Template::name() const
{
    static const std::string none;
    return m_program ? m_program->name : none;
}

namespace {

std::string run(const detail::Program *program, const detail::Value &variables, const Template::Limits &limits)
{
    if (!program)
        throw Error("rendering a template that was not parsed");
    detail::Interpreter in(*program, limits);
    try {
        return in.render(variables);
    } catch (const detail::RenderError &e) {
        throw Error(e.what(), Error::Location{program->name, e.pos.line, e.pos.column, -1, {}});
    }
}

template <typename Json>
detail::Value convert(const detail::Program *program, const Json &json)
{
    try {
        return detail::Value::fromJson(json);
    } catch (const detail::RenderError &e) {
        throw Error(e.what(), Error::Location{program ? program->name : std::string(), 0, 0, -1, {}});
    }
}

} // namespace

std::string Template::render(const nlohmann::json &variables) const { return render(variables, Limits()); }

std::string Template::render(const nlohmann::json &variables, const Limits &limits) const
{
    return run(m_program.get(), convert(m_program.get(), variables), limits);
}

std::string Template::renderOrdered(const nlohmann::ordered_json &variables, const Limits &limits) const
{
    return run(m_program.get(), convert(m_program.get(), variables), limits);
}

} // namespace sft::jinja
