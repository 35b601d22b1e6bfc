"""DOCX reading: body paragraphs and table rows, in document order.

Each paragraph is one line; each table row is one line with its cells joined by tabs (a merged
cell is written once). Headers, footers, footnotes, comments and text boxes are not read.
"""

from __future__ import annotations

from pathlib import Path

from parkie.errors import InputError
from parkie.read.text import check_file, check_not_blank, normalize_newlines


def _cell_text(cell: object) -> str:
    # A cell's paragraphs are joined by spaces so that the row stays on one line.
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())  # type: ignore[attr-defined]


def _table_lines(table: object) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            # python-docx repeats a horizontally merged cell once per grid column (same <w:tc>).
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append(_cell_text(cell))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def read_docx(path: Path, max_bytes: int | None = 50_000_000) -> str:
    """The text of a .docx file: one line per paragraph or table row."""
    check_file(path, max_bytes)
    # Imported here so that plain-text users never pay for python-docx/lxml start-up.
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except Exception as exc:  # zipfile, lxml and python-docx raise many unrelated types
        raise InputError(str(path), f"cannot open as .docx ({type(exc).__name__}: {exc})") from exc
    text = normalize_newlines("\n".join(lines))
    if not text.strip():
        raise InputError(str(path), "no text in this .docx")
    return check_not_blank(text, path)
