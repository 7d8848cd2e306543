#!/usr/bin/env bash
# Builds SFT Workbench (scripts/build.sh) and packs the install into a Debian package with CPack:
# build/sftbench_<version>_<arch>.deb, binaries stripped, Depends from dpkg-shlibdeps plus what is
# loaded at run time (SQLite driver, Qt platform plugins, OpenBLAS, a CJK font). Prints its path
# (alone on stdout; the build and cpack log go to stderr).
# Install it with: sudo apt install ./build/sftbench_*.deb
# Extra arguments go to CMake, as with build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
scripts/build.sh "$@" >&2
rm -f "$BUILD_DIR"/sftbench_*.deb
(cd "$BUILD_DIR" && cpack -G DEB --config CPackConfig.cmake >&2)
deb=$(ls "$BUILD_DIR"/sftbench_*.deb)
echo "$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
