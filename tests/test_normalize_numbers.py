"""Tests for parkie.normalize.numbers and parkie.normalize.approx."""

from __future__ import annotations

import dataclasses

import pytest

from parkie.normalize.approx import APPROX_AFTER, APPROX_BEFORE, is_approx
from parkie.normalize.numbers import ParsedNumber, parse_number


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("147.69", 147.69, False),
        ("0", 0.0, False),
        ("86", 86.0, False),
        ("1,234.5", 1234.5, False),
        ("12,345,678", 12345678.0, False),
        ("１２３．４", 123.4, False),  # full-width digits and point
        ("１，２３４", 1234.0, False),  # full-width thousands comma
        ("三千二百", 3200.0, False),
        ("十", 10.0, False),
        ("十一", 11.0, False),
        ("两", 2.0, False),
        ("两万", 20000.0, False),
        ("二十五", 25.0, False),
        ("一百零五", 105.0, False),
        ("三万五", 35000.0, False),
        ("一点二万", 12000.0, False),
        ("十余", 10.0, True),
        ("十多", 10.0, True),
        ("十来", 10.0, True),
        ("1.2万", 12000.0, False),
        ("3.4万余", 34000.0, True),
        ("3.6万余", 36000.0, True),
        ("0.6亿", 60000000.0, False),
        ("152.3亿", 15230000000.0, False),
        ("0.8亿", 80000000.0, False),
        ("1.5千", 1500.0, False),
        ("3百万", 3000000.0, False),
        ("2千万", 20000000.0, False),
        ("1万亿", 1e12, False),
        ("3亿5000万", 350000000.0, False),
        ("3000多", 3000.0, True),
        ("2100余", 2100.0, True),
        ("150余", 150.0, True),
        ("40.5万", 405000.0, False),
        ("3000有余", 3000.0, True),
        ("24. 3", 24.3, False),  # PDF-broken decimal
        ("24 .3", 24.3, False),
        ("24. 3亿", 2430000000.0, False),
        ("1 000", 1000.0, False),
        ("  12  ", 12.0, False),
        ("\n56.1\t", 56.1, False),
        ("-3.2", -3.2, False),
        ("负五", -5.0, False),
        ("约500", 500.0, True),  # tolerated although 约 is outside the span by the guide
        ("近百", 100.0, True),
        ("百余", 100.0, True),
        ("千余", 1000.0, True),
        ("百万", 1e6, False),  # a bare magnitude reads as one of it
    ],
)
def test_parse_number_values(text: str, value: float | None, approx: bool) -> None:
    parsed = parse_number(text)
    if value is None:
        assert parsed.value is None
    else:
        assert parsed.value == pytest.approx(value)
        assert parsed.approx is approx
    assert parsed.placeholder is False


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3-5", 3.0, 5.0),
        ("3～5", 3.0, 5.0),
        ("3~5", 3.0, 5.0),
        ("3至5", 3.0, 5.0),
        ("3到5", 3.0, 5.0),
        ("3—5", 3.0, 5.0),
        ("3–5", 3.0, 5.0),
        ("5-3", 3.0, 5.0),
        ("3-5万", 30000.0, 50000.0),  # magnitude written once scales both ends
        ("3万-5万", 30000.0, 50000.0),
        ("1.5-2亿", 1.5e8, 2e8),
        ("十至二十", 10.0, 20.0),
        ("3 - 5", 3.0, 5.0),
    ],
)
def test_parse_number_ranges(text: str, low: float, high: float) -> None:
    parsed = parse_number(text)
    assert parsed.low == pytest.approx(low)
    assert parsed.high == pytest.approx(high)
    assert parsed.value == pytest.approx((low + high) / 2)
    assert parsed.approx is True
    assert parsed.placeholder is False


@pytest.mark.parametrize(
    "text",
    ["xx", "XX", "x", "X", "**", "*", "××", "XX亿", "xx万", "x.x", "＊＊", "ｘｘ", " xx "],
)
def test_parse_number_placeholders(text: str) -> None:
    parsed = parse_number(text)
    assert parsed == ParsedNumber(value=None, approx=False, placeholder=True)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("十几", 11.0, 19.0),
        ("几十", 20.0, 90.0),
        ("二十几", 21.0, 29.0),
        ("几百", 200.0, 900.0),
        ("十几万", 110000.0, 190000.0),
        ("几百万", 2e6, 9e6),
        ("三四", 3.0, 4.0),  # "three or four", not 34
        ("三四十", 30.0, 40.0),
        ("两三百", 200.0, 300.0),
        ("数百", 200.0, 900.0),
        ("十数", 11.0, 19.0),
        ("十几家", None, None),  # a classifier is not part of an AMOUNT: no parse
    ],
)
def test_parse_number_fuzzy(text: str, low: float | None, high: float | None) -> None:
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.placeholder is False
    if low is None:
        assert parsed.low is None and parsed.high is None
    else:
        assert parsed.approx is True
        assert (parsed.low, parsed.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    ["", "   ", "garbage", "亿元", "1,2", "1.2.3", "%", "--", "3-", "-", "1#", "abc12"],
)
def test_parse_number_garbage(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.low is None and parsed.high is None
    assert parsed.placeholder is False


@pytest.mark.parametrize("bad", [None, 12, 3.5, b"12", ["1"]])
def test_parse_number_non_string_is_safe(bad: object) -> None:
    parsed = parse_number(bad)  # type: ignore[arg-type]
    assert parsed.value is None and parsed.placeholder is False


def test_parsed_number_is_frozen() -> None:
    parsed = parse_number("12")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.value = 1.0  # type: ignore[misc]


# --- approx ---------------------------------------------------------------------------


def test_approx_word_lists() -> None:
    for word in ("约", "近", "超", "逾", "超过", "将近", "接近", "大约", "近乎"):
        assert word in APPROX_BEFORE
    for word in ("余", "多", "以上", "左右", "上下", "有余", "许"):
        assert word in APPROX_AFTER


@pytest.mark.parametrize(
    ("amount", "before", "after", "expected"),
    [
        ("3.4万余", "", "", True),
        ("十余", "", "", True),
        ("3000多", "", "", True),
        ("3-5", "", "", True),
        ("十几", "", "", True),
        ("152.3", "", "", False),
        ("152.3", "实现产值", "元，同比增长", False),
        ("152.3", "约", "", True),
        ("152.3", "总投资约", "", True),
        ("152.3", "近", "", True),
        ("10", "超", "", True),
        ("10", "超过", "", True),
        ("10", "逾", "", True),
        ("10", "将近", "", True),
        ("10", "接近", "", True),
        ("10", "大约", "", True),
        ("10", "近乎", "", True),
        ("10", "不足", "", True),
        ("10", "约 ", "", True),  # a PDF space between 约 and the number
        ("10", "最近", "", False),
        ("10", "附近", "", False),
        ("500", "", "以上", True),
        ("500", "", "左右", True),
        ("500", "", "上下", True),
        ("500", "", "余", True),
        ("500", "", "多，", True),
        ("500", "", " 左右", True),
        ("500", "", "，同比", False),
        ("500", "达", "", False),
        ("", "", "", False),
    ],
)
def test_is_approx(amount: str, before: str, after: str, expected: bool) -> None:
    assert is_approx(amount, before, after) is expected


def test_is_approx_defaults_and_bad_input() -> None:
    assert is_approx("12") is False
    assert is_approx("12余") is True
    assert is_approx(None, None, None) is False  # type: ignore[arg-type]
