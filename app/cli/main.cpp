// sftbench-cli: the headless tool and the training / scoring worker.
// `sftbench-cli COMMAND [options]`; `sftbench-cli help` lists commands.

#include "cli/command.h"
#include "core/error.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#ifdef SFT_HAVE_TORCH
// Only the version macros and the CUDA query: the rest of LibTorch stays out of this file.
#include <torch/cuda.h>
#include <torch/version.h>
#endif

namespace {

void printHelp()
{
    std::cout << "SFT Workbench command-line tool and worker\n"
                 "usage: sftbench-cli COMMAND [options]   (COMMAND --help for its options)\n\n";
    for (const auto &c : sft::cli::commands()) {
        std::string name = c.name;
        name.resize(16, ' ');
        std::cout << "  " << name << c.summary << '\n';
    }
}

/**
 * "sftbench-cli VERSION", then the LibTorch it links ("LibTorch 1.13.0, CPU only") or "LibTorch none"
 * in a build without the engine. The GUI reads the second line for Help > About and --version.
 */
void printVersion()
{
    std::cout << "sftbench-cli " SFTBENCH_VERSION "\n";
#ifdef SFT_HAVE_TORCH
    std::cout << "LibTorch " << TORCH_VERSION_MAJOR << '.' << TORCH_VERSION_MINOR << '.' << TORCH_VERSION_PATCH
              << (torch::cuda::is_available() ? ", CUDA available" : ", CPU only") << '\n';
#else
    std::cout << "LibTorch none\n";
#endif
}

} // namespace

int main(int argc, char **argv)
{
    std::ios::sync_with_stdio(false);
    if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help")) {
        printHelp();
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        printVersion();
        return 0;
    }
    const sft::cli::Args args(argv + 2, argv + argc);
    for (const auto &c : sft::cli::commands()) {
        if (std::strcmp(c.name, argv[1]) != 0)
            continue;
        try {
            return c.run(args);
        } catch (const sft::Error &e) {
            std::cout.flush();
            std::cerr << "error: " << e.what() << '\n';
            return 1;
        } catch (const std::exception &e) {
            std::cout.flush();
            std::cerr << "error: " << e.what() << '\n';
            return 1;
        }
    }
    std::cerr << "error: unknown command \"" << argv[1] << "\" (try sftbench-cli help)\n";
    return 2;
}
