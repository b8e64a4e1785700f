#!/usr/bin/python3
"""Reference numbers for EmbedLab's MPNet and ModernBERT encoders.

An independent re-implementation, in plain PyTorch (Debian's python3-torch 1.13, no
transformers), of what Hugging Face transformers' `MPNetModel` and `ModernBertModel` (eager
attention, padded batches) compute, run on random weights at tiny sizes. For each architecture
it writes, under tests/data/reference-<arch>/:

  config.json          the model's config.json (hub layout)
  model.safetensors    float32 encoder weights, named as the transformers model's state_dict
  inputs.safetensors   int64 q_ids/q_mask [4, 12], p_ids/p_mask [12, 40] (right padding)
  hidden.safetensors   float32 q_hidden/p_hidden: last hidden states computed in float64
  reranker.safetensors float32 ...ForSequenceClassification head weights (no encoder prefix)
  expected.json        contrastive loss and gradient norms (cls and mean pooling, float64),
                       reranker logits for the p rows, tensor names, config keys, hints

Before writing anything it checks gradients against central finite differences and that the
sliding window (ModernBERT) and the relative position bias (MPNet) change the outputs.
Deterministic (fixed seeds, one thread). Run from the repository root:

  /usr/bin/python3 tools/encoder-references/make_references.py [OUTPUT_ROOT]

OUTPUT_ROOT defaults to tests/data. See README.md next to this file.
"""
import hashlib
import json
import math
import pathlib
import struct
import sys

import numpy
import torch
import torch.nn.functional as F

torch.set_num_threads(1)

TEMPERATURE = 0.02
GROUP = 3  # passages per query: [positive, negative, negative]
Q_SHAPE = (4, 12)
P_SHAPE = (12, 40)
Q_LENGTHS = [12, 5, 9, 7]
P_LENGTHS = [40, 23, 5, 31, 40, 12, 17, 38, 8, 40, 27, 14]
FIRST_FREE_ID = 6  # random token ids are drawn from [6, vocab_size)
SEED_INPUTS = 20240601
SEED_MPNET = 7001
SEED_MODERNBERT = 7002

# Random weight scales (float32, normal distributions).
STD_MATRIX = 0.1  # linear weights and embedding tables
STD_NORM_WEIGHT = 0.1  # LayerNorm weights are 1 + N(0, 0.1)
STD_BIAS = 0.05  # every bias, LayerNorm biases included
STD_REL_BIAS = 0.5  # MPNet's encoder.relative_attention_bias

MPNET_CONFIG = {
    "architectures": ["MPNetModel"],
    "attention_probs_dropout_prob": 0.0,
    "bos_token_id": 0,
    "eos_token_id": 2,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.0,
    "hidden_size": 64,
    "initializer_range": 0.02,
    "intermediate_size": 128,
    "layer_norm_eps": 1e-05,
    "max_position_embeddings": 64,
    "model_type": "mpnet",
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "pad_token_id": 1,
    "relative_attention_num_buckets": 32,
    "vocab_size": 320,
}

MODERNBERT_CONFIG = {
    "architectures": ["ModernBertModel"],
    "attention_bias": False,
    "attention_dropout": 0.0,
    "bos_token_id": 1,
    "classifier_activation": "gelu",
    "classifier_bias": False,
    "classifier_dropout": 0.0,
    "classifier_pooling": "cls",
    "cls_token_id": 1,
    "decoder_bias": True,
    "deterministic_flash_attn": False,
    "embedding_dropout": 0.0,
    "eos_token_id": 2,
    "global_attn_every_n_layers": 3,
    "global_rope_theta": 160000.0,
    "hidden_activation": "gelu",
    "hidden_size": 64,
    "initializer_cutoff_factor": 2.0,
    "initializer_range": 0.02,
    "intermediate_size": 96,
    "local_attention": 16,
    "local_rope_theta": 10000.0,
    "max_position_embeddings": 128,
    "mlp_bias": False,
    "mlp_dropout": 0.0,
    "model_type": "modernbert",
    "norm_bias": False,
    "norm_eps": 1e-05,
    "num_attention_heads": 4,
    "num_hidden_layers": 4,
    "pad_token_id": 5,
    "sep_token_id": 2,
    "sparse_pred_ignore_index": -100,
    "sparse_prediction": False,
    "tie_word_embeddings": True,
    "vocab_size": 320,
}


