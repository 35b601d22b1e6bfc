"""Flat tables of figures and progress (pandas), one row per figure or progress record."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from parkie.document import Document
from parkie.segment import sentences

FIGURE_COLUMNS = ["doc_id", "source", "indicator", "value", "unit", "dimension", "unit_text", "amount",
                  "kind", "approx", "period", "period_from", "period_to", "subject", "subject_label",
                  "start", "end", "sentence"]
PROGRESS_COLUMNS = ["doc_id", "source", "text", "state", "percent", "subject", "subject_label",
                    "period", "period_from", "period_to", "start", "end", "sentence"]


def _sentence(doc: Document, start: int, cache: dict[str, list[tuple[int, int]]]) -> str:
    spans = cache.setdefault(doc.id, sentences(doc.text))
    for s, e in spans:
        if s <= start < e:
            return doc.text[s:e]
    return ""


def figure_rows(doc: Document, cache: dict | None = None) -> list[dict]:
    cache = {} if cache is None else cache
    rows = []
    for f in doc.figures:
        rows.append({
            "doc_id": doc.id, "source": doc.meta.get("source"),
            "indicator": f.indicator.text if f.indicator else None, "value": f.value, "unit": f.unit,
            "dimension": f.dimension, "unit_text": f.unit_text, "amount": f.amount.text, "kind": f.kind,
            "approx": f.approx, "period": f.period.text if f.period else None,
            "period_from": f.period.date_from if f.period else None,
            "period_to": f.period.date_to if f.period else None,
            "subject": f.subject.text if f.subject else None,
            "subject_label": f.subject.label if f.subject else None,
            "start": f.amount.start, "end": f.amount.end, "sentence": _sentence(doc, f.amount.start, cache),
        })
    return rows


def progress_rows(doc: Document, cache: dict | None = None) -> list[dict]:
    cache = {} if cache is None else cache
    return [{
        "doc_id": doc.id, "source": doc.meta.get("source"), "text": p.text, "state": p.state,
        "percent": p.percent, "subject": p.subject.text if p.subject else None,
        "subject_label": p.subject.label if p.subject else None,
        "period": p.period.text if p.period else None,
        "period_from": p.period.date_from if p.period else None,
        "period_to": p.period.date_to if p.period else None,
        "start": p.start, "end": p.end, "sentence": _sentence(doc, p.start, cache),
    } for p in doc.progress]


def to_dataframe(docs: Iterable[Document]) -> pd.DataFrame:
    """One row per figure of ``docs`` (columns: FIGURE_COLUMNS)."""
    cache: dict = {}
    rows = [r for d in docs for r in figure_rows(d, cache)]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def progress_dataframe(docs: Iterable[Document]) -> pd.DataFrame:
    """One row per progress record of ``docs`` (columns: PROGRESS_COLUMNS)."""
    cache: dict = {}
    rows = [r for d in docs for r in progress_rows(d, cache)]
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
