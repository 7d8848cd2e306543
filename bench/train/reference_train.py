#!/usr/bin/python3
"""The training step of `sftbench-cli train` written in Debian python3-torch,
for bench/train: LoRA or full fine-tuning of a Hugging Face LLaMA folder
(config.json + model.safetensors) on CPU, fp32. The model math is
tests/model/reference_llama.py (transformers' eager LLaMA code).

One step = forward over a [batch, seq] int64 batch of random token ids,
cross-entropy over every position with the labels shifted by one (mean),
backward, clip_grad_norm_(trainable, 1.0), AdamW(lr 2e-4, weight_decay 0,
betas (0.9, 0.999), eps 1e-8) step, zero_grad. LoRA: r 8, alpha 16 on q_proj
and v_proj of every layer (y = base(x) + alpha/r * B(A(x)), A ~ N(0, (1/r)^2),
B = 0, base frozen), as PEFT's init_lora_weights="gaussian".

Prints one JSON line: tokens/s (median over the steps after warmup, tokens =
batch * seq), peak RSS (ru_maxrss), the final loss.

  /usr/bin/python3 bench/train/reference_train.py --model DIR --method lora --threads 1
"""
import argparse
import json
import os
import resource
import statistics
import struct
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "model"))
import reference_llama as ref  # noqa: E402

SAFETENSORS_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def load_safetensors(path):
    """Reads each tensor straight into its own storage (no second copy of the file in memory),
    so the load does not set the peak RSS; every tensor becomes fp32."""
    out = {}
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
        header.pop("__metadata__", None)
        base = 8 + n
        for name, e in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
            dt = SAFETENSORS_DTYPES[e["dtype"]]
            t = torch.empty(e["shape"], dtype=dt)
            begin, end = e["data_offsets"]
            f.seek(base + begin)
            raw = t.view(torch.int16) if dt == torch.bfloat16 else t
            view = memoryview(raw.numpy()).cast("B")
            assert f.readinto(view) == end - begin, name
            out[name] = t if dt == torch.float32 else t.float()
    return out


def hidden(cfg, W, ids):
    """reference_llama.forward without the LM head: the final-norm hidden states [B, T, H]."""
    saved = ref.torch.nn.functional.linear
    captured = {}

    def head(x, weight, bias=None):
        if weight is W["model.embed_tokens.weight"] or weight is W.get("lm_head.weight"):
            captured["h"] = x
            return x.new_zeros(())  # the caller only calls .float() on it
        return saved(x, weight, bias)

    ref.torch.nn.functional.linear = head
    try:
        ref.forward(cfg, W, ids)
    finally:
        ref.torch.nn.functional.linear = saved
    return captured["h"]


class LoraLinear(torch.nn.Module):
    """y = base(x) + (alpha / r) * B(A(x)); base frozen."""

    def __init__(self, weight, r, alpha):
        super().__init__()
        self.weight = weight
        out_f, in_f = weight.shape
        self.lora_A = torch.nn.Linear(in_f, r, bias=False)
        self.lora_B = torch.nn.Linear(r, out_f, bias=False)
        torch.nn.init.normal_(self.lora_A.weight, std=1.0 / r)
        torch.nn.init.zeros_(self.lora_B.weight)
        self.scaling = alpha / r

    def forward(self, x):
        return torch.nn.functional.linear(x, self.weight) + self.scaling * self.lora_B(self.lora_A(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="HF model folder (config.json + model.safetensors)")
    ap.add_argument("--method", choices=["lora", "full"], default="lora")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2, help="first steps left out of the median")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--lora-r", type=int, default=8)
    ap.add_argument("--lora-alpha", type=float, default=16.0)
    ap.add_argument("--lora-targets", default="q_proj,v_proj")
    ap.add_argument("--loss-tokens", type=int, default=0,
                    help="0: loss over every position (default); K: the LM head and loss over K random positions "
                         "per step only, as the worker does for its K response tokens")
    args = ap.parse_args()
    assert args.steps > args.warmup >= 0

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rss_start = peak_rss_bytes()

    with open(os.path.join(args.model, "config.json")) as f:
        d = json.load(f)
    cfg = ref.Config(d)
    W = load_safetensors(os.path.join(args.model, "model.safetensors"))
    W = {k: torch.nn.Parameter(v, requires_grad=(args.method == "full")) for k, v in W.items()}
    total = sum(p.numel() for p in W.values())
    rss_loaded = peak_rss_bytes()

    lora = {}
    if args.method == "lora":
        targets = args.lora_targets.split(",")
        for layer in range(cfg.layers):
            for t in targets:
                name = f"model.layers.{layer}.self_attn.{t}"
                lora[name] = LoraLinear(W[name + ".weight"], args.lora_r, args.lora_alpha)
        trainable = [p for m in lora.values() for p in (m.lora_A.weight, m.lora_B.weight)]
        base_linear = ref.linear

        def linear(x, weights, name):  # reference_llama.forward looks `linear` up in its module
            m = lora.get(name)
            return m(x) if m is not None else base_linear(x, weights, name)

        ref.linear = linear
    else:
        trainable = list(W.values())
    n_trainable = sum(p.numel() for p in trainable)

    opt = torch.optim.AdamW(trainable, lr=2e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    vocab = d["vocab_size"]
    batches = [torch.randint(0, vocab, (args.batch, args.seq), dtype=torch.int64) for _ in range(args.steps)]
    n_pos = args.batch * (args.seq - 1)
    selections = [torch.randperm(n_pos)[:min(args.loss_tokens, n_pos)].sort().values for _ in range(args.steps)]

    times, cpu_times, losses = [], [], []
    for step in range(args.steps):
        ids = batches[step]
        t0, c0 = time.perf_counter(), time.process_time()
        if args.loss_tokens > 0:
            h = hidden(cfg, W, ids)[:, :-1, :].reshape(-1, cfg.hidden_size)
            sel = selections[step]
            head = W["model.embed_tokens.weight"] if cfg.tie else W["lm_head.weight"]
            logits = torch.nn.functional.linear(h.index_select(0, sel), head)
            loss = torch.nn.functional.cross_entropy(logits, ids[:, 1:].reshape(-1).index_select(0, sel))
        else:
            logits = ref.forward(cfg, W, ids)
            loss = torch.nn.functional.cross_entropy(logits[:, :-1, :].reshape(-1, vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        del logits
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
        losses.append(loss.item())

    timed = times[args.warmup:]
    tokens = args.batch * args.seq
    print(json.dumps({
        "engine": "python3-torch " + torch.__version__ + " (reference_llama.py)",
        "method": args.method, "threads": torch.get_num_threads(),
        "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "batch": args.batch, "seq": args.seq, "steps": args.steps, "warmup": args.warmup,
        "loss_tokens": args.loss_tokens or args.batch * (args.seq - 1),
        "trainable_parameters": n_trainable, "total_parameters": total,
        "tokens_per_s": tokens / statistics.median(timed),
        "tokens_per_s_all": [round(tokens / t, 1) for t in times],
        "cpu_s_per_step": statistics.median(cpu_times[args.warmup:]),
        "peak_rss_bytes": peak_rss_bytes(), "rss_start_bytes": rss_start, "rss_after_load_bytes": rss_loaded,
        "first_loss": losses[0], "final_loss": losses[-1],
    }))


if __name__ == "__main__":
    main()
