"""The package's tables against the command line's files: for every
shipped scenario, ``fiscal.run(name).projection`` has exactly the columns
of ``fiscal run NAME --out DIR``'s projection.csv and equals it to the
CSV's printed precision (half a unit in the last printed decimal), and so
do the interventions, the comparison and the fan."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

import fiscal

from conftest import run_cli

SHIPPED = list(fiscal.scenarios()["name"])


def read_printed(text: str) -> pd.DataFrame:
    """A CSV as the strings it prints."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def spreadsheet_safe(s: str) -> str:
    """Text as the CSV writes it (a leading formula character quoted)."""
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def assert_matches_printed(frame: pd.DataFrame, printed: pd.DataFrame, what: str) -> None:
    assert list(frame.columns) == list(printed.columns), f"{what}: columns differ"
    assert len(frame) == len(printed), f"{what}: rows differ"
    for col in frame.columns:
        ours = frame[col].tolist()
        theirs = printed[col].tolist()
        if frame[col].dtype == "float64":
            for row, (v, p) in enumerate(zip(ours, theirs)):
                if p in ("", "n/a"):
                    assert math.isnan(v), f"{what} {col} row {row}: {v} where the CSV has none"
                    continue
                decimals = len(p.split(".")[1]) if "." in p else 0
                half_unit = 0.5 * 10.0**-decimals
                assert abs(v - float(p)) <= half_unit * (1 + 1e-9) + 1e-12 * abs(v), (
                    f"{what} {col} row {row}: {v!r} is not {p} to {decimals} decimals"
                )
        else:
            assert [spreadsheet_safe(str(v)) for v in ours] == theirs, f"{what} {col}"


def test_every_shipped_scenario_is_found() -> None:
    assert "baseline" in SHIPPED
    assert len(SHIPPED) >= 30


@pytest.mark.parametrize("name", SHIPPED)
def test_projection_equals_the_clis_csv(name: str, cli: Path, tmp_path: Path) -> None:
    done = run_cli(cli, ["--quiet", "run", name, "--out", str(tmp_path)], tmp_path)
    assert done.returncode == 0, done.stderr
    result = fiscal.run(name)
    printed = read_printed((tmp_path / "projection.csv").read_text())
    assert_matches_printed(result.projection, printed, f"{name} projection.csv")
    interventions = tmp_path / "interventions.csv"
    if result.interventions is None:
        assert not interventions.exists()
    else:
        printed = read_printed(interventions.read_text())
        assert_matches_printed(result.interventions, printed, f"{name} interventions.csv")


def test_compare_equals_the_clis_csv(cli: Path, tmp_path: Path) -> None:
    names = ["baseline", "low_productivity", "digital/identity_central"]
    done = run_cli(cli, ["compare", *names, "--format", "csv"], tmp_path)
    assert done.returncode == 0, done.stderr
    printed = read_printed(done.stdout)
    assert_matches_printed(fiscal.compare(*names), printed, "compare.csv")


def test_fan_equals_the_clis_csv_and_repeats(cli: Path, tmp_path: Path) -> None:
    args = ["fan", "baseline", "--paths", "20000", "--seed", "7", "--format", "csv"]
    done = run_cli(cli, args, tmp_path)
    assert done.returncode == 0, done.stderr
    frame = fiscal.fan("baseline", paths=20_000, seed=7)
    assert_matches_printed(frame, read_printed(done.stdout), "fan.csv")
    pd.testing.assert_frame_equal(frame, fiscal.fan("baseline", paths=20_000, seed=7))


def test_indicators_agree_with_the_json(cli: Path, tmp_path: Path) -> None:
    import json

    done = run_cli(cli, ["run", "digital/smarter_state_central", "--format", "json"], tmp_path)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)["results"]
    ours = fiscal.run("digital/smarter_state_central").indicators.set_index("case")
    theirs = printed["indicators"]
    headline = theirs["headline"]
    assert ours.loc["scenario", "fiscal_gap_pct_gdp"] == pytest.approx(headline["fiscal_gap_pct_gdp"], abs=1e-9)
    assert ours.loc["scenario", "s2_pct_gdp"] == pytest.approx(headline["s2_pct_gdp"], abs=1e-9)
    without = theirs["without_interventions"]
    assert ours.loc["without interventions", "s1_pct_gdp"] == pytest.approx(without["s1_pct_gdp"], abs=1e-9)
    assert ours.loc["scenario", "share_of_gap_closed"] == pytest.approx(
        theirs["share_of_gap_closed_by_interventions"], abs=1e-9
    )
