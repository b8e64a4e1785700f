#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds EmbedLab and runs the demo.
#   With a display: prepares the demo workspace (build/demo-workspace: the demo data and a small
#   base model), opens EmbedLab on it and runs the demo in the panels (mine, train, evaluate, fit
#   thresholds; about a minute on 2 cores; Help > Run the Demo runs it again). --no-demo only
#   opens the workspace.
#   Headless (--headless, or no display): runs the demo pipeline end to end through embedlab-cli
#   (init a model, evaluate, mine, train, evaluate again) and prints the before/after table;
#   every job is recorded in the workspace's history.sqlite.
# Other arguments go to embedlab (e.g. --panel datasets/statistics, --screenshot shot.png).
set -euo pipefail
cd "$(dirname "$0")/.."
headless=false
screenshot=false
demo=true
args=()
for argument in "$@"; do
  case "$argument" in
    --headless) headless=true ;;
    --no-demo) demo=false ;;
    --screenshot) screenshot=true; demo=false; args+=("$argument") ;;
    *) args+=("$argument") ;;
  esac
done
# A screenshot renders offscreen and needs no display.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$screenshot" = false ]; then
  headless=true
fi

bash scripts/install-deps.sh
bash scripts/build.sh
workspace=${EMBEDLAB_DEMO_WORKSPACE:-${EMBEDLAB_BUILD_DIR:-build}/demo-workspace}
if [ "$headless" = true ]; then
  echo "run: no display (or --headless): running the demo pipeline in $workspace"
  exec bash scripts/demo-pipeline.sh
fi
bash scripts/demo-pipeline.sh --prepare-only
[ "$demo" = true ] && args+=(--run-demo)
exec "${EMBEDLAB_BUILD_DIR:-build}/app/gui/embedlab" --workspace "$workspace" "${args[@]}"
