"""The model's configuration, saved as ``config.json`` in a model directory."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from parkie.schema import LABELS, RELATION_TYPES, STATES


def bio_tags(labels: tuple[str, ...] = LABELS) -> list[str]:
    """The BIO tag set: O, then B-/I- per label."""
    tags = ["O"]
    for label in labels:
        tags += [f"B-{label}", f"I-{label}"]
    return tags


@dataclass
class ModelConfig:
    """Hyper-parameters and label maps of a parkie model."""

    encoder: str = "cnn"  # cnn | bilstm | transformer | hf (cnn chosen on dev, see training/README.md)
    base: str | None = None  # path of a Hugging Face checkpoint when encoder == "hf"
    char_dim: int = 128
    class_dim: int = 16
    lex_dim: int = 8
    word_features: bool = False  # jieba word-boundary tags as an extra input (see features.py)
    word_dim: int = 16
    word_dict: str = "jieba"  # "jieba": jieba's full dictionary; "top60k": parkie/data/jieba_top60k.txt
    hidden: int = 256  # encoder output size
    layers: int = 2
    heads: int = 4  # transformer
    dilations: list[int] = field(default_factory=lambda: [1, 2, 4, 8, 1, 2])  # cnn
    dropout: float = 0.2
    char_dropout: float = 0.05  # chance of replacing a character by UNK while training
    max_len: int = 512  # characters per model window
    rel_window: int = 300  # max character distance of a candidate relation pair
    rel_dim: int = 256
    labels: list[str] = field(default_factory=lambda: list(LABELS))
    states: list[str] = field(default_factory=lambda: list(STATES))
    relations: list[str] = field(default_factory=lambda: list(RELATION_TYPES))
    vocab_size: int = 0

    @property
    def tags(self) -> list[str]:
        return bio_tags(tuple(self.labels))

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ModelConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})
