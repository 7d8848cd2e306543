#pragma once
// Whole-file reads and writes with located errors, for the small text files
// (configs, JSON documents, corpora) the engine and the worker read in one go.

#include <string>

namespace sft {

/** The bytes of path; throws sft::Error(message, {path}) when it cannot be opened. */
std::string readFileText(const std::string &path, const std::string &message = "cannot open file");

/** Replace path with text; throws sft::Error("cannot write", {path}). */
void writeFileText(const std::string &path, const std::string &text);

/**
 * Replace path with text atomically: written to a temporary file next to it,
 * flushed, then renamed over it, so a reader (or a kill) never sees half of
 * it. Throws sft::Error("cannot write", {path}).
 */
void writeFileTextAtomic(const std::string &path, const std::string &text);

/**
 * For a log appended line by line: when a killed writer left a last line
 * without its newline, end it, so the next line starts fresh. Nothing
 * happens to a missing, empty or whole file.
 */
void terminateLastLine(const std::string &path);

} // namespace sft
