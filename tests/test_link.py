"""The linker on hand-labelled paragraphs (compact format): carry-over, growth, defaults, headings."""

from __future__ import annotations

from parkie.corpus.compact import compile_text
from parkie.document import Document, Entity, Relation
from parkie.link import link, report_context


def labelled(body: str, meta: str = '{"report_date": "2018-07-10"}') -> Document:
    docs = compile_text(f"=== t\nmeta: {meta}\n{body}\n")
    assert len(docs) == 1
    return docs[0]


def figures_by_amount(doc: Document) -> dict[str, object]:
    link(doc)
    return {f.amount.text: f for f in doc.figures}


def test_level_growth_unit_value_and_period_resolution() -> None:
    doc = labelled(
        "[1-5月份]{PERIOD1}，园区实现[工业总产值]{INDICATOR1}[147.6亿]{AMOUNT1}[元]{UNIT1}，同比增长[15.4%]{PERCENT1}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR1 GROWTH PERCENT1 | AMOUNT1,PERCENT1 PERIOD PERIOD1"
    )
    figs = figures_by_amount(doc)
    level, growth = figs["147.6亿"], figs["15.4%"]
    assert level.kind == "level" and level.indicator.text == "工业总产值"
    assert level.value == 147.6e8 and level.unit == "CNY" and level.dimension == "currency"
    assert level.unit_text == "元"
    assert level.period.date_from == "2018-01-01" and level.period.date_to == "2018-05-31"
    assert growth.kind == "growth" and growth.value == 15.4 and growth.unit == "%"


def test_period_carries_within_paragraph_but_not_to_fixed_attributes() -> None:
    doc = labelled(
        "[上半年]{PERIOD1}，实现[税收]{INDICATOR1}[6.1亿]{AMOUNT1}[元]{UNIT1}；"
        "[实际利用外资]{INDICATOR2}[0.6亿]{AMOUNT2}[美元]{UNIT2}。[总投资]{INDICATOR3}[8.8亿]{AMOUNT3}[元]{UNIT3}的污水厂开工。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 | INDICATOR3 VALUE AMOUNT3 | AMOUNT1 PERIOD PERIOD1"
    )
    figs = figures_by_amount(doc)
    assert figs["6.1亿"].period.text == "上半年"
    # No PERIOD relation for the second figure: the linker carries the paragraph's period.
    assert figs["0.6亿"].period.text == "上半年"
    assert figs["0.6亿"].period.date_to == "2018-06-30"
    assert figs["0.6亿"].value == 6e7 and figs["0.6亿"].unit == "USD"
    # A fixed attribute (总投资) takes no carried period.
    assert figs["8.8亿"].period is None


def test_period_does_not_carry_into_next_numbered_point() -> None:
    doc = labelled(
        "一是[1-6月]{PERIOD1}完成[工业投资]{INDICATOR1}[23亿]{AMOUNT1}[元]{UNIT1}；二是新增[高新技术企业]{INDICATOR2}[12]{AMOUNT2}[家]{UNIT2}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 | AMOUNT1 PERIOD PERIOD1"
    )
    figs = figures_by_amount(doc)
    assert figs["23亿"].period.text == "1-6月"
    assert figs["12"].period is None


def test_growth_after_figure_takes_its_indicator() -> None:
    # The model gave no GROWTH relation: 同比增长 right after a figure takes that figure's indicator.
    doc = labelled(
        "实现[主营业务收入]{INDICATOR1}[142.7亿]{AMOUNT1}[元]{UNIT1}，同比增长[14.27%]{PERCENT1}。\n"
        "> INDICATOR1 VALUE AMOUNT1"
    )
    figs = figures_by_amount(doc)
    growth = figs["14.27%"]
    assert growth.kind == "growth" and growth.indicator.text == "主营业务收入"


def test_growth_rule_stops_at_sentence_end() -> None:
    doc = labelled(
        "实现[税收]{INDICATOR1}[3亿]{AMOUNT1}[元]{UNIT1}。增长[12%]{PERCENT1}的是另一件事。\n"
        "> INDICATOR1 VALUE AMOUNT1"
    )
    figs = figures_by_amount(doc)
    assert figs["12%"].indicator is None


