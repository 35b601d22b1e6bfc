"""The document model: typed objects for a report, its entities, relations, figures and progress.

Offsets are character offsets into ``Document.text`` (end exclusive), always the original text
as read: clean-up steps never rewrite ``text``. ``Document.to_json``/``from_json`` round-trip
losslessly and produce the output contract documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Entity:
    """A labelled span. ``state`` is set for PROGRESS only."""

    start: int
    end: int
    label: str
    text: str
    score: float | None = None
    state: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "score": self.score,
        }
        if self.state is not None:
            out["state"] = self.state
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entity:
        return cls(d["start"], d["end"], d["label"], d["text"], d.get("score"), d.get("state"))


@dataclass
class Relation:
    """A directed relation; ``head`` and ``tail`` index ``Document.entities``."""

    head: int
    tail: int
    type: str
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"head": self.head, "tail": self.tail, "type": self.type, "score": self.score}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Relation:
        return cls(d["head"], d["tail"], d["type"], d.get("score"))


@dataclass
class Span:
    """A piece of the document text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Span | None:
        return None if d is None else cls(d["start"], d["end"], d["text"])


@dataclass
class PeriodRef(Span):
    """A period span with its resolved ISO start (``date_from``) and end (``date_to``)."""

    date_from: str | None = None
    date_to: str | None = None
    #: Why the period could not be resolved (not part of the output contract).
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "from": self.date_from, "to": self.date_to}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> PeriodRef | None:
        if d is None:
            return None
        return cls(d["start"], d["end"], d["text"], d.get("from"), d.get("to"))


@dataclass
class SubjectRef(Span):
    """The enterprise (ORG) or project (PROJECT) a figure or state belongs to."""

    label: str = "ORG"

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "label": self.label}

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> SubjectRef | None:
        if d is None:
            return None
        return cls(d["start"], d["end"], d["text"], d["label"])


@dataclass
class Figure:
    """One AMOUNT or PERCENT linked to its indicator, unit, period and subject."""

    amount: Span
    indicator: Span | None
    kind: str
    unit_text: str | None = None
    unit: str | None = None
    dimension: str | None = None
    value: float | None = None
    approx: bool = False
    period: PeriodRef | None = None
    subject: SubjectRef | None = None
    #: Where the unit stands in the text (kept for scoring; not part of the output contract).
    unit_span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "amount": self.amount.to_json(),
            "indicator": self.indicator.to_json() if self.indicator else None,
            "kind": self.kind,
            "unit_text": self.unit_text,
            "unit": self.unit,
            "dimension": self.dimension,
            "value": self.value,
            "approx": self.approx,
            "period": self.period.to_json() if self.period else None,
            "subject": self.subject.to_json() if self.subject else None,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Figure:
        amount = Span.from_json(d["amount"])
        assert amount is not None
        return cls(
            amount=amount,
            indicator=Span.from_json(d.get("indicator")),
            kind=d["kind"],
            unit_text=d.get("unit_text"),
            unit=d.get("unit"),
            dimension=d.get("dimension"),
            value=d.get("value"),
            approx=bool(d.get("approx", False)),
            period=PeriodRef.from_json(d.get("period")),
            subject=SubjectRef.from_json(d.get("subject")),
        )


@dataclass
class Progress:
    """A PROGRESS phrase with its state, completion percentage, subject and period."""

    start: int
    end: int
    text: str
    state: str
    percent: float | None = None
    subject: SubjectRef | None = None
    period: PeriodRef | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "state": self.state,
            "percent": self.percent,
            "subject": self.subject.to_json() if self.subject else None,
            "period": self.period.to_json() if self.period else None,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Progress:
        return cls(
            d["start"],
            d["end"],
            d["text"],
            d["state"],
            d.get("percent"),
            SubjectRef.from_json(d.get("subject")),
            PeriodRef.from_json(d.get("period")),
        )


@dataclass
class Document:
    """A report (or a paragraph of one) and everything parkie found in it."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    error: str | None = None

    def span(self, start: int, end: int) -> Span:
        """A ``Span`` of this document's text."""
        return Span(start, end, self.text[start:end])

    def to_json(self) -> dict[str, Any]:
        """The output contract: one JSON object per document."""
        return {
            "id": self.id,
            "text": self.text,
            "meta": self.meta,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "figures": [f.to_json() for f in self.figures],
            "progress": [p.to_json() for p in self.progress],
            "error": self.error,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            text=d["text"],
            meta=dict(d.get("meta") or {}),
            entities=[Entity.from_json(e) for e in d.get("entities", [])],
            relations=[Relation.from_json(r) for r in d.get("relations", [])],
            figures=[Figure.from_json(f) for f in d.get("figures", [])],
            progress=[Progress.from_json(p) for p in d.get("progress", [])],
            error=d.get("error"),
        )