# ----------------------------------------------------------------------------- safetensors

DTYPE_NAMES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}


def write_safetensors(path, tensors):
    """tensors: name -> torch tensor (float32 or int64). Written in name order, 8-byte aligned."""
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        dtype_name, numpy_dtype = DTYPE_NAMES[t.dtype]
        data = t.numpy().astype(numpy_dtype).tobytes()
        header[name] = {"dtype": dtype_name, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text.encode())
        for data in blobs:
            out.write(data)


def read_safetensors(path):
    blob = pathlib.Path(path).read_bytes()
    n = struct.unpack("<Q", blob[:8])[0]
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        numpy_dtype = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        array = numpy.frombuffer(data[begin:end], dtype=numpy_dtype).reshape(info["shape"])
        out[name] = torch.from_numpy(array.copy())
    return out


# ----------------------------------------------------------------------------- inputs

def make_inputs(cls_id, sep_id, pad_id):
    """Right-padded batches: cls_id, random ids in [6, 320), sep_id, then pad_id."""
    g = torch.Generator().manual_seed(SEED_INPUTS)
    result = {}
    for prefix, shape, lengths in (("q", Q_SHAPE, Q_LENGTHS), ("p", P_SHAPE, P_LENGTHS)):
        body = torch.randint(FIRST_FREE_ID, 320, shape, generator=g, dtype=torch.int64)
        ids = torch.full(shape, pad_id, dtype=torch.int64)
        mask = torch.zeros(shape, dtype=torch.int64)
        for row, n in enumerate(lengths):
            ids[row, :n] = body[row, :n]
            ids[row, 0] = cls_id
            ids[row, n - 1] = sep_id
            mask[row, :n] = 1
        result[prefix + "_ids"] = ids
        result[prefix + "_mask"] = mask
    return result


# ----------------------------------------------------------------------------- weights

def random_weights(shapes, seed):
    """shapes: ordered list of (name, shape). Scale by the tensor's role (see constants)."""
    g = torch.Generator().manual_seed(seed)
    weights = {}
    for name, shape in shapes:
        noise = torch.randn(shape, generator=g, dtype=torch.float32)
        is_norm = ("LayerNorm" in name or name.endswith("norm.weight")) and name.endswith(".weight")
        if name == "encoder.relative_attention_bias.weight":
            weights[name] = noise * STD_REL_BIAS
        elif is_norm:
            weights[name] = 1.0 + noise * STD_NORM_WEIGHT
        elif name.endswith(".bias"):
            weights[name] = noise * STD_BIAS
        else:
            weights[name] = noise * STD_MATRIX
    return weights


def mpnet_shapes(cfg):
    h, inter = cfg["hidden_size"], cfg["intermediate_size"]
    shapes = [
        ("embeddings.word_embeddings.weight", [cfg["vocab_size"], h]),
        ("embeddings.position_embeddings.weight", [cfg["max_position_embeddings"], h]),
        ("embeddings.LayerNorm.weight", [h]),
        ("embeddings.LayerNorm.bias", [h]),
    ]
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        for proj in "qkvo":
            shapes += [(p + f"attention.attn.{proj}.weight", [h, h]), (p + f"attention.attn.{proj}.bias", [h])]
        shapes += [
            (p + "attention.LayerNorm.weight", [h]), (p + "attention.LayerNorm.bias", [h]),
            (p + "intermediate.dense.weight", [inter, h]), (p + "intermediate.dense.bias", [inter]),
            (p + "output.dense.weight", [h, inter]), (p + "output.dense.bias", [h]),
            (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h]),
        ]
    shapes += [
        ("encoder.relative_attention_bias.weight", [cfg["relative_attention_num_buckets"], cfg["num_attention_heads"]]),
        ("pooler.dense.weight", [h, h]),
        ("pooler.dense.bias", [h]),
    ]
    return shapes


