"""Resolve the text of a PERIOD span to a date range, and find a report's date and period.

Date arithmetic uses ``datetime``/``calendar``; the period vocabulary (1-5月份, 上半年,
前三季度, 截至5月底, 十四五末, 当年度…) is specific to Chinese work reports and handled here by
hand. Nothing is guessed: a period that needs a year and has none (no year in the text and
no report date) comes back with a ``reason`` and no dates.

Decisions (see docs/normalisers.md):

* A cumulative period (截至/截止/到 + a date) runs from 1 January of that year to the date.
* 截至目前 / 到目前为止 / 截至发稿 / 今年以来 run from 1 January of the report year to the
  report date.
* N月底 / 年底 without 截至/到 is a single day (the last day of that month or year).
* 十四五末 is the plan's last year, in full (2025-01-01..2025-12-31); 十四五初 its first year.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["PeriodResolution", "find_report_date", "report_period", "resolve_period"]

Date = datetime.date


@dataclass(frozen=True)
class PeriodResolution:
    """A period as an inclusive date range, or ``reason`` (and no dates) when unresolved."""

    start: datetime.date | None
    end: datetime.date | None
    reason: str | None


#: How many characters of a document are searched for its date and title.
HEADER_CHARS = 1000

_QUOTES = "'\"‘’“”「」『』〝〞《》"
_DASHES_RE = re.compile(r"[—–−―‐‑~〜～－]+|-{2,}")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
_SEP = r"(?:-|至|到)"
_M = r"(\d{1,3}|[一二三四五六七八九十]{1,3})"  # a month; 3 digits for a lost hyphen (112月)
_Q = r"([一二三四1-4])"

# Periods that end on the report date.
_TO_DATE_RE = re.compile(
    r"(?:截[至止]到?|到|至|直至|迄)(?:目前|当前|现在|今日|今天|发稿时?|报告日)(?:为止|止)?"
    r"|至今|迄今|到目前为止|目前为止|(?:今年|本年|年初|今年初|本年度)以来|今年来"
)
_MONTH_REL_RE = re.compile(r"(本|当|上|上个)月(?:份)?")
_DEADLINE_RE = re.compile(r"(?:以前|之前|前|以内|之内|内)\s*$")
_CUMULATIVE_RE = re.compile(r"截[至止]到?|直至|直到|到|至")
_PLAN_RE = re.compile(
    r"(十[一二三四五六七八九]|十|[六七八九])五(?:规划|计划)?"
    r"(期间|时期|以来|末期?|期末|初期?|期初|年)?"
)
_YEAR_RANGE_RE = re.compile(rf"(\d{{4}})(?:年度?)?{_SEP}(\d{{4}})年度?")
_YEAR_RE = re.compile(
    r"(?:(?P<num>\d{4}|\d{2})|(?P<cn>[〇○零一二三四五六七八九]{4})"
    r"|(?P<rel>上一|下一|今|本|当|去|上|明|来|下|前|后)|(?P<ph>[xX×*]{1,4}))年(?:度)?"
)
_REL_YEAR = {"今": 0, "本": 0, "当": 0, "去": -1, "上": -1, "上一": -1, "前": -2,
             "明": 1, "来": 1, "下": 1, "下一": 1, "后": 2}  # fmt: skip


def _ok(start: Date, end: Date) -> PeriodResolution:
    return PeriodResolution(start, end, None)


def _fail(reason: str) -> PeriodResolution:
    return PeriodResolution(None, None, reason)


def _last_day(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"(\d)\s+(\d)", r"\1-\2", s)  # 1 5月份: a hyphen lost in PDF extraction
    s = re.sub(r"\s+", "", s)
    s = s.translate({ord(c): None for c in _QUOTES})  # ‘十四五’末
    return _DASHES_RE.sub("-", s)


def _as_date(value: Any) -> Date | None:
    """A date from a date, datetime or ISO-like string; None otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if isinstance(value, str):
        m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", value)
        if m:
            try:
                return Date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _cn_int(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    try:
        import cn2an  # imported on first use (slow import)

        value = cn2an.cn2an(token, "normal")
    except Exception:  # cn2an raises ValueError and others on text it does not know
        return None
    return int(value) if float(value).is_integer() else None


def _quarter(token: str) -> int:
    return int(token) if token.isdigit() else "一二三四".index(token) + 1


# A sub-year period: a function of the year giving (start, end), and whether it is one day
# (月底/年底), which a cumulative prefix (截至) turns into a range from 1 January.
_Spec = tuple[Callable[[int], tuple[Date, Date]], bool]


def _months(m1: int, m2: int) -> _Spec | None:
    if not (1 <= m1 <= m2 <= 12):
        return None
    return (lambda y: (Date(y, m1, 1), _last_day(y, m2))), False


def _month_token(token: str) -> tuple[int, int] | None:
    """A month, or a month range whose hyphen was lost (16月 → 1-6, 112月 → 1-12)."""
    n = _cn_int(token)
    if n is None:
        return None
    if 1 <= n <= 12:
        return n, n
    if token.isdigit() and len(token) in (2, 3) and token[0] == "1":
        # Heuristic: a period always starts in January when the hyphen gets lost.
        last = int(token[1:])
        if 1 < last <= 12:
            return 1, last
    return None


def _sub_year(rest: str) -> _Spec | None:
    """Parse what follows the year (or the whole text when there is none)."""
    if rest in ("", "全年", "年内", "内", "全年度", "整年", "年度", "度", "年度内"):
        return (lambda y: (Date(y, 1, 1), Date(y, 12, 31))), False
    if rest in ("底", "末", "年底", "年末", "终", "年终"):
        return (lambda y: (Date(y, 12, 31), Date(y, 12, 31))), True
    if rest in ("初", "年初"):
        return (lambda y: (Date(y, 1, 1), Date(y, 1, 1))), True
    if rest in ("上半年", "前半年"):
        return _months(1, 6)
    if rest in ("下半年", "后半年"):
        return _months(7, 12)
    if rest in ("上半年末", "上半年底", "年中"):
        return (lambda y: (Date(y, 6, 30), Date(y, 6, 30))), True
    m = re.fullmatch(rf"(前|第)?{_Q}季度?(末|底)?", rest)
    if m:
        q = _quarter(m.group(2))
        if m.group(3):
            return (lambda y: (_last_day(y, 3 * q), _last_day(y, 3 * q))), True
        return _months(1 if m.group(1) == "前" else 3 * q - 2, 3 * q)
    m = re.fullmatch(rf"第?{_Q}(?:季度)?(?:{_SEP}|、)第?{_Q}季度", rest)
    if m:
        return _months(3 * _quarter(m.group(1)) - 2, 3 * _quarter(m.group(2)))
    m = re.fullmatch(r"前(\d{1,2}|[一二三四五六七八九十]{1,3})个?月(?:份)?", rest)
    if m:
        n = _cn_int(m.group(1))
        return _months(1, n) if n else None
    m = re.fullmatch(rf"{_M}月?(?:份)?{_SEP}{_M}月(?:份)?", rest)
    if m:
        a, b = _cn_int(m.group(1)), _cn_int(m.group(2))
        return _months(a, b) if a and b else None
    m = re.fullmatch(rf"{_M}月(\d{{1,2}})[日号]?{_SEP}{_M}月(\d{{1,2}})[日号]", rest)
    if m:
        a, b = _cn_int(m.group(1)), _cn_int(m.group(3))
        d1, d2 = int(m.group(2)), int(m.group(4))
        if a is None or b is None:
            return None
        return (lambda y: (Date(y, a, d1), Date(y, b, d2))), False
    m = re.fullmatch(rf"{_M}月(?:份)?(底|末|末期|初|上旬|中旬|下旬|(\d{{1,2}})[日号])?", rest)
    if m:
        months = _month_token(m.group(1))
        if months is None:
            return None
        first, last = months
        part = m.group(2)
        if part is None:
            return _months(first, last)
        if first != last:
            return None
        if part in ("底", "末", "末期"):
            return (lambda y: (_last_day(y, last), _last_day(y, last))), True
        if part == "初":
            return (lambda y: (Date(y, last, 1), Date(y, last, 1))), True
        if part.endswith("旬"):
            lo, hi = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}[part]

            def ten_days(y: int) -> tuple[Date, Date]:
                # 下旬 ends on the month's last day (28th-31st).
                return Date(y, last, lo), Date(y, last, min(hi, _last_day(y, last).day))

            return ten_days, False
        day = int(m.group(3))
        return (lambda y: (Date(y, last, day), Date(y, last, day))), True
    return None


