"""Whether an amount is approximate, from the marks inside its span and the words around it.

The annotation guide keeps 余/多 inside the AMOUNT span and 约/近/超/逾 before it and
以上/左右 after the unit outside it; the linker passes those neighbours here.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from parkie.normalize.numbers import parse_number

__all__ = ["APPROX_AFTER", "APPROX_BEFORE", "is_approx"]

#: Words right before an amount that make it approximate (约 3 亿, 超 10 家).
#: 不足/不到 ("less than") are included: the figure is a bound, not an exact value.
APPROX_BEFORE: Final[tuple[str, ...]] = (
    "约",
    "大约",
    "约合",
    "大概",
    "近",
    "将近",
    "接近",
    "近乎",
    "差不多",
    "超",
    "超过",
    "逾",
    "不足",
    "不到",
)

#: Words right after an amount's unit (or the amount) that make it approximate.
APPROX_AFTER: Final[tuple[str, ...]] = ("余", "多", "以上", "左右", "上下", "有余", "许", "开外")

# 最近/附近 end in 近 but say nothing about the amount that follows.
_NOT_BEFORE: Final[tuple[str, ...]] = ("最近", "附近", "临近", "靠近")


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_approx(amount_text: str, before: str = "", after: str = "") -> bool:
    """Whether the amount is approximate.

    ``amount_text`` is the AMOUNT span (「3.4万余」), ``before`` the text right before it and
    ``after`` the text right after its unit. Whitespace (PDF line breaks) is ignored. Never
    raises: non-string arguments count as empty.
    """
    amount = _clean(amount_text) if isinstance(amount_text, str) else ""
    pre = _clean(before) if isinstance(before, str) else ""
    post = _clean(after) if isinstance(after, str) else ""
    if amount and parse_number(amount).approx:
        return True
    if pre.endswith(APPROX_BEFORE) and not pre.endswith(_NOT_BEFORE):
        return True
    return post.startswith(APPROX_AFTER)
