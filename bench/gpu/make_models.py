#!/usr/bin/env python3
"""Inputs of scripts/gpu-check.sh, all deterministic:

  make_models.py models --out DIR --tokenizer-from TINY [--seed S]
      DIR/llama (llama3 RoPE scaling, GQA, untied head) and DIR/qwen2 (linear RoPE scaling, q/k/v
      bias, tied head): small random models in the Hugging Face layout (config.json +
      model.safetensors, fp32) made with tests/model/reference_llama.random_weights; the tokenizer
      files of an `init-model --preset tiny` folder are copied in (the vocabulary is its size) so
      `generate` works on them.
  make_models.py inputs --out IN.safetensors --vocab V [--batch 2 --len 24 --pad 5 --seed S]
      input_ids [B, T] (int64, ids in [1, V)) and attention_mask [B, T]: row 1.. left-padded by
      --pad (pad id 0, mask 0), as transformers pads for generation.
  make_models.py data --out train.json --records N --words W [--seed S]
      an Alpaca JSON array of N records whose outputs hold W words each (a deterministic word
      sequence), so that with W >= max_length every record alone is longer than max_length tokens:
      with packing every row is one truncated example and every step computes a full batch.
"""
import argparse
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402  (puts tests/model and tests/safetensors on the path)
import reference_llama as ref  # noqa: E402
import torch  # noqa: E402

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "generation_config.json", "special_tokens_map.json")

SHAPE = {"hidden_size": 64, "intermediate_size": 176, "num_hidden_layers": 2, "num_attention_heads": 4,
         "num_key_value_heads": 2, "head_dim": 16, "rms_norm_eps": 1e-5, "max_position_embeddings": 256,
         "hidden_act": "silu", "torch_dtype": "float32", "initializer_range": 0.02, "use_cache": True}

MODELS = {
    "llama": {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "rope_theta": 10000.0,
              "attention_bias": False, "mlp_bias": False, "tie_word_embeddings": False,
              # Positions beyond 8 already see the scaled frequencies (wavelengths 8..32 are blended).
              "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                               "high_freq_factor": 4.0, "original_max_position_embeddings": 32}},
    "qwen2": {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "rope_theta": 1000000.0,
              "tie_word_embeddings": True, "use_sliding_window": False, "max_window_layers": 2,
              "rope_scaling": {"rope_type": "linear", "factor": 2.0}},
}

WORDS = ("the model reads each instruction and writes a short answer about data training tokens loss "
         "value step batch layer weight learning rate small large first second next last time "
         "question context example sentence word number list table result method paper test check").split()


def write_models(out, tokenizer_from, seed):
    tiny = util.model_config(tokenizer_from)
    vocab = tiny["vocab_size"]
    written = []
    for i, (name, overrides) in enumerate(sorted(MODELS.items())):
        d = dict(SHAPE)
        d.update(overrides)
        d["vocab_size"] = vocab
        for key in ("bos_token_id", "eos_token_id", "pad_token_id"):
            if key in tiny:
                d[key] = tiny[key]
        cfg = ref.Config(d)
        gen = torch.Generator().manual_seed(seed + i)
        # Logits of a few units (fp32 rounding stays far below the 1e-4 limit), a tied head included.
        weights = ref.random_weights(cfg, vocab, d["intermediate_size"], gen, std=0.2)
        if cfg.tie:
            weights["model.embed_tokens.weight"] *= 0.3
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        util.save_st(weights, os.path.join(folder, "model.safetensors"), {"format": "pt"})
        with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as f:
            json.dump(d, f, indent=2, sort_keys=True)
        for t in TOKENIZER_FILES:
            if os.path.exists(os.path.join(tokenizer_from, t)):
                shutil.copy(os.path.join(tokenizer_from, t), os.path.join(folder, t))
        written.append(folder)
    return written


def write_inputs(out, vocab, batch=2, length=24, pad=5, seed=7):
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(1, vocab, (batch, length), generator=gen, dtype=torch.int64)
    mask = torch.ones(batch, length, dtype=torch.int64)
    for row in range(1, batch):
        ids[row, :pad] = 0
        mask[row, :pad] = 0
    util.save_st({"input_ids": ids, "attention_mask": mask}, out)
    return ids, mask


def write_data(out, records, words, seed=0):
    rows = []
    n = len(WORDS)
    for r in range(records):
        # A different stride per record: the sequences differ, and each is easy to regenerate.
        stride = 1 + (7 * r + seed) % (n - 1)
        text = " ".join(WORDS[(r + i * stride + i // n) % n] for i in range(words))
        rows.append({"instruction": f"Continue word sequence number {r}.", "input": "", "output": text})
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(rows, f)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    m = sub.add_parser("models")
    m.add_argument("--out", required=True)
    m.add_argument("--tokenizer-from", required=True, help="an init-model --preset tiny folder")
    m.add_argument("--seed", type=int, default=1234)
    i = sub.add_parser("inputs")
    i.add_argument("--out", required=True)
    i.add_argument("--vocab", type=int, required=True)
    i.add_argument("--batch", type=int, default=2)
    i.add_argument("--len", type=int, default=24)
    i.add_argument("--pad", type=int, default=5)
    i.add_argument("--seed", type=int, default=7)
    d = sub.add_parser("data")
    d.add_argument("--out", required=True)
    d.add_argument("--records", type=int, required=True)
    d.add_argument("--words", type=int, required=True)
    d.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.what == "models":
        print("\n".join(write_models(a.out, a.tokenizer_from, a.seed)))
    elif a.what == "inputs":
        write_inputs(a.out, a.vocab, a.batch, a.len, a.pad, a.seed)
    else:
        write_data(a.out, a.records, a.words, a.seed)


if __name__ == "__main__":
    main()
