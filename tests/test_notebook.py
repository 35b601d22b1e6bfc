"""The quickstart notebook runs top to bottom (with the shipped model, or $PARKIE_MODEL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"
DEFAULT_MODEL = ROOT / "parkie" / "models" / "default"


def _model_dir() -> Path | None:
    for candidate in (DEFAULT_MODEL, os.environ.get("PARKIE_MODEL")):
        if candidate and (Path(candidate) / "config.json").is_file():
            return Path(candidate)
    return None


def _kernel_name() -> str:
    """A kernel spec named python3 that runs this interpreter's ipykernel (installed if missing)."""
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        from ipykernel.kernelspec import install

        install(user=True)
    return "python3"


def test_notebook_committed_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "clear the notebook's outputs"


def test_quickstart_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    model = _model_dir()
    if model is None:
        pytest.skip(f"no model: {DEFAULT_MODEL} is missing and PARKIE_MODEL is not set to a model directory")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env_before = os.environ.get("PARKIE_MODEL")
    os.environ["PARKIE_MODEL"] = str(model)  # the kernel inherits it; used only without a default model
    try:
        client = nbclient.NotebookClient(nb, kernel_name=_kernel_name(), timeout=300,
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    finally:
        if env_before is None:
            os.environ.pop("PARKIE_MODEL", None)
        else:
            os.environ["PARKIE_MODEL"] = env_before
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "characters of HTML" in text
    assert "saved" in text and ".png" in text

