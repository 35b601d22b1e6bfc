"""Segmentation: offsets index the original text, pieces are trimmed, numbers never broken."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from parkie.segment import paragraphs, sentences, windows

TEXT = (
    "  \u3000园区2023年工作总结  \r\n"
    "\n"
    "全年实现产值286.5亿元，同比增长12.3%；税收收入1,234万元！他说：“项目已投产。”"
    "下一步怎么办？继续抓招商。\n"
    "网页里常见的断开数字：增长24. 3%, 投资 1.5 亿元; Done! See https://x.cn/a?id=3;ok\n"
    "\t\n"
    "最后一段没有句号"
)
# Numbers as they appear above, including the web-clutter "24. 3".
NUMBER = re.compile(r"\d+(?:[.,]\s?\d+)*%?")


def pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def assert_offsets_valid(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip(), repr(piece)
        prev_end = e


def assert_numbers_whole(text: str, spans: list[tuple[int, int]]) -> None:
    for m in NUMBER.finditer(text):
        inside = [(s, e) for s, e in spans if s < m.end() and m.start() < e]
        assert len(inside) == 1, f"number {m.group()!r} broken across {pieces(text, inside)}"
        s, e = inside[0]
        assert s <= m.start() and m.end() <= e


def test_paragraphs():
    spans = paragraphs(TEXT)
    assert_offsets_valid(TEXT, spans)
    assert pieces(TEXT, spans) == [
        "园区2023年工作总结",
        "全年实现产值286.5亿元，同比增长12.3%；税收收入1,234万元！他说：“项目已投产。”"
        "下一步怎么办？继续抓招商。",
        "网页里常见的断开数字：增长24. 3%, 投资 1.5 亿元; Done! See https://x.cn/a?id=3;ok",
        "最后一段没有句号",
    ]
    assert paragraphs("") == []
    assert paragraphs(" \n\u3000\n") == []


def test_sentences():
    spans = sentences(TEXT)
    assert_offsets_valid(TEXT, spans)
    assert_numbers_whole(TEXT, spans)
    assert pieces(TEXT, spans) == [
        "园区2023年工作总结",
        "全年实现产值286.5亿元，同比增长12.3%；",
        "税收收入1,234万元！",
        "他说：“项目已投产。”",  # the closing quote stays with its sentence
        "下一步怎么办？",
        "继续抓招商。",
        "网页里常见的断开数字：增长24. 3%, 投资 1.5 亿元;",
        "Done!",
        "See https://x.cn/a?id=3;ok",  # ASCII ?; inside a URL do not split
        "最后一段没有句号",
    ]


def test_sentences_of_a_range_keep_global_offsets():
    para = paragraphs(TEXT)[1]
    spans = sentences(TEXT, *para)
    assert all(para[0] <= s and e <= para[1] for s, e in spans)
    assert pieces(TEXT, spans)[:2] == [
        "全年实现产值286.5亿元，同比增长12.3%；",
        "税收收入1,234万元！",
    ]
    # end beyond the text is clamped; an empty range gives nothing
    assert sentences(TEXT, len(TEXT) - 4, len(TEXT) + 10) == [(len(TEXT) - 4, len(TEXT))]
    assert sentences(TEXT, 5, 5) == []


def test_long_sentence_splits_at_commas_not_in_numbers():
    clauses = [f"第{i}项投资1,234.5万元" for i in range(10)]
    text = "前言。" + "，".join(clauses) + "。"
    spans = sentences(text, max_len=40)
    assert_offsets_valid(text, spans)
    assert_numbers_whole(text, spans)
    assert all(e - s <= 40 for s, e in spans)
    assert pieces(text, spans)[0] == "前言。"
    # Greedy packing: pieces end at a comma (or the full stop), never mid-clause.
    assert all(p[-1] in "，。" for p in pieces(text, spans)[1:])
    assert "".join(pieces(text, spans)) == text


def test_long_piece_without_commas_is_cut_outside_numbers():
    text = "产值" * 10 + "123456.789" + "亿元" * 10
    spans = sentences(text, max_len=25)
    assert_offsets_valid(text, spans)
    assert_numbers_whole(text, spans)
    assert all(e - s <= 25 for s, e in spans)
    assert "".join(pieces(text, spans)) == text


def test_sentences_rejects_bad_max_len():
    with pytest.raises(ValueError):
        sentences("好。", max_len=0)


def test_windows():
    text = "".join(f"第{i}句话说明产值增长{i}.5%。" for i in range(40))
    spans = windows(text, max_len=60)
    assert_offsets_valid(text, spans)
    assert_numbers_whole(text, spans)
    assert all(e - s <= 60 for s, e in spans)
    # No overlap: windows tile the text exactly, each cut at a sentence end.
    assert "".join(pieces(text, spans)) == text
    sent_ends = {e for _, e in sentences(text)}
    assert all(e in sent_ends for _, e in spans)

    overlapped = windows(text, max_len=60, overlap=25)
    assert all(e - s <= 60 for s, e in overlapped)
    assert overlapped[0][0] == 0 and overlapped[-1][1] == len(text)
    for (s1, e1), (s2, _e2) in pairwise(overlapped):
        assert s1 < s2 < e1  # each window starts inside the previous one: real overlap
        assert e1 - s2 <= 25


def test_windows_short_and_empty():
    assert windows("  短文本。 ") == [(2, 6)]
    assert windows("") == []
    with pytest.raises(ValueError):
        windows("好。", max_len=10, overlap=10)
