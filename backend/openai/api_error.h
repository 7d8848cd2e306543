#pragma once
// An error as an OpenAI-compatible server reports it: the HTTP status and the
// body {"error": {"message", "type", "param", "code"}}. The request parser
// throws it for a bad field (400 with param = the field), the engine for a
// request the model cannot serve (max_tokens beyond its context), the server
// for a missing key (401) or an oversized body (413). Header-only, so the
// engine side can throw it in builds without the HTTP library.

#include <stdexcept>
#include <string>

namespace sft::openai {

/** A request the server refuses, with everything the JSON error body needs. */
class ApiError : public std::runtime_error
{
public:
    /**
     * status: the HTTP status; type: "invalid_request_error" (4xx),
     * "authentication_error" (401), "server_error" (5xx); param: the request
     * field at fault ("" when none); code: a short machine-readable reason.
     */
    ApiError(int status, std::string message, std::string param = {}, std::string code = {}, std::string type = {})
        : std::runtime_error(message), m_status(status), m_message(std::move(message)), m_param(std::move(param)),
          m_code(std::move(code)),
          m_type(!type.empty() ? std::move(type)
                 : status == 401 ? "authentication_error"
                 : status >= 500 ? "server_error"
                                 : "invalid_request_error")
    {
    }

    int status() const { return m_status; }
    const std::string &message() const { return m_message; }
    const std::string &param() const { return m_param; }
    const std::string &code() const { return m_code; }
    const std::string &type() const { return m_type; }

    /** A 400 "invalid_request_error" about one field. */
    static ApiError badField(const std::string &param, const std::string &message, const std::string &code = "invalid_value")
    {
        return ApiError(400, message, param, code);
    }

private:
    int m_status;
    std::string m_message, m_param, m_code, m_type;
};

} // namespace sft::openai
