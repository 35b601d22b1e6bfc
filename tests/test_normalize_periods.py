"""Tests for parkie.normalize.periods."""

from __future__ import annotations

import datetime

import pytest

from parkie.normalize.periods import (
    PeriodResolution,
    find_report_date,
    report_period,
    resolve_period,
)

D = datetime.date
RD = D(2021, 7, 10)  # the report date used throughout


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # month ranges, with every dash a PDF can produce
        ("1-5月份", D(2021, 1, 1), D(2021, 5, 31)),
        ("1-5月", D(2021, 1, 1), D(2021, 5, 31)),
        ("1至6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1～6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1~6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1—6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1–6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1－6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1——6月", D(2021, 1, 1), D(2021, 6, 30)),
        ("1 5月份", D(2021, 1, 1), D(2021, 5, 31)),  # lost hyphen
        ("16月", D(2021, 1, 1), D(2021, 6, 30)),  # lost hyphen, no space left
        ("112月", D(2021, 1, 1), D(2021, 12, 31)),
        ("13月", D(2021, 1, 1), D(2021, 3, 31)),  # no month 13: read as 1-3月
        ("1-12月份", D(2021, 1, 1), D(2021, 12, 31)),
        ("1月至5月", D(2021, 1, 1), D(2021, 5, 31)),
        ("一至六月", D(2021, 1, 1), D(2021, 6, 30)),
        ("3-4月", D(2021, 3, 1), D(2021, 4, 30)),
        ("１－５月份", D(2021, 1, 1), D(2021, 5, 31)),
        ("前5个月", D(2021, 1, 1), D(2021, 5, 31)),
        ("前五个月", D(2021, 1, 1), D(2021, 5, 31)),
        # with a year
        ("2018年1-5月份", D(2018, 1, 1), D(2018, 5, 31)),
        ("2018年 1-5月份", D(2018, 1, 1), D(2018, 5, 31)),
        ("今年1-6月份", D(2021, 1, 1), D(2021, 6, 30)),
        ("去年1-6月", D(2020, 1, 1), D(2020, 6, 30)),
        ("2020年2月", D(2020, 2, 1), D(2020, 2, 29)),
        # single months and days
        ("5月份", D(2021, 5, 1), D(2021, 5, 31)),
        ("5月", D(2021, 5, 1), D(2021, 5, 31)),
        ("十二月", D(2021, 12, 1), D(2021, 12, 31)),
        ("6月30日", D(2021, 6, 30), D(2021, 6, 30)),
        ("6月30号", D(2021, 6, 30), D(2021, 6, 30)),
        ("5月底", D(2021, 5, 31), D(2021, 5, 31)),
        ("5月初", D(2021, 5, 1), D(2021, 5, 1)),
        ("5月上旬", D(2021, 5, 1), D(2021, 5, 10)),
        ("5月中旬", D(2021, 5, 11), D(2021, 5, 20)),
        ("2月下旬", D(2021, 2, 21), D(2021, 2, 28)),
        ("1月1日至5月31日", D(2021, 1, 1), D(2021, 5, 31)),
        # halves and quarters
        ("上半年", D(2021, 1, 1), D(2021, 6, 30)),
        ("下半年", D(2021, 7, 1), D(2021, 12, 31)),
        ("今年上半年", D(2021, 1, 1), D(2021, 6, 30)),
        ("2018年上半年", D(2018, 1, 1), D(2018, 6, 30)),
        ("明年上半年", D(2022, 1, 1), D(2022, 6, 30)),
        ("一季度", D(2021, 1, 1), D(2021, 3, 31)),
        ("第一季度", D(2021, 1, 1), D(2021, 3, 31)),
        ("1季度", D(2021, 1, 1), D(2021, 3, 31)),
        ("二季度", D(2021, 4, 1), D(2021, 6, 30)),
        ("第三季度", D(2021, 7, 1), D(2021, 9, 30)),
        ("四季度", D(2021, 10, 1), D(2021, 12, 31)),
        ("前三季度", D(2021, 1, 1), D(2021, 9, 30)),
        ("1-3季度", D(2021, 1, 1), D(2021, 9, 30)),
        ("二、三季度", D(2021, 4, 1), D(2021, 9, 30)),
        ("三季度末", D(2021, 9, 30), D(2021, 9, 30)),
        # whole years
        ("全年", D(2021, 1, 1), D(2021, 12, 31)),
        ("年内", D(2021, 1, 1), D(2021, 12, 31)),
        ("2018年", D(2018, 1, 1), D(2018, 12, 31)),
        ("2018年度", D(2018, 1, 1), D(2018, 12, 31)),
        ("二〇一八年", D(2018, 1, 1), D(2018, 12, 31)),
        ("18年", D(2018, 1, 1), D(2018, 12, 31)),
        ("今年", D(2021, 1, 1), D(2021, 12, 31)),
        ("本年", D(2021, 1, 1), D(2021, 12, 31)),
        ("本年度", D(2021, 1, 1), D(2021, 12, 31)),
        ("当年", D(2021, 1, 1), D(2021, 12, 31)),
        ("当年度", D(2021, 1, 1), D(2021, 12, 31)),
        ("今年全年", D(2021, 1, 1), D(2021, 12, 31)),
        ("去年", D(2020, 1, 1), D(2020, 12, 31)),
        ("上年", D(2020, 1, 1), D(2020, 12, 31)),
        ("上年度", D(2020, 1, 1), D(2020, 12, 31)),
        ("明年", D(2022, 1, 1), D(2022, 12, 31)),
        ("来年", D(2022, 1, 1), D(2022, 12, 31)),
        ("2021-2023年", D(2021, 1, 1), D(2023, 12, 31)),
        ("2021年-2023年", D(2021, 1, 1), D(2023, 12, 31)),
        ("2021至2023年", D(2021, 1, 1), D(2023, 12, 31)),
        ("2025年底", D(2025, 12, 31), D(2025, 12, 31)),
        ("年底", D(2021, 12, 31), D(2021, 12, 31)),
        # cumulative: from 1 January to the date
        ("截至5月底", D(2021, 1, 1), D(2021, 5, 31)),
        ("截止5月底", D(2021, 1, 1), D(2021, 5, 31)),
        ("截至9月末", D(2021, 1, 1), D(2021, 9, 30)),
        ("截至2019年6月底", D(2019, 1, 1), D(2019, 6, 30)),
        ("截止2019年6月底", D(2019, 1, 1), D(2019, 6, 30)),
        ("截至6月30日", D(2021, 1, 1), D(2021, 6, 30)),
        ("截至三季度末", D(2021, 1, 1), D(2021, 9, 30)),
        ("截至年底", D(2021, 1, 1), D(2021, 12, 31)),
        ("到2025年", D(2025, 1, 1), D(2025, 12, 31)),
        ("到2025年底", D(2025, 1, 1), D(2025, 12, 31)),
        ("至2025年", D(2025, 1, 1), D(2025, 12, 31)),
        # up to the report date
        ("截止目前", D(2021, 1, 1), RD),
        ("截至目前", D(2021, 1, 1), RD),
        ("到目前为止", D(2021, 1, 1), RD),
        ("截至发稿", D(2021, 1, 1), RD),
        ("截至发稿时", D(2021, 1, 1), RD),
        ("截至当前", D(2021, 1, 1), RD),
        ("至今", D(2021, 1, 1), RD),
        ("今年以来", D(2021, 1, 1), RD),
        ("2021年截至目前", D(2021, 1, 1), RD),
        ("本月", D(2021, 7, 1), D(2021, 7, 31)),
        ("上月", D(2021, 6, 1), D(2021, 6, 30)),
        # five-year plans
        ("十三五", D(2016, 1, 1), D(2020, 12, 31)),
        ("十三五期间", D(2016, 1, 1), D(2020, 12, 31)),
        ("十三五时期", D(2016, 1, 1), D(2020, 12, 31)),
        ("十四五", D(2021, 1, 1), D(2025, 12, 31)),
        ("十四五期间", D(2021, 1, 1), D(2025, 12, 31)),
        ("十四五末", D(2025, 1, 1), D(2025, 12, 31)),
        ("十四五期末", D(2025, 1, 1), D(2025, 12, 31)),
        ("‘十四五’末", D(2025, 1, 1), D(2025, 12, 31)),  # quoted, as reports write it
        ("“十四五”期间", D(2021, 1, 1), D(2025, 12, 31)),
        ("到十四五末", D(2025, 1, 1), D(2025, 12, 31)),
        ("十四五初", D(2021, 1, 1), D(2021, 12, 31)),
        ("十二五", D(2011, 1, 1), D(2015, 12, 31)),
        ("十五五", D(2026, 1, 1), D(2030, 12, 31)),
        ("十三五以来", D(2016, 1, 1), RD),
    ],
)
def test_resolve_period(text: str, start: D, end: D) -> None:
    assert resolve_period(text, RD) == PeriodResolution(start, end, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018年1-5月份", D(2018, 1, 1), D(2018, 5, 31)),
        ("截至2019年6月底", D(2019, 1, 1), D(2019, 6, 30)),
        ("2018年度", D(2018, 1, 1), D(2018, 12, 31)),
        ("十三五期间", D(2016, 1, 1), D(2020, 12, 31)),
        ("2021-2023年", D(2021, 1, 1), D(2023, 12, 31)),
        ("2019年上半年", D(2019, 1, 1), D(2019, 6, 30)),
    ],
)
def test_resolve_period_own_year_needs_no_report_date(text: str, start: D, end: D) -> None:
    assert resolve_period(text) == PeriodResolution(start, end, None)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("今年", "今年"),
        ("今年1-6月份", "今年"),
        ("当年度", "当年"),
        ("去年", "去年"),
        ("截至目前", "截至目前"),
        ("今年以来", "今年以来"),
        ("本月", "本月"),
        ("十三五以来", "十三五以来"),
        ("上半年", "no year"),
        ("1-5月份", "no year"),
        ("截至5月底", "no year"),
        ("全年", "no year"),
    ],
)
def test_resolve_period_without_report_date_gives_reason(text: str, fragment: str) -> None:
    res = resolve_period(text, None)
    assert res.start is None and res.end is None
    assert res.reason is not None and fragment in res.reason


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("foo", "unrecognised"),
        ("目前", "unrecognised"),  # bare 目前 is not a period (annotation guide)
        ("1-13月", "unrecognised"),
        ("0月", "unrecognised"),
        ("1-0月", "unrecognised"),
        ("2月30日", "invalid date"),
        ("xx年上半年", "placeholder"),
        ("XX年", "placeholder"),
        ("去年同期", "compared"),
        ("2023-2021年", "backwards"),
        ("2020年截至目前", "2020"),  # report written in 2021
        ("十三五规划中期", "unrecognised"),
    ],
)
def test_resolve_period_unresolvable(text: str, fragment: str) -> None:
    res = resolve_period(text, RD)
    assert (res.start, res.end) == (None, None)
    assert res.reason is not None and fragment in res.reason


