"""Figures and progress records from a document's entities and relations.

The model predicts the relations; the rules here fill what the guide decides by position and
the model may miss: a unit written right after an amount, 同比增长 after a figure taking that
figure's indicator, a period carried within a paragraph or numbered point, the report's
default period, subjects given by item headings such as “2.宏章电子：”, the kind that the
guide's cue words decide (力争/确保/控制在 → target, 完成…任务的N% → ratio, a target with no
plan or future word in its sentence, paragraph opening or section heading → level), and no period for
a status given as of now (目前/当前).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from parkie.document import Document, Figure, PeriodRef, Progress, Span, SubjectRef
from parkie.normalize.approx import is_approx
from parkie.normalize.numbers import parse_number
from parkie.normalize.percent import parse_percent
from parkie.normalize.periods import (
    PeriodResolution,
    find_report_date,
    report_period,
    resolve_period,
)
from parkie.normalize.units import apply_magnitude, normalize_unit
from parkie.schema import FIGURE_RELATIONS

# Fixed attributes take no carried period (guide: "How far a period carries").
_FIXED = re.compile(r"总投资|建筑面积|规划面积|占地|用地面积|注册资本|设计|总规模")
_GROWTH_CUE = re.compile(
    r"(同比|环比|比上年|比去年同期)?(增长|增加|下降|减少|提高|回落|比增|增幅为?|增速为?)[了约近超逾达]*$")
_ITEM_START = re.compile(
    r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|(?<![\d.])\d{1,2}[.、．](?!\d)")
_HEADING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?")
_HEADER_PERIOD = re.compile(r"\d{4}年(?:上半年|下半年|前三季度|第?[一二三四]季度|1[-—～至]\d{1,2}月份?|度)?")
_DONE_PCT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
# Cue words of the guide's "Level or target" and "Completion" rules, read in the figure's own
# sentence or clause. They are hand-written because they are this domain's fixed formulas.
_LOOKBACK = 200  # cue words further back than this do not govern a figure (bounds the work)
_CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?\n]")
_SENTENCE_SPLIT = re.compile(r"[。；;！？!?\n]")
_TARGET_CUE = re.compile(r"力争|争取")  # in the sentence
_PLAN_CUE = re.compile(r"计划(?!总投资)|目标|任务数|确保|控制在")  # in the clause
_TASK_INDICATOR = re.compile(r"(任务数?|目标|年计划|计划数)$")
_TASK_RATIO_CUE = re.compile(r"完成.{0,12}(任务|计划|目标)")
# A bare 目前/当前 gives the state as of the report date (the guide: not a PERIOD), so the
# figure it introduces covers no earlier-written period. 截至目前 is a period of its own.
_NOW_CUE = re.compile(r"(?<![截止至到])(目前|当前|现已|现有)")
# The guide's TARGET is a goal, plan, task, quota or cap, or what a project will reach once
# built: a figure the model calls a target whose sentence (to the 。), paragraph opening and
# section heading (三、2019年工作打算) say none of these, nor 将/预计/下一步/全年 …, is an
# actual result. Plan words are looked for at most this far back.
_SECTION_LOOKBACK = 1500
_FULL_STOP = re.compile(r"[。！？!?\n]")
_SECTION_HEADING = re.compile(r"(?m)^[ \t　]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
_FUTURE_CUE = re.compile(
    r"力[争爭求]|[争爭]取|[计計][划劃]|目[标標]|任[务務]|[确確]保|控制在|可[实實]现|可[达達]|[将將]|"
    r"(?:建成|达产|達產|投产|投產|完成|竣工|落地|满产|滿產)[后後]|全年|年内|年內|[xX×*＊]{1,2}|"
    r"[预預][计計期]|[拟擬](?!定)|打算|安排|明年|下一?步|下[阶階]段|[规規][划劃]|努力|[指][标標]|(?<![主重需])要(?![求素])|"
    r"不[少低][于於]|冲刺|衝刺|争创|爭創|部署|思路|到20\d\d年|20\d\d年(?:底|末|前)")


@dataclass
class LinkContext:
    """What the linker knows about the whole report."""

    report_date: dt.date | None
    default_period: PeriodRef | None


def report_context(doc: Document) -> LinkContext:
    """The report date and default period (from meta, header or title)."""
    report_date = find_report_date(doc.text, doc.meta)
    default = None
    head = doc.text[:1000]
    res = report_period(head, report_date)
    if res is not None and res.start is not None:
        # Point the default period at the header words it was read from, so offsets stay real.
        for m in _HEADER_PERIOD.finditer(head):
            r = resolve_period(m.group(0), report_date)
            if r.start == res.start and r.end == res.end:
                default = PeriodRef(m.start(), m.end(), m.group(0), res.start.isoformat(),
                                    res.end.isoformat() if res.end else None)
                break
        # A 2021年度工作总结 published in January 2022 speaks of 2021: relative periods
        # (全年, 今年, 截至目前) resolve against the end of the reported period, not the
        # publication date, when the two fall in different years.
        if res.end is not None and (report_date is None or report_date.year != res.end.year):
            report_date = res.end
    return LinkContext(report_date, default)


def _period_ref(doc: Document, i: int, ctx: LinkContext) -> PeriodRef:
    e = doc.entities[i]
    res: PeriodResolution = resolve_period(e.text, ctx.report_date)
    return PeriodRef(e.start, e.end, e.text,
                     res.start.isoformat() if res.start else None,
                     res.end.isoformat() if res.end else None, res.reason)


def _subject_ref(doc: Document, i: int) -> SubjectRef:
    e = doc.entities[i]
    return SubjectRef(e.start, e.end, e.text, e.label)


def _segments(text: str, start: int, end: int) -> list[int]:
    """Start offsets of the numbered points inside a paragraph (the paragraph start first)."""
    starts = [start]
    for m in _ITEM_START.finditer(text, start, end):
        if m.start() > start:
            starts.append(m.start())
    return starts


def link(doc: Document, paragraphs: list[tuple[int, int]] | None = None,
         ctx: LinkContext | None = None) -> Document:
    """Fill ``doc.figures`` and ``doc.progress`` from its entities and relations (in place)."""
    ctx = ctx or report_context(doc)
    text = doc.text
    ents = doc.entities
    if paragraphs is None:
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)] or [(0, len(text))]
    out_rel: dict[int, list[tuple[str, int]]] = {}
    in_rel: dict[int, list[tuple[str, int]]] = {}
    for r in doc.relations:
        out_rel.setdefault(r.head, []).append((r.type, r.tail))
        in_rel.setdefault(r.tail, []).append((r.type, r.head))

    def first(i: int, typ: str) -> int | None:
        return next((t for ty, t in out_rel.get(i, []) if ty == typ), None)

    figures: list[Figure] = []
    progress: list[Progress] = []
    para_of = _paragraph_index(ents, paragraphs)
    for p_index, (ps, pe) in enumerate(paragraphs):
        members = [i for i in range(len(ents)) if para_of[i] == p_index]
        if not members:
            continue
        heading = _heading_subject(doc, members, ps)
        seg_starts = _segments(text, ps, pe)
        last_indicator: tuple[int, str] | None = None  # (entity index, kind) of the last figure
        for i in members:
            e = ents[i]
            if e.label == "PROGRESS":
                progress.append(_progress(doc, i, first, out_rel, heading, ctx))
                continue
            if e.label not in ("AMOUNT", "PERCENT"):
                continue
            head = next(((ty, h) for ty, h in in_rel.get(i, []) if ty in FIGURE_RELATIONS), None)
            kind = FIGURE_RELATIONS[head[0]] if head else "level"
            indicator = head[1] if head else None
            # A completion percentage (「装修已完成」80%) is a figure whose indicator is the
            # PROGRESS span, as the guide defines figures; the progress record also carries it.
            is_completion = head is not None and ents[head[1]].label == "PROGRESS"
            if indicator is not None and not is_completion:
                kind = _cue_kind(text, e, ents[indicator].text, kind, ps)
                if kind == "target" and not _future_context(text, e.start):
                    kind = "level"
            if indicator is None and last_indicator is not None:
                # 同比增长 right after a figure: the growth of that figure's indicator.
                before = text[max(ps, e.start - 8) : e.start]
                if _GROWTH_CUE.search(before) and not _sentence_break(text, ents[last_indicator[0]].end, e.start):
                    indicator, kind = last_indicator[0], "growth"
            unit_i = first(i, "UNIT")
            if unit_i is None and e.label == "AMOUNT":
                unit_i = _adjacent_unit(doc, i)
            fig = _figure(doc, i, indicator, kind, unit_i, ctx)
            period_i = first(i, "PERIOD")
            if period_i is not None and not _event_date(doc, period_i, in_rel):
                fig.period = _period_ref(doc, period_i, ctx)
            elif indicator is not None:
                fig.period = _carried_period(doc, i, indicator, members, seg_starts, in_rel, ctx)
            if fig.period is not None and _stated_as_of_now(text, e.start, fig.period.end):
                fig.period = None
            subj = [t for ty, t in out_rel.get(i, []) if ty == "SUBJECT"]
            if not subj and is_completion:
                subj = [t for ty, t in out_rel.get(indicator, []) if ty == "SUBJECT"]
            if subj:
                fig.subject = _subject_ref(doc, subj[0])
            elif heading is not None and indicator is not None:
                fig.subject = heading
            figures.append(fig)
            if indicator is not None:
                last_indicator = (indicator, kind)
    doc.figures = figures
    doc.progress = progress
    return doc


def _last_part(split: re.Pattern, text: str, start: int, at: int) -> str:
    """The text from the last ``split`` match in ``text[start:at]`` (at most _LOOKBACK back) to ``at``."""
    return split.split(text[max(start, at - _LOOKBACK) : at])[-1]


def _cue_kind(text: str, e, indicator_text: str, kind: str, para_start: int) -> str:
    """The kind the guide's cue words decide, where the model chose otherwise.

    A percentage in a clause that says 完成…任务/计划/目标 is the completion of that task (a
    ratio). A level becomes a target when 力争/争取 governs its sentence, when its clause or the
    clause leading its colon-introduced list says 计划/目标/确保/控制在/任务数, or when the
    indicator itself is a task (下达任务数).
    """
    clause = _last_part(_CLAUSE_SPLIT, text, para_start, e.start)
    if e.label == "PERCENT" and kind in ("level", "growth", "target") and _TASK_RATIO_CUE.search(clause):
        return "ratio"
    if kind != "level":
        return kind
    sentence = _last_part(_SENTENCE_SPLIT, text, para_start, e.start)
    if _TARGET_CUE.search(sentence) or _TASK_INDICATOR.search(indicator_text) or _PLAN_CUE.search(clause):
        return "target"
    # A list led by a task (目标任务分别为：A 1亿元，B 8个): every item is a target.
    colon = max(sentence.rfind("："), sentence.rfind(":"))
    if colon > 0 and _PLAN_CUE.search(_CLAUSE_SPLIT.split(sentence[:colon])[-1]):
        return "target"
    return kind


def _future_context(text: str, at: int) -> bool:
    """Whether the figure's sentence (up to ``at``), its paragraph's opening sentence or its
    section heading speaks of plans or the future."""
    lo = max(0, at - _SECTION_LOOKBACK)
    heads = list(_SECTION_HEADING.finditer(text, lo, at))
    if heads:
        line_end = text.find("\n", heads[-1].start(), at)
        if line_end != -1 and _FUTURE_CUE.search(text, heads[-1].start(), line_end):
            return True
    line_start = text.rfind("\n", lo, at) + 1
    opening = _FULL_STOP.search(text, line_start, at)
    if opening and _FUTURE_CUE.search(text, line_start, opening.start()):
        return True
    return bool(_FUTURE_CUE.search(_last_part(_FULL_STOP, text, line_start, at)))


def _stated_as_of_now(text: str, at: int, period_end: int) -> bool:
    """Whether the figure's sentence says 目前/当前 after the period it was linked to."""
    if period_end > at:
        return False
    return bool(_NOW_CUE.search(_last_part(_SENTENCE_SPLIT, text, period_end, at)))


