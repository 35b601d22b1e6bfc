"""A linear-chain CRF with BIO constraints, so decoded spans are always well formed."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


def bio_constraints(tags: list[str]) -> torch.Tensor:
    """``[n, n]`` mask of allowed transitions (I-X only after B-X or I-X) and allowed starts."""
    n = len(tags)
    allowed = torch.ones(n, n, dtype=torch.bool)
    for j, t in enumerate(tags):
        if t.startswith("I-"):
            label = t[2:]
            for i, s in enumerate(tags):
                allowed[i, j] = s in (f"B-{label}", f"I-{label}")
    return allowed


class CRF(nn.Module):
    """CRF over emission scores ``[B, T, n_tags]`` with a padding mask ``[B, T]``."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__()
        n = len(tags)
        self.transitions = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        allowed = bio_constraints(tags)
        self.register_buffer("trans_mask", (~allowed).float() * -1e4, persistent=False)
        start_ok = torch.tensor([not t.startswith("I-") for t in tags])
        self.register_buffer("start_mask", (~start_ok).float() * -1e4, persistent=False)

    def _trans(self) -> torch.Tensor:
        return self.transitions + self.trans_mask

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold tag sequences."""
        trans = self._trans()
        start = self.start + self.start_mask
        _b, t, _ = emissions.shape
        maskf = mask.float()
        # Gold path score.
        score = start[tags[:, 0]] + emissions[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for i in range(1, t):
            step = trans[tags[:, i - 1], tags[:, i]] + emissions[:, i].gather(1, tags[:, i : i + 1]).squeeze(1)
            score = score + step * maskf[:, i]
        lengths = mask.long().sum(1)
        last = tags.gather(1, (lengths - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        # Partition function.
        alpha = start.unsqueeze(0) + emissions[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + emissions[:, i]
            m = mask[:, i].unsqueeze(1)
            alpha = torch.where(m, nxt, alpha)
        logz = torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)
        return (logz - score).mean()

    @torch.no_grad()
    def decode(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """Viterbi decoding; one loop step per position for the whole batch.

        On CPU the loop runs in numpy: for these small per-step arrays (batch × tags × tags)
        numpy's per-call overhead is a few times lower than torch's.
        """
        if emissions.is_cuda:
            return self._decode_torch(emissions, mask)
        trans = self._trans().float().cpu().numpy()
        em = emissions.float().cpu().numpy()
        mk = mask.cpu().numpy()
        b, t, n = em.shape
        score = (self.start + self.start_mask).float().cpu().numpy() + em[:, 0]
        history = np.empty((t, b, n), dtype=np.int64)
        stay = np.arange(n)
        for i in range(1, t):
            cand = score[:, :, None] + trans[None]
            idx = cand.argmax(1)
            best = np.take_along_axis(cand, idx[:, None, :], 1)[:, 0]
            m = mk[:, i, None]
            score = np.where(m, best + em[:, i], score)
            history[i] = np.where(m, idx, stay)
        score = score + self.end.float().cpu().numpy()
        last = score.argmax(1)
        out = np.empty((b, t), dtype=np.int64)
        out[:, t - 1] = last
        rows = np.arange(b)
        for i in range(t - 1, 0, -1):
            last = history[i][rows, last]
            out[:, i - 1] = last
        lengths = mk.sum(1)
        return [row[:k].tolist() for row, k in zip(out, lengths, strict=False)]

    def _decode_torch(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        trans = self._trans()
        b, t, n = emissions.shape
        score = self.start + self.start_mask + emissions[:, 0]
        history = []
        for i in range(1, t):
            cand = score.unsqueeze(2) + trans.unsqueeze(0)
            best, idx = cand.max(dim=1)
            nxt = best + emissions[:, i]
            m = mask[:, i].unsqueeze(1)
            score = torch.where(m, nxt, score)
            history.append(torch.where(m, idx, torch.arange(n, device=idx.device).expand(b, n)))
        score = score + self.end
        best_last = score.argmax(dim=1)
        paths = [best_last]
        for idx in reversed(history):
            best_last = idx.gather(1, best_last.unsqueeze(1)).squeeze(1)
            paths.append(best_last)
        paths.reverse()
        full = torch.stack(paths, dim=1).tolist()
        lengths = mask.long().sum(1).tolist()
        return [row[:n_] for row, n_ in zip(full, lengths, strict=False)]
