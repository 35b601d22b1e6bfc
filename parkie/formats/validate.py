"""Validate doccano relation JSONL against the annotation schema, reporting every problem.

The checks work on the raw JSON, not on :class:`parkie.document.Document`, so one run finds
all problems of a file instead of stopping at the first. Each problem has a stable ``code``:

========================  ==================================================================
code                      meaning
========================  ==================================================================
``invalid-json``          a line is not JSON (or the file is not UTF-8)
``not-object``            a line, entity, relation or ``meta`` is not a JSON object
``missing-field``         a record lacks ``id``/``text``/``entities`` (or they have the wrong
                          type), an entity lacks ``label``, a relation lacks a field
``bad-offsets``           offsets that are not integers, out of range, or ``start >= end``
``span-whitespace``       *warning*: a span starts or ends with white space
``text-mismatch``         an entity's ``text`` field differs from ``text[start:end]``
``overlap``               two spans overlap or nest
``unknown-label``         a label that is not in :data:`parkie.schema.LABELS`
``unknown-state``         a PROGRESS state that is not in :data:`parkie.schema.STATES`
``missing-state``         a PROGRESS entity without a state
``state-on-non-progress`` a state on an entity that is not PROGRESS
``duplicate-entity-id``   two entities of a record share an id
``unknown-relation``      a relation type that is not in :data:`parkie.schema.RELATIONS`
``relation-direction``    head or tail label that the schema does not allow for the type
``dangling-relation``     a relation refers to an entity id the record does not have
``self-relation``         a relation from an entity to itself
``duplicate-relation``    the same (head, tail, type) twice
``figure-conflict``       an AMOUNT/PERCENT is the tail of two figure relations
``duplicate-id``          a record id seen before in this file or an earlier file of the run
``empty-file``            a file without any record
========================  ==================================================================

Codes in :data:`WARNING_CODES` are warnings: reported, but they do not fail a run unless
asked to (``parkie validate --strict``).
"""

from __future__ import annotations

import collections
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkie.errors import InputError
from parkie.schema import FIGURE_RELATIONS, LABELS, RELATIONS, STATES, relation_allowed

#: Every problem code the validator can report.
CODES: tuple[str, ...] = (
    "invalid-json",
    "not-object",
    "missing-field",
    "bad-offsets",
    "span-whitespace",
    "text-mismatch",
    "overlap",
    "unknown-label",
    "unknown-state",
    "missing-state",
    "state-on-non-progress",
    "duplicate-entity-id",
    "unknown-relation",
    "relation-direction",
    "dangling-relation",
    "self-relation",
    "duplicate-relation",
    "figure-conflict",
    "duplicate-id",
    "empty-file",
)

#: Codes that are warnings rather than errors.
WARNING_CODES: frozenset[str] = frozenset({"span-whitespace"})


@dataclass
class Problem:
    """One problem found in a corpus file."""

    path: str
    line: int | None
    record_id: str | None
    code: str
    message: str

    @property
    def severity(self) -> str:
        """``"warning"`` for codes in :data:`WARNING_CODES`, else ``"error"``."""
        return "warning" if self.code in WARNING_CODES else "error"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        rid = f" [{self.record_id}]" if self.record_id is not None else ""
        return f"{where}{rid} {self.code}: {self.message}"


@dataclass
class Report:
    """The result of validating one or more files, with counts for a summary."""

    files: int = 0
    records: int = 0
    entities: int = 0
    relations: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: record id -> "path:line" where it was first seen (shared across the files of a run).
    seen_ids: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def by_code(self) -> dict[str, int]:
        """Problem counts by code, in the order of :data:`CODES`."""
        counts = collections.Counter(p.code for p in self.problems)
        return {c: counts[c] for c in CODES if counts[c]}


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _key(v: Any) -> Any:
    """A hashable key for an entity id (ids are normally ints, but may be strings)."""
    try:
        hash(v)
    except TypeError:
        return json.dumps(v, sort_keys=True)
    return v


def validate_records(records: Iterable[tuple[int | None, Any]], path: str,
                     report: Report | None = None) -> list[Problem]:
    """Validate ``(line, raw record)`` pairs; returns the problems found.

    Pass a shared ``report`` to count records and to detect ids repeated across files.
    """
    rep = report if report is not None else Report()
    found: list[Problem] = []
    for line, rec in records:
        found.extend(_check_record(rec, str(path), line, rep))
    if report is not None:
        report.problems.extend(found)
    return found


