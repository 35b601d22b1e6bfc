"""The trained extractor: a model directory in, entities and relations out.

A model directory (``save_pretrained`` / ``from_pretrained``) holds ``config.json``,
``model.safetensors``, ``vocab.json``, ``training.json`` (metadata, metrics) and, for a
Hugging Face encoder, the checkpoint's config and tokenizer under ``encoder/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from parkie.document import Document, Entity, Relation
from parkie.model.batching import (
    Example,
    collate,
    document_windows,
    entity_and_pair_tensors,
    length_batches,
    to_device,
)
from parkie.model.config import ModelConfig
from parkie.model.features import CharVocab
from parkie.model.network import ParkieNet
from parkie.model.wellformed import filter_spans
from parkie.schema import FIGURE_RELATIONS

# Relation types a head may have only once (the best one wins).
_ONE_PER_HEAD = {"UNIT", "PERIOD", "PART_OF"}


def resolve_device(device: str | torch.device | None = "auto") -> torch.device:
    """``auto`` picks a CUDA GPU when present, else the CPU."""
    if device is None or device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


class Extractor:
    """Tags entities, classifies PROGRESS states and predicts relations."""

    def __init__(self, cfg: ModelConfig, vocab: CharVocab, net: ParkieNet | None = None,
                 device: str | torch.device | None = "auto", metadata: dict[str, Any] | None = None) -> None:
        self.cfg = cfg
        self.vocab = vocab
        self.net = net if net is not None else ParkieNet(cfg)
        self.device = resolve_device(device)
        self.net.to(self.device)
        self.metadata = metadata or {}

    # ---------------------------------------------------------------- persistence
    def save_pretrained(self, path: str | Path, metadata: dict[str, Any] | None = None) -> None:
        """Write the model directory."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        cfg = self.cfg.to_json()
        if self.cfg.encoder == "hf":
            enc_dir = out / "encoder"
            self.net.encoder.tokenizer.save_pretrained(enc_dir)
            self.net.encoder.model.config.save_pretrained(enc_dir)
            cfg["base"] = "encoder"
        (out / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "vocab.json").write_text(json.dumps(self.vocab.to_json(), ensure_ascii=False), encoding="utf-8")
        state = {k: v.detach().cpu().contiguous() for k, v in self.net.state_dict().items()}
        save_file(state, str(out / "model.safetensors"))
        meta = {**self.metadata, **(metadata or {})}
        (out / "training.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def from_pretrained(cls, path: str | Path, device: str | torch.device | None = "auto") -> Extractor:
        """Load a model directory written by ``save_pretrained``."""
        src = Path(path)
        if not (src / "config.json").is_file():
            raise FileNotFoundError(f"{src} is not a parkie model directory (no config.json)")
        cfg = ModelConfig.from_json(json.loads((src / "config.json").read_text(encoding="utf-8")))
        if cfg.encoder == "hf" and cfg.base and not Path(cfg.base).is_absolute():
            cfg.base = str(src / cfg.base)
        vocab = CharVocab(json.loads((src / "vocab.json").read_text(encoding="utf-8")))
        net = ParkieNet(cfg, load_encoder_weights=False)
        net.load_state_dict(load_file(str(src / "model.safetensors")))
        meta_path = src / "training.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        return cls(cfg, vocab, net, device, meta)

    # ---------------------------------------------------------------- inference
    @torch.inference_mode()
    def predict(self, docs: list[Document], max_chars: int = 16000) -> list[Document]:
        """Fill ``entities`` and ``relations`` of each document (in place; also returned)."""
        self.net.eval()
        windows: list[Example] = []
        for i, d in enumerate(docs):
            d.entities, d.relations = [], []
            windows += [w for w in document_windows(d, self.cfg.max_len, i, gold=False) if w.text.strip()]
        for idx in length_batches([len(w.text) for w in windows], max_chars):
            self._predict_batch([windows[i] for i in idx], docs)
        for d in docs:
            order = sorted(range(len(d.entities)), key=lambda i: d.entities[i].start)
            remap = {old: new for new, old in enumerate(order)}
            d.entities = [d.entities[i] for i in order]
            for r in d.relations:
                r.head, r.tail = remap[r.head], remap[r.tail]
            d.relations.sort(key=lambda r: (r.head, r.tail, r.type))
        return docs

    def _predict_batch(self, wins: list[Example], docs: list[Document]) -> None:
        batch = to_device(collate(self.vocab, self.cfg, wins, with_gold=False), self.device)
        enc, cums, emissions = self.net.emissions(batch)
        log_probs = emissions.log_softmax(-1)
        paths = self.net.crf.decode(emissions, batch["mask"])
        tags = self.cfg.tags
        ent_lists: list[list[tuple[int, int, str, str | None]]] = []
        ent_scores: list[list[float]] = []
        for w, path, lp in zip(wins, paths, log_probs, strict=False):
            spans = filter_spans(w.text, spans_from_tags([tags[i] for i in path[: len(w.text)]]))
            ent_lists.append([(s, e, lab, None) for s, e, lab in spans])
            lp_np = lp.float().cpu().numpy()
            ent_scores.append([float(np.exp(lp_np[np.arange(s, e), path[s:e]].mean())) for s, e, _ in spans])
        ents, pairs = entity_and_pair_tensors(self.cfg, ent_lists, [w.text for w in wins])
        if not ents["b"].numel():
            return
        ents, pairs = to_device(ents, self.device), to_device(pairs, self.device)
        vec = self.net.span_vectors(enc, cums, ents)
        states = self.net.state(vec).softmax(-1).cpu().numpy()
        rel_probs = None
        if pairs["head"].numel():
            logits = self.net.relation(vec, ents["label"], pairs, enc, cums) + pairs["allowed"]
            rel_probs = logits.softmax(-1).cpu().numpy()
        # Map window entities to document entities.
        flat: list[tuple[int, int]] = []  # (doc index, entity index in doc)
        k = 0
        for w, elist, scores in zip(wins, ent_lists, ent_scores, strict=False):
            doc = docs[w.doc_index]
            for (s, e, lab, _), sc in zip(elist, scores, strict=False):
                state = None
                if lab == "PROGRESS":
                    state = self.cfg.states[int(states[k].argmax())]
                doc.entities.append(Entity(s + w.offset, e + w.offset, lab, doc.text[s + w.offset : e + w.offset],
                                           round(sc, 4), state))
                flat.append((w.doc_index, len(doc.entities) - 1))
                k += 1
        if rel_probs is None:
            return
        heads = pairs["head"].cpu().numpy()
        tails = pairs["tail"].cpu().numpy()
        labels = ents["label"].cpu().numpy()
        chosen = decode_relations(heads, tails, rel_probs, [self.cfg.labels[i] for i in labels], self.cfg.relations)
        for h, t, typ, p in chosen:
            (dh, eh), (_, et) = flat[h], flat[t]
            docs[dh].relations.append(Relation(eh, et, typ, round(p, 4)))


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the B-/I- runs of a BIO sequence."""
    spans = []
    start, label = None, None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("I-") and label == t[2:]:
            continue
        if label is not None:
            spans.append((start, i, label))
            start, label = None, None
        if t.startswith("B-") or t.startswith("I-"):
            start, label = i, t[2:]
    return spans


def decode_relations(heads: np.ndarray, tails: np.ndarray, probs: np.ndarray, labels: list[str],
                     rel_types: list[str]) -> list[tuple[int, int, str, float]]:
    """Choose relations under the schema's cardinalities: one figure relation per tail, one unit,
    period and part-of per head; subjects may be several."""
    best = probs.argmax(-1)
    cand = [(int(h), int(t), rel_types[b - 1], float(probs[k, b]))
            for k, (h, t, b) in enumerate(zip(heads, tails, best, strict=False)) if b > 0]
    cand.sort(key=lambda c: -c[3])
    taken_tail: set[int] = set()
    taken_head: set[tuple[int, str]] = set()
    out = []
    for h, t, typ, p in cand:
        if typ in FIGURE_RELATIONS:
            if t in taken_tail:
                continue
            taken_tail.add(t)
        elif typ in _ONE_PER_HEAD:
            if (h, typ) in taken_head:
                continue
            taken_head.add((h, typ))
        out.append((h, t, typ, p))
    return out
