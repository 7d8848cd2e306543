#pragma once
// Checked access to fields of a hostile JSON document (tokenizer.json,
// tokenizer_config.json): every read checks the type and names the JSON path
// of a bad field in the sft::Error, e.g. `model.merges[17]`.

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace sft::tok {

/** A JSON value together with its path in the document, for error messages. */
class JsonField
{
public:
    JsonField(const nlohmann::json &value, std::string path, const std::string *file)
        : m_value(&value), m_path(std::move(path)), m_file(file) {}

    const nlohmann::json &value() const { return *m_value; }
    const std::string &path() const { return m_path; }

    [[noreturn]] void fail(const std::string &message) const
    {
        Error::Location where;
        where.file = m_file ? *m_file : std::string();
        where.field = m_path;
        throw Error(message, where);
    }

    bool isNull() const { return m_value->is_null(); }
    bool has(const char *key) const { return m_value->is_object() && m_value->contains(key); }
    /** has(key) and the value there is not null. */
    bool hasValue(const char *key) const { return has(key) && !(*m_value)[key].is_null(); }

    JsonField object() const
    {
        if (!m_value->is_object())
            fail("expected a JSON object, got " + std::string(m_value->type_name()));
        return *this;
    }
    JsonField array() const
    {
        if (!m_value->is_array())
            fail("expected a JSON array, got " + std::string(m_value->type_name()));
        return *this;
    }
    std::size_t size() const { return array().m_value->size(); }

    JsonField operator[](const char *key) const
    {
        object();
        auto it = m_value->find(key);
        const std::string sub = m_path.empty() ? std::string(key) : m_path + "." + key;
        if (it == m_value->end())
            JsonField(*m_value, sub, m_file).fail("missing required field");
        return JsonField(*it, sub, m_file);
    }
    JsonField operator[](std::size_t i) const
    {
        array();
        if (i >= m_value->size())
            fail("index out of range");
        return JsonField((*m_value)[i], m_path + "[" + std::to_string(i) + "]", m_file);
    }

    std::string str() const
    {
        if (!m_value->is_string())
            fail("expected a string, got " + std::string(m_value->type_name()));
        return m_value->get<std::string>();
    }
    bool boolean() const
    {
        if (!m_value->is_boolean())
            fail("expected true or false, got " + std::string(m_value->type_name()));
        return m_value->get<bool>();
    }
    /** An integer in [lo, hi]. */
    std::int64_t integer(std::int64_t lo, std::int64_t hi) const
    {
        std::int64_t v = 0;
        if (m_value->is_number_unsigned()) {
            const auto u = m_value->get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(INT64_MAX))
                fail("integer out of range");
            v = static_cast<std::int64_t>(u);
        } else if (m_value->is_number_integer()) {
            v = m_value->get<std::int64_t>();
        } else {
            fail("expected an integer, got " + std::string(m_value->type_name()));
        }
        if (v < lo || v > hi)
            fail("integer " + std::to_string(v) + " out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return v;
    }

    /** Optional typed fields: the default when absent or null. */
    bool optBool(const char *key, bool def) const { return hasValue(key) ? (*this)[key].boolean() : def; }
    std::string optStr(const char *key, const std::string &def) const { return hasValue(key) ? (*this)[key].str() : def; }

private:
    const nlohmann::json *m_value;
    std::string m_path;
    const std::string *m_file;
};

} // namespace sft::tok
