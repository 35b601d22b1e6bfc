"""From documents to model windows and padded tensor batches (training and inference alike)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from parkie.document import Document
from parkie.model.config import ModelConfig
from parkie.model.features import UNK, CharVocab, featurize
from parkie.model.pairs import REL_INDEX, candidate_pairs

_BREAK = re.compile(r"[。；;！？!?\n]")


@dataclass
class Example:
    """A model window: text plus (for training) gold entities and relations, window-local."""

    text: str
    offset: int = 0  # where the window starts in its document
    doc_index: int = 0
    entities: list[tuple[int, int, str, str | None]] = field(default_factory=list)
    relations: list[tuple[int, int, str]] = field(default_factory=list)


def window_bounds(text: str, max_len: int) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``max_len`` characters at sentence ends if possible."""
    bounds = []
    start = 0
    n = len(text)
    while n - start > max_len:
        cut = start + max_len
        last = None
        for m in _BREAK.finditer(text, start + max_len // 2, cut):
            last = m.end()
        if last is None:
            for m in re.finditer(r"[，,、 ]", text[start + max_len // 2 : cut]):
                last = start + max_len // 2 + m.end()
        cut = last or cut
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def document_windows(doc: Document, max_len: int, doc_index: int = 0, gold: bool = True) -> list[Example]:
    """The windows of one document, with the gold annotations that fall inside each."""
    out = []
    for s, e in window_bounds(doc.text, max_len):
        ex = Example(doc.text[s:e], s, doc_index)
        if gold:
            local: dict[int, int] = {}
            for i, ent in enumerate(doc.entities):
                if s <= ent.start and ent.end <= e:
                    local[i] = len(ex.entities)
                    ex.entities.append((ent.start - s, ent.end - s, ent.label, ent.state))
            for r in doc.relations:
                if r.head in local and r.tail in local:
                    ex.relations.append((local[r.head], local[r.tail], r.type))
        out.append(ex)
    return out


def tag_ids(cfg: ModelConfig, ex: Example) -> np.ndarray:
    index = {t: i for i, t in enumerate(cfg.tags)}
    ids = np.zeros(len(ex.text), dtype=np.int64)
    for s, e, label, _ in ex.entities:
        if label in cfg.labels and e > s:
            ids[s] = index[f"B-{label}"]
            ids[s + 1 : e] = index[f"I-{label}"]
    return ids


def collate(vocab: CharVocab, cfg: ModelConfig, examples: list[Example], *,
            train: bool = False, rng: np.random.Generator | None = None,
            with_gold: bool = True) -> dict[str, Any]:
    """Pad the character inputs of ``examples`` (and gold tags, entities, pairs if asked)."""
    b = len(examples)
    t = max(1, max(len(ex.text) for ex in examples))
    n_lex = None
    chars = np.zeros((b, t), dtype=np.int64)
    classes = np.zeros((b, t), dtype=np.int64)
    mask = np.zeros((b, t), dtype=bool)
    lex_rows = []
    words = np.zeros((b, t), dtype=np.int64) if cfg.word_features else None
    for i, ex in enumerate(examples):
        f = featurize(vocab, ex.text, words=cfg.word_dict if cfg.word_features else None)
        if words is not None:
            words[i, : len(ex.text)] = f["words"]
        n = len(ex.text)
        c = f["chars"]
        if train and rng is not None and cfg.char_dropout > 0:
            c = np.where(rng.random(n) < cfg.char_dropout, UNK, c)
        chars[i, :n] = c
        classes[i, :n] = f["classes"]
        mask[i, :n] = True
        lex_rows.append(f["lex"])
        n_lex = f["lex"].shape[1]
    lex = np.zeros((b, t, n_lex or 1), dtype=np.int64)
    for i, row in enumerate(lex_rows):
        lex[i, : len(row)] = row
    mask[:, 0] = True  # an empty text still has one (padding) position for the CRF
    batch: dict[str, Any] = {
        "texts": [ex.text for ex in examples],
        "chars": torch.from_numpy(chars),
        "classes": torch.from_numpy(classes),
        "lex": torch.from_numpy(lex),
        "mask": torch.from_numpy(mask),
    }
    if words is not None:
        batch["words"] = torch.from_numpy(words)
    if with_gold:
        tags = np.zeros((b, t), dtype=np.int64)
        for i, ex in enumerate(examples):
            tags[i, : len(ex.text)] = tag_ids(cfg, ex)
        batch["tags"] = torch.from_numpy(tags)
        ents, pairs = entity_and_pair_tensors(cfg, [ex.entities for ex in examples],
                                              [ex.text for ex in examples],
                                              [ex.relations for ex in examples])
        batch["ents"], batch["pairs"] = ents, pairs
    return batch


def entity_and_pair_tensors(cfg: ModelConfig, entity_lists: list[list[tuple[int, int, str, str | None]]],
                            texts: list[str], relation_lists: list[list[tuple[int, int, str]]] | None = None,
                            ) -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    """Flatten the entities of a batch and build their candidate pairs."""
    label_index = {lab: i for i, lab in enumerate(cfg.labels)}
    state_index = {s: i for i, s in enumerate(cfg.states)}
    rel_types = cfg.relations
    eb, es, ee, el, est = [], [], [], [], []
    cols: dict[str, list[np.ndarray]] = {k: [] for k in
                                         ("head", "tail", "dist", "n_tail", "n_head", "n_stops", "n_items",
                                          "b", "lo", "hi", "gold", "allowed")}
    base = 0
    for bi, ents in enumerate(entity_lists):
        for s, e, lab, st in ents:
            eb.append(bi)
            es.append(s)
            ee.append(e)
            el.append(label_index[lab])
            est.append(state_index.get(st, -1) if lab == "PROGRESS" and st else -1)
        pf = candidate_pairs(texts[bi], [(s, e, lab) for s, e, lab, _ in ents], cfg.rel_window)
        if len(pf):
            cols["head"].append(pf.head + base)
            cols["tail"].append(pf.tail + base)
            cols["dist"].append(pf.dist)
            cols["n_tail"].append(pf.n_tail_between)
            cols["n_head"].append(pf.n_head_between)
            cols["n_stops"].append(pf.n_stops)
            cols["n_items"].append(pf.n_items)
            cols["b"].append(np.full(len(pf), bi, dtype=np.int64))
            cols["lo"].append(pf.lo)
            cols["hi"].append(pf.hi)
            cols["allowed"].append(pf.allowed)
            gold = np.zeros(len(pf), dtype=np.int64)
            if relation_lists is not None and relation_lists[bi]:
                pairs_ht = zip(pf.head.tolist(), pf.tail.tolist(), strict=True)
                where = {(h, t): k for k, (h, t) in enumerate(pairs_ht)}
                for h, t, typ in relation_lists[bi]:
                    k = where.get((h, t))
                    if k is not None:
                        gold[k] = REL_INDEX[typ]
            cols["gold"].append(gold)
        base += len(ents)
    ents_t = {
        "b": torch.tensor(eb, dtype=torch.long),
        "start": torch.tensor(es, dtype=torch.long),
        "end": torch.tensor(ee, dtype=torch.long),
        "label": torch.tensor(el, dtype=torch.long),
        "state": torch.tensor(est, dtype=torch.long),
    }
    pairs_t: dict[str, torch.Tensor] = {}
    for k, v in cols.items():
        if v:
            pairs_t[k] = torch.from_numpy(np.concatenate(v))
        elif k == "allowed":
            pairs_t[k] = torch.zeros((0, len(rel_types) + 1))
        else:
            pairs_t[k] = torch.zeros(0, dtype=torch.long)
    return ents_t, pairs_t


def to_device(batch: dict[str, Any], device: torch.device) -> dict[str, Any]:
    """Move every tensor of a (nested) batch to ``device``."""
    out: dict[str, Any] = {}
    for k, v in batch.items():
        if isinstance(v, torch.Tensor):
            out[k] = v.to(device)
        elif isinstance(v, dict):
            out[k] = to_device(v, device)
        else:
            out[k] = v
    return out


def length_batches(lengths: Iterable[int], max_chars: int, max_items: int = 64) -> list[list[int]]:
    """Group indices of similar length so a batch holds at most ``max_chars`` padded characters."""
    order = sorted(range(len(list_ := list(lengths))), key=lambda i: list_[i])
    batches: list[list[int]] = []
    cur: list[int] = []
    longest = 0
    for i in order:
        longest_new = max(longest, list_[i], 1)
        if cur and (longest_new * (len(cur) + 1) > max_chars or len(cur) >= max_items):
            batches.append(cur)
            cur, longest_new = [], max(list_[i], 1)
        cur.append(i)
        longest = longest_new
    if cur:
        batches.append(cur)
    return batches
