#!/usr/bin/env bash
# The README from a fresh clone: clone the committed tree, `cargo install
# --path .` as the README says, then run the tour's sh block (the first under
# "## A tour") with `set -e` in an empty directory, with only the installed
# binary on PATH for `fiscal`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$root" "$tmp/clone"
# Reuse the build directory so the install does not rebuild every crate.
CARGO_TARGET_DIR="$root/target/tour" cargo install --quiet --locked --path "$tmp/clone" --root "$tmp/root"
mkdir "$tmp/work"
awk '/^## A tour/{t=1} t&&/^```sh$/{b=1;next} b&&/^```$/{exit} b{print}' "$tmp/clone/README.md" > "$tmp/tour.sh"
test -s "$tmp/tour.sh"
(cd "$tmp/work" && PATH="$tmp/root/bin:$PATH" bash -euo pipefail "$tmp/tour.sh" > /dev/null)
echo "README tour ran from a fresh clone ($(grep -c '^fiscal\|^printf' "$tmp/tour.sh") commands)"
