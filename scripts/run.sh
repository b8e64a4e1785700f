#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds EmbedLab and opens it on the demo workspace.
# Without a display, embedlab says so and prints the demo data's validation report instead.
# Extra arguments go to embedlab (e.g. --panel datasets, --screenshot shot.png).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec "${EMBEDLAB_BUILD_DIR:-build}/app/gui/embedlab" --workspace resources/demo "$@"
