"""The compact labelling format: quick inline annotations compiled into doccano JSONL.

Annotators (people or helpers) never type offsets. A compact file holds documents::

    === ah-hefei-2019-h1
    meta: {"report_date": "2019-07-08", "province": "安徽", "zone_type": "经开区", "genre": "半年总结"}
    [1-6月份]{PERIOD1}，园区实现[工业总产值]{INDICATOR1}[152.3亿]{AMOUNT1}[元]{UNIT1}，同比增长[16.8%]{PERCENT1}。
    > INDICATOR1 VALUE AMOUNT1 | INDICATOR1 GROWTH PERCENT1 | AMOUNT1,PERCENT1 PERIOD PERIOD1
    [华盛光电]{ORG1}项目[已竣工投产]{PROGRESS1=OPERATING}。
    > PROGRESS1 SUBJECT ORG1

Each text line is one paragraph record (id ``<doc id>-p<N>``); the ``>`` line after it lists
its relations as ``HEAD[,HEAD…] TYPE TAIL`` separated by ``|``. A tag is a label name plus a
number unique within the paragraph; PROGRESS tags carry ``=STATE``. An AMOUNT directly followed
by a UNIT (white space between allowed) gets its UNIT relation automatically. Lines starting
with ``#`` are comments. The format is specific to this project, hence hand-written here.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from parkie.document import Document, Entity, Relation
from parkie.errors import InputError
from parkie.schema import LABELS, RELATION_TYPES, STATES, relation_allowed

_TAG = re.compile(r"\[([^\[\]\n]+?)\]\{([A-Z_]+)(\d+)(?:=([A-Z_]+))?\}")


@dataclass
class CompactProblem:
    """A problem found while compiling, with its file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def parse_paragraph(line: str, path: str = "<compact>", lineno: int = 0) -> tuple[str, list[Entity], dict[str, int]]:
    """Strip the markup of one paragraph line: plain text, entities and tag -> entity index."""
    out: list[str] = []
    pos = 0
    length = 0
    entities: list[Entity] = []
    tags: dict[str, int] = {}
    for m in _TAG.finditer(line):
        before = line[pos:m.start()]
        out.append(before)
        length += len(before)
        span_text, label, num, state = m.group(1), m.group(2), m.group(3), m.group(4)
        if label not in LABELS:
            raise InputError(path, f"unknown label {label!r} in {m.group(0)!r}", lineno)
        if label == "PROGRESS":
            if state is None:
                raise InputError(path, f"PROGRESS without state in {m.group(0)!r}", lineno)
            if state not in STATES:
                raise InputError(path, f"unknown state {state!r} in {m.group(0)!r}", lineno)
        elif state is not None:
            raise InputError(path, f"only PROGRESS takes a state: {m.group(0)!r}", lineno)
        tag = f"{label}{num}"
        if tag in tags:
            raise InputError(path, f"tag {tag} used twice in one paragraph", lineno)
        tags[tag] = len(entities)
        entities.append(Entity(length, length + len(span_text), label, span_text, state=state))
        out.append(span_text)
        length += len(span_text)
        pos = m.end()
    out.append(line[pos:])
    text = "".join(out)
    if re.search(r"\]\{[A-Z]", text):
        raise InputError(path, "malformed tag (look for '[...]{LABELn}' with a nested or missing bracket)", lineno)
    return text, entities, tags


def parse_relations(line: str, entities: list[Entity], tags: dict[str, int],
                    path: str = "<compact>", lineno: int = 0) -> list[Relation]:
    """Parse a ``>`` relation line against the paragraph's tags."""
    rels: list[Relation] = []
    body = line.lstrip()[1:].strip()
    if not body:
        return rels
    for part in body.split("|"):
        words = part.split()
        if not words:
            continue
        if len(words) != 3:
            raise InputError(path, f"relation {part.strip()!r} is not 'HEAD TYPE TAIL'", lineno)
        heads, typ, tail = words
        if typ not in RELATION_TYPES:
            raise InputError(path, f"unknown relation type {typ!r}", lineno)
        if tail not in tags:
            raise InputError(path, f"relation tail {tail} is not a tag of this paragraph", lineno)
        for head in heads.split(","):
            if head not in tags:
                raise InputError(path, f"relation head {head} is not a tag of this paragraph", lineno)
            h, t = tags[head], tags[tail]
            if not relation_allowed(typ, entities[h].label, entities[t].label):
                raise InputError(path, f"{head} {typ} {tail}: the schema does not allow "
                                 f"{entities[h].label} -{typ}-> {entities[t].label}", lineno)
            rels.append(Relation(h, t, typ))
    return rels


