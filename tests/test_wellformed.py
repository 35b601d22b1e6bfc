"""Spans the guide rules out are dropped before relations are scored."""

import re

from parkie.model.wellformed import filter_spans


def _labels(text, spans):
    return [(text[s:e], lab) for s, e, lab in filter_spans(text, spans)]


def test_blank_number_keeps_no_amount_and_no_unit():
    text = "实现主营业务收入 亿元，完成年计划的 %。"
    spans = [(8, 10, "AMOUNT"), (10, 11, "UNIT")]
    assert _labels(text, spans) == []


def test_rank_is_not_an_amount():
    text = "综合得分81.7分列全省第26名"
    spans = [(4, 8, "AMOUNT"), (8, 9, "UNIT"), (13, 15, "AMOUNT"), (15, 16, "UNIT")]
    assert _labels(text, spans) == [("81.7", "AMOUNT"), ("分", "UNIT")]


def test_ordinary_amounts_units_and_placeholders_stay():
    text = "税收xx亿元，新增企业十余家，利用外资1. 2亿 美元"
    spans = [(2, 5, "AMOUNT"), (5, 6, "UNIT"), (11, 13, "AMOUNT"), (13, 14, "UNIT"),
             (19, 24, "AMOUNT"), (25, 27, "UNIT"), (0, 2, "INDICATOR")]
    assert [lab for _, lab in _labels(text, spans)] == ["INDICATOR", "AMOUNT", "UNIT", "AMOUNT", "UNIT",
                                                         "AMOUNT", "UNIT"]


def test_unit_without_amount_is_dropped():
    text = "新增开发面积 平方公里"
    assert _labels(text, [(7, 11, "UNIT")]) == []


def test_indicator_edges_lose_reporting_and_approximation_words():
    text = "目前已整改到位50个，办理信贷通近4亿元，完成投资3亿元，共计5个"
    words = ("目前已整改到位", "信贷通近", "完成投资", "共计")
    spans = [(text.index(w), text.index(w) + len(w), "INDICATOR") for w in words]
    got = [text[s:e] for s, e, _ in filter_spans(text, spans)]
    assert got == ["整改到位", "信贷通", "投资", "共计"]  # 共计 alone is too short to trim


def test_indicator_loses_aspect_word_and_stacked_verbs_but_not_words_starting_with_gong():
    text = "已签约未开工项目5个，累计完成投资3亿元，共享电动汽车200辆，已整改12处"
    words = ("已签约未开工项目", "累计完成投资", "共享电动汽车", "已整改")
    spans = [(text.index(w), text.index(w) + len(w), "INDICATOR") for w in words]
    got = [text[s:e] for s, e, _ in filter_spans(text, spans)]
    assert got == ["签约未开工项目", "投资", "共享电动汽车", "整改"]


def test_doubled_percent_sign_is_left_out_of_the_percent():
    text = "同比增长13.2%%；增长5%"
    got = [text[s:e] for s, e, _ in filter_spans(text, [(4, 10, "PERCENT"), (13, 15, "PERCENT")])]
    assert got == ["13.2%", "5%"]


def test_places_and_sectors_are_not_enterprises_and_schools_are_projects():
    text = "欣荣岗、湾头街道、铸造行业、星光小学、华芯电路"
    spans = [(m.start(), m.end(), "ORG") for m in re.finditer(r"[^、]+", text)]
    got = [(text[s:e], label) for s, e, label in filter_spans(text, spans)]
    assert got == [("星光小学", "PROJECT"), ("华芯电路", "ORG")]


def test_period_cut_before_lai_is_extended():
    text = "一年来共组织处理14人次，今年以来新增企业3家"
    spans = [(0, 2, "PERIOD"), (2, 8, "INDICATOR"), (13, 15, "PERIOD")]
    got = [text[s:e] for s, e, _ in filter_spans(text, spans)]
    assert got == ["一年来", "组织处理", "今年以来"]  # 来 leaves the indicator, then 共 is trimmed


def test_every_corpus_span_is_already_well_formed():
    # The rules trim the tagger's output to the corpus' conventions; a corpus span they would
    # change means the two disagree and the model is taught one thing and scored on another.
    from pathlib import Path

    from parkie.formats.doccano import read_jsonl

    data = Path(__file__).resolve().parents[1] / "data" / "annotated"
    changed = []
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl"):
        for d in read_jsonl(data / name):
            spans = [(e.start, e.end, e.label) for e in d.entities]
            kept = set(filter_spans(d.text, spans))
            changed += [(d.id, d.text[s:e], label) for s, e, label in spans if (s, e, label) not in kept]
    assert changed == []


def test_date_at_the_head_of_a_progress_is_its_own_period_unless_a_plan_word_precedes_it():
    text = "孵化基地4月中旬完成招标，道路工程于2023年3月底开工，厂房预计8月底完工，力争年内投产，污水厂年底前建成投产"
    words = ("4月中旬完成招标", "工程于2023年3月底开工", "预计8月底完工", "年内投产", "年底前建成投产")
    spans = [(text.index(w), text.index(w) + len(w), "PROGRESS") for w in words]
    assert _labels(text, spans) == [
        ("4月中旬", "PERIOD"), ("完成招标", "PROGRESS"),
        ("2023年3月底", "PERIOD"), ("开工", "PROGRESS"),
        ("预计8月底完工", "PROGRESS"),
        ("年内投产", "PROGRESS"),  # 力争 just before the span keeps the date inside
        ("年底前", "PERIOD"), ("建成投产", "PROGRESS"),
    ]


def test_progress_without_a_leading_date_or_with_a_since_phrase_stays_whole():
    text = "已完成招标，3月份以来持续推进，自3月起停工"
    words = ("已完成招标", "3月份以来持续推进", "自3月起停工")
    spans = [(text.index(w), text.index(w) + len(w), "PROGRESS") for w in words]
    assert [t for t, _ in _labels(text, spans)] == list(words)


def test_indicator_takes_the_new_qualifier_before_it():
    text = "新增规上企业5家，新签约项目12个，共新引进亿元以上项目3个，招引项目2个"
    words = ("规上企业", "项目", "亿元以上项目", "项目2")
    spans = []
    for w in words:
        i = text.index(w, spans[-1][1] if spans else 0)
        spans.append((i, i + len(w.rstrip("2")), "INDICATOR"))
    assert [t for t, _ in _labels(text, spans)] == ["新增规上企业", "新签约项目", "新引进亿元以上项目", "项目"]


def test_a_list_separator_is_not_part_of_a_name_and_zongji_is_a_reporting_word():
    text = "有新松、、汉峰科技等，总计出让商住土地341亩"
    spans = [(text.index("、汉峰科技"), text.index("等"), "ORG"), (text.index("总计"), text.index("341"), "INDICATOR")]
    assert _labels(text, spans) == [("汉峰科技", "ORG"), ("出让商住土地", "INDICATOR")]


def test_reference_numbers_function_word_units_and_each_are_left_out():
    text = "〔详见附件4、5、6〕；完成年计划40亿的 %；化解信访积案各16件；其中:用地项目8个"
    spans = [(text.index("4、5、6"), text.index("〕"), "AMOUNT"),
             (text.index("40亿"), text.index("40亿") + 3, "AMOUNT"), (text.index("的"), text.index("的") + 1, "UNIT"),
             (text.index("信访积案各"), text.index("16"), "INDICATOR"),
             (text.index(":用地"), text.index("8个"), "INDICATOR")]
    assert _labels(text, spans) == [("40亿", "AMOUNT"), ("信访积案", "INDICATOR"), ("用地项目", "INDICATOR")]
