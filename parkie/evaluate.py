"""Scores of predicted documents against gold ones (definitions in docs/metrics.md).

* entities: exact span and label; per-label and micro precision/recall/F1.
* relations: exact head span+label, tail span+label and type; per type and micro.
* figures: an AMOUNT/PERCENT with its indicator span, kind, unit span and period span all right.
* progress-state accuracy: over gold PROGRESS spans found exactly, the share with the right state.
* period accuracy: over predicted figures whose amount is a gold figure's amount, the share whose
  period span (or absence of one) is right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from parkie.document import Document
from parkie.schema import FIGURE_RELATIONS, LABELS, RELATION_TYPES

SpanKey = tuple[int, int] | None


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def figure_tuples(doc: Document) -> set[tuple]:
    """Figures as comparable tuples, from ``doc.figures`` if set, else from the relations."""
    if doc.figures:
        return {((f.amount.start, f.amount.end), (f.indicator.start, f.indicator.end), f.kind,
                 (f.unit_span.start, f.unit_span.end) if f.unit_span else None,
                 (f.period.start, f.period.end) if f.period else None)
                for f in doc.figures if f.indicator is not None}
    out = set()
    ents = doc.entities
    for r in doc.relations:
        if r.type in FIGURE_RELATIONS:
            a = ents[r.tail]
            out.add(((a.start, a.end), (ents[r.head].start, ents[r.head].end), FIGURE_RELATIONS[r.type],
                     _related(doc, r.tail, "UNIT"), _related(doc, r.tail, "PERIOD")))
    return out


def _related(doc: Document, head: int, typ: str) -> SpanKey:
    for r in doc.relations:
        if r.head == head and r.type == typ:
            e = doc.entities[r.tail]
            return (e.start, e.end)
    return None


def score(gold: Iterable[Document], pred: Iterable[Document]) -> dict[str, Any]:
    """All metrics over aligned gold and predicted documents."""
    ent_tp: Counter[str] = Counter()
    ent_pred: Counter[str] = Counter()
    ent_gold: Counter[str] = Counter()
    rel_tp: Counter[str] = Counter()
    rel_pred: Counter[str] = Counter()
    rel_gold: Counter[str] = Counter()
    fig = Counter()
    state_right = state_found = state_gold = 0
    period_right = period_found = 0
    for g, p in zip(gold, pred, strict=True):
        ge = {(e.start, e.end, e.label) for e in g.entities}
        pe = {(e.start, e.end, e.label) for e in p.entities}
        for lab in LABELS:
            gl = {x for x in ge if x[2] == lab}
            pl = {x for x in pe if x[2] == lab}
            ent_tp[lab] += len(gl & pl)
            ent_gold[lab] += len(gl)
            ent_pred[lab] += len(pl)
        gr = _relation_keys(g)
        pr = _relation_keys(p)
        for typ in RELATION_TYPES:
            gt = {x for x in gr if x[-1] == typ}
            pt = {x for x in pr if x[-1] == typ}
            rel_tp[typ] += len(gt & pt)
            rel_gold[typ] += len(gt)
            rel_pred[typ] += len(pt)
        gf, pf = figure_tuples(g), figure_tuples(p)
        fig["tp"] += len(gf & pf)
        fig["gold"] += len(gf)
        fig["pred"] += len(pf)
        gold_period = {f[0]: f[4] for f in gf}
        for f in pf:
            if f[0] in gold_period:
                period_found += 1
                period_right += gold_period[f[0]] == f[4]
        pstate = {(e.start, e.end): e.state for e in p.entities if e.label == "PROGRESS"}
        for e in g.entities:
            if e.label == "PROGRESS":
                state_gold += 1
                if (e.start, e.end) in pstate:
                    state_found += 1
                    state_right += pstate[(e.start, e.end)] == e.state
    per_label = {lab: prf(ent_tp[lab], ent_pred[lab], ent_gold[lab]) for lab in LABELS}
    per_rel = {t: prf(rel_tp[t], rel_pred[t], rel_gold[t]) for t in RELATION_TYPES}
    ent_micro = prf(sum(ent_tp.values()), sum(ent_pred.values()), sum(ent_gold.values()))
    rel_micro = prf(sum(rel_tp.values()), sum(rel_pred.values()), sum(rel_gold.values()))
    figures = prf(fig["tp"], fig["pred"], fig["gold"])
    return {
        "entity": ent_micro,
        "entity_per_label": per_label,
        "relation": rel_micro,
        "relation_per_type": per_rel,
        "figure": figures,
        "progress_state_accuracy": round(state_right / state_found, 4) if state_found else 0.0,
        "progress_found": f"{state_found}/{state_gold}",
        "period_accuracy": round(period_right / period_found, 4) if period_found else 0.0,
        "selection": round((ent_micro["f"] + rel_micro["f"]) / 2, 4),
    }


def _relation_keys(doc: Document) -> set[tuple]:
    ents = doc.entities
    return {(ents[r.head].start, ents[r.head].end, ents[r.head].label,
             ents[r.tail].start, ents[r.tail].end, ents[r.tail].label, r.type) for r in doc.relations}


def format_report(scores: dict[str, Any], title: str = "") -> str:
    """A plain-text table of the scores."""
    lines = [title] if title else []
    lines.append(f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}")
    for lab, s in scores["entity_per_label"].items():
        lines.append(f"{lab:<12}{s['p']:>8.3f}{s['r']:>8.3f}{s['f']:>8.3f}{s['gold']:>7}")
    e = scores["entity"]
    lines.append(f"{'micro':<12}{e['p']:>8.3f}{e['r']:>8.3f}{e['f']:>8.3f}{e['gold']:>7}")
    lines.append("")
    lines.append(f"{'relation':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}")
    for t, s in scores["relation_per_type"].items():
        lines.append(f"{t:<12}{s['p']:>8.3f}{s['r']:>8.3f}{s['f']:>8.3f}{s['gold']:>7}")
    r = scores["relation"]
    lines.append(f"{'micro':<12}{r['p']:>8.3f}{r['r']:>8.3f}{r['f']:>8.3f}{r['gold']:>7}")
    f = scores["figure"]
    lines.append("")
    lines.append(f"figure F1 {f['f']:.3f} (P {f['p']:.3f} R {f['r']:.3f}, gold {f['gold']})")
    lines.append(f"progress-state accuracy {scores['progress_state_accuracy']:.3f} "
                 f"(PROGRESS spans found {scores['progress_found']})")
    lines.append(f"period accuracy of found figures {scores['period_accuracy']:.3f}")
    return "\n".join(lines)
