"""Choose the encoder by measurement: train each candidate with the same data, seed and budget,
and print dev scores (and real-report scores when ../shared/gold exists, for information only;
selection uses dev).

    python training/compare_encoders.py --epochs 30 --device auto [--encoders bilstm cnn transformer]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from parkie.formats.doccano import read_jsonl
from parkie.model.config import ModelConfig
from parkie.model.scoring import score_extractor
from parkie.model.trainer import train_model

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoders", nargs="+", default=["bilstm", "cnn", "transformer"],
                    help="encoder names, or NAME:key=value,key=value for a variant (cnn:hidden=192)")
    ap.add_argument("--augment", type=float, default=0.5)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="runs/compare.json")
    ap.add_argument("--gold", default=str(GOLD), help="real-report gold (information only)")
    ap.add_argument("--layers", type=int, default=None)
    ap.add_argument("--hidden", type=int, default=None)
    args = ap.parse_args()
    train = read_jsonl(ROOT / "data/annotated/train.jsonl")
    dev = read_jsonl(ROOT / "data/annotated/dev.jsonl")
    gold = read_jsonl(args.gold) if Path(args.gold).exists() else []
    results = {}
    for spec in args.encoders:
        enc, _, opts = spec.partition(":")
        cfg = ModelConfig(encoder=enc)
        if enc == "transformer":
            cfg.layers, cfg.hidden = 4, 256
        cfg.layers = args.layers or cfg.layers
        cfg.hidden = args.hidden or cfg.hidden
        augment = args.augment
        for kv in filter(None, opts.split(",")):
            key, _, value = kv.partition("=")
            if key == "augment":
                augment = float(value)
            elif key == "dilations":
                cfg.dilations = [int(x) for x in value.split("-")]
            else:
                setattr(cfg, key, type(getattr(cfg, key))(value))
        t0 = time.time()
        ext, _info = train_model(train, dev, cfg, epochs=args.epochs, seed=args.seed, device=args.device,
                                 augment=augment, evaluate=score_extractor, progress=False, log=lambda s: None)
        secs = time.time() - t0
        d = score_extractor(ext, dev)
        g = score_extractor(ext, gold) if gold else None
        n_params = sum(p.numel() for p in ext.net.parameters())
        results[spec] = {"dev_entity_f": d["entity"]["f"], "dev_relation_f": d["relation"]["f"],
                        "gold_entity_f": g["entity"]["f"] if g else None,
                        "gold_relation_f": g["relation"]["f"] if g else None,
                        "params": n_params, "train_seconds": round(secs, 1)}
        print(spec, json.dumps(results[spec]), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
