#!/usr/bin/env bash
# GGUF export benchmark: `sftbench-cli export-gguf --model` of the ~100M-parameter demo
# LLaMA (fp32 safetensors) to every weight type, each timed by /usr/bin/time. Prints a
# Markdown table: file size, wall time, peak RSS (which includes the memory-mapped
# source pages: file-backed, the exporter itself holds one tensor at a time). See README.md.
#
#   bash bench/gguf/run_bench.sh [BUILD_DIR]        (default: build)
#
# Environment: WORK (scratch folder, default /tmp/sftbench-gguf-bench), PRESET (small100m;
# "tiny" for a quick check of the script), TYPES ("f32 f16 bf16 q8_0"). Nothing is written
# into the repository.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/../bench_lib.sh"
bench_init "${1:-build}"
WORK=${WORK:-/tmp/sftbench-gguf-bench}
PRESET=${PRESET:-small100m}
TYPES=${TYPES:-"f32 f16 bf16 q8_0"}
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time not found (Debian package time)" >&2; exit 1; }

mkdir -p "$WORK"
MODEL=$WORK/model-$PRESET
bench_model "$PRESET" "$MODEL"
SOURCE=$(du -b "$MODEL/model.safetensors" | cut -f1)

echo "| type | file (MB) | wall (s) | peak RSS (MB) |"
echo "|---|---|---|---|"
for type in $TYPES; do
  out=$WORK/model-$type.gguf
  /usr/bin/time -f "%e %M" -o "$WORK/time-$type.txt" \
    "$CLI" export-gguf --model "$MODEL" --out "$out" --type "$type" > "$WORK/export-$type.log"
  read -r wall rss < "$WORK/time-$type.txt"
  size=$(du -b "$out" | cut -f1)
  awk -v t="$type" -v s="$size" -v w="$wall" -v r="$rss" \
    'BEGIN { printf "| %s | %.1f | %.2f | %.0f |\n", t, s / 1e6, w, r / 1024 }'
  rm -f "$out"
done
awk -v s="$SOURCE" 'BEGIN { printf "\nsource model.safetensors: %.1f MB (fp32)\n", s / 1e6 }'
echo "machine load (1, 5, 15 min): $(load)"
