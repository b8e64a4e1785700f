#!/usr/bin/python3
"""Compare a golden file with what `embedlab-cli tokenize` gives for the same texts, without a
build of the tests: ids, tokens, offsets (single texts) and type ids (pairs), line by line.

Usage: compare_cli.py EMBEDLAB_CLI TOKENIZER_FOLDER GOLDEN(.jsonl | .jsonl.gz) [--show N]
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile


def read_lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("folder")
    ap.add_argument("golden")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()

    golden = read_lines(args.golden)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "in.jsonl")
        outputs = os.path.join(tmp, "out.jsonl")
        with open(inputs, "w", encoding="utf-8") as f:
            for g in golden:
                rec = {k: g[k] for k in ("text", "text_pair") if k in g}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        subprocess.run([args.cli, "tokenize", "--model", args.folder, "--input", inputs,
                        "--output", outputs], check=True, stdout=subprocess.DEVNULL)
        ours = read_lines(outputs)
    assert len(ours) == len(golden), (len(ours), len(golden))

    counts = {"single": [0, 0], "pair": [0, 0]}
    shown = 0
    for n, (g, o) in enumerate(zip(golden, ours), 1):
        kind = "pair" if "text_pair" in g else "single"
        fields = ["ids", "tokens"] + (["type_ids"] if kind == "pair" else ["offsets"])
        differ = [k for k in fields if g[k] != o.get(k)]
        counts[kind][0] += 1
        if not differ:
            counts[kind][1] += 1
        elif shown < args.show:
            shown += 1
            print(f"line {n} {kind} {json.dumps(g['text'], ensure_ascii=False)[:120]}: "
                  f"{', '.join(differ)} differ")
            for k in differ:
                print(f"  golden {json.dumps(g[k], ensure_ascii=False)[:300]}")
                print(f"  cli    {json.dumps(o.get(k), ensure_ascii=False)[:300]}")
    for kind, (total, same) in counts.items():
        print(f"{kind}: {same} of {total} lines agree")
    total = sum(c[0] for c in counts.values())
    same = sum(c[1] for c in counts.values())
    print(f"all: {same} of {total} lines agree")
    raise SystemExit(0 if same == total else 1)


if __name__ == "__main__":
    main()
