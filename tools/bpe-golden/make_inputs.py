#!/usr/bin/python3
"""Write the inputs of the byte-level BPE golden file: the Unigram golden's inputs
(tools/unigram-golden/make_inputs.py: BERT's golden texts and pairs, non-ASCII, whitespace and
random strings) followed by the cases byte-level BPE treats specially: contractions, runs of
spaces, tabs and newlines before words, digits, emoji and other multi-byte characters, and the
added token <mask> (lstrip) inside text.

Usage: make_inputs.py UNIGRAM_INPUTS_JSONL OUTPUT_JSONL
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


def main():
    source, output = sys.argv[1:3]
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
    with open(output, "w", encoding="utf-8") as f:
        for record in lines:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{output}: {len(lines)} inputs")


if __name__ == "__main__":
    main()
