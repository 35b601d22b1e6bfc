"""The user-facing pipeline: output contract, streaming, tables and the spaCy component."""

from __future__ import annotations

import json

import pytest

from parkie.document import Document

REPORT = ("某某经开区2020年上半年工作总结\n"
          "1-6月份，园区实现工业总产值86.4亿元，同比增长12.5%；实现税收3.2亿元。\n"
          "恒达电子二期厂房已主体封顶，华兴光电项目已竣工投产。\n")


def _check_span(obj, text):
    assert isinstance(obj["start"], int) and isinstance(obj["end"], int)
    assert text[obj["start"] : obj["end"]] == obj["text"]


def test_output_contract_keys_and_types(tiny_nlp):
    doc = tiny_nlp(REPORT, meta={"report_date": "2020-07-08"}, id="r1")
    out = json.loads(json.dumps(doc.to_json(), ensure_ascii=False))
    assert set(out) == {"id", "text", "meta", "entities", "relations", "figures", "progress", "error"}
    assert out["id"] == "r1" and out["text"] == REPORT and out["error"] is None
    assert out["entities"], "the tiny model should find entities in its own style"
    for e in out["entities"]:
        assert {"start", "end", "label", "text", "score"} <= set(e)
        _check_span(e, REPORT)
        assert isinstance(e["score"], float)
    for r in out["relations"]:
        assert set(r) == {"head", "tail", "type", "score"}
        assert 0 <= r["head"] < len(out["entities"]) and 0 <= r["tail"] < len(out["entities"])
    assert out["figures"]
    for f in out["figures"]:
        assert set(f) == {"amount", "indicator", "kind", "unit_text", "unit", "dimension", "value", "approx",
                          "period", "subject"}
        _check_span(f["amount"], REPORT)
        assert f["kind"] in ("level", "growth", "ratio", "target")
        assert isinstance(f["approx"], bool)
        assert f["value"] is None or isinstance(f["value"], float)
        for key in ("indicator", "period", "subject"):
            if f[key] is not None:
                _check_span(f[key], REPORT)
        if f["period"] is not None:
            assert set(f["period"]) == {"start", "end", "text", "from", "to"}
    for p in out["progress"]:
        assert set(p) == {"start", "end", "text", "state", "percent", "subject", "period"}
        _check_span(p, REPORT)
    assert Document.from_json(out).to_json() == out


def test_figures_are_linked_and_normalised(tiny_nlp):
    doc = tiny_nlp(REPORT, meta={"report_date": "2020-07-08"})
    figs = {f.amount.text: f for f in doc.figures}
    total = figs["86.4亿"]
    assert total.indicator.text == "工业总产值" and total.value == pytest.approx(86.4e8)
    assert total.unit == "CNY" and total.period.date_to == "2020-06-30"
    assert figs["12.5%"].kind == "growth"
    states = {p.text: p.state for p in doc.progress}
    assert states.get("已竣工投产") == "OPERATING"


def test_pipe_streams_in_order_and_accepts_several_input_kinds(tiny_nlp):
    items = ["实现税收3.2亿元。", ("全年完成固定资产投资45.6亿元。", {"id": "b"}), Document("c", "")]
    docs = list(tiny_nlp.pipe(items, batch_size=2))
    assert [d.id for d in docs] == ["0", "b", "c"]
    assert docs[2].entities == [] and docs[2].error is None


def test_pipe_rejects_unknown_input(tiny_nlp):
    with pytest.raises(TypeError, match="cannot annotate"):
        list(tiny_nlp.pipe([42]))


def test_dataframe_one_row_per_figure(tiny_nlp):
    import parkie

    doc = tiny_nlp(REPORT, meta={"report_date": "2020-07-08"})
    df = parkie.to_dataframe([doc])
    assert len(df) == len(doc.figures)
    assert {"indicator", "value", "unit", "period_from", "period_to", "subject", "kind", "sentence"} <= set(df)
    row = df[df.amount == "86.4亿"].iloc[0]
    assert "工业总产值" in row.sentence


def test_offsets_index_original_text_with_crlf_and_spaces(tiny_nlp):
    text = "  1-6月份，园区实现工业总产值86.4亿元。\r\n\r\n实现税收3.2亿元。  "
    doc = tiny_nlp(text)
    for e in doc.entities:
        assert text[e.start : e.end] == e.text


def test_spacy_component(tiny_model_dir):
    import spacy
    from spacy import displacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("parkie", config={"model": str(tiny_model_dir), "device": "cpu"})
    doc = nlp("1-6月份，园区实现工业总产值86.4亿元，同比增长12.5%。")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("工业总产值", "INDICATOR") in ents and ("86.4亿", "AMOUNT") in ents
    assert any(f.amount.text == "86.4亿" for f in doc._.figures)
    html = displacy.render(doc, style="ent")
    assert "工业总产值" in html and "INDICATOR" in html