def test_report_default_period_from_title() -> None:
    text = "某某经开区2018年上半年工作总结\n园区[规上工业企业]{INDICATOR1}[78]{AMOUNT1}[家]{UNIT1}。"
    docs = compile_text("=== t\nmeta: {}\n" + text.replace("\n", "\n") + "\n> INDICATOR1 VALUE AMOUNT1\n")
    # Join the title and the body into one document, as a report would be.
    title, body = docs
    doc = Document("r", title.text + "\n" + body.text)
    shift = len(title.text) + 1
    for e in body.entities:
        e.start += shift
        e.end += shift
    doc.entities, doc.relations = body.entities, body.relations
    ctx = report_context(doc)
    assert ctx.default_period is not None
    assert doc.text[ctx.default_period.start : ctx.default_period.end] == ctx.default_period.text
    link(doc, ctx=ctx)
    fig = doc.figures[0]
    assert fig.period is not None
    assert (fig.period.date_from, fig.period.date_to) == ("2018-01-01", "2018-06-30")


def test_heading_subject_applies_to_item() -> None:
    doc = labelled(
        "2.[宏章电子]{ORG1}：完成[投资]{INDICATOR1}[1.2亿]{AMOUNT1}[元]{UNIT1}，[二期厂房]{PROJECT1}[主体封顶]{PROGRESS1=UNDER_CONSTRUCTION}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | PROJECT1 PART_OF ORG1 | PROGRESS1 SUBJECT PROJECT1"
    )
    figs = figures_by_amount(doc)
    assert figs["1.2亿"].subject.text == "宏章电子" and figs["1.2亿"].subject.label == "ORG"
    prog = doc.progress[0]
    assert prog.state == "UNDER_CONSTRUCTION" and prog.subject.text == "二期厂房"


def test_progress_percent_and_state_correction() -> None:
    doc = labelled(
        "[综合楼]{PROJECT1}[装修已完成]{PROGRESS1=COMPLETED}[80%]{PERCENT1}。\n"
        "> PROGRESS1 VALUE PERCENT1 | PROGRESS1 SUBJECT PROJECT1"
    )
    link(doc)
    assert len(doc.progress) == 1
    p = doc.progress[0]
    assert p.percent == 80.0
    assert p.state == "UNDER_CONSTRUCTION"  # 完成80% is not finished
    # The guide: a figure is any tail of VALUE, so the completion is also a figure whose
    # indicator is the stage, with the stage's subject.
    [fig] = doc.figures
    assert fig.indicator.text == "装修已完成" and fig.kind == "level" and fig.value == 80.0
    assert fig.subject.text == "综合楼"


def test_a_stage_dated_after_the_report_is_planned() -> None:
    # Report of 2018-07-10: 年底前 (2018-12-31) is still ahead, 5月 (2018-05) is past.
    doc = labelled(
        "[污水厂]{PROJECT1}[年底前]{PERIOD1}[建成投产]{PROGRESS1=OPERATING}，"
        "[综合楼]{PROJECT2}已于[5月]{PERIOD2}[竣工]{PROGRESS2=COMPLETED}，[研发楼]{PROJECT3}[主体封顶]{PROGRESS3=UNDER_CONSTRUCTION}。\n"
        "> PROGRESS1 SUBJECT PROJECT1 | PROGRESS1 PERIOD PERIOD1 | PROGRESS2 SUBJECT PROJECT2 "
        "| PROGRESS2 PERIOD PERIOD2 | PROGRESS3 SUBJECT PROJECT3"
    )
    link(doc)
    states = {p.text: (p.state, p.period.date_from if p.period else None) for p in doc.progress}
    assert states == {"建成投产": ("PLANNED", "2018-12-31"), "竣工": ("COMPLETED", "2018-05-01"),
                      "主体封顶": ("UNDER_CONSTRUCTION", None)}


def test_approximation_and_magnitude() -> None:
    doc = labelled(
        "新建[标准厂房]{INDICATOR1}[3.4万余]{AMOUNT1}[平方米]{UNIT1}，[用地]{INDICATOR2}约[2100]{AMOUNT2}[亩]{UNIT2}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2"
    )
    figs = figures_by_amount(doc)
    assert figs["3.4万余"].value == 34000 and figs["3.4万余"].approx and figs["3.4万余"].unit == "m2"
    assert figs["2100"].approx and abs(figs["2100"].value - 2100 * 666.6667) < 1


