#pragma once
// Small helpers several test executables share (header-only, on every test's
// include path through sft_add_test).

#include <QString>
#include <QtGlobal>

namespace sfttest {

/** The worker under test: this build's sftbench-cli, or another one named by $SFTBENCH_CLI. */
inline QString cliPath()
{
    return qEnvironmentVariable("SFTBENCH_CLI", QStringLiteral(SFT_BINARY_DIR "/app/sftbench-cli"));
}

} // namespace sfttest
