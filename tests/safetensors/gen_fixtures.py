#!/usr/bin/python3
"""Writes tests/safetensors/data/: files of every dtype and a sharded
checkpoint made by the reference writer (safetensors_ref.py), plus JSON with
the expected values. Run: /usr/bin/python3 tests/safetensors/gen_fixtures.py
"""
import json
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_ref as ref  # noqa: E402


def make_tensors():
    g = torch.Generator().manual_seed(7)
    base = torch.randn(3, 5, generator=g) * 10
    return {
        "f64": base.double(),
        "f32": base.clone(),
        "f16": base.half(),
        "bf16": base.bfloat16(),
        "i64": torch.tensor([[-(2 ** 40), 0, 2 ** 40 + 3]], dtype=torch.int64),
        "i32": torch.arange(-6, 6, dtype=torch.int32).reshape(2, 2, 3),
        "i16": torch.tensor([-32768, 1, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, 5, 127], dtype=torch.int8),
        "u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True]),
        "scalar": torch.tensor(2.5, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
        "model.layers.0.self_attn.q_proj.weight": torch.randn(4, 6, generator=g).bfloat16(),
    }


def expected(tensors):
    out = {}
    for name, t in tensors.items():
        values = t.double().flatten().tolist() if t.dtype != torch.bool else [float(v) for v in t.flatten().tolist()]
        out[name] = {"dtype": ref.DTYPES[t.dtype][0], "shape": list(t.shape), "values": values}
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "data"))
    os.makedirs(data, exist_ok=True)
    tensors = make_tensors()
    ref.save_file(tensors, os.path.join(data, "all_dtypes.safetensors"), {"format": "pt", "note": "ünïcode"})
    with open(os.path.join(data, "all_dtypes.json"), "w") as f:
        json.dump({"metadata": {"format": "pt", "note": "ünïcode"}, "tensors": expected(tensors)}, f, indent=1)

    shard_dir = os.path.join(data, "sharded")
    os.makedirs(shard_dir, exist_ok=True)
    names = sorted(tensors)
    shards = {"model-00001-of-00002.safetensors": names[: len(names) // 2],
              "model-00002-of-00002.safetensors": names[len(names) // 2:]}
    weight_map, total = {}, 0
    for shard, keys in shards.items():
        ref.save_file({k: tensors[k] for k in keys}, os.path.join(shard_dir, shard), {"format": "pt"})
        for k in keys:
            weight_map[k] = shard
            total += tensors[k].numel() * ref.DTYPES[tensors[k].dtype][1]
    with open(os.path.join(shard_dir, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
