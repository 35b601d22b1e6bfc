"""``parkie compact FILE...``: compile compact-format labelling files and report problems."""

from __future__ import annotations

import argparse
import collections
import sys

from parkie.corpus.compact import compile_file
from parkie.errors import InputError
from parkie.formats.doccano import write_jsonl
from parkie.schema import FIGURE_RELATIONS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compact", help="compile compact labelling files into doccano JSONL")
    p.add_argument("files", nargs="+", help="compact files (UTF-8)")
    p.add_argument("-o", "--out", help="write all records to this JSONL file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    docs = []
    failed = 0
    for f in args.files:
        try:
            docs.extend(compile_file(f))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    labels: collections.Counter[str] = collections.Counter()
    rels: collections.Counter[str] = collections.Counter()
    chars = 0
    for d in docs:
        chars += len(d.text)
        labels.update(e.label for e in d.entities)
        rels.update(r.type for r in d.relations)
    figures = sum(n for t, n in rels.items() if t in FIGURE_RELATIONS)
    print(f"{len(docs)} paragraphs, {chars} characters, {figures} figure relations")
    print("labels:", dict(sorted(labels.items())))
    print("relations:", dict(sorted(rels.items())))
    if args.out and not failed:
        write_jsonl(docs, args.out)
        print(f"wrote {args.out}")
    return 1 if failed else 0
