"""JSONL reading: one ``{"id", "text", "meta"}`` record per line.

Record texts are used exactly as stored (no newline normalisation), because JSONL often carries
annotations whose offsets index that text. Blank lines are skipped. The file must be UTF-8
(a leading BOM is allowed), as JSON requires.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parkie.document import Document
from parkie.errors import InputError
from parkie.read.text import check_file


def _record_to_document(record: Any, path: Path, line: int, seen: set[str]) -> Document:
    where = str(path)
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}", line)
    if "id" not in record or record["id"] is None:
        raise InputError(where, 'record has no "id"', line)
    raw_id = record["id"]
    # Integer ids are common in exports; bools are ints in Python but never meant as ids.
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise InputError(where, f'"id" must be a string or integer, got {raw_id!r}', line)
    doc_id = str(raw_id)
    if not doc_id.strip():
        raise InputError(where, '"id" is empty', line)
    if doc_id in seen:
        raise InputError(where, f"duplicate id {doc_id!r}", line)
    seen.add(doc_id)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(where, f'"text" must be a string, got {type(text).__name__}', line)
    if not text.strip():
        raise InputError(where, f'"text" of record {doc_id!r} is empty', line)
    meta = record.get("meta")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(where, f'"meta" must be an object, got {type(meta).__name__}', line)
    # The record's own meta wins over "source": it may name the original URL or file.
    return Document(id=doc_id, text=text, meta={"source": str(path), **meta})


def iter_jsonl_documents(path: str | Path) -> Iterator[Document]:
    """Stream the documents of a JSONL file, one line at a time (no size limit).

    Raises ``InputError`` with the line number at the first bad record, and for a file with
    no records at all.
    """
    path = Path(path)
    check_file(path, None)
    seen: set[str] = set()
    count = 0
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(str(path), "not UTF-8 (JSONL must be UTF-8)", line_no) from exc
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", line_no
                ) from exc
            count += 1
            yield _record_to_document(record, path, line_no, seen)
    if count == 0:
        raise InputError(str(path), "file is empty (no JSONL records)")


def read_jsonl(path: str | Path, max_bytes: int | None = 50_000_000) -> list[Document]:
    """All documents of a JSONL file, after the size check (use the iterator for huge files)."""
    path = Path(path)
    check_file(path, max_bytes)
    return list(iter_jsonl_documents(path))
