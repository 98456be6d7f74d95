#!/usr/bin/env bash
# Open the HTML report in a real headless browser and check what a reader
# would see: the page loads with no console errors, a screenshot shows
# something (not a blank page), the DOM holds the chart SVGs and the
# intervention table (the report includes the central smarter-state
# package), and a scenario named <script>alert(1)</script> appears as text,
# not as a script. A copy of the report with tests/browser/probe.js (and
# without the page's script-blocking CSP) then checks that the charts'
# embedded fonts load and that no two chart texts overlap or leave their
# chart, from the text boxes the browser lays out, and that the grouped
# assumptions tables fit the page at 1280 px and with the print rules.
#
# Usage: tests/browser/check_report.sh [PATH_TO_FISCAL_BINARY]
# (default: builds and uses target/debug/fiscal). Skips, exit 0, when no
# chromium is installed; .ci/browser.sh installs it first.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "check_report: chromium not found; skipping the browser check"
  exit 0
fi

fiscal="${1:-}"
if [[ -z "$fiscal" ]]; then
  (cd "$root" && cargo build --quiet --bin fiscal)
  fiscal="$root/target/debug/fiscal"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/evil.toml" <<'TOML'
name = "<script>alert(1)</script>"
description = "Scenario text must render as text: <b>not bold</b> & =1+1"
[economy]
productivity_growth_pct = 1.2
TOML
"$fiscal" report "$work/evil.toml" "$root/scenarios/baseline.toml" \
  "$root/scenarios/digital/smarter_state_central.toml" -o "$work/report.html"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run
  --enable-logging=stderr --v=0)
"$browser" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
  --screenshot="$work/shot.png" --window-size=1200,2000 \
  "file://$work/report.html" >"$work/shot.out" 2>"$work/shot.err" || true
"$browser" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
  --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/dom.err" || true

# The probe: the same report, its CSP removed so that the probe script runs.
python3 - "$work/report.html" "$root/tests/browser/probe.js" "$work/probe.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
probe = open(sys.argv[2], encoding="utf-8").read()
html = html.replace("</body>", "<script>" + probe + "</script></body>")
open(sys.argv[3], "w", encoding="utf-8").write(html)
PY
"$browser" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
  --virtual-time-budget=10000 --window-size=1280,2000 \
  --dump-dom "file://$work/probe.html" >"$work/probe.dom" 2>"$work/probe.err" || true

probe() { # field: prints the probe's verdict and succeeds when it passes
  python3 - "$work/probe.dom" "$1" <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="probe">(.*?)</pre>', open(sys.argv[1], encoding="utf-8").read(), re.S)
if not m:
    print("  the probe did not run"); sys.exit(1)
d = json.loads(html.unescape(m.group(1)))
what = sys.argv[2]
if what == "fonts":
    bad = [f for f in d["faces"] if not f.endswith(" loaded")]
    ok = [f for f in d["faces"] if f.startswith("Open Sans ") and f.endswith(" loaded")]
    print(f"  {len(ok)} embedded faces loaded, {len(bad)} not: {bad[:5]}")
    sys.exit(0 if ok and not bad else 1)
if what == "overflow":
    print(f"  {d['tables']} assumptions tables measured (screen and print); overflowing: {d['overflow'][:5]}")
    sys.exit(0 if d["tables"] > 0 and not d["overflow"] else 1)
items = d[what]
print(f"  {d['texts']} texts in {d['svgs']} charts; {what}: {len(items)}")
for i in items[:20]:
    print("   ", i)
sys.exit(0 if d["texts"] > 100 and not items else 1)
PY
}

passed=0
failed=0
check() { # name, then a command that succeeds when the check passes
  local name="$1"
  shift
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

nonblank_png() {
  [[ -s "$1" ]] || return 1
  python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h = struct.unpack(">II", body[:8])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
# Filtered scanlines: distinct byte values across the image tell a blank
# page (one colour) from a drawn one.
distinct = len(set(raw[:: max(1, len(raw) // 200000)]))
print(f"screenshot {w}x{h}, {distinct} distinct byte values")
sys.exit(0 if w == 1200 and h == 2000 and distinct > 20 else 1)
PY
}

svg_count="$(grep -o '<svg' "$work/dom.html" | wc -l)"
check "screenshot is 1200x2000 and not blank" nonblank_png "$work/shot.png"
check "DOM holds the chart SVGs ($svg_count)" test "$svg_count" -ge 6
check "intervention table and chart are in the DOM" bash -c "grep -q 'id=\"interventions\"' '$work/dom.html' && grep -q 'Package: all interventions together' '$work/dom.html' && grep -q 'id=\"chart-interventions-' '$work/dom.html'"
check "sustainability indicators are in the DOM" grep -q 'Sustainability indicators' "$work/dom.html"
check "scenario name is escaped text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/dom.html"
check "no script element from the scenario" bash -c "! grep -q '<script>alert' '$work/dom.html'"
check "description markup is text" grep -q '&lt;b&gt;not bold&lt;/b&gt;' "$work/dom.html"
check "no console errors" bash -c "! grep -Ei 'Uncaught|CONSOLE\\(|Refused to|ERR_FILE_NOT_FOUND' '$work/shot.err' '$work/dom.err'"
check "the charts' embedded fonts load" probe fonts
check "no two chart texts overlap" probe overlaps
check "no chart text leaves its chart" probe clipped
check "the assumptions tables fit the page at 1280 px and in print" probe overflow
if [[ -n "${KEEP_SCREENSHOT:-}" ]]; then
  cp "$work/shot.png" "$KEEP_SCREENSHOT"
fi
echo "browser: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
