#!/bin/sh
# Regenerate the XLM-R-style Unigram test fixtures.
#   tools/unigram-golden/regenerate.sh          # golden file only, from the committed tokenizer files
#   tools/unigram-golden/regenerate.sh --train  # also rebuild the corpus, retrain the .model, re-convert
# Environment: SHARED (default /work/shared), WORK (default /tmp/unigram-golden-work),
#              NPM_DIR (default /tmp/unigram-golden-npm; node_modules never goes into the repo).
# Needs Debian packages sentencepiece python3-sentencepiece python3-regex iso-codes libc-l10n
# locales (the last three only for --train), Node.js >= 18 and npm.
set -eu
export PYTHONDONTWRITEBYTECODE=1
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-/work/shared}
WORK=${WORK:-/tmp/unigram-golden-work}
NPM_DIR=${NPM_DIR:-/tmp/unigram-golden-npm}
PY=/usr/bin/python3
MODEL_DIR=$REPO/tests/data/xlmr-unigram
GOLDEN=$REPO/tests/data/tokenizer-golden/xlmr-unigram.jsonl.gz

mkdir -p "$WORK" "$NPM_DIR" "$REPO/tests/data/tokenizer-golden"
cp "$HERE/package.json" "$NPM_DIR/package.json"
(cd "$NPM_DIR" && npm install --no-audit --no-fund --no-package-lock >/dev/null)

if [ "${1:-}" = "--train" ]; then
  "$PY" "$HERE/train_and_convert.py" --shared "$SHARED" --work "$WORK" --out "$MODEL_DIR"
else
  "$PY" "$HERE/train_and_convert.py" --model "$MODEL_DIR/sentencepiece.bpe.model" --out "$MODEL_DIR"
fi

"$PY" "$HERE/make_inputs.py" --shared "$SHARED" --out "$WORK/inputs.jsonl"
NODE_PATH="$NPM_DIR/node_modules" node "$HERE/golden.js" "$MODEL_DIR/tokenizer.json" \
  "$WORK/inputs.jsonl" "$GOLDEN"
NODE_PATH="$NPM_DIR/node_modules" node "$HERE/check_roundtrip.js" "$MODEL_DIR/tokenizer.json" \
  "$WORK/tokenizer.roundtrip.json"

echo "== independent Python re-implementation vs golden"
"$PY" "$HERE/reference_check.py" "$MODEL_DIR/tokenizer.json" "$GOLDEN"
echo "== SentencePiece (spm) vs golden"
"$PY" "$HERE/compare_spm.py" "$MODEL_DIR/sentencepiece.bpe.model" "$GOLDEN" --show 3
echo "== sha256"
(cd "$REPO" && sha256sum tests/data/xlmr-unigram/*.json tests/data/xlmr-unigram/*.model \
  tests/data/tokenizer-golden/xlmr-unigram.jsonl.gz)
printf 'uncompressed golden: '; gzip -dc "$GOLDEN" | sha256sum
