"""The joint network: encoder → CRF tagger, PROGRESS state classifier and relation scorer."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

from parkie.model.config import ModelConfig
from parkie.model.crf import CRF
from parkie.model.encoders import build_encoder
from parkie.model.pairs import N_COUNT, N_DIST


class SpanPooler(nn.Module):
    """Span vector: first and last character vectors and the span mean, projected."""

    def __init__(self, hidden: int, out: int) -> None:
        super().__init__()
        self.proj = nn.Linear(hidden * 3, out)

    def forward(self, enc: torch.Tensor, cums: torch.Tensor, b: torch.Tensor, s: torch.Tensor,
                e: torch.Tensor) -> torch.Tensor:
        first = enc[b, s]
        last = enc[b, e - 1]
        mean = (cums[b, e] - cums[b, s]) / (e - s).clamp(min=1).unsqueeze(-1).float()
        return torch.tanh(self.proj(torch.cat([first, last, mean], dim=-1)))


class RelationScorer(nn.Module):
    """Scores each candidate pair over ``no relation`` + the relation types."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        r = cfg.rel_dim
        n_labels = len(cfg.labels)
        self.label = nn.Embedding(n_labels, 32)
        self.dist = nn.Embedding(N_DIST, 32)
        self.counts = nn.ModuleList(nn.Embedding(N_COUNT, 16) for _ in range(4))
        self.between = nn.Linear(cfg.hidden, r)
        in_dim = 3 * r + r + 2 * 32 + 32 + 4 * 16
        self.mlp = nn.Sequential(nn.Linear(in_dim, r), nn.ReLU(), nn.Dropout(cfg.dropout),
                                 nn.Linear(r, len(cfg.relations) + 1))

    def forward(self, ent: torch.Tensor, ent_label: torch.Tensor, pairs: dict[str, torch.Tensor],
                enc: torch.Tensor, cums: torch.Tensor) -> torch.Tensor:
        h, t = pairs["head"], pairs["tail"]
        hv, tv = ent[h], ent[t]
        b, lo, hi = pairs["b"], pairs["lo"], pairs["hi"]
        between = (cums[b, hi] - cums[b, lo]) / (hi - lo).clamp(min=1).unsqueeze(-1).float()
        x = torch.cat([
            hv, tv, hv * tv, torch.tanh(self.between(between)),
            self.label(ent_label[h]), self.label(ent_label[t]), self.dist(pairs["dist"]),
            *(emb(pairs[k]) for emb, k in zip(self.counts, ("n_tail", "n_head", "n_stops", "n_items"), strict=False)),
        ], dim=-1)
        return self.mlp(x)


class ParkieNet(nn.Module):
    """Encoder with three heads; ``forward`` returns losses, ``infer`` predictions."""

    def __init__(self, cfg: ModelConfig, load_encoder_weights: bool = True) -> None:
        super().__init__()
        self.cfg = cfg
        self.encoder = build_encoder(cfg, load_weights=load_encoder_weights)
        self.emit = nn.Linear(cfg.hidden, len(cfg.tags))
        self.crf = CRF(cfg.tags)
        self.span = SpanPooler(cfg.hidden, cfg.rel_dim)
        self.state = nn.Sequential(nn.Dropout(cfg.dropout), nn.Linear(cfg.rel_dim, len(cfg.states)))
        self.relation = RelationScorer(cfg)

    def encode(self, batch: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
        enc = self.encoder(batch)
        zeros = torch.zeros_like(enc[:, :1])
        cums = torch.cat([zeros, enc.cumsum(dim=1)], dim=1)
        return enc, cums

    def span_vectors(self, enc: torch.Tensor, cums: torch.Tensor, ents: dict[str, torch.Tensor]) -> torch.Tensor:
        return self.span(enc, cums, ents["b"], ents["start"], ents["end"])

    def forward(self, batch: dict[str, Any]) -> dict[str, torch.Tensor]:
        enc, cums = self.encode(batch)
        emissions = self.emit(enc)
        losses = {"tags": self.crf.nll(emissions, batch["tags"], batch["mask"])}
        ents = batch["ents"]
        if ents["b"].numel():
            vec = self.span_vectors(enc, cums, ents)
            prog = ents["state"] >= 0
            if prog.any():
                losses["state"] = F.cross_entropy(self.state(vec[prog]), ents["state"][prog])
            pairs = batch["pairs"]
            if pairs["head"].numel():
                logits = self.relation(vec, ents["label"], pairs, enc, cums)
                logits = logits + pairs["allowed"]
                losses["relations"] = F.cross_entropy(logits, pairs["gold"])
        return losses

    def emissions(self, batch: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        enc, cums = self.encode(batch)
        return enc, cums, self.emit(enc)
