"""Character inputs of the model: vocabulary ids, character classes and gazetteer features.

Everything here is vectorised with numpy over the code points of a text (no Python loop per
character): the same arrays feed training and inference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from parkie.model.lexicon import CATEGORIES, LEXICON

PAD, UNK = 0, 1
_TABLE_SIZE = 0x30000  # covers the BMP and CJK extension B; rarer code points map to UNK

# Character classes (hand-made: they encode what a number, unit or list marker looks like).
CLASS_NAMES = (
    "pad", "other", "cjk", "digit", "cn_digit", "magnitude", "dot", "percent", "latin",
    "placeholder", "space", "stop", "comma", "range", "quote", "hash", "colon", "paren",
)
_CLASS_CHARS = {
    "digit": "0123456789",
    "cn_digit": "零〇一二三四五六七八九十两百壹贰叁肆伍陆柒捌玖拾佰几数",
    "magnitude": "万亿千",
    "dot": ".．·",
    "percent": "%％‰",
    "latin": "abcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWYZ",
    "placeholder": "xX*×＊",
    "space": " \t\n\r\u3000\xa0",
    "stop": "。；！？;!?",
    "comma": "，、,",
    "range": "-—–～~－至到",
    "quote": "“”\"'‘’《》「」【】",
    "hash": "#＃号",
    "colon": ":：",
    "paren": "()（）",
}
N_CLASSES = len(CLASS_NAMES)
N_LEX_TAGS = 5  # none, B, I, E, S


def normalize_char_table() -> np.ndarray:
    """Code point -> normalised code point (full-width ASCII to half-width)."""
    table = np.arange(_TABLE_SIZE, dtype=np.int64)
    fw = np.arange(0xFF01, 0xFF5F)
    table[fw] = fw - 0xFEE0
    table[0x3000] = 0x20
    return table


_NORM = normalize_char_table()


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    table = np.full(_TABLE_SIZE, CLASS_NAMES.index("other"), dtype=np.int64)
    table[0x4E00:0xA000] = CLASS_NAMES.index("cjk")
    table[0x3400:0x4DC0] = CLASS_NAMES.index("cjk")
    for name, chars in _CLASS_CHARS.items():
        for ch in chars:
            table[ord(ch)] = CLASS_NAMES.index(name)
    return table


def codepoints(text: str) -> np.ndarray:
    """The normalised code points of ``text`` (one per character, so offsets are kept)."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    cps = np.where(cps < _TABLE_SIZE, cps, 0)
    return _NORM[cps]


def char_classes(text: str) -> np.ndarray:
    """Class id of every character."""
    return _class_table()[codepoints(text)]


@cache
def _lexicon_regex(category: str) -> re.Pattern[str]:
    # Longest alternatives first: re tries them in order, so each match is the longest word.
    words = sorted(set(LEXICON[category]), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def lexicon_features(text: str) -> np.ndarray:
    """``[len(text), n_categories]`` BIES tags of the greedy longest gazetteer matches."""
    out = np.zeros((len(text), len(CATEGORIES)), dtype=np.int64)
    for c, cat in enumerate(CATEGORIES):
        for m in _lexicon_regex(cat).finditer(text):
            s, e = m.span()
            if e - s == 1:
                out[s, c] = 4
            else:
                out[s, c] = 1
                out[s + 1 : e - 1, c] = 2
                out[e - 1, c] = 3
    return out


_WORD_DICTS = {"top60k": Path(__file__).resolve().parents[1] / "data" / "jieba_top60k.txt"}


@cache
def _segmenter(dictionary: str = "jieba"):
    """A jieba tokenizer over ``dictionary`` ("jieba" = its full dictionary), loaded once."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    if dictionary == "jieba":
        tok = jieba.dt
    elif dictionary in _WORD_DICTS:
        tok = jieba.Tokenizer(dictionary=str(_WORD_DICTS[dictionary]))
    else:
        raise ValueError(f"unknown word dictionary {dictionary!r}; known: jieba, {', '.join(_WORD_DICTS)}")
    tok.initialize()
    return tok


def word_boundaries(text: str, dictionary: str = "jieba") -> np.ndarray:
    """BIES tag (1-4) of every character within jieba's segmentation of ``text``.

    The model is trained from scratch on a small corpus, so general word knowledge (where a
    verb ends and a name starts: 打通|宏图南大道, 与|龙兴大街) comes from jieba's dictionary.
    Dictionary mode only (no HMM): deterministic and faster.
    """
    out = np.zeros(len(text), dtype=np.int64)
    if not text:
        return out
    lengths = np.fromiter((len(w) for w in _segmenter(dictionary).cut(text, HMM=False)), dtype=np.int64)
    if lengths.sum() != len(text):  # jieba dropped or changed characters: give no hint at all
        return out
    ends = np.cumsum(lengths)
    starts = ends - lengths
    out[:] = 2  # inside
    out[starts] = 1
    out[ends - 1] = 3
    out[starts[lengths == 1]] = 4
    return out


class CharVocab:
    """Character vocabulary over normalised code points, with PAD=0 and UNK=1."""

    def __init__(self, chars: Iterable[str]) -> None:
        self.chars: list[str] = list(chars)
        self._table = np.full(_TABLE_SIZE, UNK, dtype=np.int64)
        for i, ch in enumerate(self.chars):
            self._table[ord(ch)] = i + 2

    def __len__(self) -> int:
        return len(self.chars) + 2

    @classmethod
    def build(cls, texts: Iterable[str], min_count: int = 1) -> CharVocab:
        counts: Counter[int] = Counter()
        for t in texts:
            counts.update(codepoints(t).tolist())
        keep = sorted(cp for cp, n in counts.items() if n >= min_count and cp > 0x20)
        return cls(chr(cp) for cp in keep)

    def ids(self, text: str) -> np.ndarray:
        """Vocabulary id of every character."""
        return self._table[codepoints(text)]

    def to_json(self) -> list[str]:
        return self.chars


def featurize(vocab: CharVocab, text: str, words: str | None = None) -> dict[str, np.ndarray]:
    """All character inputs of one text (``words``: a word dictionary name, to add jieba
    word-boundary tags)."""
    out = {
        "chars": vocab.ids(text),
        "classes": char_classes(text),
        "lex": lexicon_features(text),
    }
    if words:
        out["words"] = word_boundaries(text, words)
    return out
