// Parsers of model output for the Self-Instruct loop. Everything works on
// lines of a string_view with bounds-checked reads: a line is classified by
// what it starts with (a list number, a label such as "Input:" / "输入：", a
// block header such as "Example 2" / "任务 3", a "###" separator, or nothing),
// and labelled lines open segments that collect the lines after them. The
// list and instance parsers then walk those lines or segments.

#include "selfinstruct/parse.h"

#include "core/utf8.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <utility>

namespace sft::selfinstruct {
namespace {

// ---- bytes and characters -------------------------------------------------

bool hasAt(std::string_view s, std::size_t pos, std::string_view p)
{
    return pos <= s.size() && s.size() - pos >= p.size() && s.compare(pos, p.size(), p) == 0;
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/** Case-insensitive ASCII prefix test: word is lowercase. */
bool hasWordAt(std::string_view s, std::size_t pos, std::string_view word)
{
    if (pos > s.size() || s.size() - pos < word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (asciiLower(s[pos + i]) != word[i])
            return false;
    return true;
}

/** Bytes of a space at pos (ASCII blank, U+00A0, U+3000), 0 when none. */
std::size_t spaceAt(std::string_view s, std::size_t pos)
{
    if (pos >= s.size())
        return 0;
    const char c = s[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    if (hasAt(s, pos, "\xC2\xA0"))
        return 2;
    if (hasAt(s, pos, "\xE3\x80\x80"))
        return 3;
    return 0;
}

std::size_t skipSpaces(std::string_view s, std::size_t pos)
{
    while (std::size_t n = spaceAt(s, pos))
        pos += n;
    return pos;
}

std::string_view trim(std::string_view s)
{
    std::size_t b = skipSpaces(s, 0);
    s.remove_prefix(b);
    for (;;) {
        if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\v'
                           || s.back() == '\f' || s.back() == '\n')) {
            s.remove_suffix(1);
        } else if (s.size() >= 2 && hasAt(s, s.size() - 2, "\xC2\xA0")) {
            s.remove_suffix(2);
        } else if (s.size() >= 3 && hasAt(s, s.size() - 3, "\xE3\x80\x80")) {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
}

/** The digit at pos (ASCII or full-width U+FF10–FF19) and its byte length, or -1. */
int digitAt(std::string_view s, std::size_t pos, std::size_t &len)
{
    if (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        len = 1;
        return s[pos] - '0';
    }
    if (pos + 3 <= s.size() && s[pos] == '\xEF' && s[pos + 1] == '\xBC') {
        const auto c = static_cast<unsigned char>(s[pos + 2]);
        if (c >= 0x90 && c <= 0x99) {
            len = 3;
            return c - 0x90;
        }
    }
    return -1;
}

/** Reads up to 6 digits at pos; false when there is none or too many. */
bool readNumber(std::string_view s, std::size_t &pos, int &value)
{
    std::size_t p = pos, len = 0;
    int digits = 0;
    value = 0;
    for (int d; (d = digitAt(s, p, len)) >= 0; p += len) {
        if (++digits > 6)
            return false;
        value = value * 10 + d;
    }
    if (digits == 0)
        return false;
    pos = p;
    return true;
}

/** Bytes of a colon (":" or full-width "："), 0 when none. */
std::size_t colonAt(std::string_view s, std::size_t pos)
{
    if (hasAt(s, pos, ":"))
        return 1;
    if (hasAt(s, pos, "\xEF\xBC\x9A"))
        return 3;
    return 0;
}

/** Bytes of a list delimiter after a number: . ) 、 : ： ． ）, 0 when none. */
std::size_t delimiterAt(std::string_view s, std::size_t pos)
{
    if (pos >= s.size())
        return 0;
    const char c = s[pos];
    if (c == '.' || c == ')' || c == ':')
        return 1;
    for (std::string_view d : {"\xE3\x80\x81" /* 、 */, "\xEF\xBC\x9A" /* ： */, "\xEF\xBC\x8E" /* ． */,
                               "\xEF\xBC\x89" /* ） */})
        if (hasAt(s, pos, d))
            return d.size();
    return 0;
}

/** Skips markdown emphasis ("**", "__") at pos. */
std::size_t skipEmphasis(std::string_view s, std::size_t pos)
{
    while (hasAt(s, pos, "**") || hasAt(s, pos, "__"))
        pos += 2;
    return pos;
}

/** s with every invalid UTF-8 sequence replaced by U+FFFD (model output cut inside a character). */
std::string validUtf8(std::string s)
{
    if (utf8::isValid(s))
        return s;
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();)
        utf8::append(out, utf8::decode(s, i));
    return out;
}

// ---- lines -----------------------------------------------------------------

/** The lines of text without their '\n' (and without a trailing '\r'). */
std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    return lines;
}

bool isBlank(std::string_view line)
{
    return trim(line).empty();
}

/** "###", "---", "===" and the like: a line of at least three of # - = *. */
bool isSeparator(std::string_view line)
{
    const std::string_view t = trim(line);
    if (t.size() < 3)
        return false;
    for (char c : t)
        if (c != '#' && c != '-' && c != '=' && c != '*')
            return false;
    return true;
}

// ---- numbered starts and labels -----------------------------------------------

/** A line that starts a numbered item: its number and where its text begins. */
struct NumberedStart
{
    int number = -1;
    std::size_t rest = 0;
};

/** Words that may precede an item number ("Task 3:", "任务3："). */
constexpr std::string_view kNumberWords[] = {"task", "instruction", "example", "\xE4\xBB\xBB\xE5\x8A\xA1" /* 任务 */,
                                             "\xE6\x8C\x87\xE4\xBB\xA4" /* 指令 */, "\xE7\xA4\xBA\xE4\xBE\x8B" /* 示例 */,
                                             "\xE4\xBE\x8B\xE5\xAD\x90" /* 例子 */, "\xE6\xA0\xB7\xE4\xBE\x8B" /* 样例 */};

/**
 * "N.", "N)", "N、", "N:", "(N)", "（N）", full-width digits, or a word and a
 * number ("Task N", "任务 N", with or without a delimiter). word: which word
 * (index into kNumberWords), -1 for a bare number.
 */
std::optional<NumberedStart> numberedStart(std::string_view line, int *word = nullptr)
{
    std::size_t pos = skipEmphasis(line, skipSpaces(line, 0));
    if (pos < line.size() && line[pos] == '#') {   // "# 3." / "### Task 3"
        while (pos < line.size() && line[pos] == '#')
            ++pos;
        pos = skipSpaces(line, pos);
    }
    NumberedStart out;
    if (word)
        *word = -1;
    // A word before the number.
    for (std::size_t w = 0; w < std::size(kNumberWords); ++w) {
        const std::string_view k = kNumberWords[w];
        if (!hasWordAt(line, pos, k))
            continue;
        std::size_t p = skipSpaces(line, pos + k.size());
        if (hasAt(line, p, "#"))
            ++p;
        int n = 0;
        if (!readNumber(line, p, n))
            return std::nullopt;
        p = skipEmphasis(line, p);
        if (const std::size_t dl = delimiterAt(line, p))
            p += dl;
        else if (p < line.size() && spaceAt(line, p) == 0)
            return std::nullopt;   // "Task 3x"
        out.number = n;
        out.rest = skipSpaces(line, skipEmphasis(line, p));
        if (word)
            *word = int(w);
        return out;
    }
    // A number in parentheses.
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                               {"\xEF\xBC\x88" /* （ */, "\xEF\xBC\x89" /* ） */}}) {
        if (!hasAt(line, pos, open))
            continue;
        std::size_t p = pos + open.size();
        int n = 0;
        if (!readNumber(line, p, n) || !hasAt(line, p, close))
            return std::nullopt;
        out.number = n;
        out.rest = skipSpaces(line, p + close.size());
        return out;
    }
    // A bare number and a delimiter.
    std::size_t p = pos;
    int n = 0;
    if (!readNumber(line, p, n))
        return std::nullopt;
    p = skipSpaces(line, p);
    const std::size_t dl = delimiterAt(line, p);
    if (dl == 0)
        return std::nullopt;
    std::size_t len = 0;
    if (line[p] == '.' && digitAt(line, p + 1, len) >= 0)
        return std::nullopt;   // "1.5 litres"
    out.number = n;
    out.rest = skipSpaces(line, skipEmphasis(line, p + dl));
    return out;
}

enum class Field { None, Example, Task, Instruction, Input, Output, ClassLabel, Separator };

struct LineLabel
{
    Field field = Field::None;
    int number = -1;          ///< the block number, -1 when none
    std::size_t rest = 0;     ///< where the value starts on the line
};

struct LabelWord
{
    std::string_view word;
    Field field;
};

constexpr LabelWord kLabels[] = {
    {"instruction", Field::Instruction},
    {"input", Field::Input},
    {"output", Field::Output},
    {"class label", Field::ClassLabel},
    {"task", Field::Task},
    {"\xE4\xBB\xBB\xE5\x8A\xA1" /* 任务 */, Field::Task},
    {"label", Field::ClassLabel},
    {"\xE6\x8C\x87\xE4\xBB\xA4" /* 指令 */, Field::Instruction},
    {"\xE8\xBE\x93\xE5\x85\xA5" /* 输入 */, Field::Input},
    {"\xE8\xBE\x93\xE5\x87\xBA" /* 输出 */, Field::Output},
    {"\xE7\xB1\xBB\xE5\x88\xAB\xE6\xA0\x87\xE7\xAD\xBE" /* 类别标签 */, Field::ClassLabel},
    {"\xE7\xB1\xBB\xE5\x88\xAB" /* 类别 */, Field::ClassLabel},
    {"\xE6\xA0\x87\xE7\xAD\xBE" /* 标签 */, Field::ClassLabel},
};

/** "Input:" / "输入：" (with optional "**" around) at pos: the field and where its value starts. */
std::optional<LineLabel> labelAt(std::string_view line, std::size_t pos)
{
    pos = skipEmphasis(line, pos);
    for (const LabelWord &l : kLabels) {
        if (!hasWordAt(line, pos, l.word))
            continue;
        std::size_t p = skipSpaces(line, skipEmphasis(line, pos + l.word.size()));
        const std::size_t c = colonAt(line, p);
        if (c == 0)
            continue;
        LineLabel out;
        out.field = l.field;
        out.rest = skipSpaces(line, skipEmphasis(line, p + c));
        return out;
    }
    return std::nullopt;
}

/** What a line starts with. */
LineLabel classify(std::string_view line)
{
    if (isSeparator(line))
        return {Field::Separator, -1, line.size()};
    std::size_t pos = skipSpaces(line, 0);
    if (const auto l = labelAt(line, pos))
        return *l;
    int word = -1;
    if (const auto start = numberedStart(line, &word)) {
        // "Example 2", "Task 3", "任务 3：..." headers.
        if (word == 0 || word == 3)
            return {Field::Task, start->number, start->rest};
        if (word == 2 || word >= 5)
            return {Field::Example, start->number, start->rest};
        // "1. Instruction: ..." (Alpaca's numbered fields).
        if (const auto l = labelAt(line, start->rest)) {
            LineLabel out = *l;
            out.number = start->number;
            return out;
        }
    }
    return {};
}

/** A labelled piece of the text: the label's line and the lines up to the next label. */
struct Segment
{
    Field field = Field::None;
    int number = -1;
    std::string value;   ///< trimmed
    std::string first;   ///< the first non-blank line of value, trimmed
    std::string after;   ///< value without its first line, trimmed
};

void finishSegment(Segment &s, const std::vector<std::string_view> &lines)
{
    std::string value;
    for (std::string_view l : lines) {
        if (!value.empty() || !isBlank(l)) {
            if (!value.empty())
                value += '\n';
            value.append(l.data(), l.size());
        }
    }
    s.value = validUtf8(std::string(trim(value)));
    const std::size_t nl = s.value.find('\n');
    s.first = std::string(trim(std::string_view(s.value).substr(0, nl)));
    s.after = nl == std::string::npos ? std::string() : std::string(trim(std::string_view(s.value).substr(nl + 1)));
}

/** The text as segments; a leading unlabelled piece is a Field::None segment (only when not blank). */
std::vector<Segment> segments(std::string_view text)
{
    std::vector<Segment> out;
    Segment current;
    std::vector<std::string_view> body;
    bool started = false;
    for (std::string_view line : splitLines(text)) {
        const LineLabel l = classify(line);
        if (l.field == Field::None) {
            body.push_back(line);
            continue;
        }
        finishSegment(current, body);
        if (started || !current.value.empty())
            out.push_back(std::move(current));
        started = true;
        current = Segment();
        current.field = l.field;
        current.number = l.number;
        body.clear();
        body.push_back(l.rest <= line.size() ? line.substr(l.rest) : std::string_view());
    }
    finishSegment(current, body);
    if (started || !current.value.empty())
        out.push_back(std::move(current));
    return out;
}

/** An input that means "none". */
std::string normalizeInput(const std::string &input)
{
    const std::string_view t = trim(input);
    std::string lower;
    for (char c : t)
        lower += asciiLower(c);
    for (std::string_view none : {"<noinput>", "<no input>", "no input", "noinput", "none", "<none>", "n/a", "(none)",
                                  "\xE6\x97\xA0" /* 无 */, "\xE6\x97\xA0\xE8\xBE\x93\xE5\x85\xA5" /* 无输入 */,
                                  "<\xE6\x97\xA0\xE8\xBE\x93\xE5\x85\xA5>" /* <无输入> */,
                                  "\xEF\xBC\x88\xE6\x97\xA0\xEF\xBC\x89" /* （无） */, "(\xE6\x97\xA0)" /* (无) */})
        if (lower == none)
            return {};
    return std::string(t);
}

/** An item's text without a leading "Instruction:" / "指令：" label, on one line. */
std::string cleanItem(std::string_view item)
{
    std::string_view t = trim(item);
    if (const auto l = labelAt(t, 0); l && l->field == Field::Instruction)
        t = trim(t.substr(l->rest));
    // A whole item in bold ("9. **Write a poem.**"), as chat models write lists.
    if (t.size() > 4 && hasAt(t, 0, "**") && hasAt(t, t.size() - 2, "**")
        && t.substr(2, t.size() - 4).find("**") == std::string_view::npos)
        t = trim(t.substr(2, t.size() - 4));
    // Emphasis left over from "**Task 3:** text**".
    while (t.size() >= 2 && hasAt(t, t.size() - 2, "**") && t.find("**") == t.size() - 2)
        t = trim(t.substr(0, t.size() - 2));
    return validUtf8(std::string(t));
}

} // namespace

