#!/usr/bin/python3
"""The same benchmark in Debian python3-torch: the prefill forward of the
demo presets with transformers' math (tests/model/reference_llama.py), random
weights, same threads. Prints one JSON line.

  /usr/bin/python3 bench/model/bench_model.py --preset tiny --seq 128 --threads 2
"""
import argparse
import json
import os
import resource
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "model"))
import reference_llama as ref  # noqa: E402

PRESETS = {
    "tiny": {"model_type": "llama", "vocab_size": 4096, "hidden_size": 128, "intermediate_size": 352,
             "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 32,
             "rms_norm_eps": 1e-6, "tie_word_embeddings": False},
    "small100m": {"model_type": "llama", "vocab_size": 32000, "hidden_size": 768, "intermediate_size": 2048,
                  "num_hidden_layers": 12, "num_attention_heads": 12, "num_key_value_heads": 4, "head_dim": 64,
                  "rms_norm_eps": 1e-6, "tie_word_embeddings": True},
}


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="tiny", choices=sorted(PRESETS))
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rss0 = rss_mb()
    d = PRESETS[args.preset]
    cfg = ref.Config(d)
    W = ref.random_weights(cfg, d["vocab_size"], d["intermediate_size"], torch.Generator().manual_seed(0), std=0.02)
    rss1 = rss_mb()
    ids = torch.randint(0, d["vocab_size"], (args.batch, args.seq))
    with torch.no_grad():
        ref.forward(cfg, W, ids)
        t0 = time.perf_counter()
        for _ in range(args.iters):
            ref.forward(cfg, W, ids)
        dt = time.perf_counter() - t0
    print(json.dumps({"engine": "python3-torch " + torch.__version__ + " (reference_llama.py)",
                      "preset": args.preset, "threads": torch.get_num_threads(), "batch": args.batch,
                      "seq": args.seq, "prefill_tokens_per_s": args.batch * args.seq * args.iters / dt,
                      "rss_before_model_mb": rss0, "rss_after_load_mb": rss1, "peak_rss_mb": rss_mb()}))


if __name__ == "__main__":
    main()
