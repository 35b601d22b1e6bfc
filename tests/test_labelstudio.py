"""Label Studio JSON import/export."""

from __future__ import annotations

import json

import pytest

from parkie.document import Document, Entity, Relation
from parkie.errors import InputError
from parkie.formats.doccano import document_to_record
from parkie.formats.labelstudio import read_labelstudio, write_labelstudio
from parkie.formats.validate import validate_records

TEXT = "二季度，星河电子新建厂房已完成主体施工，园区新增就业岗位320个。"


def _region(rid: str, piece: str, labels: list[str], **value) -> dict:
    s = TEXT.index(piece)
    return {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": s, "end": s + len(piece), "text": piece, "labels": labels, **value}}


def _rel(a: str, b: str, *labels: str, direction: str = "right") -> dict:
    return {"type": "relation", "from_id": a, "to_id": b, "direction": direction,
            "labels": list(labels)}


def _task(result: list, tid=101, **data) -> dict:
    return {"id": tid, "data": {"text": TEXT, **data}, "annotations": [{"result": result}]}


def _dump(tmp_path, tasks) -> str:
    p = tmp_path / "export.json"
    p.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_import_with_label_map_and_state_conventions(tmp_path):
    result = [
        _region("p", "二季度", ["Period"]),
        _region("o", "星河电子", ["Company"]),
        _region("b", "新建厂房", ["Project"]),
        _region("g", "已完成主体施工", ["PROGRESS", "STATE:UNDER_CONSTRUCTION"]),
        _region("i", "新增就业岗位", ["INDICATOR"]),
        _region("a", "320", ["AMOUNT"]),
        _region("u", "个", ["UNIT"]),
        _rel("g", "b", "SUBJECT"),
        _rel("o", "b", "belongs", direction="left"),  # left: b -> o
        _rel("i", "a", "VALUE"),
        _rel("a", "u"),  # no label: AMOUNT -> UNIT allows only UNIT
        {"type": "textarea", "value": {"text": ["note"]}},
    ]
    path = _dump(tmp_path, [_task(result, zone_type="经开区", province="浙江")])
    label_map = {"Company": "ORG", "Project": "PROJECT", "Period": "PERIOD", "belongs": "PART_OF"}
    (doc,) = read_labelstudio(path, label_map)
    assert doc.id == "101"
    assert doc.meta == {"zone_type": "经开区", "province": "浙江"}
    assert [(e.label, e.text) for e in doc.entities] == [
        ("PERIOD", "二季度"), ("ORG", "星河电子"), ("PROJECT", "新建厂房"),
        ("PROGRESS", "已完成主体施工"), ("INDICATOR", "新增就业岗位"), ("AMOUNT", "320"),
        ("UNIT", "个")]
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
    assert doc.entities[3].state == "UNDER_CONSTRUCTION"
    rels = {(doc.entities[r.head].text, r.type, doc.entities[r.tail].text) for r in doc.relations}
    assert rels == {("已完成主体施工", "SUBJECT", "新建厂房"), ("新建厂房", "PART_OF", "星河电子"),
                    ("新增就业岗位", "VALUE", "320"), ("320", "UNIT", "个")}
    assert validate_records([(1, document_to_record(doc))], path) == []


def test_state_in_value_and_in_choices(tmp_path):
    result = [
        _region("g", "已完成主体施工", ["PROGRESS"], state="在建"),
    ]
    res2 = [
        _region("g", "已完成主体施工", ["PROGRESS"]),
        {"id": "g", "type": "choices", "value": {"choices": ["COMPLETED"]}},
    ]
    path = _dump(tmp_path, [_task(result, tid=1), _task(res2, tid=2)])
    d1, d2 = read_labelstudio(path, {"在建": "UNDER_CONSTRUCTION"})
    assert d1.entities[0].state == "UNDER_CONSTRUCTION"
    assert d2.entities[0].state == "COMPLETED"


def test_bad_label_names_file_task_and_label(tmp_path):
    path = _dump(tmp_path, [_task([_region("o", "星河电子", ["Company"])], tid=7)])
    with pytest.raises(InputError) as err:
        read_labelstudio(path)
    msg = str(err.value)
    assert "export.json" in msg and "task 7" in msg
    assert "cannot map label 'Company' to parkie's labels; pass label_map" in msg


def test_bad_relation_label_and_text_mismatch(tmp_path):
    path = _dump(tmp_path, [_task([_region("i", "新增就业岗位", ["INDICATOR"]),
                                   _region("a", "320", ["AMOUNT"]), _rel("i", "a", "has")])])
    with pytest.raises(InputError, match="relation label 'has'"):
        read_labelstudio(path)
    region = _region("a", "320", ["AMOUNT"])
    region["value"]["text"] = "32"
    path = _dump(tmp_path, [_task([region])])
    with pytest.raises(InputError, match="text '32'"):
        read_labelstudio(path)


def test_unannotated_and_cancelled_tasks(tmp_path):
    tasks = [
        {"id": 1, "data": {"text": TEXT}},
        {"id": 2, "data": {"text": TEXT},
         "annotations": [{"was_cancelled": True, "result": []},
                         {"result": [_region("a", "320", ["AMOUNT"])]}]},
    ]
    path = _dump(tmp_path, tasks)
    docs = read_labelstudio(path)
    assert [d.id for d in docs] == ["2"] and docs[0].entities[0].text == "320"
    docs = read_labelstudio(path, skip_unannotated=False)
    assert [d.id for d in docs] == ["1", "2"] and docs[0].entities == []


def test_round_trip(tmp_path):
    text = "截至6月底，江畔物流园一期已投入运营，累计完成投资4.2亿元。"
    def ent(piece, label, state=None):
        s = text.index(piece)
        return Entity(s, s + len(piece), label, piece, state=state)
    doc = Document(
        id="rt-1", text=text, meta={"doc_id": "rt", "report_date": "2022-07-02"},
        entities=[ent("截至6月底", "PERIOD"), ent("江畔物流园一期", "PROJECT"),
                  ent("已投入运营", "PROGRESS", "OPERATING"), ent("完成投资", "INDICATOR"),
                  ent("4.2亿", "AMOUNT"), ent("元", "UNIT")],
        relations=[Relation(2, 1, "SUBJECT"), Relation(2, 0, "PERIOD"), Relation(3, 4, "VALUE"),
                   Relation(4, 5, "UNIT")],
    )
    path = tmp_path / "ls.json"
    assert write_labelstudio([doc], path) == 1
    (back,) = read_labelstudio(path)
    assert back.id == doc.id and back.text == doc.text and back.meta == doc.meta
    assert back.entities == doc.entities
    assert back.relations == doc.relations


def test_not_a_list(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("42", encoding="utf-8")
    with pytest.raises(InputError, match="list of tasks"):
        read_labelstudio(p)
    p.write_text("[", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        read_labelstudio(p)
