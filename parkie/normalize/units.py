"""Normalise the text of a UNIT span to a base unit, a dimension and a factor.

The tables are domain specific (the units work reports use) and written by hand; no unit
library knows 亩, 家 or 个百分点. Factors convert to the base unit: 亩 → 666.6667 m2,
万元 → 1e4 CNY. A unit with a leading magnitude (万元, 亿千瓦时, 万吨/年) is split into the
magnitude and the unit, so the tables list each unit once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = ["UnitInfo", "apply_magnitude", "normalize_unit"]


@dataclass(frozen=True)
class UnitInfo:
    """A normalised unit: base ``unit`` (CNY, m2, 家…), ``dimension`` and ``factor`` to it."""

    unit: str
    dimension: str
    factor: float


_MU: Final[float] = 10_000 / 15  # 1 亩 = 666.67 m2 (15 亩 to the hectare)

# text -> (base unit, dimension, factor); keys are NFKC-folded, without spaces.
_BASE: Final[dict[str, tuple[str, str, float]]] = {
    # currency
    "元": ("CNY", "currency", 1.0),
    "人民币": ("CNY", "currency", 1.0),
    "元人民币": ("CNY", "currency", 1.0),
    "美元": ("USD", "currency", 1.0),
    "美金": ("USD", "currency", 1.0),
    "欧元": ("EUR", "currency", 1.0),
    "港元": ("HKD", "currency", 1.0),
    "港币": ("HKD", "currency", 1.0),
    "日元": ("JPY", "currency", 1.0),
    "英镑": ("GBP", "currency", 1.0),
    # area
    "平方米": ("m2", "area", 1.0),
    "平米": ("m2", "area", 1.0),
    "平方": ("m2", "area", 1.0),
    "m2": ("m2", "area", 1.0),  # also ㎡ and m² after NFKC
    "亩": ("m2", "area", _MU),
    "公顷": ("m2", "area", 10_000.0),
    "ha": ("m2", "area", 10_000.0),
    "平方公里": ("m2", "area", 1e6),
    "平方千米": ("m2", "area", 1e6),
    "km2": ("m2", "area", 1e6),
    # length
    "米": ("m", "length", 1.0),
    "m": ("m", "length", 1.0),
    "公里": ("m", "length", 1000.0),
    "千米": ("m", "length", 1000.0),
    "km": ("m", "length", 1000.0),
    # volume
    "立方米": ("m3", "volume", 1.0),
    "立方": ("m3", "volume", 1.0),
    "方": ("m3", "volume", 1.0),
    "m3": ("m3", "volume", 1.0),
    # mass
    "吨": ("t", "mass", 1.0),
    "t": ("t", "mass", 1.0),
    "千克": ("t", "mass", 0.001),
    "公斤": ("t", "mass", 0.001),
    "kg": ("t", "mass", 0.001),
    # energy and power (power kept in kW so that 兆瓦 and 千瓦 compare)
    "千瓦时": ("kWh", "energy", 1.0),
    "度": ("kWh", "energy", 1.0),
    "kwh": ("kWh", "energy", 1.0),
    "兆瓦时": ("kWh", "energy", 1000.0),
    "mwh": ("kWh", "energy", 1000.0),
    "千瓦": ("kW", "power", 1.0),
    "kw": ("kW", "power", 1.0),
    "兆瓦": ("kW", "power", 1000.0),
    "mw": ("kW", "power", 1000.0),
    "瓦": ("kW", "power", 0.001),
    "吉瓦": ("kW", "power", 1e6),
    "gw": ("kW", "power", 1e6),
    # duration (工期 18 个月)
    "天": ("d", "duration", 1.0),
    "日": ("d", "duration", 1.0),
    "个月": ("mo", "duration", 1.0),
    "年": ("a", "duration", 1.0),
    "小时": ("h", "duration", 1.0),
    # percentage points and ratios
    "个百分点": ("pp", "percentage_point", 1.0),
    "百分点": ("pp", "percentage_point", 1.0),
    "倍": ("times", "ratio", 1.0),
}

#: Classifiers for counted things; the unit is the classifier itself.
COUNT_CLASSIFIERS: Final[tuple[str, ...]] = (
    "家", "个", "项", "户", "人", "名", "台", "套", "座", "栋", "幢", "条", "批", "件", "宗",
    "辆", "只", "次", "人次", "所", "处", "间", "张", "份", "台套", "颗", "片", "根", "块",
)  # fmt: skip

# Denominators of rates: per day / year / hour / month.
_TIME: Final[dict[str, str]] = {
    "天": "d",
    "日": "d",
    "d": "d",
    "年": "a",
    "a": "a",
    "小时": "h",
    "时": "h",
    "h": "h",
    "月": "mo",
    "个月": "mo",
}

_MAGNITUDE: Final[dict[str, float]] = {
    "十": 10.0,
    "百": 100.0,
    "千": 1000.0,
    "万": 1e4,
    "亿": 1e8,
}


def _lookup(text: str) -> tuple[str, str, float] | None:
    """A simple unit, possibly with leading magnitudes (万元, 百万元, 亿千瓦时)."""
    if text in _BASE:
        return _BASE[text]
    if text.lower() in _BASE:
        return _BASE[text.lower()]
    if text in COUNT_CLASSIFIERS:
        return (text, "count", 1.0)
    # Exact entries first so 千瓦/千米/百分点 are not read as 千 + 瓦.
    if len(text) > 1 and text[0] in _MAGNITUDE:
        rest = _lookup(text[1:])
        if rest is not None:
            return (rest[0], rest[1], rest[2] * _MAGNITUDE[text[0]])
    return None


def normalize_unit(unit_text: str) -> UnitInfo | None:
    """Normalise a UNIT span (元, 万元, 亩, 吨/天, 个百分点, 家…); None when unknown.

    Rates over time (吨/天, 立方米/日, 万吨/年) get unit ``t/d``, ``m3/d``, ``t/a`` and dimension
    ``<dimension>_rate``; other ratios (万元/亩, 元/平方米) are ``<unit>/<unit>`` with dimension
    ``<a>_per_<b>`` and the factor of numerator over denominator. Never raises.
    """
    if not isinstance(unit_text, str):
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit_text))
    # 每 as in 吨每天; the PDF sometimes gives a full-width or division slash.
    text = re.sub(r"[/每÷∕]", "/", text)
    if not text:
        return None
    if "/" not in text:
        found = _lookup(text)
        return UnitInfo(*found) if found else None
    num_text, _, den_text = text.partition("/")
    num = _lookup(num_text)
    if num is None or not den_text or "/" in den_text:
        return None
    if den_text in _TIME:
        return UnitInfo(f"{num[0]}/{_TIME[den_text]}", f"{num[1]}_rate", num[2])
    den = _lookup(den_text)
    if den is None or den[2] == 0:
        return None
    return UnitInfo(f"{num[0]}/{den[0]}", f"{num[1]}_per_{den[1]}", num[2] / den[2])


def apply_magnitude(value: float | None, info: UnitInfo | None) -> float | None:
    """``value`` in the base unit (value × factor); the value unchanged when ``info`` is None."""
    if value is None:
        return None
    if info is None:
        return value
    return value * info.factor
