"""Batch annotation: resumable, atomic, never drops a document, CSV/Parquet tables, CLI exit codes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from parkie.batch import annotate_corpus
from parkie.cli import main

TEXTS = [
    "1-6月份，园区实现工业总产值86.4亿元，同比增长12.5%。",
    "全年完成固定资产投资45.6亿元，同比增长9.8%。",
    "一季度，园区规上工业企业52家。",
    "恒达电子二期厂房已主体封顶。",
    "新源科技项目已签约。",
]


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for i, t in enumerate(TEXTS):
        (d / f"r{i}.txt").write_text(t, encoding="utf-8")
    return d


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_interrupted_run_resumes_without_loss_or_duplicates(corpus, tmp_path, tiny_nlp, monkeypatch):
    out = tmp_path / "out.jsonl"
    calls: list[str] = []
    real = tiny_nlp.annotate

    def flaky(docs):
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C after three documents
        calls.extend(d.id for d in docs)
        return real(docs)

    monkeypatch.setattr(tiny_nlp, "annotate", flaky)
    with pytest.raises(KeyboardInterrupt):
        annotate_corpus([str(corpus)], out, batch_size=1, progress=False, nlp=tiny_nlp)
    assert not out.exists()  # nothing half-written in place
    journal = tmp_path / "out.jsonl.partial.jsonl"
    assert len(_read(journal)) == 3
    # A torn last line (the process died mid-write) is redone, not trusted.
    with open(journal, "a", encoding="utf-8") as fh:
        fh.write('{"id": "r3", "tex')
    monkeypatch.setattr(tiny_nlp, "annotate", real)
    summary = annotate_corpus([str(corpus)], out, batch_size=1, progress=False, nlp=tiny_nlp)
    records = _read(out)
    assert [r["id"] for r in records] == ["r0", "r1", "r2", "r3", "r4"]
    assert summary.skipped == 3 and summary.documents == 5 and summary.failed == 0
    assert not journal.exists()


def test_corrupt_file_among_good_ones_is_reported_not_dropped(corpus, tmp_path, tiny_nlp):
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = annotate_corpus([str(corpus)], out, progress=False, nlp=tiny_nlp)
    records = {r["id"]: r for r in _read(out)}
    assert len(records) == 7
    assert "binary" in records["bad"]["error"] and "bad.txt" in records["bad"]["error"]
    assert "empty" in records["empty"]["error"]
    assert records["r0"]["error"] is None and records["r0"]["figures"]
    assert summary.failed == 2


def test_csv_and_parquet_tables(corpus, tmp_path, tiny_nlp):
    annotate_corpus([str(corpus)], tmp_path / "f.csv", fmt="csv", progress=False, nlp=tiny_nlp)
    figures = pd.read_csv(tmp_path / "f.csv")
    progress = pd.read_csv(tmp_path / "f.progress.csv")
    assert {"doc_id", "indicator", "value", "unit", "period_from", "period_to", "subject", "kind",
            "sentence"} <= set(figures.columns)
    assert "工业总产值" in set(figures.indicator.dropna())
    assert set(progress.state) <= {"PLANNED", "SIGNED", "PREPARING", "UNDER_CONSTRUCTION", "COMPLETED",
                                   "OPERATING", "STALLED"}
    annotate_corpus([str(corpus)], tmp_path / "f.parquet", fmt="parquet", progress=False, nlp=tiny_nlp)
    assert len(pd.read_parquet(tmp_path / "f.parquet")) == len(figures)


def test_jsonl_input_and_glob(tmp_path, tiny_nlp):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t, "meta": {"report_date": "2020-07-01"}},
                                        ensure_ascii=False) for i, t in enumerate(TEXTS)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    annotate_corpus([str(tmp_path / "*.jsonl")], out, progress=False, nlp=tiny_nlp)
    records = _read(out)
    assert [r["id"] for r in records] == [f"d{i}" for i in range(5)]
    assert records[0]["meta"]["report_date"] == "2020-07-01"


def test_cli_exit_codes(corpus, tmp_path, tiny_model_dir):
    out = tmp_path / "cli.jsonl"
    assert main(["annotate", str(corpus), "-o", str(out), "--model", str(tiny_model_dir),
                 "--device", "cpu", "--no-progress"]) == 0
    assert len(_read(out)) == 5
    (corpus / "bad.txt").write_bytes(b"\x00" * 50)
    assert main(["annotate", str(corpus), "-o", str(out), "--model", str(tiny_model_dir),
                 "--device", "cpu", "--no-progress"]) == 1
    assert main(["annotate", str(tmp_path / "nothing-here"), "-o", str(out), "--model",
                 str(tiny_model_dir), "--no-progress"]) == 2


def test_workers(corpus, tmp_path, tiny_model_dir, tiny_nlp):
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    annotate_corpus([str(corpus)], one, progress=False, nlp=tiny_nlp)
    annotate_corpus([str(corpus)], two, progress=False, workers=2, model=str(tiny_model_dir), device="cpu",
                    batch_size=2)
    assert _read(one) == _read(two)  # deterministic whatever the number of processes