def test_a_deadline_resolves_to_the_period_it_names() -> None:
    # 「6月底前建成投产」: the PERIOD 6月底前 says when the stage is due.
    assert resolve_period("6月底前", RD) == PeriodResolution(D(2021, 6, 30), D(2021, 6, 30), None)
    assert resolve_period("二季度内", RD) == PeriodResolution(D(2021, 4, 1), D(2021, 6, 30), None)
    assert resolve_period("2022年底前") == PeriodResolution(D(2022, 12, 31), D(2022, 12, 31), None)
    assert "no year" in (resolve_period("年底前", None).reason or "")
    assert "unrecognised period '目前'" in (resolve_period("目前", RD).reason or "")


@pytest.mark.parametrize("bad", [None, 2021, ["今年"]])
def test_resolve_period_non_string(bad: object) -> None:
    res = resolve_period(bad, RD)  # type: ignore[arg-type]
    assert res.start is None and res.reason


def test_resolve_period_accepts_datetime_and_iso_report_date() -> None:
    expected = PeriodResolution(D(2021, 1, 1), D(2021, 12, 31), None)
    assert resolve_period("今年", datetime.datetime(2021, 7, 10, 9, 30)) == expected
    assert resolve_period("今年", "2021-07-10") == expected  # type: ignore[arg-type]
    assert resolve_period("今年", "not a date").reason  # type: ignore[arg-type]


