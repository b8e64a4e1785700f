#!/usr/bin/python3
"""Write the list of inputs for the XLM-R Unigram golden file (inputs.jsonl).

Each output line is {"text": ...} (single sequence) or {"text": ..., "text_pair": ...} (pair),
and carries a "group" key naming where it came from (dropped from the golden file).

Order:
  1. every distinct "text" of the single lines of bert-base-uncased.jsonl, in file order
  2. the Unigram / Precompiled / Metaspace edge cases below (skipping texts already in 1)
  3. 60 seeded random strings built from the tricky pieces below
  4. the 500 pairs of bert-base-uncased.jsonl, in file order
  5. extra pairs below

Deterministic: no clock, no hash ordering; random strings come from random.Random(20240601).

Usage: make_inputs.py --shared /work/shared --out inputs.jsonl
"""
import argparse
import json
import random

# ---------------------------------------------------------------------------------------------
# Hand-written edge cases.  (group, text)
# ---------------------------------------------------------------------------------------------
E = []


def add(group, *texts):
    for t in texts:
        E.append((group, t))


# Whitespace and the Replace(" {2,}" -> " ") normalizer; Metaspace prepend/split.
add("whitespace",
    "hello", " hello", "  hello", "   hello", "hello ", "hello  ", "hello   ",
    "  hello  ", " hello world ", "a b", "a  b", "a   b", "a    b", "a \t b", "a\t\tb",
    "a\n\nb", "a \n b", "a\r\n\r\nb", " \u00a0 ", "a \u00a0 b", "a\u00a0\u00a0b", "a\u3000b",
    "a\u3000\u3000b", "\u3000a", "a\u3000", "\u2002a\u2003b\u2009c\u200a", "a\u202fb\u205fc",
    "a\u1680b", "a\u180eb", "a\u2000\u2001\u2004\u2005\u2006\u2007\u2008b",
    "\t\ta\t\t", "\n a", "a \n", " \t \u00a0 \u3000 x", "x \t \u00a0 \u3000 ",
    "\u2581", "\u2581\u2581", "\u2581hello", "hello\u2581world", "hello \u2581 world",
    "a\u2581\u2581b", "\u2581 \u2581", "_hello_", "hello_world")

# Characters the nmt_nfkc charsmap deletes or maps to a space; text that normalizes to "".
add("removed",
    "\u200b", "\u200b\u200b", "\ufeff", "\u200d", "\u200c", "\u2060", "\u200e\u200f",
    "\u202a\u202c", "\u0001\u0002\u0003", " \u200b ", "\u200b \u200b", "x\u200by",
    "x\u200b\u200by", "\ufeffhello", "hello\ufeff", "x\u200dy", "x\u00ady", "x\u0085y",
    "x\u2028y", "x\u2029y", "x\u000by", "x\u000cy", "x\u007fy", "x\u001fy", "x\ufffdy",
    "\ufffd", "x\u0000y", "\u0000", "x\ufff9y", "x\u061cy", "x\u034fy", "x\ufe0fy",
    # deleted characters at the start shift the alignment of what follows (HF quirk)
    "\u0001xy", "\u0001\u0002x y", "\u0001 b", "a\u0001", "\u0001", "\u007f\u00e9t\u00e9",
    "\u0001\uff21\u0300b", "\u0008\u0008hello world")

