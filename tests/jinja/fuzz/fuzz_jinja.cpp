// libFuzzer target for the Jinja interpreter: the input is a template (from
// a downloaded model folder, so hostile). Parsing must succeed or throw
// sft::Error; a parsed template renders a fixed conversation with small
// limits and must produce text or throw sft::Error: no crash, no hang, no
// unbounded memory.

#include "core/error.h"
#include "jinja/template.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const nlohmann::ordered_json &variables()
{
    static const nlohmann::ordered_json v = nlohmann::ordered_json::parse(R"({
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi \"there\" {{x}}"},
                     {"role": "assistant", "content": "<think>\nhm\n</think>\n\nHello!"}, {"role": "user", "content": "你好"}],
        "tools": null, "documents": null, "add_generation_prompt": true,
        "bos_token": "<s>", "eos_token": "</s>", "nested": {"a": [1, 2.5, true, null, {"b": "c"}]}})");
    return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string source(reinterpret_cast<const char *>(data), size);
    sft::jinja::RenderLimits limits;
    limits.maxSteps = 200000;
    limits.maxOutputBytes = 1 << 20;
    try {
        const sft::jinja::Template t = sft::jinja::Template::parse(source, "fuzz");
        const std::string out = t.renderOrdered(variables(), limits);
        if (out.size() > limits.maxOutputBytes)
            __builtin_trap();
    } catch (const sft::Error &) {
    }
    return 0;
}
