#!/usr/bin/python3
"""Independent reference for the first training step's loss on multi-turn
conversations rendered in ChatML, in Debian python3-torch.

Writes each conversation of a JSONL file of {"messages": [{"role", "content"}]}
(system messages included) with the published ChatML strings
("<|im_start|>{role}\\n{content}<|im_end|>\\n"); an assistant span is the reply
and its "<|im_end|>", not the newline after it (as transformers' {% generation
%} blocks mark it). Masks by prefix tokenization: gets the token ids of each
whole text and of the text up to each span's start and end from `sftbench-cli
tokenize --model DIR` (no special tokens: a chat template writes its own),
checks that every such prefix's ids begin the whole text's ids (else the script
fails: a span boundary that is not a token boundary), and lets the tokens
between the two prefixes of a span count in the loss. Computes the mean
cross-entropy of those targets with tests/model/reference_llama.py
(transformers' math), all conversations in one padded batch.

usage: reference_sft_chat.py CLI MODEL_DIR DATA.jsonl OUT.json
prints/writes {"loss": first-step loss, "targets": number of target tokens, "tokens": number of tokens}.
"""
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "model"))
sys.path.insert(0, HERE)
import reference_llama as ref  # noqa: E402
from reference_sft import load_safetensors, prefix_length, tokenize  # noqa: E402


def chatml(messages):
    """The text and the span (character indices) of every assistant message with its end marker."""
    text, spans = "", []
    for m in messages:
        text += "<|im_start|>" + m["role"] + "\n"
        begin = len(text)
        text += m["content"] + "<|im_end|>"
        if m["role"] == "assistant":
            spans.append((begin, len(text)))
        text += "\n"
    return text, spans


def main():
    cli, model_dir, data, out_path = sys.argv[1:5]
    cfg = ref.Config(json.load(open(os.path.join(model_dir, "config.json"))))
    W = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    conversations = [json.loads(line)["messages"] for line in open(data, encoding="utf-8") if line.strip()]
    rendered = [chatml(c) for c in conversations]
    # One call: every whole text, then the text up to each span's start and end.
    texts = [t for t, _ in rendered]
    for text, spans in rendered:
        for b, e in spans:
            texts += [text[:b], text[:e]]
    tokenized = tokenize(cli, model_dir, texts, False, model=True)
    prefixes = iter(tokenized[len(rendered):])
    rows = []
    for n, ((text, spans), whole) in enumerate(zip(rendered, tokenized)):
        target = [False] * len(whole)
        for k, _ in enumerate(spans):
            what = "reply %d of conversation %d" % (k + 1, n + 1)
            begin = prefix_length(next(prefixes), whole, "the start of " + what)
            end = prefix_length(next(prefixes), whole, "the end of " + what)
            for t in range(begin, end):
                target[t] = True
        rows.append((whole, target))
    T = max(len(seq) for seq, _ in rows)
    ids = torch.zeros(len(rows), T, dtype=torch.long)
    mask = torch.zeros(len(rows), T, dtype=torch.long)
    labels = torch.full((len(rows), T), -100, dtype=torch.long)
    for i, (seq, target) in enumerate(rows):
        ids[i, :len(seq)] = torch.tensor(seq)
        mask[i, :len(seq)] = 1
        for t in range(len(seq) - 1):   # position t predicts token t + 1
            if target[t + 1]:
                labels[i, t] = seq[t + 1]
    with torch.no_grad():
        logits = ref.forward(cfg, W, ids, mask)
        loss_sum = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
                                                     ignore_index=-100, reduction="sum")
        targets = int((labels != -100).sum())
    result = {"loss": loss_sum.item() / targets, "targets": targets, "tokens": sum(len(s) for s, _ in rows)}
    json.dump(result, open(out_path, "w"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