def _check_record(rec: Any, path: str, line: int | None, rep: Report) -> list[Problem]:
    probs: list[Problem] = []
    rep.records += 1
    if not isinstance(rec, dict):
        return [Problem(path, line, None, "not-object",
                        f"a record must be a JSON object, not {type(rec).__name__}")]
    rid = str(rec["id"]) if rec.get("id") is not None else None

    def add(code: str, message: str) -> None:
        probs.append(Problem(path, line, rid, code, message))

    where = f"{path}:{line}" if line is not None else path
    if rid is None:
        add("missing-field", "record has no 'id'")
    elif rid in rep.seen_ids:
        add("duplicate-id", f"id {rid!r} was already used at {rep.seen_ids[rid]}")
    else:
        rep.seen_ids[rid] = where

    text = rec.get("text")
    if "text" not in rec:
        add("missing-field", "record has no 'text'")
        text = None
    elif not isinstance(text, str):
        add("missing-field", f"'text' must be a string, not {type(text).__name__}")
        text = None
    if "meta" in rec and rec["meta"] is not None and not isinstance(rec["meta"], dict):
        add("not-object", "'meta' must be a JSON object")

    ents = rec.get("entities")
    if "entities" not in rec:
        add("missing-field", "record has no 'entities'")
        ents = []
    elif not isinstance(ents, list):
        add("missing-field", "'entities' must be a list")
        ents = []
    rels = rec.get("relations", [])
    if rels is None:
        rels = []
    if not isinstance(rels, list):
        add("missing-field", "'relations' must be a list")
        rels = []
    rep.entities += len(ents)
    rep.relations += len(rels)

    # --- entities -------------------------------------------------------------------------
    labels: dict[Any, str] = {}  # entity id -> label (known labels only)
    ids: set[Any] = set()
    spans: list[tuple[int, int, Any]] = []
    for i, e in enumerate(ents):
        if not isinstance(e, dict):
            add("not-object", f"entity {i} is not a JSON object")
            continue
        eid = _key(e.get("id", i))
        name = f"entity {eid!r}"
        if eid in ids:
            add("duplicate-entity-id", f"entity id {eid!r} is used more than once")
        ids.add(eid)
        label = e.get("label")
        if "label" not in e:
            add("missing-field", f"{name} has no 'label'")
        elif label not in LABELS:
            add("unknown-label", f"{name} has label {label!r}; known: {', '.join(LABELS)}")
        else:
            labels.setdefault(eid, label)
        state = e.get("state")
        if label == "PROGRESS":
            if state is None:
                add("missing-state", f"{name} is PROGRESS but has no 'state'")
            elif state not in STATES:
                add("unknown-state", f"{name} has state {state!r}; known: {', '.join(STATES)}")
        elif state is not None:
            add("state-on-non-progress", f"{name} is {label} but carries state {state!r}")
        s, t = e.get("start_offset"), e.get("end_offset")
        if not (_is_int(s) and _is_int(t)):
            add("bad-offsets", f"{name} offsets must be integers, got {s!r}, {t!r}")
            continue
        if text is None:
            continue
        if s < 0 or t > len(text):
            add("bad-offsets", f"{name} span {s}-{t} lies outside the text (length {len(text)})")
            continue
        if s >= t:
            add("bad-offsets", f"{name} span {s}-{t} is empty or reversed")
            continue
        covered = text[s:t]
        if covered[0].isspace() or covered[-1].isspace():
            add("span-whitespace", f"{name} span {covered!r} starts or ends with white space")
        if "text" in e and e["text"] != covered:
            add("text-mismatch", f"{name} text {e['text']!r} != text[{s}:{t}] {covered!r}")
        spans.append((s, t, eid))

    spans.sort(key=lambda x: (x[0], -x[1]))
    reach: tuple[int, int, Any] | None = None  # the span reaching furthest so far
    for span in spans:
        if reach is not None and span[0] < reach[1]:
            kind = "nests in" if span[1] <= reach[1] else "overlaps"
            add("overlap", f"entity {span[2]!r} ({span[0]}-{span[1]}) {kind} entity "
                f"{reach[2]!r} ({reach[0]}-{reach[1]})")
        if reach is None or span[1] > reach[1]:
            reach = span

    # --- relations ------------------------------------------------------------------------
    seen: set[tuple[Any, Any, str]] = set()
    figure_heads: dict[Any, list[tuple[Any, str]]] = collections.defaultdict(list)
    for i, r in enumerate(rels):
        if not isinstance(r, dict):
            add("not-object", f"relation {i} is not a JSON object")
            continue
        name = f"relation {r.get('id', i)!r}"
        missing = [k for k in ("from_id", "to_id", "type") if k not in r]
        if missing:
            add("missing-field", f"{name} has no {', '.join(repr(k) for k in missing)}")
            continue
        h, tl, typ = _key(r["from_id"]), _key(r["to_id"]), r["type"]
        ok = True
        if typ not in RELATIONS:
            add("unknown-relation", f"{name} has type {typ!r}; known: {', '.join(RELATIONS)}")
            ok = False
        for end, eid in (("from_id", h), ("to_id", tl)):
            if eid not in ids:
                add("dangling-relation", f"{name} {end} {eid!r} is not an entity of this record")
                ok = False
        if h == tl:
            add("self-relation", f"{name} links entity {h!r} to itself")
            ok = False
        if not ok:
            continue
        key = (h, tl, typ)
        if key in seen:
            add("duplicate-relation", f"{name} repeats {h!r} -{typ}-> {tl!r}")
            continue
        seen.add(key)
        hl, tl_label = labels.get(h), labels.get(tl)
        if hl is None or tl_label is None:
            continue  # an unknown label was already reported
        if not relation_allowed(typ, hl, tl_label):
            heads, tails = RELATIONS[typ]
            add("relation-direction",
                f"{name}: {hl} -{typ}-> {tl_label} is not allowed ({typ} goes from "
                f"{'/'.join(sorted(heads))} to {'/'.join(sorted(tails))})")
            continue
        if typ in FIGURE_RELATIONS:
            figure_heads[tl].append((h, typ))
    for tail, heads in figure_heads.items():
        if len(heads) > 1:
            desc = ", ".join(f"{typ} from {h!r}" for h, typ in heads)
            add("figure-conflict", f"entity {tail!r} is the tail of {len(heads)} figure "
                f"relations ({desc}); a figure has one indicator and one kind")
    return probs


