#!/usr/bin/env bash
# Takes the README's screenshots again: every tab, in English and Simplified
# Chinese, from the real application under Xvfb on a fresh demo workspace
# (the Prompt, In-context and Training tabs run the demo model first, so this
# takes a few minutes). Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=${2:-resources/screenshots}
mkdir -p "$OUT"
for lang in en zh_CN; do
  # One fresh home per language: the demo workspace, its demo model and one finished training run.
  home=$(mktemp -d)
  for tab in curation quality prompt icl training; do
    args=(--demo --screenshot "$OUT/${tab}_${lang}.png")
    [ "$tab" != curation ] && args+=(--tab "$tab")
    [ "$lang" != en ] && args+=(--lang "$lang")
    HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
      timeout 600 xvfb-run -a -s "-screen 0 1400x900x24" "$BUILD/app/sftbench" "${args[@]}"
    echo "screenshots: $OUT/${tab}_${lang}.png"
  done
  rm -rf "$home"
done
