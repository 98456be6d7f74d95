"""The package's API: scenarios by name, file or text; overrides as
tables or ``table__field``; the GIL released while projecting; the type
stubs shipped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pandas as pd

import fiscal

from conftest import REPO


def test_a_name_a_file_and_text_give_the_same_projection(tmp_path: Path) -> None:
    by_name = fiscal.run("low_productivity").projection
    file = REPO / "scenarios" / "low_productivity.toml"
    by_file = fiscal.run(file).projection
    by_text = fiscal.run(
        'extends = "default"\nname = "Low productivity (1.0 %)"\n[economy]\nproductivity_growth_pct = 1.0\n'
    ).projection
    pd.testing.assert_frame_equal(by_name, by_file)
    cols = [c for c in by_name.columns if c != "scenario"]
    pd.testing.assert_frame_equal(by_name[cols], by_text[cols])


def test_overrides_as_tables_or_double_underscores_agree_with_a_file() -> None:
    as_table = fiscal.run("baseline", economy={"productivity_growth_pct": 1.0})
    as_field = fiscal.run("baseline", economy__productivity_growth_pct=1.0)
    pd.testing.assert_frame_equal(as_table.projection, as_field.projection)
    low = fiscal.run("low_productivity").projection
    assert as_table.projection["psnd_pct_gdp"].tolist() == low["psnd_pct_gdp"].tolist()
    base = fiscal.run().projection
    assert as_table.projection["psnd_pct_gdp"].iloc[-1] > base["psnd_pct_gdp"].iloc[-1]


def test_the_baseline_and_its_indicators() -> None:
    r = fiscal.run()
    assert r.name == "Baseline"
    p = r.projection
    assert list(p.columns[:3]) == ["scenario", "year", "phase"]
    assert p["year"].iloc[0] == "2025-26"
    assert p["psnd_pct_gdp"].dtype == "float64"
    assert r.interventions is None
    ind = r.indicators
    assert list(ind["case"]) == ["scenario"]
    assert ind["fiscal_gap_pct_gdp"].iloc[0] > 0
    assert r.gap_shares.empty


def test_projections_release_the_gil() -> None:
    """While a fan runs in another thread, this thread keeps running
    Python: its ticks span most of the call, which they could not if the
    call held the GIL (they would stop until it returned; checked by
    building the fan without releasing it: this test then fails)."""
    window = {}

    def work() -> None:
        window["start"] = time.perf_counter()
        fiscal.fan("baseline", paths=400_000, seed=3)
        window["end"] = time.perf_counter()

    ticks = []
    t = threading.Thread(target=work)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    start, end = window["start"], window["end"]
    inside = [x for x in ticks if start < x < end]
    assert end - start > 0.05, "the call was too short to tell"
    covered = (max(inside) - min(inside)) if inside else 0.0
    assert covered > 0.6 * (end - start), (covered, end - start)


def test_threads_running_scenarios_side_by_side_get_their_own_results() -> None:
    names = ["baseline", "low_productivity", "high_gilt_rates", "zero_net_migration"]
    serial = {n: fiscal.run(n).projection for n in names}
    results = {}

    def work(n: str) -> None:
        results[n] = fiscal.run(n).projection

    threads = [threading.Thread(target=work, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in names:
        pd.testing.assert_frame_equal(results[n], serial[n])


def test_the_type_stubs_and_marker_ship_with_the_package() -> None:
    pkg = Path(fiscal.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_fiscal.pyi").exists()
    assert fiscal.__version__
