"""The worked notebook (examples/python_tour.ipynb) runs from top to
bottom without an error."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from conftest import REPO


def test_the_example_notebook_runs(tmp_path: Path) -> None:
    nb = nbformat.read(REPO / "examples" / "python_tour.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The last cell prints the override's error message.
    last = nb.cells[-1]["outputs"]
    assert any("did you mean" in o.get("text", "") for o in last)
