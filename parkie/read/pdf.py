"""PDF reading: the text layer, page by page, via pdfplumber.

Each visual line becomes one line of text; pages are joined by a newline. Within a line, a gap
of two character heights or more (table columns, a second text column) becomes a tab, as table
cells do in the DOCX and HTML readers; a smaller gap becomes one space. Scanned PDFs (no text
layer) are refused rather than read as empty: OCR them first.
"""

from __future__ import annotations

import logging
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

from parkie.errors import InputError
from parkie.read.text import check_file, normalize_newlines

NO_TEXT_LAYER = "no text layer: scanned PDF? OCR it first"
_Y_TOLERANCE = 3  # pdfplumber's default for "same line"
_TAB_GAP = 2.0  # a gap of this many character heights separates cells, not words


def _page_text(page: Any) -> str:
    """One page's text, line by line, with wide gaps as tabs.

    pdfplumber's ``extract_text`` joins every gap with one space, losing table columns; so
    words are taken from pdfplumber (spaces inside a word kept) and joined here.
    """
    from pdfplumber.utils import cluster_objects

    words = page.extract_words(keep_blank_chars=True)
    lines = []
    for line in cluster_objects(words, itemgetter("top"), _Y_TOLERANCE):
        line.sort(key=itemgetter("x0"))
        parts = [line[0]["text"]]
        for prev, word in pairwise(line):
            height = max(word["bottom"] - word["top"], prev["bottom"] - prev["top"], 1.0)
            parts.append("\t" if word["x0"] - prev["x1"] >= _TAB_GAP * height else " ")
            parts.append(word["text"])
        lines.append("".join(parts).strip(" "))
    return "\n".join(line for line in lines if line.strip())


def read_pdf(path: Path, max_bytes: int | None = 50_000_000) -> str:
    """The text layer of a PDF file, one line per visual line."""
    check_file(path, max_bytes)
    # Imported here: pdfminer is slow to import and only PDF users need it.
    import pdfplumber

    # pdfminer logs a warning for every small defect of real-world PDFs; errors still raise.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(_page_text(page))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise InputError(str(path), f"cannot open as PDF ({type(exc).__name__}: {exc})") from exc
    text = normalize_newlines("\n".join(p for p in pages if p.strip()))
    if not text.strip():
        raise InputError(str(path), NO_TEXT_LAYER)
    return text
