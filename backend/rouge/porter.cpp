// NLTK's Porter stemmer (NLTK_EXTENSIONS mode), written from the algorithm
// description in M. Porter's paper and the documented NLTK deviations. Each
// step keeps NLTK's rule-list semantics: the first rule whose suffix matches
// decides, and a failed condition leaves the word unchanged.

#include "rouge/porter.h"

#include <functional>
#include <vector>

namespace sft::rouge {
namespace {

bool isVowelChar(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/** A consonant is not a vowel, and 'y' is one only at the start or after a vowel. */
bool isConsonant(const std::string &w, std::size_t i)
{
    const char c = w[i];
    if (isVowelChar(c))
        return false;
    if (c == 'y')
        return i == 0 ? true : !isConsonant(w, i - 1);
    return true;
}

/** m in [C](VC){m}[V]: the number of vowel→consonant transitions. */
int measure(const std::string &stem)
{
    int m = 0;
    bool prevVowel = false;
    for (std::size_t i = 0; i < stem.size(); ++i) {
        const bool cons = isConsonant(stem, i);
        if (cons && prevVowel)
            ++m;
        prevVowel = !cons;
    }
    return m;
}

bool positiveMeasure(const std::string &stem) { return measure(stem) > 0; }

bool containsVowel(const std::string &stem)
{
    for (std::size_t i = 0; i < stem.size(); ++i)
        if (!isConsonant(stem, i))
            return true;
    return false;
}

bool endsWith(const std::string &w, std::string_view suffix)
{
    return w.size() >= suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool endsDoubleConsonant(const std::string &w)
{
    return w.size() >= 2 && w[w.size() - 1] == w[w.size() - 2] && isConsonant(w, w.size() - 1);
}

bool endsCvc(const std::string &w)
{
    const std::size_t n = w.size();
    if (n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
        && w[n - 1] != 'w' && w[n - 1] != 'x' && w[n - 1] != 'y')
        return true;
    // NLTK extension: a two-letter vowel-consonant word counts as cvc.
    return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
}

std::string dropSuffix(const std::string &w, std::size_t len) { return w.substr(0, w.size() - len); }

using Condition = std::function<bool(const std::string &stem)>;

struct Rule
{
    std::string_view suffix;   ///< "*d" = ends with a double consonant
    std::string replacement;
    Condition condition;       ///< empty = always
};

std::string applyRules(const std::string &word, const std::vector<Rule> &rules)
{
    for (const Rule &r : rules) {
        if (r.suffix == "*d") {
            if (endsDoubleConsonant(word)) {
                const std::string stem = dropSuffix(word, 2);
                if (!r.condition || r.condition(stem))
                    return stem + r.replacement;
                return word;
            }
            continue;
        }
        if (endsWith(word, r.suffix)) {
            const std::string stem = dropSuffix(word, r.suffix.size());
            if (!r.condition || r.condition(stem))
                return stem + r.replacement;
            return word;
        }
    }
    return word;
}

std::string step1a(const std::string &w)
{
    if (endsWith(w, "ies") && w.size() == 4)
        return dropSuffix(w, 3) + "ie";
    return applyRules(w, {{"sses", "ss", {}}, {"ies", "i", {}}, {"ss", "ss", {}}, {"s", "", {}}});
}

std::string step1b(const std::string &w)
{
    if (endsWith(w, "ied"))
        return dropSuffix(w, 3) + (w.size() == 4 ? "ie" : "i");
    if (endsWith(w, "eed")) {
        const std::string stem = dropSuffix(w, 3);
        return measure(stem) > 0 ? stem + "ee" : w;
    }
    std::string inter;
    bool ok = false;
    for (std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
        if (endsWith(w, suffix)) {
            inter = dropSuffix(w, suffix.size());
            if (containsVowel(inter)) {
                ok = true;
                break;
            }
        }
    }
    if (!ok)
        return w;
    const char last = inter.empty() ? '\0' : inter.back();
    return applyRules(inter, {
        {"at", "ate", {}},
        {"bl", "ble", {}},
        {"iz", "ize", {}},
        {"*d", std::string(1, last), [last](const std::string &) { return last != 'l' && last != 's' && last != 'z'; }},
        {"", "e", [](const std::string &stem) { return measure(stem) == 1 && endsCvc(stem); }},
    });
}

std::string step1c(const std::string &w)
{
    return applyRules(w, {{"y", "i", [](const std::string &stem) {
                               return stem.size() > 1 && isConsonant(stem, stem.size() - 1);
                           }}});
}

std::string step2(const std::string &w)
{
    if (endsWith(w, "alli") && positiveMeasure(dropSuffix(w, 4)))
        return step2(dropSuffix(w, 4) + "al");
    const Condition pm = positiveMeasure;
    const std::vector<Rule> rules = {
        {"ational", "ate", pm}, {"tional", "tion", pm}, {"enci", "ence", pm}, {"anci", "ance", pm},
        {"izer", "ize", pm},    {"bli", "ble", pm},     {"alli", "al", pm},    {"entli", "ent", pm},
        {"eli", "e", pm},       {"ousli", "ous", pm},   {"ization", "ize", pm}, {"ation", "ate", pm},
        {"ator", "ate", pm},    {"alism", "al", pm},    {"iveness", "ive", pm}, {"fulness", "ful", pm},
        {"ousness", "ous", pm}, {"aliti", "al", pm},    {"iviti", "ive", pm},  {"biliti", "ble", pm},
        {"fulli", "ful", pm},
        // NLTK tests the measure of the word minus "ogi" (the stem keeps its "l").
        {"logi", "log", [&w](const std::string &) { return positiveMeasure(dropSuffix(w, 3)); }},
    };
    return applyRules(w, rules);
}

std::string step3(const std::string &w)
{
    const Condition pm = positiveMeasure;
    return applyRules(w, {{"icate", "ic", pm}, {"ative", "", pm}, {"alize", "al", pm}, {"iciti", "ic", pm},
                          {"ical", "ic", pm}, {"ful", "", pm}, {"ness", "", pm}});
}

std::string step4(const std::string &w)
{
    const Condition gt1 = [](const std::string &stem) { return measure(stem) > 1; };
    return applyRules(w, {
        {"al", "", gt1},   {"ance", "", gt1}, {"ence", "", gt1}, {"er", "", gt1},   {"ic", "", gt1},
        {"able", "", gt1}, {"ible", "", gt1}, {"ant", "", gt1},  {"ement", "", gt1}, {"ment", "", gt1},
        {"ent", "", gt1},
        {"ion", "", [](const std::string &stem) {
             return measure(stem) > 1 && (stem.back() == 's' || stem.back() == 't');
         }},
        {"ou", "", gt1},   {"ism", "", gt1},  {"ate", "", gt1},  {"iti", "", gt1},  {"ous", "", gt1},
        {"ive", "", gt1},  {"ize", "", gt1},
    });
}

std::string step5a(const std::string &w)
{
    if (endsWith(w, "e")) {
        const std::string stem = dropSuffix(w, 1);
        const int m = measure(stem);
        if (m > 1)
            return stem;
        if (m == 1 && !endsCvc(stem))
            return stem;
    }
    return w;
}

std::string step5b(const std::string &w)
{
    return applyRules(w, {{"ll", "l", [&w](const std::string &) { return measure(dropSuffix(w, 1)) > 1; }}});
}

/** NLTK_EXTENSIONS irregular forms: word -> stem. */
const char *irregular(std::string_view w)
{
    static const std::pair<std::string_view, const char *> pool[] = {
        {"sky", "sky"},       {"skies", "sky"},     {"dying", "die"},       {"lying", "lie"},
        {"tying", "tie"},     {"news", "news"},     {"innings", "inning"},  {"inning", "inning"},
        {"outings", "outing"}, {"outing", "outing"}, {"cannings", "canning"}, {"canning", "canning"},
        {"howe", "howe"},     {"proceed", "proceed"}, {"exceed", "exceed"}, {"succeed", "succeed"},
    };
    for (const auto &p : pool)
        if (p.first == w)
            return p.second;
    return nullptr;
}

} // namespace

std::string porterStem(std::string_view word)
{
    // NLTK looks the unlowered word up in its pool, then stems the lowercased one.
    if (const char *s = irregular(word))
        return s;
    std::string w(word);
    for (char &c : w)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    if (w.size() <= 2)
        return w;
    w = step1a(w);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = step3(w);
    w = step4(w);
    w = step5a(w);
    w = step5b(w);
    return w;
}

} // namespace sft::rouge
