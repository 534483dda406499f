#!/usr/bin/env bash
# The shell steps of the caselint GitHub Action (action.yml), kept in one script so tests
# can run them locally with the environment GitHub gives a step.
#
#   run.sh resolve   work out version, platform target and install folder (step outputs)
#   run.sh run       install caselint if needed (verified download, or build), then check
#   run.sh           both
#
# Inputs come as INPUT_* variables, as GitHub names them (INPUT_FAIL_ON or INPUT_FAIL-ON):
#   PATHS (default .), CONFIG, FORMAT (github|human|json|sarif, default github),
#   FAIL_ON (error|warning|never), ONLY_CHANGED (true|false), VERSION (default: the
#   action's own tag, else latest), SARIF_FILE, BASELINE, ARGS (extra flags), SUMMARY
#   (true|false: write the job summary).
# Other settings:
#   CASELINT_REPOSITORY      owner/name of the releases (action.yml passes github.action_repository)
#   CASELINT_ACTION_REF      the action's ref (github.action_ref), for the default version
#   CASELINT_RELEASES_URL    base of the release downloads [https://github.com/$CASELINT_REPOSITORY/releases]
#   CASELINT_INSTALL_DIR     where the binary goes [$RUNNER_TOOL_CACHE/caselint/VERSION/TARGET]
#   CASELINT_SOURCE_DIR      source to build from when no binary fits [$GITHUB_ACTION_PATH]
# Needs: bash, curl or wget, tar (unzip on Windows), sha256sum or shasum; git for
# only-changed; cargo only when no release binary exists for the platform.
#
# Exit status: caselint's (0 clean, 1 findings at the fail-on level, 2 caselint could not
# run properly), or 2 when installation failed or a download did not match its checksum.
set -euo pipefail

CHECKSUMS=sha256sums.txt

# GitHub passes inputs with hyphens kept (INPUT_FAIL-ON); composite actions can use
# underscores. Accept both.
input() {
  local name=$1 default=${2:-} value
  local upper
  upper=$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')
  value=$(printenv "INPUT_$upper" 2>/dev/null || true)
  if [ -z "$value" ]; then
    value=$(printenv "INPUT_$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')" 2>/dev/null || true)
  fi
  value=$(printf '%s' "$value" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
  printf '%s' "${value:-$default}"
}

die() {
  # A workflow error annotation and a plain line for local runs.
  echo "::error title=caselint action::$1"
  exit "${2:-2}"
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

# The release asset for this runner, or nothing when no binary is built for it. These
# names must match .github/workflows/release.yml (a test checks they do).
target_for() {
  local os=${RUNNER_OS:-} arch=${RUNNER_ARCH:-}
  if [ -z "$os" ]; then
    case "$(uname -s)" in
      Linux) os=Linux ;; Darwin) os=macOS ;; MINGW* | MSYS* | CYGWIN*) os=Windows ;; *) os=$(uname -s) ;;
    esac
  fi
  if [ -z "$arch" ]; then
    case "$(uname -m)" in
      x86_64 | amd64) arch=X64 ;; aarch64 | arm64) arch=ARM64 ;; *) arch=$(uname -m) ;;
    esac
  fi
  case "$os/$arch" in
    Linux/X64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-musl ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

asset_for() {
  case "$1" in
    x86_64-unknown-linux-musl) echo caselint-x86_64-unknown-linux-musl.tar.gz ;;
    aarch64-unknown-linux-musl) echo caselint-aarch64-unknown-linux-musl.tar.gz ;;
    x86_64-apple-darwin) echo caselint-x86_64-apple-darwin.tar.gz ;;
    aarch64-apple-darwin) echo caselint-aarch64-apple-darwin.tar.gz ;;
    x86_64-pc-windows-msvc) echo caselint-x86_64-pc-windows-msvc.zip ;;
    *) echo "" ;;
  esac
}

resolve() {
  version=$(input version)
  if [ -z "$version" ]; then
    # Pinned to a release tag (uses: owner/caselint@v1.2.3): run that release.
    case "${CASELINT_ACTION_REF:-}" in
      v[0-9]*) version=${CASELINT_ACTION_REF#v} ;;
      *) version=latest ;;
    esac
  fi
  version=${version#v}
  target=$(target_for)
  exe=caselint
  case "$target" in *windows*) exe=caselint.exe ;; esac
  local platform=${target:-$(uname -s)-$(uname -m)}
  install_dir=${CASELINT_INSTALL_DIR:-${RUNNER_TOOL_CACHE:-${HOME:-/tmp}/.cache}/caselint/$version/$platform}
  output version "$version"
  output target "$platform"
  output install-dir "$install_dir"
  # "latest" changes under the same name: caching it would pin a stale binary.
  output cacheable "$([ "$version" != latest ] && echo true || echo false)"
}

