#!/usr/bin/env bash
# Builds the Debian package with CPack, checks what is in it, installs it into a scratch root
# (dpkg -x) and runs both binaries from there with their libraries resolved from the system:
# embedlab-cli --version, a job on the installed demo data, and embedlab --screenshot (which
# copies the installed demo workspace to the user's data folder and never writes under /usr).
# Then validates the desktop entry, the AppStream metainfo and the package (lintian), where those
# tools are installed (scripts/install-deps.sh installs them).
# usage: test_deb_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^project(EmbedLab VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
[ -n "$version" ] || fail "no version in CMakeLists.txt"

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) ||
  { cat "$scratch/cpack.log"; fail "cpack failed"; }
deb=$(ls "$scratch"/out/embedlab_"$version"_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

echo "== control fields"
dpkg-deb --field "$deb" Package Version Section Depends Recommends | tee "$scratch/control"
grep -q "^Version: $version$" "$scratch/control" || fail "version is not $version"
for dependency in libtorch libqt6widgets6 libqcustomplot libopenblas0-pthread \
  qt6-qpa-plugins libsqlite3; do
  grep -q "$dependency" "$scratch/control" || fail "Depends lacks $dependency"
done

echo "== contents"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$scratch/contents"
for file in /usr/bin/embedlab /usr/bin/embedlab-cli \
  /usr/share/applications/org.embedlab.EmbedLab.desktop \
  /usr/share/metainfo/org.embedlab.EmbedLab.metainfo.xml \
  /usr/share/icons/hicolor/32x32/apps/embedlab.png /usr/share/icons/hicolor/64x64/apps/embedlab.png \
  /usr/share/icons/hicolor/128x128/apps/embedlab.png \
  /usr/share/icons/hicolor/256x256/apps/embedlab.png \
  /usr/share/icons/hicolor/scalable/apps/embedlab.svg \
  /usr/share/man/man1/embedlab.1.gz /usr/share/man/man1/embedlab-cli.1.gz \
  /usr/share/bash-completion/completions/embedlab-cli \
  /usr/share/doc/embedlab/copyright /usr/share/doc/embedlab/changelog.gz \
  /usr/share/embedlab/demo/train.jsonl /usr/share/embedlab/demo/dev/queries.jsonl \
  /usr/share/embedlab/demo/tokenizer/vocab.txt; do
  grep -qx "$file" "$scratch/contents" || fail "the package lacks $file"
done
if grep -E '^/usr/(lib|include)/|/tests?/' "$scratch/contents" | grep -v '^/usr/lib/$'; then
  fail "the package holds build or test files"
fi

echo "== installed into a scratch root"
root="$scratch/root"
dpkg -x "$deb" "$root"
bin="$root/usr/bin"
[ "$("$bin/embedlab-cli" --version)" = "embedlab-cli $version" ] ||
  fail "embedlab-cli --version: $("$bin/embedlab-cli" --version)"
"$bin/embedlab-cli" --no-history validate "$root/usr/share/embedlab/demo/train.jsonl" \
  >"$scratch/validate.log" 2>&1 || { cat "$scratch/validate.log"; fail "validate the demo data"; }
find "$root/usr/share/embedlab" -newer "$deb" >"$scratch/before" || true
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" QT_QPA_PLATFORM=offscreen
EMBEDLAB_CLI="$bin/embedlab-cli" "$bin/embedlab" --screenshot "$scratch/window.png" \
  >"$scratch/gui.log" 2>&1 || { cat "$scratch/gui.log"; fail "embedlab --screenshot"; }
[ -s "$scratch/window.png" ] || fail "no screenshot"
[ "$(head -c 4 "$scratch/window.png" | tail -c 3)" = "PNG" ] || fail "the screenshot is not a PNG"
copy="$XDG_DATA_HOME/embedlab/demo-workspace"
for file in train.jsonl dev/corpus.jsonl tokenizer/vocab.txt history.sqlite models/base/config.json; do
  [ -f "$copy/$file" ] || fail "the demo workspace copy lacks $file"
done
find "$root/usr/share/embedlab" -newer "$deb" >"$scratch/after" || true
cmp -s "$scratch/before" "$scratch/after" || fail "the GUI wrote into the installed demo"
echo "screenshot: $(stat -c %s "$scratch/window.png") bytes"

echo "== man pages and completion"
for page in embedlab embedlab-cli; do
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z \
    "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "man page $page.1: $warnings"
done
bash -n "$root/usr/share/bash-completion/completions/embedlab-cli" || fail "completion syntax"
completions=$(bash -c "source '$root/usr/share/bash-completion/completions/embedlab-cli'
  COMP_WORDS=(embedlab-cli tr); COMP_CWORD=1; _embedlab_cli; echo \"\${COMPREPLY[*]}\"")
[ "$completions" = "train train-reranker" ] || fail "completing 'tr': '$completions'"
completions=$(bash -c "source '$root/usr/share/bash-completion/completions/embedlab-cli'
  COMP_WORDS=(embedlab-cli train --progress ''); COMP_CWORD=3; _embedlab_cli
  echo \"\${COMPREPLY[*]}\"")
[ "$completions" = "bar json none" ] || fail "completing 'train --progress': '$completions'"

echo "== validators"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/org.embedlab.EmbedLab.desktop" ||
    fail "desktop-file-validate"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic \
    "$root/usr/share/metainfo/org.embedlab.EmbedLab.metainfo.xml" || fail "appstreamcli validate"
fi
if command -v lintian >/dev/null; then
  lintian --fail-on error,warning,info,pedantic --info --pedantic "$deb" || fail "lintian"
fi
echo "package test passed"
