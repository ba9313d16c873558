"""``Corpus``: the Python API over a store.

>>> corpus = Corpus("totor.db")                 # or "postgresql://user:pw@host/db"
>>> corpus.ingest(["reports/*.html", "feed.xml"])
>>> page = corpus.events(type="ASSAULT", place="Gaza", radius_km=20, date_from="2024-05-01")
>>> page.items, page.next                      # pass next as cursor= for the next page
>>> corpus.clusters().items[0]["accounts"]     # what each source says about one incident
>>> corpus.export("acled", "events.csv")
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from totor import export as exporter
from totor import fuse as fusion
from totor.ingest import IngestCounts, Processor, ProgressCallback, ingest, ingest_documents
from totor.model import Article
from totor.options import PipelineOptions
from totor.readers.base import Document, ReadError
from totor.store import queries
from totor.store.core import Store
from totor.store.queries import EventFilters, FigureFilters, Page


class Corpus:
    """A store of article records with ingest, queries, fusion and export."""

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        *,
        options: PipelineOptions | None = None,
        fuse_options: fusion.FuseOptions | None = None,
    ) -> None:
        self.store = Store(db)
        self.options = options or PipelineOptions()
        self.fuse_options = fuse_options or fusion.FuseOptions()
        self._pipeline: Processor | None = None

    # ------------------------------------------------------------------ ingest
    def pipeline(self, workers: int | None = None) -> Processor:
        """The NLP pipeline, built on first use (loading the model takes seconds)."""
        if workers and workers != self.options.n_process:
            from dataclasses import replace

            self.options = replace(self.options, n_process=workers)
            self._pipeline = None
        if self._pipeline is None:
            from totor.api import Pipeline

            self._pipeline = Pipeline(self.options)
        return self._pipeline

    def ingest(
        self,
        sources: Iterable[str],
        *,
        workers: int | None = None,
        batch_size: int | None = None,
        progress: ProgressCallback | None = None,
        processor: Processor | None = None,
    ) -> IngestCounts:
        """Read, process and store what is new in the sources (see :mod:`totor.ingest`)."""
        return ingest(
            self.store,
            sources,
            processor or self.pipeline(workers),
            batch_size=batch_size or self.options.batch_size,
            progress=progress,
            read_options=self.options.read,
        )

    def ingest_documents(
        self,
        items: Iterable[Document | ReadError],
        *,
        processor: Processor | None = None,
        batch_size: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestCounts:
        return ingest_documents(
            self.store,
            items,
            processor or self.pipeline(),
            batch_size=batch_size or self.options.batch_size,
            progress=progress,
        )

    def add(self, articles: Iterable[Article], source: str | None = None) -> IngestCounts:
        """Store finished records (no NLP), one transaction."""
        from totor.store import writer

        counts = IngestCounts()
        with self.store.begin() as connection:
            for article in articles:
                outcome = writer.write_article(connection, article, source)
                if outcome == "new":
                    counts.new += 1
                elif outcome == "version":
                    counts.versions += 1
                else:
                    counts.skipped += 1
        return counts

    def failures(self, **kwargs: Any) -> Page:
        return queries.failures(self.store, **kwargs)

    # ------------------------------------------------------------------ queries
    def events(
        self, *, limit: int | None = None, cursor: str | None = None, **filters: Any
    ) -> Page:
        """Events; filters are the fields of :class:`totor.store.queries.EventFilters`."""
        return queries.events(self.store, EventFilters(**filters), limit=limit, cursor=cursor)

    def count_events(self, **filters: Any) -> int:
        return queries.count_events(self.store, EventFilters(**filters))

    def figures(
        self, *, limit: int | None = None, cursor: str | None = None, **filters: Any
    ) -> Page:
        """Figures; filters are the fields of :class:`totor.store.queries.FigureFilters`."""
        return queries.figures(self.store, FigureFilters(**filters), limit=limit, cursor=cursor)

    def search(self, text: str, *, limit: int | None = None, cursor: str | None = None) -> Page:
        return queries.search(self.store, text, limit=limit, cursor=cursor)

    def article(self, article_id: str) -> Article | None:
        """The current version of an article by id (or content hash)."""
        from sqlalchemy import or_, select

        from totor.store import schema, writer

        table = schema.articles
        with self.store.connect() as connection:
            pk = connection.scalar(
                select(table.c.pk)
                .where(or_(table.c.id == article_id, table.c.content_hash == article_id))
                .order_by(table.c.current.desc(), table.c.version.desc())
                .limit(1)
            )
            return writer.load_article(connection, pk) if pk is not None else None

    def versions(self, url: str) -> list[queries.ArticleSummary]:
        return queries.article_versions(self.store, url)

    # ------------------------------------------------------------------ fusion
    def fuse(self, options: fusion.FuseOptions | None = None) -> int:
        """Recompute clusters; returns how many there are."""
        return fusion.fuse(self.store, options or self.fuse_options)

    def clusters(
        self,
        *,
        refresh: bool | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **filters: Any,
    ) -> Page:
        """Clusters of events from several articles; recomputed when the store changed."""
        if refresh or (refresh is None and fusion.clusters_stale(self.store)):
            self.fuse()
        return queries.clusters(self.store, limit=limit, cursor=cursor, **filters)

    def figure_series(self, **kwargs: Any) -> list[fusion.FigureSeries]:
        return fusion.figure_series(self.store, self.fuse_options, **kwargs)

    # ------------------------------------------------------------------ export
    def export(self, fmt: str, path: str | Path, **filters: Any) -> int:
        """Write jsonl, csv, parquet, geojson, plover or acled; returns rows written."""
        return exporter.export(self.store, fmt, path, EventFilters(**filters) if filters else None)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
