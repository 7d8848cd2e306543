#!/usr/bin/env bash
# Training throughput benchmark: LoRA and full fine-tuning of the ~100M-parameter
# demo LLaMA (init-model --preset small100m) on the CPU in fp32, the C++ worker
# (`sftbench-cli train`) beside the same training step in Debian python3-torch
# (bench/train/reference_train.py). Prints a Markdown table; see README.md.
#
#   bash bench/train/run_bench.sh [BUILD_DIR]        (default: build)
#
# Environment: WORK (scratch folder, default /tmp/sftbench-train-bench), DATA
# (default ../shared/data beside the repository), STEPS (10), WARMUP (2: steps
# left out of the medians), PY_THREADS (python thread counts to try, default
# "1 $(nproc)"; the better run is shown), CXX_THREADS ("default": the engine's
# own policy; a list such as "default 2" also runs with SFTBENCH_THREADS=N and
# shows the better run). Nothing is written into the repository.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
. "$HERE/../bench_lib.sh"
bench_init "${1:-build}"
WORK=${WORK:-/tmp/sftbench-train-bench}
DATA=${DATA:-$REPO/../shared/data}
STEPS=${STEPS:-10}
WARMUP=${WARMUP:-2}
BATCH=4
SEQ=256
NPROC=$(nproc)
PY_THREADS=${PY_THREADS:-"1 $NPROC"}
CXX_THREADS=${CXX_THREADS:-default}

[ -f "$DATA/alpaca_en_52k.json" ] || { echo "error: $DATA/alpaca_en_52k.json not found (set DATA)" >&2; exit 1; }
mkdir -p "$WORK"
MODEL=$WORK/model100m
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

# (a) the 100M model, once (random weights; the speed does not depend on them).
bench_model small100m "$MODEL"

# (b) long records from the first 2,000 Alpaca English records: each JSONL record keeps
# one record's instruction and input and joins the outputs of it and the records after
# it until the output has at least 1,500 characters. Every example is then longer than
# max_length 256 and truncated to it (the response is cut), so with packing every row
# is one full 256-token example and every step computes a full [4, 256] batch (the
# worker's "tokens" per step is 1,024). The packer never splits an example, so short
# records would leave rows part-empty.
mkdir -p "$WORK/data"
"$PY" - "$DATA/alpaca_en_52k.json" "$WORK/data/train.jsonl" <<'EOF'
import json, sys
records = json.load(open(sys.argv[1], encoding="utf-8"))[:2000]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    group = []
    for r in records:
        group.append(r)
        output = "\n\n".join(g["output"] for g in group)
        if len(output) >= 1500:
            f.write(json.dumps({"instruction": group[0]["instruction"], "input": group[0]["input"],
                                "output": output}, ensure_ascii=False) + "\n")
            group = []
EOF

worker_failed() {
  echo "error: the worker failed ($1/stderr.log):" >&2
  tail -5 "$1/stderr.log" >&2
  exit 1
}

# (c) the C++ worker, one run directory per method (and thread setting).
for method in lora full; do
  for threads in $CXX_THREADS; do
    run=$WORK/run-$method-$threads
    rm -rf "$run"
    mkdir -p "$run"
    bench_config "$run/config.json" "bench-train $method" "$method" \
      '{"r": 8, "alpha": 16, "dropout": 0.0, "init": "gaussian", "target_modules": ["q_proj", "v_proj"]}' \
      "$MODEL" "$WORK/data/train.jsonl" "$STEPS" "$BATCH" "$SEQ"
    before=$(load)
    env_threads=()
    [ "$threads" = default ] || env_threads=(SFTBENCH_THREADS="$threads")
    echo "C++ $method (threads $threads), load $before ..." >&2
    # The worker runs under a small watcher that reads its CPU time (/proc/PID/stat) whenever
    # a step event appears: CPU seconds per step are less disturbed by other load than wall time.
    env "${env_threads[@]}" "$PY" - "$CLI" "$run" <<'EOF' || worker_failed "$run"
