#!/usr/bin/env python3
"""Reference logits of a Hugging Face model folder (optionally with a PEFT LoRA adapter), fp32 on
the CPU, for scripts/gpu-check.sh:

- transformers installed: AutoModelForCausalLM (eager attention, fp32), the adapter loaded with
  peft's PeftModel (without peft: applied by hand, W + scale·B·A);
- else tests/model/reference_llama.py (transformers' LLaMA / Qwen2 math in plain torch) with the
  adapter applied by hand.

Positions are those transformers' generate() uses with left padding (cumsum of the mask - 1), as the
worker does.

  ref_logits.py --model DIR [--adapter RUN/adapter] --input IN.safetensors --out OUT.safetensors
      [--backend auto|transformers|reference]
prints one JSON line {"source", "shape"}.
"""
import argparse
import glob
import json
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import util  # noqa: E402
import torch  # noqa: E402


def transformers_available():
    try:
        __import__("transformers")
        return True
    except Exception:  # not installed, or it fails to import with this torch
        return False


def peft_available():
    try:
        __import__("peft")
        return True
    except Exception:
        return False


def dtype_kwargs(dtype):
    """from_pretrained's dtype argument: `dtype` in transformers 5 (and late 4.x), `torch_dtype` before."""
    import transformers
    major, minor = (int(x) for x in transformers.__version__.split(".")[:2])
    return {"dtype": dtype} if (major, minor) >= (4, 56) else {"torch_dtype": dtype}


def position_ids(mask):
    pos = mask.long().cumsum(-1) - 1
    return pos.masked_fill(mask == 0, 1)


def load_weights(folder):
    """Every tensor of the folder's model*.safetensors as fp32."""
    files = sorted(glob.glob(os.path.join(folder, "model*.safetensors")))
    if not files:
        raise util.StepFailed(f"no model*.safetensors in {folder}")
    weights = {}
    for f in files:
        weights.update(util.load_st(f))
    return {k: v.float() for k, v in weights.items()}


def lora_deltas(adapter_dir):
    """{module path: scale · B·A} of a PEFT LoRA adapter folder, and its scale."""
    with open(os.path.join(adapter_dir, "adapter_config.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    r, alpha = cfg["r"], cfg["lora_alpha"]
    scale = alpha / (r ** 0.5) if cfg.get("use_rslora") else alpha / r
    tensors = util.load_st(os.path.join(adapter_dir, "adapter_model.safetensors"))
    prefix, a_suffix = "base_model.model.", ".lora_A.weight"
    deltas = {}
    for key, a in tensors.items():
        if not key.endswith(a_suffix):
            continue
        module = key[len(prefix):-len(a_suffix)] if key.startswith(prefix) else key[:-len(a_suffix)]
        b = tensors[key[:-len(a_suffix)] + ".lora_B.weight"]
        deltas[module] = scale * (b.double() @ a.double())
    if not deltas:
        raise util.StepFailed(f"no LoRA tensors in {adapter_dir}")
    return deltas, scale


def lora_b_stats(adapter_dir):
    """(number of B matrices, the smallest of their max |B|): 0 means some B is still all zeros."""
    tensors = util.load_st(os.path.join(adapter_dir, "adapter_model.safetensors"))
    bs = [t for k, t in tensors.items() if k.endswith(".lora_B.weight")]
    return len(bs), min((t.abs().max().item() for t in bs), default=0.0)


def _transformers_logits(model_dir, ids, mask, adapter_dir):
    import transformers
    from transformers import AutoModelForCausalLM
    model = AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation="eager",
                                                 **dtype_kwargs(torch.float32)).float().eval()
    source = f"transformers {transformers.__version__} (AutoModelForCausalLM, eager attention, fp32, CPU)"
    if adapter_dir:
        if peft_available():
            import peft
            from peft import PeftModel
            model = PeftModel.from_pretrained(model, adapter_dir).eval()
            source += f" + peft {peft.__version__} (PeftModel.from_pretrained)"
        else:
            deltas, _ = lora_deltas(adapter_dir)
            with torch.no_grad():
                for module, delta in deltas.items():
                    w = model.get_parameter(module + ".weight")
                    w.copy_((w.double() + delta).float())
            source += " + the LoRA adapter applied by hand (W + scale·B·A; peft not installed)"
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=mask, position_ids=position_ids(mask), use_cache=False)
    return out.logits.float(), source


def _reference_logits(model_dir, ids, mask, adapter_dir):
    import reference_llama as ref
    cfg = ref.Config(util.model_config(model_dir))
    weights = load_weights(model_dir)
    source = f"tests/model/reference_llama.py (transformers' math in torch {torch.__version__}, fp32, CPU)"
    if adapter_dir:
        deltas, _ = lora_deltas(adapter_dir)
        for module, delta in deltas.items():
            weights[module + ".weight"] = (weights[module + ".weight"].double() + delta).float()
        source += " + the LoRA adapter applied by hand (W + scale·B·A)"
    with torch.no_grad():
        return ref.forward(cfg, weights, ids, mask).float(), source


def reference_logits(model_dir, ids, mask, adapter_dir=None, backend="auto"):
    """(logits [B, T, V] fp32, a sentence naming the reference)."""
    if backend == "transformers" or (backend == "auto" and transformers_available()):
        return _transformers_logits(model_dir, ids, mask, adapter_dir)
    return _reference_logits(model_dir, ids, mask, adapter_dir)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--adapter")
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--backend", choices=["auto", "transformers", "reference"], default="auto")
    a = ap.parse_args()
    t = util.load_st(a.input)
    ids = t["input_ids"].long()
    mask = t.get("attention_mask", torch.ones_like(ids)).long()
    logits, source = reference_logits(a.model, ids, mask, a.adapter, a.backend)
    util.save_st({"logits": logits}, a.out)
    print(json.dumps({"source": source, "shape": list(logits.shape)}))


if __name__ == "__main__":
    main()
