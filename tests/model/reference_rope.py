#!/usr/bin/python3
"""RoPE scaling as transformers' modeling_rope_utils computes it, in plain
torch (Debian python3-torch): the inverse frequencies and the attention factor
that multiplies cos and sin, for default, linear, dynamic NTK, YaRN and llama3,
and the dynamic update that recomputes the frequencies from the largest
position id. Written from the formulas (see REFERENCES: RoPE scaling
variants), independent of the C++ engine.

  /usr/bin/python3 reference_rope.py freqs CASES.json
      CASES.json: [{"config": {...config.json fields...}, "seq_len": N or null}, ...]
      prints [{"inv_freq": [...], "attention_factor": f}, ...] as JSON.
  /usr/bin/python3 reference_rope.py fixture OUT_DIR [SEED]
      writes a small random llama model (config.json + model.safetensors) and
      expected.safetensors: input_ids, attention_mask and, per inference-time
      scaling the engine offers, the logits of reference_llama.py's forward
      with the equivalent Hugging Face config.
"""
import json
import math
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "safetensors"))


def _scaling(config):
    rp = config.get("rope_parameters")
    rs = rp if rp is not None else config.get("rope_scaling")
    kind = None if rs is None else rs.get("rope_type", rs.get("type"))
    return (None if kind == "default" else kind), (rs or {})


def _theta(config):
    rp = config.get("rope_parameters") or {}
    return rp.get("rope_theta", config.get("rope_theta", 10000.0))


def _dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def _powers(base, dim):
    return base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim)


def _mscale(scale, m=1.0):
    return 1.0 if scale <= 1 else 0.1 * m * math.log(scale) + 1.0


