"""The parkie benchmark: quality, a shared-view comparison with peers, and speed, in one run.

    .venv/bin/python benchmarks/run.py [--model DIR] [--skip-peers] [--install-peers]

Every tool (parkie, the regex baseline, each peer) runs in its own subprocess, so its load
time and peak memory are its own. What each number means: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
GOLD_SETS = [("test", ROOT / "data" / "annotated" / "test.jsonl"), ("seeds", SHARED / "gold" / "seeds.jsonl")]
SPEED_GLOBS = [(ROOT / "samples", "*.txt"), (SHARED / "seeds", "*.txt")]
PEER_NAMES = ["jionlp", "recognizers"]
DEFAULT_MODEL = ROOT / "parkie" / "models" / "default"  # = parkie.pipeline.DEFAULT_MODEL
WARMUP = "1-6月份，园区实现工业总产值152.3亿元，同比增长16.8%。"

sys.path.insert(0, str(HERE))
from peers import PEERS, VIEW_LABELS, document_view  # noqa: E402


# ------------------------------------------------------------------ shared helpers
def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB.

    Linux: ``VmHWM`` of /proc/self/status, which starts afresh at exec (``ru_maxrss`` would
    carry over the parent's peak). Elsewhere ``getrusage``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def best_time(fn: Any, repeat: int = 2) -> float:
    """The fastest of ``repeat`` timed calls of ``fn()``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def speed_texts() -> list[tuple[str, str]]:
    """``(name, text)`` of the sample reports and the seed reports (when present)."""
    out = []
    for folder, pattern in SPEED_GLOBS:
        if folder.is_dir():
            for p in sorted(folder.glob(pattern)):
                out.append((p.name, p.read_text(encoding="utf-8")))
    return out


def gold_sets() -> list[tuple[str, Path]]:
    return [(name, p) for name, p in GOLD_SETS if p.is_file()]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ------------------------------------------------------------------ workers (one per tool, in a subprocess)
def work_parkie(model: str, gold: list[tuple[str, str]], texts: list[tuple[str, str]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    import parkie
    from parkie.document import Document
    from parkie.segment import paragraphs

    nlp = parkie.load(model)
    nlp("1-6月份，园区实现工业总产值152.3亿元，同比增长16.8%。", meta={"report_date": "2021-07-10"})
    load_s = time.perf_counter() - t0
    n_chars = sum(len(t) for _, t in texts)
    docs = [Document(id=name, text=t) for name, t in texts]
    pipe_s = best_time(lambda: nlp.annotate(docs))

    def model_only() -> None:
        pieces = [Document(id=f"{d.id}#{s}", text=d.text[s:e]) for d in docs for s, e in paragraphs(d.text)]
        nlp.extractor.predict(pieces, max_chars=nlp.batch_chars)

    model_s = best_time(model_only)
    rss = peak_rss_mb()
    import torch

    env = {"torch": torch.__version__, "threads": torch.get_num_threads(), "device": str(nlp.extractor.device),
           "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"}

    from parkie.evaluate import score
    from parkie.formats.doccano import read_jsonl
    from parkie.scoring import blank_copies

    quality, views = {}, {}
    for name, path in gold:
        gdocs = read_jsonl(path)
        pred = nlp.annotate(blank_copies(gdocs))
        quality[name] = score(gdocs, pred)
        views[name] = [sorted(document_view(p)) for p in pred]
    return {"load_s": load_s, "chars": n_chars, "rss_mb": rss, "quality": quality, "views": views, "env": env,
            "speed": {"pipeline": n_chars / pipe_s, "model": n_chars / model_s},
            "seconds": {"pipeline": pipe_s, "model": model_s}}


def work_peer(name: str, gold: list[tuple[str, str]], texts: list[tuple[str, str]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    peer = PEERS[name]()
    peer.load()
    peer.extract(WARMUP)
    load_s = time.perf_counter() - t0
    n_chars = sum(len(t) for _, t in texts)
    secs = best_time(lambda: [peer.extract(t) for _, t in texts])
    rss = peak_rss_mb()
    views = {}
    for gname, path in gold:
        with open(path, encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh if line.strip()]
        views[gname] = [sorted(set(peer.extract(r["text"]))) for r in recs]
    return {"load_s": load_s, "chars": n_chars, "rss_mb": rss, "views": views, "labels": list(peer.labels),
            "speed": {"extract": n_chars / secs}, "seconds": {"extract": secs}}


def worker_main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    texts = speed_texts()
    if job["tool"] == "parkie":
        out = work_parkie(job["model"], job["gold"], texts)
    else:
        out = work_peer(job["tool"], job["gold"], texts)
    Path(job["out"]).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


def run_tool(tool: str, model: str, gold: list[tuple[str, Path]], tmp: Path) -> tuple[dict | None, str]:
    """Run one tool's worker in a fresh interpreter; ``(result, error message)``."""
    job = {"tool": tool, "model": model, "gold": [(n, str(p)) for n, p in gold], "out": str(tmp / f"{tool}.json")}
    job_path = tmp / f"{tool}.job.json"
    job_path.write_text(json.dumps(job), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(job_path)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr or proc.stdout).strip().splitlines() if ln.strip()]
        return None, lines[-1] if lines else f"exit status {proc.returncode}"
    return json.loads(Path(job["out"]).read_text(encoding="utf-8")), ""


# ------------------------------------------------------------------ peers: availability and installation
def peer_available(name: str) -> tuple[bool, str]:
    proc = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); "
                           f"from peers import PEERS; PEERS[{name!r}]().load()"], capture_output=True, text=True)
    if proc.returncode == 0:
        return True, ""
    lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
    return False, lines[-1] if lines else f"exit status {proc.returncode}"


