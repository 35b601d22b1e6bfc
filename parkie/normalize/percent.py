"""Parse the text of a PERCENT span into a value in percent units (15.49% → 15.49).

Chinese numerals go through ``cn2an`` (via :func:`parkie.normalize.numbers.parse_number`);
the report-specific noise (13.2%% typos, a lost % sign, placeholders, ‰, ranges) is handled
here by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parkie.normalize.numbers import normalize_text, parse_number

__all__ = ["ParsedPercent", "parse_percent"]


@dataclass(frozen=True)
class ParsedPercent:
    """A parsed percentage; ``value`` is in percent (15.49 for 15.49%), None if unknown.

    Ranges (10%-15%) give the midpoint as value with ``low``/``high`` and ``approx=True``.
    """

    value: float | None
    placeholder: bool
    low: float | None = None
    high: float | None = None
    approx: bool = False


_EMPTY = ParsedPercent(value=None, placeholder=False)
# 百分之 / 千分之 with the number after them (百分之十五点五, 千分之五).
_FRACTION_RE = re.compile(r"(负)?(百分之|千分之)(.+)")
_PLACEHOLDER_RE = re.compile(r"[xX×*]+(?:\.[xX×*]+)?%?")
_APPROX_TAIL_RE = re.compile(r"(以上|左右|上下|多|余)$")


def _scaled(number_text: str, divisor: float) -> ParsedPercent:
    """Parse the number and divide it (10 for per mille: dividing keeps 0.3 exact)."""
    parsed = parse_number(number_text)
    if parsed.placeholder:
        return ParsedPercent(None, placeholder=True)
    if parsed.value is None and parsed.low is None:
        return _EMPTY
    return ParsedPercent(
        value=None if parsed.value is None else parsed.value / divisor,
        placeholder=False,
        low=None if parsed.low is None else parsed.low / divisor,
        high=None if parsed.high is None else parsed.high / divisor,
        approx=parsed.approx,
    )


def parse_percent(text: str) -> ParsedPercent:
    """Parse a PERCENT span: 15.49%, 15.49％, 百分之十五点五, 千分之五, 13.2%%, 26.1 (lost %),
    10%-15%, 10-15%, -3.2%, xx%, 5‰. Never raises; unknown text gives ``value=None``.
    """
    if not isinstance(text, str):
        return _EMPTY
    s = normalize_text(text)  # full-width ％ → %, spaces from PDFs dropped
    if not s:
        return _EMPTY
    approx = False
    tail = _APPROX_TAIL_RE.search(s)
    if tail and tail.start() > 0:
        s, approx = s[: tail.start()], True
    if _PLACEHOLDER_RE.fullmatch(s):
        return ParsedPercent(None, placeholder=True)
    m = _FRACTION_RE.fullmatch(s)
    if m:
        divisor = 1.0 if m.group(2) == "百分之" else 10.0
        number = m.group(3)
        if number[0] in "百千":  # 百分之百: cn2an wants 一百
            number = "一" + number
        out = _scaled(("-" if m.group(1) else "") + number, divisor)
    elif "‰" in s:
        out = _scaled(s.replace("‰", ""), 10.0)
    else:
        # 13.2%% → 13.2%; 10%-15% → 10-15; a number with no % at all is taken as percent.
        out = _scaled(re.sub(r"%+", "", s), 1.0)
    if approx and not out.approx and not out.placeholder:
        out = ParsedPercent(out.value, out.placeholder, out.low, out.high, approx=True)
    return out