def _paragraph_index(ents: list, paragraphs: list[tuple[int, int]]) -> list[int]:
    out = []
    for e in ents:
        idx = -1
        for k, (s, t) in enumerate(paragraphs):
            if s <= e.start < t:
                idx = k
                break
        out.append(idx)
    return out


def _sentence_break(text: str, a: int, b: int) -> bool:
    return bool(re.search(r"[。；;！？\n]", text[a:b]))


def _adjacent_unit(doc: Document, i: int) -> int | None:
    e = doc.entities[i]
    for j, u in enumerate(doc.entities):
        if u.label == "UNIT" and u.start >= e.end and not doc.text[e.end : u.start].strip():
            return j
    return None


def _figure(doc: Document, i: int, indicator: int | None, kind: str, unit_i: int | None,
            ctx: LinkContext) -> Figure:
    e = doc.entities[i]
    text = doc.text
    fig = Figure(amount=Span(e.start, e.end, e.text),
                 indicator=Span(doc.entities[indicator].start, doc.entities[indicator].end,
                                doc.entities[indicator].text) if indicator is not None else None,
                 kind=kind)
    after_end = e.end
    if e.label == "PERCENT":
        parsed = parse_percent(e.text)
        fig.value = parsed.value
        fig.unit, fig.dimension, fig.unit_text = "%", "percent", None
        fig.approx = parsed.approx or is_approx(e.text, text[max(0, e.start - 3) : e.start], text[e.end : e.end + 3])
        return fig
    parsed = parse_number(e.text)
    value = parsed.value
    if unit_i is not None:
        u = doc.entities[unit_i]
        fig.unit_text = u.text
        fig.unit_span = Span(u.start, u.end, u.text)
        after_end = u.end
        info = normalize_unit(u.text)
        if info is not None:
            fig.unit, fig.dimension = info.unit, info.dimension
            value = apply_magnitude(value, info)
    fig.value = value
    fig.approx = parsed.approx or is_approx(e.text, text[max(0, e.start - 3) : e.start],
                                            text[after_end : after_end + 3])
    return fig


