"""Drop tagged spans that the annotation guide rules out, before relations are scored.

The CRF guarantees well-formed BIO runs, not well-formed entities: on unseen layouts it may
tag the magnitude of a blank (「 亿」元, a number left out of a draft), a rank (第「26」「名」)
or a unit with no number before it. The guide labels none of these, and no span in the
project's corpus breaks these rules, so they are dropped rather than learned around.
"""

from __future__ import annotations

import re

# A numeral, Arabic or Chinese, or a placeholder standing for one; 万/亿 alone are magnitudes.
_NUMERAL = re.compile(r"[0-9０-９零〇一二三四五六七八九十两百千壹贰叁肆伍陆柒捌玖拾佰几数xX*×＊]")
_UNIT_GAP = 3  # characters allowed between an AMOUNT and its UNIT (spaces, a bracket)


def filter_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spans`` (start, end, label) less AMOUNTs without a numeral or after 第, and UNITs
    with no kept AMOUNT just before them."""
    kept: list[tuple[int, int, str]] = []
    amount_ends: list[int] = []
    for s, e, label in sorted(spans):
        if label == "AMOUNT":
            if not _NUMERAL.search(text, s, e) or text[max(0, s - 1) : s] == "第":
                continue
            amount_ends.append(e)
        elif label == "UNIT" and not any(0 <= s - end <= _UNIT_GAP for end in amount_ends):
            continue
        kept.append((s, e, label))
    return kept
