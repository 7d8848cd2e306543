#!/usr/bin/python3
"""Reference forward pass of BloomForCausalLM in plain torch, following
transformers' modeling_bloom.py (eager path): build_alibi_tensor (slopes
times the key's position among the real tokens), the fused query_key_value
viewed as (batch, seq, heads, 3, head_dim), scores = baddbmm(alibi, q, kᵀ,
beta=1, alpha=1/√head_dim), masked positions set to the float32 minimum,
softmax in fp32, bloom_gelu, LayerNorms with bias, the residual rule of
apply_residual_connection_post_layernorm and the head tied to the word
embeddings (or lm_head.weight with tie_word_embeddings false). Run as a script it writes small random BLOOM models in the
Hugging Face layout with their expected logits:

  /usr/bin/python3 tests/model/reference_bloom.py [OUT_DIR] [SEED]

OUT_DIR defaults to tests/model/data (folders bloom_*). Each case folder holds
config.json, model.safetensors and expected.safetensors: input_ids [2, T]
(row 1 left-padded by 3), attention_mask [2, T] and logits [2, T, V] (fp32).
"""
import json
import math
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Config:
    def __init__(self, d):
        self.hidden_size = d.get("n_embed", d.get("hidden_size"))
        self.n_layer = d.get("n_layer", d.get("num_hidden_layers"))
        self.n_head = d.get("n_head", d.get("num_attention_heads"))
        self.head_dim = self.hidden_size // self.n_head
        self.eps = d.get("layer_norm_epsilon", 1e-5)
        self.post_ln_residual = d.get("apply_residual_connection_post_layernorm", False)
        self.vocab_size = d["vocab_size"]
        self.tied = d.get("tie_word_embeddings", True)


def build_alibi_tensor(attention_mask, n_head, dtype):
    """[B * n_head, 1, T]: slope_h times each key's position among the row's real tokens."""
    batch_size, seq_length = attention_mask.shape
    closest_power_of_2 = 2 ** math.floor(math.log2(n_head))
    base = torch.tensor(2 ** (-(2 ** -(math.log2(closest_power_of_2) - 3))), dtype=torch.float32)
    powers = torch.arange(1, 1 + closest_power_of_2, dtype=torch.int32)
    slopes = torch.pow(base, powers)
    if closest_power_of_2 != n_head:
        extra_base = torch.tensor(2 ** (-(2 ** -(math.log2(2 * closest_power_of_2) - 3))), dtype=torch.float32)
        num_remaining_heads = min(closest_power_of_2, n_head - closest_power_of_2)
        extra_powers = torch.arange(1, 1 + 2 * num_remaining_heads, 2, dtype=torch.int32)
        slopes = torch.cat([slopes, torch.pow(extra_base, extra_powers)], dim=0)
    arange_tensor = ((attention_mask.cumsum(dim=-1) - 1) * attention_mask)[:, None, :]
    alibi = slopes[..., None] * arange_tensor
    return alibi.reshape(batch_size * n_head, 1, seq_length).to(dtype)


def bloom_gelu(x):
    return x * 0.5 * (1.0 + torch.tanh(0.79788456 * x * (1 + 0.044715 * x * x)))


def layer_norm(x, W, name, eps):
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), W[name + ".weight"], W[name + ".bias"], eps)


def linear(x, W, name):
    return torch.nn.functional.linear(x, W[name + ".weight"], W.get(name + ".bias"))


def attention(cfg, W, p, x, residual, alibi, masked):
    b, t, _ = x.shape
    h, d = cfg.n_head, cfg.head_dim
    fused = linear(x, W, p + "query_key_value").view(b, t, h, 3, d)
    q, k, v = fused[..., 0, :], fused[..., 1, :], fused[..., 2, :]  # [B, T, H, D]
    scores = torch.baddbmm(alibi,
                           q.transpose(1, 2).reshape(b * h, t, d),
                           k.permute(0, 2, 3, 1).reshape(b * h, d, t),
                           beta=1.0, alpha=1.0 / math.sqrt(d))
    weights = scores.view(b, h, t, t).float().masked_fill(masked, torch.finfo(torch.float32).min)
    probs = torch.nn.functional.softmax(weights, dim=-1, dtype=torch.float32).to(x.dtype)
    context = torch.bmm(probs.view(b * h, t, t), v.transpose(1, 2).reshape(b * h, t, d))
    context = context.view(b, h, t, d).permute(0, 2, 1, 3).reshape(b, t, h * d)
    return linear(context, W, p + "dense") + residual


