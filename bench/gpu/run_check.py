#!/usr/bin/env python3
"""The steps of scripts/gpu-check.sh after the build (see bench/gpu/README.md):

  run_check.py --device cuda|cpu --worker CLI --work DIR [--report FILE] [--build-json FILE] [--quick]
      [--deadline SECONDS [--start-time EPOCH]]

1. parity: logits fp32 and greedy generate token ids on the device under test vs the CPU, bf16 on it
   vs fp32 on the CPU (reported), on two random models (llama: llama3 RoPE scaling; qwen2: linear
   scaling, bias). On CUDA that is CUDA vs CPU; in CPU mode a second CPU run vs the first (only the
   plumbing: the results must be identical) and CPU bf16 vs CPU fp32;
2. reference: the worker's fp32 CPU logits of those models and of a tiny demo model vs transformers
   (or tests/model/reference_llama.py where transformers is missing); a short LoRA run: its PEFT
   adapter (peft, or applied by hand) vs `logits --adapter`, and its `merge` output vs the same;
3. speed and 4. gradient checkpointing: bench/gpu/speed.py's steps.

The report (and the Markdown summary so far beside it: REPORT with .md for .json) is written after
every step, so a check stopped from outside leaves what it had. --deadline: the wall-clock budget in seconds from
--start-time (the script's start; default: now); a step that would start after it is skipped and
recorded as {"skipped": "deadline"}. At the end it prints the summary (report.py) and exits 0 only
when every check passed.
"""
import argparse
import json
import math
import os
import shutil
import sys
import time
import traceback

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402
import torch  # noqa: E402
import make_models  # noqa: E402
import ref_logits  # noqa: E402
import report as report_mod  # noqa: E402
import speed  # noqa: E402

LIMIT = 1e-4  # fp32 logits: max |difference| over the positions with attention_mask 1
PARITY_MODELS = ["llama", "qwen2"]
PROMPT = "The model reads each instruction and writes"
CALL_TIMEOUT = {"cuda": 200, "cpu": 300}  # seconds per worker call of the parity and reference steps
# Steps whose skipping by the deadline fails the check (their checks are the correctness proof).
CORRECTNESS_STEPS = ("worker_info", "setup", "parity", "reference")


class Context:
    def __init__(self, a):
        self.device = a.device
        self.worker = os.path.abspath(a.worker)
        self.work = os.path.abspath(a.work)
        self.quick = a.quick
        self.timeout = CALL_TIMEOUT[a.device]
        self.checks = util.Checks()
        self.log = os.path.join(self.work, "commands.log")
        self.env = util.env_info()
        self.train_help = ""
        self.report = {"device": a.device, "torch": self.env["torch"], "cuda": self.env["cuda"],
                       "gpu_name": self.env["gpu_name"], "python": {k: self.env[k] for k in (
                           "python", "transformers", "peft", "safetensors")} | {"executable": sys.executable},
                       "deadline_s": a.deadline, "state": "running", "build": {}, "parity": {}, "reference": {},
                       "speed": {}, "checkpointing": {}, "checks": [], "ok": False, "seconds": {},
                       "skipped_steps": {}}
        self.logits_cache = {}
        self.status = {}  # step name -> "ok" | "failed" | "skipped"

    def model(self, name):
        return os.path.join(self.work, "models", name)


def worker_logits(ctx, model=None, adapter=None, device="cpu", dtype="fp32", fresh=False):
    """`sftbench-cli logits` on the shared input; returns (logits [B, T, V], its JSON line).
    Results are cached per (model, adapter, device, dtype); fresh: a new worker call, not cached (the
    CPU-mode parity compares two separate CPU runs)."""
    key = (model, adapter, device, dtype)
    if key in ctx.logits_cache and not fresh:
        return ctx.logits_cache[key]
    tag = "_".join(os.path.basename(p.rstrip("/")) for p in (model, adapter) if p) + f"_{device}_{dtype}"
    tag += "_again" if fresh else ""
    out = os.path.join(ctx.work, "logits", tag.replace(":", "") + ".safetensors")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = [ctx.worker, "logits", "--input", ctx.inputs, "--out", out, "--device", device, "--dtype", dtype]
    cmd += ["--model", model] if model else ["--adapter", adapter]
    stdout, _ = util.run_ok(cmd, ctx.timeout, ctx.log)
    line = util.last_json_line(stdout)
    result = (util.load_st(out)["logits"].float(), line)
    if not fresh:
        ctx.logits_cache[key] = result
    return result


