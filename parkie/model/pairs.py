"""Candidate entity pairs for the relation scorer, with their position features.

A pair is a candidate when the schema allows some relation between its labels and the two
spans lie within ``window`` characters. Position features are bucketed counts computed with
prefix sums over the text, so building pairs costs one pass per paragraph.
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

_CAN_RELATE = {
    (h, t): bool(allowed_relations(h, t)) for h in LABELS for t in LABELS
}


def _bucket(n: int) -> int:
    if n < 5:
        return n
    if n < 8:
        return 5
    return min(11, 3 + int(np.log2(n)))  # 8-15 → 6, 16-31 → 7, … 256+ → 11


def dist_bucket(d: int) -> int:
    """Signed, log-bucketed distance: 0..24 (12 is zero)."""
    b = _bucket(abs(d))
    return 12 + (b if d >= 0 else -b)


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

    def __len__(self) -> int:
        return len(self.head)


def candidate_pairs(text: str, spans: list[tuple[int, int, str]], window: int) -> PairFeatures:
    """All candidate (head, tail) pairs among ``spans`` (start, end, label) of ``text``."""
    stops = np.zeros(len(text) + 1, dtype=np.int64)
    for m in _STOPS.finditer(text):
        stops[m.start() + 1] += 1
    stops = np.cumsum(stops)
    items = np.zeros(len(text) + 1, dtype=np.int64)
    for m in _ITEMS.finditer(text):
        items[m.end()] += 1
    items = np.cumsum(items)
    starts = np.array([s for s, _, _ in spans], dtype=np.int64)
    labels = [lab for _, _, lab in spans]
    order = np.argsort(starts, kind="stable")
    rank = np.empty(len(spans), dtype=np.int64)
    rank[order] = np.arange(len(spans))
    by_label: dict[str, np.ndarray] = {}
    for lab in set(labels):
        ranks = sorted(rank[i] for i in range(len(spans)) if labels[i] == lab)
        by_label[lab] = np.array(ranks, dtype=np.int64)

    cols: dict[str, list[int]] = {k: [] for k in ("h", "t", "d", "nt", "nh", "ns", "ni")}
    for h, (hs, he, hl) in enumerate(spans):
        for t, (ts, te, tl) in enumerate(spans):
            if h == t or not _CAN_RELATE[(hl, tl)]:
                continue
            if abs(ts - hs) > window:
                continue
            lo, hi = (he, ts) if hs < ts else (te, hs)
            lo, hi = min(lo, hi), max(lo, hi)
            rlo, rhi = sorted((rank[h], rank[t]))
            cols["h"].append(h)
            cols["t"].append(t)
            cols["d"].append(dist_bucket(int(ts - hs)))
            cols["nt"].append(min(N_COUNT - 1, _count_between(by_label[tl], rlo, rhi)))
            cols["nh"].append(min(N_COUNT - 1, _count_between(by_label[hl], rlo, rhi)))
            cols["ns"].append(min(N_COUNT - 1, int(stops[hi] - stops[lo])))
            cols["ni"].append(min(N_COUNT - 1, int(items[hi] - items[lo])))
    arr = {k: np.array(v, dtype=np.int64) for k, v in cols.items()}
    return PairFeatures(arr["h"], arr["t"], arr["d"], arr["nt"], arr["nh"], arr["ns"], arr["ni"])


def _count_between(sorted_ranks: np.ndarray, lo: int, hi: int) -> int:
    return int(np.searchsorted(sorted_ranks, hi) - np.searchsorted(sorted_ranks, lo, side="right"))


REL_INDEX = {t: i + 1 for i, t in enumerate(RELATION_TYPES)}  # 0 = no relation