def forward(cfg, W, input_ids, attention_mask=None):
    """Logits [B, T, V] (fp32). W holds the names with the "transformer." prefix."""
    b, t = input_ids.shape
    if attention_mask is None:
        attention_mask = torch.ones(b, t, dtype=torch.long)
    h = torch.nn.functional.embedding(input_ids, W["transformer.word_embeddings.weight"])
    h = layer_norm(h, W, "transformer.word_embeddings_layernorm", cfg.eps)
    alibi = build_alibi_tensor(attention_mask, cfg.n_head, h.dtype)
    causal = torch.ones(t, t, dtype=torch.bool).triu(diagonal=1)
    masked = causal[None, None] | ~attention_mask.bool()[:, None, None, :]  # [B, 1, T, T], True = masked
    for layer in range(cfg.n_layer):
        p = f"transformer.h.{layer}."
        ln = layer_norm(h, W, p + "input_layernorm", cfg.eps)
        residual = ln if cfg.post_ln_residual else h
        attn = attention(cfg, W, p + "self_attention.", ln, residual, alibi, masked)
        ln = layer_norm(attn, W, p + "post_attention_layernorm", cfg.eps)
        residual = ln if cfg.post_ln_residual else attn
        h = linear(bloom_gelu(linear(ln, W, p + "mlp.dense_h_to_4h")), W, p + "mlp.dense_4h_to_h") + residual
    h = layer_norm(h, W, "transformer.ln_f", cfg.eps)
    head = W.get("lm_head.weight", W["transformer.word_embeddings.weight"])
    return torch.nn.functional.linear(h, head).float()


def random_weights(cfg, gen, std=0.3):
    """Random HF-named weights; norms around 1 and non-zero biases so every term matters."""
    H, V = cfg.hidden_size, cfg.vocab_size

    def rnd(*shape, s=std):
        return torch.randn(*shape, generator=gen) * s

    W = {"transformer.word_embeddings.weight": rnd(V, H, s=0.5)}

    def norm(name):
        W[name + ".weight"] = 1 + rnd(H, s=0.1)
        W[name + ".bias"] = rnd(H, s=0.1)

    def lin(name, out, inp):
        W[name + ".weight"] = rnd(out, inp)
        W[name + ".bias"] = rnd(out, s=0.1)

    norm("transformer.word_embeddings_layernorm")
    for i in range(cfg.n_layer):
        p = f"transformer.h.{i}."
        norm(p + "input_layernorm")
        lin(p + "self_attention.query_key_value", 3 * H, H)
        lin(p + "self_attention.dense", H, H)
        norm(p + "post_attention_layernorm")
        lin(p + "mlp.dense_h_to_4h", 4 * H, H)
        lin(p + "mlp.dense_4h_to_h", H, 4 * H)
    norm("transformer.ln_f")
    if not cfg.tied:
        W["lm_head.weight"] = rnd(V, H, s=0.5)
    return W


VOCAB = 40
# n_embed / hidden_size and n_layer / num_hidden_layers: both spellings occur in real config.json files.
CASES = {
    # 4 heads (a power of two), BloomForCausalLM's "transformer." names.
    "bloom_h4": ({"n_embed": 16, "n_layer": 2, "n_head": 4}, True),
    # 6 heads: two of BLOOM's extra slopes; residuals from the normed values; BloomModel's bare names.
    "bloom_h6_postln_bare": ({"hidden_size": 24, "num_hidden_layers": 2, "n_head": 6,
                              "apply_residual_connection_post_layernorm": True}, False),
    # 8 heads, three layers, bf16 weights (compared in fp32), a short seq_length.
    "bloom_h8_bf16": ({"hidden_size": 32, "n_layer": 3, "num_attention_heads": 8, "torch_dtype": "bfloat16",
                       "seq_length": 32}, True),
    # A LayerNorm epsilon of 1e-3 (large enough to move the logits), read from layer_norm_epsilon.
    "bloom_ln_eps1e-3": ({"n_embed": 16, "n_layer": 2, "n_head": 4, "layer_norm_epsilon": 1e-3}, True),
    # 2 heads and an untied head: lm_head.weight of its own.
    "bloom_untied_head": ({"n_embed": 16, "n_layer": 2, "n_head": 2, "tie_word_embeddings": False}, True),
}
# Names sort after the first three so that those keep their seeds (seed + index in sorted order).


def write_case(out, name, overrides, prefixed, seed):
    sys.path.insert(0, os.path.join(HERE, "..", "safetensors"))
    import safetensors_ref

    d = {"model_type": "bloom", "architectures": ["BloomForCausalLM"], "vocab_size": VOCAB,
         "layer_norm_epsilon": 1e-5, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 3}
    d.update(overrides)
    cfg = Config(d)
    gen = torch.Generator().manual_seed(seed)
    W = random_weights(cfg, gen)
    if d.get("torch_dtype") == "bfloat16":
        W = {k: v.bfloat16() for k, v in W.items()}
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    saved = W if prefixed else {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in W.items()}
    safetensors_ref.save_file(saved, os.path.join(folder, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(d, f, indent=2, sort_keys=True)

    t = 9
    ids = torch.randint(4, VOCAB, (2, t), generator=gen)
    mask = torch.ones(2, t, dtype=torch.long)
    mask[1, :3] = 0
    ids[1, :3] = 3
    with torch.no_grad():
        logits = forward(cfg, {k: v.float() for k, v in W.items()}, ids, mask)
    safetensors_ref.save_file({"input_ids": ids, "attention_mask": mask, "logits": logits.contiguous()},
                              os.path.join(folder, "expected.safetensors"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data")
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 4321
    torch.set_num_threads(1)
    for i, (name, (overrides, prefixed)) in enumerate(sorted(CASES.items())):
        write_case(out, name, overrides, prefixed, seed + i)
    print("\n".join(sorted(CASES)))


if __name__ == "__main__":
    main()
