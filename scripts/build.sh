#!/usr/bin/env bash
# Configures and builds SFT Workbench into build/ with Ninja.
# Extra arguments go to CMake, e.g. -DCMAKE_PREFIX_PATH=/opt/libtorch for a CUDA LibTorch.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "$@"
cmake --build "$BUILD_DIR" -j "$(nproc)"
