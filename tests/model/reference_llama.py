#!/usr/bin/python3
"""Reference forward pass of LLaMA / Mistral / Qwen2 causal LMs in plain
torch, following transformers' modeling_llama.py, modeling_qwen2.py,
modeling_mistral.py and modeling_rope_utils.py (eager attention path), and
BLOOM's build_alibi_tensor for the ALiBi variant. Used by gen_fixtures.py to
write small random models in the Hugging Face layout with expected logits.
"""
import math

import torch


class Config:
    def __init__(self, d):
        self.d = d
        self.model_type = d.get("model_type", "llama")
        self.hidden_size = d["hidden_size"]
        self.num_heads = d["num_attention_heads"]
        self.num_kv_heads = d.get("num_key_value_heads") or self.num_heads
        self.head_dim = d.get("head_dim") or self.hidden_size // self.num_heads
        self.eps = d.get("rms_norm_eps", 1e-6)
        rp = d.get("rope_parameters")
        self.rope_theta = (rp or {}).get("rope_theta", d.get("rope_theta", 10000.0))
        self.rope_scaling = rp if rp is not None else d.get("rope_scaling")
        self.alibi = d.get("position_embedding_type") == "alibi"
        self.tie = d.get("tie_word_embeddings", False)
        if self.model_type == "qwen2":
            self.qkv_bias, self.o_bias, self.mlp_bias = True, False, False
        elif self.model_type == "llama":
            self.qkv_bias = self.o_bias = d.get("attention_bias", False)
            self.mlp_bias = d.get("mlp_bias", False)
        else:
            self.qkv_bias = self.o_bias = self.mlp_bias = False
        self.sliding_window = d.get("sliding_window") if self.model_type == "mistral" else None
        self.layers = d["num_hidden_layers"]


def inv_freq(cfg):
    """modeling_rope_utils: default, linear and llama3 inverse frequencies."""
    dim = cfg.head_dim
    base = cfg.rope_theta
    f = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    rs = cfg.rope_scaling
    kind = None if rs is None else rs.get("rope_type", rs.get("type"))
    if kind in (None, "default"):
        return f
    if kind == "linear":
        return f / rs["factor"]
    if kind == "llama3":
        factor = rs["factor"]
        low, high = rs["low_freq_factor"], rs["high_freq_factor"]
        old = rs["original_max_position_embeddings"]
        low_freq_wavelen = old / low
        high_freq_wavelen = old / high
        wavelen = 2 * math.pi / f
        inv_freq_llama = torch.where(wavelen > low_freq_wavelen, f / factor, f)
        smooth_factor = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
        is_medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
        return torch.where(is_medium, smoothed, inv_freq_llama)
    raise ValueError(kind)