def mpnet_head_shapes(cfg):
    h = cfg["hidden_size"]
    return [("classifier.dense.weight", [h, h]), ("classifier.dense.bias", [h]),
            ("classifier.out_proj.weight", [1, h]), ("classifier.out_proj.bias", [1])]


def modernbert_shapes(cfg):
    h, inter = cfg["hidden_size"], cfg["intermediate_size"]
    shapes = [("embeddings.tok_embeddings.weight", [cfg["vocab_size"], h]), ("embeddings.norm.weight", [h])]
    for i in range(cfg["num_hidden_layers"]):
        p = f"layers.{i}."
        if i != 0:
            shapes.append((p + "attn_norm.weight", [h]))
        shapes += [
            (p + "attn.Wqkv.weight", [3 * h, h]),
            (p + "attn.Wo.weight", [h, h]),
            (p + "mlp_norm.weight", [h]),
            (p + "mlp.Wi.weight", [2 * inter, h]),
            (p + "mlp.Wo.weight", [h, inter]),
        ]
    shapes.append(("final_norm.weight", [h]))
    return shapes


def modernbert_head_shapes(cfg):
    h = cfg["hidden_size"]
    return [("head.dense.weight", [h, h]), ("head.norm.weight", [h]),
            ("classifier.weight", [1, h]), ("classifier.bias", [1])]


# ----------------------------------------------------------------------------- MPNet

def mpnet_relative_buckets(length, num_buckets=32, max_distance=128):
    """T5-style bidirectional buckets of (key position - query position), [length, length].

    The logarithmic part is evaluated with float32 tensor ops, as transformers does, because the
    truncation to an integer is sensitive to float32 rounding at bucket boundaries.
    """
    query_pos = torch.arange(length, dtype=torch.int64)[:, None]
    key_pos = torch.arange(length, dtype=torch.int64)[None, :]
    distance = query_pos - key_pos  # = -(key - query)
    half = num_buckets // 2
    bucket = (distance < 0).to(torch.int64) * half
    distance = distance.abs()
    exact = half // 2
    log_part = torch.log(distance.float() / exact) / math.log(max_distance / exact) * (half - exact)
    far = torch.clamp(exact + log_part.to(torch.int64), max=half - 1)
    return bucket + torch.where(distance < exact, distance, far)


