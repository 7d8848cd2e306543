#pragma once
// The configuration of a Self-Instruct run (the run folder's config.json):
// the model backend, the seed file, the prompt set, the budgets, the
// similarity threshold, the filter rules and the sampling settings. One
// validator, shared by the worker and the GUI's form: every error is an
// sft::Error whose location names the field ("sampling.temperature"), and
// toJson() writes every field with its default filled in, so the saved
// config says exactly what the run did. The API key is never part of it:
// backend.api_key_env names the environment variable that holds it.

#include "rouge/filters.h"
#include "selfinstruct/prompts.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sft::selfinstruct {

struct BackendConfig
{
    std::string kind = "openai";   ///< "local" (the engine on a model folder) | "openai" (an HTTP endpoint)
    // local
    std::string model;             ///< local: the model folder; openai: the model name sent to the server
    std::string device = "auto";
    std::string dtype = "auto";
    std::string adapter;           ///< local: a fine-tuning run folder applied to the model
    // openai
    std::string baseUrl = "http://127.0.0.1:8080/v1";
    std::string api = "completions";   ///< completions | chat
    std::string apiKeyEnv = "SFTBENCH_API_KEY";
    double timeoutS = 120;
    int concurrency = 4;
    int maxRetries = 5;
};

/**
 * The filter rules of a run without "filters" in its config: the catalogue's
 * defaults, and for English the paper's rule that an instruction must not
 * start with a non-ASCII character (punctuation_start.non_ascii); Chinese
 * instructions start with one, so zh keeps it off.
 */
std::vector<rouge::FilterRule> defaultRunFilters(const std::string &language);

struct SamplingConfig
{
    double temperature = 0.7;
    double topP = 0.5;
    std::int64_t maxTokens = 1024;
};

struct RunConfig
{
    BackendConfig backend;
    std::string seeds = "seeds.jsonl";   ///< relative to the run folder
    std::string language = "en";         ///< en | zh: the prompt set
    std::string mode = "self_instruct";  ///< self_instruct | alpaca
    std::int64_t target = 100;           ///< kept instructions to reach
    std::int64_t maxRequests = 0;        ///< 0 = no budget
    std::int64_t maxTokens = 0;          ///< prompt + completion tokens; 0 = no budget
    double threshold = 0.7;              ///< ROUGE-L F against the pool must stay below it
    std::string tokenizer = "rouge";     ///< rouge | cjk (zh default cjk)
    std::uint64_t seed = 42;
    int seedTasksPerPrompt = 6;
    int generatedTasksPerPrompt = 2;
    int instructionsPerRequest = 8;      ///< = seed + generated tasks per prompt
    SamplingConfig sampling;
    PromptSet prompts;
    std::vector<rouge::FilterRule> filters = defaultRunFilters("en");
    int stopAfterEmptyRequests = 10;     ///< "exhausted" after this many instruction requests in a row gave nothing new; 0 = never
    int classifyPositive = 12;           ///< classification seeds in the classification prompt
    int classifyNegative = 19;           ///< other seeds in it
    int instanceExamples = 3;            ///< seed tasks shown in an instance prompt
    int batchTasks = 20;                 ///< alpaca: tasks in the list a request asks for (examples included)
    int batchExamples = 3;               ///< alpaca: seed tasks that open the list

    /**
     * Reads a config (every field optional) on top of the defaults; the
     * language's prompts and tokenizer are the defaults of "prompts" and
     * "tokenizer". Throws sft::Error located at file and the field.
     */
    static RunConfig fromJson(const nlohmann::json &json, const std::string &file = "config.json");
    nlohmann::json toJson() const;
};

/** The run folder's config.json; throws sft::Error when it is missing or invalid. */
RunConfig readRunConfig(const std::string &runDir);

/**
 * Sets up a run folder from a config file: a new folder (or one without
 * config.json) gets the validated config with defaults filled in, and the
 * seed file copied in as seeds.jsonl when the config names one outside the
 * folder (a relative name is looked up in the run folder, then next to the
 * config file). An existing run with a different config is an error. Returns
 * the config as saved.
 */
RunConfig prepareRunFolder(const std::string &runDir, const std::string &configFile);

} // namespace sft::selfinstruct