def test_placeholder_amount_has_no_value() -> None:
    doc = labelled("力争[税收]{INDICATOR1}突破[xx亿]{AMOUNT1}[元]{UNIT1}。\n> INDICATOR1 TARGET AMOUNT1")
    fig = figures_by_amount(doc)["xx亿"]
    assert fig.kind == "target" and fig.value is None and fig.unit == "CNY"


def test_unresolvable_period_keeps_span_without_dates() -> None:
    doc = labelled(
        "[今年]{PERIOD1}完成[工业投资]{INDICATOR1}[5亿]{AMOUNT1}[元]{UNIT1}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | AMOUNT1 PERIOD PERIOD1",
        meta="{}",
    )
    fig = figures_by_amount(doc)["5亿"]
    assert fig.period.text == "今年" and fig.period.date_from is None and fig.period.reason


def test_year_end_report_published_next_year_resolves_to_reported_year() -> None:
    body = compile_text("=== t\nmeta: {}\n[全年]{PERIOD1}实现[工业总产值]{INDICATOR1}[412.8亿]{AMOUNT1}[元]{UNIT1}。\n"
                        "> INDICATOR1 VALUE AMOUNT1 | AMOUNT1 PERIOD PERIOD1\n")[0]
    title = "某高新区2021年度工作总结\n发布日期：2022-01-12\n"
    doc = Document("r", title + body.text, meta={"report_date": "2022-01-12"})
    for e in body.entities:
        e.start += len(title)
        e.end += len(title)
    doc.entities, doc.relations = body.entities, body.relations
    link(doc)
    assert (doc.figures[0].period.date_from, doc.figures[0].period.date_to) == ("2021-01-01", "2021-12-31")


def test_event_date_of_a_state_is_not_a_figure_period() -> None:
    # 「2023年3月底」 dates the start of works; the quantities after it are not "for" that date,
    # whether the model linked them to it or the linker would carry it.
    doc = labelled(
        "[纬九路]{PROJECT1}于[2023年3月底]{PERIOD1}[开工]{PROGRESS1=UNDER_CONSTRUCTION}，现已铺设[雨水管道]{INDICATOR1}"
        "[640]{AMOUNT1}[米]{UNIT1}，砌筑[检查井]{INDICATOR2}[22]{AMOUNT2}[座]{UNIT2}；[上半年]{PERIOD2}完成[投资]{INDICATOR3}"
        "[0.8亿]{AMOUNT3}[元]{UNIT3}。\n"
        "> PROGRESS1 SUBJECT PROJECT1 | PROGRESS1 PERIOD PERIOD1 | INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 "
        "| INDICATOR3 VALUE AMOUNT3 | AMOUNT1 PERIOD PERIOD1 | AMOUNT3 PERIOD PERIOD2"
    )
    figs = figures_by_amount(doc)
    assert figs["640"].period is None  # linked by the model to the event date: dropped
    assert figs["22"].period is None  # not carried either
    assert figs["0.8亿"].period.text == "上半年"
    assert doc.progress[0].period.text == "2023年3月底"


def test_cue_words_decide_target_and_ratio_over_the_relation_type() -> None:
    doc = labelled(
        "[下半年]{PERIOD1}力争[规上工业产值]{INDICATOR1}达到[60亿]{AMOUNT1}[元]{UNIT1}；"
        "[污水排放量]{INDICATOR2}总量控制在[2万]{AMOUNT2}[吨/天]{UNIT2}；"
        "[1-9月]{PERIOD2}完成[工业投资]{INDICATOR3}[18亿]{AMOUNT3}[元]{UNIT3}，完成年度任务的[75%]{PERCENT1}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 | INDICATOR3 VALUE AMOUNT3 | INDICATOR3 GROWTH PERCENT1"
    )
    figs = figures_by_amount(doc)
    assert figs["60亿"].kind == "target"  # 力争 governs the sentence
    assert figs["2万"].kind == "target"  # 控制在: a cap
    assert figs["18亿"].kind == "level"  # a result: no cue
    assert figs["75%"].kind == "ratio"  # 完成…任务的N%


