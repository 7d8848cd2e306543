#!/usr/bin/env bash
# Set up, build, and run every test (CTest; GUI tests on the offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
# Reference implementations some tests compare against (installed from npm).
for ref in tests/*/setup-reference.sh; do
  [ -x "$ref" ] && "$ref"
done
scripts/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j 2 --timeout 900 "$@"
