"""Shared fixtures: a tiny model trained here, in seconds, on a tiny hand-labelled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkie.corpus.compact import compile_file

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def tiny_docs():
    return compile_file(DATA / "tiny_corpus.txt")


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_docs):
    """A small model (default encoder) trained on the tiny corpus until it fits it."""
    from parkie.model.config import ModelConfig
    from parkie.model.trainer import train_model

    cfg = ModelConfig(hidden=64, char_dim=32, rel_dim=64, layers=1, dropout=0.0, char_dropout=0.0)
    ext, info = train_model(tiny_docs, None, cfg, epochs=60, seed=3, device="cpu", lr=1e-2, augment=0.0,
                            progress=False, log=lambda s: None)
    out = tmp_path_factory.mktemp("tiny_model")
    ext.save_pretrained(out, info)
    return out


@pytest.fixture(scope="session")
def tiny_nlp(tiny_model_dir):
    from parkie.pipeline import Parkie

    return Parkie.load(tiny_model_dir, device="cpu")
