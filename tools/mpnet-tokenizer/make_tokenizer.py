#!/usr/bin/python3
"""Write an MPNet tokenizer folder (sentence-transformers/all-mpnet-base-v2's layout) from
bert-base-uncased's vocab.txt.

microsoft/mpnet-base, and every model fine-tuned from it, uses bert-base-uncased's 30,522
WordPiece tokens with four tokens in front and one at the end:

    <s>=0  <pad>=1  </s>=2  <unk>=3  [PAD]=4 ... [UNK]=104 ... ##～=30525  <mask>=30526

so each BERT id moves up by 4 (30,527 tokens). tokenizer.json is written exactly as the file
published with all-mpnet-base-v2 is: one line, no spaces, non-ASCII characters as UTF-8, the
field order of the tokenizers release that wrote it (added tokens list "special" second), and

  - added_tokens: <s> 0, <pad> 1, </s> 2, <unk> 3 (normalized: true), [UNK] 104, <mask> 30526
    (lstrip: true); all special, none single_word or rstrip, the others normalized: false;
  - BertNormalizer (clean_text, handle_chinese_chars, strip_accents null, lowercase);
  - BertPreTokenizer; WordPiece with unk_token [UNK] (not <unk>), "##", 100 chars per word;
  - RobertaProcessing: <s> A </s> and <s> A </s> </s> B </s>, every type id 0;
  - the WordPiece decoder.

truncation and padding are null here. The published file has truncation to 128 tokens and
padding to a fixed 128 (sentence-transformers overrides both with its max_seq_length); with
--as-published they are written as published, to compare the bytes with a downloaded copy
(--compare FILE).

tokenizer_config.json and special_tokens_map.json hold MPNetTokenizer's special tokens, with
the <mask> token's lstrip.

Usage: make_tokenizer.py [--as-published] [--compare FILE] BERT_VOCAB_TXT OUTPUT_FOLDER
"""
import argparse
import hashlib
import json
import os
import sys

BERT_TOKENS = 30522
FRONT = ["<s>", "<pad>", "</s>", "<unk>"]
MASK = "<mask>"


def added(token_id, content, lstrip=False, normalized=False):
    # The key order of tokenizers < 0.11 (the published file's), not today's.
    return {"id": token_id, "special": True, "content": content, "single_word": False,
            "lstrip": lstrip, "rstrip": False, "normalized": normalized}


def tokenizer_json(vocab, as_published):
    ids = {token: i for i, token in enumerate(vocab)}
    assert len(ids) == len(vocab), "duplicate tokens"
    truncation = padding = None
    if as_published:
        truncation = {"max_length": 128, "strategy": "LongestFirst", "stride": 0}
        padding = {"strategy": {"Fixed": 128}, "direction": "Right", "pad_to_multiple_of": None,
                   "pad_id": ids["<pad>"], "pad_type_id": 0, "pad_token": "<pad>"}
    return {
        "version": "1.0",
        "truncation": truncation,
        "padding": padding,
        "added_tokens": [
            added(ids["<s>"], "<s>"),
            added(ids["<pad>"], "<pad>"),
            added(ids["</s>"], "</s>"),
            added(ids["<unk>"], "<unk>", normalized=True),
            added(ids["[UNK]"], "[UNK]"),
            added(ids[MASK], MASK, lstrip=True),
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", ids["</s>"]],
                           "cls": ["<s>", ids["<s>"]], "trim_offsets": True,
                           "add_prefix_space": False},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


MASK_TOKEN = {"content": MASK, "single_word": False, "lstrip": True, "rstrip": False}

TOKENIZER_CONFIG = {
    "do_lower_case": True,
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "[UNK]",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "cls_token": "<s>",
    "mask_token": dict(MASK_TOKEN, normalized=True, __type="AddedToken"),
    "tokenize_chinese_chars": True,
    "strip_accents": None,
    "model_max_length": 512,
    "tokenizer_class": "MPNetTokenizer",
}

SPECIAL_TOKENS_MAP = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "[UNK]",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "cls_token": "<s>",
    "mask_token": dict(MASK_TOKEN, normalized=False),
}


def read_vocab(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    tokens = text.split("\n")
    if tokens and tokens[-1] == "":
        tokens.pop()
    if len(tokens) != BERT_TOKENS or tokens[100] != "[UNK]" or tokens[1996] != "the":
        sys.exit(f"{path}: not bert-base-uncased's vocab.txt ({len(tokens)} lines)")
    return tokens


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    print(f"{path}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-published", action="store_true",
                    help="truncation and padding to 128 as in the published tokenizer.json")
    ap.add_argument("--compare", metavar="FILE",
                    help="say whether tokenizer.json is byte-identical to FILE")
    ap.add_argument("vocab")
    ap.add_argument("out")
    args = ap.parse_args()

    vocab = FRONT + read_vocab(args.vocab) + [MASK]
    assert len(vocab) == 30527 and vocab.index("[UNK]") == 104 and vocab.index("the") == 2000
    tok = json.dumps(tokenizer_json(vocab, args.as_published), ensure_ascii=False,
                     separators=(",", ":")).encode("utf-8")
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "tokenizer.json"), tok)
    for name, obj in (("tokenizer_config.json", TOKENIZER_CONFIG),
                      ("special_tokens_map.json", SPECIAL_TOKENS_MAP)):
        write(os.path.join(args.out, name), (json.dumps(obj, indent=2) + "\n").encode("utf-8"))

    if args.compare:
        with open(args.compare, "rb") as f:
            other = f.read()
        if other == tok:
            print(f"tokenizer.json is byte-identical to {args.compare}")
        else:
            at = next((i for i, (a, b) in enumerate(zip(tok, other)) if a != b),
                      min(len(tok), len(other)))
            print(f"tokenizer.json differs from {args.compare} at byte {at}:\n"
                  f"  ours   {tok[max(0, at - 60):at + 60]!r}\n"
                  f"  theirs {other[max(0, at - 60):at + 60]!r}")
            sys.exit(1)


if __name__ == "__main__":
    main()
