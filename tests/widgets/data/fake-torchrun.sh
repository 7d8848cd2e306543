#!/bin/sh
# A fake `torchrun` for tests/widgets/training/test_trainingparallel.cpp: it
# writes its environment (`env`) to $FAKE_TORCHRUN_ARGS.env and then its
# arguments, one a line, to $FAKE_TORCHRUN_ARGS, each atomically (a temporary
# file renamed), so a test that sees the arguments sees both whole. With
# $FAKE_TORCHRUN_GATE set it then says so on stderr and waits until that file
# exists, as the real launcher takes a while before its ranks run (rank 0 has
# not written worker.pid yet). Then it writes the run folder's launch.json as
# rank 0 of a torchrun start on one machine would (world size =
# --nproc_per_node) and runs the program after --no_python with the arguments
# after it (the fake worker: one process stands for every rank), and exits when
# it does. Its own command line holds the worker's name and the run folder, as
# the real launcher's does.
env > "$FAKE_TORCHRUN_ARGS.env.$$" && mv "$FAKE_TORCHRUN_ARGS.env.$$" "$FAKE_TORCHRUN_ARGS.env"
printf '%s\n' "$@" > "$FAKE_TORCHRUN_ARGS.$$" && mv "$FAKE_TORCHRUN_ARGS.$$" "$FAKE_TORCHRUN_ARGS"
if [ -n "$FAKE_TORCHRUN_GATE" ]; then
  echo "fake torchrun: waiting for $FAKE_TORCHRUN_GATE" >&2
  while [ ! -e "$FAKE_TORCHRUN_GATE" ]; do sleep 0.05; done
fi
nproc=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nproc_per_node) nproc=$2; shift 2 ;;
    --no_python) shift; break ;;
    *) shift ;;
  esac
done
worker=$1
shift
dir=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--run-dir" ]; then dir=$a; fi
  prev=$a
done
printf '{"world_size":%d,"nodes":1,"processes_per_node":%d,"launcher":"torchrun","backend":"gloo"}\n' \
  "$nproc" "$nproc" > "$dir/launch.json"
"$worker" "$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null' TERM INT
wait $child
wait $child