def _event_date(doc: Document, j: int, in_rel: dict[int, list[tuple[str, int]]]) -> bool:
    """Whether PERIOD ``j`` dates an event written right after it (于「2023年3月底」「开工」).

    Such a date says when a state was reached, not which period the paragraph's figures cover,
    so figures neither take nor carry it (the guide links it to the PROGRESS only).
    """
    ents, text = doc.entities, doc.text
    p = ents[j]
    for ty, h in in_rel.get(j, []):
        k = ents[h]
        if ty == "PERIOD" and k.label == "PROGRESS" and 0 <= k.start - p.end <= 2 \
                and not text[p.end : k.start].strip("，,、 "):
            return True
    return False


def _carried_period(doc: Document, i: int, indicator: int, members: list[int], seg_starts: list[int],
                    in_rel: dict[int, list[tuple[str, int]]], ctx: LinkContext) -> PeriodRef | None:
    """The period written earlier in the same numbered point, else the report's default.

    A date that only dates an event (「2023年3月底」开工) does not carry over: it tells when a
    state was reached, not which period later figures cover.
    """
    ents = doc.entities
    if _FIXED.search(ents[indicator].text):
        return None
    e = ents[i]
    seg = max(s for s in seg_starts if s <= e.start)
    for j in reversed(members):
        p = ents[j]
        if p.label == "PERIOD" and seg <= p.start < e.start:
            if _event_date(doc, j, in_rel):
                continue
            return _period_ref(doc, j, ctx)
    return ctx.default_period


