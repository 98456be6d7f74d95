#!/usr/bin/env bash
# Install Debian's chromium and open the HTML report in it
# (tests/browser/check_report.sh). Needs root, as CI runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
fi
cargo build --quiet --bin fiscal --manifest-path "$root/Cargo.toml"
bash "$root/tests/browser/check_report.sh" "$root/target/debug/fiscal"
