"""Conversion to Hugging Face datasets and spaCy DocBin, and corpus loading by suffix."""

from __future__ import annotations

import json

import pytest

from parkie.document import Document, Entity, Relation
from parkie.errors import InputError
from parkie.formats.convert import (
    PROGRESS_SPAN_KEY,
    bio_tag_names,
    load_corpus,
    to_hf_dataset,
    to_spacy_docbin,
)
from parkie.formats.doccano import write_jsonl
from parkie.formats.labelstudio import write_labelstudio
from parkie.schema import LABELS


def _doc(doc_id: str, text: str, spans: list[tuple[str, str, str | None]],
         rels: list[tuple[int, int, str]] = (), meta=None) -> Document:
    ents = []
    for piece, label, state in spans:
        s = text.index(piece)
        ents.append(Entity(s, s + len(piece), label, piece, state=state))
    return Document(doc_id, text, meta or {"doc_id": doc_id.split("-p")[0]}, ents,
                    [Relation(h, t, typ) for h, t, typ in rels])


@pytest.fixture
def docs() -> list[Document]:
    return [
        _doc("demo-p1", "1-9月，园区规上工业增加值增长 11.3%。",
             [("1-9月", "PERIOD", None), ("规上工业增加值", "INDICATOR", None),
              ("11.3%", "PERCENT", None)],
             [(1, 2, "GROWTH"), (2, 0, "PERIOD")], meta={"doc_id": "demo", "province": "湖北"}),
        _doc("demo-p2", "松岭药业 研发中心正在进行内部装修。",
             [("松岭药业", "ORG", None), ("研发中心", "PROJECT", None),
              ("正在进行内部装修", "PROGRESS", "UNDER_CONSTRUCTION")],
             [(1, 0, "PART_OF"), (2, 1, "SUBJECT")]),
    ]


@pytest.fixture
def blank_zh(monkeypatch):
    """spacy.blank("zh"); tolerates a not-yet-written spaCy entry point of this package."""
    import spacy
    from spacy.util import registry

    try:
        return spacy.blank("zh")
    except ModuleNotFoundError as exc:
        if "parkie" not in str(exc):
            raise
        monkeypatch.setattr(registry._entry_point_factories, "get_entry_points", dict)
        return spacy.blank("zh")


def test_hf_dataset_columns_and_bio(docs):
    ds = to_hf_dataset(docs)
    assert set(ds.column_names) == {"id", "text", "meta", "ner_tags", "states", "entities",
                                    "relations"}
    assert len(ds) == 2
    for row, doc in zip(ds, docs, strict=True):
        assert row["id"] == doc.id and row["text"] == doc.text
        assert json.loads(row["meta"]) == doc.meta
        tags, states = row["ner_tags"], row["states"]
        assert len(tags) == len(states) == len(doc.text)
        assert set(tags) <= set(bio_tag_names())
        inside = set()
        for e in doc.entities:
            assert tags[e.start] == f"B-{e.label}"
            assert all(t == f"I-{e.label}" for t in tags[e.start + 1:e.end])
            want = e.state if e.label == "PROGRESS" else "O"
            assert states[e.start:e.end] == [want] * (e.end - e.start)
            inside.update(range(e.start, e.end))
        assert all(tags[i] == "O" and states[i] == "O"
                   for i in range(len(doc.text)) if i not in inside)
        assert [(x["start"], x["end"], x["label"], x["text"], x["state"])
                for x in row["entities"]] == [
            (e.start, e.end, e.label, e.text, e.state) for e in doc.entities]
        assert [(r["head"], r["tail"], r["type"]) for r in row["relations"]] == [
            (r.head, r.tail, r.type) for r in doc.relations]


def test_hf_dataset_empty_and_overlap(docs):
    empty = to_hf_dataset([])
    assert len(empty) == 0 and "ner_tags" in empty.column_names
    bad = docs[0]
    bad.entities.append(Entity(2, 6, "PERIOD", bad.text[2:6]))
    with pytest.raises(InputError, match="overlaps"):
        to_hf_dataset([bad])


def test_bio_tag_names_follow_schema():
    names = bio_tag_names()
    assert names[0] == "O" and len(names) == 1 + 2 * len(LABELS)
    assert names[1:3] == [f"B-{LABELS[0]}", f"I-{LABELS[0]}"]


def test_spacy_docbin(docs, blank_zh):
    db = to_spacy_docbin(docs, blank_zh)
    out = list(db.get_docs(blank_zh.vocab))
    assert len(out) == 2
    for sdoc, doc in zip(out, docs, strict=True):
        assert sdoc.text == doc.text
        assert [(s.text, s.label_) for s in sdoc.ents] == [(e.text, e.label) for e in doc.entities]
        assert [(s.start_char, s.end_char) for s in sdoc.ents] == [
            (e.start, e.end) for e in doc.entities]
        prog = [(s.text, s.label_) for s in sdoc.spans[PROGRESS_SPAN_KEY]]
        assert prog == [(e.text, e.state) for e in doc.entities if e.label == "PROGRESS"]
        assert sdoc.user_data["id"] == doc.id
        assert json.loads(sdoc.user_data["meta"]) == doc.meta
        assert len(sdoc.user_data["relations"]) == len(doc.relations)
        assert list(sdoc.user_data["dropped"]) == []
    r0 = out[0].user_data["relations"][0]
    assert r0["type"] == "GROWTH" and out[0].text[slice(*r0["tail"])] == "11.3%"


def test_spacy_docbin_default_nlp_is_char_segmented(docs, blank_zh):
    # the fixture has made spacy.blank usable; the default path builds its own blank "zh"
    db = to_spacy_docbin(docs[:1])
    (sdoc,) = db.get_docs(blank_zh.vocab)
    assert [s.text for s in sdoc.ents] == ["1-9月", "规上工业增加值", "11.3%"]
    assert blank_zh.tokenizer.segmenter == "char"


def test_load_corpus_by_suffix(tmp_path, docs):
    write_jsonl(docs[:1], tmp_path / "a.jsonl")
    write_labelstudio(docs[1:], tmp_path / "b.json")
    loaded = load_corpus([tmp_path / "a.jsonl", tmp_path / "b.json"])
    assert [d.id for d in loaded] == ["demo-p1", "demo-p2"]
    assert loaded[1].entities == docs[1].entities
    (tmp_path / "c.csv").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="unknown corpus format"):
        load_corpus([tmp_path / "c.csv"])