def validate_file(path: str | Path, report: Report | None = None) -> list[Problem]:
    """Validate one doccano JSONL file; returns its problems.

    A file that cannot be opened raises :class:`parkie.errors.InputError`. Pass a shared
    ``report`` to detect record ids repeated across the files of one run.
    """
    p = str(path)
    rep = report if report is not None else Report()
    rep.files += 1
    try:
        data = Path(p).read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot open: {exc.strerror}") from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prob = Problem(p, None, None, "invalid-json", f"not UTF-8 text (byte {exc.start})")
        rep.problems.append(prob)
        return [prob]
    found: list[Problem] = []
    records: list[tuple[int, Any]] = []
    nonblank = 0
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        nonblank += 1
        try:
            records.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            found.append(Problem(p, n, None, "invalid-json", f"{exc.msg} (column {exc.colno})"))
    if nonblank == 0:
        found.append(Problem(p, None, None, "empty-file", "the file holds no records"))
    local = Report(seen_ids=rep.seen_ids)
    found.extend(validate_records(records, p, local))
    found.sort(key=lambda q: (q.line or 0))
    rep.records += local.records
    rep.entities += local.entities
    rep.relations += local.relations
    rep.problems.extend(found)
    return found


def validate_paths(paths: Iterable[str | Path]) -> Report:
    """Validate several files as one run (record ids must be unique across all of them)."""
    rep = Report()
    for p in paths:
        validate_file(p, rep)
    return rep


def format_summary(report: Report) -> str:
    """A short human-readable summary of a report."""
    lines = [
        f"{report.files} file(s), {report.records} records, {report.entities} entities, "
        f"{report.relations} relations: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s)"
    ]
    for code, n in report.by_code().items():
        tag = " (warning)" if code in WARNING_CODES else ""
        lines.append(f"  {code:<24}{n:>6}{tag}")
    return "\n".join(lines)
