# What the benchmarks that drive sftbench-cli (bench/train, bench/distributed,
# bench/gguf) share; sourced by their run_bench.sh, not run by itself.

# bench_init BUILD_DIR: sets BUILD, CLI (that build's sftbench-cli) and PY (Debian's
# python3), or exits saying what is missing.
bench_init() {
  [ -d "$1" ] || { echo "error: build folder $1 not found (usage: run_bench.sh [BUILD_DIR])" >&2; exit 1; }
  BUILD=$(cd "$1" && pwd)
  CLI=$BUILD/app/sftbench-cli
  PY=/usr/bin/python3
  [ -x "$CLI" ] || { echo "error: $CLI not found (build sftbench-cli first)" >&2; exit 1; }
}

# bench_model PRESET DIR: init-model's PRESET model in DIR, made once (random weights;
# the speed does not depend on them).
bench_model() {
  if [ ! -f "$2/model.safetensors" ]; then
    "$CLI" init-model --preset "$1" --out "$2" >&2
  fi
}

# bench_config OUT NAME METHOD LORA MODEL DATA STEPS BATCH SEQ: a run's config.json at OUT:
# STEPS steps of METHOD (LORA: the "lora" settings as JSON) on MODEL and DATA, BATCH rows
# of SEQ tokens with packing, CPU fp32, a constant learning rate, no eval, no checkpoints.
bench_config() {
  "$PY" - "$@" <<'PYEOF'
import json, sys
out, name, method, lora, model, data, steps, batch, seq = sys.argv[1:]
cfg = {"name": name, "base_model": model, "train_data": data,
       "eval_fraction": 0, "prompt_format": "alpaca", "max_length": int(seq), "packing": True,
       "method": method,
       "lora": json.loads(lora),
       "max_steps": int(steps), "batch_size": int(batch), "grad_accumulation": 1,
       "learning_rate": 2e-4, "schedule": "constant", "warmup_steps": 0,
       "weight_decay": 0.0, "adam_beta1": 0.9, "adam_beta2": 0.999, "adam_epsilon": 1e-8, "max_grad_norm": 1.0,
       "device": "cpu", "precision": "fp32", "gradient_checkpointing": False,
       "log_every": 1, "eval_every": 0, "save_every": 0, "keep_checkpoints": 1, "seed": 42}
json.dump(cfg, open(out, "w"), indent=2)
PYEOF
}

# load: the load averages over 1, 5 and 15 minutes.
load() { cut -d' ' -f1-3 /proc/loadavg; }
