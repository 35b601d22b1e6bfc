"""Adapters that put parkie, its peers and the regex baseline on one shared view.

The shared view is what every tool can say about a text, as exact character spans:

* ``MONEY``    an amount with a currency unit, as one span (「152.3亿元」)
* ``QUANTITY`` an amount with any unit, as one span (「152.3亿元」, 「2100余亩」, 「86家」)
* ``PERCENT``  a percentage (「16.8%」)
* ``PERIOD``   a time expression (「1-6月份」, 「上半年」)
* ``ORG``      an enterprise name

Gold and parkie documents are mapped onto it from their labels: an AMOUNT joined with the UNIT
its ``UNIT`` relation points at is a QUANTITY, and a MONEY as well when the unit is a currency.

A peer adapter is a class with ``name``, ``labels`` (the view labels it produces), ``requires``
(the pip requirement), ``load()`` and ``extract(text) -> [(label, start, end)]``. ``load`` imports
the library and builds its models; it raises ImportError when the library is missing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

VIEW_LABELS = ("MONEY", "QUANTITY", "PERCENT", "PERIOD", "ORG")
_CURRENCY = re.compile(r"(?:元|美元|欧元|港元|日元|英镑|美金)$")

Span3 = tuple[str, int, int]


def document_view(doc: Any) -> set[Span3]:
    """The shared view of a parkie ``Document`` (gold or predicted)."""
    out: set[Span3] = set()
    ents = doc.entities
    for e in ents:
        if e.label in ("PERCENT", "PERIOD", "ORG"):
            out.add((e.label, e.start, e.end))
    for r in doc.relations:
        if r.type != "UNIT":
            continue
        a, u = ents[r.head], ents[r.tail]
        if a.label != "AMOUNT" or u.label != "UNIT" or u.start < a.start:
            continue
        out.add(("QUANTITY", a.start, u.end))
        if _CURRENCY.search(u.text.strip()):
            out.add(("MONEY", a.start, u.end))
    return out


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the non-blank lines of ``text``: peers run one paragraph at a time."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


class Peer:
    name = "peer"
    labels: tuple[str, ...] = ()
    requires = ""

    def load(self) -> None:
        """Import the library and build its models (raises ImportError when missing)."""

    def extract_line(self, text: str) -> list[Span3]:
        raise NotImplementedError

    def extract(self, text: str) -> list[Span3]:
        """View spans of a whole text, found line by line and mapped back to offsets in ``text``."""
        out: list[Span3] = []
        for s, e in line_spans(text):
            out.extend((lab, a + s, b + s) for lab, a, b in self.extract_line(text[s:e]))
        return out


class RegexBaseline(Peer):
    """The hand-written patterns of ``regex_baseline.py``."""

    name = "regex"
    labels = VIEW_LABELS
    requires = "(none)"

    def load(self) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from regex_baseline import extract

        self._extract = extract

    def extract_line(self, text: str) -> list[Span3]:
        return self._extract(text)


class JioNLP(Peer):
    """jionlp's rule-based money and time extractors (``jio.ner.extract_money/extract_time``)."""

    name = "jionlp"
    labels = ("MONEY", "PERIOD")
    requires = "jionlp"

    def load(self) -> None:
        import io
        from contextlib import redirect_stdout

        with redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
            import jionlp

        self._jio = jionlp

    def extract_line(self, text: str) -> list[Span3]:
        out: list[Span3] = []
        for m in self._jio.ner.extract_money(text, with_parsing=False):
            out.append(("MONEY", *m["offset"]))
        for t in self._jio.ner.extract_time(text, with_parsing=False):
            out.append(("PERIOD", *t["offset"]))
        return out


class Recognizers(Peer):
    """Microsoft Recognizers-Text (Python port), Chinese culture: percentage, currency, datetime."""

    name = "recognizers"
    labels = ("MONEY", "PERCENT", "PERIOD")
    requires = "recognizers-text-suite"

    def load(self) -> None:
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

        c = Culture.Chinese
        self._models = [
            ("PERCENT", NumberRecognizer(c).get_percentage_model()),
            ("MONEY", NumberWithUnitRecognizer(c).get_currency_model()),
            ("PERIOD", DateTimeRecognizer(c).get_datetime_model()),
        ]

    def extract_line(self, text: str) -> list[Span3]:
        out: list[Span3] = []
        for label, model in self._models:
            for r in model.parse(text):
                start = _locate(text, r.text, r.start)  # the library's ``end`` is inclusive
                if start is not None:
                    out.append((label, start, start + len(r.text)))
        return out


def _locate(text: str, found: str, start: int) -> int | None:
    """The offset of ``found`` in ``text``: at ``start`` when it is there, else the nearest match.

    The library works on a lower-cased copy; for Chinese the offsets match, this is a safety net.
    """
    if text[start:start + len(found)] == found:
        return start
    low = text.lower()
    hits = [m.start() for m in re.finditer(re.escape(found.lower()), low)]
    return min(hits, key=lambda h: abs(h - start)) if hits else None


PEERS: dict[str, type[Peer]] = {"regex": RegexBaseline, "jionlp": JioNLP, "recognizers": Recognizers}
