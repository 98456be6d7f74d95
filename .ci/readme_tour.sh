#!/usr/bin/env bash
# The README from a clean checkout: `cargo install --path .` as the README
# says, then the tour's sh block (the first under "## A tour") with `set -e`
# in an empty directory, with only the installed binary on PATH for
# `fiscal`.
#
# The install reuses the main build: with a clean work tree (the committed
# tree, nothing untracked) it installs from the checkout itself, whose
# target/release the main job has just built, so nothing is compiled again;
# with local changes it installs from a fresh clone of the last commit,
# sharing target/ so that only the `fiscal` crate itself is rebuilt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -z "$(git -C "$root" status --porcelain)" ]; then
  src="$root"
else
  git clone --quiet "$root" "$tmp/clone"
  src="$tmp/clone"
fi
CARGO_TARGET_DIR="$root/target" cargo install --quiet --locked --path "$src" --root "$tmp/root"
mkdir "$tmp/work"
awk '/^## A tour/{t=1} t&&/^```sh$/{b=1;next} b&&/^```$/{exit} b{print}' "$src/README.md" > "$tmp/tour.sh"
test -s "$tmp/tour.sh"
(cd "$tmp/work" && PATH="$tmp/root/bin:$PATH" bash -euo pipefail "$tmp/tour.sh" > /dev/null)
echo "README tour ran from $( [ "$src" = "$root" ] && echo "the clean checkout" || echo "a fresh clone") ($(grep -c '^fiscal\|^printf' "$tmp/tour.sh") commands)"
