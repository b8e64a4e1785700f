#!/usr/bin/python3
"""Makes the PyTorch-checkpoint fixtures of tests/core/test_pytorch_checkpoint.

Run with Debian's python3-torch (torch 1.13): /usr/bin/python3 make_fixtures.py
Every file here is written by PyTorch itself (torch.save) or, for the safetensors twins, by the
few lines below that follow the safetensors layout. The expected embeddings of the Dense model
are computed by an independent BERT forward pass written here with torch functions, not by
EmbedLab.

A tiny BERT (vocabulary of vocab.txt, hidden 16, 1 layer, 2 heads) in these folders:
  fp32/ fp16/ bf16/                pytorch_model.bin in that dtype
  fp32-safetensors/ fp16-... bf16-...   the same tensors as model.safetensors (the twins)
  sharded/                         pytorch_model-0000N-of-00002.bin + pytorch_model.bin.index.json
  dense/                           sentence-transformers folder: Transformer, mean Pooling,
                                   2_Dense (16 -> 8, Tanh; 2_Dense/pytorch_model.bin),
                                   Normalize, prompts; expected.json holds texts and embeddings
  foreign-global/                  a pytorch_model.bin whose pickle calls os.system
The checkpoints hold a tied decoder (a view of the word embeddings' storage, as BERT's
masked-LM head has) and a transposed view, so the reader meets shared and strided storages.
"""
import collections
import json
import math
import os
import shutil
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "a", "cat", "dog", "sat", "ran",
         "on", "mat", "hello", "world", "query", "passage", ":", ".", ",", "fast", "slow", "big",
         "small", "red", "blue", "green", "house", "tree", "car", "##s", "is", "was", "and"]
HIDDEN, HEADS, INTERMEDIATE, LAYERS, POSITIONS, DENSE_OUT = 16, 2, 32, 1, 32, 8
CONFIG = {
    "architectures": ["BertModel"], "model_type": "bert", "vocab_size": len(VOCAB),
    "hidden_size": HIDDEN, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
    "intermediate_size": INTERMEDIATE, "max_position_embeddings": POSITIONS,
    "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu", "pad_token_id": 0,
    "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
    "position_embedding_type": "absolute", "torch_dtype": "float32"}
TEXTS = ["the cat sat on the mat", "a dog ran", "hello world", "big red car and small blue house",
         "cats", "the tree is green"]


def state_dict():
    g = torch.Generator().manual_seed(20261203)
    r = lambda *shape: torch.randn(*shape, generator=g) * 0.5
    sd = collections.OrderedDict()
    sd["embeddings.word_embeddings.weight"] = r(len(VOCAB), HIDDEN)
    sd["embeddings.position_embeddings.weight"] = r(POSITIONS, HIDDEN)
    sd["embeddings.token_type_embeddings.weight"] = r(2, HIDDEN)
    sd["embeddings.LayerNorm.weight"] = 1 + r(HIDDEN) * 0.1
    sd["embeddings.LayerNorm.bias"] = r(HIDDEN) * 0.1
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        for name in ("query", "key", "value"):
            sd[p + f"attention.self.{name}.weight"] = r(HIDDEN, HIDDEN)
            sd[p + f"attention.self.{name}.bias"] = r(HIDDEN) * 0.1
        sd[p + "attention.output.dense.weight"] = r(HIDDEN, HIDDEN)
        sd[p + "attention.output.dense.bias"] = r(HIDDEN) * 0.1
        sd[p + "attention.output.LayerNorm.weight"] = 1 + r(HIDDEN) * 0.1
        sd[p + "attention.output.LayerNorm.bias"] = r(HIDDEN) * 0.1
        sd[p + "intermediate.dense.weight"] = r(INTERMEDIATE, HIDDEN)
        sd[p + "intermediate.dense.bias"] = r(INTERMEDIATE) * 0.1
        sd[p + "output.dense.weight"] = r(HIDDEN, INTERMEDIATE)
        sd[p + "output.dense.bias"] = r(HIDDEN) * 0.1
        sd[p + "output.LayerNorm.weight"] = 1 + r(HIDDEN) * 0.1
        sd[p + "output.LayerNorm.bias"] = r(HIDDEN) * 0.1
    # A transposed view: stored column-major, read through its strides.
    key = "encoder.layer.0.attention.self.key.weight"
    sd[key] = sd[key].t().contiguous().t()
    assert not sd[key].is_contiguous()
    return sd


def with_heads(sd):
    """The checkpoint as BertForMaskedLM-style files carry it: a decoder tied to the word
    embeddings (the same storage) that an embedding model ignores."""
    out = collections.OrderedDict(sd)
    out["cls.predictions.decoder.weight"] = sd["embeddings.word_embeddings.weight"]
    out["cls.predictions.bias"] = torch.zeros(len(VOCAB))
    return out


def cast(sd, dtype):
    return collections.OrderedDict((k, v.to(dtype)) for k, v in sd.items())


def write_safetensors(path, sd):
    names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}
    header, blobs, offset = {}, [], 0
    for name in sorted(sd):
        t = sd[name].contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode())
        for raw in blobs:
            f.write(raw)


def model_folder(name, config=CONFIG):
    folder = os.path.join(HERE, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(folder, "vocab.txt"), "w") as f:
        f.write("\n".join(VOCAB) + "\n")
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": True, "tokenizer_class": "BertTokenizer"}, f)
    return folder


