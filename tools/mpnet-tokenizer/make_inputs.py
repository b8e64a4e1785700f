#!/usr/bin/python3
"""Write the inputs of the MPNet golden file: the byte-level BPE golden's inputs
(tools/bpe-golden/make_inputs.py, itself the Unigram golden's inputs cut to 300 characters plus
its own cases) followed by what MPNet's tokenizer.json treats specially: the added token <unk>,
which is normalized (so it is matched after lowercasing and accent stripping: "<UNK>", "<Ünk>"),
[UNK] (the model's unknown token, matched literally), <mask> with lstrip, BERT's [CLS] [SEP]
[MASK] [PAD] (plain vocabulary entries now, split like any text), and pairs for the
<s> A </s></s> B </s> layout.

Usage: make_inputs.py BPE_INPUTS_JSONL OUTPUT_JSONL
"""
import json
import sys

EXTRA = [
    "<UNK>", "<Unk> and <unk>", "a<UNK>b", "<\u00dcnk>", "<U\u0308NK>", "\uff1cunk\uff1e",
    "< unk >", "<unk", "[UNK]", "[unk]", "[Unk] and [UNK]", "x[UNK]y", " [UNK] ", "<s>[UNK]</s>",
    "[UNK]<unk>[UNK]", "[CLS] hello [SEP] world [SEP]", "[MASK]", "[PAD][PAD]", "<pad>",
    "hello\t<mask>", "hello \n <mask> world", "\u00a0<mask>", "\u3000<mask>", "<mask>\u00a0x",
    "Hello <mask>, how are you?", "<MASK> <Mask>", "<mask>s and <mask>ed",
    "Ġhello Ġ Ġġ", "x\u0120y", "\u0120 \u0120",
]

EXTRA_PAIRS = [
    ("What is the capital of France?", "Paris is the capital of France."),
    ("<mask>", "[UNK]"),
    ("<UNK>", "<unk>"),
    ("query: hello", "passage:  <mask> world"),
    ("", "only the second"),
    ("only the first", ""),
]


def main():
    source, output = sys.argv[1:3]
    lines = []
    seen = set()
    with open(source, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            lines.append(record)
            if "text_pair" not in record:
                seen.add(record["text"])
    n_source = len(lines)
    for text in EXTRA:
        if text not in seen:
            seen.add(text)
            lines.append({"text": text})
    for a, b in EXTRA_PAIRS:
        lines.append({"text": a, "text_pair": b})
    with open(output, "w", encoding="utf-8") as f:
        for record in lines:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{output}: {len(lines)} inputs ({n_source} from {source}, "
          f"{len(lines) - n_source} MPNet cases)")


if __name__ == "__main__":
    main()
