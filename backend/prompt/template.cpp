#include "prompt/template.h"

#include "core/error.h"

#include <algorithm>

namespace sft::prompt {

namespace {
bool isNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
} // namespace

Template Template::parse(const std::string &source)
{
    Template t;
    t.m_source = source;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) {
            t.m_parts.push_back({false, literal});
            literal.clear();
        }
    };
    std::size_t answerAt = std::string::npos;
    for (std::size_t i = 0; i < source.size();) {
        if (source.compare(i, 2, "[[") == 0 || source.compare(i, 2, "]]") == 0) {
            literal += source[i];
            i += 2;
            continue;
        }
        if (source[i] == '[') {
            std::size_t j = i + 1;
            if (j < source.size() && isNameStart(source[j])) {
                while (j < source.size() && isNameChar(source[j]))
                    ++j;
                if (j < source.size() && source[j] == ']') {
                    const std::string name = source.substr(i + 1, j - i - 1);
                    if (name == "Z") {
                        if (answerAt != std::string::npos)
                            throw Error("the answer slot [Z] may appear only once (again at column "
                                        + std::to_string(i + 1) + ", first at column " + std::to_string(answerAt + 1)
                                        + ")");
                        answerAt = i;
                    }
                    flush();
                    t.m_parts.push_back({true, name});
                    i = j + 1;
                    continue;
                }
            }
        }
        literal += source[i++];
    }
    flush();
    return t;
}

bool Template::hasAnswerSlot() const
{
    return std::any_of(m_parts.begin(), m_parts.end(), [](const Part &p) { return p.slot && p.text == "Z"; });
}

bool Template::hasInputSlot() const
{
    return std::any_of(m_parts.begin(), m_parts.end(), [](const Part &p) { return p.slot && p.text == "X"; });
}

std::vector<std::string> Template::fieldSlots() const
{
    std::vector<std::string> out;
    for (const Part &p : m_parts)
        if (p.slot && p.text != "X" && p.text != "Z" && std::find(out.begin(), out.end(), p.text) == out.end())
            out.push_back(p.text);
    return out;
}

Template::Filled Template::fill(const std::string &input, const std::string &answer,
                                const std::map<std::string, std::string> &fields) const
{
    Filled f;
    f.answer = answer;
    bool afterAnswer = false;
    for (const Part &p : m_parts) {
        std::string piece;
        if (!p.slot) {
            piece = p.text;
        } else if (p.text == "Z") {
            afterAnswer = true;
            continue;
        } else if (p.text == "X") {
            piece = input;
        } else {
            const auto it = fields.find(p.text);
            if (it == fields.end())
                throw Error("template slot [" + p.text + "] has no value (the record has no field \"" + p.text
                            + "\")");
            piece = it->second;
        }
        (afterAnswer ? f.suffix : f.prefix) += piece;
    }
    return f;
}

} // namespace sft::prompt
