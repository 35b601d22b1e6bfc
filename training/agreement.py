"""Inter-annotator agreement: two independent labellings of the same paragraphs.

    python training/agreement.py sample      # draws 50 labelled paragraphs -> agreement/first_pass.txt
                                             # and the same text unlabelled -> agreement/unlabelled.txt
    python training/agreement.py score       # entity and relation F1 between first and second pass

The second pass (agreement/second_pass.txt) is labelled from unlabelled.txt without looking at
the first pass. F1 treats the first pass as reference; it is symmetric in F1 anyway.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from parkie.corpus.compact import compile_file, to_compact
from parkie.evaluate import format_report, score

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "data" / "annotated" / "src"
OUT = ROOT / "data" / "annotated" / "agreement"


def sample(n: int = 50, seed: int = 7) -> None:
    docs = [d for f in sorted(SRC.glob("*.txt")) for d in compile_file(f) if len(d.entities) >= 3]
    chosen = sorted(random.Random(seed).sample(docs, n), key=lambda d: d.id)
    first, plain = [], []
    for d in chosen:
        line, rels = to_compact(d)
        first += [f"=== {d.id}", line, rels]
        plain += [f"=== {d.id}", d.text]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "first_pass.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (OUT / "unlabelled.txt").write_text("\n".join(plain) + "\n", encoding="utf-8")
    print(f"wrote {n} paragraphs to {OUT}")


def agreement() -> dict:
    first = {d.meta["doc_id"]: d for d in compile_file(OUT / "first_pass.txt")}
    second = {d.meta["doc_id"]: d for d in compile_file(OUT / "second_pass.txt")}
    ids = sorted(first.keys() & second.keys())
    for i in ids:
        if first[i].text != second[i].text:
            raise SystemExit(f"{i}: the second pass changed the text")
    return score([first[i] for i in ids], [second[i] for i in ids]), len(ids)


if __name__ == "__main__":
    if sys.argv[1:] == ["sample"]:
        sample()
    else:
        scores, n = agreement()
        print(format_report(scores, f"agreement over {n} paragraphs (first pass = reference)"))