def test_every_item_of_a_list_led_by_a_task_is_a_target() -> None:
    doc = labelled(
        "今年下达的目标任务分别为：[新增基础设施投入]{INDICATOR1}[1亿]{AMOUNT1}[元]{UNIT1}，"
        "[新增入园项目]{INDICATOR2}[8]{AMOUNT2}[个]{UNIT2}。[上半年]{PERIOD1}已完成：[新增入园项目]{INDICATOR3}"
        "[5]{AMOUNT3}[个]{UNIT3}，[新增基础设施投入]{INDICATOR4}[0.4亿]{AMOUNT4}[元]{UNIT4}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 | INDICATOR3 VALUE AMOUNT3 | INDICATOR4 VALUE AMOUNT4 "
        "| AMOUNT3,AMOUNT4 PERIOD PERIOD1"
    )
    figs = figures_by_amount(doc)
    assert [figs[a].kind for a in ("1亿", "8", "5", "0.4亿")] == ["target", "target", "level", "level"]


def test_figure_stated_as_of_now_takes_no_earlier_period() -> None:
    doc = labelled(
        "[上半年]{PERIOD1}排查[安全隐患]{INDICATOR1}[48]{AMOUNT1}[处]{UNIT1}，目前已[整改到位]{INDICATOR2}[40]{AMOUNT2}[处]{UNIT2}；"
        "[新增就业]{INDICATOR3}[900]{AMOUNT3}[人]{UNIT3}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 VALUE AMOUNT2 | INDICATOR3 VALUE AMOUNT3"
        " | AMOUNT1,AMOUNT2 PERIOD PERIOD1"
    )
    figs = figures_by_amount(doc)
    assert figs["48"].period.text == "上半年"
    assert figs["40"].period is None  # 目前: the state now, even though the relation says 上半年
    assert figs["900"].period.text == "上半年"  # the next sentence carries again


def joined(body: str) -> Document:
    """One document of several labelled paragraphs (compile_text gives one per line)."""
    parts = compile_text(f"=== t\nmeta: {{\"report_date\": \"2018-07-10\"}}\n{body}\n")
    doc = Document(id="t", text="\n".join(d.text for d in parts), meta=parts[0].meta)
    offset = 0
    for d in parts:
        base = len(doc.entities)
        doc.entities += [Entity(e.start + offset, e.end + offset, e.label, e.text, e.score, e.state)
                         for e in d.entities]
        doc.relations += [Relation(r.head + base, r.tail + base, r.type) for r in d.relations]
        offset += len(d.text) + 1
    return doc


def test_target_without_any_plan_word_in_its_sentence_or_heading_is_a_result() -> None:
    # The model may call a past result a target; the guide's targets always have a cue
    # (目标, 计划, 力争, 将, 预计, 建成后 …) in the paragraph or in the section heading.
    doc = joined(
        "[1-5月份]{PERIOD1}完成[税收]{INDICATOR1}[4.3亿]{AMOUNT1}[元]{UNIT1}；新增[规上企业]{INDICATOR2}[5]{AMOUNT2}[家]{UNIT2}。\n"
        "> INDICATOR1 VALUE AMOUNT1 | INDICATOR2 TARGET AMOUNT2 | AMOUNT1,AMOUNT2 PERIOD PERIOD1\n"
        "[下半年]{PERIOD1}将新增[规上企业]{INDICATOR1}[8]{AMOUNT1}[家]{UNIT1}。\n"
        "> INDICATOR1 TARGET AMOUNT1 | AMOUNT1 PERIOD PERIOD1\n"
        "2、做大经济总量。园区紧扣“千亿园区”的目标，积极培育新动能。[上半年]{PERIOD1}完成[工业投资]{INDICATOR1}[23.1亿]{AMOUNT1}[元]{UNIT1}。\n"
        "> INDICATOR1 TARGET AMOUNT1 | AMOUNT1 PERIOD PERIOD1\n"
        "三、2019年工作打算\n"
        "（一）抓招商。新引进[亿元以上项目]{INDICATOR1}[12]{AMOUNT1}[个]{UNIT1}。\n"
        "> INDICATOR1 TARGET AMOUNT1"
    )
    figs = figures_by_amount(doc)
    assert figs["5"].kind == "level"  # no plan word anywhere before it
    assert figs["8"].kind == "target"  # 将
    assert figs["23.1亿"].kind == "level"  # 目标 is in another sentence of the paragraph
    assert figs["12"].kind == "target"  # the section heading says 打算
