"""The annotation schema: the one source of truth for labels, relations, states and figure kinds.

Everything in parkie (corpus validation, the model's label maps, the linker, the evaluation)
imports these names; nothing else spells a label out. The definitions follow the project's
annotation guide (``docs/annotation.md``).
"""

from __future__ import annotations

from typing import Final

#: The eight entity labels, in a fixed order (the model's label map is built from it).
LABELS: Final[tuple[str, ...]] = (
    "ORG",
    "PROJECT",
    "INDICATOR",
    "PERIOD",
    "AMOUNT",
    "UNIT",
    "PERCENT",
    "PROGRESS",
)

#: The seven progress states, ordered from earliest to latest stage (STALLED last).
STATES: Final[tuple[str, ...]] = (
    "PLANNED",
    "SIGNED",
    "PREPARING",
    "UNDER_CONSTRUCTION",
    "COMPLETED",
    "OPERATING",
    "STALLED",
)

#: Relation type -> (allowed head labels, allowed tail labels).
RELATIONS: Final[dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    "VALUE": (frozenset({"INDICATOR", "PROGRESS"}), frozenset({"AMOUNT", "PERCENT"})),
    "GROWTH": (frozenset({"INDICATOR"}), frozenset({"PERCENT", "AMOUNT"})),
    "RATIO": (frozenset({"INDICATOR"}), frozenset({"PERCENT"})),
    "TARGET": (frozenset({"INDICATOR"}), frozenset({"AMOUNT", "PERCENT"})),
    "UNIT": (frozenset({"AMOUNT"}), frozenset({"UNIT"})),
    "PERIOD": (frozenset({"AMOUNT", "PERCENT", "PROGRESS"}), frozenset({"PERIOD"})),
    "SUBJECT": (frozenset({"AMOUNT", "PERCENT", "PROGRESS"}), frozenset({"ORG", "PROJECT"})),
    "PART_OF": (frozenset({"PROJECT"}), frozenset({"ORG", "PROJECT"})),
}

RELATION_TYPES: Final[tuple[str, ...]] = tuple(RELATIONS)

#: Relations whose tail is a figure; the relation type gives the figure's kind.
FIGURE_RELATIONS: Final[dict[str, str]] = {
    "VALUE": "level",
    "GROWTH": "growth",
    "RATIO": "ratio",
    "TARGET": "target",
}

#: The figure kinds, in the order of FIGURE_RELATIONS.
FIGURE_KINDS: Final[tuple[str, ...]] = tuple(FIGURE_RELATIONS.values())

#: Labels whose spans can be figures (tails of a figure relation).
FIGURE_LABELS: Final[frozenset[str]] = frozenset({"AMOUNT", "PERCENT"})


def relation_allowed(rel_type: str, head_label: str, tail_label: str) -> bool:
    """Whether the schema allows ``head_label --rel_type--> tail_label``."""
    spec = RELATIONS.get(rel_type)
    return spec is not None and head_label in spec[0] and tail_label in spec[1]


def allowed_relations(head_label: str, tail_label: str) -> list[str]:
    """All relation types the schema allows from ``head_label`` to ``tail_label``."""
    return [t for t in RELATION_TYPES if relation_allowed(t, head_label, tail_label)]
