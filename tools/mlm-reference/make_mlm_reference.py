#!/usr/bin/env python3
"""An independent masked-language-model reference for EmbedLab's pre-training (issue 26).

Plain PyTorch (Debian's /usr/bin/python3 with python3-torch; no transformers, no pip), written
from the BERT paper and from reading transformers' BertForMaskedLM: the tiny BERT of
tests/data/reference-step (2 layers, hidden 128, 293-word vocabulary), a masked-LM head with
random weights (transform dense + GELU + LayerNorm, the decoder tied to the word embeddings,
a decoder bias), fixed masked inputs and labels, and the mean cross-entropy over the labelled
positions in float64, with the gradient norms of every tensor.

Writes tests/data/reference-mlm/: head.safetensors (float32, named as in BertForMaskedLM),
inputs.safetensors (int64 input_ids, attention_mask, labels [12, 32]) and expected.json.

usage: /usr/bin/python3 tools/mlm-reference/make_mlm_reference.py [OUT_DIR]
Deterministic: seed 2612, one thread.
"""
import json
import math
import pathlib
import sys

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "encoder-references"))
from make_references import read_safetensors, write_safetensors  # noqa: E402

torch.set_num_threads(1)
DATA = ROOT / "tests" / "data"


def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdim=True)
    variance = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(variance + eps) * weight + bias


def gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def bert_hidden(w, cfg, ids, mask):
    batch, length = ids.shape
    eps = cfg["layer_norm_eps"]
    heads = cfg["num_attention_heads"]
    h = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][:length].unsqueeze(0)
         + w["embeddings.token_type_embeddings.weight"][0])
    h = layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    hidden = h.shape[-1]
    size = hidden // heads
    additive = (1.0 - mask.to(h.dtype)).view(batch, 1, 1, length) * torch.finfo(h.dtype).min

    def linear(x, name):
        return x @ w[name + ".weight"].t() + w[name + ".bias"]

    def split(x):
        return x.view(batch, length, heads, size).transpose(1, 2)

    for layer in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{layer}"
        q = split(linear(h, p + ".attention.self.query"))
        k = split(linear(h, p + ".attention.self.key"))
        v = split(linear(h, p + ".attention.self.value"))
        scores = q @ k.transpose(2, 3) / math.sqrt(size) + additive
        context = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(batch, length, hidden)
        a = layer_norm(linear(context, p + ".attention.output.dense") + h,
                       w[p + ".attention.output.LayerNorm.weight"],
                       w[p + ".attention.output.LayerNorm.bias"], eps)
        x = gelu(linear(a, p + ".intermediate.dense"))
        h = layer_norm(linear(x, p + ".output.dense") + a, w[p + ".output.LayerNorm.weight"],
                       w[p + ".output.LayerNorm.bias"], eps)
    return h


def mlm_loss(w, head, cfg, ids, mask, labels):
    h = bert_hidden(w, cfg, ids, mask)
    t = gelu(h @ head["cls.predictions.transform.dense.weight"].t()
             + head["cls.predictions.transform.dense.bias"])
    t = layer_norm(t, head["cls.predictions.transform.LayerNorm.weight"],
                   head["cls.predictions.transform.LayerNorm.bias"], cfg["layer_norm_eps"])
    logits = t @ w["embeddings.word_embeddings.weight"].t() + head["cls.predictions.bias"]
    chosen = labels != -100
    picked = logits[chosen]  # [labelled, vocab]
    log_probs = picked - torch.logsumexp(picked, -1, keepdim=True)
    return -log_probs.gather(1, labels[chosen].unsqueeze(1)).mean()


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "reference-mlm"
    out.mkdir(parents=True, exist_ok=True)
    cfg = json.loads((DATA / "reference-step" / "config.json").read_text())
    weights = read_safetensors(DATA / "reference-step" / "model.safetensors")
    inputs = read_safetensors(DATA / "reference-step" / "inputs.safetensors")
    original, mask = inputs["p_ids"], inputs["p_mask"]
    vocab, hidden = cfg["vocab_size"], cfg["hidden_size"]

    generator = torch.Generator().manual_seed(2612)
    head = {
        "cls.predictions.transform.dense.weight": torch.randn(hidden, hidden, generator=generator) * 0.1,
        "cls.predictions.transform.dense.bias": torch.randn(hidden, generator=generator) * 0.05,
        "cls.predictions.transform.LayerNorm.weight": 1 + torch.randn(hidden, generator=generator) * 0.1,
        "cls.predictions.transform.LayerNorm.bias": torch.randn(hidden, generator=generator) * 0.05,
        "cls.predictions.bias": torch.randn(vocab, generator=generator) * 0.05,
    }
    # Labels: every real token but the first and last of its row where (7i + 3j) % 5 == 0; its
    # input becomes id 3 (8 in 10), another id (1 in 10) or stays (1 in 10).
    ids = original.clone()
    labels = torch.full_like(original, -100)
    for i in range(original.shape[0]):
        real = int(mask[i].sum())
        for j in range(1, real - 1):
            if (7 * i + 3 * j) % 5 != 0:
                continue
            labels[i, j] = original[i, j]
            kind = (i + j) % 10
            if kind < 8:
                ids[i, j] = 3
            elif kind == 8:
                ids[i, j] = (31 * i + 17 * j) % vocab
    write_safetensors(out / "head.safetensors", head)
    write_safetensors(out / "inputs.safetensors",
                      {"input_ids": ids, "attention_mask": mask, "labels": labels})

    results = {}
    for dtype, name in ((torch.float64, "float64"), (torch.float32, "float32")):
        w = {k: v.to(dtype).requires_grad_() for k, v in weights.items()}
        hd = {k: v.to(dtype).requires_grad_() for k, v in head.items()}
        loss = mlm_loss(w, hd, cfg, ids, mask, labels)
        loss.backward()
        norms = {k: float(v.grad.norm()) for k, v in list(w.items()) + list(hd.items())
                 if v.grad is not None}
        results[name] = {"loss": float(loss), "grad_norms": norms}
    f64, f32 = results["float64"], results["float32"]
    worst = max(abs(f32["grad_norms"][k] - v) / max(v, 1e-30)
                for k, v in f64["grad_norms"].items() if v > 1e-6)
    expected = {
        "loss": f64["loss"],
        "grad_norms": f64["grad_norms"],
        "labelled_positions": int((labels != -100).sum()),
        "float32_vs_float64": {"loss": abs(f32["loss"] - f64["loss"]),
                               "worst_grad_norm_rel": worst},
        "note": "mean cross-entropy over labelled positions, float64; the decoder weight is "
                "embeddings.word_embeddings.weight (tied), so its gradient norm includes both "
                "uses; pooler tensors get no gradient",
    }
    (out / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    print(f"loss {f64['loss']:.6f}, {expected['labelled_positions']} labelled, float32 "
          f"deviation {expected['float32_vs_float64']}")


if __name__ == "__main__":
    main()