def rope_parameters(config, seq_len=None):
    """(inv_freq fp32 [dim/2], attention_factor) of a config.json dict at a sequence length."""
    kind, rs = _scaling(config)
    base, dim = _theta(config), _dim(config)
    max_pos = config.get("max_position_embeddings", 2048)
    if kind is None:
        return 1.0 / _powers(base, dim), 1.0
    factor = rs["factor"]
    if kind == "linear":
        inv = 1.0 / _powers(base, dim)
        return inv / factor, 1.0
    if kind == "dynamic":
        # The trained context is max_position_embeddings; shorter sequences keep the base.
        seq = seq_len if seq_len is not None and seq_len > max_pos else max_pos
        base = base * ((factor * seq / max_pos) - (factor - 1)) ** (dim / (dim - 2))
        return 1.0 / _powers(base, dim), 1.0
    if kind == "yarn":
        original = rs.get("original_max_position_embeddings") or max_pos
        attention = rs.get("attention_factor")
        if attention is None:
            m, m_all = rs.get("mscale"), rs.get("mscale_all_dim")
            attention = _mscale(factor, m) / _mscale(factor, m_all) if m and m_all else _mscale(factor)
        beta_fast = rs.get("beta_fast") or 32
        beta_slow = rs.get("beta_slow") or 1

        def dim_of(rotations):
            # The dimension whose wavelength fits `rotations` turns into the trained context.
            return (dim * math.log(original / (rotations * 2 * math.pi))) / (2 * math.log(base))

        low, high = dim_of(beta_fast), dim_of(beta_slow)
        if rs.get("truncate", True):
            low, high = math.floor(low), math.ceil(high)
        low, high = max(low, 0), min(high, dim - 1)
        if low == high:
            high += 0.001
        ramp = torch.clamp((torch.arange(dim // 2, dtype=torch.float32) - low) / (high - low), 0, 1)
        powers = _powers(base, dim)
        extrapolated = 1.0 / powers
        interpolated = 1.0 / (factor * powers)
        keep = 1 - ramp
        return interpolated * (1 - keep) + extrapolated * keep, float(attention)
    if kind == "llama3":
        inv = 1.0 / _powers(base, dim)
        low, high = rs["low_freq_factor"], rs["high_freq_factor"]
        old = rs["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < old / high) * ~(wavelen > old / low)
        return torch.where(medium, smoothed, scaled), 1.0
    raise ValueError(f"unsupported rope type {kind}")


def scaled_rope_cos_sin(cfg, position_ids):
    """LlamaRotaryEmbedding.forward with the dynamic update: seq_len = max position id + 1."""
    seq_len = int(position_ids.max()) + 1
    inv, attention = rope_parameters(cfg.d, seq_len)
    inv_expanded = inv[None, :, None].float().expand(position_ids.shape[0], -1, 1)
    freqs = (inv_expanded @ position_ids[:, None, :].float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos() * attention, emb.sin() * attention


# The tiny model of the fixture: head_dim 16 so YaRN's ramp blends a dimension, a trained
# context of 32 positions and sequences of 40 so dynamic NTK rescales.
FIXTURE = {"model_type": "llama", "vocab_size": 24, "hidden_size": 32, "intermediate_size": 24,
           "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "rms_norm_eps": 1e-5,
           "max_position_embeddings": 32, "rope_theta": 10000.0, "hidden_act": "silu", "torch_dtype": "float32"}
SEQ = 40
PAD = 3


def override_config(config, kind, factor):
    """The Hugging Face config equal to the engine's override (--rope-scaling kind --rope-factor factor)
    with the original context left at the model's max_position_embeddings N."""
    d = dict(config)
    n = config["max_position_embeddings"]
    if kind == "linear":
        d["rope_scaling"] = {"rope_type": "linear", "factor": factor}
    elif kind == "dynamic":
        d["rope_scaling"] = {"rope_type": "dynamic", "factor": factor}  # dynamic reads max_position_embeddings = N
    elif kind == "yarn":
        d["max_position_embeddings"] = int(n * factor)
        d["rope_scaling"] = {"rope_type": "yarn", "factor": factor, "original_max_position_embeddings": n}
    elif kind == "llama3":
        d["max_position_embeddings"] = int(n * factor)
        d["rope_scaling"] = {"rope_type": "llama3", "factor": factor, "low_freq_factor": 1.0,
                             "high_freq_factor": 4.0, "original_max_position_embeddings": n}
    return d


OVERRIDES = [("none", 1.0), ("linear", 2.0), ("dynamic", 2.0), ("yarn", 2.0), ("llama3", 4.0)]


def write_fixture(out, seed):
    import reference_llama as ref
    import safetensors_ref

    ref.rope_cos_sin = scaled_rope_cos_sin  # the reference forward, with every scaling
    cfg = ref.Config(FIXTURE)
    gen = torch.Generator().manual_seed(seed)
    W = ref.random_weights(cfg, FIXTURE["vocab_size"], FIXTURE["intermediate_size"], gen)
    os.makedirs(out, exist_ok=True)
    safetensors_ref.save_file(W, os.path.join(out, "model.safetensors"), {"format": "pt"})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(FIXTURE, f, indent=2, sort_keys=True)
    ids = torch.randint(1, FIXTURE["vocab_size"], (2, SEQ), generator=gen)
    mask = torch.ones(2, SEQ, dtype=torch.long)
    mask[1, :PAD] = 0
    ids[1, :PAD] = 0
    expected = {"input_ids": ids, "attention_mask": mask}
    with torch.no_grad():
        for kind, factor in OVERRIDES:
            scaled = ref.Config(override_config(FIXTURE, kind, factor) if kind != "none" else FIXTURE)
            expected["logits_" + kind] = ref.forward(scaled, W, ids, mask).contiguous()
    safetensors_ref.save_file(expected, os.path.join(out, "expected.safetensors"))


def main():
    torch.set_num_threads(1)
    if len(sys.argv) >= 3 and sys.argv[1] == "freqs":
        with open(sys.argv[2]) as f:
            cases = json.load(f)
        result = []
        for case in cases:
            inv, attention = rope_parameters(case["config"], case.get("seq_len"))
            result.append({"inv_freq": [float(x) for x in inv.tolist()], "attention_factor": attention})
        json.dump(result, sys.stdout)
        print()
    elif len(sys.argv) >= 3 and sys.argv[1] == "fixture":
        write_fixture(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 4321)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
