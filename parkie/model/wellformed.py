"""Drop tagged spans that the annotation guide rules out, before relations are scored.

The CRF guarantees well-formed BIO runs, not well-formed entities: on unseen layouts it may
tag the magnitude of a blank (「 亿」元, a number left out of a draft), a rank (第「26」「名」), a
cross-reference (详见附件「4」), a unit with no number before it or a 的 where a blank left no
unit. The guide labels none of these, and no span in the project's corpus breaks these rules,
so they are dropped rather than learned around.

An INDICATOR is a noun phrase without reporting verbs or time words (the guide), yet on real
reports the tagger sometimes lets it start with 目前已/完成/实现/累计 or the aspect word 已 (「已签约项目」
is 已「签约项目」) or end with 近/约/一共/各; those edges are trimmed off (no indicator in the corpus
starts or ends so). A 新增/新引进/新签约/新开工/新认定 just before an INDICATOR is taken into it,
the guide keeping such qualifiers. A PERIOD cut just before 来/以来 (「一年」来) is extended over
it, as the corpus labels 今年以来 whole.

No name or phrase starts with a list separator (、「汉峰科技」, ：「用地项目」).

A date at the head of a PROGRESS (「4月中旬完成招标」, 工程于「2023年3月底开工」) is its own PERIOD
unless a plan word comes before it (「预计8月底完工」 stays whole): the guide's rule, so the span
is split into the PERIOD and the PROGRESS after it.
"""

from __future__ import annotations

import re

# A numeral, Arabic or Chinese, or a placeholder standing for one; 万/亿 alone are magnitudes.
_NUMERAL = re.compile(r"[0-9０-９零〇一二三四五六七八九十两百千壹贰叁肆伍陆柒捌玖拾佰几数xX*×＊]")
_UNIT_GAP = 3  # characters allowed between an AMOUNT and its UNIT (spaces, a bracket)
_INDICATOR_HEAD = re.compile(r"^(?:目前|当前|现已|已经|已|完成|实现|累计|总计|共计|共(?![享建同有治创商]))+")
# A list separator the tagger let into a name or phrase (、「汉峰科技」 tagged 「、汉峰科技」).
_LEADING_SEPARATOR = re.compile(r"[、，,；;：:]+")
_NAMED = ("ORG", "PROJECT", "INDICATOR", "PROGRESS")
_INDICATOR_TAIL = re.compile(r"(?:一共|共计|共|近|约|超|逾|达|各)$")
# Qualifiers the guide keeps inside an INDICATOR (「新增规上企业」) when the tagger leaves them out.
_NEW_QUALIFIER = re.compile(r"(?:新增|新引进|新签约|新开工|新认定)$")
_PERIOD_SINCE = re.compile(r"以来|来")
# A rank or a cross-reference number (第26名, 详见附件4) is not an AMOUNT.
_REFERENCE_BEFORE = re.compile(r"(?:第|附件|附表)$")
_FUNCTION_WORDS = frozenset({"的", "了", "和", "及", "与", "等"})
_DOUBLE_PERCENT = {"%%", "％％", "%％", "％%"}
# ORG is an enterprise (the guide): a span ending in a place or sector word is not one, and a
# school or kindergarten is a public-works PROJECT. No ORG of the corpus ends so.
_PLACE_END = re.compile(r"(?:村|岗|街道|区块|社区|行业|大道|国道|省道)$")
_SCHOOL_END = re.compile(r"(?:小学|中学|幼儿园|学校)$")
# A PROGRESS led by a date: a short lead-in ending in 于/自 (已于, 工程于), the date, then the
# stage. Hand-written because the date has to be found inside the tagger's span, where the
# period normaliser (which reads a whole PERIOD) cannot look.
_YEAR = r"(?:(?:19|20)\d\d年度?|明年|今年|去年|次年)"
_SUB_YEAR = (r"(?:年内|年底|年末|年初|年中|[上下]半年|[一二三四1-4]季度(?:末|底)?|"
             r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:[1-3]?\d日|[上中下]旬|底|初|末)?)")
