"""Normalisers: turn the text of AMOUNT, UNIT, PERCENT and PERIOD spans into values.

All functions are pure and never raise on odd input; what they cannot read comes back as
None (or, for periods, a ``reason``). See docs/normalisers.md for what is and is not handled.
"""

from parkie.normalize.approx import APPROX_AFTER, APPROX_BEFORE, is_approx
from parkie.normalize.numbers import ParsedNumber, parse_number
from parkie.normalize.percent import ParsedPercent, parse_percent
from parkie.normalize.periods import (
    PeriodResolution,
    find_report_date,
    report_period,
    resolve_period,
)
from parkie.normalize.units import UnitInfo, apply_magnitude, normalize_unit

__all__ = [
    "APPROX_AFTER",
    "APPROX_BEFORE",
    "ParsedNumber",
    "ParsedPercent",
    "PeriodResolution",
    "UnitInfo",
    "apply_magnitude",
    "find_report_date",
    "is_approx",
    "normalize_unit",
    "parse_number",
    "parse_percent",
    "report_period",
    "resolve_period",
]
