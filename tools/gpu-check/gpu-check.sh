#!/usr/bin/env bash
# The GPU check in one call: builds embedlab-cli (no GUI) against the machine's PyTorch with the
# Debian libraries fetched by fetch-debs.sh, then runs checks.py (training in bf16 and fp16, two
# workers on one GPU, parity with sentence-transformers and transformers, speed against
# sentence-transformers) and writes report.md and report.json into the output folder.
#
# usage: tools/gpu-check/gpu-check.sh [--dry-run] [--out DIR] [--jobs N] [--skip-build]
#   --dry-run     the same steps on the CPU, small: with this machine's LibTorch (Debian's, or the
#                 python3 torch's when Debian's is absent) and tiny models, so that everything but
#                 the GPU is proven before a device call
#   --out DIR     where the report goes (default: $OUT when set, else build-gpu-check/report)
#   --skip-build  reuse the previous build (the dry run's second pass)
# Device call (from the repository root; tools/gpu-check/debs must be carried):
#   bash tools/gpu-check/gpu-check.sh --out "$OUT"
# Nothing is installed into /: the .deb files are unpacked into build-gpu-check/prefix.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dry_run=0
skip_build=0
out=${OUT:-}
jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1 ;;
    --skip-build) skip_build=1 ;;
    --out) out=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    *) echo "gpu-check: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
work=${EMBEDLAB_GPU_CHECK_WORK:-$root/build-gpu-check}
out=${out:-$work/report}
prefix=$work/prefix
build=$work/build
mkdir -p "$work" "$out"
log=$out/build.log
: > "$log"
started=$(date +%s)

# ---- 1a. the Debian libraries, unpacked into a private prefix ----
debs=$here/debs
if [ ! -d "$debs" ] || [ -z "$(ls "$debs"/*.deb 2>/dev/null)" ]; then
  echo "gpu-check: no .deb files in $debs: run tools/gpu-check/fetch-debs.sh first" >&2
  exit 2
fi
arch_lib=lib/x86_64-linux-gnu
if [ "$skip_build" = 0 ]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  for deb in "$debs"/*.deb; do
    if command -v dpkg >/dev/null; then
      dpkg -x "$deb" "$prefix"
    else  # a .deb is an ar archive holding data.tar.*
      tmp=$(mktemp -d)
      (cd "$tmp" && ar x "$deb" && tar -xf data.tar.* -C "$prefix")
      rm -rf "$tmp"
    fi
  done
  lib=$prefix/usr/$arch_lib
  # Debian's alternatives would point libblas.so.3 / liblapack.so.3 at OpenBLAS; do it here.
  for name in blas lapack; do
    ln -sf "openblas-pthread/lib$name.so.3" "$lib/lib$name.so.3"
    ln -sf "lib$name.so.3" "$lib/lib$name.so"
  done
  # Runtime libraries the machine already has are its own to use (one libgomp, one libgfortran).
  for name in libgomp.so.1 libgfortran.so.5 libquadmath.so.0 libz.so.1; do
    if [ -e "$lib/$name" ] && /sbin/ldconfig -p 2>/dev/null | grep -q "/$name\$"; then
      rm -f "$lib/$name" "$lib/$name".*
    fi
  done
  # The packages' CMake and pkg-config files name /usr: point them at the prefix.
  grep -rlI "/usr/$arch_lib\|^prefix=/usr" "$prefix/usr/$arch_lib/cmake" "$prefix/usr/share/cmake" \
    "$prefix/usr/$arch_lib/pkgconfig" "$prefix/usr/share/pkgconfig" 2>/dev/null |
    while read -r file; do
      sed -i -e "s#\([\";]\)/usr/$arch_lib/#\1$prefix/usr/$arch_lib/#g" \
        -e "s#^prefix=/usr#prefix=$prefix/usr#" "$file"
    done
fi
export LD_LIBRARY_PATH="$prefix/usr/$arch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PKG_CONFIG_PATH="$prefix/usr/$arch_lib/pkgconfig:$prefix/usr/share/pkgconfig"

# ---- 1b. LibTorch: the python3 torch's on the GPU machine, Debian's in a dry run here ----
torch_prefix=""
if python3 -c 'import torch' 2>/dev/null; then
  torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
fi
if [ "$dry_run" = 1 ] && [ -f /usr/share/cmake/Torch/TorchConfig.cmake ]; then
  torch_prefix=/usr  # Debian's libtorch-dev, the one the project's CI builds against
fi
[ -n "$torch_prefix" ] || { echo "gpu-check: no LibTorch: no python3 torch here" >&2; exit 2; }

cli=$build/app/cli/embedlab-cli
if [ "$skip_build" = 0 ]; then
  cmake_args=(-S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DEMBEDLAB_BUILD_GUI=OFF -DEMBEDLAB_BUILD_TESTS=OFF -DEMBEDLAB_BUILD_BENCH=OFF
    "-DCMAKE_PREFIX_PATH=$prefix/usr;$torch_prefix" "-DICU_ROOT=$prefix/usr"
    "-DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=BOTH")
  if command -v nvcc >/dev/null && [ "$dry_run" = 0 ]; then
    cmake_args+=("-DCMAKE_CUDA_COMPILER=$(command -v nvcc)" -DTORCH_CUDA_ARCH_LIST=9.0)
  fi
  command -v ccache >/dev/null && cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  echo "gpu-check: configuring against LibTorch at $torch_prefix" | tee -a "$log"
  if ! cmake "${cmake_args[@]}" >>"$log" 2>&1 ||
     ! cmake --build "$build" --target embedlab-cli -j "$jobs" >>"$log" 2>&1; then
    tail -n 60 "$log" >&2
    python3 "$here/checks.py" --build-failed "$log" --out "$out" \
      --build-seconds $(( $(date +%s) - started ))
    exit 1
  fi
fi
build_seconds=$(( $(date +%s) - started ))
echo "gpu-check: embedlab-cli built in ${build_seconds} s" | tee -a "$log"

# ---- 2-5. the checks and the report ----
args=(--cli "$cli" --out "$out" --work "$work/runs" --build-seconds "$build_seconds"
  --torch-prefix "$torch_prefix")
[ "$dry_run" = 1 ] && args+=(--dry-run)
exec python3 "$here/checks.py" "${args[@]}"