_DATED_PROGRESS = re.compile(
    rf"(?P<lead>[^，,。；;、]{{0,3}}[于自])?(?P<date>{_YEAR}{_SUB_YEAR}?|{_SUB_YEAR})(?:以前|之前|前|以内|内)?"
    r"(?![起来以至到份])(?P<rest>..+)")
# Plan words: after one the date stays inside the PROGRESS (the guide's PLANNED phrases).
_PLAN_WORD = re.compile(r"[预預][计計期定]|[计計][划劃]|力[争爭]|[确確]保|[争爭]取|[拟擬]|[将將]|要|方案|准[备備]|"
                        r"有望|可望|推[动動]|限期|目[标標]")


def trim_indicator(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without a leading reporting word or a trailing approximation word, unless
    fewer than two characters would remain."""
    span = text[s:e]
    head = _INDICATOR_HEAD.match(span)
    if head and len(span) - head.end() >= 2:
        s += head.end()
    tail = _INDICATOR_TAIL.search(text, s, e)
    if tail and tail.start() - s >= 2:
        e = tail.start()
    return s, e


def split_dated_progress(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """The PROGRESS ``text[s:e]`` as (start, end, label) spans: a PERIOD and a PROGRESS when it
    starts with a date that no plan word (in the span or just before it) puts inside, else itself."""
    m = _DATED_PROGRESS.fullmatch(text, s, e)
    if not m or _PLAN_WORD.search(text, max(0, s - 2), m.start("date")):
        return [(s, e, "PROGRESS")]
    return [(m.start("date"), m.start("rest"), "PERIOD"), (m.start("rest"), e, "PROGRESS")]


def filter_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` (start, end, label) less AMOUNTs without a numeral or after 第/附件, UNITs with no
    kept AMOUNT just before them (or that are a 的) and ORGs that name a place or sector; a
    leading list separator is cut from names and phrases, INDICATOR edges are
    trimmed (:func:`trim_indicator`) and take a 新增-type qualifier just before them, a doubled %
    is left out, a school tagged ORG becomes a PROJECT, a PERIOD is extended over a following
    来/以来 and a dated PROGRESS is split (:func:`split_dated_progress`)."""
    kept: list[tuple[int, int, str]] = []
    amount_ends: list[int] = []
    # PERIOD end -> end over the 来/以来 that follows it
    since = {e: m.end() for s, e, label in spans if label == "PERIOD" and not text[s:e].endswith("来")
             for m in [_PERIOD_SINCE.match(text, e)] if m}
    for s, e, label in sorted(spans):
        if label == "PERIOD":
            e = since.get(e, e)
        else:
            # the 来 a PERIOD takes over is cut from the span the tagger put it in (「来共组织处理」)
            s = max([s] + [end for end in since.values() if s < end <= e])
            if s >= e:
                continue
        if label in _NAMED and (sep := _LEADING_SEPARATOR.match(text, s, e)):
            s = sep.end()
            if s >= e:
                continue
        if label == "AMOUNT":
            if not _NUMERAL.search(text, s, e) or _REFERENCE_BEFORE.search(text, max(0, s - 2), s):
                continue
            amount_ends.append(e)
        elif label == "UNIT":
            if not any(0 <= s - end <= _UNIT_GAP for end in amount_ends):
                continue
            if text[s:e] in _FUNCTION_WORDS:
                continue  # 完成年计划40亿「的」 %: a blank left the 的 where a unit would be
        elif label == "INDICATOR":
            s, e = trim_indicator(text, s, e)
            qualifier = _NEW_QUALIFIER.search(text, max(0, s - 3), s)
            if qualifier and not (kept and kept[-1][1] > qualifier.start()):
                s = qualifier.start()
        elif label == "PERCENT" and e - s > 2 and text[e - 2 : e] in _DOUBLE_PERCENT:
            e -= 1  # the guide: 13.2%% is labelled 「13.2%」
        if label == "ORG":
            if _PLACE_END.search(text, s, e):
                continue
            if _SCHOOL_END.search(text, s, e):
                label = "PROJECT"
        elif label == "PROGRESS":
            kept += split_dated_progress(text, s, e)
            continue
        kept.append((s, e, label))
    return kept
