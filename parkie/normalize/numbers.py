"""Parse the text of an AMOUNT span into a number.

An AMOUNT is labelled with its magnitude (万, 亿, 千) and attached approximation marks (余, 多)
inside the span and its unit outside it (see the annotation guide), so ``parse_number`` turns
「3.4万余」 into 34000 (approximate) and leaves the unit to :mod:`parkie.normalize.units`.

Chinese numerals are converted by ``cn2an``; the rest here (PDF-broken spaces, placeholders,
ranges, 余/多/几) is specific to work reports and written by hand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["MAGNITUDES", "ParsedNumber", "normalize_text", "parse_number"]


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed amount.

    ``value`` is None when the text is no number, a placeholder (``xx``) or only a fuzzy
    quantity (十几); ``low``/``high`` bound a range (3-5) or a fuzzy quantity (十几 → 11..19).
    """

    value: float | None
    approx: bool
    placeholder: bool
    low: float | None = None
    high: float | None = None


#: Magnitude characters and their factors (万亿 = 1e12 by multiplying them).
MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}

# Trailing approximation marks inside an AMOUNT span (余, 多) plus ones that sometimes get
# swept into it (以上, 左右); longest first so 有余 wins over 余.
_APPROX_SUFFIXES = ("有余", "以上", "左右", "上下", "余", "多", "许", "来")
# Approximation words before a number; not part of an AMOUNT span, tolerated if present.
_APPROX_PREFIXES = ("大约", "超过", "将近", "接近", "近乎", "约", "近", "超", "逾")

_EMPTY = ParsedNumber(value=None, approx=False, placeholder=False)

# x, xx, X, *, **, ×× standing for a number, possibly with a magnitude: xx亿, x.x万.
_PLACEHOLDER_RE = re.compile(r"[xX×*]+(?:\.[xX×*]+)?[十百千万亿]*(?:余|多)?")
# Range separators; em/en dashes come from PDFs, ~ from NFKC of the full-width ～.
_RANGE_RE = re.compile(r"(-?[^-~〜至到—–]+)(?:[-~〜—–]+|至|到)(-?[^-~〜至到—–]+)")
# Arabic digits with Chinese magnitudes: 1.2万, 3亿5000万, 1万亿.
_ARABIC_RE = re.compile(r"(?:\d+(?:\.\d+)?[十百千万亿]*)+")
_ARABIC_TERM_RE = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CN_CHARS = "〇零一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_RE = re.compile(f"负?[{_CN_CHARS}]+")
_CN_DIGITS = "一二三四五六七八九"
# 三四 / 五六十 / 两三百: two neighbouring digits mean "three or four", not 34.
_CN_PAIR_RE = re.compile(f"([{_CN_DIGITS}两])([{_CN_DIGITS}])([十百千万亿]*)")


