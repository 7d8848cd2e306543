#pragma once
// Field readers shared by the config.json parsers of each architecture
// (model_config.cpp, model_config_bloom.cpp): every error names the file and
// the field. Internal to sft_model_config.

#include "model/model_config.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sft::model::detail {

using nlohmann::json;

[[noreturn]] inline void fail(const std::string &file, const std::string &field, const std::string &msg)
{
    Error::Location where;
    where.file = file;
    where.field = field;
    throw Error(msg, where);
}

/** The value at key when present and not null. */
inline const json *get(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

inline std::int64_t intField(const json &j, const char *key, const std::string &file, bool required,
                      std::int64_t fallback, std::int64_t minimum = 1)
{
    const json *v = get(j, key);
    if (!v) {
        if (required)
            fail(file, key, "missing required field");
        return fallback;
    }
    if (!v->is_number_integer())
        fail(file, key, "must be an integer, got " + v->dump());
    const auto n = v->get<std::int64_t>();
    if (n < minimum)
        fail(file, key, "must be at least " + std::to_string(minimum) + ", got " + std::to_string(n));
    return n;
}

inline double numberField(const json &j, const char *key, const std::string &file, bool required, double fallback)
{
    const json *v = get(j, key);
    if (!v) {
        if (required)
            fail(file, key, "missing required field");
        return fallback;
    }
    if (!v->is_number())
        fail(file, key, "must be a number, got " + v->dump());
    return v->get<double>();
}

inline bool boolField(const json &j, const char *key, const std::string &file, bool fallback)
{
    const json *v = get(j, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        fail(file, key, "must be true or false, got " + v->dump());
    return v->get<bool>();
}

inline std::string parseDtype(const json &j, const std::string &file)
{
    const char *key = get(j, "dtype") ? "dtype" : "torch_dtype";
    const json *v = get(j, key);
    if (!v)
        return "float32";
    if (!v->is_string())
        fail(file, key, "must be a string");
    const std::string s = v->get<std::string>();
    if (s == "float32" || s == "float" || s == "auto")
        return "float32";
    if (s == "bfloat16")
        return "bfloat16";
    if (s == "float16" || s == "half")
        return "float16";
    fail(file, key, "unsupported dtype \"" + s + "\" (float32, bfloat16, float16)");
}

/** BLOOM's config.json (model_config_bloom.cpp). */
ModelConfig bloomFromJson(const json &j, const std::string &file);
json bloomToJson(const ModelConfig &c);
std::int64_t bloomParameterCount(const ModelConfig &c);

} // namespace sft::model::detail
