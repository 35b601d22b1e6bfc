"""``parkie evaluate --model DIR DATA...``: score a model (with the linker) on labelled data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from parkie.evaluate import format_report
from parkie.formats.convert import load_corpus
from parkie.scoring import evaluate_model


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="per-label P/R/F1, relation F1, figure F1, state accuracy")
    p.add_argument("data", nargs="+", help="labelled doccano JSONL (or Label Studio JSON) files")
    p.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    p.add_argument("--device", default="auto")
    p.add_argument("--json", help="also write the scores as JSON here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from parkie.pipeline import Parkie

    nlp = Parkie.load(args.model, args.device)
    for path in args.data:
        gold = load_corpus([path])
        scores = evaluate_model(nlp, gold)
        print(format_report(scores, f"== {path} ({len(gold)} records)"))
        print()
        if args.json:
            out = Path(args.json)
            prev = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
            prev[path] = scores
            out.write_text(json.dumps(prev, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0