def normalize_text(text: str) -> str:
    """NFKC-fold (full-width digits, ．，～) and drop all whitespace (PDF-broken 24. 3)."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", folded)


def _magnitude(chars: str) -> Decimal:
    factor = Decimal(1)
    for ch in chars:
        factor *= MAGNITUDES[ch]
    return factor


def _strip_approx(s: str) -> tuple[str, bool]:
    """Remove approximation marks around a number; return the rest and whether any was found."""
    approx = False
    changed = True
    while changed and s:
        changed = False
        for suf in _APPROX_SUFFIXES:
            # 来 only after a Chinese magnitude (十来); elsewhere it is no approximation mark.
            if s.endswith(suf) and len(s) > len(suf) and (suf != "来" or s[-2] in "十百千万亿"):
                s, approx, changed = s[: -len(suf)], True, True
                break
        for pre in _APPROX_PREFIXES:
            if s.startswith(pre) and len(s) > len(pre):
                s, approx, changed = s[len(pre) :], True, True
                break
    return s, approx


def _cn_to_decimal(s: str) -> Decimal | None:
    try:
        # "smart" also accepts Arabic mixed with Chinese magnitudes; output is int or float.
        import cn2an  # imported on first use: it costs 0.2 s, a third of a model load

        out = cn2an.cn2an(s, "smart")
    except Exception:  # cn2an raises ValueError and others on text it does not know
        return None
    try:
        return Decimal(str(out))
    except InvalidOperation:
        return None


def _single(s: str) -> tuple[Decimal | None, bool, Decimal | None]:
    """Parse one number (no range): (value, approx, trailing magnitude factor or None)."""
    s, approx = _strip_approx(s)
    negative = False
    if s.startswith(("-", "负")) and len(s) > 1:
        negative, s = True, s[1:]
    s = s.lstrip("+")
    if _THOUSANDS_RE.fullmatch(s):
        s = s.replace(",", "")
    value: Decimal | None = None
    trailing: Decimal | None = None
    if _ARABIC_RE.fullmatch(s):
        value = Decimal(0)
        for m in _ARABIC_TERM_RE.finditer(s):
            value += Decimal(m.group(1)) * _magnitude(m.group(2))
        tail = re.search(r"[十百千万亿]+$", s)
        trailing = _magnitude(tail.group(0)) if tail else None
    elif _CN_RE.fullmatch(s):
        # 百余 / 近千 / 百万: a bare leading magnitude reads as one of it (cn2an wants 一百).
        value = _cn_to_decimal("一" + s if s[0] in "百千万亿" else s)
        tail = re.search(r"[十百千万亿]+$", s)
        if value is None and tail and tail.start() > 0:
            # cn2an rejects 一点二万; convert the head and apply the magnitude ourselves.
            head = _cn_to_decimal(s[: tail.start()])
            value = head * _magnitude(tail.group(0)) if head is not None else None
    if value is not None and negative:
        value = -value
    return value, approx, trailing


def _fuzzy(s: str) -> ParsedNumber | None:
    """十几 / 几十 / 二十几 / 几百万 / 三四十 / 两三: bounds only, the value stays None."""
    s, _ = _strip_approx(s)
    s = s.replace("数", "几")  # 数百 (several hundred) is read like 几百
    if s.count("几") == 1:
        # 几 after 十 is a units digit (十几 = 11..19); elsewhere it is 2..9 (几十 = 20..90).
        low_digit = "一" if "十几" in s else "二"
        low = _cn_to_decimal(s.replace("几", low_digit))
        high = _cn_to_decimal(s.replace("几", "九"))
    else:
        m = _CN_PAIR_RE.fullmatch(s)
        if not m:
            return None
        pair = (m.group(1).replace("两", "二"), m.group(2))
        first, second = (_CN_DIGITS.index(c) + 1 for c in pair)
        if second != first + 1:
            return None
        factor = _magnitude(m.group(3))
        low, high = Decimal(first) * factor, Decimal(second) * factor
    if low is None or high is None:
        return None
    return ParsedNumber(None, approx=True, placeholder=False, low=float(low), high=float(high))


def _range(s: str) -> ParsedNumber | None:
    m = _RANGE_RE.fullmatch(s)
    if not m:
        return None
    a, _, a_mag = _single(m.group(1))
    b, _, b_mag = _single(m.group(2))
    if a is None or b is None:
        return None
    # 3-5万: the magnitude written once at the end scales both ends.
    if a_mag is None and b_mag is not None:
        a *= b_mag
    low, high = min(a, b), max(a, b)
    mid = float((low + high) / 2)
    return ParsedNumber(mid, approx=True, placeholder=False, low=float(low), high=float(high))


def parse_number(text: str) -> ParsedNumber:
    """Parse an AMOUNT span's text (magnitude inside, unit outside) into a :class:`ParsedNumber`.

    Never raises: text that is no number gives ``value=None``. Ranges (3-5, 3至5) give the
    midpoint as value, ``approx=True`` and ``low``/``high``; placeholders (xx, **, XX亿) give
    ``placeholder=True`` and no value; fuzzy quantities (十几, 几十) give bounds but no value.
    """
    if not isinstance(text, str):
        return _EMPTY
    s = normalize_text(text)
    if not s:
        return _EMPTY
    if _PLACEHOLDER_RE.fullmatch(s):
        return ParsedNumber(None, approx=False, placeholder=True)
    # Fuzzy first: cn2an would read 三四 as 34.
    fuzzy = _fuzzy(s)
    if fuzzy is not None:
        return fuzzy
    value, approx, _ = _single(s)
    if value is not None:
        return ParsedNumber(float(value), approx=approx, placeholder=False)
    ranged = _range(s)
    if ranged is not None:
        return ranged
    return _EMPTY