def add_unit_relations(text: str, entities: list[Entity], relations: list[Relation]) -> None:
    """Link each AMOUNT to a UNIT that follows it directly (only white space between)."""
    have = {(r.head, r.type) for r in relations}
    order = sorted(range(len(entities)), key=lambda i: entities[i].start)
    for a, b in itertools.pairwise(order):
        ea, eb = entities[a], entities[b]
        adjacent = ea.label == "AMOUNT" and eb.label == "UNIT" and not text[ea.end:eb.start].strip()
        if adjacent and (a, "UNIT") not in have:
            relations.append(Relation(a, b, "UNIT"))


def compile_text(source: str, path: str = "<compact>") -> list[Document]:
    """Compile the content of a compact file into paragraph Documents."""
    docs: list[Document] = []
    doc_id: str | None = None
    meta: dict = {}
    para_no = 0
    current: tuple[Document, dict[str, int]] | None = None
    for lineno, raw in enumerate(source.splitlines(), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("==="):
            doc_id = stripped[3:].strip()
            if not doc_id:
                raise InputError(path, "'===' needs a document id", lineno)
            meta, para_no, current = {}, 0, None
            continue
        if doc_id is None:
            raise InputError(path, "text before the first '=== doc-id' line", lineno)
        if stripped.startswith("meta:"):
            try:
                meta = json.loads(stripped[5:])
            except json.JSONDecodeError as exc:
                raise InputError(path, f"meta is not JSON: {exc.msg}", lineno) from None
            continue
        if stripped.startswith(">"):
            if current is None:
                raise InputError(path, "relation line without a paragraph before it", lineno)
            doc, tags = current
            doc.relations.extend(parse_relations(stripped, doc.entities, tags, path, lineno))
            continue
        # A paragraph keeps its inner text exactly (leading spaces are noise worth keeping).
        text, entities, tags = parse_paragraph(line, path, lineno)
        para_no += 1
        m = dict(meta)
        m["doc_id"] = doc_id
        doc = Document(id=f"{doc_id}-p{para_no}", text=text, meta=m, entities=entities)
        docs.append(doc)
        current = (doc, tags)
    for doc in docs:
        add_unit_relations(doc.text, doc.entities, doc.relations)
        _dedupe_relations(doc)
    return docs


def _dedupe_relations(doc: Document) -> None:
    seen: set[tuple[int, int, str]] = set()
    keep = []
    for r in doc.relations:
        key = (r.head, r.tail, r.type)
        if key not in seen:
            seen.add(key)
            keep.append(r)
    doc.relations = keep


def compile_file(path: str | Path) -> list[Document]:
    """Compile one compact file (UTF-8)."""
    p = str(path)
    try:
        source = Path(p).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(p, "compact files must be UTF-8") from None
    except OSError as exc:
        raise InputError(p, f"cannot open: {exc.strerror}") from None
    return compile_text(source, p)


def to_compact(doc: Document) -> tuple[str, str]:
    """Render a labelled Document back into a compact paragraph line and relation line."""
    counters: dict[str, int] = {}
    tag_of: dict[int, str] = {}
    for i in sorted(range(len(doc.entities)), key=lambda i: doc.entities[i].start):
        e = doc.entities[i]
        counters[e.label] = counters.get(e.label, 0) + 1
        tag_of[i] = f"{e.label}{counters[e.label]}"
    parts: list[str] = []
    pos = 0
    for i in sorted(tag_of, key=lambda i: doc.entities[i].start):
        e = doc.entities[i]
        parts.append(doc.text[pos:e.start])
        state = f"={e.state}" if e.state else ""
        parts.append(f"[{doc.text[e.start:e.end]}]{{{tag_of[i]}{state}}}")
        pos = e.end
    parts.append(doc.text[pos:])
    rels = [f"{tag_of[r.head]} {r.type} {tag_of[r.tail]}" for r in doc.relations if r.type != "UNIT"]
    return "".join(parts), "> " + " | ".join(rels)
