"""Score the whole pipeline (model + linker) on labelled documents."""

from __future__ import annotations

from typing import Any

from parkie.document import Document
from parkie.evaluate import score


def blank_copies(docs: list[Document]) -> list[Document]:
    """The documents' text and meta only, for prediction."""
    return [Document(id=d.id, text=d.text, meta=dict(d.meta)) for d in docs]


def evaluate_model(nlp: Any, gold: list[Document]) -> dict[str, Any]:
    """Annotate blank copies of ``gold`` with ``nlp`` (a Parkie) and score them."""
    pred = nlp.annotate(blank_copies(gold))
    return score(gold, pred)
