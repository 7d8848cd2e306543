#pragma once
// File helpers the trainer and the run loader share (run_model.cpp).

#include <filesystem>
#include <string>

namespace sft::finetune {

/** p relative to runDir unless absolute. */
std::filesystem::path resolve(const std::filesystem::path &runDir, const std::string &p);

/** Copy the model files other than weights and config (tokenizer, generation config) from one folder to another. */
void copyTokenizerFiles(const std::filesystem::path &from, const std::filesystem::path &to);

} // namespace sft::finetune
