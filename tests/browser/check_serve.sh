#!/usr/bin/env bash
# `fiscal serve` in a real browser: start the server on a free loopback
# port, drive Debian's chromium through the DevTools protocol
# (tests/browser/serve/drive.mjs, playwright-core from npm, no browser
# download), then check that `fiscal run` on the scenario the page
# downloaded prints the same 2075-76 PSND and fiscal gap as the page.
# Prints the slider-to-redraw timings the page measured.
#
# Usage: tests/browser/check_serve.sh [PATH_TO_FISCAL_BINARY]
# Skips (exit 0) when chromium or node is missing; .ci/browser.sh installs
# them. KEEP_SCREENSHOT=FILE keeps the page's screenshot.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]] || ! command -v node >/dev/null 2>&1; then
  echo "check_serve: chromium or node not found; skipping the browser check of fiscal serve"
  exit 0
fi
fiscal="${1:-}"
if [[ -z "$fiscal" ]]; then
  (cd "$root" && cargo build --quiet --bin fiscal)
  fiscal="$root/target/debug/fiscal"
fi
driver="$root/tests/browser/serve"
if [[ ! -d "$driver/node_modules/playwright-core" ]]; then
  (cd "$driver" && npm ci --no-fund --no-audit --loglevel=error)
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$fiscal" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 200); do
  url="$(grep -o 'http://[^ ]*' "$work/serve.out" || true)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "FAILED: fiscal serve did not start"; cat "$work/serve.err"; exit 1
fi
echo "fiscal serve at $url"

status=0
CHROMIUM="$browser" node "$driver/drive.mjs" "$url" "$work" || status=1

if [[ -f "$work/page.toml" ]]; then
  "$fiscal" run "$work/page.toml" >"$work/run.txt"
  if python3 - "$work/page.json" "$work/run.txt" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
years = next(l for l in lines if "2075-76" in l).split()
row = next(l for l in lines if l.startswith("PSND (% of GDP")).split()[-len(years):]
psnd = row[years.index("2075-76")]
gap = next(l for l in lines if l.strip().startswith("Fiscal gap, one-off")).split()[3]
print(f"  page: PSND 2075-76 {page['psnd']} % of GDP, fiscal gap {page['gap']}; fiscal run: {psnd}, {gap}")
sys.exit(0 if (page["psnd"], page["gap"], page["end_year"]) == (psnd, gap, "2075-76") else 1)
PY
  then echo "ok: fiscal run on the downloaded scenario prints the page's 2075-76 PSND and fiscal gap"
  else echo "FAILED: fiscal run on the downloaded scenario differs from the page"; status=1
  fi
else
  echo "FAILED: no scenario was downloaded"; status=1
fi
for timings in timings timings_baseline; do
  [[ -f "$work/$timings.json" ]] || continue
  python3 - "$work/$timings.json" <<'PY'
import json, statistics, sys
t = json.load(open(sys.argv[1]))
what = "the served scenario alone" if sys.argv[1].endswith("_baseline.json") else "with an intervention on"
r = sorted(x["redraw_ms"] for x in t)
s = sorted(x["server_ms"] for x in t)
q = lambda v, p: v[min(len(v) - 1, int(p * len(v)))]
if r:
    print(f"  slider to redrawn chart, {what}, over {len(r)} moves: median {statistics.median(r):.0f} ms, 90th percentile {q(r, 0.9):.0f} ms, max {r[-1]:.0f} ms; server {statistics.median(s):.1f} ms median")
PY
done
if [[ -n "${KEEP_SCREENSHOT:-}" && -f "$work/screenshot.png" ]]; then
  cp "$work/screenshot.png" "$KEEP_SCREENSHOT"
fi
exit "$status"
