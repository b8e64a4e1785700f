#!/usr/bin/env bash
# Fetches, on this (Debian 12) side, the .deb files of the libraries embedlab-cli links besides
# LibTorch, for the GPU machine, which has no apt and no network: gpu-check.sh unpacks them there
# with `dpkg -x` into a private prefix (never into /). Written to tools/gpu-check/debs/ (ignored
# by git; the device tool's `carry` takes it along). About 32 MB.
#
# usage: tools/gpu-check/fetch-debs.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/debs"
packages=(
  # what EmbedLab's CMake finds (cmake/EmbedLabDependencies.cmake), headers and libraries
  libfaiss-dev libsimdjson-dev libsimdjson14 libcli11-dev libspdlog-dev libspdlog1.10
  libfmt-dev libfmt9 libxxhash-dev libxxhash0 nlohmann-json3-dev libsqlite3-dev libsqlite3-0
  libicu-dev libicu72 libstemmer-dev libstemmer0d zlib1g-dev zlib1g
  # FAISS's BLAS and LAPACK (libblas.so.3 / liblapack.so.3 from OpenBLAS) and what they need;
  # gpu-check.sh drops any of these whose library the machine already has
  libopenblas0-pthread libgfortran5 libquadmath0 libgomp1
)
rm -rf "$out.partial"
mkdir -p "$out.partial"
# apt's download user cannot write everywhere; a private folder it owns avoids the warning
chmod 777 "$out.partial"
(cd "$out.partial" && apt-get download -q "${packages[@]}")
rm -rf "$out"
mv "$out.partial" "$out"
chmod 755 "$out"
echo "fetch-debs: $(ls "$out" | wc -l) packages, $(du -sh "$out" | cut -f1) in $out"
