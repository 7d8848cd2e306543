#!/usr/bin/env bash
# Data-parallel training benchmark: the same fine-tuning run (LoRA and full, the
# ~100M-parameter demo LLaMA, CPU fp32, batch 4 x 256 with packing) as one process
# with 2 threads and as 2 Gloo ranks with 1 thread each (torchrun, or RANK /
# WORLD_SIZE / ... set by hand when torchrun is missing). Prints a Markdown table:
# step time, tokens/s, peak RSS per rank, the bytes all-reduced per step, and how
# far the two layouts' losses and gradient norms are apart. See README.md.
#
#   bash bench/distributed/run_bench.sh [BUILD_DIR]        (default: build)
#
# Environment: WORK (scratch folder, default /tmp/sftbench-dist-bench), STEPS (8),
# WARMUP (2: steps left out of the medians), METHODS ("lora full"), PRESET
# (small100m; "tiny" for a quick check of the script), LAUNCHER (auto: torchrun when
# it is on PATH, else by hand; "torchrun" or "env" to force one), LAYOUTS ("1x2 1x2d 2x1":
# one process with SFTBENCH_THREADS=2, one with the worker's own thread policy
# (SFTBENCH_THREADS unset: 1 LibTorch thread for fp32 on the CPU), two ranks).
# Nothing is written into the repository.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
. "$HERE/../bench_lib.sh"
bench_init "${1:-build}"
WORK=${WORK:-/tmp/sftbench-dist-bench}
STEPS=${STEPS:-8}
WARMUP=${WARMUP:-2}
METHODS=${METHODS:-"lora full"}
PRESET=${PRESET:-small100m}
LAUNCHER=${LAUNCHER:-auto}
LAYOUTS=${LAYOUTS:-"1x2 1x2d 2x1"}
BATCH=4
SEQ=256
DEMO=$REPO/resources/demo/demo_dataset.json

[ -x "$PY" ] || { echo "error: $PY not found" >&2; exit 1; }
if [ "$LAUNCHER" = auto ]; then
  if command -v torchrun > /dev/null; then LAUNCHER="torchrun"; else LAUNCHER="env"; fi
fi
if [ "$LAUNCHER" = torchrun ]; then
  TORCHRUN=$(command -v torchrun) || { echo "error: torchrun not on PATH (LAUNCHER=env starts the ranks by hand)" >&2; exit 1; }
fi
mkdir -p "$WORK"
MODEL=$WORK/model-$PRESET
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

# (a) the model, once: random weights (the speed does not depend on them); its tokenizer
# is trained on the demo dataset.
bench_model "$PRESET" "$MODEL"

# (b) long records from resources/demo/demo_dataset.json (34 Alpaca-style records and 4
# conversations; only the former are used): record i keeps the instruction and input of
# demo record i mod 34 and joins the outputs of demo records i, i+1, ... (cyclically)
# until the output holds at least 2,500 characters. 64 records, every one longer than
# max_length 256 (the plan's "truncated" counts them), so with packing every row is one
# 256-token example and every step computes a full [4, 256] batch: the step event's
# "tokens" is 1,024 on every step. The packer never splits an example, so the demo's
# short records alone would leave rows part-empty.
mkdir -p "$WORK/data"
"$PY" - "$DEMO" "$WORK/data/train.jsonl" <<'EOF'
import json, sys
demo = [r for r in json.load(open(sys.argv[1], encoding="utf-8")) if "output" in r]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(64):
        outputs, j = [], i
        while len("\n\n".join(outputs)) < 2500:
            outputs.append(demo[j % len(demo)]["output"])
            j += 1
        first = demo[i % len(demo)]
        f.write(json.dumps({"instruction": first["instruction"], "input": first["input"],
                            "output": "\n\n".join(outputs)}, ensure_ascii=False) + "\n")
EOF