ParsedList parseNumberedInstructions(std::string_view text, int firstNumber, bool cutOff)
{
    ParsedList out;
    const std::vector<std::string_view> lines = splitLines(text);
    std::string current;
    bool open = true;            // the current item still takes lines
    bool junk = false;           // inside a piece that is not an item
    bool trailing = false;       // something (junk, a stop) came after the last item
    int expected = firstNumber + 1;
    auto close = [&]() {
        std::string item = cleanItem(current);
        if (!item.empty())
            out.items.push_back(std::move(item));
        current.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        auto start = numberedStart(line);
        if (i == 0 && start && start->number == firstNumber) {
            current = std::string(line.substr(start->rest));   // the model repeated the prompt's number
            continue;
        }
        if (i == 0 && !start) {
            current = std::string(line);
            continue;
        }
        if (start) {
            if (start->number != expected) {
                ++out.droppedMalformed;   // renumbered or restarted: the rest is not ours
                trailing = true;
                break;
            }
            close();
            current = std::string(line.substr(start->rest));
            open = true;
            junk = false;
            trailing = false;
            ++expected;
            continue;
        }
        if (isBlank(line) || isSeparator(line)) {
            open = false;
            junk = false;
            continue;
        }
        if (open) {
            const std::string_view t = trim(line);
            if (!trim(current).empty())
                current += ' ';
            current.append(t.data(), t.size());
            continue;
        }
        if (!junk)
            ++out.droppedMalformed;
        junk = true;
        trailing = true;
    }
    if (cutOff && !trailing) {
        if (!cleanItem(current).empty())
            ++out.droppedCutOff;
        current.clear();
    }
    close();
    return out;
}

