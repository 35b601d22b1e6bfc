"""Convert corpus Documents to training formats: Hugging Face datasets and spaCy DocBin.

:func:`to_hf_dataset` gives one row per document with the columns

* ``id``, ``text``; ``meta`` as a JSON string (keys sorted);
* ``ner_tags``: one BIO tag per *character* (``len(ner_tags) == len(text)``): ``O``,
  ``B-<LABEL>``, ``I-<LABEL>`` with the labels of :data:`parkie.schema.LABELS`
  (:func:`bio_tag_names` lists them all, in a fixed order);
* ``states``: one value per character as well: the progress state (``UNDER_CONSTRUCTION`` …)
  on every character of a PROGRESS span, ``O`` elsewhere. PROGRESS keeps plain
  ``B-PROGRESS``/``I-PROGRESS`` in ``ner_tags``, so the tag set stays small;
* ``entities``: ``[{start, end, label, text, state}]`` (``state`` is ``None`` except for
  PROGRESS);
* ``relations``: ``[{head, tail, type}]``, ``head``/``tail`` indexing ``entities``.

:func:`to_spacy_docbin` tokenises with ``spacy.blank("zh")`` (its default ``char``
segmenter: one token per character) unless another ``nlp`` is given, and maps each entity
with ``Doc.char_span(..., alignment_mode="expand")``. Entities go to ``doc.ents``; progress
states go to the span group ``doc.spans["progress"]`` (one span per PROGRESS entity, its
label the state). ``doc.user_data`` holds ``id``, ``meta``, ``relations`` (``{"head": [start,
end], "tail": [start, end], "type"}`` in character offsets) and ``dropped`` (entities that
covered no token or clashed with another after expansion).

:func:`load_corpus` reads ``.jsonl`` files as doccano JSONL and ``.json`` files as Label
Studio exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parkie.document import Document
from parkie.errors import InputError
from parkie.formats.doccano import read_jsonl
from parkie.formats.labelstudio import read_labelstudio
from parkie.schema import LABELS

if TYPE_CHECKING:  # heavy imports only when used
    import datasets
    from spacy.language import Language
    from spacy.tokens import DocBin

PROGRESS_SPAN_KEY = "progress"


def bio_tag_names() -> list[str]:
    """All BIO tags, ``O`` first then ``B-``/``I-`` per label in schema order."""
    return ["O"] + [f"{p}-{lab}" for lab in LABELS for p in ("B", "I")]


def char_bio(doc: Document) -> tuple[list[str], list[str]]:
    """Character-level BIO tags and progress states of a Document.

    Raises InputError when two entities overlap (validate the corpus first).
    """
    tags = ["O"] * len(doc.text)
    states = ["O"] * len(doc.text)
    for e in sorted(doc.entities, key=lambda e: e.start):
        if not 0 <= e.start < e.end <= len(doc.text):
            raise InputError(None, f"document {doc.id}: entity {e.start}-{e.end} is outside "
                             "the text")
        if any(t != "O" for t in tags[e.start:e.end]):
            raise InputError(None, f"document {doc.id}: entity {e.label} {e.start}-{e.end} "
                             "overlaps another")
        tags[e.start] = f"B-{e.label}"
        for i in range(e.start + 1, e.end):
            tags[i] = f"I-{e.label}"
        if e.label == "PROGRESS" and e.state:
            for i in range(e.start, e.end):
                states[i] = e.state
    return tags, states


def hf_features() -> datasets.Features:
    """The Features of :func:`to_hf_dataset` (fixed, so an empty corpus has the columns too)."""
    from datasets import Features, Value

    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "meta": Value("string"),
        "ner_tags": [Value("string")],
        "states": [Value("string")],
        "entities": [{
            "start": Value("int32"),
            "end": Value("int32"),
            "label": Value("string"),
            "text": Value("string"),
            "state": Value("string"),
        }],
        "relations": [{"head": Value("int32"), "tail": Value("int32"), "type": Value("string")}],
    })


def hf_row(doc: Document) -> dict[str, Any]:
    """The dataset row of one Document."""
    tags, states = char_bio(doc)
    return {
        "id": doc.id,
        "text": doc.text,
        "meta": json.dumps(doc.meta, ensure_ascii=False, sort_keys=True),
        "ner_tags": tags,
        "states": states,
        "entities": [{"start": e.start, "end": e.end, "label": e.label,
                      "text": doc.text[e.start:e.end], "state": e.state} for e in doc.entities],
        "relations": [{"head": r.head, "tail": r.tail, "type": r.type} for r in doc.relations],
    }


def to_hf_dataset(docs: Iterable[Document]) -> datasets.Dataset:
    """A ``datasets.Dataset`` with one row per Document (columns in the module doc)."""
    from datasets import Dataset

    rows = [hf_row(d) for d in docs]
    features = hf_features()
    if not rows:
        return Dataset.from_dict({k: [] for k in features}, features=features)
    return Dataset.from_list(rows, features=features)


def blank_nlp() -> Language:
    """``spacy.blank("zh")`` with its default character segmenter."""
    import spacy

    return spacy.blank("zh")


def to_spacy_docbin(docs: Iterable[Document], nlp: Language | None = None) -> DocBin:
    """A spaCy ``DocBin`` of the Documents (storage conventions in the module doc)."""
    from spacy.tokens import DocBin, SpanGroup
    from spacy.util import filter_spans

    if nlp is None:
        nlp = blank_nlp()
    out = DocBin(store_user_data=True)
    for d in docs:
        sdoc = nlp.make_doc(d.text)
        spans = []
        progress = []
        dropped = []
        for e in d.entities:
            span = sdoc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
            if span is None or len(span) == 0:
                dropped.append([e.start, e.end, e.label])
                continue
            spans.append(span)
            if e.label == "PROGRESS" and e.state:
                progress.append(sdoc.char_span(e.start, e.end, label=e.state,
                                               alignment_mode="expand"))
        kept = filter_spans(spans)
        if len(kept) < len(spans):
            keep_ids = {(s.start, s.end, s.label_) for s in kept}
            dropped.extend([s.start_char, s.end_char, s.label_] for s in spans
                           if (s.start, s.end, s.label_) not in keep_ids)
        sdoc.ents = kept
        sdoc.spans[PROGRESS_SPAN_KEY] = SpanGroup(sdoc, name=PROGRESS_SPAN_KEY, spans=progress)
        sdoc.user_data["id"] = d.id
        sdoc.user_data["meta"] = json.dumps(d.meta, ensure_ascii=False, sort_keys=True)
        sdoc.user_data["relations"] = [
            {"head": [d.entities[r.head].start, d.entities[r.head].end],
             "tail": [d.entities[r.tail].start, d.entities[r.tail].end], "type": r.type}
            for r in d.relations
        ]
        sdoc.user_data["dropped"] = dropped
        out.add(sdoc)
    return out


def load_corpus(paths: Iterable[str | Path], label_map: dict[str, str] | None = None
                ) -> list[Document]:
    """Read corpus files by suffix: ``.jsonl`` doccano JSONL, ``.json`` Label Studio export."""
    docs: list[Document] = []
    for path in paths:
        p = Path(path)
        suffix = p.suffix.lower()
        if suffix == ".jsonl":
            docs.extend(read_jsonl(p))
        elif suffix == ".json":
            docs.extend(read_labelstudio(p, label_map))
        else:
            raise InputError(str(p), "unknown corpus format: use .jsonl (doccano) or .json "
                             "(Label Studio export)")
    return docs