# (c) one run per method and layout. The watcher starts the launcher (or the ranks), reads
# every rank's peak RSS (VmHWM) and the ranks' CPU time at each step event from /proc, and
# stops the other ranks when one fails.
for method in $METHODS; do
  for layout in $LAYOUTS; do
    run=$WORK/run-$method-$layout
    log=$WORK/log-$method-$layout
    rm -rf "$run" "$log"
    mkdir -p "$run" "$log"
    bench_config "$run/config.json" "bench-distributed $method" "$method" \
      '{"r": 16, "alpha": 32, "dropout": 0.0, "init": "gaussian",
        "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]}' \
      "$MODEL" "$WORK/data/train.jsonl" "$STEPS" "$BATCH" "$SEQ"
    case $layout in
      1x2)  mode=single; threads=2 ;;
      1x2d) mode=single; threads=default ;;
      2x1)  mode=$LAUNCHER; threads=1 ;;
      *) echo "error: unknown layout $layout (1x2, 1x2d, 2x1)" >&2; exit 1 ;;
    esac
    port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    before=$(load)
    echo "$method $layout ($mode), load $before ..." >&2
    env OMP_NUM_THREADS="${threads/default/2}" OPENBLAS_NUM_THREADS="${threads/default/2}" \
      "$PY" - "$CLI" "$run" "$log" "$mode" "$threads" "$port" "${TORCHRUN:-}" <<'EOF' || {
import json, os, signal, subprocess, sys, time
cli, run, log, mode, threads, port, torchrun = sys.argv[1:]
env = dict(os.environ)
if threads != "default":
    env["SFTBENCH_THREADS"] = threads
else:
    env.pop("SFTBENCH_THREADS", None)
worker = [cli, "train", "--run-dir", run]
procs = []
def start(argv, extra, name):
    e = dict(env, **extra)
    with open(os.path.join(log, name + ".stdout"), "wb") as out, open(os.path.join(log, name + ".stderr"), "wb") as err:
        procs.append(subprocess.Popen(argv, env=e, stdout=out, stderr=err))
t0 = time.monotonic()
if mode == "single":
    start(worker, {}, "worker")
elif mode == "torchrun":
    # The GUI's local command (backend/distributed/launch_script.h); torchrun's own log
    # folder goes under the scratch folder.
    start([torchrun, "--nproc_per_node", "2", "--nnodes", "1", "--master_addr", "127.0.0.1",
           "--master_port", port, "--redirects", "2", "--tee", "2", "--no_python"] + worker + ["--quiet"],
          {"TMPDIR": log}, "torchrun")
else:
    for rank in range(2):
        start(worker + ["--quiet"], {"RANK": str(rank), "WORLD_SIZE": "2", "LOCAL_RANK": str(rank),
                                     "LOCAL_WORLD_SIZE": "2", "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": port},
              f"rank{rank}")
events = os.path.join(run, "events.jsonl")
tick = os.sysconf("SC_CLK_TCK")
peak, cpu_now, cpu_at, pos, buf = {}, {}, {}, 0, b""
def scan():
    """Every worker process of this run (argv = CLI train --run-dir RUN ...): VmHWM and CPU time by rank."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
            if len(argv) < 4 or argv[0] != cli.encode() or argv[1:4] != [b"train", b"--run-dir", run.encode()]:
                continue
            environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
            rank = next((int(v[5:]) for v in environ if v.startswith(b"RANK=")), 0)
            hwm = next(int(l.split()[1]) * 1024 for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:"))
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except (OSError, StopIteration, ValueError):
            continue
        peak[rank] = max(peak.get(rank, 0), hwm)
        cpu_now[(rank, pid)] = (int(fields[11]) + int(fields[12])) / tick
def poll():
    global pos, buf
    try:
        with open(events, "rb") as f:
            f.seek(pos)
            chunk = f.read()
    except FileNotFoundError:
        return
    pos += len(chunk)
    buf += chunk
    *lines, buf = buf.split(b"\n")
    for line in lines:
        e = json.loads(line)
        if e.get("event") == "step":
            cpu_at[e["step"]] = sum(cpu_now.values())
failed = False
while any(p.poll() is None for p in procs):
    scan()
    poll()
    if not failed and any(p.returncode not in (None, 0) for p in procs):
        failed = True   # one rank died: do not leave the other waiting for its collectives
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
    time.sleep(0.05)
poll()
rc = max(p.returncode for p in procs)
json.dump({"rc": rc, "wall_s": time.monotonic() - t0, "peak_rss_by_rank": peak, "cpu_at_step": cpu_at},
          open(os.path.join(log, "watch.json"), "w"))
sys.exit(rc)
EOF
      echo "error: the run failed ($method $layout); logs in $log:" >&2
      tail -n 5 "$log"/*.stderr >&2
      [ -f "$run/events.jsonl" ] && tail -n 3 "$run/events.jsonl" >&2
      exit 1
    }
    "$PY" - "$run" "$log" "$method" "$layout" "$mode" "$WARMUP" "$before" "$(load)" >> "$RESULTS" <<'EOF'
import json, statistics, sys
run, log, method, layout, mode, warmup, load0, load1 = sys.argv[1:]
warmup = int(warmup)
events = [json.loads(l) for l in open(run + "/events.jsonl") if l.strip()]
first = lambda kind: next((e for e in events if e["event"] == kind), {})
steps = {e["step"]: e for e in events if e["event"] == "step"}
if not first("finished"):
    sys.exit(f"{run}: no finished event")
timed = [s for s in sorted(steps) if s > warmup]
if not timed:
    sys.exit("no step events after the warmup in " + run)
# Step time from the elapsed_s differences (rank 0's optimizer steps, nothing else).
el = {s: steps[s]["elapsed_s"] for s in steps}
dts = [el[s] - el[s - 1] for s in timed if s - 1 in el]
watch = json.load(open(log + "/watch.json"))
cpu = {int(k): v for k, v in watch["cpu_at_step"].items()}
cpu_steps = [cpu[s] - cpu[s - 1] for s in timed if s in cpu and s - 1 in cpu]
plan, started = first("plan"), first("started")
print(json.dumps({
    "method": method, "layout": layout, "mode": mode,
    "world_size": started.get("world_size"), "launcher": started.get("launcher"), "backend": plan.get("backend"),
    "step_s": statistics.median(dts),
    "tokens_per_step": statistics.median(steps[s]["tokens"] for s in timed),
    "tokens_per_s": statistics.median(steps[s]["tokens_per_s"] for s in timed),
    "cpu_s_per_step": statistics.median(cpu_steps) if cpu_steps else None,
    "rank0_memory_bytes": max(e["memory_bytes"] for e in steps.values()),
    "peak_rss_by_rank": {int(k): v for k, v in watch["peak_rss_by_rank"].items()},
    "trainable_parameters": plan.get("trainable_parameters"),
    "memory_estimate_bytes": plan.get("memory_estimate_bytes"),
    "gradient_buckets": plan.get("gradient_buckets"),
    "allreduce_bytes_per_step": plan.get("allreduce_bytes_per_step"),
    "step_allreduce_bytes": statistics.median(steps[s]["allreduce_bytes"] for s in timed),
    "rows_per_rank": plan.get("rows_per_rank"), "global_batch_rows": plan.get("global_batch_rows"),
    "truncated": plan.get("truncated"),
    "losses": [steps[s]["loss"] for s in sorted(steps)],
    "grad_norms": [steps[s]["grad_norm"] for s in sorted(steps)],
    "wall_s": watch["wall_s"], "load_before": load0, "load_after": load1}))
EOF
    rm -rf "$run/checkpoints" "$run/final" "$run/adapter"   # the run's outputs: up to 0.5 GB for full
  done
done

# (d) the tables.
"$PY" - "$RESULTS" "$(nproc)" "$BATCH" "$SEQ" "$WARMUP" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
nproc, batch, seq, warmup = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
mb = lambda b: f"{b / 1e6:,.0f}"
print(f"\nnproc {nproc}; batch {batch} x seq {seq} (global), fp32; medians over the steps after step {warmup}; "
      "tok/s = tokens per step / step time (rank 0's elapsed_s differences)\n")
print("| method | layout | launcher | trainable params | step s | tok/s | vs 1×2 | vs 1×default | CPU s/step (all ranks) "
      "| peak RSS MB per rank | all-reduce B/step (plan) | all-reduce B (step event) | buckets |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
names = {"1x2": "1 × 2 threads", "1x2d": "1 × default threads", "2x1": "2 ranks × 1 thread"}
def find(method, layout):
    return next((r for r in rows if r["method"] == method and r["layout"] == layout), None)
def versus(r, layout):
    base = find(r["method"], layout)
    return f"{base['step_s'] / r['step_s']:.2f}×" if base else "–"
for r in rows:
    rss = " / ".join(mb(r["peak_rss_by_rank"][k]) for k in sorted(r["peak_rss_by_rank"], key=int))
    cpu = f"{r['cpu_s_per_step']:.2f}" if r.get("cpu_s_per_step") is not None else "–"
    print(f"| {r['method']} | {names[r['layout']]} | {r['launcher']} | {r['trainable_parameters']:,} | {r['step_s']:.2f} "
          f"| {r['tokens_per_step'] / r['step_s']:,.0f} | {versus(r, '1x2')} | {versus(r, '1x2d')} | {cpu} | {rss} "
          f"| {r['allreduce_bytes_per_step']:,} | {r['step_allreduce_bytes']:,.0f} | {r['gradient_buckets']} |")
print()
lora = next((r for r in rows if r["method"] == "lora" and r["world_size"] == 2), None)
full = next((r for r in rows if r["method"] == "full" and r["world_size"] == 2), None)
if lora and full:
    print(f"All-reduce per step, LoRA / full: {lora['allreduce_bytes_per_step']:,} / {full['allreduce_bytes_per_step']:,} "
          f"B = {100 * lora['allreduce_bytes_per_step'] / full['allreduce_bytes_per_step']:.2f}% (gradient buckets); "
          f"{lora['step_allreduce_bytes']:,.0f} / {full['step_allreduce_bytes']:,.0f} B = "
          f"{100 * lora['step_allreduce_bytes'] / full['step_allreduce_bytes']:.2f}% (step events: + statistics); "
          f"trainable share {100 * lora['trainable_parameters'] / full['trainable_parameters']:.2f}%")
rel = lambda a, b: max(abs(x - y) / max(abs(x), 1e-30) for x, y in zip(a, b))
for method in sorted({r["method"] for r in rows}):
    two = find(method, "2x1")
    for layout in ("1x2", "1x2d"):
        one = find(method, layout)
        if not one or not two:
            continue
        print(f"{method}: step losses {layout} vs 2x1, max relative difference over {len(one['losses'])} steps: "
              f"{rel(one['losses'], two['losses']):.2e} (grad norms {rel(one['grad_norms'], two['grad_norms']):.2e}); "
              f"final loss {one['losses'][-1]:.4f} / {two['losses'][-1]:.4f}")
print("\nEvery run (load average before / after, wall time of the whole run including loading):\n")
print("| method | layout | world size | backend | rows per rank | truncated | wall s | load 1/5/15 min |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['method']} | {r['layout']} | {r['world_size']} | {r['backend']} | {r['rows_per_rank']} | {r['truncated']} "
          f"| {r['wall_s']:.0f} | {r['load_before']} / {r['load_after']} |")
EOF
