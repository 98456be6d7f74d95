#!/usr/bin/env bash
# Regenerate the chart images in docs/img from the real outputs of a built
# `fiscal` (FISCAL=path, default target/release/fiscal), from the repository
# root. briefing_page1.png (a page of the PDF briefing) and serve.png (a
# browser screenshot) need a PDF rasteriser and a browser and are not
# redrawn here.
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
rm -rf "$tmp"
