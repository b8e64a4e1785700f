#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds EmbedLab and runs every test (CTest labels unit,
# integration, gui, slow). The last line printed is CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
log=$(mktemp)
set +e
(cd "${EMBEDLAB_BUILD_DIR:-build}" && ctest --output-on-failure -j "$(nproc)") 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E "^[0-9]+% tests passed" "$log" | tail -n 1)
rm -f "$log"
echo "${summary:-CTest did not run}"
exit "$status"
