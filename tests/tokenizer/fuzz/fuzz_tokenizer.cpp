// libFuzzer target: the input is split at the first NUL byte into a
// tokenizer.json document and a text. Loading must either succeed or throw
// sft::Error; a loaded tokenizer must encode the text (or refuse invalid UTF-8
// with sft::Error) and decode the ids without crashing. The second half also
// runs through a fixed small byte-level tokenizer so text-side paths (regex
// matcher, NFC, added tokens) get fuzzed even when the JSON half is broken.

#include "core/error.h"
#include "tokenizer/tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const char *const kSeedJson = R"({"added_tokens":[{"id":6,"content":"<|x|>","special":true,"normalized":false},
{"id":7,"content":" y","special":false,"normalized":true,"lstrip":true,"rstrip":true,"single_word":true}],
"normalizer":{"type":"NFC"},
"pre_tokenizer":{"type":"Sequence","pretokenizers":[{"type":"Split","pattern":{"Regex":"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},"behavior":"Isolated","invert":false},{"type":"ByteLevel","add_prefix_space":false,"use_regex":false}]},
"decoder":{"type":"ByteLevel"},
"model":{"type":"BPE","ignore_merges":true,"vocab":{"a":0,"b":1,"ab":2,"Ġ":3,"Ġab":4,"c":5},"merges":["a b","Ġ ab"]}})";

const sft::Tokenizer &fixed()
{
    static const sft::Tokenizer t = sft::Tokenizer::fromJson(kSeedJson, "seed");
    return t;
}

void exercise(const sft::Tokenizer &t, const std::string &text)
{
    try {
        const auto ids = t.encode(text, false);
        t.decode(ids, true);
        t.decode(ids, false);
        t.encode(text, true);
    } catch (const sft::Error &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string json = input.substr(0, nul);
    const std::string text = nul == std::string::npos ? std::string() : input.substr(nul + 1);
    exercise(fixed(), text.empty() ? json : text);
    try {
        const sft::Tokenizer t = sft::Tokenizer::fromJson(json, "fuzz");
        exercise(t, text);
    } catch (const sft::Error &) {
    }
    return 0;
}
