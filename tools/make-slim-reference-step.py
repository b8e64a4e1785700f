#!/usr/bin/env python3
"""Shrinks the reference training step (shared/data/reference-step) for the repository.

The reference model's word-embedding matrix (30 522 x 128, 15.6 MB of its 17.5 MB) is only read
at the 293 token ids the reference inputs use. Keeping those rows, in id order, and renumbering
the inputs to match gives a model whose forward pass, loss, gradients (the unused rows' gradients
are zero) and loss after one AdamW step are exactly the reference's, in 2 MB. Standard library
only; run once:

  tools/make-slim-reference-step.py SHARED/data/reference-step tests/data/reference-step
"""
import array
import json
import pathlib
import shutil
import struct
import sys


def read_safetensors(path):
    blob = pathlib.Path(path).read_bytes()
    header_len = struct.unpack("<Q", blob[:8])[0]
    header = json.loads(blob[8:8 + header_len])
    data = blob[8 + header_len:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        tensors[name] = (info["dtype"], info["shape"], data[begin:end])
    return tensors, header.get("__metadata__", {})


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    for name in sorted(tensors):
        dtype, shape, data = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text.encode())
        for name in sorted(tensors):
            out.write(tensors[name][2])


def main():
    source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    inputs, input_meta = read_safetensors(source / "inputs.safetensors")
    used = set()
    for name in ("q_ids", "p_ids"):
        used.update(array.array("q", inputs[name][2]))
    kept = sorted(used)
    new_id = {old: new for new, old in enumerate(kept)}

    model, model_meta = read_safetensors(source / "model.safetensors")
    dtype, shape, data = model["embeddings.word_embeddings.weight"]
    vocab_rows = shape[0]
    row = shape[1] * 4
    rows = b"".join(data[i * row:(i + 1) * row] for i in kept)
    model["embeddings.word_embeddings.weight"] = (dtype, [len(kept), shape[1]], rows)
    write_safetensors(target / "model.safetensors", model, model_meta)

    for name in ("q_ids", "p_ids"):
        dtype, shape, data = inputs[name]
        ids = array.array("q", data)
        inputs[name] = (dtype, shape, array.array("q", (new_id[i] for i in ids)).tobytes())
    inputs["kept_token_ids"] = ("I64", [len(kept)], array.array("q", kept).tobytes())
    write_safetensors(target / "inputs.safetensors", inputs, input_meta)

    config = json.loads((source / "config.json").read_text())
    config["vocab_size"] = len(kept)
    (target / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    shutil.copyfile(source / "expected.json", target / "expected.json")
    print(f"kept {len(kept)} of {vocab_rows} embedding rows")


if __name__ == "__main__":
    main()
