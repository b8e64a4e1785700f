#!/usr/bin/env bash
# The demo pipeline, end to end through embedlab-cli, on a copy of the demo workspace:
#   1. a small random BERT (2 layers, hidden 64) with the bert-base-uncased tokenizer,
#   2. evaluated on the dev set,
#   3. negatives mined with it from ranks 2-60 of its own ranking,
#   4. fine-tuned on the mined training data,
#   5. evaluated again: the before/after table is the last thing printed.
# With --pretrain, the base model is first pre-trained on the training file's own texts (masked
# language modelling, 1000 steps: a few minutes on 2 cores; kept in models/pretrained),
# step 4 fine-tunes it exactly as the random base model, and step 5 compares the two.
# Every job is recorded in the workspace's history.sqlite (the GUI's History panel shows them).
# About two minutes on 2 CPU cores.
#
# usage: scripts/demo-pipeline.sh [--prepare-only] [--pretrain]
#   --prepare-only  only copy the workspace and create the model (for the desktop application)
#   --pretrain      also pre-train the base model and fine-tune both (see above; steps:
#                   $EMBEDLAB_DEMO_PRETRAIN_STEPS, default 1000)
# The workspace goes to $EMBEDLAB_DEMO_WORKSPACE (default: build/demo-workspace); $EMBEDLAB_CLI
# names another embedlab-cli. The data files are copied once; each run adds a training run folder.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${EMBEDLAB_BUILD_DIR:-build}
cli=${EMBEDLAB_CLI:-$build_dir/app/cli/embedlab-cli}
workspace=${EMBEDLAB_DEMO_WORKSPACE:-$build_dir/demo-workspace}
[ -x "$cli" ] || { echo "demo: $cli is not built (run scripts/build.sh)" >&2; exit 2; }
prepare_only=0
pretrain=0
for argument in "$@"; do
  case "$argument" in
    --prepare-only) prepare_only=1 ;;
    --pretrain) pretrain=1 ;;
    *) echo "demo: unknown argument $argument (--prepare-only, --pretrain)" >&2; exit 2 ;;
  esac
done

# 0. The workspace: the demo's data and the tutorial's settings (embedlab-workspace.json, which the
#    GUI's panels start from), copied so that the repository stays clean.
mkdir -p "$workspace/runs"
for item in train.jsonl dev README.md embedlab-workspace.json; do
  [ -e "$workspace/$item" ] || cp -r "resources/demo/$item" "$workspace/"
done
db="$workspace/history.sqlite"
run() { "$cli" --db "$db" "$@"; }

# 1. The base model (random weights; the tokenizer is bert-base-uncased's).
base="$workspace/models/base"
if [ ! -f "$base/config.json" ]; then
  echo "== 1. init-model: a 2-layer BERT, hidden 64, in $base"
  run init-model --arch bert --layers 2 --hidden 64 --heads 2 --intermediate 256 --seed 1 \
    --tokenizer tests/data/bert-base-uncased --output "$base"
fi
# The workspace's own history (the GUI records its jobs there too, not in the user's default one).
[ -f "$db" ] || run runs list >/dev/null
[ "$prepare_only" = 1 ] && exit 0

# 1b. Pre-training (--pretrain): the demo's settings, as Help > Run the Demo with Pre-training.
pretrained="$workspace/models/pretrained"
if [ "$pretrain" = 1 ] && [ ! -f "$pretrained/config.json" ]; then
  echo "== 1b. pretrain: masked language modelling on train.jsonl's texts, into $pretrained"
  run pretrain --model_name_or_path "$base" --train_data "$workspace/train.jsonl" \
    --output_dir "$pretrained" --method mlm --per_device_train_batch_size 32 \
    --max_seq_length 64 --learning_rate 1e-3 --warmup_ratio 0.05 \
    --max_steps "${EMBEDLAB_DEMO_PRETRAIN_STEPS:-1000}" --logging_steps 100 --save_steps 0
fi

stamp=$(date +%Y%m%d-%H%M%S)
tuned="$workspace/runs/demo-$stamp"
mined="$workspace/train.mined.jsonl"

echo "== 2. eval: the base model on dev/"
run eval --model "$base" --data "$workspace/dev" --split test --max_len 64 --query_max_len 32 \
  --output "$workspace/runs/eval-base-$stamp.json"

echo "== 3. mine: 7 negatives per query from ranks 2-60 of the base model's own ranking"
run mine --model "$base" --input_file "$workspace/train.jsonl" --output_file "$mined" \
  --range_for_sampling 2-60 --negative_number 7 --max_len 64 \
  --report "$workspace/runs/mine-$stamp.json"

echo "== 4. train: 2 epochs on the mined data, into $tuned"
run train --model_name_or_path "$base" --train_data "$mined" --output_dir "$tuned" \
  --per_device_train_batch_size 32 --train_group_size 4 --query_max_len 32 \
  --passage_max_len 64 --learning_rate 1e-3 --warmup_ratio 0.1 --num_train_epochs 2 \
  --temperature 0.05 --logging_steps 10 --save_steps 0 \
  --eval_data "$workspace/dev" --eval_steps 50

models=("$base" "$tuned")
if [ "$pretrain" = 1 ]; then
  echo "== 4b. train: the pre-trained model, exactly alike, into $tuned-pretrained"
  run train --model_name_or_path "$pretrained" --train_data "$mined" \
    --output_dir "$tuned-pretrained" --per_device_train_batch_size 32 --train_group_size 4 \
    --query_max_len 32 --passage_max_len 64 --learning_rate 1e-3 --warmup_ratio 0.1 \
    --num_train_epochs 2 --temperature 0.05 --logging_steps 10 --save_steps 0 \
    --eval_data "$workspace/dev" --eval_steps 50
  models+=("$tuned-pretrained")
fi

echo "== 5. eval: before and after"
run eval --models "${models[@]}" --bm25 --data "$workspace/dev" --split test --max_len 64 \
  --query_max_len 32 --output "$workspace/runs/eval-after-$stamp.json"
echo "demo: workspace $workspace (open it in EmbedLab: its History panel holds these runs)"
