#!/usr/bin/env bash
# Refreshes lexicon/words/sources/ from the pinned packages named below (npm and crates.io,
# through their own clients), then regenerates the embedded lists:
#
#   lexicon/words/fetch-sources.sh
#   CASELINT_BLESS=1 cargo test --test it vocabulary_codegen::
#
# Bump a version here, run both, review the diff of lexicon/words/vocabulary.txt and
# lexicon/words/typos.txt, and record the new version in lexicon/words/README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/sources"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cspell=(
  "@cspell/dict-software-terms@5.4.9"
  "@cspell/dict-fullstack@3.2.9"
  "@cspell/dict-companies@3.2.14"
  "@cspell/dict-aws@4.0.17"
  "@cspell/dict-k8s@1.0.13"
  "@cspell/dict-golang@6.0.29"
  "@cspell/dict-docker@1.1.17"
  "@cspell/dict-terraform@1.1.4"
  "@cspell/dict-git@3.1.1"
  "@cspell/dict-google@1.0.9"
)
typos_dict_version="0.13.31"

mkdir -p "$out"
(
  cd "$work"
  for package in "${cspell[@]}"; do
    npm pack --silent "$package" >/dev/null
  done
  for tarball in *.tgz; do
    mkdir -p "${tarball%.tgz}"
    tar xzf "$tarball" -C "${tarball%.tgz}"
  done
)
terms="$work/cspell-dict-software-terms-5.4.9/package/dict"
gzip -dc "$terms/softwareTerms.txt.gz" >"$out/cspell-software-terms.txt"
cat "$terms/software-tools.txt" "$terms/networkingTerms.txt" "$terms/webServices.txt" \
  >"$out/cspell-software-tools.txt"
cp "$work/cspell-dict-fullstack-3.2.9/package/dict/fullstack.txt" "$out/cspell-fullstack.txt"
cp "$work/cspell-dict-companies-3.2.14/package/dict/companies.txt" "$out/cspell-companies.txt"
cp "$work/cspell-dict-aws-4.0.17/package/dict/aws.txt" "$out/cspell-aws.txt"
cp "$work/cspell-dict-k8s-1.0.13/package/dict/k8s.txt" "$out/cspell-k8s.txt"
cp "$work/cspell-dict-golang-6.0.29/package/dict/go.txt" "$out/cspell-golang.txt"
gzip -dc "$work/cspell-dict-docker-1.1.17/package/dict/docker-words.txt.gz" >"$out/cspell-docker.txt"
cp "$work/cspell-dict-terraform-1.1.4/package/dict/terraform.txt" "$out/cspell-terraform.txt"
cp "$work/cspell-dict-git-3.1.1/package/dict/git-terms.txt" "$out/cspell-git.txt"
cp "$work/cspell-dict-google-1.0.9/package/dict/google.txt" "$out/cspell-google.txt"

# typos' dictionary ships as generated Rust source in the typos-dict crate: fetch the
# crate (no build), then read its (typo, corrections) entries into a CSV.
mkdir -p "$work/typos/src"
cat >"$work/typos/Cargo.toml" <<TOML
[package]
name = "fetch-typos-dict"
version = "0.0.0"
edition = "2021"
[dependencies]
typos-dict = "=$typos_dict_version"
TOML
echo 'fn main() {}' >"$work/typos/src/main.rs"
(cd "$work/typos" && cargo fetch --quiet)
crate_dir="$(cd "$work/typos" && cargo metadata --format-version 1 |
  python3 -c 'import json,sys; m=json.load(sys.stdin); print([p["manifest_path"] for p in m["packages"] if p["name"]=="typos-dict"][0])')"
python3 - "$(dirname "$crate_dir")/src/word_codegen.rs" "$out/typos-words.csv" <<'PY'
import re, sys
source = open(sys.argv[1], encoding="utf-8").read()
entry = re.compile(r'\(\s*dictgen::InsensitiveStr::(?:Ascii|Unicode)\("([^"]+)"\),\s*&\[([^\]]*)\]\s*,?\s*\)', re.S)
rows = []
for typo, corrections in entry.findall(source):
    words = re.findall(r'"([^"]*)"', corrections)
    if words:
        rows.append(",".join([typo] + words))
rows.sort()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("\n".join(rows) + "\n")
print(f"{len(rows)} typos entries", file=sys.stderr)
PY
echo "sources refreshed in $out" >&2
