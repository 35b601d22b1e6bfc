"""Fine-tuning the shipped model on a few labelled paragraphs of a new report style."""

from __future__ import annotations

import json

import pytest

from parkie.cli import main
from parkie.corpus.compact import compile_file
from parkie.formats.doccano import write_jsonl
from parkie.model.extractor import Extractor
from parkie.model.scoring import score_extractor
from parkie.model.trainer import train_model
from parkie.pipeline import DEFAULT_MODEL

from .conftest import DATA


@pytest.fixture(scope="module")
def new_style():
    docs = compile_file(DATA / "new_style.txt")
    return docs[:8], docs[8:]


def test_finetuning_default_model_improves_held_out_new_style(new_style):
    train, held = new_style
    base = Extractor.from_pretrained(DEFAULT_MODEL, device="cpu")
    before = score_extractor(base, held)
    tuned, _ = train_model(train, None, start=base, epochs=8, seed=1, device="cpu", lr=1e-3, augment=0.0,
                           progress=False, log=lambda s: None)
    after = score_extractor(tuned, held)
    gain = (after["entity"]["f"] + after["relation"]["f"]) - (before["entity"]["f"] + before["relation"]["f"])
    assert gain > 0.1, (before["entity"], after["entity"], before["relation"], after["relation"])


def test_train_cli_from_model_reports_before_and_after(new_style, tmp_path, tiny_model_dir, capsys):
    train, _ = new_style
    data = tmp_path / "new.jsonl"
    write_jsonl(train, data)
    out = tmp_path / "tuned"
    assert main(["train", "--from", str(tiny_model_dir), "--data", str(data), "--out", str(out), "--no-mix",
                 "--epochs", "2", "--device", "cpu", "--no-progress"]) == 0
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["before"]["user_heldout"] is not None and metrics["after"]["user_heldout"] is not None
    assert "user_heldout: entity F1" in capsys.readouterr().out
    assert Extractor.from_pretrained(out, device="cpu") is not None


def test_train_refuses_labels_it_cannot_map(tmp_path, capsys):
    data = tmp_path / "odd.jsonl"
    data.write_text(json.dumps({"id": "x", "text": "华兴公司投产", "entities": [
        {"id": 0, "label": "Company", "start_offset": 0, "end_offset": 4}], "relations": []},
        ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["train", "--data", str(data), "--out", str(tmp_path / "m"), "--epochs", "1"]) == 2
    err = capsys.readouterr().err
    assert "odd.jsonl" in err and "'Company'" in err and "--label-map" in err
