#!/usr/bin/env bash
# Side-by-side run of `fiscal fan` and the Python peers that do the same
# work (numpy, and numba with fiscal's own histogram method), interleaved
# so that a drifting machine load hits every command alike. Results go to
# docs/performance.md by hand; the JSON with every run is kept.
#
# The peers are not part of this repository: they live in the project's
# shared benchmark folder (README there). This script copies them into a
# temporary directory at run time (they read their inputs from their own
# folder), rebuilds their inputs from this build's own outputs, and runs
# their timer, bench.py.
#
# Usage: benches/peers.sh [PATHS] [REPS]
#   PATHS  paths per fan (default 1000000)
#   REPS   interleaved repetitions after one warm-up (default 5)
# Environment:
#   FISCAL_PEERS  the peers' folder (default ../shared/bench beside the
#                 main checkout, found from this repository's git common dir)
#   PYTHON        a Python with numpy and numba (default python3; e.g. a
#                 venv made with `python3 -m venv DIR && DIR/bin/pip install numpy numba`)
#   OUT           where to keep the results JSON (default target/peers.json)
#   FISCAL_BIN    a fiscal binary to time (default: build and take
#                 target/release/fiscal)
set -euo pipefail

paths=${1:-1000000}
reps=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
common=$(cd "$root" && cd "$(git rev-parse --git-common-dir)/.." && pwd)
peers=${FISCAL_PEERS:-$common/../shared/bench}
python=${PYTHON:-python3}
out=${OUT:-$root/target/peers.json}

for f in bench.py make_inputs.py peer_numpy_equiv.py peer_numba_equiv.py; do
  [[ -f $peers/$f ]] || { echo "no $f in $peers: set FISCAL_PEERS" >&2; exit 2; }
done
"$python" -c 'import numpy, numba' 2>/dev/null ||
  { echo "$python lacks numpy or numba: set PYTHON to a venv with both" >&2; exit 2; }

if [[ -n ${FISCAL_BIN:-} ]]; then
  fiscal=$FISCAL_BIN
else
  (cd "$root" && cargo build --release --quiet)
  fiscal=$root/target/release/fiscal
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$peers"/*.py "$work"/
"$fiscal" run --format json > "$work/run.json"
# The peers' input maker was written against the JSON before issue 23 gave
# JSON and CSV one vocabulary and issue 19 split the rest of public sector
# debt interest from the gilts' (`other_interest_gbp_bn`): it reads the
# stock-flow adjustment as `stock_flow_gbp_bn` (now
# `stock_flow_adjustment_gbp_bn`) and all of PSNB's interest as
# `interest_gbp_bn`. Give it those, rather than edit the shared peers; its
# own check (every shock zero reproduces the projection) then holds to
# about 1e-13 pp, and without the interest it missed by 40 pp.
"$python" - "$work/run.json" <<'PY'
import json, sys
path = sys.argv[1]
run = json.load(open(path))
for y in run["results"]["projection"]["years"]:
    y["stock_flow_gbp_bn"] = y["stock_flow_adjustment_gbp_bn"]
    y["interest_gbp_bn"] = y["interest_gbp_bn"] + y["other_interest_gbp_bn"]
json.dump(run, open(path, "w"))
PY
"$fiscal" fan --paths 4096 --seed 42 --out "$work/fanout" --quiet
"$python" "$work/make_inputs.py" "$work/run.json" "$work/fanout/fan.json" "$work/fan_inputs.json"

mkdir -p "$(dirname "$out")"
cd "$work"
OPENBLAS_NUM_THREADS=1 "$python" bench.py --reps "$reps" --warmup 1 --out "$work/res.json" \
  "fiscal=$fiscal fan --paths $paths --seed 42 --quiet" \
  "numba=$python peer_numba_equiv.py $paths hist" \
  "numpy=$python peer_numpy_equiv.py $paths"
cp "$work/res.json" "$out"
echo "results: $out"
