"""Bad input raises ValueError with the command line's message (what
``fiscal`` prints after ``error: ``); overrides are checked as a scenario
file's lines are."""

from __future__ import annotations

from pathlib import Path

import pytest

import fiscal

from conftest import run_cli

BAD_SCENARIO = """extends = "default"
[economy]
productivity_growth_pct = 1.0
cpi_inflation_pct = "two"
"""


def cli_message(cli: Path, args: list, cwd: Path) -> str:
    done = run_cli(cli, args, cwd)
    assert done.returncode == 2, (done.returncode, done.stderr)
    text = done.stderr.strip()
    assert text.startswith("error: "), text
    return text[len("error: "):]


def test_a_bad_scenario_file_raises_value_error_with_the_clis_message(cli: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(BAD_SCENARIO)
    expected = cli_message(cli, ["run", "bad.toml"], tmp_path)
    path = tmp_path / "bad.toml"
    with pytest.raises(ValueError) as raised:
        fiscal.run(path)
    # The CLI names the file as given on its command line; so does the package.
    assert str(raised.value) == expected.replace("bad.toml", str(path))
    assert "cpi_inflation_pct" in str(raised.value)


def test_an_unknown_scenario_raises_value_error_with_the_clis_message(cli: Path, tmp_path: Path) -> None:
    expected = cli_message(cli, ["run", "no_such_scenario"], tmp_path)
    with pytest.raises(ValueError) as raised:
        fiscal.run("no_such_scenario")
    assert str(raised.value) == expected


def test_a_misspelt_override_is_named_with_a_suggestion() -> None:
    with pytest.raises(ValueError, match="did you mean `productivity_growth_pct`"):
        fiscal.run("baseline", economy={"productivity_growth_pc": 1.0})


def test_an_out_of_range_override_is_refused() -> None:
    with pytest.raises(ValueError, match="economy.cpi_inflation_pct") as raised:
        fiscal.run("baseline", economy={"cpi_inflation_pct": 0.02})
    assert "write 2" in str(raised.value)


def test_scenario_text_errors_point_at_the_line() -> None:
    with pytest.raises(ValueError, match=r"<text>:4"):
        fiscal.run(BAD_SCENARIO)


def test_bad_fan_options_are_value_errors() -> None:
    with pytest.raises(ValueError):
        fiscal.fan("baseline", paths=0)
    with pytest.raises(ValueError, match="engine"):
        fiscal.fan("baseline", engine="quantum")


def test_a_value_python_cannot_write_as_toml_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="economy.productivity_growth_pct"):
        fiscal.run("baseline", economy={"productivity_growth_pct": object()})