def _plan(s: str, report_date: Date | None) -> PeriodResolution | None:
    m = _PLAN_RE.fullmatch(s)
    if not m:
        return None
    n = _cn_int(m.group(1))
    if n is None or n < 6:
        return _fail(f"five-year plan {s!r} before the sixth is not supported")
    first = 1981 + 5 * (n - 6)  # the sixth plan is 1981-1985; they have run back to back
    part = m.group(2) or ""
    if part.startswith("末") or part == "期末":
        return _ok(Date(first + 4, 1, 1), Date(first + 4, 12, 31))
    if part.startswith("初") or part == "期初":
        return _ok(Date(first, 1, 1), Date(first, 12, 31))
    if part == "以来":
        if report_date is None:
            return _fail(f"no report date to resolve {s!r} against")
        return _ok(Date(first, 1, 1), report_date)
    return _ok(Date(first, 1, 1), Date(first + 4, 12, 31))


def _resolve(text: Any, report_date: Date | None) -> PeriodResolution:
    if not isinstance(text, str):
        return _fail("period text is not a string")
    s = _normalize(text)
    if not s:
        return _fail("empty period text")
    if _TO_DATE_RE.fullmatch(s):
        if report_date is None:
            return _fail(f"no report date to resolve {s!r} against")
        return _ok(Date(report_date.year, 1, 1), report_date)
    m = _MONTH_REL_RE.fullmatch(s)
    if m:
        if report_date is None:
            return _fail(f"no report date to resolve {s!r} against")
        first = report_date.replace(day=1)
        if m.group(1).startswith("上"):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return _ok(first, _last_day(first.year, first.month))
    if s.endswith("同期"):
        return _fail(f"{s!r} is relative to a compared period")

    cumulative = False
    m = _CUMULATIVE_RE.match(s)
    if m and m.end() < len(s):
        cumulative, s = True, s[m.end() :]
    s = re.sub(r"(?:为止|止|期间)$", "", s) or s

    planned = _plan(s, report_date)
    if planned is not None:
        return planned
    m = _YEAR_RANGE_RE.fullmatch(s)
    if m:
        y1, y2 = int(m.group(1)), int(m.group(2))
        if y1 > y2:
            return _fail(f"year range {s!r} runs backwards")
        return _ok(Date(y1, 1, 1), Date(y2, 12, 31))

    year: int | None = None
    rest = s
    m = _YEAR_RE.match(s)
    if m:
        rest = s[m.end() :]
        if m.group("ph"):
            return _fail(f"placeholder year in {s!r}")
        if m.group("num"):
            year = int(m.group("num"))
            year += 2000 if year < 100 else 0  # 18年 in a 2018 report
        elif m.group("cn"):
            year = int("".join(str(_CN_DIGIT[c]) for c in m.group("cn")))
        else:
            if report_date is None:
                return _fail(f"no report date to resolve {m.group(0)!r} against")
            year = report_date.year + _REL_YEAR[m.group("rel")]
    if year is not None and _TO_DATE_RE.fullmatch(rest):
        # 2023年截至目前: only resolvable when the report was written in that year.
        if report_date is None or report_date.year != year:
            return _fail(f"{s!r} needs a report date in {year}")
        return _ok(Date(year, 1, 1), report_date)
    spec = _sub_year(rest)
    if spec is None:
        return _fail(f"unrecognised period {text.strip()!r}")
    if year is None:
        if report_date is None:
            return _fail(f"no year in {s!r} and no report date to take it from")
        year = report_date.year
    func, is_point = spec
    try:
        start, end = func(year)
    except ValueError as exc:  # 2月30日 and the like
        return _fail(f"invalid date in {s!r}: {exc}")
    if cumulative:
        start = Date(year, 1, 1)
    elif is_point:
        start = end
    return _ok(start, end)