def token_ids(text):
    """[CLS] words [SEP]: every fixture text is lower-case words of the vocabulary (or word +
    ##s), so this is what WordPiece gives."""
    ids = [VOCAB.index("[CLS]")]
    for word in text.split():
        if word in VOCAB:
            ids.append(VOCAB.index(word))
        else:
            assert word.endswith("s") and word[:-1] in VOCAB, word
            ids += [VOCAB.index(word[:-1]), VOCAB.index("##s")]
    return ids + [VOCAB.index("[SEP]")]


def layer_norm(x, sd, prefix):
    return torch.nn.functional.layer_norm(x, (HIDDEN,), sd[prefix + ".weight"],
                                          sd[prefix + ".bias"], 1e-12)


def linear(x, sd, prefix):
    return x @ sd[prefix + ".weight"].t() + sd[prefix + ".bias"]


def bert_forward(sd, ids):
    """BERT's encoder (eval mode), written out: embeddings, self-attention, feed-forward."""
    ids = torch.tensor(ids)
    x = (sd["embeddings.word_embeddings.weight"][ids] +
         sd["embeddings.position_embeddings.weight"][: len(ids)] +
         sd["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(x, sd, "embeddings.LayerNorm")
    head = HIDDEN // HEADS
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        split = lambda t: t.view(len(ids), HEADS, head).transpose(0, 1)
        q = split(linear(x, sd, p + "attention.self.query"))
        k = split(linear(x, sd, p + "attention.self.key"))
        v = split(linear(x, sd, p + "attention.self.value"))
        attention = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(head), dim=-1)
        context = (attention @ v).transpose(0, 1).reshape(len(ids), HIDDEN)
        x = layer_norm(linear(context, sd, p + "attention.output.dense") + x, sd,
                       p + "attention.output.LayerNorm")
        inner = linear(x, sd, p + "intermediate.dense")
        inner = 0.5 * inner * (1 + torch.erf(inner / math.sqrt(2)))
        x = layer_norm(linear(inner, sd, p + "output.dense") + x, sd, p + "output.LayerNorm")
    return x


def main():
    torch.manual_seed(0)
    sd = state_dict()
    for dtype, name in ((torch.float32, "fp32"), (torch.float16, "fp16"),
                        (torch.bfloat16, "bf16")):
        typed = cast(sd, dtype)
        config = dict(CONFIG, torch_dtype={"fp32": "float32", "fp16": "float16",
                                           "bf16": "bfloat16"}[name])
        torch.save(with_heads(typed), os.path.join(model_folder(name, config),
                                                   "pytorch_model.bin"))
        write_safetensors(os.path.join(model_folder(name + "-safetensors", config),
                                       "model.safetensors"), typed)

    folder = model_folder("sharded")
    names = list(sd)
    halves = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map = {}
    for i, half in enumerate(halves):
        shard = f"pytorch_model-0000{i + 1}-of-00002.bin"
        torch.save(collections.OrderedDict((k, sd[k]) for k in half), os.path.join(folder, shard))
        weight_map.update({k: shard for k in half})
    with open(os.path.join(folder, "pytorch_model.bin.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": sum(t.numel() * 4 for t in sd.values())},
                   "weight_map": weight_map}, f, indent=2)

    # A sentence-transformers folder with a Dense layer between pooling and normalisation.
    folder = model_folder("dense")
    torch.save(sd, os.path.join(folder, "pytorch_model.bin"))
    g = torch.Generator().manual_seed(7)
    dense = collections.OrderedDict(
        [("linear.weight", torch.randn(DENSE_OUT, HIDDEN, generator=g) * 0.3),
         ("linear.bias", torch.randn(DENSE_OUT, generator=g) * 0.1)])
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {"idx": 3, "name": "3", "path": "3_Normalize",
         "type": "sentence_transformers.models.Normalize"}]
    files = {
        "modules.json": modules,
        "1_Pooling/config.json": {"word_embedding_dimension": HIDDEN,
                                  "pooling_mode_cls_token": False,
                                  "pooling_mode_mean_tokens": True,
                                  "pooling_mode_max_tokens": False,
                                  "pooling_mode_mean_sqrt_len_tokens": False},
        "2_Dense/config.json": {"in_features": HIDDEN, "out_features": DENSE_OUT, "bias": True,
                                "activation_function": "torch.nn.modules.activation.Tanh"},
        "sentence_bert_config.json": {"max_seq_length": POSITIONS, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query : ", "passage": "passage : "},
            "default_prompt_name": None, "similarity_fn_name": "cosine"},
    }
    for path, content in files.items():
        os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
        with open(os.path.join(folder, path), "w") as f:
            json.dump(content, f, indent=2)
    os.makedirs(os.path.join(folder, "3_Normalize"), exist_ok=True)
    torch.save(dense, os.path.join(folder, "2_Dense", "pytorch_model.bin"))
    expected = []
    with torch.no_grad():
        for text in TEXTS:
            pooled = bert_forward(sd, token_ids(text)).mean(0)
            projected = torch.tanh(dense["linear.weight"] @ pooled + dense["linear.bias"])
            expected.append((projected / projected.norm()).tolist())
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"texts": TEXTS, "embeddings": expected,
                   "made_by": f"make_fixtures.py, torch {torch.__version__}"}, f, indent=1)

    # A checkpoint whose pickle calls a function: os.system("echo pwned").
    class Payload:
        def __reduce__(self):
            return (os.system, ("echo pwned > /dev/null",))

    folder = model_folder("foreign-global")
    evil = collections.OrderedDict(sd)
    evil["x"] = Payload()
    torch.save(evil, os.path.join(folder, "pytorch_model.bin"))


if __name__ == "__main__":
    main()