import json, os, resource, subprocess, sys, time
cli, run = sys.argv[1:]
events = os.path.join(run, "events.jsonl")
tick = os.sysconf("SC_CLK_TCK")
t0 = time.monotonic()
with open(os.path.join(run, "stdout.log"), "wb") as out, open(os.path.join(run, "stderr.log"), "wb") as err:
    p = subprocess.Popen([cli, "train", "--run-dir", run], stdout=out, stderr=err)
cpu, pos, buf = {}, 0, b""
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
            try:
                fields = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
                cpu[e["step"]] = (int(fields[11]) + int(fields[12])) / tick
            except OSError:
                pass
while p.poll() is None:
    poll()
    time.sleep(0.02)
poll()
json.dump({"rc": p.returncode, "wall_s": time.monotonic() - t0, "cpu_at_step": cpu,
           "max_rss_bytes": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024},
          open(os.path.join(run, "watch.json"), "w"))
sys.exit(p.returncode)
EOF
    "$PY" - "$run" "$method" "$threads" "$WARMUP" "$BATCH" "$SEQ" "$before" "$(load)" >> "$RESULTS" <<'EOF'
import json, statistics, sys
run, method, threads, warmup, batch, seq, load0, load1 = sys.argv[1:]
warmup, batch, seq = int(warmup), int(batch), int(seq)
events = [json.loads(l) for l in open(run + "/events.jsonl") if l.strip()]
steps = {}
for e in events:
    if e["event"] == "resumed":
        steps = {k: v for k, v in steps.items() if k <= e["step"]}
    elif e["event"] == "step":
        steps[e["step"]] = e
plan = next((e for e in events if e["event"] == "plan"), {})
timed = [steps[s] for s in sorted(steps) if s > warmup]
if not timed:
    sys.exit("no step events after the warmup in " + run)
# Step time from the elapsed_s differences: the tokens the step computes are batch * seq
# (the worker's own "tokens" counts the response tokens the loss is taken over).
el = {s: steps[s]["elapsed_s"] for s in steps}
dts = [el[s] - el[s - 1] for s in sorted(el) if s > warmup and s - 1 in el]
watch = json.load(open(run + "/watch.json"))
cpu = {int(k): v for k, v in watch["cpu_at_step"].items()}
cpu_steps = [cpu[s] - cpu[s - 1] for s in sorted(cpu) if s > warmup and s - 1 in cpu]
print(json.dumps({
    "engine": "cxx", "method": method, "threads": threads,
    "tokens_per_s": statistics.median(e["tokens_per_s"] for e in timed),
    "compute_tokens_per_s": batch * seq / statistics.median(dts) if dts else None,
    "peak_rss_bytes": max(e["memory_bytes"] for e in steps.values()),
    "cpu_s_per_step": statistics.median(cpu_steps) if cpu_steps else None,
    "process_max_rss_bytes": watch["max_rss_bytes"], "wall_s": watch["wall_s"],
    "final_loss": steps[max(steps)]["loss"],
    "tokens_per_step": statistics.median(e["tokens"] for e in timed),
    "target_tokens": int(statistics.median(e.get("target_tokens", 0) for e in timed)),
    "trainable_parameters": plan.get("trainable_parameters"), "train_tokens": plan.get("train_tokens"),
    "steps_per_epoch": plan.get("steps_per_epoch"), "truncated": plan.get("truncated"),
    "load_before": load0, "load_after": load1}))
EOF
    rm -rf "$run/checkpoints" "$run/final" "$run/adapter"   # the run's outputs: up to 1.6 GB for full
  done
done

# (d) the same step in python3-torch, per thread count (loss over all positions), then once
# more with the better thread count and the LM head + loss over as many positions as the
# worker's median response tokens per step (the worker computes logits only there).
for method in lora full; do
  for threads in $PY_THREADS; do
    before=$(load)
    echo "python3-torch $method (threads $threads), load $before ..." >&2
    "$PY" "$HERE/reference_train.py" --model "$MODEL" --method "$method" --batch "$BATCH" --seq "$SEQ" \
      --steps "$STEPS" --warmup "$WARMUP" --threads "$threads" > "$WORK/py-$method-$threads.json"
    "$PY" - "$WORK/py-$method-$threads.json" "$before" "$(load)" >> "$RESULTS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r.update({"engine": "python", "load_before": sys.argv[2], "load_after": sys.argv[3]})
