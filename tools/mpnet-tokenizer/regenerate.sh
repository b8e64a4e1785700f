#!/usr/bin/env bash
# Regenerates the MPNet WordPiece fixture: tests/data/mpnet-wordpiece/ (tokenizer.json,
# tokenizer_config.json, special_tokens_map.json) from tests/data/bert-base-uncased/vocab.txt,
# and its golden file tests/data/tokenizer-golden/mpnet-wordpiece.jsonl.gz (see README.md there).
# Needs Node.js >= 18 with npm and Debian's /usr/bin/python3; installs the npm packages into
# $NPM_DIR, never into the repository. Nothing here runs in CI.
# PUBLISHED=path/to/all-mpnet-base-v2/tokenizer.json also checks that the generator, with the
# published truncation and padding, writes that file byte for byte.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-/work/shared}
NPM_DIR=${NPM_DIR:-/tmp/mpnet-npm}
WORK=${WORK:-/tmp/mpnet-golden-work}
PY=/usr/bin/python3
OUT="$ROOT/tests/data/mpnet-wordpiece"
GOLDEN="$ROOT/tests/data/tokenizer-golden/mpnet-wordpiece.jsonl.gz"
export PYTHONDONTWRITEBYTECODE=1
mkdir -p "$NPM_DIR" "$WORK"
(cd "$NPM_DIR" && npm install --no-audit --no-fund --no-package-lock --silent \
  @anush008/tokenizers@0.6.0 @anush008/tokenizers-linux-x64-gnu@0.6.0)

"$PY" "$HERE/make_tokenizer.py" "$ROOT/tests/data/bert-base-uncased/vocab.txt" "$OUT"
if [ -n "${PUBLISHED:-}" ]; then
  "$PY" "$HERE/make_tokenizer.py" --as-published --compare "$PUBLISHED" \
    "$ROOT/tests/data/bert-base-uncased/vocab.txt" "$WORK/as-published"
fi

# The inputs: the Unigram golden's, cut to 300 characters with the byte-level BPE cases
# (tools/bpe-golden), then the MPNet cases.
"$PY" "$ROOT/tools/unigram-golden/make_inputs.py" --shared "$SHARED" --out "$WORK/unigram-inputs.jsonl"
"$PY" "$ROOT/tools/bpe-golden/make_inputs.py" "$WORK/unigram-inputs.jsonl" "$WORK/bpe-inputs.jsonl"
"$PY" "$HERE/make_inputs.py" "$WORK/bpe-inputs.jsonl" "$WORK/inputs.jsonl"
NODE_PATH="$NPM_DIR/node_modules" node "$ROOT/tools/unigram-golden/golden.js" \
  "$OUT/tokenizer.json" "$WORK/inputs.jsonl" "$GOLDEN"

(cd "$ROOT" && sha256sum tests/data/mpnet-wordpiece/*.json \
  tests/data/tokenizer-golden/mpnet-wordpiece.jsonl.gz)
printf 'uncompressed golden: '; gzip -dc "$GOLDEN" | sha256sum
