#!/usr/bin/python3
"""Compare the Hugging Face golden ids with SentencePiece itself (python3-sentencepiece).

For every single line of the golden file, encode `text` with the .model through
sentencepiece.SentencePieceProcessor and map the spm ids to XLM-R ids the way fairseq /
transformers' XLMRobertaTokenizer does (spm id i >= 3 -> i + 1, spm <unk> 0 -> 3), then compare
with the golden ids without <s> ... </s>.

Each disagreement is put into the first matching class:
  specials     HF produced <s>, <pad>, </s> or <mask> inside the text: a literal added token
               (HF matches them before normalization, spm sees plain characters), or the
               Unigram model picked the vocabulary entry "<mask>"/"<s>"/... (score 0.0) for text
               that normalizes to it, e.g. full-width "\uff1cmask\uff1e"; or the text contains "<unk>"
  trailing-ws  HF = spm + a final "▁" token (trailing whitespace: spm's
               remove_extra_whitespaces strips it, HF's Replace(" {2,}", " ") keeps one space),
               or the text is whitespace-only (HF: one "▁", spm: nothing)
  normalizer   the concatenated pieces differ: the two normalizers disagree (HF's Precompiled
               works grapheme by grapheme, spm by longest match over the whole string)
  tie          same normalized text, the two segmentations have the same f64 score: HF keeps
               the earliest-starting last piece, spm (float32 sums) does not see a tie
  other        anything else

The "ordinary" subset is golden single lines 786-2965 (1-based): the WordNet entries and Debian
descriptions of bert-base-uncased.jsonl, plain text without edge cases.

Usage: /usr/bin/python3 compare_spm.py MODEL GOLDEN(.jsonl|.jsonl.gz) [--show N]
"""
import argparse
import collections
import gzip
import json
import re

import sentencepiece as spm

SPECIALS = re.compile(r"<s>|</s>|<unk>|<pad>|<mask>")


def hf_to_spm(i):
    return 0 if i == 3 else i - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("golden")
    ap.add_argument("--show", type=int, default=8, help="examples to print per class")
    args = ap.parse_args()

    sp = spm.SentencePieceProcessor(model_file=args.model)
    opener = gzip.open if args.golden.endswith(".gz") else open
    with opener(args.golden, "rt", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    singles = [r for r in recs if "text_pair" not in r]

    classes = collections.OrderedDict((k, []) for k in
                                      ("specials", "trailing-ws", "normalizer", "tie", "other"))
    scores = {sp.id_to_piece(i): sp.get_score(i) for i in range(sp.get_piece_size())}
    agree = ordinary = ordinary_agree = 0
    for n, r in enumerate(singles):
        text = r["text"]
        is_ordinary = 785 <= n < 2965
        ordinary += is_ordinary
        hf = [hf_to_spm(i) for i in r["ids"][1:-1]]
        ref = sp.encode(text)
        if hf == ref:
            agree += 1
            ordinary_agree += is_ordinary
            continue
        hf_pieces = r["tokens"][1:-1]
        ref_pieces = sp.encode_as_pieces(text)
        if SPECIALS.search(text) or any(i in (0, 1, 2, sp.get_piece_size() + 1)
                                        for i in r["ids"][1:-1]) or "<unk>" in hf_pieces:
            cls = "specials"
        elif hf_pieces == ref_pieces + ["\u2581"] or (hf_pieces == ["\u2581"] and not ref_pieces):
            cls = "trailing-ws"
        elif "".join(hf_pieces).rstrip("\u2581") != "".join(ref_pieces):
            cls = "normalizer"
        elif sum(scores.get(p, 0.0) for p in hf_pieces) == sum(scores.get(p, 0.0) for p in ref_pieces):
            cls = "tie"
        else:
            cls = "other"
        classes[cls].append((text, hf_pieces, ref_pieces))

    print(f"single lines: {len(singles)}; identical ids: {agree}; different: {len(singles) - agree}")
    print(f"ordinary subset: {ordinary} lines; identical ids: {ordinary_agree}")
    for cls, items in classes.items():
        print(f"\n== {cls}: {len(items)}")
        for text, hf, ref in items[:args.show]:
            print("  text:", json.dumps(text, ensure_ascii=False)[:160])
            print("    HF :", json.dumps(hf, ensure_ascii=False)[:300])
            print("    spm:", json.dumps(ref, ensure_ascii=False)[:300])


if __name__ == "__main__":
    main()
