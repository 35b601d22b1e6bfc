"""Import (and export) Label Studio JSON for the corpus.

:func:`read_labelstudio` reads a Label Studio *JSON* export (``Export → JSON``: a list of
tasks; a single task object is accepted too). Conventions accepted:

* **Text**: ``task["data"]["text"]`` (another key with ``text_key=``). The rest of
  ``task["data"]`` becomes ``Document.meta``; ``task["id"]`` becomes ``Document.id``.
* **Annotation**: the first annotation of ``task["annotations"]`` that is not
  ``was_cancelled`` (older exports: ``task["completions"]``). Tasks without one are skipped
  (``skip_unannotated=False`` keeps them as unlabelled documents).
* **Entities**: results with ``"type": "labels"``, ``value = {start, end, text, labels}``.
  Each name in ``labels`` goes through ``label_map`` (names not in the map are used as they
  are) and must then be a parkie label (``ORG`` … ``PROGRESS``) or a progress state. Exactly
  one entity label per region.
* **States** of PROGRESS regions, any of: ``value["state"]``; a second label
  ``"STATE:UNDER_CONSTRUCTION"`` or a label that is (or maps to) a state name; a per-region
  ``"type": "choices"`` result with the region's ``id`` and ``value["choices"]`` naming the
  state (also through ``label_map``).
* **Relations**: results with ``"type": "relation"``, ``from_id`` → ``to_id``, the type in
  ``labels[0]`` (through ``label_map``); ``"direction": "left"`` swaps head and tail. A
  relation without a label gets the one type the schema allows between its ends, if there
  is exactly one.
* Other result types (``textarea``, ``rating`` …) are ignored.

A name that maps to no parkie label, state or relation raises
:class:`parkie.errors.InputError` naming the file, the task and the name. A region whose
``value["text"]`` differs from ``text[start:end]`` raises too. Entities come out sorted by
offset. Run the result through :mod:`parkie.formats.validate` (write it with
:func:`parkie.formats.doccano.write_jsonl`, then ``parkie validate``) to check the rest.

:func:`documents_to_labelstudio` / :func:`write_labelstudio` write the same format back
(state as ``value["state"]``), so a corpus can be loaded into Label Studio for review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parkie.document import Document, Entity, Relation
from parkie.errors import InputError
from parkie.schema import LABELS, RELATION_TYPES, STATES, allowed_relations

STATE_PREFIX = "STATE:"


def _load(path: str) -> Any:
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno) from None


def read_labelstudio(path: str | Path, label_map: dict[str, str] | None = None, *,
                     text_key: str = "text", skip_unannotated: bool = True) -> list[Document]:
    """Read a Label Studio JSON export into Documents (see the module doc for conventions)."""
    p = str(path)
    data = _load(p)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InputError(p, "a Label Studio export is a JSON list of tasks")
    docs: list[Document] = []
    for n, task in enumerate(data):
        doc = task_to_document(task, p, n, label_map or {}, text_key=text_key)
        if doc is None and not skip_unannotated:
            doc = task_to_document(task, p, n, label_map or {}, text_key=text_key, blank=True)
        if doc is not None:
            docs.append(doc)
    return docs


def _annotation(task: dict[str, Any]) -> dict[str, Any] | None:
    for key in ("annotations", "completions"):
        for ann in task.get(key) or []:
            if isinstance(ann, dict) and not ann.get("was_cancelled"):
                return ann
    return None


def task_to_document(task: Any, path: str, index: int, label_map: dict[str, str], *,
                     text_key: str = "text", blank: bool = False) -> Document | None:
    """One Label Studio task as a Document; None when it has no usable annotation."""
    if not isinstance(task, dict):
        raise InputError(path, f"task {index} is not a JSON object")
    tid = str(task.get("id", f"{Path(path).stem}-{index}"))
    where = f"task {tid}"
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get(text_key), str):
        raise InputError(path, f"{where}: no data.{text_key} string")
    text: str = data[text_key]
    meta = {k: v for k, v in data.items() if k != text_key}
    ann = _annotation(task)
    if ann is None and not blank:
        return None
    results = (ann or {}).get("result") or []

    def fail(msg: str) -> InputError:
        return InputError(path, f"{where}: {msg}")

    def mapped(name: Any) -> str:
        return str(label_map.get(name, name))

    # Per-region choices carry states.
    choice_state: dict[str, str] = {}
    for r in results:
        if isinstance(r, dict) and r.get("type") == "choices" and "id" in r:
            for c in (r.get("value") or {}).get("choices") or []:
                m = mapped(c)
                if m not in STATES:
                    raise fail(f"cannot map choice {c!r} to a progress state; pass label_map")
                choice_state[str(r["id"])] = m

    regions: list[tuple[str, Entity]] = []
    for r in results:
        if not isinstance(r, dict) or r.get("type") != "labels":
            continue
        rid = str(r.get("id", len(regions)))
        v = r.get("value") or {}
        try:
            s, e = int(v["start"]), int(v["end"])
        except (KeyError, TypeError, ValueError):
            raise fail(f"region {rid} has no valid start/end") from None
        if not 0 <= s < e <= len(text):
            raise fail(f"region {rid} span {s}-{e} does not fit the text (length {len(text)})")
        if "text" in v and v["text"] != text[s:e]:
            raise fail(f"region {rid} text {v['text']!r} != text[{s}:{e}] {text[s:e]!r}")
        label: str | None = None
        state: str | None = None
        for name in v.get("labels") or []:
            m = mapped(name)
            if m.startswith(STATE_PREFIX):
                m = mapped(m[len(STATE_PREFIX):])
            if m in LABELS:
                if label is not None and label != m:
                    raise fail(f"region {rid} has two labels, {label!r} and {m!r}")
                label = m
            elif m in STATES:
                state = m
            else:
                raise fail(f"cannot map label {name!r} to parkie's labels; pass label_map")
        if v.get("state") is not None:
            m = mapped(v["state"])
            if m not in STATES:
                raise fail(f"cannot map state {v['state']!r} of region {rid} to a progress "
                           "state; pass label_map")
            state = m
        state = choice_state.get(rid, state)
        if label is None:
            if state is None:
                raise fail(f"region {rid} has no label")
            label = "PROGRESS"  # a region labelled only with a state
        regions.append((rid, Entity(s, e, label, text[s:e], state=state)))

    order = sorted(range(len(regions)), key=lambda i: (regions[i][1].start, regions[i][1].end))
    entities = [regions[i][1] for i in order]
    index = {regions[i][0]: k for k, i in enumerate(order)}
    relations: list[Relation] = []
    for r in results:
        if not isinstance(r, dict) or r.get("type") != "relation":
            continue
        a, b = str(r.get("from_id")), str(r.get("to_id"))
        if a not in index or b not in index:
            missing = a if a not in index else b
            raise fail(f"relation refers to unknown region {missing}")
        h, t = index[a], index[b]
        if r.get("direction") == "left":
            h, t = t, h
        names = r.get("labels") or []
        if names:
            typ = mapped(names[0])
            if typ not in RELATION_TYPES:
                raise fail(f"cannot map relation label {names[0]!r} to parkie's relations; "
                           "pass label_map")
        else:
            options = allowed_relations(entities[h].label, entities[t].label)
            if len(options) != 1:
                raise fail(f"relation {a} -> {b} has no label and {entities[h].label} -> "
                           f"{entities[t].label} allows {options or 'none'}")
            typ = options[0]
        relations.append(Relation(h, t, typ))
    return Document(id=tid, text=text, meta=meta, entities=entities, relations=relations)


def document_to_task(doc: Document, text_key: str = "text") -> dict[str, Any]:
    """A Label Studio task (with one annotation) for a Document."""
    result: list[dict[str, Any]] = []
    for i, e in enumerate(doc.entities):
        value: dict[str, Any] = {"start": e.start, "end": e.end, "text": doc.text[e.start:e.end],
                                 "labels": [e.label]}
        if e.state is not None:
            value["state"] = e.state
        result.append({"id": f"e{i}", "from_name": "label", "to_name": "text", "type": "labels",
                       "value": value})
    for r in doc.relations:
        result.append({"type": "relation", "from_id": f"e{r.head}", "to_id": f"e{r.tail}",
                       "direction": "right", "labels": [r.type]})
    return {"id": doc.id, "data": {**doc.meta, text_key: doc.text},
            "annotations": [{"result": result}]}


def documents_to_labelstudio(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Label Studio tasks for Documents."""
    return [document_to_task(d) for d in docs]


def write_labelstudio(docs: Iterable[Document], path: str | Path) -> int:
    """Write Documents as a Label Studio JSON export; returns the number of tasks."""
    tasks = documents_to_labelstudio(docs)
    Path(path).write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    return len(tasks)
