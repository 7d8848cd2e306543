#!/bin/sh
# Installs the GGUF reference (node-llama-cpp 3.21.1 with its prebuilt CPU
# llama.cpp for linux-x64, and @huggingface/gguf) into tests/gguf/npm/node_modules
# from the committed package-lock.json. Optional packages (the CUDA, Vulkan and
# other platforms' binaries) are left out, install scripts are not run and
# node-llama-cpp is told never to download or build llama.cpp. The project's
# test command runs this before ctest; without node/npm (or offline) the
# llama.cpp test QSKIPs (and fails when $CI is set).
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1; then
    echo "setup-reference: npm not found; the llama.cpp GGUF test will be skipped" >&2
    exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "setup-reference: node-llama-cpp's pinned prebuilt binary is linux-x64 only; the llama.cpp GGUF test will be skipped" >&2
    exit 0
fi
if [ -f "$here/npm/node_modules/node-llama-cpp/package.json" ] &&
   [ -d "$here/npm/node_modules/@node-llama-cpp/linux-x64/bins" ] &&
   cmp -s "$here/npm/package-lock.json" "$here/npm/node_modules/.sftbench-lock" 2>/dev/null; then
    exit 0   # already installed from this lock file
fi
if NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm ci --prefix "$here/npm" --omit=optional --ignore-scripts \
       --no-audit --no-fund --loglevel=error; then
    cp "$here/npm/package-lock.json" "$here/npm/node_modules/.sftbench-lock"
else
    echo "setup-reference: npm ci failed; the llama.cpp GGUF test will be skipped" >&2
fi
exit 0
