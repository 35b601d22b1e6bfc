"""``parkie corpus-build``: compile compact files into the train/dev/test JSONL splits.

Reads ``<src>/*.txt`` (the compact format, :mod:`parkie.corpus.compact`), validates the
records, and writes ``<out>/train.jsonl``, ``dev.jsonl`` and ``test.jsonl``, each sorted by
record id, with stable JSON. Splits follow :func:`parkie.corpus.split.split_of` on the
report id (``meta["doc_id"]``).

The test split is frozen once made: ``<out>/test_ids.txt`` lists its report ids. When that
file exists, exactly those reports are test and every other report goes to train or dev;
when it does not, it is written by the first build that puts any report in test.
Nothing is written when a compact file fails to compile or validation finds errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from parkie.corpus.compact import compile_file
from parkie.corpus.split import SPLITS, report_id, split_documents
from parkie.document import Document
from parkie.errors import InputError
from parkie.formats.doccano import document_to_record
from parkie.formats.validate import Report, validate_records

TEST_IDS = "test_ids.txt"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus-build", help="compile data/annotated/src/*.txt into split JSONL")
    p.add_argument("--src", default="data/annotated/src", help="folder of compact .txt files")
    p.add_argument("--out", default="data/annotated", help="folder for train/dev/test.jsonl")
    p.set_defaults(func=run)


def natural_key(s: str) -> list[Any]:
    """Sort key that orders ``x-p2`` before ``x-p10``."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", s)]


def stable_record(doc: Document) -> dict[str, Any]:
    rec = document_to_record(doc)
    rec["meta"] = dict(sorted(rec["meta"].items()))
    return rec


def build(src: Path, out: Path) -> tuple[dict[str, list[Document]], list[str]]:
    """Compile, validate and write the splits; returns the splits and the problems found.

    When problems are returned, nothing was written.
    """
    if not src.is_dir():
        raise InputError(str(src), "no such folder")
    problems: list[str] = []
    docs: list[Document] = []
    for f in sorted(src.glob("*.txt")):
        try:
            docs.extend(compile_file(f))
        except InputError as exc:
            problems.append(str(exc))
    if not docs and not problems:
        problems.append(f"{src}: no compact files (*.txt) with documents")
    report = Report()
    records = [stable_record(d) for d in docs]
    for prob in validate_records(((None, r) for r in records), "corpus-build", report):
        if prob.severity == "error":
            problems.append(str(prob))
    if problems:
        return {}, problems

    ids_file = out / TEST_IDS
    frozen: set[str] | None = None
    if ids_file.is_file():
        frozen = {ln.strip() for ln in ids_file.read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith("#")}
    splits = split_documents(docs, frozen)
    out.mkdir(parents=True, exist_ok=True)
    for name in SPLITS:
        part = sorted(splits[name], key=lambda d: natural_key(d.id))
        splits[name] = part
        with open(out / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as fh:
            for d in part:
                fh.write(json.dumps(stable_record(d), ensure_ascii=False) + "\n")
    if frozen is None and splits["test"]:
        ids = sorted({report_id(d) for d in splits["test"]}, key=natural_key)
        ids_file.write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
    return splits, []


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    had_ids = (out / TEST_IDS).is_file()
    splits, problems = build(Path(args.src), out)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"corpus-build: {len(problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    for name in SPLITS:
        reports = len({report_id(d) for d in splits[name]})
        print(f"{name}: {len(splits[name])} records from {reports} reports -> "
              f"{out / (name + '.jsonl')}")
    if had_ids:
        print(f"test split frozen by {out / TEST_IDS}")
    elif splits["test"]:
        print(f"test split frozen: wrote {out / TEST_IDS}")
    else:
        print("no report fell into test yet; the test split is not frozen")
    return 0