def rope_cos_sin(cfg, position_ids):
    """LlamaRotaryEmbedding.forward (attention_scaling = 1 for default/linear/llama3)."""
    f = inv_freq(cfg)
    inv_freq_expanded = f[None, :, None].float().expand(position_ids.shape[0], -1, 1)
    position_ids_expanded = position_ids[:, None, :].float()
    freqs = (inv_freq_expanded.float() @ position_ids_expanded.float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary_pos_emb(q, k, cos, sin):
    cos = cos.unsqueeze(1)
    sin = sin.unsqueeze(1)
    return (q * cos) + (rotate_half(q) * sin), (k * cos) + (rotate_half(k) * sin)


def repeat_kv(h, n_rep):
    b, kvh, slen, hd = h.shape
    if n_rep == 1:
        return h
    return h[:, :, None, :, :].expand(b, kvh, n_rep, slen, hd).reshape(b, kvh * n_rep, slen, hd)


def rms_norm(x, w, eps):
    input_dtype = x.dtype
    h = x.to(torch.float32)
    variance = h.pow(2).mean(-1, keepdim=True)
    h = h * torch.rsqrt(variance + eps)
    return w * h.to(input_dtype)


def linear(x, W, name):
    return torch.nn.functional.linear(x, W[name + ".weight"], W.get(name + ".bias"))


def bloom_alibi_slopes(n):
    """BLOOM's build_alibi_tensor slopes (closest power of two, then interleaved extras)."""
    closest = 2 ** math.floor(math.log2(n))
    base = 2 ** (-(2 ** -(math.log2(closest) - 3)))
    slopes = [base ** p for p in range(1, 1 + closest)]
    if closest != n:
        extra_base = 2 ** (-(2 ** -(math.log2(2 * closest) - 3)))
        num_rem = min(closest, n - closest)
        slopes += [extra_base ** p for p in range(1, 1 + 2 * num_rem, 2)]
    return torch.tensor(slopes, dtype=torch.float32)


def causal_mask(cfg, attention_mask, dtype):
    """4-D additive mask as transformers builds it: min_dtype where masked."""
    b, t = attention_mask.shape
    min_dtype = torch.finfo(dtype).min
    i = torch.arange(t)[:, None]
    j = torch.arange(t)[None, :]
    allowed = j <= i
    if cfg.sliding_window:
        allowed = allowed & (j > i - cfg.sliding_window)
    allowed = allowed[None, :, :] & attention_mask.bool()[:, None, :]
    mask = torch.zeros(b, 1, t, t, dtype=dtype)
    return mask.masked_fill(~allowed[:, None], min_dtype)


def forward(cfg, W, input_ids, attention_mask=None):
    """Logits [B, T, V] (fp32) of LlamaForCausalLM / Qwen2ForCausalLM / MistralForCausalLM."""
    b, t = input_ids.shape
    if attention_mask is None:
        attention_mask = torch.ones(b, t, dtype=torch.long)
    # As generate() prepares them for left padding.
    position_ids = attention_mask.long().cumsum(-1) - 1
    position_ids.masked_fill_(attention_mask == 0, 1)
    h = torch.nn.functional.embedding(input_ids, W["model.embed_tokens.weight"])
    mask = causal_mask(cfg, attention_mask, h.dtype)
    if cfg.alibi:
        slopes = bloom_alibi_slopes(cfg.num_heads)
        arange_tensor = ((attention_mask.cumsum(dim=-1) - 1) * attention_mask)[:, None, :]
        alibi = (slopes[None, :, None] * arange_tensor)[:, :, None, :]  # [B, H, 1, Tk]
    else:
        cos, sin = rope_cos_sin(cfg, position_ids)
    scaling = cfg.head_dim ** -0.5
    for layer in range(cfg.layers):
        p = f"model.layers.{layer}."
        residual = h
        x = rms_norm(h, W[p + "input_layernorm.weight"], cfg.eps)
        q = linear(x, W, p + "self_attn.q_proj").view(b, t, -1, cfg.head_dim).transpose(1, 2)
        k = linear(x, W, p + "self_attn.k_proj").view(b, t, -1, cfg.head_dim).transpose(1, 2)
        v = linear(x, W, p + "self_attn.v_proj").view(b, t, -1, cfg.head_dim).transpose(1, 2)
        if not cfg.alibi:
            q, k = apply_rotary_pos_emb(q, k, cos, sin)
        k = repeat_kv(k, cfg.num_heads // cfg.num_kv_heads)
        v = repeat_kv(v, cfg.num_heads // cfg.num_kv_heads)
        attn = torch.matmul(q, k.transpose(2, 3)) * scaling
        if cfg.alibi:
            attn = attn + alibi
        attn = attn + mask
        attn = torch.nn.functional.softmax(attn, dim=-1, dtype=torch.float32).to(q.dtype)
        out = torch.matmul(attn, v).transpose(1, 2).contiguous().reshape(b, t, -1)
        h = residual + linear(out, W, p + "self_attn.o_proj")
        residual = h
        x = rms_norm(h, W[p + "post_attention_layernorm.weight"], cfg.eps)
        gate = linear(x, W, p + "mlp.gate_proj")
        up = linear(x, W, p + "mlp.up_proj")
        h = residual + linear(torch.nn.functional.silu(gate) * up, W, p + "mlp.down_proj")
    h = rms_norm(h, W["model.norm.weight"], cfg.eps)
    head = W["model.embed_tokens.weight"] if cfg.tie else W["lm_head.weight"]
    return torch.nn.functional.linear(h, head).float()


def random_weights(cfg, vocab, intermediate, gen, std=0.3):
    """Random HF-named weights; norms around 1 and non-zero biases so every term matters."""
    H, hd = cfg.hidden_size, cfg.head_dim
    q, kv = cfg.num_heads * hd, cfg.num_kv_heads * hd
    W = {}

    def rnd(*shape, s=std):
        return torch.randn(*shape, generator=gen) * s

    W["model.embed_tokens.weight"] = rnd(vocab, H, s=1.0)
    for i in range(cfg.layers):
        p = f"model.layers.{i}."
        W[p + "input_layernorm.weight"] = 1 + rnd(H, s=0.1)
        W[p + "post_attention_layernorm.weight"] = 1 + rnd(H, s=0.1)
        for name, (o, n, bias) in {"q_proj": (q, H, cfg.qkv_bias), "k_proj": (kv, H, cfg.qkv_bias),
                                   "v_proj": (kv, H, cfg.qkv_bias), "o_proj": (H, q, cfg.o_bias)}.items():
            W[p + "self_attn." + name + ".weight"] = rnd(o, n)
            if bias:
                W[p + "self_attn." + name + ".bias"] = rnd(o, s=0.1)
        for name, (o, n) in {"gate_proj": (intermediate, H), "up_proj": (intermediate, H),
                             "down_proj": (H, intermediate)}.items():
            W[p + "mlp." + name + ".weight"] = rnd(o, n)
            if cfg.mlp_bias:
                W[p + "mlp." + name + ".bias"] = rnd(o, s=0.1)
    W["model.norm.weight"] = 1 + rnd(H, s=0.1)
    if not cfg.tie:
        W["lm_head.weight"] = rnd(vocab, H)
    return W