def worker_generate(ctx, model, device):
    """Greedy generation; the token ids are compared (byte-level BPE decodes different ids to the same
    U+FFFD text, so equal text would not prove equal ids)."""
    cmd = [ctx.worker, "generate", "--model", model, "--prompt", PROMPT, "--temperature", "0",
           "--max-new-tokens", "32", "--json", "--device", device, "--dtype", "fp32"]
    stdout, _ = util.run_ok(cmd, ctx.timeout, ctx.log)
    done = util.last_json_line(stdout)
    return {"token_ids": done.get("token_ids"), "text": done.get("text"),
            "generated_tokens": done.get("generated_tokens"), "finish_reason": done.get("finish_reason")}


def setup(ctx):
    """The tiny demo model (the LoRA run's base), the two parity models and the logits input."""
    tiny = ctx.model("tiny")
    shutil.rmtree(tiny, ignore_errors=True)
    util.run_ok([ctx.worker, "init-model", "--preset", "tiny", "--out", tiny], ctx.timeout, ctx.log)
    make_models.write_models(os.path.join(ctx.work, "models"), tiny, 1234)
    ctx.vocab = util.model_config(tiny)["vocab_size"]
    ctx.inputs = os.path.join(ctx.work, "inputs.safetensors")
    ids, mask = make_models.write_inputs(ctx.inputs, ctx.vocab, batch=2, length=24, pad=5)
    ctx.mask = mask


def parity_limit(ctx):
    """CUDA vs CPU: 1e-4; CPU vs CPU (two runs of the same kernels): identical."""
    return LIMIT if ctx.device == "cuda" else 0.0


def parity_mode(device):
    return "cuda vs cpu" if device == "cuda" else "cpu vs cpu (plumbing only)"


def parity_step(ctx):
    """The device under test (ctx.device) against the worker's fp32 CPU results. In CPU mode the
    "device under test" is a second, separate CPU run: the same code path, so CI runs it."""
    dev = ctx.device
    limit = parity_limit(ctx)
    out = {"mode": parity_mode(dev), "device": dev, "reference_device": "cpu", "fp32_limit": limit, "models": {}}
    ctx.report["parity"] = out
    for name in PARITY_MODELS:
        m = ctx.model(name)
        cpu, _ = worker_logits(ctx, m, device="cpu", dtype="fp32")
        test, line = worker_logits(ctx, m, device=dev, dtype="fp32", fresh=dev == "cpu")
        bf16, _ = worker_logits(ctx, m, device=dev, dtype="bf16")
        d32 = util.max_abs_diff(test, cpu, ctx.mask)
        d16 = util.max_abs_diff(bf16, cpu, ctx.mask)
        scale = cpu[ctx.mask.bool()].abs().max().item()
        ctx.checks.add(f"parity_fp32_{name}", d32 <= limit, d32, limit)
        g_cpu, g_dev = worker_generate(ctx, m, "cpu"), worker_generate(ctx, m, dev)
        if g_cpu["token_ids"] is None or g_dev["token_ids"] is None:
            same, value = False, "generate --json's done line has no token_ids"
        else:
            same = g_cpu["token_ids"] == g_dev["token_ids"] and len(g_cpu["token_ids"]) > 0
            value = (f"identical ({len(g_cpu['token_ids'])} ids)" if same else
                     f"cpu {g_cpu['token_ids']} vs {dev} {g_dev['token_ids']}")
        ctx.checks.add(f"parity_generate_{name}", same, value, "identical greedy token ids")
        out["models"][name] = {"fp32_max_abs_diff": d32, "bf16_max_abs_diff": d16, "max_abs_logit": scale,
                               "bf16_relative": d16 / scale if scale else None, "worker": line,
                               "generate_cpu": g_cpu, f"generate_{dev}": g_dev, "generate_identical": same}


