// placeholder, being written
#include "cli/command.h"
namespace sft::cli {
int runInitModel(const Args &) { return 1; }
int runGenerate(const Args &) { return 1; }
int runLogprobs(const Args &) { return 1; }
}
