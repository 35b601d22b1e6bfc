"""Training loop: seeds, `datasets` shuffling, progress bar, dev selection, model directory."""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from datasets import Dataset
from tqdm.auto import tqdm

from parkie.document import Document
from parkie.model.augment import MentionPools, replace_mentions
from parkie.model.batching import collate, document_windows, length_batches, to_device
from parkie.model.config import ModelConfig
from parkie.model.extractor import Extractor
from parkie.model.features import CharVocab

DEFAULT_LR = {"bilstm": 2e-3, "cnn": 1e-3, "transformer": 5e-4, "hf": 5e-5}


def set_seed(seed: int) -> None:
    """Seed every random generator training touches."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(False)


def train_model(
    train_docs: list[Document],
    dev_docs: list[Document] | None,
    cfg: ModelConfig | None = None,
    *,
    start: Extractor | None = None,
    epochs: int = 20,
    seed: int = 13,
    device: str = "auto",
    lr: float | None = None,
    batch_chars: int = 6000,
    augment: float = 0.5,
    ema: float = 0.0,
    evaluate: Callable[[Extractor, list[Document]], dict[str, Any]] | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> tuple[Extractor, dict[str, Any]]:
    """Train (or continue training ``start``) and return the best extractor on dev and its history.

    The dev score used for selection is ``evaluate(extractor, dev_docs)["selection"]``.
    ``augment`` is the share of windows seen with replaced mentions each epoch. ``ema`` > 0
    keeps an exponential moving average of the weights (decay per step) and evaluates and
    returns the averaged weights instead of the last step's.
    """
    set_seed(seed)
    if start is not None:
        ext = start
        ext.device = torch.device(device) if device != "auto" else ext.device
        ext.net.to(ext.device)
        cfg = ext.cfg
    else:
        cfg = cfg or ModelConfig()
        vocab = CharVocab.build(d.text for d in train_docs)
        cfg.vocab_size = len(vocab)
        ext = Extractor(cfg, vocab, device=device)
    # `datasets` holds the window table and gives a seeded shuffle per epoch.
    windows = [w for i, d in enumerate(train_docs) for w in document_windows(d, cfg.max_len, i)]
    windows = [w for w in windows if w.text.strip()]
    pools = MentionPools(windows)
    table = Dataset.from_dict({"index": list(range(len(windows))), "length": [len(w.text) for w in windows]})
    lr = lr or DEFAULT_LR.get(cfg.encoder, 1e-3)
    opt = torch.optim.AdamW(ext.net.parameters(), lr=lr, weight_decay=1e-5)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=lr, total_steps=max(1, epochs * len(length_batches(table["length"], batch_chars, 32))),
        pct_start=0.1)
    rng = np.random.default_rng(seed)
    history: list[dict[str, Any]] = []
    best_score, best_state = -1.0, None
    shadow = {k: v.detach().clone() for k, v in ext.net.state_dict().items()} if ema > 0 else None
    t0 = time.time()
    for epoch in range(1, epochs + 1):
        ext.net.train()
        shuffled = table.shuffle(seed=seed + epoch)
        batches = length_batches(shuffled["length"], batch_chars, 32)
        random.Random(seed + epoch).shuffle(batches)
        order = shuffled["index"]
        totals: dict[str, float] = {}
        bar = tqdm(batches, desc=f"epoch {epoch}/{epochs}", disable=not progress, leave=False)
        for idx in bar:
            exs = [windows[order[i]] for i in idx]
            if augment > 0:
                exs = [replace_mentions(w, pools, rng) if rng.random() < augment else w for w in exs]
            batch = to_device(collate(ext.vocab, cfg, exs, train=True, rng=rng), ext.device)
            losses = ext.net(batch)
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(ext.net.parameters(), 5.0)
            opt.step()
            sched.step()
            if shadow is not None:
                _ema_update(shadow, ext.net.state_dict(), ema)
            for k, v in losses.items():
                totals[k] = totals.get(k, 0.0) + float(v.detach())
            bar.set_postfix(loss=f"{float(loss.detach()):.3f}")
        row: dict[str, Any] = {"epoch": epoch, "seconds": round(time.time() - t0, 1),
                               **{f"loss_{k}": round(v / max(1, len(batches)), 4) for k, v in totals.items()}}
        live = None
        if shadow is not None:  # evaluate the averaged weights, then train on from the live ones
            live = copy.deepcopy(ext.net.state_dict())
            ext.net.load_state_dict(shadow)
        if dev_docs and evaluate is not None:
            scores = evaluate(ext, dev_docs)
            row.update({k: v for k, v in scores.items() if isinstance(v, (int, float))})
            if scores["selection"] > best_score:
                best_score = scores["selection"]
                best_state = copy.deepcopy(ext.net.state_dict())
        if live is not None:
            ext.net.load_state_dict(live)
        history.append(row)
        log(" ".join(f"{k}={v}" for k, v in row.items()))
    if best_state is None and shadow is not None:
        best_state = shadow  # no dev selection: the final average
    if best_state is not None:
        ext.net.load_state_dict(best_state)
    ext.net.eval()
    return ext, {"history": history, "best_dev": best_score, "seed": seed, "epochs": epochs, "lr": lr, "ema": ema}


@torch.no_grad()
def _ema_update(shadow: dict[str, torch.Tensor], current: dict[str, torch.Tensor], decay: float) -> None:
    for k, v in current.items():
        if v.dtype.is_floating_point:
            shadow[k].mul_(decay).add_(v.detach(), alpha=1.0 - decay)
        else:
            shadow[k].copy_(v)
