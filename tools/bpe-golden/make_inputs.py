#!/usr/bin/python3
"""Write the inputs of the byte-level BPE golden file: the Unigram golden's inputs
(tools/unigram-golden/make_inputs.py: BERT's golden texts and pairs, non-ASCII, whitespace and
random strings) followed by the cases byte-level BPE treats specially: contractions, runs of
spaces, tabs and newlines before words, digits, emoji and other multi-byte characters, and the
added token <mask> (lstrip) inside text.

With --normalization, the ModernBERT golden's inputs: the same, then the cases of Unicode
normalization (NORMALIZATION below: decomposed and precomposed Latin, Hangul syllables and jamo,
compatibility characters, combining marks out of canonical order, singletons, composition
exclusions, characters assigned after Unicode 9.0 (which Hugging Face's tables do not know), and
ModernBERT's added tokens inside such text). With --normalization-only, those cases alone plus
every 5th of the other inputs that is not plain ASCII: the NFKC and NFKD goldens' inputs.

Usage: make_inputs.py [--normalization | --normalization-only] UNIGRAM_INPUTS_JSONL OUTPUT_JSONL
"""
import json
import sys

EXTRA = [
    "I'm sure it's fine, isn't it? We'll see; they'd've said.",
    "IT'S LOUD'N'CLEAR 'quoted' '' ' s",
    "two  spaces,   three,    four",
    "  leading spaces and trailing   ",
    "\ttab\tseparated\tvalues\n",
    "line one\nline two\r\nline three\n\n\nend",
    " \n x",
    "a\u00a0b\u2003c\u3000d",
    "numbers 12345 3.14159 1,000,000 and v2.0.1",
    "emoji 😀👍🏽 family 👨‍👩‍👧 flags 🇩🇪🇨🇳",
    "Café naïve façade Ångström Ελληνικά русский 中文字符 日本語 한국어",
    "The <mask> sat on the mat.",
    "<mask><mask> at start, and end <mask>",
    "no space<mask>here",
    "<s>looks special</s> but is text",
    "",
    " ",
    "a",
    "GPT-2's byte-level BPE: ĠĊ bytes\u0000\u0001 control",
]


