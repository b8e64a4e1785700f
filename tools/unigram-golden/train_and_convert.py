#!/usr/bin/python3
"""Train a small XLM-RoBERTa-style SentencePiece Unigram model and convert it to a
Hugging Face tokenizer.json the way transformers' XLMRobertaConverter does.

Steps (each deterministic):
  1. build_corpus.py  -> WORK/corpus.txt
  2. spm_train        -> WORK/sentencepiece.bpe.model   (skipped with --model PATH)
  3. conversion       -> OUT/{tokenizer.json, tokenizer_config.json, special_tokens_map.json,
                              sentencepiece.bpe.model}

Usage:
  train_and_convert.py --shared /work/shared --work /tmp/unigram-golden-work \
                       --out tests/data/xlmr-unigram
  train_and_convert.py --model tests/data/xlmr-unigram/sentencepiece.bpe.model \
                       --out tests/data/xlmr-unigram      # re-convert only

The conversion follows the published FacebookAI/xlm-roberta-base tokenizer.json (made by the
transformers 4.x XLMRobertaConverter of 2020/2021):
  vocab      = [<s>, <pad>, </s>, <unk>] (score 0.0) + spm pieces[3:] + [<mask>] (score 0.0)
  model      = Unigram, unk_id 3, byte_fallback false
  normalizer = Sequence[Precompiled(spm precompiled_charsmap), Replace(Regex " {2,}" -> " ")]
  pre_tok    = Metaspace(replacement "▁", prepend_scheme "always", split true)
  post_proc  = TemplateProcessing "<s> $A </s>" / "<s> $A </s> </s> $B </s>", all type ids 0
  decoder    = Metaspace (same settings)
  added      = <s> 0, <pad> 1, </s> 2, <unk> 3, <mask> N-1 (lstrip true); all special, normalized false
"""
import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import spm_model  # noqa: E402

SPM_TRAIN_ARGS = [
    "--input=corpus.txt",
    "--model_prefix=sentencepiece.bpe",
    "--model_type=unigram",
    "--vocab_size=8000",
    "--character_coverage=0.9995",
    "--normalization_rule_name=nmt_nfkc",
    "--byte_fallback=false",
    "--add_dummy_prefix=true",
    "--remove_extra_whitespaces=true",
    "--split_digits=false",
    "--input_sentence_size=0",
    "--shuffle_input_sentence=false",
    "--num_threads=1",
    "--random_seed=20240601",
    "--max_sentence_length=8192",
]


def added_token(id_, content, lstrip=False):
    return {"id": id_, "content": content, "single_word": False, "lstrip": lstrip,
            "rstrip": False, "normalized": False, "special": True}


def convert(model: spm_model.Model):
    if model.trainer["model_type"] != 1:
        raise SystemExit("not a Unigram model")
    if model.trainer["byte_fallback"]:
        raise SystemExit("byte_fallback models are not handled by the XLM-R converter")
    p = model.pieces
    if [x.piece for x in p[:3]] != ["<unk>", "<s>", "</s>"]:
        raise SystemExit("expected spm pieces 0..2 to be <unk>, <s>, </s> (XLM-R layout)")

    vocab = [["<s>", 0.0], ["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0]]
    vocab += [[x.piece, float(x.score)] for x in p[3:]]
    vocab += [["<mask>", 0.0]]
    mask_id = len(vocab) - 1

    metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always",
                 "split": True}

    def tmpl(*items):
        out = []
        for it in items:
            if it.startswith("$"):
                out.append({"Sequence": {"id": it[1:], "type_id": 0}})
            else:
                out.append({"SpecialToken": {"id": it, "type_id": 0}})
        return out

    charsmap = model.normalizer["precompiled_charsmap"]
    normalizers = []
    if charsmap:
        normalizers.append({"type": "Precompiled",
                            "precompiled_charsmap": base64.b64encode(charsmap).decode("ascii")})
    normalizers.append({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})

    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added_token(0, "<s>"), added_token(1, "<pad>"), added_token(2, "</s>"),
                         added_token(3, "<unk>"), added_token(mask_id, "<mask>", lstrip=True)],
        "normalizer": {"type": "Sequence", "normalizers": normalizers},
        "pre_tokenizer": dict(metaspace),
        "post_processor": {
            "type": "TemplateProcessing",
            "single": tmpl("<s>", "$A", "</s>"),
            "pair": tmpl("<s>", "$A", "</s>", "</s>", "$B", "</s>"),
            "special_tokens": {
                "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]},
                "<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
            },
        },
        "decoder": dict(metaspace),
        "model": {"type": "Unigram", "unk_id": 3, "vocab": vocab, "byte_fallback": False},
    }

    special_map = {"bos_token": "<s>", "cls_token": "<s>", "eos_token": "</s>",
                   "mask_token": {"content": "<mask>", "lstrip": True, "normalized": False,
                                  "rstrip": False, "single_word": False},
                   "pad_token": "<pad>", "sep_token": "</s>", "unk_token": "<unk>"}

    def dec(content, lstrip=False):
        return {"content": content, "lstrip": lstrip, "normalized": False, "rstrip": False,
                "single_word": False, "special": True}

    config = {
        "added_tokens_decoder": {"0": dec("<s>"), "1": dec("<pad>"), "2": dec("</s>"),
                                 "3": dec("<unk>"), str(mask_id): dec("<mask>", True)},
        "bos_token": "<s>",
        "clean_up_tokenization_spaces": True,
        "cls_token": "<s>",
        "eos_token": "</s>",
        "mask_token": "<mask>",
        "model_max_length": 512,
        "pad_token": "<pad>",
        "sep_token": "</s>",
        "tokenizer_class": "XLMRobertaTokenizer",
        "unk_token": "<unk>",
    }
    return tok, config, special_map


def dump(obj, path):
    # Same layout as tokenizers' Tokenizer.save(pretty=True): 2-space indent, UTF-8, no final newline.
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--work", default="/tmp/unigram-golden-work")
    ap.add_argument("--model", help="skip training and convert this .model")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    if args.model:
        model_path = os.path.abspath(args.model)
    else:
        os.makedirs(args.work, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "build_corpus.py"), "--shared",
                        args.shared, "--out", os.path.join(args.work, "corpus.txt")], check=True)
        with open(os.path.join(args.work, "spm_train.log"), "w") as log:
            subprocess.run(["spm_train"] + SPM_TRAIN_ARGS, cwd=args.work, check=True,
                           stdout=log, stderr=subprocess.STDOUT)
        model_path = os.path.join(args.work, "sentencepiece.bpe.model")

    model = spm_model.load(model_path)
    tok, config, special_map = convert(model)
    os.makedirs(args.out, exist_ok=True)
    dst = os.path.join(args.out, "sentencepiece.bpe.model")
    if os.path.abspath(dst) != model_path:
        shutil.copyfile(model_path, dst)
    dump(tok, os.path.join(args.out, "tokenizer.json"))
    dump(config, os.path.join(args.out, "tokenizer_config.json"))
    dump(special_map, os.path.join(args.out, "special_tokens_map.json"))
    for name in ("sentencepiece.bpe.model", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json"):
        path = os.path.join(args.out, name)
        with open(path, "rb") as f:
            data = f.read()
        print(f"{name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"spm pieces: {len(model.pieces)}; HF vocab: {len(tok['model']['vocab'])} "
          f"(<mask> = {len(tok['model']['vocab']) - 1})")


if __name__ == "__main__":
    main()