# NFKC compatibility characters.
add("nfkc",
    "\uff21\uff22\uff23\uff11\uff12\uff13", "\uff28\uff45\uff4c\uff4c\uff4f\u3000\uff37\uff4f\uff52\uff4c\uff44",
    "\uff01\uff1f\uff08\uff09\uff3b\uff3d", "\ufb01", "\ufb02", "\ufb03", "\ufb04", "\ufb00",
    "\ufb05", "\ufb06", "\ufb01nancial \ufb02ow", "e\ufb03cient o\ufb04ine", "\u01c6 \u01c4 \u01c5",
    "\u0133 \u0132", "\u2460\u2461\u2462", "\u2474 \u2488 \u3251 \u32bf", "\u24b6\u24d1\u24b8",
    "x\u00b2 + y\u00b3", "H\u2082O", "\u00bd \u00bc \u215e \u2153", "\u00b9\u2044\u2082",
    "\u216b \u2177 \u2160\u2161\u2162", "\u338f \u339e \u2103 \u2109", "\u2116 \u2122 \u2121",
    "\u337f \u3231 \u32ff \u337b", "\u2026", "\u2025", "wait\u2026", "\u00b5 \u212b \u212a \u2126",
    "\U0001d400\U0001d401\U0001d402", "\U0001d4d7\U0001d4ee\U0001d4f5\U0001d4f5\U0001d4f8",
    "\U0001d7d8\U0001d7d9", "\u210c\u2148\u2102", "\u017f", "\u1e9b", "\u0149",
    "\u3014\u3015 \ufe35 \ufe4f \ufe56", "\ufa00\u66f4\uf900", "\u2070\u00b9\u00b2\u00b3\u2074\u2079",
    "\u00aa \u00ba", "\u3300 \u3303 \u3357", "\u00a8", "a\u00a8b", "\u00b4x", "x\u00b8",
    "\u02dc", "\u203e", "\uffe3", "\u00af", "\u2017", "\u02d8 \u02d9 \u02da \u02db \u02dd",
    "\ufdfa", "\ufdfb", "\ufef5 \ufefb", "\ufe8d\ufe92", "\u1d2c\u1d43\u1d47",
    "\u2474\u2475\u2476", "\u33c2\u33d8", "\u00a0\u00a0x", "\u2215 \u2044 \u2236", "\u2160-\u2169",
    "\u3131\u3134\u3137", "\uffa1\uffa4", "\uff76\uff80\uff76\uff85", "\uff8a\uff9f\uff8b\uff9f")

# The Precompiled normalizer's grapheme handling (Hugging Face specific).
add("grapheme",
    "e\u0301", "e\u0301\u0301", "e\u0301\u0301\u0301", "e\u0301\u0301\u0301\u0301",
    "A\u0300", "\uff21\u0300", "\uff21\u0300\uff22", "\ufb01\u0301", "\ufb01\u0300\u0300",
    "\u2460\u0301", "a\u0308\u0304", "\u00e4\u0304", "o\u031b\u0300", "\u01a1\u0300",
    "\uff76\uff9e", "\uff76\uff9e\uff77\uff9e", "\uff8a\uff9f", "\u30ab\u3099", "\u30ab\u3099\u3099",
    "\u30ac", "\u1100\u1161\u11a8", "\u1100\u1161", "\uac01", "\u3131\u314f",
    "Tie\u0302\u0301ng Vie\u0302\u0323t", "Ti\u1ebfng Vi\u1ec7t", "Nguye\u0302\u0303n",
    "\u0301", "\u0301\u0301", " \u0301", "  \u0301", "x \u0301y", "\u00a8\u0301",
    "\u0915\u094d\u0937", "\u0915\u093f", "\u0e01\u0e33", "\u0e4d\u0e32",
    "x\u0301\u0301\u0301\u0301y", "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032dl\u036e\u0312\u036b",
    "\u212b\u0301", "\u2126\u0301", "\u1e9b\u0323", "\u0041\u030a", "\u00c5\u0301",
    "\u0410\u0306", "\u0419", "\u0438\u0306", "n\u0303", "\u00f1",
    "\U0001F44D\U0001F3FD", "\U0001F1EF\U0001F1F5", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
    "1\ufe0f\u20e3", "\u2764\ufe0f", "\u263a", "\U0001F3F3\ufe0f\u200d\U0001F308")

