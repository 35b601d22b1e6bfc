"""Mention replacement: training windows with other enterprise names, projects and numbers.

The corpus is small and written for the project, so the model would otherwise memorise its
names. Swapping ORG/PROJECT/AMOUNT mentions for others (from the corpus, or enterprise names
composed from corpus characters and common suffixes) keeps the context and the labels and
teaches the tagger to rely on context. Offsets are recomputed; relations keep their indices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from parkie.model.batching import Example

_SUFFIXES = ("科技", "电子", "新材料", "实业", "集团", "股份", "有限公司", "科技有限公司", "光电", "能源",
             "机械", "化工", "药业", "食品", "纺织", "智能", "汽车零部件", "精密", "环保", "电气")
_ORG_SUFFIX = re.compile("(" + "|".join(sorted(_SUFFIXES, key=len, reverse=True)) + ")$")


class MentionPools:
    """Mentions seen in training, by label, and the characters enterprise names use."""

    def __init__(self, examples: Iterable[Example]) -> None:
        pools: dict[str, set[str]] = {"ORG": set(), "PROJECT": set(), "AMOUNT": set()}
        name_chars: set[str] = set()
        for ex in examples:
            for s, e, label, _ in ex.entities:
                if label in pools:
                    pools[label].add(ex.text[s:e])
                if label == "ORG":
                    name_chars.update(c for c in _ORG_SUFFIX.sub("", ex.text[s:e]) if "\u4e00" <= c <= "\u9fff")
        self.pools = {k: sorted(v) for k, v in pools.items()}
        self.name_chars = sorted(name_chars)

    def sample(self, label: str, original: str, rng: np.random.Generator) -> str:
        if label == "ORG" and self.name_chars and rng.random() < 0.5:
            n = int(rng.integers(2, 5))
            stem = "".join(self.name_chars[i] for i in rng.integers(0, len(self.name_chars), n))
            m = _ORG_SUFFIX.search(original)
            suffix = m.group(1) if m and rng.random() < 0.7 else ("" if rng.random() < 0.4 else
                                                                   _SUFFIXES[int(rng.integers(len(_SUFFIXES)))])
            return stem + suffix
        pool = self.pools.get(label) or [original]
        return pool[int(rng.integers(len(pool)))]


def replace_mentions(ex: Example, pools: MentionPools, rng: np.random.Generator, prob: float = 0.4) -> Example:
    """A copy of ``ex`` with some ORG/PROJECT/AMOUNT mentions replaced."""
    order = sorted(range(len(ex.entities)), key=lambda i: ex.entities[i][0])
    parts: list[str] = []
    new_entities = list(ex.entities)
    pos = 0
    length = 0
    for i in order:
        s, e, label, state = ex.entities[i]
        parts.append(ex.text[pos:s])
        length += s - pos
        mention = ex.text[s:e]
        if label in pools.pools and rng.random() < prob:
            mention = pools.sample(label, mention, rng)
        new_entities[i] = (length, length + len(mention), label, state)
        parts.append(mention)
        length += len(mention)
        pos = e
    parts.append(ex.text[pos:])
    return Example("".join(parts), 0, ex.doc_index, new_entities, list(ex.relations))
