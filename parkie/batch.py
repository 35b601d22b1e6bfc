"""Batch annotation of a report corpus: resumable, atomic, never drops a document.

Each annotated document is appended to a journal (``OUT.partial.jsonl``) as soon as it is done.
An interrupted run started again skips what the journal holds; at the end the output is
assembled in input order, written to a temporary file and moved into place, and the journal
is removed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from parkie.document import Document
from parkie.errors import InputError
from parkie.read import expand_inputs, iter_jsonl_documents, read_path


@dataclass
class BatchSummary:
    documents: int = 0
    failed: int = 0
    skipped: int = 0  # already in the journal from an earlier, interrupted run
    figures: int = 0
    progress: int = 0
    characters: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def format(self) -> str:
        speed = self.characters / self.seconds if self.seconds else 0.0
        lines = [f"{self.documents} documents ({self.skipped} resumed from an earlier run), "
                 f"{self.failed} failed, {self.figures} figures, {self.progress} progress records, "
                 f"{self.characters} characters in {self.seconds:.1f} s ({speed:,.0f} chars/s)"]
        lines += [f"  failed: {e}" for e in self.errors[:20]]
        if len(self.errors) > 20:
            lines.append(f"  … and {len(self.errors) - 20} more")
        return "\n".join(lines)


def _key(doc: Document) -> str:
    return f"{doc.meta.get('source', '')}\t{doc.id}"


def iter_input_documents(inputs: list[str]) -> Iterator[Document]:
    """Documents of all inputs; a file that cannot be read yields a Document with ``error``."""
    for path in expand_inputs(inputs):
        try:
            if path.suffix.lower() == ".jsonl":
                yield from iter_jsonl_documents(path)
            else:
                yield from read_path(path)
        except InputError as exc:
            yield Document(id=path.stem, text="", meta={"source": str(path)}, error=str(exc))


def _read_journal(path: Path) -> dict[str, dict[str, Any]]:
    done: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return done
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                break  # a line cut short by the interruption: redo that document
            done.setdefault(f"{rec['meta'].get('source', '')}\t{rec['id']}", rec)
    return done


_WORKER: Any = None


def _init_worker(model: str | None, device: str) -> None:
    global _WORKER
    import torch

    from parkie.pipeline import Parkie

    torch.set_num_threads(1)
    _WORKER = Parkie.load(model, device)


def _annotate_in_worker(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = [Document.from_json(r) for r in records]
    return [d.to_json() for d in _WORKER.annotate(docs)]


def annotate_corpus(inputs: list[str], out: str | Path, *, fmt: str = "jsonl", model: str | None = None,
                    device: str = "auto", workers: int = 1, batch_size: int = 16,
                    progress: bool = True, nlp: Any = None) -> BatchSummary:
    """Annotate every document of ``inputs`` into ``out`` (jsonl, csv or parquet)."""
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: choose jsonl, csv or parquet")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    journal = out.with_name(out.name + ".partial.jsonl")
    done = _read_journal(journal)
    summary = BatchSummary()
    t0 = time.time()
    order: list[str] = []
    seen: set[str] = set()
    todo: list[Document] = []
    for doc in iter_input_documents(inputs):
        key = _key(doc)
        if key in seen:
            doc.id = f"{doc.id}~{len(order)}"  # keep duplicates apart, never overwrite one
            key = _key(doc)
        order.append(key)
        seen.add(key)
        if key in done:
            summary.skipped += 1
        else:
            todo.append(doc)
    # Rewrite the journal without a possibly truncated last line before appending to it.
    with open(journal, "w", encoding="utf-8") as fh:
        for rec in done.values():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    bar = tqdm(total=len(todo), desc="annotating", unit="doc", disable=not progress)
    with open(journal, "a", encoding="utf-8") as fh:
        ready = [d for d in todo if d.error is None]
        for d in todo:
            if d.error is not None:
                _append(fh, d.to_json(), done)
                bar.update(1)
        chunks = [ready[i : i + batch_size] for i in range(0, len(ready), batch_size)]
        if workers > 1 and chunks:
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model, device)) as pool:
                for recs in pool.map(_annotate_in_worker, [[d.to_json() for d in c] for c in chunks]):
                    for rec in recs:
                        _append(fh, rec, done)
                    bar.update(len(recs))
        elif chunks:
            if nlp is None:
                from parkie.pipeline import Parkie

                nlp = Parkie.load(model, device)
            for chunk in chunks:
                for d in nlp.annotate(chunk):
                    _append(fh, d.to_json(), done)
                bar.update(len(chunk))
    bar.close()
    records = [done[k] for k in order]
    _write_output(records, out, fmt)
    journal.unlink()
    for rec in records:
        summary.documents += 1
        summary.characters += len(rec["text"])
        summary.figures += len(rec["figures"])
        summary.progress += len(rec["progress"])
        if rec["error"]:
            summary.failed += 1
            summary.errors.append(f"{rec['meta'].get('source', '')} [{rec['id']}]: {rec['error']}")
    summary.seconds = time.time() - t0
    return summary


def _append(fh, rec: dict[str, Any], done: dict[str, dict[str, Any]]) -> None:
    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    fh.flush()
    done[f"{rec['meta'].get('source', '')}\t{rec['id']}"] = rec


def _write_output(records: list[dict[str, Any]], out: Path, fmt: str) -> None:
    tmp = out.with_name(out.name + ".tmp")
    if fmt == "jsonl":
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        os.replace(tmp, out)
        return
    from parkie.tables import progress_dataframe, to_dataframe

    docs = [Document.from_json(r) for r in records]
    figures, progress = to_dataframe(docs), progress_dataframe(docs)
    prog_out = out.with_name(out.stem + ".progress" + out.suffix)
    prog_tmp = prog_out.with_name(prog_out.name + ".tmp")
    if fmt == "csv":
        figures.to_csv(tmp, index=False, encoding="utf-8-sig")
        progress.to_csv(prog_tmp, index=False, encoding="utf-8-sig")
    else:
        figures.to_parquet(tmp, index=False)
        progress.to_parquet(prog_tmp, index=False)
    os.replace(prog_tmp, prog_out)
    os.replace(tmp, out)
