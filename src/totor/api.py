"""The Python API: ``extract`` for one text, ``Pipeline`` for batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from totor.model import Article
from totor.nlp.pipeline import build_nlp
from totor.options import PipelineOptions
from totor.readers.base import Document, ReadError
from totor.record import doc_to_article


class Pipeline:
    """A loaded pipeline. Build it once; feed it many documents.

    >>> pipeline = Pipeline()
    >>> for article in pipeline.process(documents): ...
    """

    def __init__(self, options: PipelineOptions | None = None) -> None:
        self.options = options or PipelineOptions()
        self.nlp: Language = build_nlp(self.options)

    def process(self, documents: Iterable[Document]) -> Iterator[Article]:
        """Records for documents, in order, through ``nlp.pipe``."""

        def with_docs() -> Iterator[tuple[Doc, Document]]:
            for document in documents:
                doc = self.nlp.make_doc(document.text)
                doc._.published = document.published
                yield doc, document

        stream = self.nlp.pipe(
            with_docs(),
            as_tuples=True,
            batch_size=self.options.batch_size,
            n_process=self.options.n_process,
        )
        for doc, document in stream:
            yield doc_to_article(doc, document)

    def process_one(self, document: Document) -> Article:
        return next(self.process([document]))

    def read_and_process(self, sources: Iterable[str]) -> Iterator[Article | ReadError]:
        """Read every source (files, directories, globs, URLs, '-') and process it.

        Bad inputs come out as ``ReadError`` in their place; the rest go on.
        """
        from totor.readers import read_sources

        pending: list[Document] = []
        for item in read_sources(sources, self.options.read):
            if isinstance(item, ReadError):
                yield from self.process(pending)
                pending = []
                yield item
                continue
            if self.options.read.published and not item.published:
                item = replace(item, published=self.options.read.published)
            if self.options.read.url and not item.url:
                item = replace(item, url=self.options.read.url)
            pending.append(item)
            if len(pending) >= self.options.batch_size:
                yield from self.process(pending)
                pending = []
        yield from self.process(pending)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline ``extract`` uses, loaded on first call."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(
    text: str,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
) -> Article:
    """The record of one article's text."""
    document = Document(
        text=text, source="<text>", title=title, url=url, published=published, outlet=outlet
    )
    return default_pipeline().process_one(document)
