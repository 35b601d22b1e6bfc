"""A plain regular-expression baseline for the shared-view labels.

It finds the obvious surface forms a hand-written extractor would: an amount with a unit from a
fixed list (MONEY when the unit is a currency, QUANTITY for every unit), percentages, common
time expressions (PERIOD) and names ending in 公司/集团 (ORG). It knows nothing about context,
so it cannot tell a figure's period from a date in a heading, nor an enterprise from an agency.

    >>> from regex_baseline import extract  # with benchmarks/ on sys.path
    >>> [(lab, s, e) for lab, s, e in extract("1-6月份，园区实现工业总产值152.3亿元，同比增长16.8%。")]
    [('PERIOD', 0, 5), ('MONEY', 15, 22), ('QUANTITY', 15, 22), ('PERCENT', 27, 32)]
"""

from __future__ import annotations

import re

LABELS = ("MONEY", "QUANTITY", "PERCENT", "PERIOD", "ORG")

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_NUMBER = (rf"(?:\d+(?:[.．]\d+)?|[{_CN_DIGITS}]+)"
           r"(?:\s*[-~至]\s*\d+(?:\.\d+)?)?"       # a range: 3-5
           r"(?:万|亿|千|百)?(?:余|多)?(?:万|亿)?(?:余|多)?")
_CURRENCY = r"(?:美元|欧元|港元|日元|元)"
_UNITS = (r"(?:个百分点|平方公里|平方米|万平方米|公顷|亩|公里|千米|米|吨/天|吨|千瓦时|千瓦|兆瓦|"
          r"家|个|项|人次|人|户|台套|台|套|辆|座|栋|条|件|批|次|所|名|场|亿元|万元)")
_QUANTITY = re.compile(rf"(?<![\d.A-Za-z#号]){_NUMBER}\s*(?:{_CURRENCY}|{_UNITS})")
_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*[%％]|百分之[零〇一二两三四五六七八九十百点]+")
_PERIOD = re.compile(
    r"(?:截至|截止|截止到|到)(?:目前|\d{4}年)?(?:\d{1,2}月)?(?:底|末|份|\d{1,2}日)?"
    r"|(?:(?:\d{4}|今|去|明)年)?(?:\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月份?"
    r"|[上下]半年|前三季度|[一二三四1-4]季度|全年|\d{1,2}月份?)"
    r"|\d{4}年(?:度)?|今年以来|十[二三四五]五(?:期间|末)?"
)
_PERIOD_FIX = re.compile(r"^(?:截至|截止|截止到|到)$")
_ORG = re.compile(r"[\u4e00-\u9fa5A-Za-z（）()]{2,18}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)")


def extract(text: str) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` spans of ``text`` found by the patterns, in text order."""
    out: list[tuple[str, int, int]] = []
    for m in _QUANTITY.finditer(text):
        s, e = m.span()
        unit_money = re.search(rf"{_CURRENCY}$", m.group(0)) is not None
        if unit_money:
            out.append(("MONEY", s, e))
        out.append(("QUANTITY", s, e))
    out.extend(("PERCENT", *m.span()) for m in _PERCENT.finditer(text))
    for m in _PERIOD.finditer(text):
        if m.group(0) and not _PERIOD_FIX.match(m.group(0)):
            out.append(("PERIOD", *m.span()))
    out.extend(("ORG", *m.span()) for m in _ORG.finditer(text))
    return sorted(out, key=lambda x: (x[1], LABELS.index(x[0])))
