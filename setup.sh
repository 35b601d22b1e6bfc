#!/usr/bin/env bash
# Set up parkie on a fresh machine and run the main job on the shipped model and sample reports.
#   ./setup.sh            install into .venv, then annotate samples/ (and ../shared/seeds if present)
#   ./setup.sh --no-run   install only (CI uses this)
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first and pinned: this machine has the CPU wheel of 2.13.0 on disk; an unpinned torch
# (or hanlp installed before torch) would pull a multi-GB CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[dev]"
if [ "${1:-}" = "--no-run" ]; then
  exit 0
fi
mkdir -p out
inputs=(samples)
[ -d ../shared/seeds ] && inputs+=(../shared/seeds)
.venv/bin/parkie annotate "${inputs[@]}" -o out/reports.jsonl
.venv/bin/parkie annotate "${inputs[@]}" -o out/figures.csv --format csv
echo "figures table: out/figures.csv (progress: out/figures.progress.csv); full output: out/reports.jsonl"
.venv/bin/python - <<'PY'
import pandas as pd
df = pd.read_csv("out/figures.csv")
cols = ["doc_id", "indicator", "value", "unit", "period_from", "period_to", "subject", "kind"]
print(df[df.indicator.notna()][cols].head(15).to_string(index=False))
PY
