"""The project's corpus is its own: no run of 16 characters from ../shared's real reports.

Only political boilerplate and report-title formulas, which every park report shares, may
coincide (「坚持以习近平新时代中国特色社会主义思想为指导」, 「…年上半年工作总结及下半年工作计划」).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parkie.formats.doccano import read_jsonl
from tests.conftest import SHARED

DATA = Path(__file__).resolve().parents[1] / "data" / "annotated"
N = 16
_BOILERPLATE = re.compile(r"习近平|工作总结|工作计划|工作安排|工作打算|十九大|二十大")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared not present")
def test_no_shared_sentence_in_the_corpus():
    shared = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in (SHARED / "seeds").glob("*"))
    shared += "".join(d.text for d in read_jsonl(SHARED / "gold" / "seeds.jsonl"))
    shared = _squeeze(shared)
    grams = {shared[i : i + N] for i in range(len(shared) - N + 1)}
    hits = []
    for split in ("train", "dev", "test"):
        for doc in read_jsonl(DATA / f"{split}.jsonl"):
            text = _squeeze(doc.text)
            for i in range(len(text) - N + 1):
                window = text[i : i + N]
                if window in grams and not _BOILERPLATE.search(text[max(0, i - 8) : i + N + 8]):
                    hits.append((doc.id, window))
                    break
    assert not hits, hits[:10]
