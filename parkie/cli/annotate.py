"""``parkie annotate INPUT... -o OUT``: annotate a corpus of reports."""

from __future__ import annotations

import argparse
import sys

from parkie.batch import annotate_corpus


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="annotate reports (files, folders, globs or JSONL) into JSONL/CSV/Parquet")
    p.add_argument("inputs", nargs="+", help="files, folders, globs, or JSONL of {id, text, meta}")
    p.add_argument("-o", "--out", required=True, help="output file")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl",
                   help="jsonl: one JSON object per document; csv/parquet: figures table "
                        "(and OUT.progress.csv|parquet)")
    p.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    p.add_argument("--workers", type=int, default=1, help="processes, each with its own model")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summary = annotate_corpus(args.inputs, args.out, fmt=args.format, model=args.model, device=args.device,
                              workers=args.workers, batch_size=args.batch_size,
                              progress=not args.no_progress)
    print(summary.format(), file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)
    return 1 if summary.failed else 0