ParsedList parseChatInstructions(std::string_view text, int firstNumber, bool cutOff)
{
    // The list starts at the first line numbered firstNumber or 1; a preamble before it is not an item.
    const std::vector<std::string_view> lines = splitLines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto start = numberedStart(lines[i]);
        if (!start || (start->number != firstNumber && start->number != 1))
            continue;
        const std::size_t from = std::size_t(lines[i].data() - text.data());
        return parseNumberedInstructions(text.substr(from), start->number, cutOff);
    }
    ParsedList out;
    for (std::string_view line : lines)
        if (!isBlank(line)) {
            out.droppedMalformed = 1;   // an answer without a list
            break;
        }
    return out;
}

bool parseIsClassification(std::string_view answer)
{
    std::string_view t = trim(answer);
    // Leading quotes, emphasis and an "Answer:" / "答：" label.
    for (bool again = true; again;) {
        again = false;
        const std::size_t before = t.size();
        while (!t.empty() && (t.front() == '"' || t.front() == '\'' || t.front() == '*' || t.front() == '`'))
            t.remove_prefix(1);
        for (std::string_view label : {"answer", "\xE7\xAD\x94\xE6\xA1\x88" /* 答案 */,
                                       "\xE5\x9B\x9E\xE7\xAD\x94" /* 回答 */, "\xE7\xAD\x94" /* 答 */}) {
            if (hasWordAt(t, 0, label)) {
                const std::size_t c = colonAt(t, label.size());
                if (c) {
                    t = trim(t.substr(label.size() + c));
                    break;
                }
            }
        }
        again = t.size() != before;
    }
    if (hasWordAt(t, 0, "yes"))
        return t.size() == 3 || !isAsciiAlpha(t[3]);
    return hasAt(t, 0, "\xE6\x98\xAF" /* 是 */) && !hasAt(t, 0, "\xE6\x98\xAF\xE5\x90\xA6" /* 是否 */);
}

