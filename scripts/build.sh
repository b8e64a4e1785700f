#!/usr/bin/env bash
# Configures and builds EmbedLab into build/ (Ninja, ccache when present, warnings as errors).
# usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${EMBEDLAB_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMBEDLAB_WERROR=ON "$@"
elif [ $# -gt 0 ]; then
  cmake "$build_dir" "$@"
fi
start=$(date +%s)
cmake --build "$build_dir"
echo "build: finished in $(( $(date +%s) - start )) s"
