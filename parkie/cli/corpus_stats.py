"""``parkie corpus-stats [FILES...]``: label, relation, state and variety counts of a corpus.

Each file is one split, named after its stem (``train.jsonl`` -> ``train``). ``.jsonl`` files
are doccano JSONL, ``.json`` files Label Studio exports. Without files, the existing ones of
``data/annotated/{train,dev,test}.jsonl`` are read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parkie.corpus.split import SPLITS
from parkie.corpus.stats import corpus_stats, format_stats
from parkie.errors import InputError
from parkie.formats.convert import load_corpus

DEFAULT_DIR = Path("data/annotated")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus-stats", help="counts per label, relation, state and split")
    p.add_argument("files", nargs="*",
                   help="corpus files, one per split "
                   "(default: data/annotated/{train,dev,test}.jsonl)")
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    if not files:
        files = [DEFAULT_DIR / f"{s}.jsonl" for s in SPLITS]
        files = [f for f in files if f.is_file()]
        if not files:
            raise InputError(str(DEFAULT_DIR), "no train/dev/test.jsonl here; run "
                             "'parkie corpus-build' or name the files")
    by_split: dict[str, list] = {}
    for f in files:
        if not f.is_file():
            raise InputError(str(f), "no such file")
        by_split.setdefault(f.stem, []).extend(load_corpus([f]))
    stats = corpus_stats(by_split)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
    else:
        print(format_stats(stats))
    return 0
