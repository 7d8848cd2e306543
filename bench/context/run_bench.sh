#!/bin/sh
# Run bench_context once per length, each in a fresh process, so the peak RSS
# each line reports is that length's alone. Arguments: the lengths, then any
# bench_context options, e.g.
#   bench/context/run_bench.sh 1024,2048,4096 --preset small100m --windows 5
# BENCH_CONTEXT names the binary (default: build/bench/context/bench_context).
set -eu
bin=${BENCH_CONTEXT:-build/bench/context/bench_context}
lengths=$1
shift
for length in $(echo "$lengths" | tr ',' ' '); do
    "$bin" --lengths "$length" "$@"
done
