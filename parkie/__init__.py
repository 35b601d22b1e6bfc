"""parkie: figures, enterprises and project progress from Chinese industrial-park work reports.

    >>> import parkie
    >>> nlp = parkie.load()
    >>> doc = nlp("1-6月份，园区实现工业总产值152.3亿元，同比增长16.8%。")
    >>> parkie.to_dataframe([doc])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "Parkie", "load", "progress_dataframe", "to_dataframe"]

if TYPE_CHECKING:
    from parkie.document import Document
    from parkie.pipeline import Parkie


def __getattr__(name: str) -> Any:
    # Lazy imports keep `import parkie` light (torch loads only with the model).
    if name in ("load", "Parkie"):
        from parkie import pipeline

        return getattr(pipeline, name)
    if name in ("to_dataframe", "progress_dataframe"):
        from parkie import tables

        return getattr(tables, name)
    if name == "Document":
        from parkie.document import Document

        return Document
    raise AttributeError(name)
