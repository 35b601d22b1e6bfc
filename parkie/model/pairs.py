"""Candidate entity pairs for the relation scorer, with their position features.

A pair is a candidate when the schema allows some relation between its labels and the two
spans lie within ``window`` characters. Everything is vectorised with numpy: prefix sums for
the counts of sentence ends and numbered points between two spans, ``searchsorted`` for the
number of same-label entities between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from parkie.schema import LABELS, RELATION_TYPES, allowed_relations

_STOPS = re.compile(r"[。；;！？!?\n]")
# Numbered-point markers: 一是/二是, （一）, 1. / 1、 / 2．at the start of an item.
_ITEMS = re.compile(r"[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|(?:^|[。；\s])\d{1,2}[.、．](?!\d)")

N_DIST = 25
N_COUNT = 4
LABEL_INDEX = {lab: i for i, lab in enumerate(LABELS)}
REL_INDEX = {t: i + 1 for i, t in enumerate(RELATION_TYPES)}  # 0 = no relation

#: [head label, tail label, 1 + relation type] -> 0.0 when allowed (column 0, none, always), -1e4 if not.
ALLOWED = np.full((len(LABELS), len(LABELS), len(RELATION_TYPES) + 1), -1e4, dtype=np.float32)
ALLOWED[:, :, 0] = 0.0
for _h in LABELS:
    for _t in LABELS:
        for _typ in allowed_relations(_h, _t):
            ALLOWED[LABEL_INDEX[_h], LABEL_INDEX[_t], REL_INDEX[_typ]] = 0.0
CAN_RELATE = (ALLOWED[:, :, 1:] == 0.0).any(-1)

# Log buckets of a distance: 0-4 as is, 5-7 → 5, 8-15 → 6, … 256+ → 11.
_BUCKETS = np.array([0, 1, 2, 3, 4, 5, 5, 5] + [min(11, 3 + int(np.log2(n))) for n in range(8, 4096)])


def dist_bucket(d: np.ndarray) -> np.ndarray:
    """Signed, log-bucketed distance: 0..24 (12 is zero)."""
    b = _BUCKETS[np.minimum(np.abs(d), len(_BUCKETS) - 1)]
    return 12 + np.where(d >= 0, b, -b)


@dataclass
class PairFeatures:
    """Arrays of one paragraph's candidate pairs (indices into its entity list)."""

    head: np.ndarray
    tail: np.ndarray
    dist: np.ndarray
    n_tail_between: np.ndarray
    n_head_between: np.ndarray
    n_stops: np.ndarray
    n_items: np.ndarray
    lo: np.ndarray  # the gap between the two spans, for the "between" vector
    hi: np.ndarray
    allowed: np.ndarray  # [pairs, 1 + relation types] additive mask

    def __len__(self) -> int:
        return len(self.head)


def _prefix(pattern: re.Pattern[str], text: str, at_end: bool) -> np.ndarray:
    marks = np.zeros(len(text) + 1, dtype=np.int64)
    for m in pattern.finditer(text):
        marks[(m.end() if at_end else m.start() + 1)] += 1
    return np.cumsum(marks)


def candidate_pairs(text: str, spans: list[tuple[int, int, str]], window: int) -> PairFeatures:
    """All candidate (head, tail) pairs among ``spans`` (start, end, label) of ``text``."""
    n = len(spans)
    starts = np.array([s for s, _, _ in spans], dtype=np.int64).reshape(n)
    ends = np.array([e for _, e, _ in spans], dtype=np.int64).reshape(n)
    labels = np.array([LABEL_INDEX[lab] for _, _, lab in spans], dtype=np.int64).reshape(n)
    h, t = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    h, t = h.ravel(), t.ravel()
    keep = (h != t) & CAN_RELATE[labels[h], labels[t]] & (np.abs(starts[t] - starts[h]) <= window)
    h, t = h[keep], t[keep]
    stops = _prefix(_STOPS, text, at_end=False)
    items = _prefix(_ITEMS, text, at_end=True)
    head_first = starts[h] < starts[t]
    lo = np.where(head_first, ends[h], ends[t])
    hi = np.where(head_first, starts[t], starts[h])
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    # Entity ranks in text order, and per label the sorted ranks, for "how many between".
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(starts, kind="stable")] = np.arange(n)
    rlo, rhi = np.minimum(rank[h], rank[t]), np.maximum(rank[h], rank[t])

    def between(label_of: np.ndarray) -> np.ndarray:
        out = np.zeros(len(h), dtype=np.int64)
        for lab in np.unique(label_of):
            ranks = np.sort(rank[labels == lab])
            sel = label_of == lab
            out[sel] = np.searchsorted(ranks, rhi[sel]) - np.searchsorted(ranks, rlo[sel], side="right")
        return np.minimum(out, N_COUNT - 1)

    return PairFeatures(
        head=h, tail=t, dist=dist_bucket(starts[t] - starts[h]),
        n_tail_between=between(labels[t]), n_head_between=between(labels[h]),
        n_stops=np.minimum(stops[hi] - stops[lo], N_COUNT - 1),
        n_items=np.minimum(items[hi] - items[lo], N_COUNT - 1),
        lo=lo, hi=hi, allowed=ALLOWED[labels[h], labels[t]],
    )