def mpnet_encode(w, cfg, ids, mask, use_position_bias=True):
    """Last hidden state [B, L, H] in the dtype of the weights."""
    dtype = w["embeddings.word_embeddings.weight"].dtype
    n_heads = cfg["num_attention_heads"]
    hidden = cfg["hidden_size"]
    head_dim = hidden // n_heads
    eps = cfg["layer_norm_eps"]
    batch, length = ids.shape

    not_pad = (ids != 1).to(torch.int64)  # MPNet's padding_idx is 1 whatever pad_token_id says
    positions = torch.cumsum(not_pad, dim=1) * not_pad + 1
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
    x = F.layer_norm(x, (hidden,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)

    bucket = mpnet_relative_buckets(length, cfg["relative_attention_num_buckets"])
    position_bias = w["encoder.relative_attention_bias.weight"][bucket].permute(2, 0, 1).unsqueeze(0)
    if not use_position_bias:
        position_bias = torch.zeros_like(position_bias)
    key_mask = (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min

    def split_heads(t):
        return t.view(batch, length, n_heads, head_dim).transpose(1, 2)

    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q, k, v = (split_heads(F.linear(x, w[p + f"attention.attn.{n}.weight"], w[p + f"attention.attn.{n}.bias"]))
                   for n in "qkv")
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim) + position_bias + key_mask
        context = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(batch, length, hidden)
        attended = F.linear(context, w[p + "attention.attn.o.weight"], w[p + "attention.attn.o.bias"])
        attended = F.layer_norm(attended + x, (hidden,), w[p + "attention.LayerNorm.weight"],
                                w[p + "attention.LayerNorm.bias"], eps)
        inner = F.gelu(F.linear(attended, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]))
        out = F.linear(inner, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
        x = F.layer_norm(out + attended, (hidden,), w[p + "output.LayerNorm.weight"],
                         w[p + "output.LayerNorm.bias"], eps)
    return x


def mpnet_rerank(head, hidden_states):
    x = hidden_states[:, 0]
    x = torch.tanh(F.linear(x, head["classifier.dense.weight"], head["classifier.dense.bias"]))
    return F.linear(x, head["classifier.out_proj.weight"], head["classifier.out_proj.bias"])[:, 0]


# ----------------------------------------------------------------------------- ModernBERT

def rotary_cos_sin(theta, length, head_dim, dtype):
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=dtype) / head_dim))
    angles = torch.arange(length, dtype=dtype)[:, None] * inv_freq[None, :]
    angles = torch.cat([angles, angles], dim=-1)  # [L, head_dim]
    return angles.cos(), angles.sin()


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def modernbert_encode(w, cfg, ids, mask, sliding_window=True, local_theta=True):
    """Last hidden state [B, L, H] (after final_norm) in the dtype of the weights."""
    dtype = w["embeddings.tok_embeddings.weight"].dtype
    n_heads = cfg["num_attention_heads"]
    hidden = cfg["hidden_size"]
    head_dim = hidden // n_heads
    eps = cfg["norm_eps"]
    batch, length = ids.shape
    lowest = torch.finfo(dtype).min

    def norm(t, name):  # LayerNorm without bias (norm_bias false)
        return F.layer_norm(t, (hidden,), w[name], None, eps)

    padding_mask = torch.zeros(batch, 1, length, length, dtype=dtype)
    padding_mask = padding_mask.masked_fill(mask[:, None, None, :] == 0, lowest)
    pos = torch.arange(length)
    too_far = (pos[:, None] - pos[None, :]).abs() > cfg["local_attention"] // 2
    window_mask = padding_mask.masked_fill(too_far[None, None], lowest)
    rope_global = rotary_cos_sin(cfg["global_rope_theta"], length, head_dim, dtype)
    rope_local = rotary_cos_sin(cfg["local_rope_theta"] if local_theta else cfg["global_rope_theta"],
                                length, head_dim, dtype)

    x = norm(w["embeddings.tok_embeddings.weight"][ids], "embeddings.norm.weight")
    for i in range(cfg["num_hidden_layers"]):
        p = f"layers.{i}."
        is_global = i % cfg["global_attn_every_n_layers"] == 0
        h = x if i == 0 else norm(x, p + "attn_norm.weight")
        qkv = F.linear(h, w[p + "attn.Wqkv.weight"]).view(batch, length, 3, n_heads, head_dim)
        q, k, v = (qkv[:, :, j].transpose(1, 2) for j in range(3))  # [B, heads, L, head_dim]
        cos, sin = rope_global if is_global else rope_local
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        scores = (q @ k.transpose(-1, -2)) * head_dim ** -0.5
        scores = scores + (padding_mask if is_global or not sliding_window else window_mask)
        context = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(batch, length, hidden)
        x = x + F.linear(context, w[p + "attn.Wo.weight"])
        gelu_in, gate = F.linear(norm(x, p + "mlp_norm.weight"), w[p + "mlp.Wi.weight"]).chunk(2, dim=-1)
        x = x + F.linear(F.gelu(gelu_in) * gate, w[p + "mlp.Wo.weight"])
    return norm(x, "final_norm.weight")


