#!/usr/bin/python3
"""A reference safetensors writer and reader written from the format
specification (huggingface/safetensors README): 8-byte little-endian header
length, JSON header (dtype, shape, data_offsets; optional __metadata__), data
buffer. Like the reference library, tensors are laid out sorted by element
size (largest first) then name, and the header is padded with spaces to a
multiple of 8. Only Python's struct/json and torch are used, so the C++
implementation is checked against an independent one.
"""
import json
import struct

import torch

DTYPES = {
    torch.float64: ("F64", 8), torch.float32: ("F32", 4), torch.float16: ("F16", 2),
    torch.bfloat16: ("BF16", 2), torch.int64: ("I64", 8), torch.int32: ("I32", 4),
    torch.int16: ("I16", 2), torch.int8: ("I8", 1), torch.uint8: ("U8", 1), torch.bool: ("BOOL", 1),
}
BY_NAME = {v[0]: k for k, v in DTYPES.items()}


def tensor_bytes(t):
    t = t.detach().cpu().contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def serialize(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    blobs, offset = [], 0
    for name, t in items:
        b = tensor_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def save_file(tensors, path, metadata=None):
    with open(path, "wb") as f:
        f.write(serialize(tensors, metadata))


def load_file(path):
    """Read a file (any writer), checking the spec's rules; returns (tensors, metadata)."""
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n <= 100_000_000 and 8 + n <= len(data), "bad header length"
    header = json.loads(data[8:8 + n].decode("utf-8"))
    buf = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    out, spans = {}, []
    for name, e in header.items():
        dt = BY_NAME[e["dtype"]]
        begin, end = e["data_offsets"]
        numel = 1
        for d in e["shape"]:
            numel *= d
        assert end - begin == numel * DTYPES[dt][1], name
        spans.append((begin, end))
        raw = bytearray(buf[begin:end])
        if dt == torch.bfloat16:
            t = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16) if numel else torch.empty(0, dtype=dt)
        else:
            t = torch.frombuffer(raw, dtype=dt) if numel else torch.empty(0, dtype=dt)
        out[name] = t.reshape(e["shape"]).clone()
    pos = 0
    for begin, end in sorted(spans):
        assert begin == pos, "offsets not contiguous"
        pos = end
    assert pos == len(buf), "buffer not covered"
    return out, metadata
