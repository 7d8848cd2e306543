"""Steps 3 and 4 of scripts/gpu-check.sh (imported by run_check.py): training speed of the worker
(LoRA and full fine-tuning, with profile events), the same steps in Python (transformers + peft, or
bench/train/reference_train.py where transformers is missing), gradient checkpointing on vs off and
the kernels timed alone.

They are separate steps of the check, most important first (a step that would start after the
deadline is skipped): speed_setup, speed_lora (the worker), python_lora (transformers + peft),
speed_full, python_full, checkpointing, kernels.

Step layout of a speed run (max_steps = 1 + P + (W - 1) + T): step 1 warms up the allocator and the
kernels, steps 2..P+1 are profiled (`train --profile-steps P`: a device synchronize at each phase
boundary, so they are slower), W - 1 more warm-up steps follow, the last T steps are timed. The
worker's speed runs use `train --no-save`: no checkpoint, no final/ or adapter/ (a 1B model's
outputs are GBs and their writing is no part of the speed).
"""
import json
import math
import os
import shutil
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402

# Per device: preset, seq, batch, warm-up W, profiled P, timed T, precision, kernel dtype, and the time
# limit of each command (init-model, train, hf_train.py, kernels.py): on CUDA each takes well under a
# minute, and one GPU command of the whole check is stopped at 600 s.
SETTINGS = {
    "cuda": {"preset": "llama1b", "seq": 2048, "batch": 4, "warmup": 3, "profiled": 2, "timed": 5,
             "precision": "bf16-autocast", "kernel_dtype": "bf16", "timeout": 200},
    "cpu": {"preset": "tiny", "seq": 128, "batch": 2, "warmup": 1, "profiled": 1, "timed": 2,
            "precision": "fp32", "kernel_dtype": "fp32", "timeout": 300},
}
LORA = {"r": 16, "alpha": 32.0, "dropout": 0.0, "init": "gaussian", "target_modules": util.LORA_TARGETS}
PHASES = ("data_s", "forward_s", "backward_s", "optimizer_s")
# The profiled phases must add up to the step's total_s within 5% of it or 2 ms, whichever is larger.
PROFILE_TOLERANCE = (0.05, 0.002)


def total_steps(s):
    return 1 + s["profiled"] + (s["warmup"] - 1) + s["timed"]


def train_config(name, model, data, method, seq, batch, steps, device, precision, lr=2e-4, lora=None,
                 gradient_checkpointing=False, train_on_prompt=True):
    """A run folder's config.json: packing, a constant learning rate, no eval, no checkpoints."""
    cfg = {"name": name, "base_model": os.path.abspath(model), "train_data": os.path.abspath(data),
           "eval_fraction": 0, "prompt_format": "alpaca", "max_length": seq, "packing": True,
           "train_on_prompt": train_on_prompt, "method": method, "max_steps": steps, "batch_size": batch,
           "grad_accumulation": 1, "learning_rate": lr, "schedule": "constant", "warmup_steps": 0,
           "weight_decay": 0.0, "adam_beta1": 0.9, "adam_beta2": 0.999, "adam_epsilon": 1e-8,
           "max_grad_norm": 1.0, "device": device, "precision": precision,
           "gradient_checkpointing": gradient_checkpointing, "log_every": 1, "eval_every": 0,
           "save_every": 0, "keep_checkpoints": 1, "seed": 42}
    if method == "lora":
        cfg["lora"] = dict(lora or LORA)
    return cfg


