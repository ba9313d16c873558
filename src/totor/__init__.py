"""totor: news reports in, sourced event records out.

>>> import totor
>>> article = totor.extract(text, published="2024-05-07")
>>> [(e.type, e.status) for e in article.events]

``extract`` and ``Pipeline`` load spaCy; they are imported on first use so that importing
totor (and ``totor --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from totor.model import Article, Claim, Entity, Event, Figure, Label, Place, Time
from totor.options import PipelineOptions
from totor.readers.base import Document, ReadError, ReadOptions

if TYPE_CHECKING:
    from totor.api import Pipeline, extract

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Document",
    "Entity",
    "Event",
    "Figure",
    "Label",
    "Pipeline",
    "PipelineOptions",
    "Place",
    "ReadError",
    "ReadOptions",
    "Time",
    "extract",
]


def __getattr__(name: str) -> Any:
    if name in ("Pipeline", "extract"):
        from totor import api

        return getattr(api, name)
    raise AttributeError(f"module 'totor' has no attribute {name!r}")
