#pragma once
// What the model benchmarks share: the process's peak RSS and their
// "--name value" option parsing over a map of defaults.

#include <sys/resource.h>

#include <cstring>
#include <iostream>
#include <map>
#include <string>

namespace sftbench {

/** Peak resident set size of this process so far, in MB (a high-water mark: it never goes down). */
inline double peakRssMb()
{
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

/** Overwrite the defaults in options with argv's "--name value" pairs; false (after saying which) on an unknown name. */
inline bool parseOptions(int argc, char **argv, std::map<std::string, std::string> &options)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strncmp(argv[i], "--", 2) != 0 || !options.count(argv[i] + 2)) {
            std::cerr << "unknown option " << argv[i] << '\n';
            return false;
        }
        options[argv[i] + 2] = argv[i + 1];
    }
    return true;
}

} // namespace sftbench
