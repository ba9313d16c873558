"""Assemble the ``totor/article@1`` record from an annotated Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from totor.model import Article, article_id
from totor.nlp import extensions as ext
from totor.readers.base import Document


def doc_to_article(doc: Doc, document: Document) -> Article:
    """The record for one document, from the lists the components put on ``doc._``."""
    return Article(
        id=document.id or article_id(doc.text),
        url=document.url,
        outlet=document.outlet,
        title=document.title,
        published=document.published,
        text=doc.text,
        entities=ext.entities(doc),
        places=ext.places(doc),
        times=ext.times(doc),
        figures=ext.figures(doc),
        claims=ext.claims(doc),
        events=ext.events(doc),
        labels=ext.labels(doc),
    )
