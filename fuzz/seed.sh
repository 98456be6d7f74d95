#!/bin/sh
# Build the seed corpora from files shipped in the repository (run from fuzz/).
set -e
cd "$(dirname "$0")"
mkdir -p corpus/scenario corpus/project corpus/series_table corpus/population_table corpus/age_sex_table corpus/gilt_table
for f in ../scenarios/*.toml ../scenarios/*/*.toml; do
  cp "$f" corpus/scenario/; cp "$f" corpus/project/
done
cp ../data/efo_2026-03.csv ../data/frs_2026-07.csv corpus/series_table/
cp ../data/profiles.csv ../data/participation.csv corpus/age_sex_table/
cp ../data/gilts_dmo_2025-03-19.csv corpus/gilt_table/
# The full population table is large; its first rows are seed enough.
head -c 16000 ../data/population_npp2022.csv > corpus/population_table/npp2022_head.csv
for f in ../tests/fixtures/*.csv; do [ -f "$f" ] && cp "$f" corpus/population_table/ || true; done
# The sheet reader, uncertainty and sweep specifications: small seeds kept
# in the repository (fuzz/seeds/TARGET).
for t in xlsx_sheet uncertainty_spec sweep_spec; do
  mkdir -p corpus/$t && cp seeds/$t/* corpus/$t/
done
# Crashes found and fixed, kept as regression inputs.
for t in scenario project series_table population_table age_sex_table gilt_table xlsx_sheet uncertainty_spec sweep_spec; do
  [ -d "regressions/$t" ] && cp regressions/$t/* corpus/$t/ 2>/dev/null || true
done