# --- find_report_date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        ("", {"report_date": "2021-07-10"}, D(2021, 7, 10)),
        ("", {"date": "2021-07-10"}, D(2021, 7, 10)),
        ("", {"date": "2021-07-10T08:00:00"}, D(2021, 7, 10)),
        ("", {"report_date": D(2020, 1, 2)}, D(2020, 1, 2)),
        ("生成日期: 2018-06-07", {"report_date": "2021-07-10"}, D(2021, 7, 10)),
        ("生成日期: 2018-06-07", {"report_date": "bad"}, D(2018, 6, 7)),
        ("生成日期: 2018-06-07", None, D(2018, 6, 7)),
        ("发布机构: 开发区 生成日期: 2018-06-07\n文件编号:", None, D(2018, 6, 7)),
        ("公开日期：2019-02-21 10:00:03", None, D(2019, 2, 21)),
        ("| 公开日期: | 2019-02-21 10:00:03 |", None, D(2019, 2, 21)),
        ("发布时间 2020年3月5日", None, D(2020, 3, 5)),
        ("上传时间:2019-07-21 格式:DOCX", None, D(2019, 7, 21)),
        ("发布日期：2020/03/05", None, D(2020, 3, 5)),
        ("2018年上半年工作总结", None, D(2018, 6, 30)),
        ("2019年工作总结", None, D(2019, 12, 31)),
        ("2019年度工作总结", None, D(2019, 12, 31)),
        ("2020年工作计划", None, D(2020, 1, 1)),
        ("2018年下半年工作计划", None, D(2018, 7, 1)),
        ("2018年1-5月份工作情况", None, D(2018, 5, 31)),
        ("2022上半年工作总结", None, D(2022, 6, 30)),  # 年 left out of the title
        ("园区2018年上半年工作总结及下半年工作计划", None, D(2018, 6, 30)),
        ("生成日期: 2018-06-07\n2018年上半年工作总结", None, D(2018, 6, 7)),
        # the report's own opening formula wins over a garbled title
        ("开发区2022上半年工作总结\n现将开发区2023年上半年工作开展情况总结如下：", None, D(2023, 6, 30)),
        ("现将2020年工作计划汇报如下", None, D(2020, 1, 1)),
        ("现将我区2018年上半年工作总结及下半年工作计划汇报如下", None, D(2018, 6, 30)),
        ("2019年工作总结\n现将有关情况汇报如下", None, D(2019, 12, 31)),
        ("xx年上半年工作总结", None, None),
        ("上半年工作总结", None, None),
        ("no date here", None, None),
        ("", None, None),
        ("生成日期: 2018-13-45", None, None),
    ],
)
def test_find_report_date(text: str, meta: dict | None, expected: D | None) -> None:
    assert find_report_date(text, meta) == expected