def reference_step(ctx):
    ref = {"limit": LIMIT, "models": {}}
    ctx.report["reference"] = ref
    ids = util.load_st(ctx.inputs)["input_ids"]
    for name in PARITY_MODELS + ["tiny"]:
        m = ctx.model(name)
        mine, _ = worker_logits(ctx, m, device="cpu", dtype="fp32")
        theirs, source = ref_logits.reference_logits(m, ids, ctx.mask)
        d = util.max_abs_diff(mine, theirs, ctx.mask)
        ref["source"] = source
        ref["models"][name] = {"max_abs_diff": d}
        ctx.checks.add(f"reference_{name}", d <= LIMIT, d, LIMIT)

    # A short LoRA run on the tiny model: every projection, a large learning rate so B moves. It needs
    # its adapter, so no --no-save here.
    run_dir = os.path.join(ctx.work, "runs", "lora_ref")
    data = make_models.write_data(os.path.join(ctx.work, "data", "lora_ref.json"), records=40, words=64)
    cfg = speed.train_config("gpu-check LoRA reference", ctx.model("tiny"), data, "lora", 128, 4, 8, "cpu", "fp32",
                             lr=1e-2, lora={"r": 8, "alpha": 16.0, "dropout": 0.0, "init": "gaussian",
                                            "target_modules": util.LORA_TARGETS}, train_on_prompt=False)
    events, _ = speed.train(ctx, run_dir, cfg, 0, ctx.timeout)
    losses = [e.get("loss") for e in events if e.get("event") == "step"]
    ctx.checks.add("train_finite_lora_ref", len(losses) == 8 and all(math.isfinite(v) for v in losses),
                   f"{len(losses)} steps, losses {losses[0]:.3f} .. {losses[-1]:.3f}" if losses else "no steps",
                   "8 finite losses")
    adapter = os.path.join(run_dir, "adapter")
    count, smallest = ref_logits.lora_b_stats(adapter)
    ctx.checks.add("lora_b_nonzero", count == 7 * util.model_config(ctx.model("tiny"))["num_hidden_layers"]
                   and smallest > 0, f"{count} B matrices, the smallest largest-abs entry {smallest:.3g}", "every B non-zero")
    base, _ = worker_logits(ctx, ctx.model("tiny"), device="cpu", dtype="fp32")
    tuned, _ = worker_logits(ctx, adapter=run_dir, device="cpu", dtype="fp32")
    moved = util.max_abs_diff(tuned, base, ctx.mask)
    ctx.checks.add("lora_changes_logits", moved > 1e-3, moved, "> 0.001 (else the adapter checks are vacuous)")
    theirs, source = ref_logits.reference_logits(ctx.model("tiny"), ids, ctx.mask, adapter)
    d_adapter = util.max_abs_diff(tuned, theirs, ctx.mask)
    ctx.checks.add("adapter_logits", d_adapter <= LIMIT, d_adapter, LIMIT)
    merged = ctx.model("merged")
    shutil.rmtree(merged, ignore_errors=True)
    util.run_ok([ctx.worker, "merge", "--run-dir", run_dir, "--out", merged, "--dtype", "fp32"], ctx.timeout, ctx.log)
    theirs_merged, merged_source = ref_logits.reference_logits(merged, ids, ctx.mask)
    d_merged = util.max_abs_diff(tuned, theirs_merged, ctx.mask)
    ctx.checks.add("merged_logits", d_merged <= LIMIT, d_merged, LIMIT)
    ref["lora"] = {"run": run_dir, "losses": losses, "b_matrices": count, "smallest_max_abs_b": smallest,
                   "adapter_vs_base_max_abs_diff": moved, "adapter_source": source,
                   "adapter_max_abs_diff": d_adapter, "merged_source": merged_source, "merged_max_abs_diff": d_merged}
    # The adapter on the device under test vs the CPU (CPU mode: a second CPU run, as in parity_step).
    test, _ = worker_logits(ctx, adapter=run_dir, device=ctx.device, dtype="fp32", fresh=ctx.device == "cpu")
    d = util.max_abs_diff(test, tuned, ctx.mask)
    ctx.checks.add("parity_fp32_adapter", d <= parity_limit(ctx), d, parity_limit(ctx))
    ref["lora"]["parity_fp32_max_abs_diff"] = d
    if "skipped" not in ctx.report["parity"]:
        ctx.report["parity"].setdefault("models", {})["adapter"] = {"fp32_max_abs_diff": d}