def install_peers() -> None:
    req = HERE / "requirements-peers.txt"
    print(f"installing peers from {req.relative_to(ROOT)} ...", flush=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r", str(req)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        print("  pip failed: " + " | ".join(tail))


# ------------------------------------------------------------------ printing
def machine_line(env: dict[str, Any]) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"machine: {cpu}, {cores} cores, {env['gpu']}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, torch {env['torch']} ({env['threads']} threads, "
            f"parkie on {env['device']})")


def view_table(name: str, gold_views: list[set], results: dict[str, dict]) -> str:
    lines = [f"shared view — {name} ({len(gold_views)} documents); exact spans",
             f"{'label':<10}{'tool':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
    for lab in VIEW_LABELS:
        n_gold = sum(1 for g in gold_views for x in g if x[0] == lab)
        first = True
        for tool, res in results.items():
            if lab not in res.get("labels", VIEW_LABELS):
                continue
            pred_views = [{tuple(x) for x in v} for v in res["views"][name]]
            tp = n_pred = 0
            for g, p in zip(gold_views, pred_views, strict=True):
                pl = {x for x in p if x[0] == lab}
                n_pred += len(pl)
                tp += len(pl & {x for x in g if x[0] == lab})
            p_, r_, f_ = prf(tp, n_pred, n_gold)
            lines.append(f"{lab if first else '':<10}{tool:<13}{p_:>7.3f}{r_:>7.3f}{f_:>7.3f}"
                         f"{tp:>6}{n_pred:>6}{n_gold:>6}")
            first = False
    return "\n".join(lines)


def speed_table(results: dict[str, dict]) -> str:
    any_res = next(iter(results.values()))
    lines = [f"speed — {any_res['chars']} characters (samples/*.txt + shared seed reports), best of 2 passes",
             f"{'tool':<22}{'chars/s':>10}{'seconds':>9}{'load s':>8}{'peak RSS MB':>13}"]
    for tool, res in results.items():
        for part, cps in res["speed"].items():
            label = tool if part == "extract" else f"{tool} ({part})"
            lines.append(f"{label:<22}{cps:>10,.0f}{res['seconds'][part]:>9.2f}{res['load_s']:>8.2f}"
                         f"{res['rss_mb']:>13.0f}")
    return "\n".join(lines)


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model directory (default: the shipped parkie/models/default)")
    ap.add_argument("--skip-peers", action="store_true", help="parkie and the regex baseline only")
    ap.add_argument("--install-peers", action="store_true",
                    help="pip-install benchmarks/requirements-peers.txt into this interpreter first")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker_main(args.worker)
        return 0

    sys.path.insert(0, str(ROOT))
    from parkie.evaluate import format_report
    from parkie.formats.doccano import read_jsonl

    # parkie.pipeline imports torch: take the default path without importing it, so that this
    # process stays small (the workers are its children).
    model = Path(args.model) if args.model else DEFAULT_MODEL
    if not (model / "config.json").is_file():
        print(f"no parkie model at {model}; train one or pass --model DIR", file=sys.stderr)
        return 2
    started = dt.datetime.now().astimezone()
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    gold = gold_sets()
    notes: list[str] = []

    tools = ["parkie", "regex"]
    if not args.skip_peers:
        if args.install_peers:
            missing = [n for n in PEER_NAMES if not peer_available(n)[0]]
            if missing:
                install_peers()
        for name in PEER_NAMES:
            ok, why = peer_available(name)
            if ok:
                tools.append(name)
            else:
                notes.append(f"peer {name} skipped: {why} "
                             f"(pip install {PEERS[name].requires}, or run with --install-peers)")

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="parkie-bench-") as tmp:
        for tool in tools:
            t0 = time.perf_counter()
            res, err = run_tool(tool, str(model), gold, Path(tmp))
            if res is None:
                if tool == "parkie":
                    print(f"parkie failed: {err}", file=sys.stderr)
                    return 1
                notes.append(f"{tool} failed: {err}")
                continue
            results[tool] = res
            print(f"[{tool} done in {time.perf_counter() - t0:.1f} s]", file=sys.stderr)

    print("parkie benchmark")
    print(f"date: {started.isoformat(timespec='seconds')}")
    print(machine_line(results["parkie"]["env"]))
    print(f"load average at start: {load_avg:.2f} (other work on the machine slows every tool's chars/s)")
    print(f"model: {model}")
    for name, path in GOLD_SETS:
        print(f"gold {name}: {path}" + ("" if path.is_file() else " (absent, skipped)"))
    if args.skip_peers:
        print("peers: skipped (--skip-peers)")
    else:
        print("peers: " + (", ".join(t for t in results if t not in ("parkie", "regex")) or "none available")
              + "; no peer recognises ORG, so ORG compares parkie with the regex baseline only")
    for note in notes:
        print(note)
    print()
    for name, path in gold:
        gdocs = read_jsonl(path)
        n_chars = sum(len(d.text) for d in gdocs)
        print("=" * 72)
        print(format_report(results["parkie"]["quality"][name],
                            f"parkie quality — {name}: {path.name}, {len(gdocs)} documents, {n_chars} characters"))
        print()
        print(view_table(name, [document_view(d) for d in gdocs], results))
        print()
    print("=" * 72)
    print(speed_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
