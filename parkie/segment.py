"""Paragraph, sentence and window segmentation as ``(start, end)`` offsets into the text.

Nothing here copies or rewrites text: every piece is ``text[start:end]`` of the string given,
trimmed of surrounding whitespace, so entity offsets found in a piece map straight back.

The sentence splitter is written by hand rather than with ``hanlp.utils.rules.split_sentence``:
that function returns rewritten strings (separator substitution, stripping), does not split on
``；``, and splits after ``.`` followed by a space, which breaks web-clutter numbers like
``24. 3``. Here ``.`` never splits, so decimals cannot be broken.
"""

from __future__ import annotations

# Sentence ends. ASCII ones only count when followed by whitespace, a non-ASCII character or
# the end, so that URLs (``?id=3``), ``1;2`` and ``Hi!there`` are not cut.
_CJK_ENDS = frozenset("。！？；")
_ASCII_ENDS = frozenset("!?;")
# Closing marks that belong to the sentence they follow: 。” stays together.
_CLOSERS = frozenset("”’」』）】》〉)\"'")
_CLAUSE_BREAKS = frozenset("，,")
# Characters of a number or a Latin token; a hard cut never falls between two of these.
_TOKEN_CHARS = frozenset("0123456789.%")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` shrunk past surrounding whitespace, or ``None`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-empty lines of ``text``, each trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        span = _trim(text, pos, pos + len(line))
        if span:
            out.append(span)
        pos += len(line) + 1
    return out


def _is_end(text: str, i: int, end: int) -> bool:
    ch = text[i]
    if ch in _CJK_ENDS:
        return True
    if ch in _ASCII_ENDS:
        nxt = text[i + 1] if i + 1 < end else " "
        return nxt.isspace() or not nxt.isascii()
    return False


def _raw_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at sentence ends and newlines (not yet length-limited)."""
    out: list[tuple[int, int]] = []
    piece_start = i = start
    while i < end:
        ch = text[i]
        if ch == "\n":
            out.append((piece_start, i))
            i += 1
            piece_start = i
        elif _is_end(text, i, end):
            i += 1
            # Keep runs like ！！ or ？！ and closing quotes/brackets with this sentence.
            while i < end and (
                text[i] in _CJK_ENDS or text[i] in _ASCII_ENDS or text[i] in _CLOSERS
            ):
                i += 1
            out.append((piece_start, i))
            piece_start = i
        else:
            i += 1
    out.append((piece_start, end))
    return [span for s, e in out if (span := _trim(text, s, e))]


def _is_token_char(ch: str) -> bool:
    return ch in _TOKEN_CHARS or (ch.isascii() and ch.isalnum())


def _hard_cut(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    """Cut a piece with no usable break into pieces of at most ``max_len`` characters."""
    out: list[tuple[int, int]] = []
    while end - start > max_len:
        cut = start + max_len
        # Step back out of a number or Latin word (up to 32 chars; beyond that, cut anyway).
        back = cut
        while (
            back > start + 1
            and back > cut - 32
            and (_is_token_char(text[back - 1]) and _is_token_char(text[back]))
        ):
            back -= 1
        if back > start + 1 and not (_is_token_char(text[back - 1]) and _is_token_char(text[back])):
            cut = back
        span = _trim(text, start, cut)
        if span:
            out.append(span)
        start = cut
    span = _trim(text, start, end)
    if span:
        out.append(span)
    return out


def _split_long(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    """Split a sentence longer than ``max_len`` at commas, packing clauses greedily."""
    clauses: list[tuple[int, int]] = []
    clause_start = start
    for i in range(start, end):
        if text[i] in _CLAUSE_BREAKS:
            # A comma between digits is a thousands separator (1,234), not a clause break.
            if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            clauses.append((clause_start, i + 1))
            clause_start = i + 1
    clauses.append((clause_start, end))

    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for cs, ce in clauses:
        if cur is not None and ce - cur[0] <= max_len:
            cur = (cur[0], ce)
            continue
        if cur is not None:
            out.extend(_hard_cut(text, *cur, max_len))
        cur = (cs, ce)
    if cur is not None:
        out.extend(_hard_cut(text, *cur, max_len))
    return out


def sentences(
    text: str, start: int = 0, end: int | None = None, max_len: int = 300
) -> list[tuple[int, int]]:
    """Offsets of the sentences of ``text[start:end]`` (offsets are into ``text``).

    Splits after ``。！？；`` (and ``!?;`` before a space or CJK character) and at newlines;
    a sentence longer than ``max_len`` is split at ``，``/``,`` (never inside ``1,234``), and
    as a last resort cut at ``max_len`` outside numbers. ``.`` never splits, so ``1.5`` and
    ``24. 3`` stay whole. Pieces are trimmed of surrounding whitespace; empty ones dropped.
    """
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    end = len(text) if end is None else min(end, len(text))
    out: list[tuple[int, int]] = []
    for s, e in _raw_sentences(text, start, end):
        if e - s <= max_len:
            out.append((s, e))
        else:
            out.extend(_split_long(text, s, e, max_len))
    return out


def windows(text: str, max_len: int = 512, overlap: int = 0) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``max_len`` characters at sentence boundaries.

    Consecutive sentences are packed greedily; a window spans from its first sentence's start
    to its last one's end (whitespace between them included). With ``overlap`` > 0, a window
    starts with the trailing sentences of the previous one that fit in ``overlap`` characters,
    so that a mention cut by a window edge is seen whole in one of them.
    """
    if overlap < 0 or overlap >= max_len:
        raise ValueError("overlap must be at least 0 and less than max_len")
    sents = sentences(text, max_len=max_len)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and sents[j + 1][1] - sents[i][0] <= max_len:
            j += 1
        out.append((sents[i][0], sents[j][1]))
        if j + 1 >= len(sents):
            break
        # Next window: the earliest sentence after i whose tail up to j fits in ``overlap``
        # and that still leaves room for the next new sentence (else we would loop forever).
        k = i + 1
        while k <= j and (
            sents[j][1] - sents[k][0] > overlap or sents[j + 1][1] - sents[k][0] > max_len
        ):
            k += 1
        i = k
    return out