def modernbert_rerank(head, hidden_states, eps):
    pooled = hidden_states[:, 0]  # classifier_pooling "cls"
    x = F.gelu(F.linear(pooled, head["head.dense.weight"]))  # classifier_bias false
    x = F.layer_norm(x, (x.shape[-1],), head["head.norm.weight"], None, eps)
    return F.linear(x, head["classifier.weight"], head["classifier.bias"])[:, 0]


# ----------------------------------------------------------------------------- loss

def pool(hidden_states, mask, pooling):
    if pooling == "cls":
        return hidden_states[:, 0]
    m = mask.to(hidden_states.dtype).unsqueeze(-1)
    return (hidden_states * m).sum(dim=1) / m.sum(dim=1)


def contrastive_loss(encode, w, inputs, pooling):
    hq = encode(w, inputs["q_ids"], inputs["q_mask"])
    hp = encode(w, inputs["p_ids"], inputs["p_mask"])
    q = F.normalize(pool(hq, inputs["q_mask"], pooling), dim=-1)
    p = F.normalize(pool(hp, inputs["p_mask"], pooling), dim=-1)
    scores = q @ p.T / TEMPERATURE
    target = torch.arange(q.shape[0]) * GROUP
    return F.cross_entropy(scores, target)


def loss_and_grads(encode, weights, inputs, pooling, dtype):
    w = {n: t.to(dtype).requires_grad_(True) for n, t in weights.items()}
    loss = contrastive_loss(encode, w, inputs, pooling)
    grads = torch.autograd.grad(loss, list(w.values()), allow_unused=True)
    grads = {n: (g if g is not None else torch.zeros_like(w[n])) for n, g in zip(w, grads)}
    return loss.item(), grads


def finite_difference_checks(encode, weights, inputs, pooling, grads, names, step=1e-6):
    """Central differences in float64 at the entry of largest |gradient| of each named tensor."""
    w64 = {n: t.to(torch.float64) for n, t in weights.items()}
    checks = []
    for name in names:
        index = int(grads[name].abs().flatten().argmax())
        analytic = grads[name].flatten()[index].item()
        values = []
        for sign in (1.0, -1.0):
            perturbed = dict(w64)
            t = w64[name].clone()
            t.view(-1)[index] += sign * step
            perturbed[name] = t
            with torch.no_grad():
                values.append(contrastive_loss(encode, perturbed, inputs, pooling).item())
        numeric = (values[0] - values[1]) / (2 * step)
        rel = abs(numeric - analytic) / max(abs(analytic), 1e-30)
        checks.append({"param": name, "index": index, "autograd": analytic, "finite_diff": numeric,
                       "rel_err": rel})
        assert rel < 1e-5, f"finite differences disagree for {name}[{index}]: {analytic} vs {numeric}"
    return checks


def global_norm(grads):
    return math.sqrt(sum(float((g.double() ** 2).sum()) for g in grads.values()))


def round_up_hint(value, floor):
    """10x the observed value, rounded up to one significant digit, at least floor."""
    v = max(value * 10, floor)
    exponent = math.floor(math.log10(v))
    mantissa = math.ceil(round(v / 10 ** exponent, 9))
    return float(f"{mantissa}e{exponent}")


def real_positions_max_diff(a, b, mask):
    return float(((a - b).abs() * mask.unsqueeze(-1).to(a.dtype)).max())


# ----------------------------------------------------------------------------- driver