def test_find_report_date_only_searches_the_header() -> None:
    text = "园区简介。" * 300 + "生成日期: 2018-06-07"
    assert find_report_date(text) is None
    assert find_report_date("生成日期: 2018-06-07" + "园区简介。" * 300) == D(2018, 6, 7)


def test_find_report_date_bad_input() -> None:
    assert find_report_date(None) is None  # type: ignore[arg-type]
    assert find_report_date("", {"report_date": None}) is None
    assert find_report_date("", "2021-07-10") is None  # type: ignore[arg-type]


# --- report_period --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018年上半年工作总结", D(2018, 1, 1), D(2018, 6, 30)),
        ("园区2018年上半年工作总结及下半年工作计划", D(2018, 1, 1), D(2018, 6, 30)),
        ("一、2018年工作总结", D(2018, 1, 1), D(2018, 12, 31)),
        ("2020年工作计划", D(2020, 1, 1), D(2020, 12, 31)),
        ("2019年前三季度工作汇报", D(2019, 1, 1), D(2019, 9, 30)),
        ("2018年1-5月份工作情况", D(2018, 1, 1), D(2018, 5, 31)),
        ("上半年工作总结", D(2021, 1, 1), D(2021, 6, 30)),  # year from the report date
    ],
)
def test_report_period(text: str, start: D, end: D) -> None:
    assert report_period(text, RD) == PeriodResolution(start, end, None)


def test_report_period_none_and_reasons() -> None:
    assert report_period("园区经济运行良好", RD) is None
    assert report_period("", RD) is None
    assert report_period(None, RD) is None  # type: ignore[arg-type]
    placeholder = report_period("工业园区xx年上半年工作总结", RD)
    assert placeholder is not None and placeholder.reason and "placeholder" in placeholder.reason
    no_year = report_period("上半年工作总结", None)
    assert no_year is not None and no_year.start is None and no_year.reason
