"""Tests for parkie.normalize.units."""

from __future__ import annotations

import pytest

from parkie.normalize.numbers import parse_number
from parkie.normalize.units import UnitInfo, apply_magnitude, normalize_unit

_MU = 10_000 / 15


@pytest.mark.parametrize(
    ("text", "unit", "dimension", "factor"),
    [
        # currency
        ("元", "CNY", "currency", 1.0),
        ("万元", "CNY", "currency", 1e4),
        ("亿元", "CNY", "currency", 1e8),
        ("百万元", "CNY", "currency", 1e6),
        ("千万元", "CNY", "currency", 1e7),
        ("元人民币", "CNY", "currency", 1.0),
        ("美元", "USD", "currency", 1.0),
        ("万美元", "USD", "currency", 1e4),
        ("亿美元", "USD", "currency", 1e8),
        ("欧元", "EUR", "currency", 1.0),
        ("港元", "HKD", "currency", 1.0),
        ("港币", "HKD", "currency", 1.0),
        ("日元", "JPY", "currency", 1.0),
        # area
        ("平方米", "m2", "area", 1.0),
        ("㎡", "m2", "area", 1.0),
        ("m²", "m2", "area", 1.0),
        ("平米", "m2", "area", 1.0),
        ("亩", "m2", "area", _MU),
        ("万亩", "m2", "area", _MU * 1e4),
        ("公顷", "m2", "area", 1e4),
        ("平方公里", "m2", "area", 1e6),
        ("平方千米", "m2", "area", 1e6),
        ("万平方米", "m2", "area", 1e4),
        # length
        ("米", "m", "length", 1.0),
        ("公里", "m", "length", 1000.0),
        ("千米", "m", "length", 1000.0),
        ("km", "m", "length", 1000.0),
        # volume
        ("立方米", "m3", "volume", 1.0),
        ("方", "m3", "volume", 1.0),
        ("万方", "m3", "volume", 1e4),
        ("万立方米", "m3", "volume", 1e4),
        # mass
        ("吨", "t", "mass", 1.0),
        ("万吨", "t", "mass", 1e4),
        ("千克", "t", "mass", 0.001),
        ("公斤", "t", "mass", 0.001),
        # rates
        ("吨/天", "t/d", "mass_rate", 1.0),
        ("吨/日", "t/d", "mass_rate", 1.0),
        ("吨每天", "t/d", "mass_rate", 1.0),
        ("吨／日", "t/d", "mass_rate", 1.0),  # full-width slash
        ("立方米/日", "m3/d", "volume_rate", 1.0),
        ("万立方米/日", "m3/d", "volume_rate", 1e4),
        ("万吨/年", "t/a", "mass_rate", 1e4),
        ("吨/小时", "t/h", "mass_rate", 1.0),
        # per-unit ratios
        ("万元/亩", "CNY/m2", "currency_per_area", 1e4 / _MU),
        ("元/平方米", "CNY/m2", "currency_per_area", 1.0),
        ("元/吨", "CNY/t", "currency_per_mass", 1.0),
        # energy and power
        ("千瓦时", "kWh", "energy", 1.0),
        ("度", "kWh", "energy", 1.0),
        ("kWh", "kWh", "energy", 1.0),
        ("KWH", "kWh", "energy", 1.0),
        ("万千瓦时", "kWh", "energy", 1e4),
        ("亿千瓦时", "kWh", "energy", 1e8),
        ("千瓦", "kW", "power", 1.0),
        ("kW", "kW", "power", 1.0),
        ("万千瓦", "kW", "power", 1e4),
        ("兆瓦", "kW", "power", 1000.0),
        ("MW", "kW", "power", 1000.0),
        # percentage points, ratios, durations
        ("个百分点", "pp", "percentage_point", 1.0),
        ("百分点", "pp", "percentage_point", 1.0),
        ("倍", "times", "ratio", 1.0),
        ("个月", "mo", "duration", 1.0),
        ("天", "d", "duration", 1.0),
        # tolerance
        (" 万 元 ", "CNY", "currency", 1e4),
        ("亿\n元", "CNY", "currency", 1e8),
        ("　平方米　", "m2", "area", 1.0),
    ],
)
def test_normalize_unit(text: str, unit: str, dimension: str, factor: float) -> None:
    info = normalize_unit(text)
    assert info is not None
    assert info.unit == unit
    assert info.dimension == dimension
    assert info.factor == pytest.approx(factor)


@pytest.mark.parametrize(
    "classifier",
    ["家", "个", "项", "户", "人", "名", "台", "套", "座", "栋", "幢", "条", "批", "件", "宗",
     "辆", "只", "次", "人次", "块"],
)  # fmt: skip
def test_count_classifiers(classifier: str) -> None:
    assert normalize_unit(classifier) == UnitInfo(classifier, "count", 1.0)


def test_count_with_magnitude() -> None:
    assert normalize_unit("万人") == UnitInfo("人", "count", 1e4)
    assert normalize_unit("万户") == UnitInfo("户", "count", 1e4)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "foo", "斤斤", "万", "亿", "/", "元/", "/天", "吨/天/年", "元/foo", "%", "℃"],
)
def test_unknown_units(text: str) -> None:
    assert normalize_unit(text) is None


@pytest.mark.parametrize("bad", [None, 1, 2.5, "元".encode()])
def test_normalize_unit_non_string(bad: object) -> None:
    assert normalize_unit(bad) is None  # type: ignore[arg-type]


def test_exact_units_beat_magnitude_split() -> None:
    # 千瓦 is kW, not 千 × 瓦; 百分点 is pp, not 百 × 分点.
    assert normalize_unit("千瓦") == UnitInfo("kW", "power", 1.0)
    assert normalize_unit("百分点") == UnitInfo("pp", "percentage_point", 1.0)


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("152.3亿", "元", 152.3e8),
        ("3.4万余", "平方米", 34000.0),
        ("0.6亿", "美元", 6e7),
        ("2100余", "亩", 2100 * _MU),
        ("5.2", "万元", 52000.0),
        ("1.5万", "吨/天", 15000.0),
        ("86", "家", 86.0),
        ("12.4", "个百分点", 12.4),
    ],
)
def test_apply_magnitude(amount: str, unit: str, expected: float) -> None:
    value = parse_number(amount).value
    assert apply_magnitude(value, normalize_unit(unit)) == pytest.approx(expected)


def test_apply_magnitude_none_safe() -> None:
    assert apply_magnitude(None, normalize_unit("元")) is None
    assert apply_magnitude(None, None) is None
    assert apply_magnitude(3.0, None) == 3.0
    assert apply_magnitude(parse_number("xx").value, normalize_unit("亿元")) is None
