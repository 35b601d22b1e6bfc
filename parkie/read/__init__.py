"""Report readers: plain text, HTML, DOCX, PDF and JSONL files become ``Document`` objects.

``read_path`` picks the reader by suffix. Every failure is an ``InputError`` naming the file
(and, for JSONL, the line). The text is kept as read, apart from decoding, newline
normalisation and BOM removal, since entity offsets index it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from parkie.document import Document
from parkie.errors import InputError
from parkie.read.docx import read_docx
from parkie.read.html import html_to_text, read_html
from parkie.read.jsonl import iter_jsonl_documents, read_jsonl
from parkie.read.pdf import read_pdf
from parkie.read.sources import SUFFIX_KINDS, SUPPORTED_SUFFIXES, expand_inputs
from parkie.read.text import read_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "expand_inputs",
    "html_to_text",
    "iter_jsonl_documents",
    "read_path",
]

_READERS: dict[str, Callable[[Path, int | None], str]] = {
    "text": read_text,
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}


def read_path(path: str | Path, *, max_bytes: int = 50_000_000) -> list[Document]:
    """Read one file into documents.

    A report file gives one ``Document`` with ``id`` = the file stem and
    ``meta = {"source": str(path)}``; a ``.jsonl`` file gives one per record (its ids, and
    its meta merged over ``source``). A file with an unknown suffix is read as text if it
    decodes as text. Raises ``InputError`` for a missing, empty, oversized, binary or
    unreadable file.
    """
    path = Path(path)
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind == "jsonl":
        return read_jsonl(path, max_bytes)
    if kind is None:
        try:
            text = read_text(path, max_bytes)
        except InputError as exc:
            if "binary" in exc.message:
                suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise InputError(
                    str(path),
                    f"unknown file type {path.suffix or '(no suffix)'} and not "
                    f"text; readable types: {suffixes}",
                ) from exc
            raise
    else:
        text = _READERS[kind](path, max_bytes)
    return [Document(id=path.stem, text=text, meta={"source": str(path)})]