def train(ctx, run_dir, cfg, profile_steps=0, timeout=300, no_save=False):
    """Runs `sftbench-cli train` in a fresh run_dir; returns its events (StepFailed on failure).
    no_save: `train --no-save` (speed runs: no checkpoint, no final/ or adapter/)."""
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    with open(os.path.join(run_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)
    cmd = [ctx.worker, "train", "--run-dir", run_dir, "--quiet"]
    if profile_steps:
        cmd += ["--profile-steps", str(profile_steps)]
    if no_save:
        cmd.append("--no-save")
    rc, out, err, seconds = util.run(cmd, timeout, ctx.log)
    events = util.read_events(run_dir)
    if rc != 0:
        failed = [e.get("reason") for e in events if e.get("event") == "failed"]
        tail = failed[-1] if failed else "\n".join(err.strip().splitlines()[-4:])
        raise util.StepFailed(f"train {os.path.basename(run_dir)} exit {rc}: {tail}")
    return events, seconds


def summarize(events, model_cfg, method, s, device, seconds):
    """tokens/s (median of the timed steps), FLOPs, memory and profile phases of one worker run."""
    steps = {e["step"]: e for e in events if e.get("event") == "step"}
    plan = next((e for e in events if e.get("event") == "plan"), {})
    n = total_steps(s)
    timed = [steps[k] for k in sorted(steps) if k > n - s["timed"]]
    profiles = [e for e in events if e.get("event") == "profile"]
    tps = util.median(e.get("tokens_per_s") for e in timed)
    trainable = plan.get("trainable_parameters", 0) if method == "lora" else 0
    fpt = util.flops_per_token(model_cfg, method, s["seq"], trainable)
    out = {
        "method": method, "steps": len(steps), "timed_steps": [e["step"] for e in timed],
        "tokens_per_step": [e.get("tokens") for e in timed], "expected_tokens_per_step": s["batch"] * s["seq"],
        "tokens_per_s": tps, "tokens_per_s_all": [round(steps[k].get("tokens_per_s", 0), 1) for k in sorted(steps)],
        "losses": [steps[k].get("loss") for k in sorted(steps)],
        "flops_per_token": fpt, "matmul_parameters": util.matmul_parameters(model_cfg),
        "trainable_parameters": plan.get("trainable_parameters"), "total_parameters": plan.get("total_parameters"),
        "memory_estimate_bytes": plan.get("memory_estimate_bytes"),
        "peak_rss_bytes": max((e.get("memory_bytes") or 0 for e in steps.values()), default=None),
        "cuda_memory_bytes": max((e["cuda_memory_bytes"] for e in steps.values() if "cuda_memory_bytes" in e),
                                 default=None),
        "cuda_reserved_bytes": max((e["cuda_reserved_bytes"] for e in steps.values() if "cuda_reserved_bytes" in e),
                                   default=None),
        "finished": next((e for e in events if e.get("event") == "finished"), None),
        "profile": profiles,
        "profile_median_s": {k: util.median(p.get(k) for p in profiles) for k in PHASES + ("total_s",)}
        if profiles else None,
        "wall_s": seconds,
    }
    if tps:
        out["achieved_flops"] = tps * fpt
        if device == "cuda":
            out["mfu"] = tps * fpt / util.PEAK_FLOPS
            out["mfu_datasheet"] = tps * fpt / util.DATASHEET_PEAK_FLOPS
        else:
            out["gflops_per_s"] = tps * fpt / 1e9
    return out


def profile_complete(p):
    """A profile event with every phase a number >= 0 whose sum matches total_s (see PROFILE_TOLERANCE)."""
    if not all(isinstance(p.get(k), (int, float)) and p[k] >= 0 for k in PHASES + ("total_s",)):
        return False
    slack = max(PROFILE_TOLERANCE[0] * p["total_s"], PROFILE_TOLERANCE[1])
    return abs(sum(p[k] for k in PHASES) - p["total_s"]) <= slack


def check_run(ctx, name, r, s, run_dir, profile_expected):
    """The correctness checks of one worker speed run (the speed itself is only reported)."""
    losses = r["losses"]
    ctx.checks.add(f"train_finite_{name}", len(losses) == total_steps(s) and all(
        isinstance(v, (int, float)) and math.isfinite(v) for v in losses),
        f"{len(losses)} steps, last loss {losses[-1]:.4g}" if losses else "no steps", f"{total_steps(s)} finite losses")
    full = all(t == r["expected_tokens_per_step"] for t in r["tokens_per_step"]) and r["tokens_per_step"]
    ctx.checks.add(f"full_rows_{name}", bool(full), r["tokens_per_step"],
                   f"{r['expected_tokens_per_step']} tokens in every timed step")
    if profile_expected:
        good = [p for p in r["profile"] if profile_complete(p)]
        sums = [round(sum(p.get(k) or 0 for k in PHASES) / p["total_s"], 3) for p in r["profile"] if p.get("total_s")]
        ctx.checks.add(f"profile_events_{name}", len(good) == s["profiled"] == len(r["profile"]),
                       f"{len(good)} of {len(r['profile'])} complete (phases / total_s: {sums})",
                       f"{s['profiled']} events, phases summing to total_s within 5% or 2 ms")
    # --no-save: a "finished" event with no outputs, and nothing written beside the events.
    written = [d for d in ("final", "adapter", "checkpoints") if os.path.exists(os.path.join(run_dir, d))]
    fin = r.get("finished")
    ctx.checks.add(f"no_save_{name}", fin is not None and not fin.get("outputs") and not written,
                   f"finished outputs {fin.get('outputs') if fin else 'no finished event'}, written {written}",
                   "empty outputs, no final/ adapter/ checkpoints/")
    if ctx.device == "cuda":
        ctx.checks.add(f"cuda_memory_reported_{name}", bool(r["cuda_memory_bytes"]),
                       r["cuda_memory_bytes"], "cuda_memory_bytes > 0 in the step events")


def python_speed(ctx, model, method, s, gradient_checkpointing=False):
    """The same step in Python: hf_train.py (transformers + peft) where they are installed, else
    bench/train/reference_train.py (python3-torch, CPU); None plus a reason when neither fits."""
    info = ctx.env
    if info.get("transformers") and (method == "full" or info.get("peft")):
        cmd = [sys.executable, os.path.join(HERE, "hf_train.py"), "--model", model, "--method", method,
               "--batch", str(s["batch"]), "--seq", str(s["seq"]), "--warmup", str(s["warmup"]),
               "--steps", str(s["timed"]), "--device", ctx.device, "--precision", s["precision"],
               "--lora-r", str(LORA["r"]), "--lora-alpha", str(LORA["alpha"]),
               "--targets", ",".join(LORA["target_modules"]), "--attn", "sdpa"]
        if gradient_checkpointing:
            cmd.append("--gradient-checkpointing")
    elif ctx.device == "cpu":
        cmd = [sys.executable, os.path.join(util.REPO, "bench", "train", "reference_train.py"), "--model", model,
               "--method", method, "--batch", str(s["batch"]), "--seq", str(s["seq"]),
               "--steps", str(s["warmup"] + s["timed"]), "--warmup", str(s["warmup"]),
               "--threads", str(os.cpu_count() or 1), "--lora-r", str(LORA["r"]),
               "--lora-alpha", str(LORA["alpha"]),
               # reference_train.py wraps attention projections only (self_attn.*): the MLP's three are left out.
               "--lora-targets", ",".join(t for t in LORA["target_modules"] if t in ("q_proj", "k_proj", "v_proj", "o_proj"))]
    else:
        return None, "transformers / peft are not installed for " + sys.executable
    rc, out, err, seconds = util.run(cmd, s["timeout"], ctx.log)
    if rc != 0:
        return None, f"{os.path.basename(cmd[1])} failed (exit {rc}): " + " ".join(err.strip().splitlines()[-2:])
    r = util.last_json_line(out)
    r["script"] = os.path.relpath(cmd[1], util.REPO)
    if "reference_train.py" in cmd[1] and method == "lora":
        r["note"] = "LoRA on q/k/v/o_proj only (reference_train.py has no MLP LoRA)"
    r["wall_s"] = seconds
    return r, None


def lora_goals(lora, py):
    """The LoRA goals on CUDA (reported, not enforced): >= 40% MFU (of 790 TFLOP/s), at least
    transformers + peft's tokens/s, and at most its peak CUDA memory; None where not measured."""
    py = py or {}

    def at_most(a, b):
        return None if a is None or b is None else a <= b
    return {"mfu_40pct": None if lora.get("mfu") is None else lora["mfu"] >= 0.40,
            "at_least_transformers_peft": at_most(py.get("tokens_per_s"), lora.get("tokens_per_s")),
            "memory_at_most_transformers_peft": at_most(lora.get("cuda_memory_bytes"), py.get("cuda_memory_bytes")),
            "worker_cuda_memory_bytes": lora.get("cuda_memory_bytes"),
            "transformers_peft_cuda_memory_bytes": py.get("cuda_memory_bytes")}


def _update_goals(ctx):
    sp = ctx.report["speed"]
    lora = sp.get("runs", {}).get("lora", {})
    if ctx.device == "cuda" and "tokens_per_s" in lora:
        sp["lora_goals"] = lora_goals(lora, sp.get("python", {}).get("lora"))


class Speed:
    """The speed steps' shared state: settings, the model and the data (made by speed_setup)."""

    def __init__(self, ctx):
        self.s = dict(SETTINGS[ctx.device])
        self.n = total_steps(self.s)
        self.model = os.path.join(ctx.work, "models", self.s["preset"])
        self.data = os.path.join(ctx.work, "data", f"speed_{self.s['seq']}.json")
        self.model_cfg = None
        self.profile_ok = False

    def setup(self, ctx):
        s = self.s
        if not os.path.exists(os.path.join(self.model, "model.safetensors")):
            shutil.rmtree(self.model, ignore_errors=True)
            util.run_ok([ctx.worker, "init-model", "--preset", s["preset"], "--out", self.model], s["timeout"], ctx.log)
        self.model_cfg = util.model_config(self.model)
        import make_models
        # Each record's output alone has 2·seq words (every word is at least one token).
        make_models.write_data(self.data, records=s["batch"] * self.n + 4, words=2 * s["seq"])
        self.profile_ok = "--profile-steps" in ctx.train_help
        cfg = self.model_cfg
        ctx.report["speed"] = {
            "model": {"preset": s["preset"], "folder": self.model, "matmul_parameters": util.matmul_parameters(cfg),
                      "shape": dict(zip(("layers", "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab"),
                                        util.shape_of(cfg)))},
            "settings": {**s, "max_steps": self.n, "lora": LORA, "peak_flops": util.PEAK_FLOPS,
                         "peak_flops_note": "the bf16 matmul rate measured on H100/H200 (the goals' reference)",
                         "datasheet_peak_flops": util.DATASHEET_PEAK_FLOPS,
                         "profile_steps": s["profiled"] if self.profile_ok else 0},
            "runs": {}, "python": {}}
        if not self.profile_ok:
            ctx.checks.add("worker_has_profile_steps", False, "train --help has no --profile-steps", "present")

    def worker_run(self, ctx, method):
        s = self.s
        run_dir = os.path.join(ctx.work, "runs", f"speed_{method}")
        cfg = train_config(f"gpu-check speed {method}", self.model, self.data, method, s["seq"], s["batch"], self.n,
                           ctx.device, s["precision"])
        try:
            events, seconds = train(ctx, run_dir, cfg, s["profiled"] if self.profile_ok else 0, s["timeout"],
                                    no_save=True)
        except util.StepFailed as e:
            ctx.report["speed"]["runs"][method] = {"failed": str(e)}
            ctx.checks.add(f"train_{method}", False, None, None, str(e))
            return False
        r = summarize(events, self.model_cfg, method, s, ctx.device, seconds)
        ctx.report["speed"]["runs"][method] = r
        check_run(ctx, method, r, s, run_dir, self.profile_ok)
        _update_goals(ctx)
        return True

    def python_run(self, ctx, method):
        sp = ctx.report["speed"]
        py, why = python_speed(ctx, self.model, method, self.s)
        sp["python"][method] = py if py else {"skipped": why}
        worker = sp["runs"].get(method, {})
        if py and worker.get("tokens_per_s") and py.get("tokens_per_s"):
            py["ratio_worker_over_python"] = worker["tokens_per_s"] / py["tokens_per_s"]
        _update_goals(ctx)

    def checkpointing(self, ctx):
        """Gradient checkpointing on vs off (LoRA, the same settings; "off" is the speed_lora run)."""
        s = self.s
        run_dir = os.path.join(ctx.work, "runs", "speed_lora_gc")
        cfg = train_config("gpu-check speed lora + gradient checkpointing", self.model, self.data, "lora", s["seq"],
                           s["batch"], self.n, ctx.device, s["precision"], gradient_checkpointing=True)
        try:
            events, seconds = train(ctx, run_dir, cfg, 0, s["timeout"], no_save=True)
        except util.StepFailed as e:
            ctx.checks.add("train_lora_gc", False, None, None, str(e))
            ctx.report["checkpointing"] = {"skipped": str(e)}
            return False
        on = summarize(events, self.model_cfg, "lora", s, ctx.device, seconds)
        check_run(ctx, "lora_gc", on, s, run_dir, False)
        lora = ctx.report["speed"]["runs"].get("lora", {})
        mem = "cuda_memory_bytes" if ctx.device == "cuda" else "peak_rss_bytes"
        ctx.report["checkpointing"] = {
            "memory_field": mem,
            "off": {"tokens_per_s": lora.get("tokens_per_s"), "peak_bytes": lora.get(mem),
                    "memory_estimate_bytes": lora.get("memory_estimate_bytes")},
            "on": {"tokens_per_s": on.get("tokens_per_s"), "peak_bytes": on.get(mem),
                   "memory_estimate_bytes": on.get("memory_estimate_bytes"), "losses": on["losses"]},
        }
        return True

    def kernels(self, ctx):
        s = self.s
        cmd = [sys.executable, os.path.join(HERE, "kernels.py"), "--model", self.model, "--batch", str(s["batch"]),
               "--seq", str(s["seq"]), "--device", ctx.device, "--dtype", s["kernel_dtype"],
               "--iters", "10" if ctx.device == "cuda" else "2"]
        rc, out, err, _ = util.run(cmd, s["timeout"], ctx.log)
        if rc != 0:
            ctx.report["speed"]["kernels"] = {
                "skipped": f"kernels.py failed (exit {rc}): " + " ".join(err.strip().splitlines()[-2:])}
            return
        ctx.report["speed"]["kernels"] = util.last_json_line(out)


def _skip_section(key):
    def skip(ctx, why):
        ctx.report[key] = {"skipped": why}
    return skip


def _skip_in_speed(where, key):
    def skip(ctx, why):
        sp = ctx.report.setdefault("speed", {})
        if "skipped" in sp:
            return  # the whole section is skipped already
        (sp.setdefault(where, {}) if where else sp)[key] = {"skipped": why}
    return skip


def steps(ctx):
    """The speed steps, most important first: [(name, fn, skip(ctx, why), needs)]; --quick keeps
    LoRA only (no full fine-tuning, no checkpointing)."""
    sp = Speed(ctx)
    out = [("speed_setup", sp.setup, _skip_section("speed"), ["setup"])]
    for method in ["lora"] if ctx.quick else ["lora", "full"]:
        out.append((f"speed_{method}", lambda c, m=method: sp.worker_run(c, m), _skip_in_speed("runs", method),
                    ["speed_setup"]))
        out.append((f"python_{method}", lambda c, m=method: sp.python_run(c, m), _skip_in_speed("python", method),
                    ["speed_setup"]))
    if ctx.quick:
        ctx.report["checkpointing"] = {"skipped": "--quick"}
    else:
        out.append(("checkpointing", sp.checkpointing, _skip_section("checkpointing"), ["speed_setup"]))
    out.append(("kernels", sp.kernels, _skip_in_speed(None, "kernels"), ["speed_setup"]))
    return out
