#!/usr/bin/env bash
# Install Debian's chromium (and Node.js, for the DevTools-protocol driver
# of tests/browser/serve) when missing, then: open the HTML report in it
# (tests/browser/check_report.sh) and drive `fiscal serve` in it
# (tests/browser/check_serve.sh). Needs root, as CI runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [[ ${#missing[@]} -gt 0 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
fi
cargo build --quiet --bin fiscal --manifest-path "$root/Cargo.toml"
bash "$root/tests/browser/check_report.sh" "$root/target/debug/fiscal"
# The explorer on the release build (built by .ci/run's main job): its
# timings are then those a user sees.
cargo build --quiet --release --bin fiscal --manifest-path "$root/Cargo.toml"
bash "$root/tests/browser/check_serve.sh" "$root/target/release/fiscal"
