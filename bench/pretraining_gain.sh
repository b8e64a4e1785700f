#!/usr/bin/env bash
# What pre-training buys (issue 26), measured on the shared Debian package data:
#   1. a 2-layer, hidden-128 BERT with random weights (bert-base-uncased's tokenizer);
#   2. pre-trained on the training file's texts (queries and passages) for about
#      $PRETRAIN_SECONDS seconds each, once with --method mlm and once with --method retromae
#      (the step count is calibrated from a 20-step run, so the budget holds on this machine);
#   3. the random model and both pre-trained ones fine-tuned exactly alike on the first
#      $FINETUNE_LINES training lines (contrastive, in-batch + corpus negatives); the RetroMAE
#      model once with its own CLS pooling and once with the random model's mean pooling;
#   4. each evaluated on the dev set (MRR@10 and more; BM25 as the lexical baseline);
#   5. a cross-encoder started from the MLM-pre-trained model, trained on negatives mined with the
#      best tuned bi-encoder, re-ranking that bi-encoder's top 10 on the demo dev set.
# Prints one JSON object per measurement. About an hour on 2 cores.
#
# usage: bench/pretraining_gain.sh [DATA_DIR] [WORK_DIR]
#   DATA_DIR  the Debian set (train.jsonl, dev/), default ../shared/data/debian-packages
#   WORK_DIR  where models and runs go, default /tmp/embedlab-pretraining-gain
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/debian-packages}
work=${2:-/tmp/embedlab-pretraining-gain}
budget=${PRETRAIN_SECONDS:-540}
lines=${FINETUNE_LINES:-6000}
mkdir -p "$work"
# A copy of the CLI, so that rebuilding during the run changes nothing.
cp "${EMBEDLAB_CLI:-build/app/cli/embedlab-cli}" "$work/embedlab-cli"
run() { "$work/embedlab-cli" --no-history "$@"; }
say() { echo "$*" >&2; }

base="$work/base"
[ -f "$base/config.json" ] ||
  run init-model --arch bert --layers 2 --hidden 128 --heads 2 --intermediate 512 --seed 1 \
    --tokenizer tests/data/bert-base-uncased --output "$base" >/dev/null
head -n "$lines" "$data/train.jsonl" > "$work/finetune.jsonl"

pretrain_flags=(--train_data "$data/train.jsonl" --per_device_train_batch_size 32
  --max_seq_length 128 --learning_rate 5e-4 --warmup_ratio 0.05 --bf16 --logging_steps 50
  --save_steps 0 --progress none --overwrite_output_dir)
for method in mlm retromae; do
  start=$(date +%s.%N)
  run pretrain --model_name_or_path "$base" --output_dir "$work/calibrate-$method" \
    --method "$method" --max_steps 20 "${pretrain_flags[@]}" 2>/dev/null
  per_step=$(python3 -c "import time,sys; print((time.time()-$start)/20)")
  steps=$(python3 -c "print(max(20, int($budget / $per_step)))")
  say "== pretrain --method $method: $steps steps (${per_step} s a step in calibration)"
  start=$(date +%s.%N)
  run pretrain --model_name_or_path "$base" --output_dir "$work/pretrained-$method" \
    --method "$method" --max_steps "$steps" "${pretrain_flags[@]}"
  seconds=$(python3 -c "import time; print(round(time.time()-$start, 1))")
  loss=$(tail -n 1 "$work/pretrained-$method/metrics.jsonl" | python3 -c \
    "import json,sys; r=json.load(sys.stdin); print(r.get('loss'))")
  echo "{\"measure\": \"pretrain\", \"method\": \"$method\", \"steps\": $steps, \"seconds\": $seconds, \"final_loss\": $loss}"
done

finetune_flags=(--train_data "$work/finetune.jsonl" --per_device_train_batch_size 32
  --train_group_size 4 --query_max_len 32 --passage_max_len 128 --learning_rate 5e-4
  --warmup_ratio 0.1 --num_train_epochs 2 --temperature 0.05 --logging_steps 50 --save_steps 0
  --progress none --overwrite_output_dir)
declare -A start_from=([random]="$base" [mlm]="$work/pretrained-mlm"
  [retromae]="$work/pretrained-retromae" [retromae-mean]="$work/pretrained-retromae")
for name in random mlm retromae retromae-mean; do
  say "== train from $name"
  pooling=()
  [ "$name" = retromae-mean ] && pooling=(--sentence_pooling_method mean)
  start=$(date +%s.%N)
  run train --model_name_or_path "${start_from[$name]}" --output_dir "$work/tuned-$name" \
    "${finetune_flags[@]}" "${pooling[@]}"
  seconds=$(python3 -c "import time; print(round(time.time()-$start, 1))")
  echo "{\"measure\": \"finetune\", \"start\": \"$name\", \"seconds\": $seconds}"
done

say "== eval on $data/dev"
run eval --models "$work/tuned-random" "$work/tuned-mlm" "$work/tuned-retromae" \
  "$work/tuned-retromae-mean" --bm25 \
  --data "$data/dev" --split test --max_len 128 --query_max_len 32 \
  --output "$work/eval-dev.json" >&2
python3 - "$work/eval-dev.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    m = r["metrics"]
    print(json.dumps({"measure": "dev", "model": r["tag"], "MRR@10": round(m["MRR@10"], 4),
                      "Recall@10": round(m["Recall@10"], 4), "nDCG@10": round(m["nDCG@10"], 4)}))
PY

# The cross-encoder: from the MLM-pre-trained model, on negatives the best bi-encoder mines.
best=$(python3 - "$work/eval-dev.json" <<'PY'
import json, sys
results = [r for r in json.load(open(sys.argv[1]))["results"] if "bm25" not in r["tag"].lower()]
print(max(results, key=lambda r: r["metrics"]["MRR@10"])["model"])
PY
)
say "== mine with $best, train-reranker from pretrained-mlm"
run mine --model "$best" --input_file "$work/finetune.jsonl" --output_file "$work/mined.jsonl" \
  --range_for_sampling 2-60 --negative_number 7 --max_len 128 >&2
run train-reranker --model_name_or_path "$work/pretrained-mlm" --train_data "$work/mined.jsonl" \
  --output_dir "$work/reranker" --per_device_train_batch_size 16 --train_group_size 4 \
  --query_max_len 32 --passage_max_len 96 --learning_rate 1e-4 --warmup_ratio 0.1 \
  --num_train_epochs 1 --logging_steps 50 --save_steps 0 --progress none --overwrite_output_dir
run eval --model "$best" --reranker "$work/reranker" --rerank_top_k 10 \
  --data resources/demo/dev --split test --max_len 128 --query_max_len 32 \
  --output "$work/eval-rerank.json" >&2
python3 - "$work/eval-rerank.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    m = r["metrics"]
    print(json.dumps({"measure": "rerank_demo_dev", "model": r["tag"],
                      "MRR@10": round(m["MRR@10"], 4), "nDCG@10": round(m["nDCG@10"], 4)}))
PY