# Literal special-token strings (added tokens are matched before normalization).
add("special",
    "<s>", "</s>", "<mask>", "<unk>", "<pad>", "<s>hello</s>", "hello <mask> world",
    "hello<mask>world", "hello  <mask>", "hello\t<mask>", "hello\u3000<mask>",
    "hello\u00a0<mask>", "hello\n<mask>", "<mask>", " <mask>", "  <mask>  ", "<mask><mask>",
    "<mask> <mask>", "<mask>.", "<mask>\n", "a<mask>", "<MASK>", "< mask >", "<mask",
    "mask>", "\uff1cmask\uff1e", "\u200b<mask>", "x \u200b<mask>", "<pad><pad>",
    "x<unk>y", "</s> </s>", "<s> </s>", "a</s>b", "<s><mask></s>", "The capital of France is <mask>.",
    "\u2581<mask>", "<mask>\u2581", "<<mask>>", "x\u2028<mask>", "x\u0085<mask>", "x\u200b<mask>",
    "x\u180e<mask>", "\uff1cs\uff1e", "\uff1c/s\uff1e", "\uff1cunk\uff1e", "\uff1cpad\uff1e",
    "a\uff1cmask\uff1eb", "<mask>\uff1cmask\uff1e")

# Characters missing from the vocabulary (-> <unk>, consecutive ones fused).
add("unknown",
    "\U00020000", "\u9f98", "\U0002a6a5", "\U00010000", "\U00012000", "\U00013000",
    "\U00013000\U00013001\U00013002", "a\U00013000b", "a \U00013000 b", "\U00013000 \U00013001",
    "\ue000", "x\ue000y", "\u0378", "x\u0378y", "\U0010fffd", "\uffff", "x\ufffey",
    "\u13a0\u13a1\u13a2", "\u1681\u1682\u1683", "\u2d30\u2d31\u2d32", "\ua000\ua001",
    "hello \U00013000\U00013001 world", "\U0001F9EC\U0001FAE0", "abc\u4e00\U00020000def")

# Scripts.
add("scripts",
    "\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03cc\u03c2",
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u0627\u064e\u0644\u0652\u0639\u064e\u0631\u064e\u0628\u0650\u064a\u064e\u0651\u0629\u064f",
    "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e",
    "\u0986\u09ae\u09bf \u09ac\u09be\u0982\u09b2\u09be", "\u0bb5\u0ba3\u0b95\u0bcd\u0b95\u0bae\u0bcd",
    "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22", "\u0ea5\u0eb2\u0ea7", "\u1797\u17b6\u179f\u17b6\u1781\u17d2\u1798\u17c2\u179a",
    "\u1019\u103c\u1014\u103a\u1019\u102c", "\u10e5\u10d0\u10e0\u10d7\u10e3\u10da\u10d8",
    "\u0540\u0561\u0575\u0565\u0580\u0565\u0576", "\u12a0\u121b\u122d\u129b",
    "\u0f56\u0f7c\u0f51\u0f0b\u0f61\u0f72\u0f42", "\u182e\u1823\u1829\u182d\u1823\u182f",
    "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002", "\u30ab\u30bf\u30ab\u30ca\u3068\u3072\u3089\u304c\u306a",
    "\u4e2d\u6587\u5206\u8bcd\u6d4b\u8bd5", "\u7e41\u9ad4\u4e2d\u6587", "\ud55c\uad6d\uc5b4 \ud14c\uc2a4\ud2b8",
    "\uc548\ub155\ud558\uc138\uc694", "Ti\u1ebfng Vi\u1ec7t c\u00f3 d\u1ea5u",
    "\u00c7a va tr\u00e8s bien, merci\u00a0!", "Gr\u00fc\u00dfe aus M\u00fcnchen", "STRASSE Stra\u00dfe",
    "\u0130stanbul \u0131\u015f\u0131k", "\u0141\u00f3d\u017a \u017c\u00f3\u0142w",
    "\u0e01\u0e34\u0e19\u0e02\u0e49\u0e32\u0e27\u0e22\u0e31\u0e07", "\u0626\u06c7\u064a\u063a\u06c7\u0631\u0686\u06d5")

