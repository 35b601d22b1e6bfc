"""Plain-text reading: size/emptiness checks, encoding detection and newline normalisation.

The helpers here are shared by the other readers. Normalisation is deliberately minimal
(decode, ``\\r\\n``/``\\r`` → ``\\n``, drop a BOM) because entity offsets index the text as read.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from parkie.errors import InputError

# BOMs we honour before anything else: a BOM is an explicit declaration, and UTF-16/32 text is
# full of NUL bytes that would otherwise look binary. Longest first (UTF-32-LE starts like -16-LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def human_size(n: int) -> str:
    """``n`` bytes as a short human-readable size (B, KB or MB; 1 KB = 1000 B)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.0f} MB" if n >= 10_000_000 else f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} KB"
    return f"{n} B"


def check_file(path: Path, max_bytes: int | None) -> int:
    """Raise ``InputError`` unless ``path`` is an existing, non-empty file within ``max_bytes``.

    Returns the file size in bytes.
    """
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a file (use expand_inputs for folders)")
    if not path.is_file():
        raise InputError(str(path), "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "file is empty")
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            str(path),
            f"file is {human_size(size)}, over the {human_size(max_bytes)} limit; "
            "split it or pass a larger max_bytes",
        )
    return size


def read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, after the checks of :func:`check_file`."""
    check_file(path, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode ``data`` to ``str`` (BOM removed, newlines normalised) or raise ``InputError``.

    Order: a BOM wins; then a ``declared`` encoding (e.g. an HTML ``<meta charset>``) if the
    bytes decode strictly with it; NUL bytes then mean binary; then strict UTF-8 (the common case,
    and one charset-normalizer can occasionally mislabel on short texts); then charset-normalizer.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(str(path), f"has a {encoding} BOM but does not decode") from exc
    if declared:
        try:
            return normalize_newlines(data.decode(declared))
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong or unknown: detect instead
    if b"\x00" in data:
        raise InputError(str(path), "looks binary (contains NUL bytes), not text")
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(str(path), "looks binary: cannot detect a text encoding")
    text = str(best)
    if text.startswith("\ufeff"):
        text = text[1:]
    return normalize_newlines(text)


def check_not_blank(text: str, path: Path) -> str:
    """Raise ``InputError`` if ``text`` is only whitespace; otherwise return it unchanged."""
    if not text.strip():
        raise InputError(str(path), "file is empty (only whitespace)")
    return text


def read_text(path: Path, max_bytes: int | None = 50_000_000) -> str:
    """The decoded text of a plain-text file (see :func:`decode_bytes`)."""
    return check_not_blank(decode_bytes(read_bytes(path, max_bytes), path), path)
