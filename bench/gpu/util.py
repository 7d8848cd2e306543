"""What the GPU check's Python parts share: safetensors I/O (the `safetensors` package when it is
installed, else the project's reference reader/writer), running the worker with a time limit,
the check list, logit comparison and the FLOPs-per-token formulas of bench/gpu/README.md.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "safetensors"))
sys.path.insert(0, os.path.join(REPO, "tests", "model"))

import torch  # noqa: E402

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
# MFU is taken against the bf16 matmul rate measured on H100/H200 (790 TFLOP/s), the figure the speed
# goals are set against; the datasheet's dense bf16 peak (989 TFLOP/s) gives the second, lower MFU.
PEAK_FLOPS = 790e12
DATASHEET_PEAK_FLOPS = 989e12


def load_st(path):
    """All tensors of a safetensors file as a dict (CPU)."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        import safetensors_ref
        return safetensors_ref.load_file(path)[0]
    return load_file(path)


def save_st(tensors, path, metadata=None):
    tensors = {k: v.detach().cpu().contiguous() for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file
    except ImportError:
        import safetensors_ref
        safetensors_ref.save_file(tensors, path, metadata)
        return
    save_file(tensors, path, metadata)


class StepFailed(Exception):
    """A step of the check could not run (the message says which command and why)."""


def run(cmd, timeout, log=None, env=None, cwd=None):
    """Runs cmd (a list) with a time limit; returns (rc, stdout, stderr, seconds). A timeout raises
    StepFailed, so a hung worker or GPU never hangs the check. log: a file that gets both outputs."""
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise StepFailed(f"timed out after {timeout} s: {' '.join(map(str, cmd))}")
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"$ {' '.join(map(str, cmd))}\n{out}{err}(exit {p.returncode})\n\n")
    return p.returncode, out, err, time.monotonic() - t0


def run_ok(cmd, timeout, log=None, env=None):
    """run() that raises StepFailed with the end of stderr when the command fails."""
    rc, out, err, seconds = run(cmd, timeout, log, env)
    if rc != 0:
        tail = "\n".join((err or out).strip().splitlines()[-6:])
        raise StepFailed(f"exit {rc}: {' '.join(map(str, cmd))}\n{tail}")
    return out, seconds


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise StepFailed("no JSON line in the output:\n" + text[-500:])


class Checks:
    """The pass/fail checks of the report: [{"name", "ok", "value", "limit"}] in the order made."""

    def __init__(self):
        self.items = []

    def add(self, name, ok, value=None, limit=None, note=None):
        item = {"name": name, "ok": bool(ok), "value": value, "limit": limit}
        if note:
            item["note"] = note
        self.items = [c for c in self.items if c["name"] != name] + [item]
        mark = "ok  " if ok else "FAIL"
        print(f"[{mark}] {name}: {value}" + (f" (limit {limit})" if limit is not None else "")
              + (f" - {note}" if note else ""), flush=True)
        return ok

    def ok(self):
        return bool(self.items) and all(c["ok"] for c in self.items)


def max_abs_diff(a, b, mask=None):
    """Largest |a - b| over the positions where mask [B, T] is 1 (all when None); a, b [B, T, V]."""
    a, b = a.float(), b.float()
    if a.shape != b.shape:
        raise StepFailed(f"logit shapes differ: {list(a.shape)} vs {list(b.shape)}")
    d = (a - b).abs()
    if mask is not None:
        d = d[mask.bool()]
    if d.numel() == 0:
        raise StepFailed("no positions to compare")
    value = d.max().item()
    return value if math.isfinite(value) else float("inf")


def read_events(run_dir):
    events = []
    path = os.path.join(run_dir, "events.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    events.append(json.loads(line))
    return events


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def model_config(folder):
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        return json.load(f)


def shape_of(cfg):
    """(layers, hidden, heads, kv_heads, head_dim, intermediate, vocab) of an HF LLaMA-style config."""
    heads = cfg["num_attention_heads"]
    head_dim = cfg.get("head_dim") or cfg["hidden_size"] // heads
    return (cfg["num_hidden_layers"], cfg["hidden_size"], heads, cfg.get("num_key_value_heads") or heads,
            head_dim, cfg["intermediate_size"], cfg["vocab_size"])


def matmul_parameters(cfg):
    """N: the weights that take part in matrix products per token: every layer's q/k/v/o and MLP
    projections and the LM head (tied or not: the head is a matmul); the embedding lookup is not."""
    layers, hidden, heads, kv, hd, inter, vocab = shape_of(cfg)
    per_layer = hidden * heads * hd + 2 * hidden * kv * hd + heads * hd * hidden + 3 * hidden * inter
    return layers * per_layer + vocab * hidden


def flops_per_token(cfg, method, seq, trainable=0):
    """Training FLOPs per token: full 6·N + 6·L·d·T; LoRA 4·N + 6·N_lora + 6·L·d·T (the frozen
    weights need no weight gradient); d = heads·head_dim, T = sequence length, the causal mask
    counting half of the T×T scores (forward 2·2·L·d·T/2, backward twice that)."""
    layers, _, heads, _, hd, _, _ = shape_of(cfg)
    n = matmul_parameters(cfg)
    attention = 6 * layers * heads * hd * seq
    if method == "full":
        return 6 * n + attention
    return 4 * n + 6 * trainable + attention


def env_info():
    """torch / CUDA / GPU and the optional Hugging Face packages of this python."""
    info = {"python": sys.version.split()[0], "torch": torch.__version__, "cuda": torch.version.cuda,
            "cuda_available": torch.cuda.is_available(),
            "gpu_name": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}
    for mod in ("transformers", "peft", "safetensors"):
        try:
            info[mod] = __import__(mod).__version__
        except Exception:  # not installed (or broken): the check uses its fallbacks
            info[mod] = None
    return info
