"""Ingest: read sources, run the pipeline on what is new, store records in committed batches.

Idempotent and resumable:

* a document whose text is already stored (same content hash) is skipped *before* the NLP
  runs, so a rerun after a crash costs only reading;
* records are committed every ``batch_size`` articles; a process killed at any moment
  loses at most the batch in flight, never a committed article, and leaves no partial
  article (each batch is one transaction);
* a changed text under a stored URL becomes a new version of that article;
* an item that cannot be read, processed or stored is kept in ``failures`` with its error
  and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from totor.model import Article, article_id
from totor.readers.base import Document, ReadError, ReadOptions
from totor.store import writer
from totor.store.core import Store


class Processor(Protocol):
    """What ingest needs from a pipeline: ``totor.api.Pipeline`` fits."""

    def process(self, documents: Iterable[Document]) -> Iterator[Article]: ...


@dataclass
class IngestCounts:
    """What a run did. ``new`` counts first versions; ``versions`` changed texts of a URL."""

    new: int = 0
    versions: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[ReadError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.versions

    def to_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "versions": self.versions,
            "skipped": self.skipped,
            "failed": self.failed,
        }


ProgressCallback = Callable[[IngestCounts], None]


def document_hash(document: Document) -> str:
    """The content hash the stored article will have (see ``totor.model.article_id``)."""
    return article_id(document.text)


def _process_chunk(processor: Processor, chunk: list[Document]) -> list[Article | ReadError]:
    """Records for a chunk; when the batch fails, each document alone, to find the bad one."""
    try:
        return list(processor.process(chunk))
    except Exception:  # one bad document must not stop the corpus
        results: list[Article | ReadError] = []
        for document in chunk:
            try:
                results.extend(processor.process([document]))
            except Exception as error:
                results.append(ReadError(document.source, f"processing failed: {error!r}"))
        return results


def ingest_documents(
    store: Store,
    items: Iterable[Document | ReadError],
    processor: Processor,
    *,
    batch_size: int = 32,
    progress: ProgressCallback | None = None,
) -> IngestCounts:
    """Store the records of documents not yet stored; ReadErrors become failures."""
    counts = IngestCounts()
    seen: set[str] = set()  # hashes handled in this run, committed or in the open batch
    pending: list[Document] = []
    read_errors: list[ReadError] = []

    def flush() -> None:
        if not pending and not read_errors:
            return
        results = _process_chunk(processor, pending) if pending else []
        sources = [document.source for document in pending]
        with store.begin() as connection:
            for error in read_errors:
                writer.record_failure(connection, error.source, error.problem, "read")
            for source, result in zip(sources, results, strict=False):
                if isinstance(result, ReadError):
                    writer.record_failure(connection, result.source, result.problem, "process")
                    counts.failed += 1
                    counts.failures.append(result)
                    continue
                outcome = writer.write_article(connection, result, source)
                if outcome == "new":
                    counts.new += 1
                elif outcome == "version":
                    counts.versions += 1
                else:
                    counts.skipped += 1
                writer.mark_resolved(connection, source)
        counts.failed += len(read_errors)
        counts.failures.extend(read_errors)
        pending.clear()
        read_errors.clear()
        if progress:
            progress(counts)

    def stored(batch: list[Document]) -> set[str]:
        with store.connect() as connection:
            return writer.known_hashes(connection, (document_hash(d) for d in batch))

    lookahead: list[Document] = []

    def drain_lookahead() -> None:
        known = stored(lookahead)
        for document in lookahead:
            digest = document_hash(document)
            if digest in known or digest in seen:
                counts.skipped += 1
                continue
            seen.add(digest)
            pending.append(document)
            if len(pending) >= batch_size:
                flush()
        lookahead.clear()
        if progress:
            progress(counts)

    for item in items:
        if isinstance(item, ReadError):
            read_errors.append(item)
            continue
        lookahead.append(item)
        if len(lookahead) >= batch_size:
            drain_lookahead()
    drain_lookahead()
    flush()
    return counts


def ingest(
    store: Store,
    sources: Iterable[str],
    processor: Processor,
    *,
    batch_size: int = 32,
    progress: ProgressCallback | None = None,
    read_options: ReadOptions | None = None,
) -> IngestCounts:
    """Read files, directories, globs, JSONL, feeds, WARC or URLs and store what is new."""
    from totor.readers import read_sources  # the readers package is optional at import time

    items = (
        read_sources(list(sources), read_options) if read_options else read_sources(list(sources))
    )
    return ingest_documents(store, items, processor, batch_size=batch_size, progress=progress)
