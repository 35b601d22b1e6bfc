"""Deterministic train/dev/test assignment of corpus documents.

A split is decided by the *report* id (``meta["doc_id"]``, which the compact format sets on
every paragraph), so all paragraphs of one report land in the same split. The sha1 of the
id, read as a number, modulo 100 gives a bucket: 0-79 train, 80-89 dev, 90-99 test.

The test split can be frozen: :func:`assign_split` with a set of frozen test ids puts
exactly those reports in test and sends any other report that hashes to test to train or
dev instead (8:1, by a second hash), so adding documents never changes the test set.
"""

from __future__ import annotations

import hashlib

from parkie.document import Document

SPLITS: tuple[str, ...] = ("train", "dev", "test")


def _bucket(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 100


def split_of(doc_id: str) -> str:
    """``train`` (80%), ``dev`` (10%) or ``test`` (10%) for a report id, by sha1."""
    b = _bucket(doc_id)
    if b < 80:
        return "train"
    return "dev" if b < 90 else "test"


def report_id(doc: Document) -> str:
    """The report a record belongs to: ``meta["doc_id"]``, else the record id."""
    return str(doc.meta.get("doc_id") or doc.id)


def assign_split(doc_id: str, frozen_test: set[str] | None = None) -> str:
    """The split of a report id, honouring a frozen test set when one is given."""
    if frozen_test is None:
        return split_of(doc_id)
    if doc_id in frozen_test:
        return "test"
    s = split_of(doc_id)
    if s != "test":
        return s
    return "dev" if _bucket("dev/" + doc_id) % 9 == 0 else "train"


def split_documents(docs: list[Document], frozen_test: set[str] | None = None
                    ) -> dict[str, list[Document]]:
    """Documents grouped by split (keys ``train``, ``dev``, ``test``; order kept)."""
    out: dict[str, list[Document]] = {s: [] for s in SPLITS}
    for d in docs:
        out[assign_split(report_id(d), frozen_test)].append(d)
    return out
