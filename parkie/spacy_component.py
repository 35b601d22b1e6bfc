"""parkie as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("parkie")                      # or nlp.add_pipe("parkie", config={"model": PATH})
    doc = nlp(text)
    doc.ents, doc._.figures, doc._.progress     # spaCy spans, parkie Figure and Progress objects

Tokens are split where an entity starts or ends inside one, so every entity is an exact
``doc.ents`` span (no span is cut or widened).
"""

from __future__ import annotations

import itertools
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from parkie.document import Document

for _name in ("figures", "progress", "parkie"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ParkieComponent:
    """Runs the parkie pipeline on ``doc.text`` and stores its results on the Doc."""

    def __init__(self, nlp: Language, name: str, model: str | None = None, device: str = "auto") -> None:
        from parkie.pipeline import Parkie

        self.name = name
        self.parkie = Parkie.load(model, device)

    def __call__(self, doc: Doc) -> Doc:
        result: Document = self.parkie.annotate([Document(id="spacy", text=doc.text)])[0]
        doc = split_at(doc, {b for e in result.entities for b in (e.start, e.end)})
        ents = []
        for e in result.entities:
            span = doc.char_span(e.start, e.end, label=e.label)
            if span is not None:
                ents.append(span)
        doc.ents = ents
        doc._.figures = result.figures
        doc._.progress = result.progress
        doc._.parkie = result
        return doc


def split_at(doc: Doc, boundaries: set[int]) -> Doc:
    """A copy of ``doc`` whose tokens are also split at the given character offsets."""
    words: list[str] = []
    spaces: list[bool] = []
    cut = False
    for tok in doc:
        start = tok.idx
        pieces = sorted(b - start for b in boundaries if start < b < start + len(tok.text))
        if not pieces:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            continue
        cut = True
        bounds = [0, *pieces, len(tok.text)]
        for k, (a, b) in enumerate(itertools.pairwise(bounds)):
            words.append(tok.text[a:b])
            spaces.append(bool(tok.whitespace_) if k == len(bounds) - 2 else False)
    if not cut:
        return doc
    return Doc(doc.vocab, words=words, spaces=spaces)


@Language.factory("parkie", default_config={"model": None, "device": "auto"})
def make_parkie(nlp: Language, name: str, model: str | None, device: str) -> Any:
    """spaCy factory of the parkie component."""
    return ParkieComponent(nlp, name, model, device)