# Unicode normalization (NFC, NFKC, NFKD) and ModernBERT's added tokens.
NORMALIZATION = [
    # precomposed and decomposed Latin: e + U+0301 composes to U+00E9, which keeps the span of "e"
    "caf\u00e9 cafe\u0301", "e\u0301", "e\u0301\u0301", "E\u0301cole e\u0300 a\u0308",
    "\u00e9\u0301", "Ame\u0301lie na\u0131\u0308ve", "A\u030a \u00c5 \u212b \u00c5\u0301",
    "n\u0303o\u0302\u0300 Vie\u0323\u0302t Vie\u0302\u0323t Vi\u1ec7t",
    "\u1e9b\u0323 \u1e0b\u0323 \u1e0d\u0307 d\u0307\u0323 d\u0323\u0307",
    "o\u031b\u0323 \u01a1\u0323 \u1ee3", "x\u0301y\u0302z\u0308",
    "\u0301leading mark", "\u0301\u0302", "a\u0301\u0316 a\u0316\u0301",
    "a\u0328\u0301 a\u0301\u0328 \u0105\u0301 \u00e1\u0328",
    "u\u0308\u0301 \u01d8 \u00fc\u0301 u\u0301\u0308",
    "a\u05b8\u05b7\u0301 a\u0591\u05b0 q\u0307\u0323\u0300",
    "\u0344 \u0340 \u0341 \u0343 \u0374 \u037e \u0387",
    "\u0f73 \u0f75 \u0f81 \u0f74\u0f73 \u0f72\u0f71",
    # singletons and composition exclusions
    "\u2126hm \u212a elvin \u212b ngstr\u00f6m \u1fef \u1ffd \u2000\u2001",
    "\u0958\u0959 \u0915\u093c \u09dc \u0a33 \u0b5c \u2adc \ufb1d \ufb2a \ufb4e",
    "\uf900\uf901 \u2f800 \U0002f800 \ufa10",
    # Hangul: syllables, jamo that compose, jamo that do not
    "\ud55c\uad6d\uc5b4 \u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165",
    "\u1100\u1161 \u1100\u1161\u11a8 \uac00\u11a8 \uac00\u11a7 \u1100\u11a8",
    "\uac01\u11a8 \u1100\u1100\u1161\u1161 \u3131\u314f \uffa1\uffc2",
    "\u1100\u0301\u1161 \uac00\u0301\u11a8 \u115f\u1160",
    # compatibility characters (NFKC and NFKD map them, NFC and NFD keep them)
    "\ufb01nancial \ufb02ow \ufb03 \ufb00 \u01c6 \u0149 \u017f \u1e9b",
    "\uff21\uff22\uff23 \uff41\uff42\uff43 \uff11\uff12\uff13 \uff01\uff1f \u3000x",
    "\u2460\u2461\u2473 \u2474 \u2488 \u24b6 \u3251 \u32bf",
    "x\u00b2 y\u00b3 H\u2082O \u00bd \u2153 \u215f \u2070\u2071\u207f",
    "\u2122 \u2120 \u2103 \u2109 \u210c \u2102 \u2115 \u2148 \U0001d400\U0001d7d8",
    "\u3300 \u3392 \u33a1 \u32cc \u337b \u3231 \u3297",
    "\uff76\uff9e \uff8a\uff9f \u30ab\u3099 \u304b\u3099 \u30cf\u309a \uff9e",
    "\ufdfa \ufdfb \ufe8d\ufe8e \ufef5 \u0675",
    "\u00a0\u00a8\u00aa\u00af\u00b4\u00b5\u00b8\u00b9\u00ba\u00bc",
    "a\u00a0b \u2002\u2003\u2009 \u202f \u205f \u3000 end",
    "\u2024\u2025\u2026 \u2033 \u2034 \u2057 \u203c \u2047",
    "\u1d2c\u1d43 \u1d9c \u02b0 \u02e0 \u10fc \u2d6f",
    # characters assigned after Unicode 9.0: unknown to Hugging Face's normalization tables
    "\U0001fbf0\U0001fbf1\U0001fbf9 segmented digits",
    "\ua7f2\ua7f3\ua7f4 \uab69 \U00010781\U000107a5 \U0001e030\U0001e04f",
    "\U00011938 \U00011935\U00011930 dives akuru",
    "e\u1df9\u0301 e\u0301\u1df9 a\u1df6\u0316 a\u0316\u1df6",
    "\u0d3b\u0d3c \u0d15\u0d4d\u0d3b \u1ac1\u1ac2 o\u1ac1\u0301",
    "\U00016ff0\U00016ff1 \U0001e2ec\U0001e2ed a\U0001e2ec\u0301",
    # added tokens of ModernBERT's file inside such text
    "|||IP_ADDRESS||| e\u0301 |||EMAIL_ADDRESS|||caf\u00e9|||PHONE_NUMBER|||",
    "\uff5c\uff5c\uff5cIP_ADDRESS\uff5c\uff5c\uff5c fullwidth bars",
    "|||IP_ADDRESS\u0301||| |||EMAIL_ADDRESS",
    "a    b        c                        d                          e",
    "x  \u00e9  y \u3000\u3000 z \u00a0\u00a0 w",
    "def f():\n    return \u00e9\n        pass",
    "The [MASK] sat. caf\u00e9 [MASK]e\u0301 \u00e9[MASK] [MASK][MASK]",
    "[CLS] e\u0301 [SEP] [PAD] [UNK] <|endoftext|> <|padding|> [unused0] [unused3] [unused9]",
    "\ufb01[MASK]\u2460 \u2126[SEP]",
]

PAIRS = [
    ("cafe\u0301", "caf\u00e9"),
    ("\u1100\u1161\u11a8 \u2460", "\ufb01 [MASK] e\u0301"),
    ("|||IP_ADDRESS|||", "  \u00c5\u212b"),
]


def main():
    arguments = sys.argv[1:]
    normalization = "--normalization" in arguments
    only = "--normalization-only" in arguments
    arguments = [a for a in arguments if not a.startswith("--normalization")]
    source, output = arguments[:2]
    lines = []
    seen = set()  # texts already in, after the cut
    with open(source, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            record.pop("group", None)
            # Long package descriptions add bytes, not cases: the first 300 characters do.
            for key in ("text", "text_pair"):
                if key in record:
                    record[key] = record[key][:300]
            lines.append(record)
            if "text_pair" not in record:
                seen.add(record["text"])
    for text in EXTRA:
        if text not in seen:
            lines.append({"text": text})
    lines.append({"text": "I'm a query", "text_pair": "  and a passage with <mask>"})
    if only:
        lines = [r for r in lines[::5] if not all(ord(c) < 128 for c in r["text"] +
                                                      r.get("text_pair", ""))]
    if normalization or only:
        lines = [{"text": t} for t in NORMALIZATION] + lines if only else \
            lines + [{"text": t} for t in NORMALIZATION]
        lines += [{"text": a, "text_pair": b} for a, b in PAIRS]
    with open(output, "w", encoding="utf-8") as f:
        for record in lines:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{output}: {len(lines)} inputs")


if __name__ == "__main__":
    main()
