"""Score an extractor alone (no linker) on gold documents: used for dev selection in training."""

from __future__ import annotations

from typing import Any

from parkie.document import Document
from parkie.evaluate import score
from parkie.model.extractor import Extractor
from parkie.scoring import blank_copies


def score_extractor(ext: Extractor, gold: list[Document]) -> dict[str, Any]:
    """Entity, relation and relation-level figure scores of ``ext`` on ``gold``."""
    pred = ext.predict(blank_copies(gold))
    return score(gold, pred)
