#!/usr/bin/env python3
"""Builds resources/demo/ from the Debian package-description retrieval set.

The demo workspace is small enough to keep in git (a few MB) and big enough to train a tiny model
on and see dev MRR move. It is deterministic: the same source files give the same bytes.

usage: scripts/make-demo-workspace.py SOURCE_DIR [OUTPUT_DIR]
  SOURCE_DIR  the debian-packages folder (train.jsonl, dev/corpus.jsonl, dev/queries.jsonl,
              dev/qrels/test.tsv)
  OUTPUT_DIR  default: resources/demo next to this script's repository
"""
import json
import pathlib
import random
import sys

TRAIN_LINES = 3000
DEV_QUERIES = 500
DEV_DISTRACTORS = 1500
SEED = 20261130


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def main():
    source = pathlib.Path(sys.argv[1])
    output = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else \
        pathlib.Path(__file__).resolve().parent.parent / "resources" / "demo"
    rng = random.Random(SEED)

    # train.jsonl is already shuffled (seed 1234): its first lines are a fair sample.
    train = read_jsonl(source / "train.jsonl")[:TRAIN_LINES]
    write_jsonl(output / "train.jsonl", train)

    queries = read_jsonl(source / "dev" / "queries.jsonl")
    corpus = read_jsonl(source / "dev" / "corpus.jsonl")
    qrels = {}
    with open(source / "dev" / "qrels" / "test.tsv", encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            query_id, corpus_id, score = line.rstrip("\n").split("\t")
            qrels.setdefault(query_id, []).append((corpus_id, score))

    chosen = sorted(rng.sample(range(len(queries)), DEV_QUERIES))
    dev_queries = [queries[i] for i in chosen]
    relevant = {doc for q in dev_queries for doc, _ in qrels[q["_id"]]}
    others = sorted(doc["_id"] for doc in corpus if doc["_id"] not in relevant)
    distractors = set(rng.sample(others, DEV_DISTRACTORS))
    dev_corpus = [doc for doc in corpus if doc["_id"] in relevant or doc["_id"] in distractors]

    write_jsonl(output / "dev" / "queries.jsonl", dev_queries)
    write_jsonl(output / "dev" / "corpus.jsonl", dev_corpus)
    (output / "dev" / "qrels").mkdir(parents=True, exist_ok=True)
    with open(output / "dev" / "qrels" / "test.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for q in dev_queries:
            for doc, score in qrels[q["_id"]]:
                f.write(f"{q['_id']}\t{doc}\t{score}\n")
    print(f"train {len(train)} lines, dev {len(dev_queries)} queries, "
          f"{len(dev_corpus)} passages ({len(relevant)} relevant)")


if __name__ == "__main__":
    main()
