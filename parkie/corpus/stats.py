"""Corpus statistics: what the labelled data holds, per split, and how varied it is.

:func:`corpus_stats` takes ``{split: [Document]}`` and returns a plain dict (JSON-ready)::

    {"splits": [...],
     "size":      {row: {split: n, ..., "total": n}},   # reports, records, characters,
                                                        # entities, relations, figures
     "labels":    {label: {split: n, ..., "total": n}},
     "relations": {type: {...}}, "states": {state: {...}}, "figure_kinds": {kind: {...}},
     "variety":   {"province": {value: n_reports}, "zone_type": ..., "genre": ...,
                   "decade": {"2010s": n_reports, ...}},
     "years":     {"min": 2015, "max": 2023, "unknown": n_reports}}

A *report* is a distinct ``meta["doc_id"]`` (see :func:`parkie.corpus.split.report_id`); a
*figure* is an AMOUNT/PERCENT that is the tail of a figure relation (VALUE, GROWTH, RATIO,
TARGET). The year of a report is ``meta["year"]``, else the year of ``meta["report_date"]``.
:func:`format_stats` renders the dict as text tables.
"""

from __future__ import annotations

import re
from typing import Any

from parkie.corpus.split import report_id
from parkie.document import Document
from parkie.schema import FIGURE_RELATIONS, LABELS, RELATION_TYPES, STATES

VARIETY_KEYS: tuple[str, ...] = ("province", "zone_type", "genre")


def _year(meta: dict[str, Any]) -> int | None:
    for key in ("year", "report_date", "date"):
        v = meta.get(key)
        if v is None:
            continue
        m = re.match(r"\s*((?:19|20)\d\d)", str(v))
        if m:
            return int(m.group(1))
    return None


def _figures(doc: Document) -> dict[int, str]:
    """Figure entity index -> kind (the first figure relation wins)."""
    out: dict[int, str] = {}
    for r in doc.relations:
        if r.type in FIGURE_RELATIONS and 0 <= r.tail < len(doc.entities):
            out.setdefault(r.tail, FIGURE_RELATIONS[r.type])
    return out


def corpus_stats(docs_by_split: dict[str, list[Document]]) -> dict[str, Any]:
    """Counts per split and in total (structure in the module doc)."""
    splits = list(docs_by_split)
    cols = [*splits, "total"]

    def table(rows: list[str]) -> dict[str, dict[str, int]]:
        return {r: dict.fromkeys(cols, 0) for r in rows}

    size = table(["reports", "records", "characters", "entities", "relations", "figures"])
    labels = table(list(LABELS))
    relations = table(list(RELATION_TYPES))
    states = table(list(STATES))
    kinds = table(list(FIGURE_RELATIONS.values()))
    report_meta: dict[str, dict[str, Any]] = {}

    def bump(tab: dict[str, dict[str, int]], row: str, split: str, n: int = 1) -> None:
        if row not in tab:  # a label outside the schema still gets counted
            tab[row] = dict.fromkeys(cols, 0)
        tab[row][split] += n
        tab[row]["total"] += n

    for split, docs in docs_by_split.items():
        reports = set()
        for d in docs:
            rid = report_id(d)
            reports.add(rid)
            report_meta.setdefault(rid, d.meta)
            bump(size, "records", split)
            bump(size, "characters", split, len(d.text))
            bump(size, "entities", split, len(d.entities))
            bump(size, "relations", split, len(d.relations))
            for e in d.entities:
                bump(labels, e.label, split)
                if e.label == "PROGRESS" and e.state:
                    bump(states, e.state, split)
            for r in d.relations:
                bump(relations, r.type, split)
            figs = _figures(d)
            bump(size, "figures", split, len(figs))
            for kind in figs.values():
                bump(kinds, kind, split)
        size["reports"][split] = len(reports)
    size["reports"]["total"] = len(report_meta)

    variety: dict[str, dict[str, int]] = {k: {} for k in (*VARIETY_KEYS, "decade")}
    years: list[int] = []
    unknown_year = 0
    for meta in report_meta.values():
        for k in VARIETY_KEYS:
            v = str(meta.get(k) or "?")
            variety[k][v] = variety[k].get(v, 0) + 1
        y = _year(meta)
        if y is None:
            unknown_year += 1
            continue
        years.append(y)
        dec = f"{y // 10 * 10}s"
        variety["decade"][dec] = variety["decade"].get(dec, 0) + 1
    for k in variety:
        variety[k] = dict(sorted(variety[k].items(), key=lambda kv: (-kv[1], kv[0])))
    variety["decade"] = dict(sorted(variety["decade"].items()))
    return {
        "splits": splits,
        "size": size,
        "labels": labels,
        "relations": relations,
        "states": states,
        "figure_kinds": kinds,
        "variety": variety,
        "years": {"min": min(years) if years else None, "max": max(years) if years else None,
                  "unknown": unknown_year},
    }


def _table(title: str, tab: dict[str, dict[str, int]], cols: list[str]) -> list[str]:
    width = max([len(title), *(len(r) for r in tab)]) + 2
    head = title.ljust(width) + "".join(c.rjust(10) for c in cols)
    lines = [head, "-" * len(head)]
    for row, vals in tab.items():
        lines.append(row.ljust(width) + "".join(str(vals.get(c, 0)).rjust(10) for c in cols))
    return lines


def format_stats(stats: dict[str, Any]) -> str:
    """Text tables of :func:`corpus_stats` output."""
    cols = [*stats["splits"], "total"]
    out: list[str] = []
    for key, title in (("size", "corpus"), ("labels", "label"), ("relations", "relation"),
                       ("states", "progress state"), ("figure_kinds", "figure kind")):
        out.extend(_table(title, stats[key], cols))
        out.append("")
    y = stats["years"]
    span = f"{y['min']}-{y['max']}" if y["min"] is not None else "none"
    out.append(f"years: {span} ({y['unknown']} report(s) without a year)")
    for key, counts in stats["variety"].items():
        shown = ", ".join(f"{v} {n}" for v, n in counts.items()) or "-"
        out.append(f"{key} ({len(counts)}): {shown}")
    return "\n".join(out)
