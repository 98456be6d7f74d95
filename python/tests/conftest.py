"""Shared fixtures: the repository, and the `fiscal` command line whose
files the package's tables are checked against (FISCAL_BIN, or the
release build under target/)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[2]


def _find_cli() -> Path:
    given = os.environ.get("FISCAL_BIN")
    if given:
        return Path(given).resolve()
    for profile in ("release", "debug"):
        candidate = REPO / "target" / profile / "fiscal"
        if candidate.exists():
            return candidate
    raise RuntimeError(
        "no `fiscal` binary: build it (cargo build --release) or set FISCAL_BIN"
    )


@pytest.fixture(scope="session")
def cli() -> Path:
    path = _find_cli()
    assert path.exists(), f"FISCAL_BIN={path} does not exist"
    return path


def run_cli(cli: Path, args: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(cli), *args], cwd=cwd, capture_output=True, text=True, check=False
    )
