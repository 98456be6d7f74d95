#!/usr/bin/env bash
# Regenerate the chart images in docs/img from the real outputs of a built
# `fiscal` (FISCAL=path, default target/release/fiscal), from the repository
# root. briefing_page1.png is page one of the briefing PDF rasterised at
# 110 dpi by PyMuPDF when PDF_PYTHON names a Python that has it (e.g. a venv
# outside the repository with `pip install pymupdf`); serve.png is the
# browser check's screenshot, not redrawn here: `KEEP_SCREENSHOT=docs/img/serve.png
# tests/browser/check_serve.sh target/release/fiscal`.
set -euo pipefail
F=${FISCAL:-target/release/fiscal}
tmp=$(mktemp -d)
"$F" run --charts "$tmp/c" > /dev/null
cp "$tmp"/c/*.png docs/img/
"$F" chart interventions scenarios/digital/smarter_state_central.toml -o docs/img/interventions.png 2> /dev/null
"$F" compare --with-baseline scenarios/digital/smarter_state_{low,central,high}.toml --charts "$tmp/cmp" > /dev/null 2>&1
cp "$tmp/cmp/debt.png" docs/img/debt_compare.png
python3 docs/img/greyscale.py docs/img/debt_compare.png docs/img/debt_compare_greyscale.png
"$F" chart debt --size a4-half -o "$tmp/half.png"
cp "$tmp/half.png" docs/img/debt_half_width.png
"$F" interventions scenarios/digital/smarter_state_central.toml --paths 1000 --no-gap --chart docs/img/interventions_distribution.png > /dev/null 2>&1
rm -f docs/img/interventions_distribution_histogram.csv
if [ -n "${PDF_PYTHON:-}" ]; then
  "$F" report baseline low_productivity digital/smarter_state_central -o "$tmp/brief.pdf" > /dev/null 2>&1
  "$PDF_PYTHON" -c 'import sys, pymupdf; pymupdf.open(sys.argv[1])[0].get_pixmap(dpi=110).save(sys.argv[2])' "$tmp/brief.pdf" docs/img/briefing_page1.png
fi
rm -rf "$tmp"
