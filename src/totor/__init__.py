"""totor: news reports in, sourced event records out.

>>> import totor
>>> article = totor.extract(text, published="2024-05-07")
>>> [(e.type, e.status) for e in article.events]
"""

from totor.api import Pipeline, extract
from totor.model import Article, Claim, Entity, Event, Figure, Label, Place, Time
from totor.options import PipelineOptions
from totor.readers.base import Document, ReadError, ReadOptions

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
