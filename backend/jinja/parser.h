#pragma once
// The parser: template text to a Program, with jinja2's statements and
// expression grammar; nesting is bounded so a hostile template cannot exhaust
// the stack.

#include "jinja/ast.h"

#include <string>

namespace sft::jinja::detail {

/** Parse a template; throws SyntaxError. */
Program parseProgram(const std::string &source, const std::string &name);

} // namespace sft::jinja::detail