def resolve_period(text: str, report_date: datetime.date | None = None) -> PeriodResolution:
    """Resolve a PERIOD span's text to an inclusive date range.

    A period without a year of its own takes ``report_date``'s year; relative years
    (今年, 去年, 当年度…) count from it. When that is needed and ``report_date`` is None, or the
    text is not understood, the result has a ``reason`` and no dates. Never raises.
    """
    try:
        res = _resolve(text, _as_date(report_date))
        # A deadline (6月底前, 二季度内) resolves to the period it names: the state is due then.
        m = _DEADLINE_RE.search(text) if res.start is None and isinstance(text, str) else None
        if m and m.start():
            named = _resolve(text[: m.start()], _as_date(report_date))
            if named.start is not None or not (named.reason or "").startswith("unrecognised"):
                return named
        return res
    except Exception as exc:  # last resort: a normaliser must not break a pipeline
        return _fail(f"could not resolve {text!r}: {exc}")


# Work-report titles: 2018年上半年工作总结, 2019年工作计划, 2018年1-5月份工作情况.
_TITLE_PERIOD = r"(?:上半年|下半年|前三季度|第?[一二三四]季度|\d{1,2}\s*[-—–~～至]\s*\d{1,2}\s*月份?)"
_REPORT_KINDS = r"总结|汇报|报告|情况|计划|要点|打算|思路|安排"
_TITLE_RE = re.compile(
    # 2022上半年工作总结: the 年 after a title's year is sometimes left out.
    r"(?:(?P<y>(?:19|20)\d{2})\s*年?|(?P<ph>[xX×*]{2,4})\s*年)度?\s*"
    r"(?P<p>" + _TITLE_PERIOD + r")?\s*的?\s*(?:工作)?\s*"
    r"(?P<k>" + _REPORT_KINDS + r")"
)
_TITLE_NO_YEAR_RE = re.compile(
    r"(?P<p>" + _TITLE_PERIOD + r")\s*工作\s*(?P<k>" + _REPORT_KINDS + r")"
)
_PLAN_KINDS = frozenset({"计划", "要点", "打算", "思路", "安排"})
_DATE_LABEL_RE = re.compile(
    r"(?:生成日期|公开日期|发布日期|发布时间|发文日期|成文日期|印发日期|上传时间|更新时间|日期|时间)"
    r"[\s:：|]*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)


# The report's own opening formula (现将2023年上半年工作开展情况总结如下): it is part of the body,
# so where it names a year it is trusted over a title, which web copies often garble.
_SELF_RE = re.compile(
    r"现将.{0,40}?(?P<y>(?:19|20)\d{2})\s*年?度?\s*(?P<p>" + _TITLE_PERIOD + r")?"
    r"(?P<rest>[^。\n]{0,24}?)(?:总结|汇报|报告)如下"
)
_KIND_WORD = re.compile(_REPORT_KINDS)


def _title(text: str) -> tuple[str, str] | None:
    """The period text and kind (总结, 计划…) of the report: its opening formula
    (现将…总结如下) when that names a year, else the first report title in the header."""
    head = text[:HEADER_CHARS]
    own = _SELF_RE.search(head)
    if own:
        kind = _KIND_WORD.search(own.group("rest"))
        return f"{own.group('y')}年" + (own.group("p") or ""), kind.group(0) if kind else "总结"
    m = _TITLE_RE.search(head) or _TITLE_NO_YEAR_RE.search(head)
    if not m:
        return None
    groups = m.groupdict()
    year = groups.get("y") or groups.get("ph")
    period = (f"{year}年" if year else "") + (m.group("p") or "")
    return period, m.group("k")


def find_report_date(text: str, meta: Mapping[str, Any] | None = None) -> datetime.date | None:
    """The date a report was written, or None.

    Looks at ``meta["report_date"]`` then ``meta["date"]`` (ISO strings or dates); then, in the
    first :data:`HEADER_CHARS` characters, a labelled date (生成日期: 2018-06-07, 公开日期,
    发布时间 2020年3月5日, 上传时间); then the title: a summary (2018年上半年工作总结) gives the
    end of its period (2018-06-30), a plan (2020年工作计划) the start of its period
    (2020-01-01), since plans are written as that period begins. Never raises.
    """
    try:
        if isinstance(meta, Mapping):
            for key in ("report_date", "date"):
                found = _as_date(meta.get(key))
                if found is not None:
                    return found
        if not isinstance(text, str):
            return None
        for m in _DATE_LABEL_RE.finditer(text[:HEADER_CHARS]):
            found = _as_date(m.group(1))
            if found is not None:
                return found
        title = _title(text)
        if title is None:
            return None
        resolved = resolve_period(title[0], None)
        if resolved.reason is not None:
            return None
        return resolved.start if title[1] in _PLAN_KINDS else resolved.end
    except Exception:  # last resort: a normaliser must not break a pipeline
        return None


def report_period(text: str, report_date: datetime.date | None) -> PeriodResolution | None:
    """The report's own period from its title (2018年上半年工作总结 → 2018-01-01..2018-06-30).

    None when the header has no such title; a resolution with a ``reason`` when the title has
    one that cannot be resolved (a placeholder year xx年, or no year and no report date).
    """
    try:
        if not isinstance(text, str):
            return None
        title = _title(text)
        if title is None:
            return None
        return resolve_period(title[0], report_date)
    except Exception:  # last resort: a normaliser must not break a pipeline
        return None
