"""Errors parkie raises for bad input; each names the file (and line, where there is one)."""

from __future__ import annotations


class ParkieError(Exception):
    """Base class of parkie's own errors."""


class InputError(ParkieError):
    """Input that cannot be read or parsed: names the file and, where known, the line."""

    def __init__(self, path: str | None, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")
