"""Splits, corpus statistics, and the corpus-build / corpus-stats commands."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from parkie.cli import main
from parkie.corpus.split import assign_split, split_documents, split_of
from parkie.corpus.stats import corpus_stats, format_stats
from parkie.document import Document, Entity, Relation
from parkie.formats.doccano import read_jsonl


def _ids_with(split: str, n: int, prefix: str = "rep") -> list[str]:
    out, i = [], 0
    while len(out) < n:
        i += 1
        if split_of(f"{prefix}-{i}") == split:
            out.append(f"{prefix}-{i}")
    return out


def test_split_of_is_sha1_buckets():
    for doc_id in ["a", "浙江-2021-h1", "x-17"]:
        b = int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 100
        want = "train" if b < 80 else "dev" if b < 90 else "test"
        assert split_of(doc_id) == want
    counts = {"train": 0, "dev": 0, "test": 0}
    for i in range(5000):
        counts[split_of(f"report-{i}")] += 1
    assert 0.77 < counts["train"] / 5000 < 0.83
    assert 0.08 < counts["dev"] / 5000 < 0.12 and 0.08 < counts["test"] / 5000 < 0.12


def test_frozen_test_assignment():
    t = _ids_with("test", 20)
    tr = _ids_with("train", 1)[0]
    frozen = {tr}
    assert assign_split(tr, frozen) == "test"
    assert all(assign_split(x, frozen) in ("train", "dev") for x in t)
    assert assign_split(t[0], None) == "test"


def test_paragraphs_of_one_report_share_a_split():
    docs = [Document(f"r-{k}-p{p}", "文本", {"doc_id": f"r-{k}"})
            for k in range(40) for p in (1, 2)]
    splits = split_documents(docs)
    for part in splits.values():
        reports = {d.meta["doc_id"] for d in part}
        assert all(f"{r}-p1" in {d.id for d in part} and f"{r}-p2" in {d.id for d in part}
                   for r in reports)


def _stats_doc(doc_id, report, meta) -> Document:
    text = "今年园区实现产值20亿元，增长5%。东岚机械已竣工。"
    def e(piece, label, state=None):
        s = text.index(piece)
        return Entity(s, s + len(piece), label, piece, state=state)
    ents = [e("今年", "PERIOD"), e("产值", "INDICATOR"), e("20亿", "AMOUNT"), e("元", "UNIT"),
            e("5%", "PERCENT"), e("东岚机械", "ORG"), e("已竣工", "PROGRESS", "COMPLETED")]
    rels = [Relation(1, 2, "VALUE"), Relation(1, 4, "GROWTH"), Relation(2, 3, "UNIT"),
            Relation(2, 0, "PERIOD"), Relation(6, 5, "SUBJECT")]
    return Document(doc_id, text, {"doc_id": report, **meta}, ents, rels)


def test_corpus_stats_counts():
    train = [_stats_doc("a-p1", "a", {"province": "安徽", "zone_type": "经开区",
                                      "report_date": "2016-01-10"}),
             _stats_doc("a-p2", "a", {"province": "安徽", "zone_type": "经开区",
                                      "report_date": "2016-01-10"}),
             _stats_doc("b-p1", "b", {"province": "广东", "genre": "年度总结", "year": 2022})]
    test = [_stats_doc("c-p1", "c", {"province": "广东"})]
    st = corpus_stats({"train": train, "test": test})
    assert st["splits"] == ["train", "test"]
    assert st["size"]["reports"] == {"train": 2, "test": 1, "total": 3}
    assert st["size"]["records"] == {"train": 3, "test": 1, "total": 4}
    assert st["size"]["characters"]["total"] == 4 * len(train[0].text)
    assert st["size"]["figures"] == {"train": 6, "test": 2, "total": 8}
    assert st["labels"]["AMOUNT"] == {"train": 3, "test": 1, "total": 4}
    assert st["labels"]["PROJECT"]["total"] == 0
    assert st["relations"]["GROWTH"]["total"] == 4
    assert st["states"]["COMPLETED"] == {"train": 3, "test": 1, "total": 4}
    assert st["figure_kinds"]["level"]["total"] == 4 and st["figure_kinds"]["growth"]["total"] == 4
    assert st["variety"]["province"] == {"广东": 2, "安徽": 1}
    assert st["variety"]["decade"] == {"2010s": 1, "2020s": 1}
    assert st["years"] == {"min": 2016, "max": 2022, "unknown": 1}
    text = format_stats(st)
    assert "AMOUNT" in text and "COMPLETED" in text and "2016-2022" in text
    json.dumps(st)  # JSON-ready


COMPACT = """=== {rid}
meta: {{"report_date": "2021-07-0{n}", "province": "江西"}}
[上半年]{{PERIOD1}}园区完成[工业总产值]{{INDICATOR1}}[{n}2.5亿]{{AMOUNT1}}[元]{{UNIT1}}。
> INDICATOR1 VALUE AMOUNT1 | AMOUNT1 PERIOD PERIOD1
[云杉新能源]{{ORG1}}项目[已签约]{{PROGRESS1=SIGNED}}。
> PROGRESS1 SUBJECT ORG1
"""


def _write_src(src: Path, ids: list[str], name: str = "a.txt") -> None:
    src.mkdir(parents=True, exist_ok=True)
    body = "".join(COMPACT.format(rid=r, n=i % 9 + 1) for i, r in enumerate(ids))
    (src / name).write_text(body, encoding="utf-8")


def _read_splits(out: Path) -> dict[str, bytes]:
    return {n: (out / f"{n}.jsonl").read_bytes() for n in ("train", "dev", "test")}


def _reports(out: Path, split: str) -> set[str]:
    return {d.meta["doc_id"] for d in read_jsonl(out / f"{split}.jsonl")}


def test_corpus_build_splits_and_is_stable(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    ids = _ids_with("test", 2) + _ids_with("dev", 2) + _ids_with("train", 5)
    _write_src(src, ids)
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    first = _read_splits(out)
    for split in ("train", "dev", "test"):
        assert _reports(out, split) == {r for r in ids if split_of(r) == split}
        recs = [json.loads(x) for x in (out / f"{split}.jsonl").read_text("utf-8").splitlines()]
        assert [r["id"] for r in recs] == sorted(r["id"] for r in recs)
    assert (out / "test_ids.txt").read_text("utf-8").split() == sorted(ids[:2])
    assert main(["validate", *(str(out / f"{s}.jsonl") for s in ("train", "dev", "test"))]) == 0
    # a second build gives byte-identical output
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    assert _read_splits(out) == first
    assert "frozen" in capsys.readouterr().out


def test_corpus_build_honours_frozen_test(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    old_test = _ids_with("test", 2)
    base = old_test + _ids_with("train", 3)
    _write_src(src, base)
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    assert _reports(out, "test") == set(old_test)
    # new reports that hash to test must not join the frozen test split
    new = _ids_with("test", 3, prefix="new")
    _write_src(src, new, name="b.txt")
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    assert _reports(out, "test") == set(old_test)
    assert set(new) <= _reports(out, "train") | _reports(out, "dev")
    assert (out / "test_ids.txt").read_text("utf-8").split() == sorted(old_test)
    # a hand-written list wins over the hash
    chosen = _ids_with("train", 1)[0]
    (out / "test_ids.txt").write_text(chosen + "\n", encoding="utf-8")
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    assert _reports(out, "test") == {chosen}


def test_corpus_build_refuses_bad_sources(tmp_path, capsys):
    src, out = tmp_path / "src", tmp_path / "out"
    _write_src(src, ["dup", "dup"])  # same report id twice -> duplicate record ids
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 1
    assert "duplicate-id" in capsys.readouterr().err
    assert not (out / "train.jsonl").exists()
    (src / "a.txt").write_text("=== x\n[园区]{PLACE1}\n", encoding="utf-8")
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 1
    assert "unknown label" in capsys.readouterr().err
    assert main(["corpus-build", "--src", str(tmp_path / "nope"), "--out", str(out)]) == 2


def test_corpus_stats_cli(tmp_path, capsys, monkeypatch):
    src, out = tmp_path / "src", tmp_path / "data" / "annotated"
    _write_src(src, _ids_with("test", 1) + _ids_with("train", 3))
    assert main(["corpus-build", "--src", str(src), "--out", str(out)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)  # default files: data/annotated/{train,dev,test}.jsonl
    assert main(["corpus-stats"]) == 0
    text = capsys.readouterr().out
    assert "PROGRESS" in text and "SIGNED" in text and "江西" in text
    assert main(["corpus-stats", "--json", str(out / "train.jsonl")]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["splits"] == ["train"] and st["size"]["reports"]["train"] == 3
    assert main(["corpus-stats", str(tmp_path / "missing.jsonl")]) == 2


@pytest.mark.parametrize("n", [1, 3])
def test_split_documents_keys(n):
    docs = [Document(f"d{i}", "x", {"doc_id": f"d{i}"}) for i in range(n)]
    assert list(split_documents(docs)) == ["train", "dev", "test"]