std::vector<Instance> parseInputFirstInstances(std::string_view text, bool cutOff)
{
    const std::vector<Segment> segs = segments(text);
    std::vector<Instance> out;
    std::optional<std::string> input;
    std::size_t lastUsed = std::size_t(-1);   // the segment that completed the last instance
    std::size_t end = segs.size();
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const Segment &s = segs[i];
        switch (s.field) {
        case Field::None:   // the prompt ended with "Input:"
        case Field::Input:
            input = s.value;
            break;
        case Field::Output:
            if (!s.value.empty()) {
                out.push_back({normalizeInput(input.value_or(std::string())), s.value});
                lastUsed = i;
            }
            input.reset();
            break;
        case Field::Example:
        case Field::Separator:
        case Field::ClassLabel:
            input.reset();
            break;
        case Field::Task:
        case Field::Instruction:
            end = i;   // the model went on to a new task
            break;
        }
        if (end != segs.size())
            break;
    }
    if (cutOff && !out.empty() && lastUsed + 1 == segs.size())
        out.pop_back();
    return out;
}

std::vector<Instance> parseOutputFirstInstances(std::string_view text, bool cutOff)
{
    const std::vector<Segment> segs = segments(text);
    std::vector<Instance> out;
    std::optional<std::string> label;
    std::string pending;          // text under the label before any "Input:"
    bool hadInput = false;
    bool labelled = false;        // the label came with its "Class label:" (not the prompt's open label)
    bool produced = false;        // the label has given an instance
    std::size_t labelSeg = 0;
    std::size_t lastUsed = std::size_t(-1);
    auto flush = [&](std::size_t) {
        std::string input = hadInput ? std::string() : normalizeInput(pending);
        // A label with no input is a label-only instance (kept, as in the paper), but only under
        // its own label line: an unlabelled leading piece is more likely chatter than a class.
        if (label && !label->empty() && (!input.empty() || (labelled && !produced))) {
            out.push_back({std::move(input), *label});
            lastUsed = labelSeg;
        }
        label.reset();
        pending.clear();
        hadInput = false;
        labelled = false;
        produced = false;
    };
    bool stop = false;
    for (std::size_t i = 0; i < segs.size() && !stop; ++i) {
        const Segment &s = segs[i];
        switch (s.field) {
        case Field::None:       // the prompt ended with "Class label:"
        case Field::ClassLabel:
            flush(i);
            label = s.first;
            pending = s.after;
            labelSeg = i;
            labelled = s.field == Field::ClassLabel;
            break;
        case Field::Input:
            hadInput = true;
            if (label && !label->empty()) {
                const std::string input = normalizeInput(s.value);
                if (!input.empty()) {
                    out.push_back({input, *label});
                    produced = true;
                    lastUsed = i;
                } else if (!produced) {
                    labelSeg = i;   // a label-only instance ends here (for the cut-off check)
                }
            }
            break;
        case Field::Output:
            break;
        case Field::Example:
        case Field::Separator:
            flush(i);
            break;
        case Field::Task:
        case Field::Instruction:
            stop = true;
            break;
        }
        if (stop) {
            flush(i);
            lastUsed = std::size_t(-2);   // whatever came last was complete
        }
    }
    if (!stop)
        flush(segs.size());
    if (cutOff && !out.empty() && lastUsed + 1 == segs.size())
        out.pop_back();
    return out;
}

