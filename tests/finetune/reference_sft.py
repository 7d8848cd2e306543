#!/usr/bin/python3
"""Independent reference for a few SFT optimizer steps, in Debian python3-torch.

Builds the Alpaca prompts from the published template strings, gets the token
ids of each whole text (prompt + response, tokenized once as the trainer does)
and of its prompt alone from `sftbench-cli tokenize` (its ids are checked
against Hugging Face tokenizers elsewhere), checks that the prompt's ids are a
prefix of the whole text's (else the response has no token boundary and the
script fails), lets the tokens after that prefix count in the loss, appends
EOS, runs the model
with tests/model/reference_llama.py (transformers' math) and takes full-batch
AdamW steps with decoupled weight decay on matrices only, a warmup of one step
then a constant learning rate, and gradient clipping, as torch.optim and
torch.nn.utils do it. LoRA (optional) wraps the target projections:
y = x W^T + (alpha / r) (x A^T) B^T, starting from A and B read from the C++
run's first checkpoint (written after a step with learning rate 0).

usage: reference_sft.py CLI MODEL_DIR DATA.json OUT.json STEPS LR WD CLIP [LORA_CKPT R ALPHA TARGETS]
prints/writes {"loss": [...], "grad_norm": [...]} per step.
"""
import json
import os
import subprocess
import sys
import tempfile

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "model"))
import reference_llama as ref  # noqa: E402

ALPACA_INPUT = ("Below is an instruction that describes a task, paired with an input that provides further "
                "context. Write a response that appropriately completes the request.\n\n"
                "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n")
ALPACA_NO_INPUT = ("Below is an instruction that describes a task. Write a response that appropriately "
                   "completes the request.\n\n### Instruction:\n{instruction}\n\n### Response:\n")


def load_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info["dtype"]
        b, e = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(info["shape"]).clone()
    return out


def tokenize(cli, source, texts, special, model=False):
    """Token ids per text, from a tokenizer.json file or (model=True) a model folder."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}) + "\n")
        name = f.name
    args = [cli, "tokenize", "--model" if model else "--tokenizer", source, "--input", name]
    if special:
        args.append("--add-special-tokens")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    os.unlink(name)
    ids = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(ids) == len(texts), (len(ids), len(texts))
    return ids


def prefix_length(prefix_ids, whole_ids, what):
    """len(prefix_ids), after checking that they begin whole_ids: a span boundary must be a token boundary."""
    if whole_ids[:len(prefix_ids)] != prefix_ids:
        raise SystemExit("reference: the tokens of the text before %s are not a prefix of the whole text's tokens "
                         "(%s... vs %s...): the span does not start or end at a token boundary"
                         % (what, prefix_ids[-5:], whole_ids[max(0, len(prefix_ids) - 5):len(prefix_ids)]))
    return len(prefix_ids)


def main():
    cli, model_dir, data, out_path = sys.argv[1:5]
    steps, lr, wd, clip = int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8])
    lora = None
    if len(sys.argv) > 9:
        lora = {"ckpt": sys.argv[9], "r": int(sys.argv[10]), "alpha": float(sys.argv[11]),
                "targets": sys.argv[12].split(",")}
    torch.manual_seed(0)
    cfg_json = json.load(open(os.path.join(model_dir, "config.json")))
    cfg = ref.Config(cfg_json)
    W = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    tok_json = json.load(open(os.path.join(model_dir, "tokenizer.json")))
    eos_token = json.load(open(os.path.join(model_dir, "tokenizer_config.json")))["eos_token"]
    eos = [a["id"] for a in tok_json["added_tokens"] if a["content"] == eos_token][0]

    records = json.load(open(data))
    prompts = [(ALPACA_INPUT if r.get("input") else ALPACA_NO_INPUT).format(**r) for r in records]
    texts = [p + r["output"] for p, r in zip(prompts, records)]
    tokenizer = os.path.join(model_dir, "tokenizer.json")
    whole = tokenize(cli, tokenizer, texts, True)
    rows = []
    for i, (whole_ids, prompt_ids) in enumerate(zip(whole, tokenize(cli, tokenizer, prompts, True))):
        begin = prefix_length(prompt_ids, whole_ids, "the response of record %d" % (i + 1))
        seq = whole_ids + [eos]
        target = [t >= begin for t in range(len(whole_ids))] + [True]
        rows.append((seq, target))
    T = max(len(seq) for seq, _ in rows)
    ids = torch.zeros(len(rows), T, dtype=torch.long)
    mask = torch.zeros(len(rows), T, dtype=torch.long)
    labels = torch.full((len(rows), T), -100, dtype=torch.long)
    for i, (seq, target) in enumerate(rows):
        ids[i, :len(seq)] = torch.tensor(seq)
        mask[i, :len(seq)] = 1
        # position t predicts token t + 1; only response tokens are targets
        for t in range(len(seq) - 1):
            if target[t + 1]:
                labels[i, t] = seq[t + 1]

    if lora:
        L = load_safetensors(lora["ckpt"])
        scale = lora["alpha"] / lora["r"]
        params = {}
        for name, t in L.items():
            params[name] = t.requires_grad_(True)
        base_linear = ref.linear

        def lora_linear(x, Wd, name):
            y = base_linear(x, Wd, name)
            a = params.get(name + ".lora.lora_A.weight")
            if a is None:
                return y
            b = params[name + ".lora.lora_B.weight"]
            return y + scale * torch.nn.functional.linear(torch.nn.functional.linear(x, a), b)

        ref.linear = lora_linear
        trainable = list(params.values())
        named = list(params.items())
    else:
        for t in W.values():
            t.requires_grad_(True)
        named = list(W.items())
        trainable = list(W.values())
    decay = [t for _, t in named if t.dim() >= 2]
    no_decay = [t for _, t in named if t.dim() < 2]
    groups = [{"params": decay, "weight_decay": wd}]
    if no_decay:
        groups.append({"params": no_decay, "weight_decay": 0.0})
    opt = torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    result = {"loss": [], "grad_norm": []}
    for step in range(1, steps + 1):
        for g in opt.param_groups:
            g["lr"] = 0.0 if step == 1 else lr   # warmup of one step (lr 0), then constant
        opt.zero_grad()
        logits = ref.forward(cfg, W, ids, mask)
        loss_sum = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
                                                     ignore_index=-100, reduction="sum")
        loss = loss_sum / (labels != -100).sum()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(trainable, clip)
        opt.step()
        result["loss"].append(loss.item())
        result["grad_norm"].append(norm.item())
    json.dump(result, open(out_path, "w"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
