#!/usr/bin/env bash
# Retrain the shipped default model from data/annotated/ on CPU (2 cores: about 30–35 minutes).
# Fixed seed; the result lands in parkie/models/default with metrics.json beside the weights.
set -euo pipefail
cd "$(dirname "$0")/.."
PARKIE=${PARKIE:-.venv/bin/parkie}
"$PARKIE" corpus-build                       # compact sources -> train/dev/test JSONL (test split frozen)
"$PARKIE" validate data/annotated/train.jsonl data/annotated/dev.jsonl data/annotated/test.jsonl -q
"$PARKIE" train \
  --data data/annotated/train.jsonl \
  --dev data/annotated/dev.jsonl \
  --test data/annotated/test.jsonl \
  --encoder cnn --word-features --epochs "${EPOCHS:-35}" --seed "${SEED:-13}" --device "${DEVICE:-cpu}" \
  --out "${OUT:-parkie/models/default}"
