#!/usr/bin/python3
"""Writes small random LLaMA-family models in the Hugging Face layout
(config.json + model.safetensors) with reference logits computed by
reference_llama.py (transformers' math in plain torch):

  /usr/bin/python3 tests/model/gen_fixtures.py [OUT_DIR] [SEED]

OUT_DIR defaults to tests/model/data. Each case folder also holds
expected.safetensors: input_ids [2, T] (row 1 left-padded by 3),
attention_mask [2, T] and logits [2, T, V] (fp32).
"""
import json
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "safetensors"))
import reference_llama as ref  # noqa: E402
import safetensors_ref  # noqa: E402

VOCAB = 40
BASE = {"vocab_size": VOCAB, "hidden_size": 16, "intermediate_size": 24, "num_hidden_layers": 2,
        "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-5,
        "max_position_embeddings": 64, "hidden_act": "silu", "torch_dtype": "float32"}

CASES = {
    "llama_mha": {"model_type": "llama", "num_attention_heads": 2, "num_key_value_heads": 2},
    "llama_gqa_linear_bias": {"model_type": "llama", "attention_bias": True, "mlp_bias": True,
                              "rope_scaling": {"type": "linear", "factor": 2.0}, "rope_theta": 500.0},
    "llama_gqa_llama3_headdim": {"model_type": "llama", "num_key_value_heads": 1, "head_dim": 8,
                                 "rope_theta": 10000.0,
                                 "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                                  "high_freq_factor": 4.0,
                                                  "original_max_position_embeddings": 16}},
    "qwen2_tied_bf16": {"model_type": "qwen2", "tie_word_embeddings": True, "torch_dtype": "bfloat16",
                        "rope_theta": 1000000.0},
    "qwen2_rope_parameters": {"model_type": "qwen2", "dtype": "float32",
                              "rope_parameters": {"rope_type": "linear", "factor": 4.0, "rope_theta": 100.0}},
    "mistral_sliding_window": {"model_type": "mistral", "sliding_window": 4},
    "llama_alibi4": {"model_type": "llama", "position_embedding_type": "alibi"},
    "llama_alibi6_tied": {"model_type": "llama", "position_embedding_type": "alibi", "hidden_size": 24,
                          "num_attention_heads": 6, "num_key_value_heads": 3, "tie_word_embeddings": True},
}


def write_case(out, name, overrides, seed):
    d = dict(BASE)
    d.update(overrides)
    if "torch_dtype" in overrides and "dtype" in overrides:
        d.pop("torch_dtype")
    if "dtype" in overrides:
        d.pop("torch_dtype", None)
    cfg = ref.Config(d)
    gen = torch.Generator().manual_seed(seed)
    W = ref.random_weights(cfg, VOCAB, d["intermediate_size"], gen)
    if d.get("torch_dtype") == "bfloat16":
        W = {k: v.bfloat16() for k, v in W.items()}
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    safetensors_ref.save_file(W, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(d, f, indent=2, sort_keys=True)

    t = 9
    ids = torch.randint(1, VOCAB, (2, t), generator=gen)
    mask = torch.ones(2, t, dtype=torch.long)
    mask[1, :3] = 0
    ids[1, :3] = 0
    with torch.no_grad():
        logits = ref.forward(cfg, {k: v.float() for k, v in W.items()}, ids, mask)
    safetensors_ref.save_file({"input_ids": ids, "attention_mask": mask, "logits": logits.contiguous()},
                              os.path.join(folder, "expected.safetensors"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data")
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1234
    torch.set_num_threads(1)
    for i, (name, overrides) in enumerate(sorted(CASES.items())):
        write_case(out, name, overrides, seed + i)
    print("\n".join(sorted(CASES)))


if __name__ == "__main__":
    main()