# Downloads URL to FILE; prints the HTTP status (000 when the server was unreachable).
fetch() {
  local url=$1 file=$2
  if command -v curl >/dev/null 2>&1; then
    curl -sSL --retry 3 --retry-delay 2 -o "$file" -w '%{http_code}' "$url" 2>/dev/null || echo 000
  elif command -v wget >/dev/null 2>&1; then
    local log
    log=$(mktemp)
    if wget -q -S -O "$file" "$url" 2>"$log"; then
      echo 200
    else
      local status
      status=$(grep -o 'HTTP/[0-9.]* [0-9]*' "$log" | tail -1 | awk '{print $2}')
      echo "${status:-000}"
    fi
    rm -f "$log"
  else
    die "neither curl nor wget is installed: install one of them before this step"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    die "neither sha256sum nor shasum is installed: caselint's download cannot be verified"
  fi
}

build_from_source() {
  local reason=$1
  command -v cargo >/dev/null 2>&1 ||
    die "$reason, and cargo is not installed to build caselint from source: add a Rust toolchain step (dtolnay/rust-toolchain) before this one"
  echo "caselint: $reason; building it from source with cargo install --locked (this takes a few minutes once; the result is cached)"
  local source=${CASELINT_SOURCE_DIR:-${GITHUB_ACTION_PATH:-}}
  if [ -n "$source" ] && [ -f "$source/Cargo.toml" ] && { [ "$version" = latest ] || [ "${CASELINT_ACTION_REF:-}" = "v$version" ]; }; then
    cargo install --locked --root "$install_dir" --path "$source" ||
      die "cargo install --locked --path $source failed: see the log above"
  elif [ -n "${CASELINT_REPOSITORY:-}" ] && [ "$version" != latest ]; then
    cargo install --locked --root "$install_dir" --git "https://github.com/$CASELINT_REPOSITORY" --tag "v$version" caselint ||
      die "cargo install --locked of caselint v$version failed: see the log above"
  else
    die "cannot tell where to build caselint $version from: set the version input to a released version"
  fi
  if [ -x "$install_dir/bin/$exe" ]; then
    mv "$install_dir/bin/$exe" "$install_dir/$exe"
  fi
}

install() {
  local binary="$install_dir/$exe"
  if [ -x "$binary" ] && [ -f "$install_dir/.verified" ]; then
    echo "caselint: using the cached $binary"
    return
  fi
  mkdir -p "$install_dir"
  if [ -z "$target" ]; then
    build_from_source "no caselint release binary exists for $(uname -s) $(uname -m)"
    [ -x "$binary" ] || die "building caselint did not produce $binary"
    : >"$install_dir/.verified"
    return
  fi
  local asset base url work status
  asset=$(asset_for "$target")
  base=${CASELINT_RELEASES_URL:-}
  if [ -z "$base" ]; then
    [ -n "${CASELINT_REPOSITORY:-}" ] || {
      build_from_source "the action's repository is unknown (a local action?), so no release can be downloaded"
      : >"$install_dir/.verified"
      return
    }
    base="https://github.com/$CASELINT_REPOSITORY/releases"
  fi
  if [ "$version" = latest ]; then url="$base/latest/download"; else url="$base/download/v$version"; fi
  work=$(mktemp -d)
  status=$(fetch "$url/$asset" "$work/$asset")
  if [ "$status" = 404 ]; then
    rm -rf "$work"
    build_from_source "release $version has no binary $asset"
    [ -x "$binary" ] || die "building caselint did not produce $binary"
    : >"$install_dir/.verified"
    return
  fi
  [ "$status" = 200 ] || die "could not download $url/$asset (HTTP $status): check the version input ($version) and the network"
  status=$(fetch "$url/$CHECKSUMS" "$work/$CHECKSUMS")
  [ "$status" = 200 ] || die "could not download $url/$CHECKSUMS (HTTP $status): refusing to run a binary that cannot be verified"

  local expected actual
  expected=$(awk -v f="$asset" '$2 == f || $2 == "*" f { print tolower($1); exit }' "$work/$CHECKSUMS")
  [ -n "$expected" ] || die "$CHECKSUMS of release $version lists no checksum for $asset: refusing to run a binary that cannot be verified"
  actual=$(sha256_of "$work/$asset")
  if [ "$expected" != "$actual" ]; then
    rm -rf "$work"
    die "checksum mismatch for $asset of caselint $version: expected $expected, got $actual. The download is corrupt or was tampered with; refusing to run it. Retry the job; if it fails again, report it to the caselint maintainers."
  fi
  echo "caselint: $asset verified (sha256 $actual)"
  case "$asset" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then unzip -oq "$work/$asset" -d "$install_dir"; else tar -xf "$work/$asset" -C "$install_dir"; fi
      ;;
    *) tar -xzf "$work/$asset" -C "$install_dir" ;;
  esac
  rm -rf "$work"
  [ -f "$binary" ] || die "$asset does not contain $exe"
  chmod +x "$binary"
  : >"$install_dir/.verified"
}

