"""Read and write doccano relation JSONL (the corpus format of the annotation guide).

A record is ``{"id", "text", "meta", "entities": [{"id", "label", "start_offset",
"end_offset", "state"?}], "relations": [{"id", "from_id", "to_id", "type"}]}``. In memory a
record is a :class:`parkie.document.Document` whose relations index its entity list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from parkie.document import Document, Entity, Relation
from parkie.errors import InputError


def record_to_document(rec: dict[str, Any], path: str | None = None, line: int | None = None) -> Document:
    """Turn one doccano record into a Document; raises InputError on structural problems."""
    try:
        text = rec["text"]
        ents = rec.get("entities", []) or []
        rels = rec.get("relations", []) or []
    except (KeyError, TypeError) as exc:
        raise InputError(path, f"record has no {exc}", line) from None
    if not isinstance(text, str):
        raise InputError(path, "'text' is not a string", line)
    index: dict[Any, int] = {}
    entities: list[Entity] = []
    for i, e in enumerate(ents):
        try:
            s, t = int(e["start_offset"]), int(e["end_offset"])
            label = str(e["label"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(path, f"entity {i} lacks a valid {exc}", line) from None
        index[e.get("id", i)] = len(entities)
        entities.append(Entity(s, t, label, text[s:t] if 0 <= s <= t <= len(text) else "",
                               e.get("score"), e.get("state")))
    relations: list[Relation] = []
    for i, r in enumerate(rels):
        try:
            h, tl, typ = index[r["from_id"]], index[r["to_id"]], str(r["type"])
        except KeyError as exc:
            raise InputError(path, f"relation {r.get('id', i)} refers to unknown entity {exc}", line) from None
        relations.append(Relation(h, tl, typ, r.get("score")))
    rid = rec.get("id", f"{Path(path).stem if path else 'doc'}-{line}")
    return Document(id=str(rid), text=text, meta=dict(rec.get("meta") or {}),
                    entities=entities, relations=relations)


def document_to_record(doc: Document) -> dict[str, Any]:
    """The doccano record of a Document (entities keep their list order as ids)."""
    ents = []
    for i, e in enumerate(doc.entities):
        d: dict[str, Any] = {"id": i, "label": e.label, "start_offset": e.start, "end_offset": e.end}
        if e.state is not None:
            d["state"] = e.state
        ents.append(d)
    rels = [{"id": i, "from_id": r.head, "to_id": r.tail, "type": r.type}
            for i, r in enumerate(doc.relations)]
    return {"id": doc.id, "text": doc.text, "meta": doc.meta, "entities": ents, "relations": rels}


def iter_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, record)`` of a JSONL file; invalid JSON raises InputError."""
    p = str(path)
    try:
        fh = open(p, encoding="utf-8")  # noqa: SIM115 - opened here to report a clear error
    except OSError as exc:
        raise InputError(p, f"cannot open: {exc.strerror}") from None
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(p, f"invalid JSON: {exc.msg} (column {exc.colno})", n) from None
                if not isinstance(rec, dict):
                    raise InputError(p, "a line must hold a JSON object", n)
                yield n, rec
        except UnicodeDecodeError:
            raise InputError(p, "not UTF-8 text") from None


def read_jsonl(path: str | Path) -> list[Document]:
    """Read a doccano relation JSONL file into Documents."""
    return [record_to_document(rec, str(path), n) for n, rec in iter_records(path)]


def write_jsonl(docs: Iterable[Document], path: str | Path) -> int:
    """Write Documents as doccano relation JSONL; returns the number written."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(document_to_record(doc), ensure_ascii=False) + "\n")
            n += 1
    return n