def _heading_subject(doc: Document, members: list[int], para_start: int) -> SubjectRef | None:
    """An ORG/PROJECT that opens the paragraph as its heading (“2.宏章电子：…”)."""
    text = doc.text
    m = _HEADING.match(text, para_start)
    at = m.end() if m else para_start
    for i in members:
        e = doc.entities[i]
        if e.label in ("ORG", "PROJECT") and e.start == at:
            rest = text[e.end : e.end + 4]
            if re.match(r"^(项目|公司)?[：:]", rest):
                return _subject_ref(doc, i)
    return None


def _progress(doc: Document, i: int, first, out_rel: dict[int, list[tuple[str, int]]],
              heading: SubjectRef | None, ctx: LinkContext) -> Progress:
    e = doc.entities[i]
    state = e.state or "UNDER_CONSTRUCTION"
    percent = None
    val = first(i, "VALUE")
    if val is not None:
        percent = parse_percent(doc.entities[val].text).value
    else:
        m = _DONE_PCT.search(e.text)
        if m:
            percent = float(m.group(1))
    if percent is not None and percent < 100 and state == "COMPLETED":
        state = "UNDER_CONSTRUCTION"  # guide: 完成N% with N<100 is still under construction
    subj = [t for ty, t in out_rel.get(i, []) if ty == "SUBJECT"]
    subject = _subject_ref(doc, subj[0]) if subj else heading
    period_i = first(i, "PERIOD")
    period = _period_ref(doc, period_i, ctx) if period_i is not None else None
    if (period is not None and period.date_from and ctx.report_date is not None
            and period.date_from > ctx.report_date.isoformat()):
        state = "PLANNED"  # the guide: expected later; a stage dated after the report is not reached yet
    return Progress(e.start, e.end, e.text, state, percent, subject, period)
