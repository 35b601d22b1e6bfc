"""``parkie train``: train a model from scratch, on a local HF encoder, or continue from one.

    parkie train --data data/annotated/train.jsonl --dev data/annotated/dev.jsonl --out runs/m
    parkie train --from default --data new.jsonl --out runs/tuned      # fine-tune on new reports
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from parkie.corpus.split import report_id
from parkie.document import Document
from parkie.errors import InputError
from parkie.evaluate import format_report
from parkie.formats.convert import load_corpus
from parkie.schema import LABELS, RELATION_TYPES, STATES

PROJECT_DATA = Path(__file__).resolve().parents[2] / "data" / "annotated"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train or fine-tune a model")
    p.add_argument("--data", nargs="+", required=True, help="training data: doccano JSONL or Label Studio JSON")
    p.add_argument("--dev", nargs="*", default=None, help="dev data for model selection")
    p.add_argument("--out", required=True, help="model directory to write")
    p.add_argument("--encoder", default="cnn", choices=["cnn", "bilstm", "transformer", "hf"])
    p.add_argument("--base", help="local Hugging Face checkpoint directory to use as the encoder")
    p.add_argument("--from", dest="start", help="continue from a model directory ('default' = shipped model)")
    p.add_argument("--epochs", type=int, default=None, help="default: 30 from scratch, 8 when fine-tuning")
    p.add_argument("--device", default="auto")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--hidden", type=int, default=None)
    p.add_argument("--ema", type=float, default=0.0,
                   help="keep an exponential moving average of the weights with this decay per step (0: off)")
    p.add_argument("--word-features", action="store_true",
                   help="add jieba word-boundary tags (top-60k dictionary) as a model input (new models only)")
    p.add_argument("--label-map", help="JSON file mapping the export's label names to parkie's")
    p.add_argument("--no-mix", action="store_true",
                   help="fine-tuning: do not mix the project's training data into the user's")
    p.add_argument("--holdout", type=float, default=0.2,
                   help="fine-tuning: share of the user's reports held out for before/after scores")
    p.add_argument("--test", nargs="*", default=None, help="test data scored after training")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run)


def check_labels(docs: list[Document], path: str) -> None:
    """Refuse data whose labels, states or relation types parkie cannot map."""
    for d in docs:
        for e in d.entities:
            if e.label not in LABELS:
                raise InputError(path, f"record {d.id}: label {e.label!r} is not one of parkie's labels "
                                 f"{', '.join(LABELS)}; map it with --label-map")
            if e.label == "PROGRESS" and e.state not in STATES:
                raise InputError(path, f"record {d.id}: PROGRESS with state {e.state!r}; "
                                 f"states are {', '.join(STATES)}")
        for r in d.relations:
            if r.type not in RELATION_TYPES:
                raise InputError(path, f"record {d.id}: relation type {r.type!r} is not one of "
                                 f"{', '.join(RELATION_TYPES)}; map it with --label-map")


def load(paths: list[str], label_map: dict[str, str] | None) -> list[Document]:
    docs: list[Document] = []
    for p in paths:
        part = load_corpus([p], label_map=label_map)
        check_labels(part, p)
        docs += part
    return docs


def run(args: argparse.Namespace) -> int:
    import torch

    from parkie.model.config import ModelConfig
    from parkie.model.extractor import Extractor
    from parkie.model.scoring import score_extractor
    from parkie.model.trainer import train_model
    from parkie.pipeline import DEFAULT_MODEL

    torch.set_num_threads(max(1, torch.get_num_threads()))
    label_map = json.loads(Path(args.label_map).read_text(encoding="utf-8")) if args.label_map else None
    data = load(args.data, label_map)
    if not data:
        raise InputError(args.data[0], "no training records")
    dev = load(args.dev, label_map) if args.dev else None
    test = load(args.test, label_map) if args.test else None
    report: dict = {}
    start = None
    if args.start:
        src = DEFAULT_MODEL if args.start == "default" else Path(args.start)
        start = Extractor.from_pretrained(src, device=args.device)
        # Hold out part of the user's reports to show what fine-tuning changed.
        ids = sorted({report_id(d) for d in data})
        random.Random(args.seed).shuffle(ids)
        n_hold = max(1, round(len(ids) * args.holdout)) if len(ids) > 1 else 0
        held_ids = set(ids[:n_hold])
        held = [d for d in data if report_id(d) in held_ids]
        data = [d for d in data if report_id(d) not in held_ids]
        project_test = load([str(PROJECT_DATA / "test.jsonl")], None) if (PROJECT_DATA / "test.jsonl").exists() else []
        before = {"user_heldout": score_extractor(start, held) if held else None,
                  "project_test": score_extractor(start, project_test) if project_test else None}
        if not args.no_mix and (PROJECT_DATA / "train.jsonl").exists():
            original = load([str(PROJECT_DATA / "train.jsonl")], None)
            data = data * 3 + original  # the user's style weighs more, old skills are kept
        dev = dev or held or None
    cfg = None
    if start is None:
        cfg = ModelConfig(encoder="hf" if args.base else args.encoder, base=args.base)
        if args.hidden:
            cfg.hidden = args.hidden
        if args.word_features:
            cfg.word_features, cfg.word_dict = True, "top60k"
        if cfg.encoder == "hf":
            cfg.max_len = 500
    epochs = args.epochs or (8 if start is not None else 30)
    ext, info = train_model(data, dev, cfg, start=start, epochs=epochs, seed=args.seed, device=args.device,
                            lr=args.lr, ema=args.ema, evaluate=score_extractor if dev else None,
                            progress=not args.no_progress, log=lambda s: print(s, file=sys.stderr))
    report["training"] = info
    if dev:
        report["dev"] = score_extractor(ext, dev)
    if test:
        report["test"] = score_extractor(ext, test)
    if start is not None:
        after = {"user_heldout": score_extractor(ext, held) if held else None,
                 "project_test": score_extractor(ext, project_test) if project_test else None}
        report["before"], report["after"] = before, after
        for part in ("user_heldout", "project_test"):
            if before[part] and after[part]:
                print(f"{part}: entity F1 {before[part]['entity']['f']:.3f} -> {after[part]['entity']['f']:.3f}, "
                      f"relation F1 {before[part]['relation']['f']:.3f} -> {after[part]['relation']['f']:.3f}")
    out = Path(args.out)
    ext.save_pretrained(out, {"data": args.data, "dev": args.dev, "from": args.start, **info})
    (out / "metrics.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    for name in ("dev", "test"):
        if name in report:
            print(format_report(report[name], f"== {name}"))
    print(f"wrote {out}")
    return 0