def worker_info(ctx):
    """--version (CUDA available?) and whether train knows --profile-steps; False stops the check."""
    rc, out, err, _ = util.run([ctx.worker, "--version"], 120, ctx.log)
    version = out.strip()
    ctx.report["build"]["worker"] = ctx.worker
    ctx.report["build"]["worker_version"] = version
    ctx.report["build"]["cuda_in_worker"] = "CUDA available" in version
    if not ctx.checks.add("worker_runs", rc == 0 and "LibTorch" in version, version.replace("\n", "; ") or err.strip(),
                          "exit 0 and a LibTorch line"):
        return False
    if ctx.device == "cuda":
        cuda = "CUDA available" in version
        if not ctx.checks.add("worker_cuda_available", cuda, version.splitlines()[-1], "CUDA available",
                              None if cuda else "the worker's LibTorch sees no GPU: built against a CPU-only "
                                                "LibTorch, or no driver / device visible"):
            return False
    ctx.train_help = util.run([ctx.worker, "train", "--help"], 60)[1]
    return True


class Runner:
    """Runs the steps in order: each after its needs succeeded and before the deadline, the report
    and the summary written after every one."""

    def __init__(self, ctx, report_path, deadline, start):
        self.ctx, self.report_path, self.deadline, self.start = ctx, report_path, deadline, start
        self.summary_path = os.path.splitext(report_path)[0] + ".md"

    def elapsed(self):
        return time.time() - self.start

    def write(self, final=False):
        """The report as it stands (the checks so far, not ok until the end) and its summary."""
        r = self.ctx.report
        r["seconds"]["total"] = round(self.elapsed(), 1)
        if final:
            report_mod.finish(r, self.ctx.checks)
            r["state"] = "complete"
        else:
            r["checks"] = list(self.ctx.checks.items)
            r["ok"] = False
        tmp = self.report_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(r, f, indent=2, default=str)
        os.replace(tmp, self.report_path)  # never a half-written report, even when stopped mid-write
        with open(self.summary_path, "w", encoding="utf-8") as f:
            f.write(report_mod.summary(r) + "\n")

    def skip(self, name, skip_fn, why):
        self.ctx.status[name] = "skipped"
        self.ctx.report["skipped_steps"][name] = why
        if skip_fn:
            skip_fn(self.ctx, why)
        print(f"gpu-check: step {name} skipped: {why}", flush=True)

    def run(self, name, fn, skip_fn=None, needs=()):
        ctx = self.ctx
        blocked = next((n for n in needs if ctx.status.get(n) != "ok"), None)
        if blocked:
            # The first cause goes on down the chain: "deadline", or "not run: STEP failed".
            self.skip(name, skip_fn, ctx.report["skipped_steps"].get(blocked) or f"not run: {blocked} failed")
        elif self.deadline and self.elapsed() >= self.deadline:
            self.skip(name, skip_fn, "deadline")
        else:
            print(f"gpu-check: step {name} (at {self.elapsed():.0f} s)", flush=True)
            ctx.report["state"] = f"running {name}"
            self.write()
            t0 = time.monotonic()
            try:
                ok = fn(ctx) is not False
                why = None
            except util.StepFailed as e:
                ok, why = ctx.checks.add(name, False, None, None, str(e)), str(e)
            except Exception as e:  # a bug or an unexpected output: recorded, never a hang or a silent pass
                why = f"{type(e).__name__}: {e}"
                ok = ctx.checks.add(name, False, None, None, f"{why}\n{traceback.format_exc(limit=3)}")
            ctx.status[name] = "ok" if ok else "failed"
            if why and skip_fn:
                skip_fn(ctx, f"failed: {why.splitlines()[0]}")
            ctx.report["seconds"][name] = round(time.monotonic() - t0, 1)
        self.write()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", choices=["cuda", "cpu"], required=True)
    ap.add_argument("--worker", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--report")
    ap.add_argument("--build-json", help="the build step's record (written by scripts/gpu-check.sh)")
    ap.add_argument("--quick", action="store_true", help="LoRA speed only: no full fine-tuning, no checkpointing run")
    ap.add_argument("--deadline", type=float, default=None,
                    help="seconds from --start-time after which no step starts (0 or none: no deadline)")
    ap.add_argument("--start-time", type=float, default=None, help="epoch seconds the budget counts from (default now)")
    a = ap.parse_args()
    start = a.start_time or time.time()
    a.deadline = a.deadline or None
    os.makedirs(a.work, exist_ok=True)
    ctx = Context(a)
    report_path = os.path.abspath(a.report or os.path.join(ctx.work, "report.json"))
    os.makedirs(os.path.dirname(report_path), exist_ok=True)
    runner = Runner(ctx, report_path, a.deadline, start)
    open(ctx.log, "w").close()
    build = read_build(a.build_json, ctx.worker, start)
    ctx.report["build"] = build
    ok_build = True
    if "ok" in build:
        ok_build = ctx.checks.add("build", build["ok"], f"{build.get('seconds', 0):.0f} s", "exit 0",
                                  None if build["ok"] else build.get("error"))
    ctx.status["build"] = "ok" if ok_build else "failed"

    sections = {"parity": parity_step, "reference": reference_step}
    plan = [("worker_info", worker_info, None, ["build"]), ("setup", setup, None, ["worker_info"])]
    plan += [(k, fn, speed._skip_section(k), ["setup"]) for k, fn in sections.items()]
    plan += speed.steps(ctx)
    for name, fn, skip_fn, needs in plan:
        runner.run(name, fn, skip_fn, needs)
    late = [n for n in CORRECTNESS_STEPS if ctx.report["skipped_steps"].get(n) == "deadline"]
    if late:
        ctx.checks.add("deadline", False, "skipped: " + ", ".join(late),
                       f"the correctness steps ({', '.join(CORRECTNESS_STEPS)}) start before the deadline")
    runner.write(final=True)
    print(report_mod.summary(ctx.report))
    print(f"\nreport: {report_path}\nsummary: {runner.summary_path}\nworker commands and outputs: {ctx.log}")
    sys.exit(0 if ctx.report["ok"] else 1)


def read_build(path, worker, start):
    """The build step's record: this call's build, or an earlier `gpu-check.sh --build-only` call's
    successful build of the worker under test; else a note that the worker was built elsewhere."""
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            build = json.load(f)
        if os.path.realpath(build.get("worker", "")) == os.path.realpath(worker):
            if build.get("end_epoch", 0) >= start:
                return build
            if build.get("ok"):
                build["note"] = "built by an earlier gpu-check.sh call (--build-only)"
                return build
    return {"skipped": "--worker given: the worker under test was built elsewhere"}


if __name__ == "__main__":
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    main()