print(json.dumps(r))
EOF
  done
  read -r threads targets < <("$PY" - "$RESULTS" "$method" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
py = max((r for r in rows if r["engine"] == "python" and r["method"] == sys.argv[2]), key=lambda r: r["tokens_per_s"])
cxx = [r for r in rows if r["engine"] == "cxx" and r["method"] == sys.argv[2]]
print(py["threads"], cxx[0]["target_tokens"] if cxx else 0)
EOF
)
  if [ "$targets" -gt 0 ]; then
    before=$(load)
    echo "python3-torch $method (threads $threads, head on $targets positions), load $before ..." >&2
    "$PY" "$HERE/reference_train.py" --model "$MODEL" --method "$method" --batch "$BATCH" --seq "$SEQ" \
      --steps "$STEPS" --warmup "$WARMUP" --threads "$threads" --loss-tokens "$targets" > "$WORK/py-$method-$threads-matched.json"
    "$PY" - "$WORK/py-$method-$threads-matched.json" "$before" "$(load)" >> "$RESULTS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r.update({"engine": "python-matched", "load_before": sys.argv[2], "load_after": sys.argv[3]})
print(json.dumps(r))
EOF
  fi
done

# (e) the table: the better run of each engine and method.
"$PY" - "$RESULTS" "$NPROC" "$BATCH" "$SEQ" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
batch, seq = int(sys.argv[3]), int(sys.argv[4])
def best(engine, method):
    rs = [r for r in rows if r["engine"] == engine and r["method"] == method]
    return max(rs, key=lambda r: r["tokens_per_s"]) if rs else None
mb = lambda b: f"{b / 1e6:,.0f}"
print(f"\nnproc {sys.argv[2]}; batch {batch} x seq {seq}; tok/s = tokens per step / step time, median over the steps after the warmup")
print("python3-torch: loss over all positions (the better of its thread counts); matched: LM head and loss only over as many")
print("positions as the worker's response tokens (what the worker computes)\n")
print("| method | C++ tok/s | C++ peak MB | python3-torch tok/s | python peak MB | ratio | python matched tok/s | ratio matched "
      "| CPU s/step C++ / python / matched |")
print("|---|---|---|---|---|---|---|---|---|")
for m in ("lora", "full"):
    c, p, q = best("cxx", m), best("python", m), best("python-matched", m)
    if not c or not p:
        continue
    ct = c["tokens_per_s"]
    qs = f"{q['tokens_per_s']:,.0f} | {ct / q['tokens_per_s']:.2f}" if q else "– | –"
    cpu = " / ".join(f"{r['cpu_s_per_step']:.2f}" if r and r.get("cpu_s_per_step") else "–" for r in (c, p, q))
    print(f"| {m} | {ct:,.0f} | {mb(c['peak_rss_bytes'])} | {p['tokens_per_s']:,.0f} (threads {p['threads']}) "
          f"| {mb(p['peak_rss_bytes'])} | {ct / p['tokens_per_s']:.2f} | {qs} | {cpu} |")
print("\nEvery run (load average before / after):\n")
print("| engine | method | threads | tokens/step | loss positions | tok/s | CPU s/step | peak MB | final loss | load 1/5/15 min |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    tps = r.get("tokens_per_step", batch * seq)
    pos = r.get("target_tokens") or r.get("loss_tokens")
    print(f"| {r['engine']} | {r['method']} | {r['threads']} | {tps:,.0f} | {pos} | {r['tokens_per_s']:,.0f} "
          f"| {r.get('cpu_s_per_step') or 0:.2f} | {mb(r['peak_rss_bytes'])} | {r['final_loss']:.3f} | {r['load_before']} / {r['load_after']} |")
EOF
