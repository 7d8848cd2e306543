#!/usr/bin/env python3
"""The kernels of one training step timed alone at a run's shapes, for scripts/gpu-check.sh: where
the worker's step time goes when it is short of its goals.

- every matmul of a decoder layer and the LM head at M = batch·seq rows: forward (X·Wᵀ), the input
  gradient (dY·W, needed by LoRA and full) and the weight gradient (dYᵀ·X, full fine-tuning only);
- the attention core at [batch, heads, seq, head_dim]: scaled_dot_product_attention with
  is_causal (flash attention where available), with an additive [batch, 1, seq, seq] mask as the
  worker passes it (padding + causal in one bias tensor), and the eager path (matmul, softmax,
  matmul); forward and forward + backward.

  kernels.py --model DIR [--batch 4 --seq 2048 --device cuda --dtype bf16 --iters 10]
prints one JSON line: per kernel milliseconds and TFLOP/s, and the sums per step (matmuls ×
layers) for LoRA and full fine-tuning to set beside the profile events.
"""
import argparse
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def timer(device, iters):
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    def measure(fn):
        fn()  # warm-up (kernel selection, allocator)
        sync()
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        sync()
        return (time.perf_counter() - t0) / iters
    return measure


def eager_attention(q, k, v, bias):
    scores = torch.matmul(q, k.transpose(2, 3)) * (q.shape[-1] ** -0.5)
    probs = torch.softmax(scores.float() + bias, -1).to(q.dtype)
    return torch.matmul(probs, v)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="model folder (its config.json gives the shapes)")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--seq", type=int, default=2048)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--dtype", choices=["bf16", "fp32"], default="bf16")
    ap.add_argument("--iters", type=int, default=10)
    a = ap.parse_args()

    dev = torch.device(a.device)
    dt = torch.bfloat16 if a.dtype == "bf16" else torch.float32
    layers, hidden, heads, kv, hd, inter, vocab = util.shape_of(util.model_config(a.model))
    m = a.batch * a.seq
    measure = timer(dev, a.iters)
    gen = torch.Generator(device=dev).manual_seed(0)

    def rnd(*shape):
        return torch.randn(*shape, device=dev, dtype=dt, generator=gen) * 0.02

    matmuls = {"q_proj": (hidden, heads * hd), "k_proj": (hidden, kv * hd), "v_proj": (hidden, kv * hd),
               "o_proj": (heads * hd, hidden), "gate_proj": (hidden, inter), "up_proj": (hidden, inter),
               "down_proj": (inter, hidden), "lm_head": (hidden, vocab)}
    rows = []
    per_layer = {"forward": 0.0, "dgrad": 0.0, "wgrad": 0.0}
    head = {}
    def time_matmul(k_in, n_out):
        x, w, dy = rnd(m, k_in), rnd(n_out, k_in), rnd(m, n_out)
        return {"forward": measure(lambda: x @ w.t()), "dgrad": measure(lambda: dy @ w),
                "wgrad": measure(lambda: dy.t() @ x)}

    with torch.no_grad():
        for name, (k_in, n_out) in matmuls.items():
            flops = 2.0 * m * k_in * n_out
            times = time_matmul(k_in, n_out)
            rows.append({"kernel": name, "shape": [m, k_in, n_out],
                         **{f"{k}_ms": v * 1e3 for k, v in times.items()},
                         **{f"{k}_tflops": flops / v / 1e12 for k, v in times.items()}})
            target = head if name == "lm_head" else per_layer
            for k, v in times.items():
                target[k] = target.get(k, 0.0) + v

    q = rnd(a.batch, heads, a.seq, hd).requires_grad_()
    k = rnd(a.batch, heads, a.seq, hd).requires_grad_()
    v = rnd(a.batch, heads, a.seq, hd).requires_grad_()
    causal = torch.ones(a.seq, a.seq, dtype=torch.bool, device=dev).tril()
    bias = torch.zeros(a.batch, 1, a.seq, a.seq, device=dev).masked_fill(~causal, float("-inf"))
    attn_flops = 4.0 * a.batch * heads * a.seq * a.seq * hd / 2  # causal: half of QKᵀ and PV
    variants = {"eager": lambda: eager_attention(q, k, v, bias)}
    if hasattr(F, "scaled_dot_product_attention"):
        variants["sdpa_is_causal"] = lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True)
        variants["sdpa_bias_mask"] = lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=bias.to(dt))
    attention = {}
    for name, fn in variants.items():
        try:
            with torch.no_grad():
                fwd = measure(fn)
            grad = torch.ones(a.batch, heads, a.seq, hd, device=dev, dtype=dt)
            both = measure(lambda: torch.autograd.grad(fn(), (q, k, v), grad))
        except RuntimeError as e:  # a variant this device cannot run (memory, no kernel)
            rows.append({"kernel": "attention_" + name, "error": str(e).splitlines()[0][:200]})
            continue
        attention[name] = both
        rows.append({"kernel": "attention_" + name, "shape": [a.batch, heads, a.seq, hd],
                     "forward_ms": fwd * 1e3, "forward_backward_ms": both * 1e3,
                     "forward_tflops": attn_flops / fwd / 1e12, "forward_backward_tflops": 3 * attn_flops / both / 1e12})

    # A step's matmul and attention time if every kernel ran back to back at these speeds.
    att = attention.get("sdpa_bias_mask", attention.get("eager", 0.0))
    lora = layers * (per_layer["forward"] + per_layer["dgrad"] + att) + head["forward"] + head["dgrad"]
    full = lora + layers * per_layer["wgrad"] + head["wgrad"]
    print(json.dumps({"device": str(dev), "dtype": a.dtype, "batch": a.batch, "seq": a.seq,
                      "gpu_name": torch.cuda.get_device_name(dev) if dev.type == "cuda" else None,
                      "kernels": rows,
                      "predicted_step_s": {"lora": lora, "full": full,
                                           "attention_used": "sdpa_bias_mask" if "sdpa_bias_mask" in attention
                                           else "eager"}}))


if __name__ == "__main__":
    main()
