"""HTML reading: the visible text of a page, one line per block element.

Script, style, navigation and hidden elements are dropped. Inside a block, whitespace runs
collapse to one space as a browser would render them; block elements and ``<br>`` become line
breaks, and a table row becomes one line with its cells joined by tabs (as the DOCX reader does).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from parkie.errors import InputError
from parkie.read.text import check_not_blank, decode_bytes, read_bytes

# Never visible (or, for nav/menus, page furniture rather than report text).
_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "head",
        "template",
        "nav",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "select",
        "button",
        "audio",
        "video",
        "map",
    }
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "legend",
        "ul",
    }
)
_CELL = frozenset(("td", "th"))
_WS = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Chinese pages often declare gb2312 but use GBK characters; gb18030 is a superset of both.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
_INVISIBLE_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_NEWLINE = "\n"


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _walk(node: Tag, out: list[str], pre: bool = False) -> None:
    """Append the visible text under ``node`` to ``out``; ``_NEWLINE`` items mark line breaks."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if isinstance(child, _INVISIBLE_STRINGS):
                continue
            out.append(str(child) if pre else _WS.sub(" ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in _DROP or _hidden(child):
            continue
        if name == "br":
            out.append(_NEWLINE)
        elif name == "tr":
            cells = []
            for cell in child.find_all(_CELL, recursive=False):
                if _hidden(cell):
                    continue
                parts: list[str] = []
                _walk(cell, parts)
                # A cell's own line breaks would split the row: keep the row on one line.
                cells.append(_WS.sub(" ", "".join(" " if p == _NEWLINE else p for p in parts)))
            out.extend((_NEWLINE, "\t".join(c.strip(" ") for c in cells), _NEWLINE))
        elif name in _BLOCK or name in _CELL:
            out.append(_NEWLINE)
            _walk(child, out, pre or name == "pre")
            out.append(_NEWLINE)
        else:
            _walk(child, out, pre)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document: one line per block, no blank lines."""
    soup = BeautifulSoup(markup, "lxml")
    parts: list[str] = []
    _walk(soup, parts)
    lines: list[str] = []
    current: list[str] = []
    for part in [*parts, _NEWLINE]:
        if part != _NEWLINE:
            current.append(part)
            continue
        # Only collapsible ASCII spaces are trimmed; &nbsp; indents stay as written.
        for line in "".join(current).split("\n"):
            line = line.strip(" ")
            if line.strip():
                lines.append(line)
        current = []
    return "\n".join(lines)


def read_html(path: Path, max_bytes: int | None = 50_000_000) -> str:
    """The visible text of an HTML file (encoding from its BOM, ``<meta charset>`` or detection)."""
    data = read_bytes(path, max_bytes)
    match = _META_CHARSET.search(data[:4096])
    declared = None
    if match:
        name = match.group(1).decode("ascii").lower()
        declared = _CHARSET_ALIASES.get(name, name)
    markup = decode_bytes(data, path, declared=declared)
    try:
        text = html_to_text(markup)
    except Exception as exc:  # lxml is lenient; anything raised here means unusable input
        raise InputError(str(path), f"cannot parse as HTML: {exc}") from exc
    if not text.strip():
        raise InputError(str(path), "no visible text in this HTML page")
    return check_not_blank(text, path)
