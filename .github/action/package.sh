#!/usr/bin/env bash
# Packs a release asset exactly as the action (run.sh) expects to unpack it. Used by
# .github/workflows/release.yml and by the tests, so both pack the same way.
#
#   package.sh pack TARGET BINARY OUTDIR   -> OUTDIR/caselint-TARGET.tar.gz (.zip on Windows)
#   package.sh checksums OUTDIR            -> OUTDIR/sha256sums.txt for every caselint-* asset
set -euo pipefail

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

case "${1:-}" in
  pack)
    target=$2 binary=$3 outdir=$4
    mkdir -p "$outdir"
    stage=$(mktemp -d)
    trap 'rm -rf "$stage"' EXIT
    case "$target" in
      *windows*)
        cp "$binary" "$stage/caselint.exe"
        out="$(cd "$outdir" && pwd)/caselint-$target.zip"
        (cd "$stage" && { command -v zip >/dev/null 2>&1 && zip -q "$out" caselint.exe || 7z a -tzip "$out" caselint.exe >/dev/null; })
        ;;
      *)
        cp "$binary" "$stage/caselint"
        chmod 755 "$stage/caselint"
        tar -C "$stage" -czf "$outdir/caselint-$target.tar.gz" caselint
        ;;
    esac
    ;;
  checksums)
    outdir=$2
    (cd "$outdir" && for f in caselint-*.tar.gz caselint-*.zip; do
      if [ -e "$f" ]; then printf '%s  %s\n' "$(sha256 "$f")" "$f"; fi
    done > sha256sums.txt)
    ;;
  *)
    echo "usage: package.sh pack TARGET BINARY OUTDIR | package.sh checksums OUTDIR" >&2
    exit 2
    ;;
esac
