"""Turning command-line inputs (files, folders, globs) into a deterministic list of files."""

from __future__ import annotations

import glob
from pathlib import Path

from parkie.errors import InputError

#: Suffixes the readers handle, and which reader handles each.
SUFFIX_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
}
SUPPORTED_SUFFIXES = frozenset(SUFFIX_KINDS)
_GLOB_CHARS = frozenset("*?[")


def _hidden(path: Path, root: Path) -> bool:
    # Dot-files and dot-folders (.git, .ipynb_checkpoints, editor swap files) are never reports.
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path) -> list[Path]:
    """Supported files under ``folder``, recursively, sorted by their path within it."""
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not _hidden(p, folder)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Files to read, in a deterministic order, from files, folders and glob patterns.

    - a file is taken as given, whatever its suffix (``read_path`` decides how to read it);
    - a folder gives its supported files (see ``SUPPORTED_SUFFIXES``), recursively, sorted,
      skipping dot-files and dot-folders;
    - a glob (``*``, ``?``, ``[...]``; ``**`` recurses) gives its matches sorted; folders it
      matches are expanded as above.

    Order follows the inputs; a file reached twice is kept at its first place. An input that
    yields no file raises ``InputError`` naming it.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(paths: list[Path]) -> None:
        for p in paths:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)

    for raw in inputs:
        path = Path(raw)
        if path.is_file():
            found = [path]
        elif path.is_dir():
            found = _folder_files(path)
            if not found:
                suffixes = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise InputError(raw, f"folder has no files to read (looked for {suffixes})")
        elif _GLOB_CHARS & set(raw):
            found = []
            for match in sorted(glob.glob(raw, recursive=True)):
                m = Path(match)
                if m.is_file():
                    found.append(m)
                elif m.is_dir():
                    found.extend(_folder_files(m))
            if not found:
                raise InputError(raw, "pattern matches no files")
        else:
            raise InputError(raw, "no such file or folder")
        add(found)
    return out
