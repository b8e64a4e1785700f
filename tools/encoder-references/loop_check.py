#!/usr/bin/python3
"""Cross-check of the committed hidden states with a second, deliberately naive implementation.

Recomputes every real (unpadded) row of tests/data/reference-{mpnet,modernbert} one sequence at a
time with per-token Python loops and the math module (no batching, no masks, no tensor
broadcasting; attention over the real keys only, the local window as an explicit |i - j| <= 8
test, MPNet's buckets from math.log), and compares with hidden.safetensors. Catches mistakes
that a batched implementation can make consistently (mask broadcasting, bias orientation, head
layouts). Sizes are those of the committed configs. Takes a few seconds:

  /usr/bin/python3 tools/encoder-references/loop_check.py [DATA_ROOT]
"""
import math
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_references import read_safetensors  # noqa: E402

def ln(x, w, b, eps):
    mu = sum(x) / len(x)
    var = sum((v - mu) ** 2 for v in x) / len(x)
    return [(v-mu)/math.sqrt(var+eps)*w[i] + (b[i] if b is not None else 0) for i, v in enumerate(x)]


def lin(x, W, b=None):
    return [sum(W[o][i]*x[i] for i in range(len(x))) + (b[o] if b is not None else 0) for o in range(len(W))]


def gelu(v):
    return 0.5 * v * (1 + math.erf(v / math.sqrt(2)))


def softmax(s):
    m = max(s)
    e = [math.exp(v - m) for v in s]
    t = sum(e)
    return [v / t for v in e]


def bucket(rel):
    """T5 bucket of key - query (16 per direction, 8 exact, log up to 128), in double precision."""
    n = -rel
    ret = 16 if n < 0 else 0
    n = abs(n)
    if n < 8:
        return ret + n
    return ret + min(15, 8 + int(math.log(n/8)/math.log(16)*8))


def mpnet_row(w, cfg, ids):
    """Real tokens only: positions are 2, 3, ... (padding_idx 1 + 1)."""
    W = {k: v.tolist() for k, v in w.items()}
    H, nh, hd, L = 64, 4, 16, len(ids)
    x = [ln([a+b for a, b in zip(W['embeddings.word_embeddings.weight'][t], W['embeddings.position_embeddings.weight'][i+2])],
            W['embeddings.LayerNorm.weight'], W['embeddings.LayerNorm.bias'], 1e-5) for i, t in enumerate(ids)]
    rb = W['encoder.relative_attention_bias.weight']
    for l in range(2):
        p = f'encoder.layer.{l}.'
        Q = [lin(v, W[p+'attention.attn.q.weight'], W[p+'attention.attn.q.bias']) for v in x]
        K = [lin(v, W[p+'attention.attn.k.weight'], W[p+'attention.attn.k.bias']) for v in x]
        V = [lin(v, W[p+'attention.attn.v.weight'], W[p+'attention.attn.v.bias']) for v in x]
        ctx = [[0.0]*H for _ in range(L)]
        for h in range(nh):
            sl = slice(h*hd, (h+1)*hd)
            for i in range(L):
                s = [sum(a*b for a, b in zip(Q[i][sl], K[j][sl]))/4.0 + rb[bucket(j-i)][h] for j in range(L)]
                a = softmax(s)
                for d in range(hd):
                    ctx[i][h*hd+d] = sum(a[j]*V[j][h*hd+d] for j in range(L))
        att = [ln([o+r for o, r in zip(lin(c, W[p+'attention.attn.o.weight'], W[p+'attention.attn.o.bias']), xi)],
                  W[p+'attention.LayerNorm.weight'], W[p+'attention.LayerNorm.bias'], 1e-5) for c, xi in zip(ctx, x)]
        x = [ln([o+r for o, r in zip(lin([gelu(v) for v in lin(a, W[p+'intermediate.dense.weight'], W[p+'intermediate.dense.bias'])],
                 W[p+'output.dense.weight'], W[p+'output.dense.bias']), a)], W[p+'output.LayerNorm.weight'], W[p+'output.LayerNorm.bias'], 1e-5) for a in att]
    return torch.tensor(x, dtype=torch.float64)


def mb_row(w, cfg, ids):
    W = {k: v.tolist() for k, v in w.items()}
    H, nh, hd, L = 64, 4, 16, len(ids)
    x = [ln(W['embeddings.tok_embeddings.weight'][t], W['embeddings.norm.weight'], None, 1e-5) for t in ids]
    for l in range(4):
        p = f'layers.{l}.'
        glob = l % 3 == 0
        theta = 160000.0 if glob else 10000.0
        h_in = x if l == 0 else [ln(v, W[p+'attn_norm.weight'], None, 1e-5) for v in x]
        qkv = [lin(v, W[p+'attn.Wqkv.weight']) for v in h_in]
        def rope(vec, pos):
            out = []
            for d in range(hd):
                f = pos / theta ** ((2*(d % 8))/hd)
                other = -vec[d+8] if d < 8 else vec[d-8]
                out.append(vec[d]*math.cos(f) + other*math.sin(f))
            return out
        ctx = [[0.0]*H for _ in range(L)]
        for h in range(nh):
            q = [rope(qkv[i][h*hd:(h+1)*hd], i) for i in range(L)]
            k = [rope(qkv[i][H+h*hd:H+(h+1)*hd], i) for i in range(L)]
            v = [qkv[i][2*H+h*hd:2*H+(h+1)*hd] for i in range(L)]
            for i in range(L):
                js = [j for j in range(L) if glob or abs(i-j) <= 8]
                a = softmax([sum(aa*bb for aa, bb in zip(q[i], k[j]))/4.0 for j in js])
                for d in range(hd):
                    ctx[i][h*hd+d] = sum(a[n]*v[j][d] for n, j in enumerate(js))
        x = [[a+b for a, b in zip(xi, lin(c, W[p+'attn.Wo.weight']))] for xi, c in zip(x, ctx)]
        new = []
        for xi in x:
            u = lin(ln(xi, W[p+'mlp_norm.weight'], None, 1e-5), W[p+'mlp.Wi.weight'])
            g = [gelu(u[d])*u[96+d] for d in range(96)]
            new.append([a+b for a, b in zip(xi, lin(g, W[p+'mlp.Wo.weight']))])
        x = new
    return torch.tensor([ln(v, W["final_norm.weight"], None, 1e-5) for v in x], dtype=torch.float64)


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("tests/data")
    worst = 0.0
    for arch, encode in (("mpnet", mpnet_row), ("modernbert", mb_row)):
        d = root / f"reference-{arch}"
        w = {k: v.double() for k, v in read_safetensors(d / "model.safetensors").items()}
        inputs = read_safetensors(d / "inputs.safetensors")
        hidden = read_safetensors(d / "hidden.safetensors")
        for prefix in ("q", "p"):
            for row in range(inputs[prefix + "_ids"].shape[0]):
                n = int(inputs[prefix + "_mask"][row].sum())
                ref = encode(w, None, inputs[prefix + "_ids"][row, :n].tolist())
                diff = float((ref - hidden[prefix + "_hidden"][row, :n].double()).abs().max())
                worst = max(worst, diff)
                assert diff < 1e-6, f"{arch} {prefix}[{row}]: {diff}"
        print(f"{arch}: every real row agrees, worst |diff| so far {worst:.1e} (float32 storage)")


if __name__ == "__main__":
    main()