def build(arch, out_dir):
    if arch == "mpnet":
        cfg, seed = MPNET_CONFIG, SEED_MPNET
        shapes, head_shapes = mpnet_shapes(cfg), mpnet_head_shapes(cfg)
        inputs = make_inputs(cls_id=0, sep_id=2, pad_id=1)

        def encode(w, ids, mask, **kw):
            return mpnet_encode(w, cfg, ids, mask, **kw)

        def rerank(head, h):
            return mpnet_rerank(head, h)
        fd_names = ["encoder.relative_attention_bias.weight", "embeddings.position_embeddings.weight",
                    "encoder.layer.0.attention.attn.q.bias"]
    else:
        cfg, seed = MODERNBERT_CONFIG, SEED_MODERNBERT
        shapes, head_shapes = modernbert_shapes(cfg), modernbert_head_shapes(cfg)
        inputs = make_inputs(cls_id=1, sep_id=2, pad_id=5)

        def encode(w, ids, mask, **kw):
            return modernbert_encode(w, cfg, ids, mask, **kw)

        def rerank(head, h):
            return modernbert_rerank(head, h, cfg["norm_eps"])
        fd_names = ["layers.1.attn.Wqkv.weight", "embeddings.norm.weight", "layers.3.mlp.Wi.weight"]

    weights = random_weights(shapes, seed)
    head = random_weights(head_shapes, seed + 100)
    names = [n for n, _ in shapes]
    w64 = {n: t.double() for n, t in weights.items()}
    head64 = {n: t.double() for n, t in head.items()}

    with torch.no_grad():
        q64 = encode(w64, inputs["q_ids"], inputs["q_mask"])
        p64 = encode(w64, inputs["p_ids"], inputs["p_mask"])
        q32 = encode(weights, inputs["q_ids"], inputs["q_mask"])
        p32 = encode(weights, inputs["p_ids"], inputs["p_mask"])
        logits64 = rerank(head64, p64)
        logits32 = rerank(head, p32)
        hidden_f32_err = max(real_positions_max_diff(q32.double(), q64, inputs["q_mask"]),
                             real_positions_max_diff(p32.double(), p64, inputs["p_mask"]))
        logits_f32_err = float((logits32.double() - logits64).abs().max())

        # The features the fixture must not let an implementation skip.
        feature_checks = {}
        if arch == "mpnet":
            p_nobias = encode(w64, inputs["p_ids"], inputs["p_mask"], use_position_bias=False)
            feature_checks["position_bias_effect_max_abs"] = real_positions_max_diff(p_nobias, p64, inputs["p_mask"])
            buckets32 = mpnet_relative_buckets(P_SHAPE[1])
        else:
            p_global = encode(w64, inputs["p_ids"], inputs["p_mask"], sliding_window=False)
            p_theta = encode(w64, inputs["p_ids"], inputs["p_mask"], local_theta=False)
            feature_checks["sliding_window_effect_max_abs"] = real_positions_max_diff(p_global, p64, inputs["p_mask"])
            feature_checks["local_rope_theta_effect_max_abs"] = real_positions_max_diff(p_theta, p64, inputs["p_mask"])
            # Rows no longer than the window's reach are untouched by it.
            short = inputs["p_mask"].sum(1) <= cfg["local_attention"] // 2 + 1
            feature_checks["sliding_window_effect_on_rows_of_length_le_9"] = real_positions_max_diff(
                p_global[short], p64[short], inputs["p_mask"][short])
        for key, value in feature_checks.items():
            if "le_9" in key:
                assert value < 1e-12, (key, value)
            else:
                assert value > 1e-3, f"{arch}: {key} = {value} (feature has no effect on the fixture)"

    # Padding rows must not influence real tokens: re-encode each p row alone, unpadded.
    with torch.no_grad():
        worst_unpadded = 0.0
        for row in range(P_SHAPE[0]):
            n = int(inputs["p_mask"][row].sum())
            alone = encode(w64, inputs["p_ids"][row:row + 1, :n], inputs["p_mask"][row:row + 1, :n])
            worst_unpadded = max(worst_unpadded, float((alone[0] - p64[row, :n]).abs().max()))
        assert worst_unpadded < 1e-12, f"{arch}: padding changes real tokens by {worst_unpadded}"

    poolings = {}
    hints_grad = []
    zero_gradient_tensors = set()
    loss_f32_err = 0.0
    for pooling in ("cls", "mean"):
        loss64, grads64 = loss_and_grads(encode, weights, inputs, pooling, torch.float64)
        loss32, grads32 = loss_and_grads(encode, weights, inputs, pooling, torch.float32)
        loss_f32_err = max(loss_f32_err, abs(loss32 - loss64))
        norms64 = {n: math.sqrt(float((grads64[n] ** 2).sum())) for n in names}
        norms32 = {n: math.sqrt(float((grads32[n].double() ** 2).sum())) for n in names}
        # Tensors whose gradient is zero in exact arithmetic: unused ones (MPNet's pooler) and
        # attention key biases (softmax is invariant to a per-query shift). Their float64 norms are
        # rounding noise (~1e-16), their float32 norms noise too.
        zero = sorted(n for n in names if norms64[n] < 1e-10 * global_norm(grads64))
        zero_gradient_tensors.update(zero)
        rel = [abs(norms32[n] - norms64[n]) / norms64[n] for n in names if n not in zero]
        hints_grad.append((pooling, max(rel), abs(global_norm(grads32) - global_norm(grads64)) / global_norm(grads64)))
        checks = finite_difference_checks(encode, weights, inputs, pooling, grads64, fd_names)
        poolings[pooling] = {
            "loss": loss64,
            "grad_norm": global_norm(grads64),
            "grad_norms": norms64,
            "finite_differences": checks,
            "loss_float32_forward": loss32,
        }

    expected = {
        "atol_hint": {
            "hidden": round_up_hint(hidden_f32_err, 1e-5),
            "loss": round_up_hint(loss_f32_err, 1e-6),
            "reranker_logits": round_up_hint(logits_f32_err, 1e-6),
            "grad_norm_rel": round_up_hint(max(g for _, _, g in hints_grad), 1e-5),
            "grad_norms_rel_worst_tensor": {p: round_up_hint(r, 1e-5) for p, r, _ in hints_grad},
        },
        "temperature": TEMPERATURE,
        "poolings": poolings,
        "reranker_logits": [float(v) for v in logits64],
        "tensor_names": sorted(names),
        "config_keys": sorted(cfg),
        "zero_gradient_tensors": sorted(zero_gradient_tensors),
        "feature_checks": feature_checks,
        "seeds": {"inputs": SEED_INPUTS, "weights": seed, "reranker": seed + 100},
        "notes": NOTES[arch],
    }
    if arch == "mpnet":
        expected["relative_buckets_for_distance_key_minus_query"] = {
            str(d): int(buckets32[0, d]) if d >= 0 else int(buckets32[-d, 0]) for d in range(-39, 40)}

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    write_safetensors(out_dir / "model.safetensors", weights)
    write_safetensors(out_dir / "inputs.safetensors", inputs)
    write_safetensors(out_dir / "hidden.safetensors", {"q_hidden": q64.float(), "p_hidden": p64.float()})
    write_safetensors(out_dir / "reranker.safetensors", head)
    (out_dir / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")

    # Round trip: what was written reads back bit for bit.
    back = read_safetensors(out_dir / "model.safetensors")
    assert sorted(back) == sorted(weights) and all(torch.equal(back[n], weights[n]) for n in weights)
    back = read_safetensors(out_dir / "hidden.safetensors")
    assert torch.equal(back["p_hidden"], p64.float()) and torch.equal(back["q_hidden"], q64.float())

    print(f"== {arch} -> {out_dir}")
    print(f"   tensors {len(names)}, parameters {sum(t.numel() for t in weights.values())}")
    print(f"   q lengths {inputs['q_mask'].sum(1).tolist()}, p lengths {inputs['p_mask'].sum(1).tolist()}")
    for pooling, entry in poolings.items():
        worst = max(c["rel_err"] for c in entry["finite_differences"])
        print(f"   {pooling:4s} loss {entry['loss']:.10f}  grad_norm {entry['grad_norm']:.6e}  "
              f"(float32 forward loss {entry['loss_float32_forward']:.8f}; finite differences worst rel err {worst:.1e})")
    print(f"   reranker logits {[round(v, 5) for v in expected['reranker_logits']]}")
    print(f"   float32 vs float64: hidden {hidden_f32_err:.1e}, loss {loss_f32_err:.1e}, logits {logits_f32_err:.1e}, "
          f"grad norms rel (worst tensor cls/mean) {hints_grad[0][1]:.1e}/{hints_grad[1][1]:.1e}")
    for key, value in feature_checks.items():
        print(f"   {key}: {value:.3e}")
    print(f"   padding vs unpadded rows, worst |diff|: {worst_unpadded:.1e}")
    print(f"   zero-gradient tensors: {sorted(zero_gradient_tensors)}")
    print(f"   atol_hint: {expected['atol_hint']}")
    if arch == "mpnet":
        b = expected["relative_buckets_for_distance_key_minus_query"]
        print("   buckets (key - query = 0..39):", [b[str(d)] for d in range(40)])
        print("   buckets (key - query = -1..-39):", [b[str(-d)] for d in range(1, 40)])
    for f in sorted(out_dir.iterdir()):
        print(f"   {hashlib.sha256(f.read_bytes()).hexdigest()}  {f.stat().st_size:7d}  {f.name}")


NOTES = {
    "mpnet": (
        "Independent float64 re-implementation of transformers' MPNetModel (dropout off). "
        "Positions: padding_idx 1, pos = cumsum(ids != 1) * (ids != 1) + 1. Relative position bias "
        "from encoder.relative_attention_bias with T5 buckets (32, max_distance 128, float32 log), "
        "computed once and added to every layer's scores before the (1 - mask) * finfo.min key mask. "
        "Loss: normalize(pool(h_q)) @ normalize(pool(h_p)).T / temperature, cross-entropy with target 3i; "
        "cls = token 0, mean = mask-weighted mean; loss and gradients in float64 from the float32 weights. "
        "grad_norms cover every encoder tensor; those in zero_gradient_tensors are zero in exact "
        "arithmetic (pooler.dense.* is unused; attention.attn.k.bias cannot change a softmax over keys), "
        "their stored norms are rounding noise: compare them absolutely. reranker_logits: "
        "MPNetForSequenceClassification head (classifier.dense, tanh, classifier.out_proj on token 0) "
        "over p_ids/p_mask. hidden.safetensors holds padded positions too; only mask == 1 positions "
        "are meaningful to compare (padded rows do not influence real ones). atol_hint: 10x the "
        "float32-vs-float64 difference seen here (hidden: real positions only; grad_norm_rel and "
        "grad_norms_rel_worst_tensor are relative, the latter over tensors with nonzero gradient)."),
    "modernbert": (
        "Independent float64 re-implementation of transformers' ModernBertModel, eager attention on "
        "padded batches (dropout off). Layers with i % 3 == 0 are global (rope theta 160000, padding mask), "
        "the others local (theta 10000, keys with |i - j| > 8 masked with finfo.min via masked_fill). "
        "Rotary: NeoX halves, positions 0..L-1, cos/sin computed in float64 (transformers computes them "
        "in float32). Softmax in float64 (transformers' eager path upcasts to float32). "
        "Loss as for the BERT reference (target 3i, temperature 0.02), float64. reranker_logits: "
        "ModernBertForSequenceClassification with cls pooling: classifier(head.norm(gelu(head.dense(h[:, 0])))) "
        "over p_ids/p_mask. hidden.safetensors holds padded positions too (in local layers a padded query "
        "whose window holds only padding attends uniformly to every key, as transformers' eager path does); "
        "only mask == 1 positions are meaningful to compare. atol_hint: 10x the float32-vs-float64 "
        "difference seen here (hidden: real positions only; grad_norm_rel and grad_norms_rel_worst_tensor "
        "are relative)."),
}


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("tests/data")
    build("mpnet", root / "reference-mpnet")
    build("modernbert", root / "reference-modernbert")


if __name__ == "__main__":
    main()