# Markdown files the pull request (or push) changed, one per line, among PATHS.
changed_files() {
  local base="" head=HEAD event=${GITHUB_EVENT_NAME:-} payload=${GITHUB_EVENT_PATH:-}
  if [ -n "$payload" ] && [ -f "$payload" ]; then
    case "$event" in
      pull_request | pull_request_target | pull_request_review | pull_request_review_comment)
        base=$(json_field "$payload" pull_request.base.sha) ;;
      push)
        base=$(json_field "$payload" before)
        case "$base" in *[!0]*) ;; *) base="" ;; esac # a new branch: before is all zeros
        ;;
    esac
  fi
  if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
    git fetch --quiet --no-tags --depth=1 origin "$GITHUB_BASE_REF" >/dev/null 2>&1 || true
    base=$(git rev-parse --verify --quiet FETCH_HEAD || true)
  fi
  [ -n "$base" ] || return 1
  # actions/checkout fetches one commit by default: get the base commit too.
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --quiet --no-tags --depth=1 origin "$base" >/dev/null 2>&1 || return 1
  fi
  # Two dots: on a pull request HEAD is the merge commit, whose diff against the base is
  # exactly the pull request's change, and no history beyond the two commits is needed.
  git -c core.quotepath=off diff --name-only -z --diff-filter=ACMR "$base" "$head" -- || return 1
}

json_field() {
  local file=$1 path=$2
  if command -v jq >/dev/null 2>&1; then
    jq -r ".$path // empty" "$file" 2>/dev/null || true
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$file" "$path" <<'PY' 2>/dev/null || true
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    value = value.get(key) if isinstance(value, dict) else None
print(value or "")
PY
  fi
}

is_markdown() {
  case "$1" in *.md | *.markdown | *.mdown | *.mkd | *.mdx) return 0 ;; *) return 1 ;; esac
}

# Whether FILE (relative to the repository root) lies under one of the paths.
under_paths() {
  local file=$1 p
  for p in "${paths[@]}"; do
    p=${p#./}
    p=${p%/}
    if [ -z "$p" ] || [ "$p" = . ] || [ "$file" = "$p" ] || [ "${file#"$p"/}" != "$file" ]; then return 0; fi
  done
  return 1
}

run_check() {
  local format fail_on only_changed config sarif baseline extra summary
  format=$(input format github)
  fail_on=$(input fail-on error)
  only_changed=$(input only-changed false)
  config=$(input config)
  sarif=$(input sarif-file)
  baseline=$(input baseline)
  extra=$(input args)
  summary=$(input summary true)
  case "$format" in human | json | sarif | github) ;; *) die "format must be github, human, json or sarif, not \`$format\`" ;; esac
  case "$fail_on" in error | warning | never) ;; *) die "fail-on must be error, warning or never, not \`$fail_on\`" ;; esac
  case "$only_changed" in true | false) ;; *) die "only-changed must be true or false, not \`$only_changed\`" ;; esac

  # Paths: whitespace- or newline-separated; no glob expansion.
  set -f
  # shellcheck disable=SC2206
  paths=($(input paths .))
  # shellcheck disable=SC2206
  local extra_args=($extra)
  set +f

  local targets=("${paths[@]}")
  if [ "$only_changed" = true ]; then
    local list file
    list=$(mktemp)
    if changed_files >"$list"; then
      targets=()
      while IFS= read -r -d '' file; do
        if is_markdown "$file" && [ -f "$file" ] && under_paths "$file"; then targets+=("$file"); fi
      done <"$list"
      rm -f "$list"
      if [ ${#targets[@]} -eq 0 ]; then
        echo "caselint: this change touches no Markdown file under ${paths[*]}; nothing to check."
        if [ "$summary" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
          printf '## ✅ caselint\n\nThis change touches no Markdown file under %s: nothing to check.\n\n' "${paths[*]}" >>"$GITHUB_STEP_SUMMARY"
        fi
        output exit-code 0
        return 0
      fi
      echo "caselint: checking the ${#targets[@]} changed Markdown file(s)"
    else
      rm -f "$list"
      echo "::warning title=caselint action::only-changed: could not tell which files this event changed (not a pull request or push, or the base commit could not be fetched); checking every path instead."
    fi
  fi

  local args=(check --format "$format" --fail-on "$fail_on")
  [ "$format" = human ] && args+=(--color always)
  [ -n "$config" ] && args+=(--config "$config")
  if [ -n "$sarif" ]; then
    mkdir -p "$(dirname "$sarif")"
    args+=(--sarif-file "$sarif")
    output sarif-file "$sarif"
  fi
  [ -n "$baseline" ] && args+=(--baseline "$baseline")
  args+=(${extra_args[@]+"${extra_args[@]}"})
  args+=(--)
  args+=("${targets[@]}")

  local status=0
  if [ "$summary" = true ]; then
    "$install_dir/$exe" "${args[@]}" || status=$?
  else
    env -u GITHUB_STEP_SUMMARY "$install_dir/$exe" "${args[@]}" || status=$?
  fi
  output exit-code "$status"
  return "$status"
}

main() {
  local mode=${1:-all}
  case "$mode" in
    resolve) resolve ;;
    run | all)
      resolve
      install
      run_check
      ;;
    *) die "unknown mode \`$mode\`: use resolve, run or nothing" ;;
  esac
}

main "$@"
