#!/usr/bin/env bash
# Installs what EmbedLab needs to build, test and run, from Debian 12 packages.
# Idempotent: packages already installed are skipped, and apt is not touched when none is missing.
# Run as root, or as a user with sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git clang-format
  # Qt 6 (widgets, tests, translations and Qt's own, SVG export of plots), plotting, and a font
  # with Chinese glyphs for the zh_CN interface
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqcustomplot-dev
  qt6-translations-l10n fonts-wqy-microhei
  # LibTorch (CPU) with the c10d headers, FAISS, and a fast BLAS for both
  libtorch-dev libgloo-dev libdnnl-dev libfaiss-dev libopenblas0-pthread
  # the reference BLAS is installed too, only so that a test can check the slow-BLAS warning
  libblas3
  # data, storage, command line, logging, hashing, benchmarks
  libsqlite3-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libspdlog-dev libfmt-dev
  libxxhash-dev libbenchmark-dev
  # BM25's optional English stemming (Snowball)
  libstemmer-dev
  # Unicode (tokenizers) and gzip (compressed test data)
  libicu-dev zlib1g-dev
  # the Debian package's checks: man pages, desktop entry, AppStream metainfo, lintian
  man-db desktop-file-utils appstream lintian
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
