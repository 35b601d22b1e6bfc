"""Tests for parkie.normalize.percent."""

from __future__ import annotations

import pytest

from parkie.normalize.percent import ParsedPercent, parse_percent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15.49%", 15.49),
        ("15.49％", 15.49),  # full-width percent sign
        ("１５．４９％", 15.49),
        ("16.8%", 16.8),
        ("0.5%", 0.5),
        ("100%", 100.0),
        ("13.2%%", 13.2),  # doubled % typo
        ("13.2%%%", 13.2),
        ("26.1", 26.1),  # % lost after 同比增长
        ("15. 49%", 15.49),  # PDF-broken decimal
        ("15 .49 %", 15.49),
        (" 7.5% ", 7.5),
        ("-3.2%", -3.2),
        ("-3.2％", -3.2),
        ("百分之十五", 15.0),
        ("百分之十五点五", 15.5),
        ("百分之五", 5.0),
        ("百分之百", 100.0),
        ("百分之一百", 100.0),
        ("负百分之三", -3.0),
        ("千分之五", 0.5),
        ("千分之三", 0.3),
        ("5‰", 0.5),
        ("79.37%", 79.37),
    ],
)
def test_parse_percent_values(text: str, value: float) -> None:
    parsed = parse_percent(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.placeholder is False
    assert parsed.approx is False
    assert parsed.low is None and parsed.high is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10%-15%", 10.0, 15.0),
        ("10-15%", 10.0, 15.0),
        ("10%～15%", 10.0, 15.0),
        ("10~15%", 10.0, 15.0),
        ("10%至15%", 10.0, 15.0),
        ("10—15%", 10.0, 15.0),
        ("5%-8.5%", 5.0, 8.5),
    ],
)
def test_parse_percent_ranges(text: str, low: float, high: float) -> None:
    parsed = parse_percent(text)
    assert parsed.low == pytest.approx(low)
    assert parsed.high == pytest.approx(high)
    assert parsed.value == pytest.approx((low + high) / 2)
    assert parsed.approx is True


@pytest.mark.parametrize("text", ["xx%", "XX%", "x%", "**%", "*%", "××%", "ｘｘ％", "x.x%", "百分之xx"])
def test_parse_percent_placeholders(text: str) -> None:
    assert parse_percent(text) == ParsedPercent(value=None, placeholder=True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("30%以上", 30.0), ("30%左右", 30.0), ("20%多", 20.0), ("百分之十以上", 10.0)],
)
def test_parse_percent_approx_tail(text: str, value: float) -> None:
    parsed = parse_percent(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.approx is True


@pytest.mark.parametrize("text", ["", "  ", "%", "%%", "abc", "abc%", "百分之", "千分之", "以上"])
def test_parse_percent_garbage(text: str) -> None:
    parsed = parse_percent(text)
    assert parsed.value is None
    assert parsed.placeholder is False


@pytest.mark.parametrize("bad", [None, 15, 1.5, ["15%"]])
def test_parse_percent_non_string(bad: object) -> None:
    assert parse_percent(bad) == ParsedPercent(value=None, placeholder=False)  # type: ignore[arg-type]


def test_parsed_percent_defaults() -> None:
    parsed = ParsedPercent(value=1.0, placeholder=False)
    assert (parsed.low, parsed.high, parsed.approx) == (None, None, False)
