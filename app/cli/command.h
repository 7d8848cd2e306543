#pragma once
// One sftbench-cli subcommand. Each command file (cmd_*.cpp) defines its run
// function; commands.cpp lists them. A command returns the process exit code
// and reports errors by throwing sft::Error (printed by main as one line).

#include <string>
#include <vector>

namespace sft::cli {

using Args = std::vector<std::string>;

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const Args &args);
};

/** Every command compiled into this build. */
const std::vector<Command> &commands();

} // namespace sft::cli