# Digits, punctuation, case, long words.
add("misc",
    "12345", "3.14159", "1,000,000.00", "\u0663\u0664\u0665", "\u0967\u0968\u0969", "2024-06-01T12:00:00Z",
    "HELLO Hello hello hELLO", "don't won't it's", "e-mail: user@example.com", "https://www.debian.org/",
    "/usr/share/doc/README.Debian", "C++ std::vector<int>", "\"quoted\" 'single' \u201csmart\u201d \u2018q\u2019",
    "!!!???...", "----", "\u00a9 \u00ae \u00a7 \u00b6 \u2020", "\u20ac100 \u00a330 \u00a5500 $5",
    "supercalifragilisticexpialidocious", "Donaudampfschifffahrtsgesellschaftskapit\u00e4n",
    "pneumonoultramicroscopicsilicovolcanoconiosis", "a" * 100, "x" * 300, "ab" * 150,
    "\u00e9" * 120, "e\u0301" * 60, "\u65e5\u672c" * 200, "\u0939" * 50,
    " ".join(["word"] * 600), "\U0001F600" * 40, "\ufb01" * 30, "\u2460" * 25)

# Random strings: deterministic mixes of the pieces above.
PIECES = [
    "a", "b", "Z", "hello", "world", "\u00e9", "e\u0301", "\u0301", "\u0300", "\u0302", "\u0323",
    " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u00ad", "\u2581",
    "\uff21", "\uff41", "\ufb01", "\u2460", "\u00bd", "\u00a8", "\u3300", "\uff76", "\uff9e",
    "\u30ab", "\u3099", "\u1100", "\u1161", "\u11a8", "\ud55c", "\u65e5", "\U00020000",
    "\U00013000", "\U0001F44D", "\U0001F3FD", "\u200d", "<mask>", "<s>", "</s>", "<unk>", "<pad>",
    "\u0645", "\u0928", "\u094d", "\u0e01", "\u0e33", "1", "2", ".", ",", "!", "\u2026",
    "\U0001d400", "\u017f", "\ufdfa", "\u0085", "\u2028", "\u000b", "\u0000", "\ufffd",
]

EXTRA_PAIRS = [
    ("", ""), ("a", ""), ("", "b"), (" ", " "), ("<mask>", "<mask>"), ("hello <mask>", "world"),
    ("  leading", "trailing  "), ("\ufb01", "\u2460"), ("\uff76\uff9e", "\u30ab\u3099"),
    ("Tie\u0302\u0301ng Vie\u0302\u0323t", "Ti\u1ebfng Vi\u1ec7t"), ("\u200b", "\u200b"),
    ("\U00013000", "\U00020000"), ("<s>", "</s>"), ("\u65e5\u672c\u8a9e", "\ud55c\uad6d\uc5b4"),
    ("hello", "hello"), ("x" * 400, "y" * 400), ("\u2581", "\u2581\u2581"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442", "\u0645\u0631\u062d\u0628\u0627"),
    ("a  b", "c   d"), ("\U0001F44D\U0001F3FD", "\U0001F1EF\U0001F1F5"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    golden = f"{args.shared}/data/tokenizer-golden/bert-base-uncased.jsonl"
    singles, pairs = [], []
    with open(golden, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if "text_pair" in rec:
                pairs.append(("bert-pair", rec["text"], rec["text_pair"]))
            else:
                singles.append(("bert", rec["text"]))

    out = []
    seen = set()
    for group, text in singles:
        if text not in seen:
            seen.add(text)
            out.append({"group": group, "text": text})
    n_bert = len(out)
    for group, text in E:
        if text not in seen:
            seen.add(text)
            out.append({"group": group, "text": text})
    n_edge = len(out) - n_bert
    rng = random.Random(20240601)
    n_rand = 0
    while n_rand < 60:
        k = rng.randint(1, 24)
        text = "".join(rng.choice(PIECES) for _ in range(k))
        if text not in seen:
            seen.add(text)
            out.append({"group": "random", "text": text})
            n_rand += 1
    for group, a, b in pairs:
        out.append({"group": group, "text": a, "text_pair": b})
    for a, b in EXTRA_PAIRS:
        out.append({"group": "extra-pair", "text": a, "text_pair": b})

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=True) + "\n")
    print(f"single: {n_bert} bert + {n_edge} edge cases + {n_rand} random = "
          f"{n_bert + n_edge + n_rand}; pairs: {len(pairs)} bert + {len(EXTRA_PAIRS)} extra")


if __name__ == "__main__":
    main()
