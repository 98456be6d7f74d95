"""OBR-style long-term projections of UK public sector net debt, as pandas
DataFrames.

The projections are the ``fiscal`` command line's, computed by the same
Rust library: ``fiscal.run("baseline").projection`` has exactly the
columns of ``fiscal run baseline --out DIR``'s ``projection.csv``, with
the values unrounded. A scenario is a shipped name (``fiscal.scenarios()``
lists them), a path to a scenario file, or scenario TOML text; keyword
arguments override its fields and are checked as a scenario file's lines
are::

    import fiscal
    r = fiscal.run("baseline", economy={"productivity_growth_pct": 1.0})
    r.projection[["year", "psnd_pct_gdp"]]
    r.indicators

Bad input (a scenario, field or value that is wrong) raises ``ValueError``
with the message the command line prints; anything else ``RuntimeError``.
Projections run with the GIL released, so threads can run scenarios side
by side.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _fiscal

__all__ = ["Result", "run", "compare", "fan", "scenarios", "__version__"]

__version__: str = _fiscal.__version__

#: A scenario: a shipped name, a path to a scenario file, or TOML text;
#: ``None`` for the embedded baseline.
ScenarioLike = Union[str, "os.PathLike[str]", None]


def _spec(scenario: ScenarioLike) -> Optional[str]:
    if scenario is None:
        return None
    if isinstance(scenario, (str, os.PathLike)):
        return os.fspath(scenario)
    raise TypeError(
        f"a scenario is a name, a path or TOML text, not {type(scenario).__name__}"
    )


def _overrides(overrides: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Keyword arguments as nested tables: ``economy={"x": 1}`` stays a
    table, ``economy__x=1`` becomes one."""
    if not overrides:
        return None
    nested: Dict[str, Any] = {}
    for key, value in overrides.items():
        *tables, last = key.split("__")
        at = nested
        for t in tables:
            inner = at.setdefault(t, {})
            if not isinstance(inner, dict):
                raise ValueError(f"{key}: `{t}` is given both as a value and as a table")
            at = inner
        if isinstance(value, dict) and isinstance(at.get(last), dict):
            at[last].update(value)
        else:
            at[last] = value
    return nested


def _frame(columns: Sequence[Tuple[str, List[Any]]]) -> pd.DataFrame:
    data = {name: values for name, values in columns}
    frame = pd.DataFrame(data)
    for name, values in columns:
        if values and isinstance(values[0], float):
            frame[name] = frame[name].astype("float64")
    return frame


class Result:
    """A projected scenario: what ``fiscal run`` prints and writes.

    Tables are built on first use; ``indicators`` solves the fiscal gaps
    then (a few dozen projections, with the GIL released).
    """

    def __init__(self, run: _fiscal.Run) -> None:
        self._run = run
        self._cache: Dict[str, Optional[pd.DataFrame]] = {}

    def _get(self, key: str) -> Optional[pd.DataFrame]:
        if key not in self._cache:
            columns = getattr(self._run, key)()
            self._cache[key] = None if columns is None else _frame(columns)
        return self._cache[key]

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self._run.name

    @property
    def projection(self) -> pd.DataFrame:
        """One row a year: the columns of ``projection.csv``, unrounded
        (with the scenario's interventions in force, if any)."""
        frame = self._get("projection")
        assert frame is not None
        return frame

    @property
    def without_interventions(self) -> pd.DataFrame:
        """The projection without the scenario's interventions (the same
        as ``projection`` for a scenario without any)."""
        frame = self._get("without_interventions")
        assert frame is not None
        return frame

    @property
    def interventions(self) -> Optional[pd.DataFrame]:
        """Each intervention's path and the package's: the columns of
        ``interventions.csv``; ``None`` when the scenario has none."""
        return self._get("interventions")

    @property
    def indicators(self) -> pd.DataFrame:
        """The fiscal gap, staged gap, S1 (and phased), S2: one row for the
        scenario and, with interventions, one without them."""
        frame = self._get("indicators")
        assert frame is not None
        return frame

    @property
    def gap_shares(self) -> pd.DataFrame:
        """The share of the fiscal gap each intervention closes alone."""
        frame = self._get("gap_shares")
        assert frame is not None
        return frame

    @property
    def warnings(self) -> List[str]:
        """Warnings the projection raised, as ``fiscal run`` prints them."""
        return self._run.warnings()

    def __repr__(self) -> str:
        return f"<fiscal.Result {self.name!r}>"


def run(scenario: ScenarioLike = None, /, **overrides: Any) -> Result:
    """Project ``scenario`` (a shipped name, a file, TOML text; the
    embedded baseline when omitted) with ``overrides`` laid over it, e.g.
    ``economy={"productivity_growth_pct": 1.0}`` or
    ``economy__productivity_growth_pct=1.0``.

    Raises ``ValueError`` for bad input, ``RuntimeError`` otherwise.
    """
    return Result(_fiscal.run(_spec(scenario), _overrides(overrides)))


def compare(*scenarios: ScenarioLike, **overrides: Any) -> pd.DataFrame:
    """Project each scenario (each with ``overrides``) and return the
    columns of ``fiscal compare --format csv``: PSND, PSNB, the primary
    balance, interest, receipts and primary spending (% of GDP) by year,
    each with its difference from the first scenario's."""
    specs = [_spec(s) for s in scenarios]
    if any(s is None for s in specs):
        raise ValueError("name each scenario to compare (e.g. \"baseline\")")
    return _frame(_fiscal.compare([s for s in specs if s is not None], _overrides(overrides)))


def fan(
    scenario: ScenarioLike = None,
    /,
    *,
    paths: Optional[int] = None,
    seed: int = 42,
    engine: str = "reduced",
    **overrides: Any,
) -> pd.DataFrame:
    """The stochastic fan of ``scenario``: the columns of ``fan.csv``
    (by year and variable, the deterministic path, percentiles p5 to p95
    and their resolution, % of GDP). ``paths`` defaults to 100,000 for the
    reduced form and 1,000 for the full model (``engine="full"``); the
    same seed gives the same fan on any number of threads."""
    return _frame(
        _fiscal.fan(_spec(scenario), _overrides(overrides), paths, seed, engine)
    )


def scenarios() -> pd.DataFrame:
    """The shipped scenarios (``name``, ``file``, ``description``); any of
    them runs by name."""
    rows = _fiscal.scenarios()
    return pd.DataFrame(rows, columns=["name", "file", "description"])
