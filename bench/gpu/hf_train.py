#!/usr/bin/env python3
"""The worker's training step done with transformers + peft, for the speed comparison of
scripts/gpu-check.sh: the same model folder, batch and sequence, bf16 autocast over fp32 weights,
SDPA attention, LoRA (r, alpha, dropout 0, Gaussian A, B = 0, the same target modules) or full
fine-tuning, AdamW (lr 2e-4, betas 0.9/0.999, eps 1e-8, weight decay 0), gradient clipping at 1.0.

One step = forward over a [batch, seq] batch of random token ids (one example per row, as the
worker's packed synthetic rows), the causal-LM loss over every position (labels = ids), backward,
clip, AdamW step, zero_grad. Timed with a device synchronize before each clock read.

  hf_train.py --model DIR --method lora|full [--batch 4 --seq 2048 --warmup 3 --steps 5
      --device cuda --precision bf16-autocast|fp32 --lora-r 16 --lora-alpha 32
      --targets q_proj,...  --attn sdpa --gradient-checkpointing]
prints one JSON line (tokens_per_s = median over the timed steps of batch·seq / step time).
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402
import torch  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--method", choices=["lora", "full"], default="lora")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--seq", type=int, default=2048)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--steps", type=int, default=5, help="timed steps after the warm-up")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--precision", choices=["bf16-autocast", "fp32"], default="bf16-autocast")
    ap.add_argument("--lora-r", type=int, default=16)
    ap.add_argument("--lora-alpha", type=float, default=32.0)
    ap.add_argument("--targets", default=",".join(util.LORA_TARGETS))
    ap.add_argument("--attn", default="sdpa")
    ap.add_argument("--gradient-checkpointing", action="store_true")
    a = ap.parse_args()

    import transformers
    from transformers import AutoModelForCausalLM
    from ref_logits import dtype_kwargs

    dev = torch.device(a.device)
    cuda = dev.type == "cuda"
    torch.manual_seed(0)
    t_load = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(a.model, attn_implementation=a.attn,
                                                 **dtype_kwargs(torch.float32)).float().to(dev)
    model.config.use_cache = False
    engine = f"transformers {transformers.__version__}"
    if a.gradient_checkpointing:
        model.gradient_checkpointing_enable()
        if a.method == "lora":
            model.enable_input_require_grads()
    if a.method == "lora":
        import peft
        from peft import LoraConfig, get_peft_model
        model = get_peft_model(model, LoraConfig(r=a.lora_r, lora_alpha=a.lora_alpha, lora_dropout=0.0,
                                                 target_modules=a.targets.split(","), bias="none",
                                                 init_lora_weights="gaussian", task_type="CAUSAL_LM"))
        engine += f" + peft {peft.__version__}"
    model.train()
    load_s = time.perf_counter() - t_load
    trainable = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(trainable, lr=2e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    vocab = model.config.vocab_size
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    autocast = torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=a.precision == "bf16-autocast")

    times, losses = [], []
    for step in range(a.warmup + a.steps):
        ids = torch.randint(0, vocab, (a.batch, a.seq), device=dev)
        sync()
        t0 = time.perf_counter()
        with autocast:
            loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        sync()
        times.append(time.perf_counter() - t0)
        losses.append(loss.item())

    timed = times[a.warmup:]
    tokens = a.batch * a.seq
    print(json.dumps({
        "engine": engine + f", torch {torch.__version__}", "method": a.method, "device": str(dev),
        "precision": a.precision, "attn": a.attn, "gradient_checkpointing": a.gradient_checkpointing,
        "batch": a.batch, "seq": a.seq, "warmup": a.warmup, "steps": a.steps,
        "trainable_parameters": sum(p.numel() for p in trainable),
        "total_parameters": sum(p.numel() for p in model.parameters()),
        "tokens_per_s": tokens / statistics.median(timed),
        "step_s": [round(t, 4) for t in times],
        "cuda_memory_bytes": torch.cuda.max_memory_allocated() if cuda else None,
        "cuda_reserved_bytes": torch.cuda.max_memory_reserved() if cuda else None,
        "load_s": load_s, "losses": losses,
    }))


if __name__ == "__main__":
    main()
