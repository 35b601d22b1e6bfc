"""The corpus validator: every problem code is triggered by a crafted record."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from parkie.cli import main
from parkie.formats.validate import (
    CODES,
    Problem,
    Report,
    validate_file,
    validate_paths,
    validate_records,
)

TEXT = "今年前三季度，园区实现营业收入58.6亿元，同比增长9.4%。青禾科技二号车间已开工建设。"


def _span(piece: str) -> tuple[int, int]:
    s = TEXT.index(piece)
    return s, s + len(piece)


def _ent(eid: int, label: str, piece: str, **extra) -> dict:
    s, e = _span(piece)
    return {"id": eid, "label": label, "start_offset": s, "end_offset": e, **extra}


def good_record(rid: str = "r1") -> dict:
    return {
        "id": rid,
        "text": TEXT,
        "meta": {"doc_id": "demo"},
        "entities": [
            _ent(0, "PERIOD", "今年前三季度"),
            _ent(1, "INDICATOR", "营业收入"),
            _ent(2, "AMOUNT", "58.6亿"),
            _ent(3, "UNIT", "元"),
            _ent(4, "PERCENT", "9.4%"),
            _ent(5, "ORG", "青禾科技"),
            _ent(6, "PROJECT", "二号车间"),
            _ent(7, "PROGRESS", "已开工建设", state="UNDER_CONSTRUCTION"),
        ],
        "relations": [
            {"id": 0, "from_id": 1, "to_id": 2, "type": "VALUE"},
            {"id": 1, "from_id": 1, "to_id": 4, "type": "GROWTH"},
            {"id": 2, "from_id": 2, "to_id": 3, "type": "UNIT"},
            {"id": 3, "from_id": 2, "to_id": 0, "type": "PERIOD"},
            {"id": 4, "from_id": 6, "to_id": 5, "type": "PART_OF"},
            {"id": 5, "from_id": 7, "to_id": 6, "type": "SUBJECT"},
        ],
    }


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def check(rec) -> list[str]:
    return codes(validate_records([(1, rec)], "x.jsonl"))


def test_good_record_is_clean():
    assert check(good_record()) == []


def test_not_object():
    assert check(["a", "list"]) == ["not-object"]


@pytest.mark.parametrize("field", ["id", "text", "entities"])
def test_missing_field(field):
    rec = good_record()
    del rec[field]
    found = check(rec)
    assert "missing-field" in found


def test_text_not_string_is_missing_field():
    rec = good_record()
    rec["text"] = 42
    assert "missing-field" in check(rec)


@pytest.mark.parametrize(("start", "end"), [("3", 5), (1.5, 4), (-1, 3), (10, 999), (6, 6), (8, 4)])
def test_bad_offsets(start, end):
    rec = good_record()
    rec["entities"][0].update(start_offset=start, end_offset=end)
    assert "bad-offsets" in check(rec)


def test_span_whitespace_is_a_warning():
    text = "园区实现 税收收入3.1亿元"
    rec = {"id": "w", "text": text, "entities": [
        {"id": 0, "label": "INDICATOR", "start_offset": 4, "end_offset": 9},  # " 税收收入"
        {"id": 1, "label": "AMOUNT", "start_offset": 9, "end_offset": 13},
    ]}
    assert text[4:9] == " 税收收入"
    problems = validate_records([(1, rec)], "x.jsonl")
    assert codes(problems) == ["span-whitespace"]
    assert problems[0].severity == "warning"
    rec["entities"][0]["start_offset"] = 5
    assert check(rec) == []


def test_text_mismatch():
    rec = good_record()
    rec["entities"][1]["text"] = "营业收入"
    assert check(rec) == []
    rec["entities"][1]["text"] = "主营收入"
    assert check(rec) == ["text-mismatch"]


def test_overlap_and_nesting():
    rec = good_record()
    s, e = _span("营业收入58.6亿")
    rec["entities"].append({"id": 8, "label": "INDICATOR", "start_offset": s, "end_offset": e})
    assert check(rec).count("overlap") == 2  # overlaps INDICATOR, nests AMOUNT
    rec = good_record()
    rec["entities"].append(dict(rec["entities"][1], id=9))  # identical span
    assert check(rec) == ["overlap"]


def test_unknown_label():
    rec = good_record()
    rec["entities"][5]["label"] = "COMPANY"
    assert check(rec) == ["unknown-label"]


def test_state_problems():
    rec = good_record()
    rec["entities"][7]["state"] = "BUILDING"
    assert check(rec) == ["unknown-state"]
    del rec["entities"][7]["state"]
    assert check(rec) == ["missing-state"]
    rec = good_record()
    rec["entities"][6]["state"] = "COMPLETED"
    assert check(rec) == ["state-on-non-progress"]


def test_relation_problems():
    rec = good_record()
    rec["relations"][0]["type"] = "HAS_VALUE"
    assert check(rec) == ["unknown-relation"]

    rec = good_record()
    rec["relations"].append({"id": 9, "from_id": 3, "to_id": 2, "type": "UNIT"})  # reversed
    assert check(rec) == ["relation-direction"]

    rec = good_record()
    rec["relations"].append({"id": 9, "from_id": 2, "to_id": 42, "type": "PERIOD"})
    assert check(rec) == ["dangling-relation"]

    rec = good_record()
    rec["relations"].append({"id": 9, "from_id": 6, "to_id": 6, "type": "PART_OF"})
    assert check(rec) == ["self-relation"]

    rec = good_record()
    rec["relations"].append({"id": 9, "from_id": 1, "to_id": 2, "type": "VALUE"})
    assert check(rec) == ["duplicate-relation"]

    rec = good_record()
    del rec["relations"][0]["type"]
    assert check(rec) == ["missing-field"]


def test_duplicate_entity_id():
    rec = good_record()
    rec["entities"][3]["id"] = 2
    assert "duplicate-entity-id" in check(rec)


def test_figure_conflict():
    rec = good_record()
    rec["relations"].append({"id": 9, "from_id": 1, "to_id": 2, "type": "TARGET"})
    found = validate_records([(1, rec)], "x.jsonl")
    assert codes(found) == ["figure-conflict"]
    assert "VALUE" in found[0].message and "TARGET" in found[0].message


def _write(path: Path, lines: list) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False))
                            + "\n" for x in lines), encoding="utf-8")
    return path


def test_invalid_json_keeps_going(tmp_path):
    f = _write(tmp_path / "a.jsonl", ['{"id": "r0", "text": ', good_record("r1"), "[1, 2"])
    found = validate_file(f)
    assert [(p.line, p.code) for p in found] == [(1, "invalid-json"), (3, "invalid-json")]


def test_not_utf8(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes("园区".encode("gbk") + b"\n")
    assert codes(validate_file(f)) == ["invalid-json"]


def test_empty_file(tmp_path):
    f = tmp_path / "e.jsonl"
    f.write_text("\n  \n", encoding="utf-8")
    assert codes(validate_file(f)) == ["empty-file"]


def test_duplicate_id_within_and_across_files(tmp_path):
    a = _write(tmp_path / "a.jsonl", [good_record("r1"), good_record("r1")])
    b = _write(tmp_path / "b.jsonl", [good_record("r2"), good_record("r1")])
    rep = validate_paths([a, b])
    got = [(Path(p.path).name, p.line, p.code) for p in rep.problems]
    assert got == [("a.jsonl", 2, "duplicate-id"), ("b.jsonl", 2, "duplicate-id")]
    assert rep.records == 4 and rep.files == 2
    assert rep.entities == 4 * 8 and rep.relations == 4 * 6


def test_every_code_is_tested():
    # the tests above trigger each code; this keeps the list and the tests in step
    import inspect
    import sys

    src = inspect.getsource(sys.modules[__name__])
    for code in CODES:
        assert f'"{code}"' in src, code


def test_problem_str():
    p = Problem("c.jsonl", 7, "r9", "overlap", "two spans")
    assert str(p) == "c.jsonl:7 [r9] overlap: two spans"
    assert str(Problem("c.jsonl", None, None, "empty-file", "none")) == "c.jsonl empty-file: none"


def test_reports_all_problems_of_a_record():
    rec = good_record()
    rec["entities"][5]["label"] = "COMPANY"
    rec["entities"][7]["state"] = "BUILDING"
    rec["relations"].append({"id": 9, "from_id": 2, "to_id": 42, "type": "PERIOD"})
    assert sorted(check(rec)) == ["dangling-relation", "unknown-label", "unknown-state"]


def test_shared_report_counts():
    rep = Report()
    validate_records([(1, good_record("a")), (2, copy.deepcopy(good_record("a")))], "m", rep)
    assert rep.records == 2 and codes(rep.problems) == ["duplicate-id"]


def test_cli(tmp_path, capsys):
    good = _write(tmp_path / "good.jsonl", [good_record("r1")])
    assert main(["validate", str(good)]) == 0
    out = capsys.readouterr().out
    assert "1 records, 8 entities, 6 relations: 0 error(s)" in out

    bad_rec = good_record("r2")
    bad_rec["entities"][5]["label"] = "COMPANY"
    bad = _write(tmp_path / "bad.jsonl", [bad_rec, "not json"])
    assert main(["validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:1 [r2] unknown-label:" in out
    assert f"{bad}:2 invalid-json:" in out
    assert "unknown-label" in out.splitlines()[-2] or "unknown-label" in out

    assert main(["validate", str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err


def test_cli_warning_passes_unless_strict(tmp_path, capsys):
    rec = good_record()
    rec["text"] = rec["text"] + " "
    rec["entities"].append({"id": 8, "label": "PERIOD", "start_offset": len(TEXT) - 1,
                            "end_offset": len(TEXT) + 1})
    f = _write(tmp_path / "w.jsonl", [rec])
    assert main(["validate", str(f)]) == 0
    assert "span-whitespace" in capsys.readouterr().out
    assert main(["validate", "--strict", str(f)]) == 1
