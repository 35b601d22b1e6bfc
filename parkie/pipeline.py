"""The user-facing pipeline: read → segment → tag → relate → link/normalise.

    >>> import parkie
    >>> nlp = parkie.load()
    >>> doc = nlp("1-6月份，园区实现工业总产值152.3亿元，同比增长16.8%。", meta={"report_date": "2021-07-10"})
    >>> doc.figures[0].value
    15230000000.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import torch

from parkie.document import Document, Entity, Relation
from parkie.link import link, report_context
from parkie.model.extractor import Extractor
from parkie.segment import paragraphs

DEFAULT_MODEL = Path(__file__).parent / "models" / "default"

TextLike = str | Document | tuple[str, dict[str, Any]]


class Parkie:
    """A loaded model plus the linker. Call it on a text; ``pipe`` streams many."""

    def __init__(self, extractor: Extractor, batch_chars: int = 16000) -> None:
        self.extractor = extractor
        self.batch_chars = batch_chars

    @classmethod
    def load(cls, path: str | Path | None = None, device: str = "auto") -> Parkie:
        """Load a model directory (the shipped default when ``path`` is None)."""
        torch.set_num_threads(max(1, torch.get_num_threads()))
        return cls(Extractor.from_pretrained(path or DEFAULT_MODEL, device=device))

    def __call__(self, text: str, meta: dict[str, Any] | None = None, id: str = "doc") -> Document:
        """Annotate one text."""
        return next(self.pipe([Document(id=id, text=text, meta=dict(meta or {}))]))

    def pipe(self, texts: Iterable[TextLike], batch_size: int = 32) -> Iterator[Document]:
        """Annotate a stream of texts, ``(text, meta)`` pairs or Documents, ``batch_size`` at a time.

        A document that fails gets ``error`` set instead of being dropped.
        """
        batch: list[Document] = []
        for n, item in enumerate(texts):
            batch.append(_as_document(item, n))
            if len(batch) >= batch_size:
                yield from self.annotate(batch)
                batch = []
        if batch:
            yield from self.annotate(batch)

    def annotate(self, docs: list[Document]) -> list[Document]:
        """Annotate Documents in place (entities, relations, figures, progress)."""
        pieces: list[Document] = []
        owners: list[tuple[int, int]] = []  # (doc index, paragraph start)
        paras_of: list[list[tuple[int, int]]] = []
        for k, doc in enumerate(docs):
            doc.entities, doc.relations, doc.figures, doc.progress, doc.error = [], [], [], [], None
            paras = paragraphs(doc.text)
            paras_of.append(paras)
            for s, e in paras:
                pieces.append(Document(id=f"{doc.id}#{s}", text=doc.text[s:e]))
                owners.append((k, s))
        try:
            self.extractor.predict(pieces, max_chars=self.batch_chars)
        except Exception:  # a bad batch: retry one document at a time to isolate the failure
            if len(docs) > 1:
                for doc in docs:
                    self.annotate([doc])
                return docs
            raise_or_mark(docs[0])
            return docs
        for piece, (k, s) in zip(pieces, owners, strict=False):
            doc = docs[k]
            base = len(doc.entities)
            for e in piece.entities:
                doc.entities.append(Entity(e.start + s, e.end + s, e.label, e.text, e.score, e.state))
            for r in piece.relations:
                doc.relations.append(Relation(r.head + base, r.tail + base, r.type, r.score))
        for doc, paras in zip(docs, paras_of, strict=False):
            try:
                link(doc, paras, report_context(doc))
            except Exception as exc:  # never lose a document: report what failed
                doc.error = f"linking failed: {type(exc).__name__}: {exc}"
        return docs


def raise_or_mark(doc: Document) -> None:
    """Mark a document whose prediction failed (the error text says why)."""
    import traceback

    doc.entities, doc.relations, doc.figures, doc.progress = [], [], [], []
    doc.error = "prediction failed: " + traceback.format_exc(limit=1).strip().splitlines()[-1]


def _as_document(item: TextLike, n: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, tuple):
        text, meta = item
        return Document(id=str(meta.get("id", n)), text=text, meta=dict(meta))
    if isinstance(item, str):
        return Document(id=str(n), text=item)
    raise TypeError(f"cannot annotate a {type(item).__name__}; pass str, (text, meta) or Document")


def load(path: str | Path | None = None, device: str = "auto") -> Parkie:
    """Load parkie: the shipped default model, or a model directory at ``path``."""
    return Parkie.load(path, device)