std::vector<BatchTask> parseBatchTasks(std::string_view text, int firstNumber, bool cutOff)
{
    const std::vector<Segment> segs = segments(text);
    std::vector<BatchTask> out;
    struct Block
    {
        bool active = false;
        int number = -1;
        std::optional<std::string> instruction, input, output;
        std::size_t lastSeg = 0;
    } block;
    int expected = firstNumber;
    bool stopped = false;
    std::size_t lastEmitted = std::size_t(-1);
    auto finish = [&]() {
        std::string instruction = block.instruction ? cleanItem(*block.instruction) : std::string();
        if (block.active && !instruction.empty() && block.output && !block.output->empty()) {
            out.push_back({std::move(instruction),
                           {normalizeInput(block.input.value_or(std::string())), *block.output}});
            lastEmitted = block.lastSeg;
        }
        block = Block();
    };
    auto begin = [&](int number) -> bool {
        finish();
        if (number >= 0 && number != expected)
            return false;
        block.active = true;
        block.number = number >= 0 ? number : expected;
        expected = block.number + 1;
        return true;
    };
    for (std::size_t i = 0; i < segs.size() && !stopped; ++i) {
        const Segment &s = segs[i];
        // "Task N" always opens a block; "N. Input:" and the like when N is not the open block's.
        const bool header = s.field == Field::Task && s.number >= 0;
        const bool numberedField = s.number >= 0 && s.field != Field::Example && s.field != Field::Task;
        if (header || (numberedField && (!block.active || s.number != block.number))) {
            if (!begin(s.number)) {
                stopped = true;
                break;
            }
        }
        switch (s.field) {
        case Field::None:   // the prompt ended with "Instruction:"
            if (!block.active)
                begin(-1);
            block.instruction = s.value;
            break;
        case Field::Task:   // "Task 3" (begun above) or "Task:" (a new block)
            if (s.number < 0)
                begin(-1);
            if (!s.value.empty())
                block.instruction = s.value;
            break;
        case Field::Instruction:
            // A second instruction in one block: the model left out the header.
            if (!block.active || block.instruction)
                begin(-1);
            block.instruction = s.value;
            break;
        case Field::Input:
            if (!block.active)
                begin(-1);
            block.input = s.value;
            break;
        case Field::Output:
            if (!block.active)
                begin(-1);
            block.output = s.value;
            break;
        case Field::Separator:
            finish();
            break;
        case Field::Example:
        case Field::ClassLabel:
            break;
        }
        if (block.active)
            block.lastSeg = i;
    }
    const bool openAtEnd = block.active && !stopped;
    finish();
    if (cutOff && openAtEnd && !out.empty() && lastEmitted + 1 == segs.size())
        out.pop_back();
    return out;
}

} // namespace sft::selfinstruct
